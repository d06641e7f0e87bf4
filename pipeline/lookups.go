package pipeline

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// Cache is the persistent store of earlier answers (vtclient/cache).
// GetMany answers a slice of keys in one statement: a hit has FromCache
// set, a miss is the zero Result.
type Cache interface {
	GetMany(ctx context.Context, keys []cache.Key, withRaw bool) ([]vtclient.Result, error)
	Put(ctx context.Context, r vtclient.Result) error
}

// Client asks VirusTotal (vtclient.Client). A returned error is fatal for
// the run (bad key, missing privilege); per-item failures come back as
// results with an "Error: ..." status.
type Client interface {
	Lookup(ctx context.Context, t ioc.Type, observable string) (vtclient.Result, error)
}

// Lookups configures where answers come from: the cache first, then the
// API. A nil Client is --offline: cache misses become NotInCache.
type Lookups struct {
	Cache   Cache  // nil: --no-cache
	Client  Client // nil: --offline
	Refresh bool   // --refresh: skip cache reads, still write
	Workers int    // concurrent API requests (default 1)
	// Grace bounds how long requests in flight may finish after the run is
	// stopped (default 10 s); then they are cancelled as Interrupted.
	Grace time.Duration
	// Warn reports non-fatal trouble (a cache write that failed).
	Warn func(msg string)
}

// lookupStage resolves the table's pending ids: cache hits at once, misses
// through a first-seen-order queue drained by Workers API workers.
type lookupStage struct {
	cfg   Lookups
	raw   bool // keep raw objects in results (--raw)
	dry   bool // --dry-run: count misses, ask nothing
	tbl   *table
	stats *Stats
	queue fifo
}

// run works until every id is resolved. Cancelling stop ends lookups
// gracefully: no new request starts, requests in flight get Grace to finish,
// and what is left resolves as Interrupted. Cancelling ctx aborts.
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
	g.Go(func() error {
		defer l.queue.close()
		return l.checkCache(gctx, stop)
	})
	workers := max(l.cfg.Workers, 1)
	if l.cfg.Client == nil || l.dry {
		workers = 0
	}
	for range workers {
		g.Go(func() error { return l.work(gctx, reqCtx, stop) })
	}
	return g.Wait()
}

func (l *lookupStage) grace() time.Duration {
	if l.cfg.Grace > 0 {
		return l.cfg.Grace
	}
	return 10 * time.Second
}

