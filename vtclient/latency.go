package vtclient

import (
	"sync"
	"time"
)

// latency is a moving average of how long a request takes once the rate
// limiter let it go: the quota ledger, the round trip and the body. The
// pipeline sizes its pool of workers from it (rate × latency requests are
// in flight at the configured rate).
type latency struct {
	mu   sync.Mutex
	avg  time.Duration
	seen bool
}

// latencyWeight is the weight of a new sample: about the last 10 count.
const latencyWeight = 0.1

func (l *latency) observe(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.seen {
		l.avg, l.seen = d, true
		return
	}
	l.avg += time.Duration(latencyWeight * float64(d-l.avg))
}

// Latency is the moving average of the time a request takes after the
// rate limiter let it go (0 before the first).
func (c *Client) Latency() time.Duration {
	c.latency.mu.Lock()
	defer c.latency.mu.Unlock()
	return c.latency.avg
}
