package pipeline

import (
	"context"
	"math"
	"slices"
	"sync"
	"time"
)

// gate bounds the API requests in flight. The pool has Workers goroutines;
// the gate lets want of them ask at once, and want follows Little's law:
// to send rate requests a second when each holds its place for a time,
// rate × time must be in flight. That time is the request's latency plus
// what the worker does around it while holding the place (claiming the
// observable in the cache, storing the answer: with 10 ms for each, the
// latency alone reached 545 of 600/s in TestRunSizesItsRequestsFromTheRate).
// A quarter more absorbs the jitter, and want never exceeds the pool. So `--rate 600/s` fills itself against 50 ms
// or 500 ms of latency, and a free key (4/min) keeps one request at a time.
// Without a rate or a latency to go by, every worker may ask.
type gate struct {
	max     int
	rate    float64
	latency func() time.Duration // nil: fixed at max

	mu       sync.Mutex
	inFlight int
	want     int
	around   time.Duration // moving average of a place's time outside its request
	// waiting are the workers queued for a place, oldest first. A place
	// that frees is handed to the oldest alone (its channel closed, the
	// place counted for it): waking every waiter to race for it cost the
	// default pool of 640 workers a tenth of a run's CPU at 600/s.
	waiting []chan struct{}
}

type latencyReporter interface{ Latency() time.Duration }

// headroom is the share of requests in flight beyond rate × latency.
const headroom = 1.25

func newGate(max int, rate float64, client Client) *gate {
	g := &gate{max: max, rate: rate, want: max}
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
	g.mu.Lock()
	if g.inFlight < g.want && len(g.waiting) == 0 {
		g.inFlight++
		g.mu.Unlock()
		return nil
	}
	admitted := make(chan struct{})
	g.waiting = append(g.waiting, admitted)
	g.mu.Unlock()
	select {
	case <-admitted:
		return nil
	case <-ctx.Done():
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	select {
	case <-admitted: // handed a place as ctx ended: pass it on
		g.inFlight--
		g.admit()
	default:
		g.waiting = slices.DeleteFunc(g.waiting, func(c chan struct{}) bool { return c == admitted })
	}
	return ctx.Err()
}

// leave ends a request whose place was held for around beyond the request
// itself, and sizes the gate again from the latency and that time.
func (g *gate) leave(around time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inFlight--
	if g.latency != nil {
		g.around += time.Duration(aroundWeight * float64(around-g.around))
		if lat := g.latency(); lat > 0 {
			g.want = g.sized(lat + g.around)
		}
	}
	g.admit()
}

// aroundWeight is the weight of a new sample of the time around a request,
// as vtclient weighs its latency: about the last 10 count.
const aroundWeight = 0.1

// admit hands the free places to the oldest waiters. g.mu is held.
func (g *gate) admit() {
	for g.inFlight < g.want && len(g.waiting) > 0 {
		g.inFlight++
		close(g.waiting[0])
		g.waiting[0] = nil
		g.waiting = g.waiting[1:]
	}
}
