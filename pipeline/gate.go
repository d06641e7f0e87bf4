package pipeline

import (
	"context"
	"math"
	"sync"
	"time"
)

// gate bounds the API requests in flight. The pool has Workers goroutines;
// the gate lets want of them ask at once, and want follows Little's law:
// to send rate requests a second when each takes latency, rate × latency
// must be in flight. A quarter more absorbs the jitter of the latency, and
// want never exceeds the pool. So `--rate 600/s` fills itself against 50 ms
// or 500 ms of latency, and a free key (4/min) keeps one request at a time.
// Without a rate or a latency to go by, every worker may ask.
type gate struct {
	max     int
	rate    float64
	latency func() time.Duration // nil: fixed at max

	mu       sync.Mutex
	inFlight int
	want     int
	change   chan struct{}
}

// latencyReporter is a Client that measures its requests (vtclient.Client).
type latencyReporter interface{ Latency() time.Duration }

// headroom is the share of requests in flight beyond rate × latency.
const headroom = 1.25

func newGate(max int, rate float64, client Client) *gate {
	g := &gate{max: max, rate: rate, want: max, change: make(chan struct{})}
	if lr, ok := client.(latencyReporter); ok && rate > 0 && !math.IsInf(rate, 1) {
		g.latency = lr.Latency
		g.want = g.sized(firstLatency) // until the first answer says how long they take
	}
	return g
}

// firstLatency is what a request is assumed to take before one has: on the
// high side of VirusTotal's, since a worker too many only waits on the
// rate limiter, and one too few is rate lost.
const firstLatency = 500 * time.Millisecond

// sized is the requests in flight for a latency.
func (g *gate) sized(lat time.Duration) int {
	return max(1, min(g.max, int(math.Ceil(g.rate*lat.Seconds()*headroom))))
}

// enter waits until one more request may be in flight.
func (g *gate) enter(ctx context.Context) error {
	for {
		g.mu.Lock()
		if g.inFlight < g.want {
			g.inFlight++
			g.mu.Unlock()
			return nil
		}
		change := g.change
		g.mu.Unlock()
		select {
		case <-change:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// leave ends a request and sizes the gate again from the latency.
func (g *gate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inFlight--
	if g.latency != nil {
		if lat := g.latency(); lat > 0 {
			g.want = g.sized(lat)
		}
	}
	close(g.change)
	g.change = make(chan struct{})
}
