package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// Cache is the persistent store of earlier answers, shared with every
// process that opens it (vtclient/cache). GetMany answers a slice of keys
// in one statement: a hit has FromCache set, a miss is the zero Result.
// Claim, just before a request, re-checks a key and claims it so that no
// other process asks for it meanwhile; Put stores an answer and ends its
// claim; Release ends a claim without one.
type Cache interface {
	GetMany(ctx context.Context, keys []cache.Key, withRaw bool) ([]vtclient.Result, error)
	Claim(ctx context.Context, keys []cache.Key, withRaw, refresh bool) ([]cache.Claim, error)
	Put(ctx context.Context, r vtclient.Result) error
	Release(ctx context.Context, keys []cache.Key) error
}

// Client asks VirusTotal (vtclient.Client). A returned error is fatal for
// the run (bad key, missing privilege); per-item failures come back as
// results with an "Error: ..." status.
type Client interface {
	Lookup(ctx context.Context, t ioc.Type, observable string) (vtclient.Result, error)
}

// Defaults for the zero Lookups.
const (
	// DefaultGrace is how long requests in flight may finish after a stop.
	DefaultGrace = 10 * time.Second
	// DefaultWorkers bounds the requests in flight: 500 ms of latency at a
	// 1000/s rate, with headroom. The pool sizes itself within it.
	DefaultWorkers = 640
)

// Lookups configures where answers come from: the cache first, then the
// API. A nil Client is --offline: cache misses become NotInCache.
type Lookups struct {
	Cache   Cache  // nil: --no-cache
	Client  Client // nil: --offline
	Refresh bool   // --refresh: skip cache reads, still write
	// Workers bounds the concurrent API requests (default DefaultWorkers).
	// With Rate known, the requests in flight are sized within it: rate ×
	// the measured time a request holds its place (its waits on the rate
	// limiter excepted), with a quarter more for headroom (Little's law),
	// so a premium key's rate is reached without tuning and a free key
	// keeps one request at a time. See gate.
	Workers int
	// Rate is the configured request rate, per second (0: unknown, and
	// Workers requests run at once).
	Rate float64
	// Grace bounds how long requests in flight may finish after the run is
	// stopped (default DefaultGrace); then they are cancelled as Interrupted.
	Grace time.Duration
	// Warn reports non-fatal trouble (a cache write that failed).
	Warn func(msg string)
}

// The stop and abort rules, in one place. A stop is the first SIGINT or
// SIGTERM (cancelling the stop context given to Run); an abort is an error
// in any stage (the errgroup's context). fate applies the first two rows;
// lookupStage.run the third; Run the last.
//
//	                       running                 stopped                     aborted
//	cache has an answer    used                    used                        dropped
//	cache has none         asked (API); NotInCache Error: Interrupted          dropped
//	                       under --offline; counted
//	                       as missing under --dry-run
//	request in flight      answered, cached        Grace to answer, then       cancelled
//	                                               Error: Interrupted
//	cache full             no more requests: Error: CacheFull; answers that came are kept in
//	                       the cache's side file; output finalised, exit 3
//	rows read              written                 written, output finalised,  not written, -o temp
//	                                               exit 130                    file removed, exit 1
//
// An answer that arrived is cached in every column: its quota is spent.

// fate is what becomes of an observable the cache did not answer.
type fate int

const (
	fateAsk         fate = iota // send it to VirusTotal
	fateMissing                 // --dry-run: counted as a lookup to make
	fateNotInCache              // --offline
	fateInterrupted             // stopped before its request
	fateCacheFull               // the cache cannot keep another answer
)

// fate decides, by the table above, for an observable about to be asked.
func (l *lookupStage) fate(stop context.Context) fate {
	switch {
	case stop.Err() != nil:
		return fateInterrupted
	case l.full.Load():
		return fateCacheFull
	case l.dry:
		return fateMissing
	case l.cfg.Client == nil:
		return fateNotInCache
	}
	return fateAsk
}

