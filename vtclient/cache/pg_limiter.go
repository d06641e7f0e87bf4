package cache

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/vtclient"
)

// pgReserveSlots reserves $3 request slots of key $1, spaced $2 apart, by
// GCRA (the generic cell rate algorithm: one "theoretical arrival time"
// per key, tat, the time the next slot would be free). In one statement,
// on the database's clock: the first slot is at max(tat, now) less the
// burst tolerance, and tat moves n intervals on. The row lock makes
// processes take turns. It returns where the first slot lies from now, in
// seconds (negative: it is free already).
const pgReserveSlots = `INSERT INTO rate_limits AS r (key_id, tat) VALUES ($1, clock_timestamp() + $2::interval * $3)
	ON CONFLICT (key_id) DO UPDATE SET tat = greatest(r.tat, clock_timestamp()) + $2::interval * $3
	RETURNING extract(epoch FROM r.tat - $2::interval * $3 - clock_timestamp())::float8`

// Batching: a reservation takes one slot per goroutine waiting at that
// moment, at most the slots of batchHorizon at the rate (and maxBatch),
// so that a fast key's process pays one round trip for many requests
// while a slow key's reserves one at a time and a killed process wastes
// no more than batchHorizon of the key's rate.
const (
	batchHorizon = 50 * time.Millisecond
	maxSlotBatch = 64
)

// Limiter implements Store: a GCRA limiter in the database for the key
// keyID, which every process on every machine sharing the database draws
// from. Wait costs a round trip per reservation (see pgLimiter). rate.Inf
// has nothing to hold to: nil, and the client's own limiter lets every
// request through.
func (p *PG) Limiter(keyID string, r rate.Limit, burst int) vtclient.Limiter {
	if r == rate.Inf || r <= 0 || checkKeyID(keyID) != nil {
		return nil
	}
	interval := time.Duration(float64(time.Second) / float64(r))
	batch := max(1, min(maxSlotBatch, int(batchHorizon/interval)))
	return &pgLimiter{p: p, keyID: keyID, interval: interval, tolerance: time.Duration(max(burst-1, 0)) * interval, batch: batch}
}

// pgLimiter hands out request slots reserved in the database. Waiters
// queue; the first one leads: it reserves a slot for every waiter in the
// queue in one statement (one round trip), hands them out, and goes on
// while more queued meanwhile. Each waiter then sleeps until its slot.
//
// A slot is a time on the database's clock turned into a wait from when
// the answer came back: the one-way trip of the answer only adds to the
// wait, and clocks of the machines never enter. Two processes' slots are
// one interval apart at the database; their requests can come closer by
// the difference of their answers' trips (a fraction of a millisecond on
// a LAN): the tolerance the README states. A slot whose waiter gave up is
// lost, not given to another, which can only lower the rate.
type pgLimiter struct {
	p         *PG
	keyID     string
	interval  time.Duration // 1/rate
	tolerance time.Duration // (burst-1)·interval
	batch     int           // most slots per reservation

	mu      sync.Mutex
	queue   []*slotWaiter
	leading bool
}

// slotWaiter is one Wait: at is when its slot opens (local monotonic
// time), err why it got none; done is closed once either is set.
type slotWaiter struct {
	at   time.Time
	err  error
	done chan struct{}
}

// Wait implements vtclient.Limiter.
func (l *pgLimiter) Wait(ctx context.Context) error {
	w := &slotWaiter{done: make(chan struct{})}
	l.mu.Lock()
	l.queue = append(l.queue, w)
	lead := !l.leading
	l.leading = true
	l.mu.Unlock()
	if lead {
		l.lead(ctx)
	}
	select {
	case <-w.done:
	case <-ctx.Done():
		return ctx.Err()
	}
	if w.err != nil {
		return w.err
	}
	d := time.Until(w.at)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// lead reserves slots for the queue until it is empty. The reservations
// outlive the leader's ctx: they serve the other waiters too.
func (l *pgLimiter) lead(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	for {
		l.mu.Lock()
		n := min(len(l.queue), l.batch)
		if n == 0 {
			l.leading = false
			l.mu.Unlock()
			return
		}
		ws := l.queue[:n:n]
		l.queue = l.queue[n:]
		l.mu.Unlock()
		first, err := l.reserve(ctx, n)
		for i, w := range ws {
			w.at, w.err = first.Add(time.Duration(i)*l.interval), err
			close(w.done)
		}
	}
}

// reserve takes n slots in the database and returns when the first opens,
// on the local clock. Slots are interval apart.
func (l *pgLimiter) reserve(ctx context.Context, n int) (time.Time, error) {
	var offset float64
	err := l.p.retry(ctx, func(ctx context.Context) error {
		return l.p.pool.QueryRow(ctx, pgReserveSlots, l.keyID, l.interval, n).Scan(&offset)
	})
	if err != nil {
		return time.Time{}, err
	}
	wait := time.Duration(offset*float64(time.Second)) - l.tolerance
	return time.Now().Add(max(wait, 0)), nil
}
