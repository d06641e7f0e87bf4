package vtclient

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Stats counts what a Client did in this run, for --stats.
type Stats struct {
	// Lookups is the number of Lookup calls.
	Lookups int64 `json:"lookups"`
	// Requests is the number of HTTP requests sent (API calls), retries
	// included.
	Requests int64 `json:"requests"`
	// Waits is the number of rate-limiter waits; one before every request.
	Waits int64 `json:"limiter_waits"`
	// Retries is the number of retries after transient failures.
	Retries int64 `json:"retries"`
	// TooMany is the number of 429 answers.
	TooMany int64 `json:"http_429"`
	// Reserved is the number of daily-quota units this client took from
	// the Ledger: one per request sent, 429s and failures included, as
	// VirusTotal may count them. DailyUsed has the day's total across runs.
	Reserved int64 `json:"quota_reserved"`
	// Errors counts the error Results by code (the part after "Error: ").
	Errors map[string]int64 `json:"errors,omitempty"`
	// BodyPeak is the most bytes of answer bodies held at once, against
	// Config.BodyBudget.
	BodyPeak int64 `json:"body_bytes_peak"`
	// QuotaExhausted is Client.QuotaExhausted at the time of the call.
	QuotaExhausted bool `json:"quota_exhausted"`
}

// Stats returns a copy of the client's counters.
func (c *Client) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Errors = maps.Clone(c.stats.Errors)
	s.QuotaExhausted = c.state.exhausted && !c.cfg.WaitQuota
	s.BodyPeak = c.bodies.Peak()
	return s
}

// count updates the counters under the lock.
func (c *Client) count(f func(*Stats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
}

// DailyUsed is the number of requests the Ledger holds for this key today
// (UTC), across runs and processes sharing it.
func (c *Client) DailyUsed(ctx context.Context) (int, error) {
	return c.cfg.Ledger.Used(ctx, c.keyID, Day(time.Now()))
}

// String is a one-line summary: "requests=12 retries=1 429s=0 errors: ...".
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "lookups=%d requests=%d limiter_waits=%d retries=%d http_429=%d quota_reserved=%d",
		s.Lookups, s.Requests, s.Waits, s.Retries, s.TooMany, s.Reserved)
	for _, code := range slices.Sorted(maps.Keys(s.Errors)) {
		fmt.Fprintf(&b, " error[%s]=%d", code, s.Errors[code])
	}
	if s.QuotaExhausted {
		b.WriteString(" quota_exhausted")
	}
	return b.String()
}