// lookupStage resolves the resolver's ids: cache hits at once, misses
// through the resolver's first-seen-order queue, drained by Workers API
// workers.
type lookupStage struct {
	cfg   Lookups
	raw   bool    // read raw objects from the cache (--raw, --include)
	shape *shaper // what results keep (shape.go)
	dry   bool    // --dry-run: count misses, ask nothing
	res   *resolver
	stats *Stats
	full  atomic.Bool // the cache reported it is full: ask no more
	warn  sync.Once   // ... said once

	inFlight *gate // the requests in flight, sized from rate × a request's measured time
}

// run works until every id is resolved. Cancelling stop ends lookups
// gracefully (the table above); cancelling ctx aborts.
func (l *lookupStage) run(ctx, stop context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	reqCtx, cancelRequests := context.WithCancel(gctx)
	defer cancelRequests()
	go func() { // after a stop, requests in flight get a bounded grace
		select {
		case <-stop.Done():
		case <-reqCtx.Done():
			return
		}
		t := time.NewTimer(l.grace())
		defer t.Stop()
		select {
		case <-t.C:
			cancelRequests()
		case <-reqCtx.Done():
		}
	}()
	g.Go(func() error { return l.checkCache(gctx, stop) })
	workers := l.cfg.Workers
	if workers <= 0 {
		workers = DefaultWorkers
	}
	if l.cfg.Client == nil || l.dry {
		workers = 0
	}
	l.inFlight = newGate(workers, l.cfg.Rate)
	for range workers {
		g.Go(func() error { return l.work(gctx, reqCtx, stop) })
	}
	return g.Wait()
}

func (l *lookupStage) grace() time.Duration {
	if l.cfg.Grace > 0 {
		return l.cfg.Grace
	}
	return DefaultGrace
}

// checkCache answers what the cache knows, in batches of 256 ids, and
// queues the rest for the API, keeping first-seen order.
func (l *lookupStage) checkCache(ctx, stop context.Context) error {
	var ids []uint32
	var outcomes []*vtclient.Result
	for {
		batch, ok := l.res.nextToCheck(ctx, 256)
		if !ok {
			return ctx.Err()
		}
		hits, err := l.cached(ctx, batch)
		if err != nil {
			return err
		}
		ids, outcomes = ids[:0], outcomes[:0]
		for i, lk := range batch {
			var r *vtclient.Result
			switch rep := lk.repeat; {
			case rep != nil && rep.result != nil: // seen before in this run
				r = l.keep(*rep.result, lk)
			case hits[i].FromCache: // an answer at hand is used even after a stop
				if rep == nil {
					l.stats.CacheHits.Add(1)
				}
				r = l.keep(hits[i], lk)
			}
			if r == nil {
				r = l.settle(lk, l.fate(stop))
			}
			if r == nil {
				l.stats.Pending.Add(1)
				l.res.Ask(lk)
				continue
			}
			ids, outcomes = append(ids, lk.id), append(outcomes, r)
		}
		l.res.ResolveMany(ids, outcomes)
	}
}

// cached asks the cache about a batch of lookups in one statement; all
// misses under --no-cache, and under --refresh but for the observables
// this run already answered and let go of (see resolver, "Memory").
func (l *lookupStage) cached(ctx context.Context, batch []lookup) ([]vtclient.Result, error) {
	hits := make([]vtclient.Result, len(batch))
	if l.cfg.Cache == nil {
		return hits, nil
	}
	keys := make([]cache.Key, 0, len(batch))
	at := make([]int, 0, len(batch)) // keys[j] asks for batch[at[j]]
	for i, lk := range batch {
		if l.cfg.Refresh && (lk.repeat == nil || !lk.repeat.inCache) {
			continue
		}
		keys, at = append(keys, keyOf(lk)), append(at, i)
	}
	if len(keys) == 0 {
		return hits, nil
	}
	got, err := l.cfg.Cache.GetMany(ctx, keys, l.raw)
	if err != nil {
		return nil, fmt.Errorf("reading the cache: %w", err)
	}
	for j, i := range at {
		hits[i] = got[j]
	}
	return hits, nil
}

