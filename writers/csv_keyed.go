package writers

import (
	"fmt"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// keyedText renders the added columns of CSV and TSV rows. When batches say
// which rows show the same result (rows.AddedKeys), the text of a result's
// columns is made once and copied to every later row showing it, in this
// batch or a later one: an enriched log shows each observable on many rows
// (34 rows an observable on the bench corpus), and the added columns are
// most of the output's cells (26 of 40 there).
type keyedText struct {
	keys  *rows.AddedKeys // the batch's; nil: every cell rendered
	scope any             // the keys' scope the kept text belongs to
	runs  []columnRun
	// text holds the rendered runs of the keys in at: at[key] is where in
	// bounds the key's are, the offset of each shared run's text in text in
	// turn, then the end.
	text   []byte
	bounds []int
	at     rows.KeyMap[int32]
	kept   bool // at and text belong to scope
}

// keptTextLimit bounds the rendered text kept across batches. Past it, keys
// not kept yet are rendered on each row: the keys seen first are kept, and
// in logs those are the most frequent ones. When the producer leaves kept
// keys' values out (rows.AddedKeys.Omitted) every key but OwnResult is
// kept: the producer bounds them, giving the keys past its budget as
// OwnResult.
var keptTextLimit = 8 << 20 // a variable for tests

// columnRun is a stretch of consecutive output columns [from, to), all
// shared (rendered once per key) or all per row.
type columnRun struct {
	from, to int
	shared   bool
}

// KeepsKeys implements KeyMemory: CSV and TSV keep each key's text (every
// key but OwnResult, with no bound of their own when rows come without
// values).
func (w *csvWriter) KeepsKeys() bool { return true }

// reset readies k for batch j, whose added columns start at nIn. Keys it
// cannot use are an error only when rows came without their values.
func (k *keyedText) reset(j *rows.Joined, nIn int) error {
	k.keys = nil
	if j.Keys == nil {
		return nil
	}
	if j.Added == nil || len(j.Keys.Shared) != int(j.Added.NumCols()) || len(j.Keys.Row) != j.Len() {
		if j.Keys.Omitted {
			return fmt.Errorf("writers: %s: rows without their VT values, and keys that do not fit the batch (%d shared flags, %d keys for %d rows)",
				j.Source, len(j.Keys.Shared), len(j.Keys.Row), j.Len())
		}
		return nil
	}
	k.keys = j.Keys
	if k.scope == j.Keys.Scope && k.kept {
		return nil // the runs are the writer's, the same for every batch
	}
	k.scope, k.text, k.bounds, k.runs, k.kept = j.Keys.Scope, k.text[:0], k.bounds[:0], k.runs[:0], true
	k.at.Reset()
	for c, shared := range j.Keys.Shared {
		if n := len(k.runs); n > 0 && k.runs[n-1].shared == shared {
			k.runs[n-1].to++
			continue
		}
		k.runs = append(k.runs, columnRun{from: nIn + c, to: nIn + c + 1, shared: shared})
	}
	return nil
}

// added appends the added columns of output row i, each after a delimiter
// unless it is the line's first column.
func (w *csvWriter) added(dst []byte, nIn, i int) []byte {
	k := &w.keyed
	if k.keys == nil {
		return w.cells(dst, nIn, len(w.cols), i)
	}
	key := k.keys.Row[i]
	at32, known := k.at.Get(key)
	at := int(at32)
	if key == rows.OwnResult || !known && len(k.text) > keptTextLimit && !k.keys.Omitted {
		return w.cells(dst, nIn, len(w.cols), i)
	}
	if !known {
		at = len(k.bounds)
	}
	shared := at
	for _, run := range k.runs {
		switch {
		case !run.shared:
			dst = w.cells(dst, run.from, run.to, i)
		case known:
			dst = append(dst, k.text[k.bounds[shared]:k.bounds[shared+1]]...)
			shared++
		default:
			start := len(dst)
			dst = w.cells(dst, run.from, run.to, i)
			k.bounds = append(k.bounds, len(k.text))
			k.text = append(k.text, dst[start:]...)
		}
	}
	if !known {
		k.bounds = append(k.bounds, len(k.text))
		k.at.Set(key, int32(at))
	}
	return dst
}

// cells appends columns [from, to) of output row i, each after a delimiter
// unless it is the line's first column.
func (w *csvWriter) cells(dst []byte, from, to, i int) []byte {
	for c := from; c < to; c++ {
		if c > 0 {
			dst = append(dst, w.delim)
		}
		dst = w.cell(dst, c, i)
	}
	return dst
}
