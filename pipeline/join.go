package pipeline

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/vtclient"
)

// JoinMode says how rows and their observables become output rows.
type JoinMode int

// The join modes (README, "Join modes").
const (
	// JoinLeft writes one row per (row, observable); rows without
	// observables once, with empty VT columns (default).
	JoinLeft JoinMode = iota
	// JoinInner writes only rows with observables, one per observable.
	JoinInner
	// JoinRow writes exactly one row per input row, VT columns as lists.
	JoinRow
)

// ParseJoinMode parses the --join flag.
func ParseJoinMode(s string) (JoinMode, error) {
	switch s {
	case "left", "":
		return JoinLeft, nil
	case "inner":
		return JoinInner, nil
	case "row":
		return JoinRow, nil
	}
	return 0, fmt.Errorf("unknown join mode %q (want left, inner or row)", s)
}

// partialDelay is how long the join lets ready rows at the head of a
// waiting batch gather before it writes them without the rest of their
// batch. In a fast run the rest follows within microseconds and the batch
// goes out whole (one write, one set of per-batch dictionaries); in a run
// paced by the API, a row is passed on this long after it is ready.
const partialDelay = 50 * time.Millisecond

// joinStage holds batches, in input order, until the observables of their
// rows are resolved, then joins them with their VT columns. A row goes out
// as soon as its own observables and those of every earlier row are
// resolved, not when its whole batch is. Waiting batches stay in memory up
// to budget bytes; beyond it they spill to disk and come back in order.
type joinStage struct {
	mode      JoinMode
	cols      *columnBuilder // nil: convert, nothing added
	onlyAdded bool           // drop the source columns (vtenrich lookup)
	res       *resolver
	budget    int64
	spill     *spillFile
	stats     *Stats
	// cells and results are join's scratch, kept from one batch to the
	// next: build is done with them when join returns.
	cells   []cell
	results []*vtclient.Result
}

// waiting is a batch held by the join, in memory (f) or spilled (ref).
type waiting struct {
	f     *found
	ref   *spillRef
	maxID int64
	size  int64 // bytes counted against the budget (0 once spilled)
	sent  int   // rows already passed on
	// The scan for ready rows: rows before ready are ready, having needed
	// ids below need; occ is the first occurrence of row ready.
	ready, occ int
	need       int64
}

// readyRows returns how many leading rows of the batch are ready when the
// ids below watermark are resolved: a row is ready when every lookup id it
// or an earlier row of the batch references is below it (earlier batches
// are already out). The scan resumes where it stopped, since the watermark
// only grows.
func (w *waiting) readyRows(watermark int64) int {
	f := w.f
	for w.ready < f.batch.NumRows() {
		need, k := w.need, w.occ
		for ; k < len(f.rowOf) && int(f.rowOf[k]) == w.ready; k++ {
			if id := f.ids[k]; id&screenedBit == 0 {
				need = max(need, int64(id)+1)
			}
		}
		if need > watermark {
			break
		}
		w.need, w.occ = need, k
		w.ready++
	}
	return w.ready
}

