package pipeline

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// resolver owns the observables of a run: the dense id each unique one gets
// in first-seen order, its outcome, and the queues of work still to do on
// it. Three stages use it, each through its own methods:
//
//	dedup stage   Add, Publish,             new observables in, in first-seen order
//	              AddScreened, Close
//	lookup stage  nextToCheck, nextToAsk,   cache checks in batches, then API requests
//	              Resolve
//	join stage    Watermark, Result         every id below the watermark is resolved
//
// Because ids are handed out in first-seen order, a row can be written as
// soon as the watermark passes every id that the row and the rows before it
// reference: any lower id was first seen in that row or an earlier one.
//
// Waiting is on one broadcast channel (see changed): every change closes it
// and makes a new one, so any number of waiters wake at once and re-check
// their condition under the lock. There are no wake-up tokens to lose.
type resolver struct {
	// The dedup set and the ids it added since the last Publish: only the
	// dedup stage (one goroutine) touches them.
	set   ioc.Set
	fresh []lookup

	mu        sync.Mutex
	results   []*vtclient.Result // by id; nil while unresolved
	screened  []*vtclient.Result // by id&^screenedBit (--keep-screened)
	resolved  int                // ids with an outcome
	watermark int                // ids below it are all resolved
	toCheck   []lookup           // added, not yet checked against the cache
	toAsk     []lookup           // cache misses waiting for an API worker
	later     []lookup           // busy in another process: ask again at their due time
	closed    bool               // the dedup stage ended: no more ids
	asking    bool               // toAsk may still grow (cache checks not all done)
	change    chan struct{}      // closed and replaced on every change
}

// lookup is one unique observable waiting for its outcome. It carries its
// value so that the lookup stage never reads the dedup set, which belongs
// to the dedup stage.
type lookup struct {
	id    uint32
	typ   ioc.Type
	value string
	// While another process fetches it (its cache claim is Busy): how
	// often it was found busy, and when to ask again.
	busy int
	due  time.Time
}

func newResolver() *resolver {
	return &resolver{change: make(chan struct{}), asking: true}
}

// changed returns the channel closed by the next change. Take it under the
// lock together with the condition it guards, or a change between the two
// is missed.
func (r *resolver) changedLocked() <-chan struct{} { return r.change }

// broadcastLocked wakes every waiter.
func (r *resolver) broadcastLocked() {
	close(r.change)
	r.change = make(chan struct{})
}

// Add gives (t, value) its id. A new id is held until Publish, so that a
// batch of new observables costs one lock and one wake-up, not one each.
// Only the dedup stage calls Add and Publish.
func (r *resolver) Add(t ioc.Type, value []byte) (id uint32, added bool) {
	id, added = r.set.Add(t, value)
	if added {
		r.fresh = append(r.fresh, lookup{id: id, typ: t, value: string(value)})
	}
	return id, added
}

// Publish registers the ids added since the last call: queued for the
// cache check, or, when extractOnly, resolved at once (there is nothing to
// look up; the result carries just the observable).
func (r *resolver) Publish(extractOnly bool) {
	if len(r.fresh) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, lk := range r.fresh {
		r.results = append(r.results, nil)
		if extractOnly {
			r.resolveLocked(lk.id, &vtclient.Result{Observable: lk.value, Type: lk.typ})
		}
	}
	if !extractOnly {
		r.toCheck = append(r.toCheck, r.fresh...)
	}
	r.fresh = r.fresh[:0]
	r.broadcastLocked()
}

// AddScreened keeps the outcome of a screened observable (--keep-screened):
// it is resolved the moment it is seen, under an id with screenedBit set.
func (r *resolver) AddScreened(res *vtclient.Result) uint32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.screened = append(r.screened, res)
	return uint32(len(r.screened)-1) | screenedBit
}

// Close says no more ids will be added.
func (r *resolver) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	r.broadcastLocked()
}

