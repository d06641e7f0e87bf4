package pipeline

import (
	"context"
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/vtclient"
)

// JoinMode says how rows and their observables become output rows.
type JoinMode int

// The join modes of DESIGN.md.
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

// joinStage holds batches, in input order, until every observable they
// reference is resolved, then joins them with their VT columns. Waiting
// batches stay in memory up to budget bytes; beyond it they spill to disk
// and come back in order.
type joinStage struct {
	mode      JoinMode
	cols      *columnBuilder // nil: convert, nothing added
	onlyAdded bool           // drop the source columns (vtenrich lookup)
	tbl       *table
	budget    int64
	spill     *spillFile
	stats     *Stats
}

// waiting is a batch held by the join, in memory (f) or spilled (ref).
type waiting struct {
	f     *found
	ref   *spillRef
	maxID int64
	size  int64
}

func (j *joinStage) run(ctx context.Context, in <-chan *found, out chan<- *rows.Joined) error {
	var queue []waiting
	var inMemory int64
	spilled := 0 // batches in the queue that live in the spill file
	for {
		for len(queue) > 0 && j.tbl.ready(queue[0].maxID) {
			w := queue[0]
			queue = queue[1:]
			f := w.f
			if f == nil {
				var err error
				if f, err = j.spill.get(w.ref); err != nil {
					return err
				}
				// Once nothing waits on disk, the file starts over: it never
				// grows past what waits at one time.
				if spilled--; spilled == 0 {
					if err := j.spill.reset(); err != nil {
						return err
					}
				}
			} else {
				inMemory -= w.size
			}
			select {
			case out <- j.join(f):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if in == nil && len(queue) == 0 {
			return nil
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
				w.f, w.ref = nil, ref
				spilled++
				j.stats.Spilled.Add(1)
				j.stats.SpillBytes.Add(ref.size)
			} else {
				inMemory += w.size
			}
			queue = append(queue, w)
		case <-j.tbl.changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// join builds the output rows of one ready batch.
func (j *joinStage) join(f *found) *rows.Joined {
	if j.cols == nil {
		j.stats.RowsOut.Add(int64(f.batch.NumRows()))
		return &rows.Joined{Batch: f.batch}
	}
	n := f.batch.NumRows()
	take := make([]int32, 0, max(n, len(f.ids))) // never nil here: nil would mean every row once
	cells := make([]cell, 0, cap(take))
	// Every occurrence's result, in order: cells slice it, so a batch costs
	// one allocation, not one per output row.
	results := make([]*vtclient.Result, len(f.ids))
	for i, id := range f.ids {
		results[i] = j.tbl.result(id)
	}
	k := 0 // next occurrence
	for row := 0; row < n; row++ {
		start := k
		for k < len(f.rowOf) && int(f.rowOf[k]) == row {
			k++
		}
		source := f.batch.First + int64(row)
		switch {
		case j.mode == JoinRow:
			cells = append(cells, cell{source: source, results: results[start:k:k]})
			take = append(take, int32(row))
		case start == k:
			if j.mode == JoinLeft {
				cells = append(cells, cell{source: source})
				take = append(take, int32(row))
			}
		default:
			for o := start; o < k; o++ {
				cells = append(cells, cell{source: source, results: results[o : o+1 : o+1]})
				take = append(take, int32(row))
			}
		}
	}
	if identity(take, n) {
		take = nil // every row once, in order: writers need no indirection
	}
	j.stats.RowsOut.Add(int64(len(cells)))
	b := f.batch
	if j.onlyAdded {
		b = &rows.Batch{Seq: b.Seq, First: b.First, Source: b.Source,
			Record: array.NewRecord(arrow.NewSchema(nil, nil), nil, b.Record.NumRows())}
		f.batch.Release()
	}
	return &rows.Joined{Batch: b, Take: take, Added: j.cols.build(cells)}
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
