package vtclient

import (
	"context"

	"golang.org/x/time/rate"
)

// Limiter paces requests: every attempt, retries included, waits on it
// before it goes out. *rate.Limiter (golang.org/x/time/rate) is one, for a
// process alone; a cache shared by several machines gives one kept in the
// database, so that they all hold to one key's rate together (see
// Config.Limiter).
type Limiter interface {
	// Wait blocks until the next request may go out, or ctx ends.
	Wait(ctx context.Context) error
}

// LimiterFunc makes the limiter of a key: keyID is KeyID of the key, r the
// rate to hold to (already 0.83% under the configured one, see paced)
// and burst how many requests may go out back to back. It returns nil when
// it has no limiter to give: the client then uses one of its own.
type LimiterFunc func(keyID string, r rate.Limit, burst int) Limiter

// newLimiter is the limiter of a new client: cfg.Limiter's, or a local one.
func newLimiter(cfg Config, keyID string) Limiter {
	r := paced(cfg.Rate)
	if cfg.Limiter != nil {
		if l := cfg.Limiter(keyID, r, cfg.Burst); l != nil {
			return l
		}
	}
	return rate.NewLimiter(r, cfg.Burst)
}