// nextToCheck waits for up to n added ids, oldest first, for the cache
// check. ok is false once every id added has been taken and no more will
// come, or ctx ended; the API queue is then complete.
func (r *resolver) nextToCheck(ctx context.Context, n int) (ls []lookup, ok bool) {
	for {
		r.mu.Lock()
		if len(r.toCheck) > 0 {
			n = min(n, len(r.toCheck))
			ls = append(ls, r.toCheck[:n]...)
			r.toCheck = r.toCheck[n:]
			if len(r.toCheck) == 0 {
				r.toCheck = nil // let the backing array go
			}
			r.mu.Unlock()
			return ls, true
		}
		if r.closed {
			r.asking = false // every miss has been queued: workers may end
			r.broadcastLocked()
			r.mu.Unlock()
			return nil, false
		}
		change := r.changedLocked()
		r.mu.Unlock()
		select {
		case <-change:
		case <-ctx.Done():
			return nil, false
		}
	}
}

// Ask queues a cache miss for the API workers, in the order of the calls.
func (r *resolver) Ask(lk lookup) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.toAsk = append(r.toAsk, lk)
	r.broadcastLocked()
}

// Later puts back a lookup that another process is fetching, to be asked
// again at lk.due: its answer will most likely be in the cache by then.
func (r *resolver) Later(lk lookup) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.later = append(r.later, lk)
	r.broadcastLocked()
}

// nextToAsk waits for the next lookup for the API: the oldest queued one,
// else a put-back one whose time has come. ok is false once nothing is
// queued or put back and the cache checks are done, or ctx ended.
func (r *resolver) nextToAsk(ctx context.Context) (lookup, bool) {
	for {
		r.mu.Lock()
		if len(r.toAsk) > 0 {
			lk := r.toAsk[0]
			r.toAsk = r.toAsk[1:]
			if len(r.toAsk) == 0 {
				r.toAsk = nil
			}
			r.mu.Unlock()
			return lk, true
		}
		var timer *time.Timer
		var wait <-chan time.Time
		if len(r.later) > 0 {
			next := 0
			for i, lk := range r.later {
				if lk.due.Before(r.later[next].due) {
					next = i
				}
			}
			if d := time.Until(r.later[next].due); d <= 0 {
				lk := r.later[next]
				r.later = slices.Delete(r.later, next, next+1)
				r.mu.Unlock()
				return lk, true
			} else {
				timer = time.NewTimer(d)
				wait = timer.C
			}
		} else if !r.asking {
			r.mu.Unlock()
			return lookup{}, false
		}
		change := r.changedLocked()
		r.mu.Unlock()
		select {
		case <-change:
		case <-wait:
		case <-ctx.Done():
		}
		if timer != nil {
			timer.Stop()
		}
		if ctx.Err() != nil {
			return lookup{}, false
		}
	}
}

// queued is the number of lookups waiting for an API worker.
func (r *resolver) queued() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.toAsk)
}

// Resolve stores the outcome of id and moves the watermark.
func (r *resolver) Resolve(id uint32, res *vtclient.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.resolveLocked(id, res)
	r.broadcastLocked()
}

// ResolveMany stores several outcomes under one lock and one wake-up.
func (r *resolver) ResolveMany(ids []uint32, res []*vtclient.Result) {
	if len(ids) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, id := range ids {
		r.resolveLocked(id, res[i])
	}
	r.broadcastLocked()
}

func (r *resolver) resolveLocked(id uint32, res *vtclient.Result) {
	if r.results[id] == nil {
		r.resolved++
	}
	r.results[id] = res
	for r.watermark < len(r.results) && r.results[r.watermark] != nil {
		r.watermark++
	}
}

// Watermark returns the number of leading ids that are resolved, and the
// channel closed at the next change, so a waiter can check and sleep
// without missing a change in between.
func (r *resolver) Watermark() (int64, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return int64(r.watermark), r.change
}

// Result is the outcome of a resolved id, screened or looked up.
func (r *resolver) Result(id uint32) *vtclient.Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id&screenedBit != 0 {
		return r.screened[id&^screenedBit]
	}
	return r.results[id]
}

// results copies the outcomes of ids into out (one lock for a batch).
func (r *resolver) resultsOf(ids []uint32, out []*vtclient.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, id := range ids {
		if id&screenedBit != 0 {
			out[i] = r.screened[id&^screenedBit]
		} else {
			out[i] = r.results[id]
		}
	}
}

// counts reports ids known and resolved, for progress.
func (r *resolver) counts() (known, resolved int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.results), r.resolved
}
