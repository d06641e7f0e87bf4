package cache

import (
	"context"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/vtclient"
)

// pgReserveSlots reserves $3 request slots of key $1, spaced $2 apart, by
// GCRA (the generic cell rate algorithm: one "theoretical arrival time"
// per key, tat, the time the next slot would be free). In one statement,
// on the database's clock: the first slot is at max(tat, now), and tat
// moves n intervals on. The row lock makes processes take turns. It
// returns the first slot and the database's now, as Unix seconds.
const pgReserveSlots = `INSERT INTO rate_limits AS r (key_id, tat) VALUES ($1, clock_timestamp() + $2::interval * $3)
	ON CONFLICT (key_id) DO UPDATE SET tat = greatest(r.tat, clock_timestamp()) + $2::interval * $3
	RETURNING extract(epoch FROM r.tat - $2::interval * $3)::float8, extract(epoch FROM clock_timestamp())::float8`

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
// A slot is a time on the database's clock. Each process turns it into
// one on its own by the offset between the clocks, estimated as NTP does:
// the database's now against the middle of the round trip that read it,
// from the quickest round trip of the last half minute (its error is at
// most half that trip, a fraction of a millisecond on a LAN). So the
// machines' clocks may disagree by any amount, and a slow answer (a
// loaded machine, a GC pause) does not shift the slots it brings. Two
// processes' slots are one interval apart at the database; what is left
// is the time between a slot and its request leaving (a timer firing
// late, the request's own trip): the tolerance the README states. A slot
// whose waiter gave up is lost, not given to another, which can only
// lower the rate.
type pgLimiter struct {
	p         *PG
	keyID     string
	interval  time.Duration // 1/rate
	tolerance time.Duration // (burst-1)·interval
	batch     int           // most slots per reservation

	mu      sync.Mutex
	queue   []*slotWaiter
	leading bool

	clock clockOffset // only the leader touches it
}

// clockOffset estimates the database's clock minus the local one.
type clockOffset struct {
	offset time.Duration // database minus local wall clock
	rtt    time.Duration // the round trip the estimate came from
	at     time.Time     // when
}

// offsetFresh is how long an estimate stands against slower round trips:
// clocks drift apart by tens of microseconds a second at most.
const offsetFresh = 30 * time.Second

// sample takes one reading of the database's clock, dbNow, made during
// the round trip from sent to got, and returns the offset to use.
func (c *clockOffset) sample(sent, got, dbNow time.Time) time.Duration {
	rtt := got.Sub(sent)
	mid := sent.Add(rtt / 2)
	if c.at.IsZero() || rtt <= c.rtt || got.Sub(c.at) > offsetFresh {
		c.offset, c.rtt, c.at = dbNow.Sub(mid.Round(0)), rtt, got
	}
	return c.offset
}

// slotWaiter is one Wait: at is when its slot opens (local monotonic
// time), err why it got none; done is closed once either is set.
type slotWaiter struct {
	at   time.Time
	err  error
	done chan struct{}
}

// Wait implements vtclient.Limiter. A slot that reaches its waiter more
// than a grace after it opened (a slow answer, a starved goroutine) is
// dropped and another one taken: sent late, it would bunch up with the
// next process's slot.
func (l *pgLimiter) Wait(ctx context.Context) error {
	for {
		at, err := l.slot(ctx)
		if err != nil {
			return err
		}
		if d := time.Until(at); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			}
		}
		if time.Since(at) <= l.grace() {
			return nil
		}
	}
}

// grace is how late a slot may be used: half an interval, and at least
// minGrace, so that a fast key's slots are not all dropped on a busy
// machine.
func (l *pgLimiter) grace() time.Duration { return max(l.interval/2, minGrace) }

// minGrace bounds grace from below.
const minGrace = 5 * time.Millisecond

// slot queues for the next slot and returns when it opens.
func (l *pgLimiter) slot(ctx context.Context) (time.Time, error) {
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
		return w.at, w.err
	case <-ctx.Done():
		return time.Time{}, ctx.Err()
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
// on the local clock (a time with a monotonic reading). Slots are interval
// apart.
func (l *pgLimiter) reserve(ctx context.Context, n int) (time.Time, error) {
	var slot, dbNow float64
	var sent, got time.Time
	err := l.p.retry(ctx, func(ctx context.Context) error {
		sent = time.Now()
		err := l.p.pool.QueryRow(ctx, pgReserveSlots, l.keyID, l.interval, n).Scan(&slot, &dbNow)
		got = time.Now()
		return err
	})
	if err != nil {
		return time.Time{}, err
	}
	offset := l.clock.sample(sent, got, unixSeconds(dbNow))
	// got.Round(0) is got's wall clock; got itself keeps the monotonic
	// reading, so the wait survives a step of the wall clock.
	wait := unixSeconds(slot).Add(-offset).Sub(got.Round(0)) - l.tolerance
	return got.Add(max(wait, 0)), nil
}

// unixSeconds is a time given as Unix seconds with a fraction.
func unixSeconds(s float64) time.Time {
	sec := math.Floor(s)
	return time.Unix(int64(sec), int64((s-sec)*1e9))
}
