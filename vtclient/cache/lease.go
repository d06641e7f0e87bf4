package cache

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"time"
)

// lease is the owner side of claims: who this Cache is in the claims
// table, and the goroutine that keeps its claims alive while it is open.
type lease struct {
	owner string // random, plus the pid for whoever reads the table

	// mu orders Claim against renew: a renewal that finds no claim must
	// not clear held while a Claim is committing one.
	mu   sync.Mutex
	held bool // this Cache may hold claims: renew them

	quit, done chan struct{}
}

// newOwner is a fresh owner id. Random, not the pid alone: a pid is reused,
// and a new process must not inherit the claims of a killed one.
func newOwner() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand panics rather)
	return fmt.Sprintf("%s-%d", hex.EncodeToString(b[:]), os.Getpid())
}

// start runs the renewal goroutine: every Lease/3, so that a renewal can
// be late by a whole busy timeout (another process holding the write lock)
// and still land before the lease ends (see "Claims and leases" in doc.go).
func (l *lease) start(c *Cache) {
	l.quit, l.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(l.done)
		t := time.NewTicker(c.opts.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if err := l.renew(context.Background(), c); err != nil {
					c.opts.Warn(fmt.Sprintf("cache %s: renewing this process's claims: %v", c.path, err))
				}
			case <-l.quit:
				return
			}
		}
	}()
}

// renew pushes the end of every lease this Cache holds to now + Lease. It
// writes only while claims are held; finding none, it stops until the next
// Claim.
func (l *lease) renew(ctx context.Context, c *Cache) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.held {
		return nil
	}
	var n int64
	err := c.claimTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE claims SET expires = ? WHERE owner = ?`,
			c.opts.Now().Add(c.opts.Lease).UnixNano(), l.owner)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return c.writeError(err)
	}
	if n == 0 {
		l.held = false
	}
	return nil
}

// stop ends the renewal goroutine and gives up every claim still held, so
// that other processes take those observables over at once.
func (l *lease) stop(c *Cache) error {
	if l.quit == nil {
		return nil // never started: a read-only cache
	}
	close(l.quit)
	<-l.done
	err := c.claimTx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM claims WHERE owner = ?`, l.owner)
		return err
	})
	return c.writeError(err)
}
