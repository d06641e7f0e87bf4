package cache

import (
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// Forever, as a TTL, keeps entries until they are purged. It is what the
// CLI's `--cache-ttl 0` maps to; the zero Duration means "the default".
const Forever time.Duration = -1

// Defaults for the zero Options.
const (
	DefaultFoundTTL      = 7 * 24 * time.Hour
	DefaultNotFoundTTL   = 24 * time.Hour
	DefaultFlushInterval = 200 * time.Millisecond
	// DefaultLease is how long a claim lives without renewal; see
	// "Claims and leases" in doc.go for why 30 s.
	DefaultLease = 30 * time.Second
	// DefaultRetry is how long an operation on a database cache retries
	// a database that went away (a restart, a fail-over) before it gives
	// up; see "A database that goes away" in doc.go.
	DefaultRetry = time.Minute
)

// Options tune a Cache. The zero value is the documented defaults.
type Options struct {
	// FoundTTL is how long an object VirusTotal knows stays fresh: 0 means
	// DefaultFoundTTL, a negative value (Forever) keeps it until purged.
	FoundTTL time.Duration
	// NotFoundTTL is the same for "not in VirusTotal" answers, which go
	// stale sooner (a sample can be uploaded any time): 0 means
	// DefaultNotFoundTTL, negative keeps them forever.
	NotFoundTTL time.Duration
	// FlushInterval is the longest a result given to Put waits before the
	// transaction that stores it begins (when results come faster than the
	// disk takes them, it may also wait for one batch ahead of it): it
	// bounds what kill -9 can lose. Results arriving within one interval
	// share one transaction (and one fsync). 0 means DefaultFlushInterval.
	FlushInterval time.Duration
	// Now is the clock for TTLs, Purge and results without a fetch time;
	// nil means time.Now. Tests inject a fake one.
	Now func() time.Time
	// Lease is how long a claim (see Claim) stays live unless its owner
	// renews it; an open Cache renews its claims every Lease/3. It bounds
	// how long other processes wait for the observables of a process that
	// was killed. 0 means DefaultLease.
	Lease time.Duration
	// Warn receives messages about trouble the cache works around: a
	// corrupt entry read as a miss, a side file of unsaved answers
	// imported. It may be called from several goroutines at once. Nil
	// drops them.
	Warn func(msg string)
	// ReadOnly opens the cache without writing to it (see Open); it is
	// chosen by itself when the file or its folder is not writable.
	ReadOnly bool
	// Normalize turns every observable Import stores (data.id,
	// attributes.url, a file's hashes, the keys of export lines) into the
	// form the pipeline looks up, so that imports made by other tools or
	// versions hit; the CLI passes the pipeline's normaliser. It must be
	// idempotent. Nil means a built-in one that lower-cases hashes and host
	// names, drops a trailing dot and writes IPs canonically. Get and Put
	// do not normalise: their callers already have.
	Normalize func(t ioc.Type, observable string) string
	// Retry bounds how long an operation on a database cache retries when
	// the database is out of reach, with back-off; then it fails with an
	// *UnavailableError. 0 means DefaultRetry. Files do not retry.
	Retry time.Duration
	// UnsavedDir is where a database cache keeps, in a side file, the
	// answers it could not store because the database stayed out of reach
	// (the next Open of the same database imports it). Empty means
	// <user cache dir>/vtenrich. A file cache keeps its side file next to
	// itself.
	UnsavedDir string
}

func (o Options) withDefaults() Options {
	if o.FoundTTL == 0 {
		o.FoundTTL = DefaultFoundTTL
	}
	if o.NotFoundTTL == 0 {
		o.NotFoundTTL = DefaultNotFoundTTL
	}
	if o.FlushInterval <= 0 {
		o.FlushInterval = DefaultFlushInterval
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Retry <= 0 {
		o.Retry = DefaultRetry
	}
	if o.Warn == nil {
		o.Warn = func(string) {}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Normalize == nil {
		o.Normalize = normalize
	}
	return o
}

// fresh reports whether an entry fetched at fetched is still fresh at now.
func (o *Options) fresh(found bool, fetched, now time.Time) bool {
	ttl := o.NotFoundTTL
	if found {
		ttl = o.FoundTTL
	}
	return ttl < 0 || now.Sub(fetched) < ttl
}