// settle returns the outcome of an observable the API will not be asked
// about, by its fate, counting it; nil for fateAsk.
func (l *lookupStage) settle(lk lookup, f fate) *vtclient.Result {
	switch f {
	case fateMissing:
		l.stats.countMissing(lk.typ)
		return &vtclient.Result{Observable: lk.value, Type: lk.typ}
	case fateNotInCache:
		l.stats.NotInCache.Add(1)
		return failed(lk, vtclient.StatusNotInCache, "not in the cache and --offline is set")
	case fateInterrupted:
		l.stats.Interrupted.Add(1)
		return failed(lk, vtclient.StatusError("Interrupted"), "the run was stopped before this lookup")
	case fateCacheFull:
		l.stats.Failed.Add(1)
		return failed(lk, vtclient.StatusError("CacheFull"), "not looked up: the cache is full and could not keep the answer")
	}
	return nil
}

// work asks VirusTotal for queued observables until the queue ends. ctx
// aborts; reqCtx, which outlives a stop by the grace period, bounds the
// requests themselves.
func (l *lookupStage) work(ctx, reqCtx, stop context.Context) error {
	for {
		lk, ok := l.res.nextToAsk(ctx)
		if !ok {
			return ctx.Err()
		}
		if lk.busy == 0 {
			l.stats.Pending.Add(-1)
		}
		if err := l.inFlight.enter(ctx); err != nil {
			return err
		}
		entered := time.Now()
		var waited time.Duration
		asked, done, err := l.ask(ctx, vtclient.WithWaits(reqCtx, &waited), stop, lk)
		// Only a place that held a request says how long requests take:
		// one answered by the claim (another process stored it) is quick
		// and uses no rate.
		busy := time.Duration(0)
		if asked {
			busy = time.Since(entered) - waited
		}
		l.inFlight.leave(busy)
		if done || err != nil {
			return err
		}
	}
}

// ask looks lk up: its fate first (a stop while it was queued), then its
// claim, then the request. asked means the client was asked; done means
// the run must end (the error, or a fatal answer).
func (l *lookupStage) ask(ctx, reqCtx, stop context.Context, lk lookup) (asked, done bool, err error) {
	if r := l.settle(lk, l.fate(stop)); r != nil { // stopped while queued
		l.res.Resolve(lk.id, r)
		return false, false, nil
	}
	claimed, err := l.claim(ctx, lk)
	if err != nil || !claimed {
		return false, err != nil, err
	}
	r, err := l.cfg.Client.Lookup(reqCtx, lk.typ, lk.value)
	if reqCtx.Err() != nil && stop.Err() != nil && (err != nil || !answered(&r)) {
		l.release(lk)
		l.stats.Interrupted.Add(1)
		l.res.Resolve(lk.id, failed(lk, vtclient.StatusError("Interrupted"),
			"the run was stopped while this lookup was in flight"))
		return false, false, nil // its time says nothing of a request's
	}
	if err != nil {
		l.release(lk)
		return true, true, err
	}
	l.record(ctx, &r)
	if !answered(&r) {
		l.release(lk) // another process may try it
	}
	l.res.Resolve(lk.id, l.keep(r, lk))
	return true, false, nil
}

// Back-off of a lookup another process is fetching: ask the cache again
// after busyFirst, doubling up to busyMax. Its answer lands in the cache
// within about one request's time; a dead owner's claim ends with its
// lease (30 s), and the next ask takes it over.
const (
	busyFirst = 50 * time.Millisecond
	busyMax   = time.Second
)

