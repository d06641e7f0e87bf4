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
// rate × time must be in flight. That time is measured, not assumed: from
// the moment a worker takes its place to the moment it leaves, less what
// it spent waiting its turn (on the rate limiter, on back-offs; see
// vtclient.WithWaits). It so counts the round trip, decoding the answer,
// claiming the observable in the cache and storing the answer, and the
// wait for a CPU on a machine busy reading and scanning the input: a
// lookup run at 600/s and 50 ms measured 52 ms of latency but held each
// place 67 ms, and 140 ms while the input was still being scanned, so
// that sizing from the latency alone reached 510-590/s. A quarter more
// absorbs the jitter, and want never exceeds the pool. So `--rate 600/s`
// fills itself against 50 ms or 500 ms of latency, and a free key (4/min)
// keeps one request at a time. Without a rate to go by, every worker may
// ask.
type gate struct {
	max  int
	rate float64

	mu       sync.Mutex
	inFlight int
	want     int
	busy     time.Duration // moving average of a place's time less its waits (0: none yet)
	// waiting are the workers queued for a place, oldest first. A place
	// that frees is handed to the oldest alone (its channel closed, the
	// place counted for it): waking every waiter to race for it cost the
	// default pool of 640 workers a tenth of a run's CPU at 600/s.
	waiting []chan struct{}
}

// headroom is the share of requests in flight beyond rate × busy time.
const headroom = 1.25

func newGate(max int, rate float64) *gate {
	g := &gate{max: max, rate: rate, want: max}
	if g.paced() {
		g.want = g.sized(firstBusy) // until the first request says how long they take
	}
	return g
}

// paced says whether the gate sizes itself from the rate: with no rate
// or an infinite one, the pool alone bounds the requests.
func (g *gate) paced() bool { return g.rate > 0 && !math.IsInf(g.rate, 1) }

// firstBusy is how long a place is assumed to be held before one has
// been: on the high side of VirusTotal's latency, since a worker too many
// only waits on the rate limiter, and one too few is rate lost.
const firstBusy = 500 * time.Millisecond

// sized is the requests in flight for a place's busy time.
func (g *gate) sized(busy time.Duration) int {
	return max(1, min(g.max, int(math.Ceil(g.rate*busy.Seconds()*headroom))))
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

// leave ends a request whose place was held busy (its time less its
// waits), and sizes the gate again from the moving average of that time;
// a busy of 0 (the place held no request) leaves the size as it was.
func (g *gate) leave(busy time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inFlight--
	if g.paced() && busy > 0 {
		if g.busy > 0 {
			g.busy += time.Duration(busyWeight * float64(busy-g.busy))
		} else {
			g.busy = busy // the first sample
		}
		g.want = g.sized(g.busy)
	}
	g.admit()
}

// busyWeight is the weight of a new sample of a place's busy time: about
// the last 10 count.
const busyWeight = 0.1

// admit hands the free places to the oldest waiters. g.mu is held.
func (g *gate) admit() {
	for g.inFlight < g.want && len(g.waiting) > 0 {
		g.inFlight++
		close(g.waiting[0])
		g.waiting[0] = nil
		g.waiting = g.waiting[1:]
	}
}
