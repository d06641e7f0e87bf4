package pipeline

import (
	"sync"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// table holds the outcome of every unique observable, indexed by the dense
// id the dedup set gave it in first-seen order. The extract stage adds ids,
// the lookup stage resolves them, and the join stage waits on the
// watermark: every id below it is resolved. Because ids are handed out in
// first-seen order, a batch can be written once the watermark passes the
// highest id it references: any lower id was first seen in this batch or
// an earlier one, which must be written first anyway.
type table struct {
	mu        sync.Mutex
	results   []*vtclient.Result // by id; nil while pending
	screened  []*vtclient.Result // by id&^screenedBit (--keep-screened)
	resolved  int                // ids with a result
	watermark int                // ids < watermark are resolved
	pending   []lookup           // to look up, first-seen order, not yet taken
	closed    bool               // no more ids will be added
	// changed is signalled (without blocking) when the watermark moves or
	// ids arrive; readers re-check under the lock.
	changed chan struct{}
	added   chan struct{}
}

func newTable() *table {
	return &table{changed: make(chan struct{}, 1), added: make(chan struct{}, 1)}
}

func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// lookup is one unique observable waiting for its outcome. It carries its
// value so that the lookup stage never reads the dedup set, which belongs
// to the extract stage.
type lookup struct {
	id    uint32
	typ   ioc.Type
	value string
}

// add registers a new id (it must equal the number of ids so far). With a
// non-nil result the id is resolved at once (extract-only runs); otherwise
// it is queued for lookup.
func (t *table) add(l lookup, r *vtclient.Result) {
	t.mu.Lock()
	t.results = append(t.results, r)
	if r == nil {
		t.pending = append(t.pending, l)
	} else {
		t.resolved++
		t.advance()
	}
	t.mu.Unlock()
	if r == nil {
		signal(t.added)
	} else {
		signal(t.changed)
	}
}

// close says no more ids will be added.
func (t *table) close() {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	signal(t.added)
}

// take removes up to n pending ids, oldest first. done is true when the
// table is closed and nothing is pending.
func (t *table) take(n int) (ls []lookup, done bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.pending) == 0 {
		return nil, t.closed
	}
	n = min(n, len(t.pending))
	ls = append(ls, t.pending[:n]...)
	t.pending = t.pending[n:]
	if len(t.pending) == 0 {
		t.pending = nil // let the backing array go
	}
	return ls, false
}

// resolve stores the outcome of id and moves the watermark.
func (t *table) resolve(id uint32, r *vtclient.Result) {
	t.mu.Lock()
	if t.results[id] == nil {
		t.resolved++
	}
	t.results[id] = r
	moved := t.advance()
	t.mu.Unlock()
	if moved {
		signal(t.changed)
	}
}

func (t *table) advance() bool {
	old := t.watermark
	for t.watermark < len(t.results) && t.results[t.watermark] != nil {
		t.watermark++
	}
	return t.watermark != old
}

// ready reports whether every id up to and including maxID is resolved.
func (t *table) ready(maxID int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return maxID < int64(t.watermark)
}

// addScreened keeps the outcome of a screened observable; its id is its
// index with screenedBit set.
func (t *table) addScreened(r *vtclient.Result) {
	t.mu.Lock()
	t.screened = append(t.screened, r)
	t.mu.Unlock()
}

// result is the outcome of a resolved id, screened or looked up.
func (t *table) result(id uint32) *vtclient.Result {
	t.mu.Lock()
	defer t.mu.Unlock()
	if id&screenedBit != 0 {
		return t.screened[id&^screenedBit]
	}
	return t.results[id]
}

// counts reports ids known and resolved, for progress.
func (t *table) counts() (known, resolved int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.results), t.resolved
}
