package main

import (
	"context"
	"errors"
	"sync"

	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// lazyCache opens the cache on its first use, so that a run that fails
// before its first lookup (no key, a missing input file, a bad --columns
// name) leaves no cache file behind. It is what the pipeline (its Cache:
// GetMany, Claim, Put, Release) and the client (its Ledger: Reserve,
// Refund, Used) use of the cache, and nothing more: each method opens the
// cache if need be and passes the call on.
type lazyCache struct {
	open func() (*cache.Cache, error)

	mu     sync.Mutex
	c      *cache.Cache
	err    error // of the one attempt to open
	closed bool
}

// errCacheClosed is what a use after Close gets.
var errCacheClosed = errors.New("the cache is closed")

// get opens the cache the first time, and returns the same cache, or the
// same error, after.
func (l *lazyCache) get() (*cache.Cache, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.c != nil || l.err != nil:
		return l.c, l.err
	case l.closed:
		return nil, errCacheClosed
	}
	l.c, l.err = l.open()
	return l.c, l.err
}

// Close closes the cache if it was opened; later uses fail.
func (l *lazyCache) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.c == nil {
		return nil
	}
	c := l.c
	l.c, l.err = nil, errCacheClosed
	return c.Close()
}

// GetMany implements pipeline.Cache.
func (l *lazyCache) GetMany(ctx context.Context, keys []cache.Key, withRaw bool) ([]vtclient.Result, error) {
	c, err := l.get()
	if err != nil {
		return nil, err
	}
	return c.GetMany(ctx, keys, withRaw)
}

// Claim implements pipeline.Cache.
func (l *lazyCache) Claim(ctx context.Context, keys []cache.Key, withRaw, refresh bool) ([]cache.Claim, error) {
	c, err := l.get()
	if err != nil {
		return nil, err
	}
	return c.Claim(ctx, keys, withRaw, refresh)
}

// Put implements pipeline.Cache.
func (l *lazyCache) Put(ctx context.Context, r vtclient.Result) error {
	c, err := l.get()
	if err != nil {
		return err
	}
	return c.Put(ctx, r)
}

// Release implements pipeline.Cache.
func (l *lazyCache) Release(ctx context.Context, keys []cache.Key) error {
	c, err := l.get()
	if err != nil {
		return err
	}
	return c.Release(ctx, keys)
}

// Reserve implements vtclient.Ledger.
func (l *lazyCache) Reserve(ctx context.Context, keyID, day string, limit int) (bool, error) {
	c, err := l.get()
	if err != nil {
		return false, err
	}
	return c.Reserve(ctx, keyID, day, limit)
}

// Refund implements vtclient.Ledger.
func (l *lazyCache) Refund(ctx context.Context, keyID, day string) error {
	c, err := l.get()
	if err != nil {
		return err
	}
	return c.Refund(ctx, keyID, day)
}

// Used implements vtclient.Ledger.
func (l *lazyCache) Used(ctx context.Context, keyID, day string) (int, error) {
	c, err := l.get()
	if err != nil {
		return 0, err
	}
	return c.Used(ctx, keyID, day)
}
