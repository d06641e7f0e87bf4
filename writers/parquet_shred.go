package writers

import (
	"sync"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
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

// topLevel is a shredder with a loop of its own for a whole top-level
// column, cheaper than a shred call per row.
type topLevel interface {
	shredRows(a arrow.Array, take []int32, from, to int, cols []*leafColumn)
}

// shredRows shreds output rows [from, to) of a top-level column whose
// leaf columns are leaves; take maps them to rows of a (nil: the same
// rows). Pages end between rows, as soon as they are full, so that no page
// outgrows what its header can say however long the values.
func shredRows(sh shredder, a arrow.Array, take []int32, from, to int, cols, leaves []*leafColumn) {
	if t, ok := sh.(topLevel); ok {
		t.shredRows(a, take, from, to, cols)
		return
	}
	for i := from; i < to; i++ {
		for _, c := range leaves {
			c.endFullPage()
		}
		sh.shred(a, sourceRow(take, i), 0, 0, cols)
	}
}

// sourceRow is the row of the source column that output row i shows.
func sourceRow(take []int32, i int) int {
	if take != nil {
		return int(take[i])
	}
	return i
}

// flatLeaf is what the shredders of flat columns share: their leaf column
// and whether it may hold nulls.
type flatLeaf struct {
	col      int
	optional bool
	req      *requiredNull // nil when optional
}

// skipNull records row src of a as absent if it is null (noting a null the
// column may not hold), and reports whether it was.
func (f *flatLeaf) skipNull(a arrow.Array, src int, c *leafColumn) bool {
	if !a.IsNull(src) {
		return false
	}
	if !f.optional {
		f.req.check(a, src)
	}
	c.addNull(0, 0)
	return true
}

// leafShredder writes a flat value column through parquet.Value: the
// general case, for every type without a faster path below.
type leafShredder struct {
	flatLeaf
	deep  bool // nulls may also hide in the dictionary
	value valueFunc
}

func (l *leafShredder) shred(a arrow.Array, i int, rep, def int, cols []*leafColumn) {
	if l.optional {
		if a.IsNull(i) || l.deep && isNull(a, i) {
			l.null(rep, def, cols)
			return
		}
	} else {
		l.req.check(a, i)
	}
	cols[l.col].addValue(rep, l.value(a, i))
}

func (l *leafShredder) shredRows(a arrow.Array, take []int32, from, to int, cols []*leafColumn) {
	c := cols[l.col]
	nulls := a.NullN() > 0 || l.deep
	for i := from; i < to; i++ {
		c.endFullPage()
		src := sourceRow(take, i)
		if nulls && (a.IsNull(src) || l.deep && isNull(a, src)) {
			if !l.optional {
				l.req.check(a, src)
			}
			c.addNull(0, 0)
			continue
		}
		c.addValue(0, l.value(a, src))
	}
}

func (l *leafShredder) null(rep, def int, cols []*leafColumn) {
	cols[l.col].addNull(rep, def)
}

// addValue records v, a value of the column's physical type.
func (c *leafColumn) addValue(rep int, v parquet.Value) {
	switch c.leaf.physical {
	case format.Boolean:
		c.addBool(rep, v.Boolean())
	case format.Int32:
		c.addInt32(rep, v.Int32())
	case format.Int64:
		c.addInt64(rep, v.Int64())
	case format.Float:
		c.addFloat(rep, v.Float())
	case format.Double:
		c.addDouble(rep, v.Double())
	case format.ByteArray:
		c.addBytes(rep, v.ByteArray())
	default: // FIXED_LEN_BYTE_ARRAY
		b := v.ByteArray()
		c.addPlain(rep, b)
		c.stats.addBytes(b)
	}
}

// int64Shredder writes a flat int64 or timestamp column from Arrow's value
// slice, a timestamp in seconds scaled to the milliseconds Parquet stores.
type int64Shredder struct {
	leafShredder
	mult int64
}

func (s *int64Shredder) shredRows(a arrow.Array, take []int32, from, to int, cols []*leafColumn) {
	var values []int64
	switch a := a.(type) {
	case *array.Int64:
		values = a.Int64Values()
	case *array.Timestamp:
		ts := a.TimestampValues()
		values = unsafe.Slice((*int64)(unsafe.SliceData(ts)), len(ts))
	default:
		s.leafShredder.shredRows(a, take, from, to, cols)
		return
	}
	c := cols[s.col]
	nulls := a.NullN() > 0
	for i := from; i < to; i++ {
		c.endFullPage()
		src := sourceRow(take, i)
		if nulls && s.skipNull(a, src, c) {
			continue
		}
		c.addInt64(0, values[src]*s.mult)
	}
}

// bytesShredder writes a flat string or binary column straight from the
// Arrow buffers: a dictionary index or the PLAIN bytes per row, and an
// output row repeating the source row before it (a row with several
// observables) reuses its index.
type bytesShredder struct {
	flatLeaf
	bytes func(a arrow.Array, i int) []byte
	// last is the source row of the last value looked up in the
	// dictionary, kept from call to call: the next output row showing the
	// same row (an enrichment repeats a row once per observable) takes its
	// index without a lookup, whether or not a batch ended between them,
	// so that the dictionary trial's count of bytes looked up, and the
	// file, do not depend on where the join's batches end.
	last struct {
		data arrow.ArrayData // the array it is in, by identity only
		src  int
		k    int32
		gen  int
	}
}

func (s *bytesShredder) shred(a arrow.Array, i int, rep, def int, cols []*leafColumn) {
	if s.optional {
		if a.IsNull(i) {
			s.null(rep, def, cols)
			return
		}
	} else {
		s.req.check(a, i)
	}
	cols[s.col].addBytes(rep, s.bytes(a, i))
}

func (s *bytesShredder) null(rep, def int, cols []*leafColumn) {
	cols[s.col].addNull(rep, def)
}

func (s *bytesShredder) shredRows(a arrow.Array, take []int32, from, to int, cols []*leafColumn) {
	c := cols[s.col]
	value := s.bytes
	if str, ok := a.(*array.String); ok {
		value = func(_ arrow.Array, i int) []byte { return stringBytes(str.Value(i)) }
	}
	nulls := a.NullN() > 0
	last := &s.last
	if data := a.Data(); last.data != data {
		last.data, last.src = data, -1
	}
	for i := from; i < to; i++ {
		c.endFullPage()
		src := sourceRow(take, i)
		if nulls && s.skipNull(a, src, c) {
			continue
		}
		if src == last.src && last.gen == c.gen && c.dictOn {
			c.addIndex(0, last.k)
			continue
		}
		b := value(a, src)
		if k, ok := c.dictIndex(b); ok {
			c.addIndex(0, k)
			last.src, last.k, last.gen = src, k, c.gen
			continue
		}
		c.addBytes(0, b)
	}
}

// dictShredder writes a column that Arrow holds dictionary-encoded with
// string or binary values (the VT columns): each batch's dictionary entry
// is looked up in the column's dictionary once, the first time a row uses
// it, and every row then costs an index copy.
type dictShredder struct {
	flatLeaf
	bytes func(a arrow.Array, i int) []byte

	// remap is the column's dictionary index of each entry of the Arrow
	// dictionary seen last (-1: not looked up yet), valid while the column's
	// gen is gen.
	seen  arrow.ArrayData
	gen   int
	remap []int32
	// The entries a chunk of rows needs looked up, and their hashes.
	pending []int
	hashes  []uint64
	sink    uint64 // see dictTable.warm
}

func (s *dictShredder) shred(a arrow.Array, i int, rep, def int, cols []*leafColumn) {
	d := a.(*array.Dictionary)
	if d.IsNull(i) || d.Dictionary().IsNull(d.GetValueIndex(i)) {
		if !s.optional {
			s.req.bad.note(s.req.path)
		}
		s.null(rep, def, cols)
		return
	}
	cols[s.col].addBytes(rep, s.bytes(d.Dictionary(), d.GetValueIndex(i)))
}

func (s *dictShredder) null(rep, def int, cols []*leafColumn) {
	cols[s.col].addNull(rep, def)
}

func (s *dictShredder) shredRows(a arrow.Array, take []int32, from, to int, cols []*leafColumn) {
	c := cols[s.col]
	d := a.(*array.Dictionary)
	values := d.Dictionary()
	s.sync(values, c)
	s.resolve(d, values, take, from, to, c)
	for i := from; i < to; i++ {
		c.endFullPage()
		src := sourceRow(take, i)
		if d.IsNull(src) {
			s.missing(c)
			continue
		}
		k := d.GetValueIndex(src)
		if values.IsNull(k) {
			s.missing(c)
			continue
		}
		if r := s.remap[k]; r >= 0 && s.gen == c.gen {
			c.addIndex(0, r)
			continue
		}
		b := s.bytes(values, k)
		r, ok := c.dictIndex(b)
		s.sync(values, c) // the lookup may have ended the dictionary
		if !ok {
			c.addBytes(0, b)
			continue
		}
		s.remap[k] = r
		c.addIndex(0, r)
	}
}

// resolve looks up, all together, the entries that rows [from, to) use
// and the remap lacks (see dictTable.warm).
func (s *dictShredder) resolve(d *array.Dictionary, values arrow.Array, take []int32, from, to int, c *leafColumn) {
	if !c.dictOn {
		return
	}
	s.pending, s.hashes = s.pending[:0], s.hashes[:0]
	for i := from; i < to; i++ {
		src := sourceRow(take, i)
		if d.IsNull(src) {
			continue
		}
		if k := d.GetValueIndex(src); s.remap[k] == -1 && !values.IsNull(k) {
			s.remap[k] = -2 // queued
			s.pending = append(s.pending, k)
			s.hashes = append(s.hashes, c.dict.hash(s.bytes(values, k)))
		}
	}
	s.sink += c.dict.warm(s.hashes)
	for n, k := range s.pending {
		r, ok := c.dictIndexHashed(s.bytes(values, k), s.hashes[n])
		if !ok {
			s.sync(values, c) // the dictionary ended: the rows go PLAIN
			return
		}
		s.remap[k] = r
	}
}

// missing records a null row.
func (s *dictShredder) missing(c *leafColumn) {
	if !s.optional {
		s.req.bad.note(s.req.path)
	}
	c.addNull(0, 0)
}

// sync drops the remap when the Arrow dictionary or the column's
// dictionary changed.
func (s *dictShredder) sync(values arrow.Array, c *leafColumn) {
	if s.seen == values.Data() && s.gen == c.gen {
		return
	}
	s.seen, s.gen = values.Data(), c.gen
	s.remap = s.remap[:0]
	for range values.Len() {
		s.remap = append(s.remap, -1)
	}
}

// nullShredder writes a column of Arrow's null type: every value absent.
type nullShredder struct{ col int }

func (n *nullShredder) shred(_ arrow.Array, _ int, rep, def int, cols []*leafColumn) {
	n.null(rep, def, cols)
}

func (n *nullShredder) null(rep, def int, cols []*leafColumn) {
	cols[n.col].addNull(rep, def)
}

// structShredder writes a group: each field in turn, at the same row.
type structShredder struct {
	optional bool
	req      *requiredNull // nil when optional
	fields   []shredder
}

func (s *structShredder) shred(a arrow.Array, i int, rep, def int, cols []*leafColumn) {
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

func (s *structShredder) null(rep, def int, cols []*leafColumn) {
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

func (l *listShredder) shred(a arrow.Array, i int, rep, def int, cols []*leafColumn) {
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

func (l *listShredder) null(rep, def int, cols []*leafColumn) {
	l.elem.null(rep, def, cols)
}

// stringBytes views s as bytes without copying. Columns copy value bytes
// into their pages and dictionaries, so the view never outlives the Arrow
// buffer it points into, and nothing writes through it.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
