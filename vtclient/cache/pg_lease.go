package cache

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// pgLease is the owner side of a database cache's claims: the goroutine
// that renews them every Lease/3 while the PG is open. The lease's end is
// the database's clock_timestamp() plus Lease, so machines whose clocks
// disagree agree on it.
type pgLease struct {
	// mu orders Claim against renew: a renewal that finds no claim must
	// not clear held while a Claim is committing one. Claims share it;
	// renew takes it alone.
	mu   sync.RWMutex
	held atomic.Bool // this PG may hold claims: renew them

	quit, done chan struct{}
}

// pgRenew pushes the end of every lease an owner holds to the database's
// now plus the lease.
const pgRenew = `UPDATE claims SET expires = clock_timestamp() + $2::interval WHERE owner = $1`

func (l *pgLease) start(p *PG) {
	l.quit, l.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(l.done)
		t := time.NewTicker(p.opts.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				// A renewal may retry until the next one is due, so that
				// a database restart of a few seconds costs no lease.
				ctx, cancel := context.WithTimeout(context.Background(), p.opts.Lease/3)
				if err := l.renew(ctx, p); err != nil {
					p.opts.Warn(fmt.Sprintf("cache %s: renewing this process's claims: %v", p.name, err))
				}
				cancel()
			case <-l.quit:
				return
			}
		}
	}()
}

// renew writes only while claims are held; finding none, it stops until
// the next Claim.
func (l *pgLease) renew(ctx context.Context, p *PG) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.held.Load() {
		return nil
	}
	var n int64
	err := p.retry(ctx, func(ctx context.Context) error {
		tag, err := p.pool.Exec(ctx, pgRenew, p.owner, p.opts.Lease)
		n = tag.RowsAffected()
		return err
	})
	if err != nil {
		return err
	}
	if n == 0 {
		l.held.Store(false)
	}
	return nil
}

// stop ends the renewals and gives up every claim still held, so that
// other processes take those observables over at once. It tries for a few
// seconds at most: claims it cannot delete end with their lease.
func (l *pgLease) stop(p *PG) error {
	if l.quit == nil {
		return nil // never started: a read-only cache
	}
	close(l.quit)
	<-l.done
	if !l.held.Load() {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := p.pool.Exec(ctx, `DELETE FROM claims WHERE owner = $1`, p.owner)
	if err != nil {
		p.opts.Warn(fmt.Sprintf("cache %s: could not give up this process's claims (%v): others take them over when their lease ends", p.name, p.t.redacted(err)))
	}
	return nil
}