// checkCache answers what the cache knows and queues the rest for the API,
// keeping first-seen order.
func (l *lookupStage) checkCache(ctx, stop context.Context) error {
	for {
		batch, done := l.tbl.take(256)
		if done {
			return nil
		}
		if len(batch) == 0 {
			select {
			case <-l.tbl.added:
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		hits, err := l.cached(ctx, batch)
		if err != nil {
			return err
		}
		for i, lk := range batch {
			l.answer(stop, lk, hits[i])
		}
	}
}

// cached asks the cache about a batch of lookups in one statement; all
// misses under --no-cache and --refresh.
func (l *lookupStage) cached(ctx context.Context, batch []lookup) ([]vtclient.Result, error) {
	hits := make([]vtclient.Result, len(batch))
	if l.cfg.Cache == nil || l.cfg.Refresh {
		return hits, nil
	}
	keys := make([]cache.Key, len(batch))
	for i, lk := range batch {
		keys[i] = cache.Key{Type: lk.typ, Observable: lk.value}
	}
	got, err := l.cfg.Cache.GetMany(ctx, keys, l.raw)
	if err != nil {
		return nil, fmt.Errorf("reading the cache: %w", err)
	}
	copy(hits, got)
	return hits, nil
}

// answer resolves a lookup from the cache, or queues it for the API.
func (l *lookupStage) answer(stop context.Context, lk lookup, hit vtclient.Result) {
	switch {
	case hit.FromCache: // an answer at hand is used even after a stop
		l.stats.CacheHits.Add(1)
		l.tbl.resolve(lk.id, l.keep(hit, lk))
	case stop.Err() != nil:
		l.resolveFailed(lk, "Interrupted", "the run was stopped before this lookup", &l.stats.Interrupted)
	case l.dry:
		l.stats.countMissing(lk.typ)
		l.tbl.resolve(lk.id, &vtclient.Result{Observable: lk.value, Type: lk.typ})
	case l.cfg.Client == nil:
		l.resolveFailed(lk, vtclient.StatusNotInCache, "not in the cache and --offline is set", &l.stats.NotInCache)
	default:
		l.stats.Pending.Add(1)
		l.queue.push(lk)
	}
}

// work asks VirusTotal for queued observables until the queue ends. ctx
// aborts; reqCtx, which outlives a stop by the grace period, bounds the
// requests themselves.
func (l *lookupStage) work(ctx, reqCtx, stop context.Context) error {
	for {
		lk, ok := l.queue.pop(ctx)
		if !ok {
			return ctx.Err()
		}
		l.stats.Pending.Add(-1)
		if stop.Err() != nil {
			l.resolveFailed(lk, "Interrupted", "the run was stopped before this lookup", &l.stats.Interrupted)
			continue
		}
		r, err := l.cfg.Client.Lookup(reqCtx, lk.typ, lk.value)
		if reqCtx.Err() != nil && stop.Err() != nil && (err != nil || !answered(&r)) {
			l.resolveFailed(lk, "Interrupted", "the run was stopped while this lookup was in flight", &l.stats.Interrupted)
			continue
		}
		if err != nil {
			return err
		}
		l.record(ctx, &r)
		l.tbl.resolve(lk.id, l.keep(r, lk))
	}
}

// answered reports whether VirusTotal gave an answer worth keeping.
func answered(r *vtclient.Result) bool {
	return r.Status == vtclient.StatusSuccess || r.Status == vtclient.StatusNotFound
}

// record counts an API answer and stores it in the cache: a fetched result
// is never fetched twice.
func (l *lookupStage) record(ctx context.Context, r *vtclient.Result) {
	if !answered(r) {
		l.stats.Failed.Add(1)
		return
	}
	l.stats.LookedUp.Add(1)
	if r.Status == vtclient.StatusNotFound {
		l.stats.NotFound.Add(1)
	}
	if l.cfg.Cache != nil {
		// The write must survive a stop of the run: ctx may be ending.
		if err := l.cfg.Cache.Put(context.WithoutCancel(ctx), *r); err != nil && l.cfg.Warn != nil {
			l.cfg.Warn(fmt.Sprintf("could not store %s in the cache: %v", r.Observable, err))
		}
	}
}

// keep returns the result to hold until the join writes it, without the raw
// object unless --raw asked for it (it can be tens of KiB).
func (l *lookupStage) keep(r vtclient.Result, lk lookup) *vtclient.Result {
	if !l.raw {
		r.Raw = nil
	}
	if r.Observable == "" {
		r.Observable = lk.value
	}
	if r.Type == ioc.Unknown {
		r.Type = lk.typ
	}
	return &r
}

func (l *lookupStage) resolveFailed(lk lookup, code, msg string, counter interface{ Add(int64) int64 }) {
	counter.Add(1)
	status := vtclient.StatusError(code)
	if code == vtclient.StatusNotInCache {
		status = code
	}
	l.tbl.resolve(lk.id, &vtclient.Result{Observable: lk.value, Type: lk.typ, Status: status,
		ResponseCode: vtclient.ResponseFailed, VerboseMsg: msg})
}

// fifo is an unbounded first-in first-out queue of lookups: the cache check
// must never wait for the API, whose pace may be one call per 15 seconds.
type fifo struct {
	mu     sync.Mutex
	items  []lookup
	closed bool
	notify chan struct{} // an item arrived (one token wakes one worker)
	done   chan struct{} // closed by close: wakes every worker at once
}

func (q *fifo) init() {
	if q.notify == nil {
		q.notify = make(chan struct{}, 1)
		q.done = make(chan struct{})
	}
}

func (q *fifo) push(lk lookup) {
	q.mu.Lock()
	q.init()
	q.items = append(q.items, lk)
	q.mu.Unlock()
	signal(q.notify)
}

// close says nothing more will be pushed; workers drain what is queued.
func (q *fifo) close() {
	q.mu.Lock()
	q.init()
	if !q.closed {
		q.closed = true
		close(q.done)
	}
	q.mu.Unlock()
}

// pop waits for the next lookup; ok is false once the queue is closed and
// empty, or ctx ends.
func (q *fifo) pop(ctx context.Context) (lookup, bool) {
	for {
		q.mu.Lock()
		q.init()
		if len(q.items) > 0 {
			lk := q.items[0]
			q.items = q.items[1:]
			more := len(q.items) > 0
			q.mu.Unlock()
			if more {
				signal(q.notify) // pass the token on to the next worker
			}
			return lk, true
		}
		closed, notify, done := q.closed, q.notify, q.done
		q.mu.Unlock()
		if closed {
			return lookup{}, false
		}
		select {
		case <-notify:
		case <-done:
		case <-ctx.Done():
			return lookup{}, false
		}
	}
}
