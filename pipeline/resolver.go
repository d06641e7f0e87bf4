package pipeline

import (
	"context"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// resolver owns the observables of a run: the dense id each unique one gets
// in first-seen order, its outcome, and the queues of work still to do on
// it. Three stages use it, each through its own methods:
//
//	dedup stage   Add, Publish, Close       new observables in, in first-seen order
//	lookup stage  nextToCheck, nextToAsk,   cache checks in batches, then API requests
//	              Resolve, Later
//	join stage    Watermark, resultsOf,     every id below the watermark is resolved;
//	              Joined                    rows passed on free what only they needed
//
// Because ids are handed out in first-seen order, a row can be written as
// soon as the watermark passes every id that the row and the rows before it
// reference: any lower id was first seen in that row or an earlier one.
//
// Waiting is on one broadcast channel (see changed): every change closes it
// and makes a new one, so any number of waiters wake at once and re-check
// their condition under the lock. There are no wake-up tokens to lose.
//
// # Memory
//
// Memory is bounded whatever the number of distinct observables (see
// ARCHITECTURE.md, "Memory"). The dedup set is split in generations of at
// most budget bytes (set and outcomes): the dedup stage consults the
// current one and the previous one. When the current one is full, the
// previous one is let go of: its outcomes are written to the run store
// (runstore.go), its set is dropped at once, and its outcomes once the join
// has passed every row deduped before (no later row can reference its ids).
// An observable seen again after its generation was let go of gets a new
// id, which the cache check answers from the run store: it is neither
// looked up nor counted twice. The dedup stage also waits while more than
// maxUnresolved ids wait for their outcome, so that a run paced by the API
// does not queue a whole input's observables in memory.
type resolver struct {
	// Dedup stage only: the generations it consults and the ids it added
	// since the last Publish.
	cur, prev *generation
	fresh     []lookup
	budget    int64 // bytes a generation holds before the next one starts

	mu      sync.Mutex
	lo      uint32             // id of results[0]: lower ids are let go of
	results []*vtclient.Result // by id-lo; nil while unresolved
	values  []string           // by id-lo: the observable, for shared outcomes
	shared  sharedOutcomes
	// sharing starts with the first full generation: from then on bare
	// outcomes share one copy per kind. Before, the join reads every
	// outcome as it is, without making a shared one whole again, which is
	// most of a small run's cost of sharing.
	sharing    bool
	curBytes   int64 // outcomes' bytes of the current generation's ids
	curPending int   // the current generation's ids still unresolved
	unresolved int   // ids added and not yet resolved
	// What outcomes have taken so far, for the bytes the pending ones will
	// take once answered (see pendingBytes).
	outcomeBytes, outcomes int64
	retired                []retired     // let go of, waiting for the join
	joined                 int64         // rows the join has passed on
	resolved               int           // ids with an outcome
	watermark              uint32        // ids below it are all resolved
	toCheck                []lookup      // added, not yet checked against the cache
	toAsk                  []lookup      // cache misses waiting for an API worker
	later                  []lookup      // busy in another process: ask again at their due time
	closed                 bool          // the dedup stage ended: no more ids
	asking                 bool          // toAsk may still grow (cache checks not all done)
	change                 chan struct{} // closed and replaced on every change

	store   *runStore // outcomes let go of; empty until the first is
	inCache func(*vtclient.Result) bool
	stats   *Stats
}

// generation is a part of the dedup set: the observables first seen
// while it was current, with ids base, base+1, ...
type generation struct {
	set  ioc.Set
	base uint32
}

// retired is a generation let go of: its outcomes are freed once the join
// has passed row endRow (the first row deduped without it).
type retired struct {
	end    uint32 // its ids are below end
	endRow int64
}

// maxUnresolved bounds the ids waiting for an outcome (a lookup costs
// about 100 bytes while it waits): enough to keep 32 workers and a cache
// check busy, few enough to stay small.
const maxUnresolved = 1 << 16

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
	// repeat is what the run store knows of an observable seen before and
	// let go of (see resolver, "Memory"); nil for one seen for the first time.
	repeat *stored
}

