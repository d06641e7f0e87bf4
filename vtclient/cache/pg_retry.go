package cache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrUnavailable is wrapped by the errors of a database cache that has
// been out of reach for longer than Options.Retry.
var ErrUnavailable = errors.New("the cache database is out of reach")

// UnavailableError is an operation that gave up on a database out of
// reach for longer than Options.Retry. It also matches ErrCacheFull: like
// a full disk, the cache cannot keep more answers, so a caller should stop
// asking VirusTotal; the answers it could not store are in the side file
// Unsaved, which the next Open of the same database imports.
type UnavailableError struct {
	// Target is the database URL without its password.
	Target string
	// Unsaved is the local side file of the answers not stored.
	Unsaved string
	// For is how long the operation retried.
	For time.Duration
	// Err is the last error, without the password.
	Err error
}

// Error names the database, how long it was tried, and the side file.
func (e *UnavailableError) Error() string {
	return fmt.Sprintf("cache %s: the database has been out of reach for %s (%v); answers it could not store are kept in %s and imported by the next run that opens this cache",
		e.Target, e.For.Round(time.Second), e.Err, e.Unsaved)
}

// Is makes errors.Is true for ErrUnavailable and ErrCacheFull.
func (e *UnavailableError) Is(target error) bool {
	return target == ErrUnavailable || target == ErrCacheFull
}

// Unwrap returns the last error.
func (e *UnavailableError) Unwrap() error { return e.Err }

// Back-off between tries of an operation on a database out of reach.
const (
	retryFirst = 50 * time.Millisecond
	retryMax   = 2 * time.Second
)

// retry runs op until it succeeds, fails for a reason other than a lost
// database, or Options.Retry has passed (then *UnavailableError). Every
// op must be safe to run again after a try whose commit may or may not
// have landed: they are (see each caller), or err on the safe side (a
// ledger count or rate token taken twice).
func (p *PG) retry(ctx context.Context, op func(context.Context) error) error {
	start := time.Now()
	delay := retryFirst
	for {
		err := op(ctx)
		if err == nil {
			p.reachable()
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !transient(err) {
			return p.t.redacted(err)
		}
		if waited := time.Since(start); waited >= p.opts.Retry {
			return &UnavailableError{Target: p.name, Unsaved: p.unsavedPath(), For: waited, Err: p.t.redacted(err)}
		}
		p.unreachable(err)
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
		delay = min(2*delay, retryMax)
	}
}

// unreachable tells the user, once per outage, that the database went away.
func (p *PG) unreachable(err error) {
	if p.down.CompareAndSwap(false, true) {
		p.opts.Warn(fmt.Sprintf("cache %s: lost the database (%v); retrying for up to %s", p.name, p.t.redacted(err), p.opts.Retry))
	}
}

// reachable tells the user, once, that the database is back.
func (p *PG) reachable() {
	if p.down.Load() && p.down.CompareAndSwap(true, false) {
		p.opts.Warn(fmt.Sprintf("cache %s: the database is back", p.name))
	}
}

// transient reports whether err means the database, or the way to it, is
// away for now (a restart, a fail-over, a broken connection, too many
// connections): what retry waits out. An error the server gave about the
// statement itself is not.
func transient(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "57014": // query_canceled: a context ended
			return false
		case len(pe.Code) == 5 && (pe.Code[:2] == "08" || pe.Code[:2] == "57" || pe.Code[:2] == "53" || pe.Code[:2] == "40"):
			// connection exception, operator intervention (shutdown,
			// starting up), insufficient resources, serialization failure
			// or deadlock
			return true
		}
		return false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return pgconn.SafeToRetry(err) || errors.Is(err, pgconn.ErrConnClosed) || errors.As(err, &ce) ||
		errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}
