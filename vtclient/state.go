package vtclient

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// QuotaWindow is how long 429 answers may go on before the client takes
// them for the daily or monthly quota rather than the per-minute one: a
// minute window has surely turned over by then.
const QuotaWindow = 70 * time.Second

// BackoffCap bounds one backoff sleep; the rate limiter may add to it.
const BackoffCap = time.Minute

// retryBase is the first backoff after a transient failure.
const retryBase = time.Second

// resetMargin is how long after 00:00 UTC a client waiting for the daily
// quota wakes: a little late, so that a server clock behind ours cannot
// answer 429 long enough to look like a spent quota and cost another day.
const resetMargin = 30 * time.Second

// state is what one run has learned about the key and its quota; it is
// shared by all Lookups of a Client, under Client.mu.
type state struct {
	fatal *FatalError
	// answers and forbidden count the first three HTTP answers of the run
	// and how many of them were 403.
	answers, forbidden int
	// first429 is when the current unbroken run of 429 answers began.
	first429 time.Time
	// exhausted: the quota is spent; no request goes out until resetAt
	// (with WaitQuota) or ever again (without).
	exhausted bool
	resetAt   time.Time
	quotaMsg  string
}

// gate lets an attempt go ahead, or ends the lookup: done with a
// QuotaExceededError result when the quota is spent, or err when the run
// must stop. With WaitQuota it sleeps until the quota is back.
func (c *Client) gate(ctx context.Context, res *Result) (done bool, err error) {
	for {
		c.mu.Lock()
		st := c.state
		c.mu.Unlock()
		if st.fatal != nil {
			return true, st.fatal
		}
		if !st.exhausted {
			return false, nil
		}
		if !c.cfg.WaitQuota {
			res.Status, res.ResponseCode = StatusError(CodeQuotaExceeded), ResponseFailed
			res.VerboseMsg = st.quotaMsg + "; not looked up"
			c.count(func(s *Stats) { s.Errors[CodeQuotaExceeded]++ })
			return true, nil
		}
		if err := sleep(ctx, time.Until(st.resetAt)); err != nil {
			return true, err
		}
		c.mu.Lock()
		resumed := c.state.exhausted && c.state.resetAt.Equal(st.resetAt)
		if resumed {
			c.state.exhausted, c.state.first429 = false, time.Time{}
		}
		c.mu.Unlock()
		if resumed {
			c.notify("a new UTC day has begun: resuming the lookups")
		}
	}
}

// exhaust records that the quota is spent, and tells the user once.
func (c *Client) exhaust(why string) {
	now := time.Now().UTC()
	reset := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, time.UTC).Add(resetMargin)
	c.mu.Lock()
	if c.state.exhausted {
		c.mu.Unlock()
		return
	}
	c.state.exhausted, c.state.resetAt, c.state.quotaMsg = true, reset, why
	c.mu.Unlock()
	if c.cfg.WaitQuota {
		c.notify(fmt.Sprintf("%s; waiting until 00:00 UTC (%s, in %s) for the daily quota to reset",
			why, reset.Truncate(time.Hour).Format(time.RFC3339), reset.Sub(now).Round(time.Minute)))
	} else {
		c.notify(why + "; no more requests in this run: the remaining lookups get Error: QuotaExceededError")
	}
}

// QuotaExhausted reports whether the client has stopped sending requests
// because the quota is spent, so that every Lookup since has answered
// Error: QuotaExceededError (the CLI exits with ExitQuota). With WaitQuota
// the client waits for the quota instead, and this stays false.
func (c *Client) QuotaExhausted() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state.exhausted && !c.cfg.WaitQuota
}

// tooMany records a 429 answer and reports whether it means the quota is
// spent: 429s have gone on longer than QuotaWindow, or the API asks for a
// longer wait than that.
func (c *Client) tooMany(a attempt) (spent bool) {
	now := time.Now()
	c.mu.Lock()
	if c.state.first429.IsZero() {
		c.state.first429 = now
	}
	long := now.Sub(c.state.first429) >= QuotaWindow || a.retryAfter > QuotaWindow
	c.mu.Unlock()
	if long {
		c.exhaust(fmt.Sprintf("VirusTotal answers %s (%s) for more than a minute: the daily or monthly quota of the key is used up",
			a.code, c.redact.Replace(a.msg)))
	}
	return long
}

// answered records an HTTP answer other than 429 for the 429 streak and the
// first-three-403 rule.
func (c *Client) answered(status int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if status != 429 {
		c.state.first429 = time.Time{}
	}
	if c.state.answers < 3 {
		c.state.answers++
		if status == 403 {
			c.state.forbidden++
		}
	}
}

// forbiddenStreak returns a FatalError when the first three answers of the
// run were all 403: the key lacks the privilege, and every lookup would
// fail the same way.
func (c *Client) forbiddenStreak() error {
	c.mu.Lock()
	all := c.state.answers == 3 && c.state.forbidden == 3
	c.mu.Unlock()
	if !all {
		return nil
	}
	return c.setFatal(fatalFor(CodeForbidden, ""))
}

// unreachable returns a FatalError when a lookup gave up on connection
// errors before the run ever had an answer: the URL or proxy is wrong, and
// each later lookup would spend its retries the same way.
func (c *Client) unreachable(a attempt) error {
	c.mu.Lock()
	never := c.state.answers == 0
	c.mu.Unlock()
	if a.code != CodeConnectionError || !never {
		return nil
	}
	return c.setFatal(&FatalError{Code: a.code,
		Message: fmt.Sprintf("cannot reach VirusTotal at %s (check --vt-url and the proxy settings): %s", c.cfg.BaseURL, a.msg)})
}

// setFatal records the run's fatal error (the first one wins) and returns it.
func (c *Client) setFatal(e *FatalError) error {
	e.Message = c.redact.Replace(e.Message)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state.fatal == nil {
		c.state.fatal = e
	}
	return c.state.fatal
}

// backoff429 is the sleep after the n-th 429 of a lookup: one rate interval
// doubled per 429, with jitter, capped, and never shorter than Retry-After.
func (c *Client) backoff429(n int, retryAfter time.Duration) time.Duration {
	base := time.Second
	if c.cfg.Rate != 0 && c.cfg.Rate < 1e9 {
		base = max(time.Duration(float64(time.Second)/float64(c.cfg.Rate)), time.Millisecond)
	}
	return max(jitter(base, n), retryAfter)
}

// backoffRetry is the sleep before the n-th retry of a transient failure.
func (c *Client) backoffRetry(n int) time.Duration { return jitter(retryBase, n) }

// jitter is base·2^(n-1) plus up to half of it at random, capped at
// BackoffCap: spread out, so that workers do not retry in lockstep.
func jitter(base time.Duration, n int) time.Duration {
	d := base
	for i := 1; i < n && d < BackoffCap; i++ {
		d *= 2
	}
	d += time.Duration(rand.Int64N(int64(d)/2 + 1))
	return min(d, BackoffCap)
}