// claim makes lk this process's to ask VirusTotal about, re-checking the
// cache first: an answer another process stored meanwhile resolves it, and
// an observable another process is fetching is put back for later. true
// means: ask. Without a cache there is nobody to share with.
func (l *lookupStage) claim(ctx context.Context, lk lookup) (bool, error) {
	if l.cfg.Cache == nil {
		return true, nil
	}
	key := []cache.Key{{Type: lk.typ, Observable: lk.value}}
	claims, err := l.cfg.Cache.Claim(ctx, key, l.raw, l.cfg.Refresh)
	if errors.Is(err, cache.ErrCacheFull) {
		l.cacheFull(err)
		l.res.Resolve(lk.id, l.settle(lk, fateCacheFull))
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claiming %s in the cache: %w", lk.value, err)
	}
	switch c := claims[0]; c.State {
	case cache.Answered: // another process fetched it meanwhile
		l.stats.CacheHits.Add(1)
		l.res.Resolve(lk.id, l.keep(c.Result, lk))
		return false, nil
	case cache.Busy:
		l.stats.Waits.Add(1)
		lk.due = time.Now().Add(min(busyFirst<<min(lk.busy, 10), busyMax))
		lk.busy++
		l.res.Later(lk)
		return false, nil
	}
	return true, nil
}

// release gives up the claim on lk after a lookup that brought no answer,
// so another process waiting for it asks at once.
func (l *lookupStage) release(lk lookup) {
	if l.cfg.Cache == nil {
		return
	}
	key := []cache.Key{{Type: lk.typ, Observable: lk.value}}
	if err := l.cfg.Cache.Release(context.WithoutCancel(context.Background()), key); err != nil && l.cfg.Warn != nil {
		l.cfg.Warn(fmt.Sprintf("could not release the claim on %s: %v", lk.value, err))
	}
}

// cacheFull stops further requests: the cache cannot keep their answers.
func (l *lookupStage) cacheFull(err error) {
	l.full.Store(true)
	l.warn.Do(func() {
		if l.cfg.Warn != nil {
			l.cfg.Warn(fmt.Sprintf("%v; no more lookups are made in this run", err))
		}
	})
}

// answered reports whether VirusTotal gave an answer worth keeping.
func answered(r *vtclient.Result) bool {
	return r.Status.Outcome == vtclient.Found || r.Status.Outcome == vtclient.NotFound
}

// record counts an API answer and stores it in the cache: a fetched result
// is never fetched twice.
func (l *lookupStage) record(ctx context.Context, r *vtclient.Result) {
	if !answered(r) {
		l.stats.Failed.Add(1)
		return
	}
	l.stats.LookedUp.Add(1)
	if r.Status.Outcome == vtclient.NotFound {
		l.stats.NotFound.Add(1)
	}
	if l.cfg.Cache != nil {
		// The write must survive a stop of the run: ctx may be ending.
		err := l.cfg.Cache.Put(context.WithoutCancel(ctx), *r)
		switch {
		case errors.Is(err, cache.ErrCacheFull): // the answer is in the side file
			l.cacheFull(err)
		case err != nil && l.cfg.Warn != nil:
			l.cfg.Warn(fmt.Sprintf("could not store %s in the cache: %v", r.Observable, err))
		}
	}
}

// keep returns the result to hold until the join writes it, shaped to
// what the run's columns read: without the raw object unless --raw asked
// for it (it can be tens of KiB).
func (l *lookupStage) keep(r vtclient.Result, lk lookup) *vtclient.Result {
	l.shape.apply(&r)
	if r.Observable == "" {
		r.Observable = lk.value
	}
	if r.Type == ioc.Unknown {
		r.Type = lk.typ
	}
	return &r
}

// failed is the outcome of a lookup that was not made, or not answered.
func failed(lk lookup, status vtclient.Status, msg string) *vtclient.Result {
	return &vtclient.Result{Observable: lk.value, Type: lk.typ, Status: status,
		ResponseCode: vtclient.ResponseFailed, VerboseMsg: msg}
}
