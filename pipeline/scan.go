package pipeline

import (
	"fmt"
	"strings"
	"sync"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// scanned is a batch with the candidates found in its rows, in row order,
// before dedup. Scanning is pure and runs on every core; dedup, which hands
// out ids in first-seen order, runs after it in batch order.
type scanned struct {
	batch *rows.Batch
	cands []candidate
	text  []byte // the candidates' values, back to back
	// dropped counts screened candidates not kept (no --keep-screened), by
	// reason: they need no value, only a count.
	dropped map[string]int64
	found   int64 // candidates, screened ones included
	row     rowCandidates
}

// candidate is one observable of a row: its normalised value is
// text[off:end] of its scanned batch; reason is "" unless screened.
type candidate struct {
	row      int32
	typ      ioc.Type
	off, end int32
	reason   string
}

func (s *scanned) value(c *candidate) []byte { return s.text[c.off:c.end] }

// scanBufs recycles the candidates and values of scanned batches, which
// dedup is done with once every candidate has its id: allocated afresh for
// every batch, they were 40% of the bytes --dry-run allocated, and the
// garbage collections that cost.
var scanBufs sync.Pool // of *scanBuf

type scanBuf struct {
	cands []candidate
	text  []byte
}

// release hands s's buffers back for another batch; s holds none after.
func (s *scanned) release() {
	if cap(s.cands) > 0 || cap(s.text) > 0 {
		scanBufs.Put(&scanBuf{cands: s.cands[:0], text: s.text[:0]})
	}
	s.cands, s.text = nil, nil
}

// scanSpec says what to scan: the flags of the extraction.
type scanSpec struct {
	ioc     ioc.Config
	columns []string // --columns; empty: every text column (isText)
	iocCol  string   // --ioc-column: one observable per row, no scanning
	typeCol string   // --type-column: its type
	keep    bool     // --keep-screened: keep the values of screened ones
	none    bool     // convert: no scanning at all
}

// newScanner makes one scan worker's state: an Extractor behind a Memo
// that answers field values the worker has scanned before (a log repeats
// its URLs, addresses and paths on many rows).
func newScanner(cfg ioc.Config) *ioc.Memo { return ioc.NewMemo(ioc.NewExtractor(cfg)) }

// scanBatch finds the candidates of every row of b with x, which it alone
// uses while it runs. Errors name the batch's file.
func (sp *scanSpec) scanBatch(x *ioc.Memo, b *rows.Batch) (*scanned, error) {
	s, err := sp.scan(x, b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", b.Source, err)
	}
	return s, nil
}

func (sp *scanSpec) scan(x *ioc.Memo, b *rows.Batch) (*scanned, error) {
	s := &scanned{batch: b}
	if sp.none {
		return s, nil
	}
	if buf, ok := scanBufs.Get().(*scanBuf); ok {
		s.cands, s.text = buf.cands, buf.text
	}
	schema := b.Record.Schema()
	if sp.iocCol != "" {
		return s, sp.scanColumn(x.Extractor(), s, schema)
	}
	cols, err := sp.scanColumns(schema)
	if err != nil {
		return nil, err
	}
	texts := make([]columnText, len(cols))
	for i, c := range cols {
		texts[i] = columnTextOf(b.Record.Column(c))
	}
	var row int32
	// One callback for the whole batch: a closure per row would allocate.
	add := func(m *ioc.Match) { sp.add(s, row, m.Type, m.Value, m.Reason) }
	for i := range int(b.NumRows()) {
		row = int32(i)
		for j := range texts {
			if v := texts[j].field(i); len(v) > 0 {
				x.ScanField(j, v, add)
			}
		}
	}
	return s, nil
}

// columnText reads the fields of a string column for the scan loop, which
// visits every field of every row: a plain string column's values are
// sliced straight from its buffers, without a call through an interface.
type columnText struct {
	offs  []int32     // a String column's value offsets into data
	data  []byte      // and its value bytes
	nulls arrow.Array // the column, if it has nulls
	slow  text        // any other string column
}

func columnTextOf(a arrow.Array) columnText {
	s, ok := a.(*array.String)
	if !ok {
		return columnText{slow: textOf(a)}
	}
	c := columnText{offs: s.ValueOffsets()}
	if bufs := s.Data().Buffers(); len(bufs) > 2 && bufs[2] != nil {
		c.data = bufs[2].Bytes()
	}
	if s.NullN() > 0 {
		c.nulls = s
	}
	return c
}

// field returns the i-th value, nil for a null.
func (c *columnText) field(i int) []byte {
	if c.slow != nil {
		if c.slow.IsNull(i) {
			return nil
		}
		return c.slow.ValueBytes(i)
	}
	if c.nulls != nil && c.nulls.IsNull(i) {
		return nil
	}
	return c.data[c.offs[i]:c.offs[i+1]]
}

// add records one candidate; screened ones only as a count unless kept.
func (sp *scanSpec) add(s *scanned, row int32, t ioc.Type, value []byte, reason string) {
	s.found++
	// A row lists an observable once: a repeat is only counted (screened
	// ones by reason, as dedup would have), so a 60 MB field of one IP
	// costs one candidate, not millions.
	repeat := s.row.repeated(s, row, t, value)
	if repeat && reason == "" {
		return
	}
	if reason != "" && (!sp.keep || repeat) {
		if s.dropped == nil {
			s.dropped = map[string]int64{}
		}
		s.dropped[reason]++
		return
	}
	off := int32(len(s.text))
	s.text = append(s.text, value...)
	s.cands = append(s.cands, candidate{row: row, typ: t, off: off, end: int32(len(s.text)), reason: reason})
}

// scanColumn takes the whole value of --ioc-column as one observable per
// row, typed by --type-column or by its shape.
func (sp *scanSpec) scanColumn(x *ioc.Extractor, s *scanned, schema *arrow.Schema) error {
	b := s.batch
	vi, err := columnIndex(schema, sp.iocCol)
	if err != nil {
		return err
	}
	values := textOf(b.Record.Column(vi))
	if values == nil {
		return fmt.Errorf("--ioc-column %q is %s, not a string column", sp.iocCol, schema.Field(vi).Type)
	}
	var types text
	if sp.typeCol != "" {
		ti, err := columnIndex(schema, sp.typeCol)
		if err != nil {
			return err
		}
		if types = textOf(b.Record.Column(ti)); types == nil {
			return fmt.Errorf("--type-column %q is %s, not a string column", sp.typeCol, schema.Field(ti).Type)
		}
	}
	for i := range b.NumRows() {
		if values.IsNull(i) {
			continue
		}
		v := strings.TrimSpace(string(values.ValueBytes(i)))
		if v == "" {
			continue
		}
		t := x.Classify([]byte(v))
		if types != nil && !types.IsNull(i) {
			if named, err := ioc.ParseType(string(types.ValueBytes(i))); err == nil {
				t = named
			}
		}
		switch {
		case t == ioc.Unknown:
			sp.add(s, int32(i), t, []byte(v), "unrecognised")
		case !sp.ioc.Types.Has(t):
			sp.add(s, int32(i), t, []byte(v), "type-not-selected")
		default:
			norm, reason := x.Check(t, []byte(v))
			if len(norm) == 0 {
				norm = []byte(v)
			}
			sp.add(s, int32(i), t, norm, reason)
		}
	}
	return nil
}

// scanColumns returns the indexes of the columns to scan in schema s.
func (sp *scanSpec) scanColumns(s *arrow.Schema) ([]int, error) {
	if len(sp.columns) == 0 {
		var idx []int
		for i, f := range s.Fields() {
			if isText(f.Type) {
				idx = append(idx, i)
			}
		}
		return idx, nil
	}
	idx := make([]int, 0, len(sp.columns))
	for _, name := range sp.columns {
		i, err := columnIndex(s, name)
		if err != nil {
			return nil, err
		}
		if !isText(s.Field(i).Type) {
			return nil, fmt.Errorf("column %q is %s, not a string column: only text can be scanned for IoCs", name, s.Field(i).Type)
		}
		idx = append(idx, i)
	}
	return idx, nil
}

func isText(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return true
	case arrow.DICTIONARY: // pandas' categoricals, Polars' and DuckDB's enums
		v := t.(*arrow.DictionaryType).ValueType
		return v.ID() != arrow.DICTIONARY && isText(v)
	}
	return false
}