func (j *joinStage) run(ctx context.Context, in <-chan *found, out chan<- *rows.Joined) error {
	var queue []waiting
	var inMemory int64
	spilled := 0            // batches in the queue that live in the spill file
	var partial *time.Timer // armed while ready rows at the head gather
	var partialDue bool
	defer func() {
		if partial != nil {
			partial.Stop()
		}
	}()
	emit := func(j2 *rows.Joined) error {
		select {
		case out <- j2:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for {
		watermark, changed := j.res.Watermark()
		for len(queue) > 0 {
			w := &queue[0]
			if w.f == nil { // the head comes back from disk: it goes out next
				f, err := j.spill.get(w.ref)
				if err != nil {
					return err
				}
				w.f, w.ref = f, nil
				// Once nothing waits on disk, the file starts over: it never
				// grows past what waits at one time.
				if spilled--; spilled == 0 {
					if err := j.spill.reset(); err != nil {
						return err
					}
				}
			}
			n := w.f.batch.NumRows()
			if w.maxID < watermark {
				first := w.f.batch.First
				if err := emit(j.join(w.f, w.sent, n)); err != nil {
					return err
				}
				j.res.Joined(first + int64(n))
				inMemory -= w.size
				queue = queue[1:]
				if partial != nil {
					partial.Stop()
				}
				partial, partialDue = nil, false
				continue
			}
			if ready := w.readyRows(watermark); ready > w.sent {
				if partialDue {
					if err := emit(j.join(w.f, w.sent, ready)); err != nil {
						return err
					}
					j.res.Joined(w.f.batch.First + int64(ready))
					w.sent, partialDue, partial = ready, false, nil
				} else if partial == nil {
					partial = time.NewTimer(partialDelay)
				}
			}
			break
		}
		if in == nil && len(queue) == 0 {
			return nil
		}
		var due <-chan time.Time
		if partial != nil {
			due = partial.C
		}
		select {
		case f, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			w := waiting{f: f, maxID: f.maxID, size: batchBytes(f.batch)}
			// Spill only behind a batch that is itself waiting: a ready batch
			// at the head goes straight out.
			if len(queue) > 0 && inMemory+w.size > j.budget {
				ref, err := j.spill.put(f)
				if err != nil {
					return err
				}
				f.batch.Release()
				w.f, w.ref, w.size = nil, ref, 0
				spilled++
				j.stats.Spilled.Add(1)
				j.stats.SpillBytes.Add(ref.size)
			} else {
				inMemory += w.size
			}
			queue = append(queue, w)
		case <-changed:
		case <-due:
			partialDue = true
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// join builds the output rows of source rows [lo, hi) of f, which must be
// ready. The last part of a batch gives up f's reference to its buffers.
func (j *joinStage) join(f *found, lo, hi int) *rows.Joined {
	b := f.batch
	if lo > 0 || hi < b.NumRows() {
		b = sliceBatch(f.batch, lo, hi)
		if hi == f.batch.NumRows() {
			f.batch.Release() // the slice holds its own references
		}
	}
	if j.cols == nil {
		return &rows.Joined{Batch: b}
	}
	// The occurrences of rows lo..hi-1: rowOf ascends.
	k0 := sort.Search(len(f.rowOf), func(k int) bool { return int(f.rowOf[k]) >= lo })
	k1 := k0 + sort.Search(len(f.rowOf)-k0, func(k int) bool { return int(f.rowOf[k0+k]) >= hi })
	rowOf, ids := f.rowOf[k0:k1], f.ids[k0:k1]
	n := hi - lo
	take := make([]int32, 0, max(n, len(ids))) // never nil here: nil would mean every row once
	cells := slices.Grow(j.cells[:0], cap(take))
	// Every occurrence's result, in order: cells slice it, so a batch costs
	// no allocation per output row.
	results := slices.Grow(j.results[:0], len(ids))[:len(ids)]
	j.res.resultsOf(ids, f.screened, results)
	k := 0 // next occurrence
	for row := 0; row < n; row++ {
		start := k
		for k < len(rowOf) && int(rowOf[k])-lo == row {
			k++
		}
		source := b.First + int64(row)
		switch {
		case j.mode == JoinRow:
			cells = append(cells, cell{source: source, results: results[start:k:k], key: rows.NoResult}) // keys are not used: a row shows all its results
			take = append(take, int32(row))
		case start == k:
			if j.mode == JoinLeft {
				cells = append(cells, cell{source: source, key: rows.NoResult})
				take = append(take, int32(row))
			}
		default:
			for o := start; o < k; o++ {
				cells = append(cells, cell{source: source, results: results[o : o+1 : o+1], key: resultKey(ids[o])})
				take = append(take, int32(row))
			}
		}
	}
	if identity(take, n) {
		take = nil // every row once, in order: writers need no indirection
	}
	if j.onlyAdded {
		nb := &rows.Batch{Seq: b.Seq, First: b.First, Source: b.Source,
			Record: array.NewRecord(arrow.NewSchema(nil, nil), nil, b.Record.NumRows())}
		b.Release()
		b = nb
	}
	added, keys := j.cols.build(cells)
	// Cleared, so that the scratch does not keep results alive.
	clear(cells)
	clear(results)
	j.cells, j.results = cells[:0], results[:0]
	return &rows.Joined{Batch: b, Take: take, Added: added, Keys: keys}
}

// resultKey is the key (rows.AddedKeys) of the result of lookup id: the id
// itself, which names one observable's one outcome for the whole run, but
// for a screened observable's outcome, which is its batch's own.
func resultKey(id uint32) int64 {
	if id&screenedBit != 0 {
		return rows.OwnResult
	}
	return int64(id)
}

// sliceBatch is rows [lo, hi) of b, sharing its buffers.
func sliceBatch(b *rows.Batch, lo, hi int) *rows.Batch {
	s := &rows.Batch{Seq: b.Seq, First: b.First + int64(lo), Source: b.Source,
		Record: b.Record.NewSlice(int64(lo), int64(hi))}
	if b.JSON != nil {
		s.JSON = array.NewSlice(b.JSON, int64(lo), int64(hi)).(*array.String)
	}
	return s
}

// identity reports whether take lists rows 0..n-1 once each, in order.
func identity(take []int32, n int) bool {
	if len(take) != n {
		return false
	}
	for i, r := range take {
		if int(r) != i {
			return false
		}
	}
	return true
}