// newResolver makes a resolver whose generations hold about budget bytes
// each, letting go of outcomes into a run store in dir; inCache says
// whether the persistent cache holds an outcome (so the store keeps a mark
// instead of the outcome).
func newResolver(budget int64, dir string, inCache func(*vtclient.Result) bool, stats *Stats) *resolver {
	if inCache == nil {
		inCache = func(*vtclient.Result) bool { return false }
	}
	return &resolver{change: make(chan struct{}), asking: true, budget: budget, cur: &generation{},
		store: &runStore{dir: dir}, inCache: inCache, stats: stats}
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
	if local, ok := r.cur.set.Find(t, value); ok {
		return r.cur.base + local, false
	}
	if r.prev != nil {
		if local, ok := r.prev.set.Find(t, value); ok {
			return r.prev.base + local, false
		}
	}
	local, _ := r.cur.set.Add(t, value)
	id = r.cur.base + local
	r.fresh = append(r.fresh, lookup{id: id, typ: t, value: string(value)})
	return id, true
}

// Publish registers the ids added since the last call: queued for the
// cache check, or, when extractOnly, resolved at once (there is nothing to
// look up; the result carries just the observable). rows is the number of
// input rows deduped so far. It then lets go of a generation if the
// current one is full, and waits while too many ids are unresolved.
func (r *resolver) Publish(ctx context.Context, extractOnly bool, rows int64) error {
	if len(r.fresh) > 0 {
		if err := r.markRepeats(ctx); err != nil {
			return err
		}
		r.mu.Lock()
		for _, lk := range r.fresh {
			r.results, r.values = append(r.results, nil), append(r.values, lk.value)
			if extractOnly {
				r.unresolved++ // resolveLocked counts it down
				r.curPending++
				r.resolveLocked(lk.id, &vtclient.Result{Observable: lk.value, Type: lk.typ})
			}
		}
		if !extractOnly {
			r.toCheck = append(r.toCheck, r.fresh...)
			r.unresolved += len(r.fresh)
			r.curPending += len(r.fresh)
		}
		r.fresh = r.fresh[:0]
		r.broadcastLocked()
		r.mu.Unlock()
	}
	if err := r.rotate(ctx, rows); err != nil {
		return err
	}
	return r.waitUnresolved(ctx)
}

// markRepeats looks the new ids up in the run store: one seen before and
// let go of carries what the store knows (its outcome, or that the cache
// has it) and is not counted again; the others are counted as unique.
func (r *resolver) markRepeats(ctx context.Context) error {
	known, err := r.store.lookup(ctx, r.fresh)
	if err != nil {
		return err
	}
	for i := range r.fresh {
		if known[i].seen {
			r.fresh[i].repeat = &known[i]
			continue
		}
		r.stats.Unique.Add(1)
		r.stats.countType(r.fresh[i].typ)
	}
	return nil
}

