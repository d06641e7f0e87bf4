package vtclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// outcome classifies one attempt: what the lookup does next.
type outcome int

const (
	outcomeFound    outcome = iota // 200 with an object
	outcomeNotFound                // 404 NotFoundError: a result
	outcomeFatal                   // 401: stop the run
	outcomeTooMany                 // 429: back off, or the quota is spent
	outcomeRetry                   // 5xx, timeout, reset, bad body: retry
	outcomeFail                    // any other 4xx: an error result at once
)

// attempt is the outcome of one request.
type attempt struct {
	// sent: the request was written to the connection. When it was not
	// (no connection, the context ended first), VirusTotal never saw it,
	// and its quota unit is refunded.
	sent       bool
	kind       outcome
	status     int // HTTP status; 0 when none came
	code, msg  string
	data       json.RawMessage // the "data" member of a 200 answer
	retryAfter time.Duration
}

// attempt sends one GET for an object path and classifies the answer.
func (c *Client) attempt(ctx context.Context, path string) attempt {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	ans, err := c.get(ctx, path)
	defer ans.res.release() // the body's share of the budget, once parsed
	a := c.classify(ans, err)
	a.sent = ans.sent
	return a
}

// classify turns what get returned into an attempt.
func (c *Client) classify(ans answer, err error) attempt {
	status, hdr, body := ans.status, ans.hdr, ans.body
	if err != nil {
		code := transportCode(err, status != 0)
		return attempt{kind: outcomeRetry, status: status, code: code, msg: c.redact.Replace(err.Error())}
	}
	c.answered(status)
	if status == http.StatusOK {
		// VirusTotal indents its answers; one line is what a CSV cell and
		// the cache want. Compacting the whole body first makes the
		// envelope's scan a third of the bytes (json.go says how both are
		// made cheap).
		compact, err := CompactJSON(body)
		if err != nil {
			return attempt{kind: outcomeRetry, status: status, code: CodeBadResponse,
				msg: "the answer is not a VirusTotal object: " + snippet(body)}
		}
		data, ok := dataMember(compact)
		if !ok {
			var env struct {
				Data json.RawMessage `json:"data"`
			}
			if decodeObject(compact, &env) != nil {
				env.Data = nil
			}
			data = env.Data
		}
		if len(data) == 0 || string(data) == "null" {
			return attempt{kind: outcomeRetry, status: status, code: CodeBadResponse,
				msg: "the answer is not a VirusTotal object: " + snippet(body)}
		}
		return attempt{kind: outcomeFound, status: status, data: data}
	}
	a := attempt{status: status}
	var isAPI bool
	a.code, a.msg, isAPI = parseAPIError(body)
	if !isAPI {
		a.code, a.msg = fmt.Sprintf("HTTP %d", status), http.StatusText(status)+": "+snippet(body)
	}
	a.msg = c.redact.Replace(a.msg)
	switch {
	case status == http.StatusNotFound && a.code == CodeNotFound:
		a.kind = outcomeNotFound
	case status == http.StatusUnauthorized:
		a.kind = outcomeFatal
	case status == http.StatusTooManyRequests:
		a.kind, a.retryAfter = outcomeTooMany, retryAfter(hdr.Get("Retry-After"))
		c.count(func(s *Stats) { s.TooMany++ })
	case status >= 500, status == http.StatusRequestTimeout:
		a.kind = outcomeRetry
	default:
		a.kind = outcomeFail
	}
	return a
}

// answer is what get brings back.
type answer struct {
	// status is non-zero once the headers came, even when reading the
	// body failed.
	status int
	hdr    http.Header
	body   []byte
	// res is the body's share of the client's body budget: release it
	// once done with body.
	res *bodyReservation
	// sent: the request was written to a connection, so VirusTotal may
	// count it. Stats.Requests counts only those.
	sent bool
}

// get sends one GET to the API path and reads the whole answer within the
// client's body budget.
func (c *Client) get(ctx context.Context, path string) (answer, error) {
	var ans answer
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(w httptrace.WroteRequestInfo) {
			if w.Err == nil {
				wrote.Store(true)
			}
		},
	})
	// A body that is neither nil nor NoBody makes the request
	// non-replayable: net/http would otherwise resend a GET by itself when
	// a reused connection breaks, a request that never waited on the rate
	// limiter. Empty, it still goes out without a body.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, noReplay{})
	if err != nil {
		return ans, err
	}
	req.Header.Set("x-apikey", c.cfg.APIKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.http.Do(req)
	// Headers that came back mean it was sent, whatever the trace saw.
	ans.sent = wrote.Load() || resp != nil
	if ans.sent {
		c.count(func(s *Stats) { s.Requests++ })
	}
	if err != nil {
		return ans, err
	}
	defer resp.Body.Close()
	ans.status, ans.hdr = resp.StatusCode, resp.Header
	ans.body, ans.res, err = c.bodies.readBody(ctx, resp.Body, resp.ContentLength)
	return ans, err
}

// noReplay is an empty request body; see get.
type noReplay struct{}

// Read implements io.Reader: always at the end.
func (noReplay) Read([]byte) (int, error) { return 0, io.EOF }

// Close implements io.Closer.
func (noReplay) Close() error { return nil }

// transportCode names a failure that left no usable answer.
func transportCode(err error, gotHeaders bool) string {
	var (
		ne  net.Error
		op  *net.OpError
		dns *net.DNSError
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return CodeTimeout
	case gotHeaders:
		return CodeBadResponse // the body broke off: truncated
	case errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect"), errors.As(err, &dns):
		return CodeConnectionError
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, io.ErrClosedPipe), errors.Is(err, net.ErrClosed), errors.Is(err, syscall.EPIPE),
		errors.As(err, &op) && (op.Op == "read" || op.Op == "write"):
		return CodeConnectionReset
	}
	return CodeConnectionError
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// snippet is the start of a body for messages.
func snippet(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "(empty body)"
	}
	if len(b) > 120 {
		return strconv.Quote(string(b[:120])) + "..."
	}
	return strconv.Quote(string(b))
}

// pathEscape escapes an id for a path element.
func pathEscape(id string) string { return url.PathEscape(id) }
