package vtclient

import (
	"context"
	"time"
)

// waitsKey is the context key of a lookup's wait recorder.
type waitsKey struct{}

// WithWaits returns a context whose lookups add to *waited the time they
// spend waiting rather than working: on the rate limiter, on back-offs
// after a 429 or a failure, and for the daily quota to reset. The caller
// can then tell a request's own time from its wait for a turn, which a
// pool sized by Little's law needs: counting the limiter's wait as work
// would grow the pool whenever the rate, not the pool, is the bound. One
// lookup at a time may use a recorder (it is not synchronised).
func WithWaits(ctx context.Context, waited *time.Duration) context.Context {
	return context.WithValue(ctx, waitsKey{}, waited)
}

// AddWait adds d to the wait recorder of ctx, if it has one (see
// WithWaits). Clients other than this package's that pace their requests
// call it too.
func AddWait(ctx context.Context, d time.Duration) {
	if w, ok := ctx.Value(waitsKey{}).(*time.Duration); ok && w != nil {
		*w += d
	}
}