// rotate starts a new generation when the current one holds more than the
// budget, letting go of the previous one. The previous one's outcomes must
// all be known to be let go of: until they are, the dedup stage waits
// (memory bounds how far it may run ahead of the lookups).
func (r *resolver) rotate(ctx context.Context, rows int64) error {
	for {
		r.mu.Lock()
		full := r.cur.set.Bytes()+r.curBytes+r.pendingBytesLocked() > r.budget
		ready := r.prev == nil || r.watermark >= r.cur.base
		change := r.changedLocked()
		r.mu.Unlock()
		if !full {
			return nil
		}
		if ready {
			break
		}
		select {
		case <-change:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if r.prev != nil {
		if err := r.letGo(r.prev, r.cur.base, rows); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.prev = r.cur
	r.cur = &generation{base: r.prev.base + uint32(r.prev.set.Len())}
	r.curBytes, r.curPending = 0, 0
	r.sharing = true
	r.mu.Unlock()
	return nil
}

// pendingBytesLocked estimates what the current generation's unresolved
// ids will take once answered, at the mean of the outcomes so far (1 KiB
// before the first). A generation is full when its set, its outcomes and
// these reach the budget: in a run paced by the API the dedup stage is tens
// of thousands of ids ahead of the answers, and answers that arrive after
// their generation stopped being current would otherwise go uncounted
// (a 300k-distinct live run grew past 300 MB that way).
func (r *resolver) pendingBytesLocked() int64 {
	mean := int64(1024)
	if r.outcomes > 0 {
		mean = r.outcomeBytes / r.outcomes
	}
	return int64(r.curPending) * mean
}

// letGo writes the outcomes of g (ids g.base to end, all resolved) to the
// run store, a chunk at a time so as not to copy a generation at once, and
// retires g: its outcomes are freed once the join passes row endRow.
// Shared outcomes go as they are: the store keeps their few fields.
func (r *resolver) letGo(g *generation, end uint32, endRow int64) error {
	const chunk = 4096
	lks := make([]lookup, 0, chunk)
	res := make([]*vtclient.Result, 0, chunk)
	for from := g.base; from < end; from += chunk {
		lks, res = lks[:0], res[:0]
		to := min(end, from+chunk)
		r.mu.Lock()
		for id := from; id < to; id++ {
			res = append(res, r.results[id-r.lo])
		}
		r.mu.Unlock()
		for id := from; id < to; id++ {
			t, v := g.set.Value(id - g.base)
			lks = append(lks, lookup{id: id, typ: t, value: v})
		}
		if err := r.store.keep(lks, res, r.inCache); err != nil {
			return err
		}
	}
	r.stats.LetGo.Add(int64(end - g.base))
	r.mu.Lock()
	defer r.mu.Unlock()
	r.retired = append(r.retired, retired{end: end, endRow: endRow})
	r.freeLocked()
	return nil
}

// waitUnresolved waits while more than maxUnresolved ids have no outcome.
func (r *resolver) waitUnresolved(ctx context.Context) error {
	for {
		r.mu.Lock()
		if r.unresolved <= maxUnresolved {
			r.mu.Unlock()
			return nil
		}
		change := r.changedLocked()
		r.mu.Unlock()
		select {
		case <-change:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Joined says the join has passed on every row before row: the outcomes
// only those rows could reference may go.
func (r *resolver) Joined(row int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.joined = row
	r.freeLocked()
}

// freeLocked drops the outcomes of retired generations the join is past.
func (r *resolver) freeLocked() {
	drop := r.lo
	for len(r.retired) > 0 && r.retired[0].endRow <= r.joined {
		drop = r.retired[0].end
		r.retired = r.retired[1:]
	}
	if drop == r.lo {
		return
	}
	k := int(drop - r.lo)
	clear(r.results[:k]) // the backing arrays must not keep them alive
	clear(r.values[:k])
	r.results, r.values = r.results[k:], r.values[k:]
	r.lo = drop
	if cap(r.results) > 2*len(r.results)+4096 {
		r.results, r.values = slices.Clone(r.results), slices.Clone(r.values)
	}
}

// close removes the run store.
func (r *resolver) close() error { return r.store.close() }

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
	i := id - r.lo
	if !r.sharing {
		// keep res whole: the join reads it as it is
	} else if t := r.shared.of(res); t != nil {
		res = t // the observable is in r.values
	}
	if r.results[i] == nil {
		r.resolved++
		r.unresolved--
		// The outcome's pointer, the observable's string header and its
		// bytes (an allocation of its own, rounded up), and the outcome
		// when it is not shared.
		n := 8 + 16 + 16 + int64(len(r.values[i]))
		if !r.shared.is(res) {
			n += resultBytes(res)
		}
		r.outcomeBytes += n
		r.outcomes++
		if id >= r.cur.base {
			r.curBytes += n
			r.curPending--
		}
	}
	r.results[i] = res
	for int(r.watermark-r.lo) < len(r.results) && r.results[r.watermark-r.lo] != nil {
		r.watermark++
	}
}

// resultBytes estimates the memory an outcome holds.
func resultBytes(res *vtclient.Result) int64 {
	n := int64(unsafe.Sizeof(*res)) + int64(len(res.Observable)+len(res.Status.Code)+len(res.VerboseMsg)+
		len(res.Resource)+len(res.ScanID)+len(res.Permalink)+len(res.MD5)+len(res.SHA1)+len(res.SHA256)+
		len(res.Verdict)+len(res.Raw))
	for _, list := range [][]string{res.ResolvedDomains, res.ResolvedIPs, res.DetectedURLs, res.Tags} {
		for _, s := range list {
			n += 16 + int64(len(s))
		}
	}
	return n + res.Details.MemSize() + includedBytes(res.Included)
}

// Watermark returns the number of leading ids that are resolved, and the
// channel closed at the next change, so a waiter can check and sleep
// without missing a change in between.
func (r *resolver) Watermark() (int64, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return int64(r.watermark), r.change
}

// resultsOf copies the outcomes of ids into out (one lock for a batch):
// screened ones from their batch's screened, the others from the
// resolver. The ids must be resolved and not let go of: the join asks only
// for ids of rows it has not passed on yet.
func (r *resolver) resultsOf(ids []uint32, screened, out []*vtclient.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var made map[uint32]*vtclient.Result // shared outcomes made whole, once a batch
	for i, id := range ids {
		if id&screenedBit != 0 {
			out[i] = screened[id&^screenedBit]
			continue
		}
		switch p := r.results[id-r.lo]; {
		case r.shared.is(p):
			if made == nil {
				made = map[uint32]*vtclient.Result{}
			}
			if made[id] == nil {
				made[id] = r.outcomeLocked(id)
			}
			out[i] = made[id]
		default:
			out[i] = p
		}
	}
}

// outcomeLocked is the outcome of id, a shared one made whole.
func (r *resolver) outcomeLocked(id uint32) *vtclient.Result {
	p := r.results[id-r.lo]
	if !r.shared.is(p) {
		return p
	}
	whole := *p
	whole.Observable = r.values[id-r.lo]
	return &whole
}

// counts reports ids known and resolved, for progress.
func (r *resolver) counts() (known, resolved int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return int(r.lo) + len(r.results), r.resolved
}

// sharedOutcomes keeps one copy of each outcome that carries nothing of its
// observable's own but the observable (not in the cache, not found,
// interrupted, failed, a dry run's "to look up", an extract's bare
// observable): with the observable kept beside it (16 bytes and the
// string), such an id costs a fraction of a whole vtclient.Result, so the
// resolver's generations hold several times more of them (resolver,
// "Memory").
type sharedOutcomes struct {
	byKey map[sharedKey]*vtclient.Result
	all   map[*vtclient.Result]bool
}

// sharedKey is every field a shareable outcome may carry but its
// observable.
type sharedKey struct {
	typ     ioc.Type
	status  vtclient.Status
	code    int
	msg     string
	verdict string
}

// maxShared bounds the distinct shared outcomes (error messages can vary).
const maxShared = 4096

// bare reports whether res carries nothing of its own but its observable
// and the fields of sharedKey.
func bare(res *vtclient.Result) bool {
	return !res.Found() && len(res.Raw) == 0 && res.Resource == "" && res.Permalink == "" &&
		res.ScanID == "" && res.MD5 == "" && res.SHA1 == "" && res.SHA256 == "" && len(res.Tags) == 0 &&
		len(res.ResolvedDomains) == 0 && len(res.ResolvedIPs) == 0 && len(res.DetectedURLs) == 0 && res.Total == 0
}

// of returns the shared copy of res, or nil when res has data of its own.
func (s *sharedOutcomes) of(res *vtclient.Result) *vtclient.Result {
	if !bare(res) {
		return nil
	}
	k := sharedKey{res.Type, res.Status, res.ResponseCode, res.VerboseMsg, res.Verdict}
	if t := s.byKey[k]; t != nil {
		return t
	}
	if len(s.byKey) >= maxShared {
		return nil
	}
	if s.byKey == nil {
		s.byKey, s.all = map[sharedKey]*vtclient.Result{}, map[*vtclient.Result]bool{}
	}
	t := &vtclient.Result{Type: res.Type, Status: res.Status, ResponseCode: res.ResponseCode,
		VerboseMsg: res.VerboseMsg, Verdict: res.Verdict}
	s.byKey[k], s.all[t] = t, true
	return t
}

// is reports whether p is a shared outcome (lacking its observable).
func (s *sharedOutcomes) is(p *vtclient.Result) bool { return p != nil && s.all[p] }
