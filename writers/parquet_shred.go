package writers

import (
	"sync"

	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/parquet-go/parquet-go"
)

// badNull records the first non-nullable field found holding a null. Arrow
// allows that only under a null parent; anywhere else a required Parquet
// column cannot store it, and the writer fails the batch.
type badNull struct {
	mu   sync.Mutex // columns are shredded in parallel
	path string
}

// note keeps the first bad path.
func (b *badNull) note(path string) {
	b.mu.Lock()
	if b.path == "" {
		b.path = path
	}
	b.mu.Unlock()
}

// get returns the bad path, "" if none.
func (b *badNull) get() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.path
}

// requiredNull checks a non-nullable field's slots.
type requiredNull struct {
	path string
	bad  *badNull
}

// check notes row i of a if it is null.
func (r *requiredNull) check(a arrow.Array, i int) {
	if a.IsNull(i) {
		r.bad.note(r.path)
	}
}

// shredRows shreds output rows [from, to) of a top-level column; take maps
// them to rows of a (nil: the same rows).
func shredRows(sh shredder, a arrow.Array, take []int32, from, to int, cols [][]parquet.Value) {
	if l, ok := sh.(*leafShredder); ok {
		l.shredRows(a, take, from, to, cols)
		return
	}
	for i := from; i < to; i++ {
		src := i
		if take != nil {
			src = int(take[i])
		}
		sh.shred(a, src, 0, 0, cols)
	}
}

// leafShredder writes a flat value column.
type leafShredder struct {
	col      int
	optional bool
	req      *requiredNull // nil when optional
	deep     bool          // nulls may also hide in the dictionary
	value    valueFunc
}

func (l *leafShredder) shred(a arrow.Array, i int, rep, def int, cols [][]parquet.Value) {
	if l.optional {
		if a.IsNull(i) || l.deep && isNull(a, i) {
			l.null(rep, def, cols)
			return
		}
		def++
	} else {
		l.req.check(a, i)
	}
	cols[l.col] = append(cols[l.col], l.value(a, i).Level(rep, def, l.col))
}

// shredRows is shred for a top-level column, in a loop that keeps the value
// slice in registers: appending through cols[l.col] once per value stores
// and reloads the slice header each time, which stalls the CPU.
func (l *leafShredder) shredRows(a arrow.Array, take []int32, from, to int, cols [][]parquet.Value) {
	values := cols[l.col]
	def := 0
	if l.optional {
		def = 1
	}
	nulls := a.NullN() > 0 || l.deep
	for i := from; i < to; i++ {
		src := i
		if take != nil {
			src = int(take[i])
		}
		if nulls && (a.IsNull(src) || l.deep && isNull(a, src)) {
			if !l.optional {
				l.req.check(a, src)
			}
			values = append(values, parquet.Value{}.Level(0, 0, l.col))
			continue
		}
		values = append(values, l.value(a, src).Level(0, def, l.col))
	}
	cols[l.col] = values
}

func (l *leafShredder) null(rep, def int, cols [][]parquet.Value) {
	cols[l.col] = append(cols[l.col], parquet.Value{}.Level(rep, def, l.col))
}

// nullShredder writes a column of Arrow's null type: every value absent.
type nullShredder struct{ col int }

func (n *nullShredder) shred(_ arrow.Array, _ int, rep, def int, cols [][]parquet.Value) {
	n.null(rep, def, cols)
}

func (n *nullShredder) null(rep, def int, cols [][]parquet.Value) {
	cols[n.col] = append(cols[n.col], parquet.Value{}.Level(rep, def, n.col))
}

// structShredder writes a group: each field in turn, at the same row.
type structShredder struct {
	optional bool
	req      *requiredNull // nil when optional
	fields   []shredder
}

func (s *structShredder) shred(a arrow.Array, i int, rep, def int, cols [][]parquet.Value) {
	if s.optional {
		if a.IsNull(i) {
			s.null(rep, def, cols)
			return
		}
		def++
	} else if s.req != nil {
		s.req.check(a, i)
	}
	st := a.(*array.Struct)
	for k, f := range s.fields {
		f.shred(st.Field(k), i, rep, def, cols)
	}
}

func (s *structShredder) null(rep, def int, cols [][]parquet.Value) {
	for _, f := range s.fields {
		f.null(rep, def, cols)
	}
}

// listShredder writes a LIST or MAP: a repeated group whose first element
// continues the parent's repetition level and whose later elements repeat
// at this list's level. A null list and an empty list differ only in the
// definition level of the single placeholder value.
type listShredder struct {
	optional bool
	req      *requiredNull // nil when optional
	level    int           // repetition level of the elements
	elem     shredder
}

func (l *listShredder) shred(a arrow.Array, i int, rep, def int, cols [][]parquet.Value) {
	if l.optional {
		if a.IsNull(i) {
			l.elem.null(rep, def, cols)
			return
		}
		def++
	} else if l.req != nil {
		l.req.check(a, i)
	}
	list := a.(array.ListLike)
	start, end := list.ValueOffsets(i)
	if start == end {
		l.elem.null(rep, def, cols)
		return
	}
	values := list.ListValues()
	for k := start; k < end; k++ {
		r := l.level
		if k == start {
			r = rep
		}
		l.elem.shred(values, int(k), r, def+1, cols)
	}
}

func (l *listShredder) null(rep, def int, cols [][]parquet.Value) {
	l.elem.null(rep, def, cols)
}

// stringBytes views s as bytes without copying. parquet-go copies value
// bytes into its column buffers, so the view never outlives the Arrow
// buffer it points into, and nothing writes through it.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
