package main

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// lazyCache is a cache file opened at its first use, so that a run that
// fails before its first lookup (no key, a missing input file, a bad
// --columns name) leaves no cache file behind. Each method opens the
// store if need be and passes the call on; Name and Limiter need no file.
// Only files are opened this way: a database leaves nothing behind.
type lazyCache struct {
	name string // the file, for messages
	open func() (cache.Store, error)

	mu     sync.Mutex
	s      cache.Store
	err    error // of the one attempt to open
	closed bool
}

var _ cache.Store = (*lazyCache)(nil)

// errCacheClosed is what a use after Close gets.
var errCacheClosed = errors.New("the cache is closed")

// get opens the store the first time, and returns the same store, or the
// same error, after.
func (l *lazyCache) get() (cache.Store, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.s != nil || l.err != nil:
		return l.s, l.err
	case l.closed:
		return nil, errCacheClosed
	}
	l.s, l.err = l.open()
	return l.s, l.err
}

// Close closes the store if it was opened; later uses fail.
func (l *lazyCache) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.s == nil {
		return nil
	}
	s := l.s
	l.s, l.err = nil, errCacheClosed
	return s.Close()
}

// Name implements cache.Store without opening the file.
func (l *lazyCache) Name() string { return l.name }

// Limiter implements cache.Store: a file keeps no limiter of its own (see
// cache.Cache.Limiter), so there is nothing to open for.
func (l *lazyCache) Limiter(string, rate.Limit, int) vtclient.Limiter { return nil }

// on runs f on the opened store.
func on[T any](l *lazyCache, f func(cache.Store) (T, error)) (T, error) {
	s, err := l.get()
	if err != nil {
		var zero T
		return zero, err
	}
	return f(s)
}

// do runs f on the opened store, for the methods that return only an error.
func (l *lazyCache) do(f func(cache.Store) error) error {
	s, err := l.get()
	if err != nil {
		return err
	}
	return f(s)
}

// Get implements cache.Store.
func (l *lazyCache) Get(ctx context.Context, t ioc.Type, observable string, withRaw bool) (vtclient.Result, bool, error) {
	s, err := l.get()
	if err != nil {
		return vtclient.Result{}, false, err
	}
	return s.Get(ctx, t, observable, withRaw)
}

// GetMany implements cache.Store.
func (l *lazyCache) GetMany(ctx context.Context, keys []cache.Key, withRaw bool) ([]vtclient.Result, error) {
	return on(l, func(s cache.Store) ([]vtclient.Result, error) { return s.GetMany(ctx, keys, withRaw) })
}

// Claim implements cache.Store.
func (l *lazyCache) Claim(ctx context.Context, keys []cache.Key, withRaw, refresh bool) ([]cache.Claim, error) {
	return on(l, func(s cache.Store) ([]cache.Claim, error) { return s.Claim(ctx, keys, withRaw, refresh) })
}

// Release implements cache.Store.
func (l *lazyCache) Release(ctx context.Context, keys []cache.Key) error {
	return l.do(func(s cache.Store) error { return s.Release(ctx, keys) })
}

// Put implements cache.Store.
func (l *lazyCache) Put(ctx context.Context, r vtclient.Result) error {
	return l.do(func(s cache.Store) error { return s.Put(ctx, r) })
}

// Flush implements cache.Store.
func (l *lazyCache) Flush(ctx context.Context) error {
	return l.do(func(s cache.Store) error { return s.Flush(ctx) })
}

// Reserve implements vtclient.Ledger.
func (l *lazyCache) Reserve(ctx context.Context, keyID, day string, limit int) (bool, error) {
	return on(l, func(s cache.Store) (bool, error) { return s.Reserve(ctx, keyID, day, limit) })
}

// Refund implements vtclient.Ledger.
func (l *lazyCache) Refund(ctx context.Context, keyID, day string) error {
	return l.do(func(s cache.Store) error { return s.Refund(ctx, keyID, day) })
}

// Used implements vtclient.Ledger.
func (l *lazyCache) Used(ctx context.Context, keyID, day string) (int, error) {
	return on(l, func(s cache.Store) (int, error) { return s.Used(ctx, keyID, day) })
}

// Stats implements cache.Store.
func (l *lazyCache) Stats(ctx context.Context) (cache.Stats, error) {
	return on(l, func(s cache.Store) (cache.Stats, error) { return s.Stats(ctx) })
}

// Export implements cache.Store.
func (l *lazyCache) Export(ctx context.Context, w io.Writer) (int, error) {
	return on(l, func(s cache.Store) (int, error) { return s.Export(ctx, w) })
}

// Import implements cache.Store.
func (l *lazyCache) Import(ctx context.Context, r io.Reader, name string) (cache.ImportReport, error) {
	return on(l, func(s cache.Store) (cache.ImportReport, error) { return s.Import(ctx, r, name) })
}

// Purge implements cache.Store.
func (l *lazyCache) Purge(ctx context.Context, olderThan time.Duration) (int, error) {
	return on(l, func(s cache.Store) (int, error) { return s.Purge(ctx, olderThan) })
}
