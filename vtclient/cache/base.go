package cache

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/vtenrich/vtenrich/vtclient"
)

// base is what every backend shares: the options, the name messages give
// the store, when it was opened, the write queue between Put and the
// store, and the corrupt entries already reported. The rules of what is
// stored and how (entries, verification, import lines, export lines) are
// functions of base, so that both backends apply them alike.
type base struct {
	name string // the cache file, or the database URL without its password
	opts Options
	// opened is when Open ran (Options.Now): under refresh, answers
	// fetched since then count.
	opened  time.Time
	q       writeQueue
	corrupt sync.Map // Key → true: corrupt entries already reported
}

// init sets a new store's base up.
func (b *base) init(name string, opts Options) {
	b.name, b.opts = name, opts.withDefaults()
	b.opened = b.opts.Now()
}

// Name is the cache file's path, or the database's URL without its
// password: what messages call the cache.
func (b *base) Name() string { return b.name }

// counts reports whether a stored answer answers a Claim: fresh, and under
// refresh fetched since this store was opened.
func (b *base) counts(found bool, fetched int64, now time.Time, refresh bool) bool {
	return b.opts.fresh(found, time.Unix(0, fetched), now) && fetched >= b.since(refresh).UnixNano()
}

// since is the earliest fetch time an answer may have to count: this
// store's opening under refresh, else any time.
func (b *base) since(refresh bool) time.Time {
	if refresh {
		return b.opened
	}
	return time.Time{}
}

// getPending answers from results Put but not yet written, so that a Put is
// visible to Get at once.
func (b *base) getPending(k Key, withRaw bool) (vtclient.Result, bool) {
	e, ok := b.q.pendingGet(k)
	if !ok || !b.opts.fresh(e.found, e.fetched, b.opts.Now()) {
		return vtclient.Result{}, false
	}
	r := e.result
	r.Type, r.Observable = k.Type, k.Observable
	r.FromCache = true
	if !withRaw {
		r.Raw = nil
	}
	return r, true
}

// warnCorrupt reports an entry that cannot be decoded, once per key and
// store: it is read as a miss, so the observable is fetched again and the
// new answer replaces it.
func (b *base) warnCorrupt(k Key, err error) {
	if _, seen := b.corrupt.LoadOrStore(k, true); !seen {
		b.opts.Warn(fmt.Sprintf("cache %s: %v; looking it up again", b.name, err))
	}
}

// put is Put for every backend: it encodes r and queues it for the
// flusher. See Cache.Put.
func (b *base) put(ctx context.Context, r vtclient.Result) error {
	e, ok, err := newEntry(r, b.opts.Now())
	if err != nil || !ok {
		return err
	}
	q := &b.q
	if err := q.takeSlot(ctx, b.opts.FlushInterval); err != nil {
		return err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		<-q.slots
		return ErrClosed
	}
	q.queue = append(q.queue, e)
	for _, k := range e.keys {
		q.pending[k] = e
	}
	switch len(q.queue) {
	case 1:
		signal(q.wake)
	case maxBatch:
		signal(q.full)
	}
	return q.err
}