func columnIndex(s *arrow.Schema, name string) (int, error) {
	if idx := s.FieldIndices(name); len(idx) > 0 {
		return idx[0], nil
	}
	names := make([]string, s.NumFields())
	quoted := make([]string, s.NumFields())
	for i, f := range s.Fields() {
		names[i], quoted[i] = f.Name, fmt.Sprintf("%q", f.Name)
	}
	return 0, fmt.Errorf("no column %q in the input%s (columns: %s)", name, didYouMean(name, names), strings.Join(quoted, ", "))
}

// text is a string column viewed as bytes, whatever its offset width.
type text interface {
	IsNull(i int) bool
	ValueBytes(i int) []byte
}

type stringText struct{ *array.String }

func (s stringText) ValueBytes(i int) []byte { return unsafeBytes(s.Value(i)) }

type largeStringText struct{ *array.LargeString }

func (s largeStringText) ValueBytes(i int) []byte { return unsafeBytes(s.Value(i)) }

type stringViewText struct{ *array.StringView }

func (s stringViewText) ValueBytes(i int) []byte { return unsafeBytes(s.Value(i)) }

// dictText is a dictionary-encoded string column: each row's value is
// its index's entry of the dictionary.
type dictText struct {
	*array.Dictionary
	values text
}

func (d dictText) IsNull(i int) bool {
	return d.Dictionary.IsNull(i) || d.values.IsNull(d.GetValueIndex(i))
}

func (d dictText) ValueBytes(i int) []byte { return d.values.ValueBytes(d.GetValueIndex(i)) }

func textOf(a arrow.Array) text {
	switch a := a.(type) {
	case *array.String:
		return stringText{a}
	case *array.LargeString:
		return largeStringText{a}
	case *array.StringView:
		return stringViewText{a}
	case *array.Dictionary:
		if _, nested := a.Dictionary().(*array.Dictionary); nested {
			return nil
		}
		if values := textOf(a.Dictionary()); values != nil {
			return dictText{a, values}
		}
	}
	return nil
}
