package pipeline

import (
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/vtclient"
)

// found is a batch with the observables of its rows: occurrence k is the
// observable ids[k] in source row rowOf[k]; rowOf ascends, and a row lists
// each observable once.
type found struct {
	batch *rows.Batch
	rowOf []int32
	ids   []uint32
	// maxID is the highest lookup id referenced (-1 if none): the batch is
	// ready to write once the table's watermark passes it.
	maxID int64
}

// screenedBit marks ids of screened observables (--keep-screened), which
// live outside the lookup table: they are resolved the moment they are seen.
const screenedBit = 1 << 31

// extractor turns batches into found batches: scan, refang, screen, dedup.
type extractor struct {
	scanner     *ioc.Extractor
	iocCfg      ioc.Config
	columns     []string // --columns; empty: every string column
	iocCol      string   // --ioc-column: one observable per row, no scanning
	typeCol     string   // --type-column: its type
	keep        bool     // --keep-screened
	resolved    bool     // extract-only: ids need no lookup
	passThrough bool     // convert: no scanning at all
	set         *ioc.Set // lookup candidates
	screened    *ioc.Set // screened observables kept for output
	tbl         *table
	stats       *Stats

	rowIDs []uint32 // scratch: ids seen in the current row
}

// scanColumns returns the indexes of the columns to scan in schema s.
func (e *extractor) scanColumns(s *arrow.Schema) ([]int, error) {
	if len(e.columns) == 0 {
		var idx []int
		for i, f := range s.Fields() {
			if isText(f.Type) {
				idx = append(idx, i)
			}
		}
		return idx, nil
	}
	idx := make([]int, 0, len(e.columns))
	for _, name := range e.columns {
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
	return t.ID() == arrow.STRING || t.ID() == arrow.LARGE_STRING
}

func columnIndex(s *arrow.Schema, name string) (int, error) {
	if idx := s.FieldIndices(name); len(idx) > 0 {
		return idx[0], nil
	}
	names := make([]string, s.NumFields())
	for i, f := range s.Fields() {
		names[i] = fmt.Sprintf("%q", f.Name)
	}
	return 0, fmt.Errorf("no column %q in the input (columns: %s)", name, strings.Join(names, ", "))
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

func textOf(a arrow.Array) text {
	switch a := a.(type) {
	case *array.String:
		return stringText{a}
	case *array.LargeString:
		return largeStringText{a}
	}
	return nil
}

// annotate finds the observables of every row of b.
func (e *extractor) annotate(b *rows.Batch) (*found, error) {
	f := &found{batch: b, maxID: -1}
	if e.passThrough {
		e.stats.RowsIn.Add(int64(b.NumRows()))
		return f, nil
	}
	s := b.Record.Schema()
	if e.iocCol != "" {
		return f, e.annotateColumn(f, s)
	}
	cols, err := e.scanColumns(s)
	if err != nil {
		return nil, err
	}
	texts := make([]text, len(cols))
	for i, c := range cols {
		texts[i] = textOf(b.Record.Column(c))
	}
	n := b.NumRows()
	var row int32
	// One callback for the whole batch: a closure per row would allocate.
	note := func(m *ioc.Match) { e.note(f, row, m.Type, m.Value, m.Reason) }
	for i := 0; i < n; i++ {
		row = int32(i)
		e.rowIDs = e.rowIDs[:0]
		for _, t := range texts {
			if !t.IsNull(i) {
				e.scanner.Scan(t.ValueBytes(i), note)
			}
		}
	}
	e.stats.RowsIn.Add(int64(n))
	return f, nil
}

// annotateColumn takes the whole value of --ioc-column as one observable
// per row, typed by --type-column or by its shape.
func (e *extractor) annotateColumn(f *found, s *arrow.Schema) error {
	b := f.batch
	vi, err := columnIndex(s, e.iocCol)
	if err != nil {
		return err
	}
	values := textOf(b.Record.Column(vi))
	if values == nil {
		return fmt.Errorf("--ioc-column %q is %s, not a string column", e.iocCol, s.Field(vi).Type)
	}
	var types text
	if e.typeCol != "" {
		ti, err := columnIndex(s, e.typeCol)
		if err != nil {
			return err
		}
		if types = textOf(b.Record.Column(ti)); types == nil {
			return fmt.Errorf("--type-column %q is %s, not a string column", e.typeCol, s.Field(ti).Type)
		}
	}
	n := b.NumRows()
	for row := 0; row < n; row++ {
		e.rowIDs = e.rowIDs[:0]
		if values.IsNull(row) {
			continue
		}
		v := strings.TrimSpace(string(values.ValueBytes(row)))
		if v == "" {
			continue
		}
		t := ioc.Classify(v)
		if types != nil && !types.IsNull(row) {
			if named, err := ioc.ParseType(string(types.ValueBytes(row))); err == nil {
				t = named
			}
		}
		switch {
		case t == ioc.Unknown:
			e.note(f, int32(row), t, []byte(v), "unrecognised")
			continue
		case !e.iocCfg.Types.Has(t):
			e.note(f, int32(row), t, []byte(v), "type-not-selected")
			continue
		}
		norm, reason := ioc.Check(t, v, &e.iocCfg)
		if norm == "" {
			norm = v
		}
		e.note(f, int32(row), t, []byte(norm), reason)
	}
	e.stats.RowsIn.Add(int64(n))
	return nil
}

// note records one observable of a row: screened ones are counted (and
// kept under --keep-screened), the others deduplicated into the table.
func (e *extractor) note(f *found, row int32, t ioc.Type, value []byte, reason string) {
	e.stats.Observables.Add(1)
	var id uint32
	if reason != "" {
		e.stats.screen(reason)
		if !e.keep {
			return
		}
		sid, added := e.screened.Add(t, value)
		if added {
			e.tbl.addScreened(&vtclient.Result{
				Observable: string(value), Type: t, Status: vtclient.StatusScreened(reason)})
		}
		id = sid | screenedBit
	} else {
		lid, added := e.set.Add(t, value)
		if added {
			e.stats.Unique.Add(1)
			e.stats.countType(t)
			var r *vtclient.Result
			if e.resolved {
				r = &vtclient.Result{Observable: string(value), Type: t}
			}
			e.tbl.add(lookup{id: lid, typ: t, value: string(value)}, r)
		}
		id = lid
		f.maxID = max(f.maxID, int64(lid))
	}
	for _, seen := range e.rowIDs {
		if seen == id {
			return // one output row per (row, observable)
		}
	}
	e.rowIDs = append(e.rowIDs, id)
	f.rowOf = append(f.rowOf, row)
	f.ids = append(f.ids, id)
}
