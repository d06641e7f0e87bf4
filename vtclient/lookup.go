package vtclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// Lookup fetches the VirusTotal object of one observable and maps it to a
// Result. Per-item failures are Results (Status "Error: <code>",
// ResponseCode -1, VerboseMsg saying why); an error is returned only when
// the run must stop: a *FatalError (the key is refused), the context's
// error, a Ledger failure, or an IoC type VirusTotal has no collection for.
//
// Every attempt, retries included, first waits on the rate limiter, then
// reserves one unit of the daily quota, then sends; a unit whose request
// was never written to a connection is refunded, so quota is spent only on
// requests that are actually sent.
func (c *Client) Lookup(ctx context.Context, t ioc.Type, observable string) (Result, error) {
	c.count(func(s *Stats) { s.Lookups++ })
	res := Result{Observable: observable, Type: t}
	path, err := c.objectPath(t, observable)
	if err != nil {
		return res, err
	}
	a, done, err := c.fetch(ctx, path, &res)
	if done || err != nil {
		return res, err
	}
	if res, err = c.found(t, observable, a); err != nil || !res.Found() {
		return res, err
	}
	if coll := Collection(t); c.cfg.DetectedURLs && (coll == "domains" || coll == "ip_addresses") {
		err = c.detectedURLs(ctx, coll, &res)
	}
	return res, err
}

// fetch sends GETs for path until one brings an answer: the 200 attempt,
// or done with res set to the outcome (NotFound, an error Result), or err
// when the run must stop.
func (c *Client) fetch(ctx context.Context, path string, res *Result) (attempt, bool, error) {
	var tries, tooMany int
	for {
		if done, err := c.gate(ctx, res); done || err != nil {
			return attempt{}, true, err
		}
		// The order spends quota only on requests that go out: the limiter
		// first (a wait that is cancelled reserves nothing), then the
		// ledger, then the request, whose unit is refunded if it never
		// left (see attempt.sent).
		if err := c.wait(ctx); err != nil {
			return attempt{}, true, err
		}
		day := Day(time.Now())
		ok, err := c.cfg.Ledger.Reserve(ctx, c.keyID, day, c.cfg.DailyQuota)
		if err != nil {
			if ctx.Err() != nil {
				return attempt{}, true, ctx.Err()
			}
			return attempt{}, true, fmt.Errorf("daily quota ledger: %w", err)
		}
		if !ok {
			c.exhaust(fmt.Sprintf("the daily quota of %d requests (--daily-quota) is used up", c.cfg.DailyQuota))
			continue
		}
		c.count(func(s *Stats) { s.Reserved++ })
		a := c.attempt(ctx, path)
		if !a.sent {
			if err := c.refund(ctx, day); err != nil {
				return a, true, err
			}
		}
		if err := ctx.Err(); err != nil && a.kind != outcomeFound && a.kind != outcomeNotFound {
			return a, true, err // an answer that came is kept: its quota is spent
		}
		switch a.kind {
		case outcomeFound:
			return a, false, nil
		case outcomeNotFound:
			res.Status, res.ResponseCode, res.VerboseMsg = StatusNotFound, ResponseNotFound, a.msg
			res.FetchedAt = time.Now()
			return a, true, nil
		case outcomeFatal:
			return a, true, c.setFatal(fatalFor(a.code, a.msg))
		case outcomeTooMany:
			tooMany++
			if spent := c.tooMany(a); spent {
				continue // gate() now answers QuotaExceededError or waits
			}
			if err := sleep(ctx, c.backoff429(tooMany, a.retryAfter)); err != nil {
				return a, true, err
			}
		case outcomeRetry:
			if tries >= c.cfg.Retries {
				if err := c.unreachable(a); err != nil {
					return a, true, err
				}
				*res = c.failed(*res, a, tries+1)
				return a, true, nil
			}
			tries++
			c.count(func(s *Stats) { s.Retries++ })
			if err := sleep(ctx, c.backoffRetry(tries)); err != nil {
				return a, true, err
			}
		default: // outcomeFail
			if a.status == 403 {
				if err := c.forbiddenStreak(); err != nil {
					return a, true, err
				}
			}
			*res = c.failed(*res, a, tries+1)
			return a, true, nil
		}
	}
}

// objectPath is the API path of an observable's object, relationships
// included.
func (c *Client) objectPath(t ioc.Type, observable string) (string, error) {
	coll := Collection(t)
	if coll == "" {
		return "", fmt.Errorf("vtclient: VirusTotal cannot look up IoC type %v", t)
	}
	id := observable
	if t == ioc.URL {
		id = URLID(observable)
	}
	return coll + "/" + pathEscape(id) + c.rels[coll], nil
}

// found maps a 200 answer; an object that does not map is a bad response.
func (c *Client) found(t ioc.Type, observable string, a attempt) (Result, error) {
	res, err := fromAnswer(t, observable, c.redactJSON(a.data))
	if err != nil {
		// Not retried: the same request would most likely bring the same
		// answer, and each try spends quota. A mismatched answer is an
		// error result, so it is never cached.
		a.code, a.msg = CodeBadResponse, err.Error()
		if errors.Is(err, ErrMismatchedAnswer) {
			a.code = CodeMismatchedAnswer
		}
		return c.failed(Result{Observable: observable, Type: t}, a, 1), nil
	}
	res.FetchedAt = time.Now()
	res.rawChecked = true // classify compacted and checked the answer; redaction keeps it so
	return res, nil
}

// failed is the error Result of a lookup that ended with a's failure.
func (c *Client) failed(res Result, a attempt, attempts int) Result {
	res.Status, res.ResponseCode = StatusError(a.code), ResponseFailed
	res.VerboseMsg = a.msg
	if attempts > 1 {
		res.VerboseMsg = fmt.Sprintf("%s (after %d attempts)", a.msg, attempts)
	}
	res.VerboseMsg = c.redact.Replace(res.VerboseMsg)
	c.count(func(s *Stats) { s.Errors[a.code]++ })
	return res
}

// wait blocks on the rate limiter until the next request may go out.
func (c *Client) wait(ctx context.Context) error {
	c.count(func(s *Stats) { s.Waits++ })
	start := time.Now()
	err := c.limiter.Wait(ctx)
	AddWait(ctx, time.Since(start))
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("rate limiter: %w", err) // the deadline comes before the next slot
	}
	return nil
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	start := time.Now()
	defer func() { AddWait(ctx, time.Since(start)) }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// refund gives back the unit of a request that never went out.
func (c *Client) refund(ctx context.Context, day string) error {
	if err := c.cfg.Ledger.Refund(context.WithoutCancel(ctx), c.keyID, day); err != nil {
		return fmt.Errorf("daily quota ledger: %w", err)
	}
	c.count(func(s *Stats) { s.Reserved-- })
	return nil
}
