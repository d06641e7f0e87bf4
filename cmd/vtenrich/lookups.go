package main

import (
	"errors"
	"fmt"

	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// lookupEnv is the cache and client of a run that looks observables up.
type lookupEnv struct {
	store   cache.Store      // nil: --no-cache
	client  *vtclient.Client // nil: --offline or --dry-run
	limit   rate.Limit
	lookups pipeline.Lookups
	closed  bool
}

// openLookups opens the cache and, unless offline or dry, the client. The
// client counts its requests in the cache's ledger, so --daily-quota holds
// across runs and processes; with a cache shared by machines (PostgreSQL)
// it also draws from the cache's rate limiter, so --rate is the key's.
func (a *app) openLookups(l *lookupFlags, dry bool) (*lookupEnv, error) {
	warn := func(msg string) { fmt.Fprintf(a.stderr, "vtenrich: warning: %s\n", msg) }
	store, err := l.openCache(warn)
	if err != nil {
		return nil, err
	}
	env := &lookupEnv{store: store}
	var ledger vtclient.Ledger = &vtclient.MemoryLedger{}
	var limiter vtclient.LimiterFunc
	if store != nil {
		ledger, limiter = store, store.Limiter
		env.lookups.Cache = store
	}
	if dry {
		env.limit, err = vtclient.ParseRate(l.rate)
		if err != nil {
			err = usageError("--rate: %v", err)
		}
	} else {
		env.client, env.limit, err = l.newClient(a, ledger, limiter)
	}
	if err != nil {
		env.close()
		return nil, err
	}
	if env.client != nil {
		env.lookups.Client = env.client
	}
	env.lookups.Refresh, env.lookups.Workers = l.refresh, l.workers
	env.lookups.Warn = warn
	return env, nil
}

// finish copies the client's counters into stats and closes the cache,
// reporting a failure to make the last results durable.
func (e *lookupEnv) finish(stats *pipeline.Stats) error {
	if e.client != nil && stats != nil {
		cs := e.client.Stats()
		stats.APICalls, stats.Retries = cs.Requests, cs.Retries
	}
	if e.closed || e.store == nil {
		return nil
	}
	e.closed = true
	err := e.store.Close()
	if errors.Is(err, cache.ErrCacheFull) && stats != nil && stats.Failed.Load() > 0 {
		// The run said so when it stopped asking (Error: CacheFull, exit
		// 3); the answers are in the side file the message named.
		return nil
	}
	if err != nil {
		return fmt.Errorf("closing the cache: %w", err)
	}
	return nil
}

// close releases the cache on error paths (finish already did otherwise).
func (e *lookupEnv) close() {
	if !e.closed && e.store != nil {
		e.closed = true
		e.store.Close()
	}
}
