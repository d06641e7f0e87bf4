package writers

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// The writers choose how to render a column by a switch over its Arrow type
// (textFunc, jsonFunc, the Parquet mapping). These tests build every type the
// Arrow library can construct, alone and nested in every container, and
// check that each format writes it or refuses it with a message: never a
// panic, and never a recursion without end (which Go cannot recover from:
// the test binary would die of a stack overflow).

// leafTypes has one instance of every Arrow type without children.
var leafTypes = []arrow.DataType{
	arrow.Null, arrow.FixedWidthTypes.Boolean,
	arrow.PrimitiveTypes.Int8, arrow.PrimitiveTypes.Int16, arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int64,
	arrow.PrimitiveTypes.Uint8, arrow.PrimitiveTypes.Uint16, arrow.PrimitiveTypes.Uint32, arrow.PrimitiveTypes.Uint64,
	arrow.FixedWidthTypes.Float16, arrow.PrimitiveTypes.Float32, arrow.PrimitiveTypes.Float64,
	arrow.BinaryTypes.String, arrow.BinaryTypes.Binary, arrow.BinaryTypes.LargeString, arrow.BinaryTypes.LargeBinary,
	arrow.BinaryTypes.StringView, arrow.BinaryTypes.BinaryView, &arrow.FixedSizeBinaryType{ByteWidth: 3},
	arrow.FixedWidthTypes.Date32, arrow.FixedWidthTypes.Date64,
	arrow.FixedWidthTypes.Timestamp_s, arrow.FixedWidthTypes.Timestamp_ms, arrow.FixedWidthTypes.Timestamp_us,
	&arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "Europe/Paris"},
	arrow.FixedWidthTypes.Time32s, arrow.FixedWidthTypes.Time32ms, arrow.FixedWidthTypes.Time64us, arrow.FixedWidthTypes.Time64ns,
	arrow.FixedWidthTypes.Duration_s, arrow.FixedWidthTypes.Duration_ns,
	arrow.FixedWidthTypes.MonthInterval, arrow.FixedWidthTypes.DayTimeInterval, arrow.FixedWidthTypes.MonthDayNanoInterval,
	&arrow.Decimal128Type{Precision: 12, Scale: 3}, &arrow.Decimal256Type{Precision: 40, Scale: 5},
}

// typeIDsCovered lists every arrow.Type the generators below produce; the
// test fails when Arrow grows a type that they miss.
func typeIDsCovered() map[arrow.Type]bool {
	seen := map[arrow.Type]bool{}
	var walk func(dt arrow.DataType)
	walk = func(dt arrow.DataType) {
		seen[dt.ID()] = true
		switch dt := dt.(type) {
		case arrow.NestedType:
			for _, f := range dt.Fields() {
				walk(f.Type)
			}
		case *arrow.DictionaryType:
			walk(dt.ValueType)
		case *labelType:
			walk(dt.StorageType())
		}
	}
	for _, dt := range everyType() {
		walk(dt)
	}
	return seen
}

// wrap builds container kind k (0..numKinds-1) around elem.
func wrap(k int, elem, other arrow.DataType) arrow.DataType {
	switch k % numKinds {
	case 0:
		return arrow.ListOf(elem)
	case 1:
		return arrow.LargeListOf(elem)
	case 2:
		return arrow.FixedSizeListOf(2, elem)
	case 3:
		return arrow.ListViewOf(elem)
	case 4:
		return arrow.LargeListViewOf(elem)
	case 5:
		return arrow.StructOf(arrow.Field{Name: "a", Type: elem, Nullable: true}, arrow.Field{Name: "b", Type: other, Nullable: true})
	case 6:
		return arrow.MapOf(arrow.BinaryTypes.String, elem)
	case 7:
		return arrow.SparseUnionOf([]arrow.Field{{Name: "a", Type: elem, Nullable: true}, {Name: "b", Type: other, Nullable: true}}, []arrow.UnionTypeCode{3, 7})
	case 8:
		return arrow.DenseUnionOf([]arrow.Field{{Name: "a", Type: elem, Nullable: true}, {Name: "b", Type: other, Nullable: true}}, []arrow.UnionTypeCode{0, 1})
	case 9:
		return arrow.RunEndEncodedOf(arrow.PrimitiveTypes.Int32, elem)
	case 10:
		return newLabelType(elem)
	case 11:
		if dictionaryValue(elem) {
			return &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: elem}
		}
		return arrow.ListOf(elem)
	}
	panic("unreachable")
}

const numKinds = 12

// dictionaryValue reports whether Arrow's dictionary builder takes values
// of dt (it panics on the types it lacks).
func dictionaryValue(dt arrow.DataType) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if _, nested := dt.(arrow.NestedType); nested || dt.ID() == arrow.EXTENSION {
		return false
	}
	array.NewBuilder(memory.DefaultAllocator, &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: dt}).Release()
	return true
}

// everyType is every leaf type, every container around every leaf, and
// every container around every container of a string.
func everyType() []arrow.DataType {
	out := append([]arrow.DataType(nil), leafTypes...)
	for k := range numKinds {
		for _, leaf := range leafTypes {
			out = append(out, wrap(k, leaf, arrow.PrimitiveTypes.Int64))
		}
		for j := range numKinds {
			out = append(out, wrap(k, wrap(j, arrow.BinaryTypes.String, arrow.PrimitiveTypes.Float64), arrow.BinaryTypes.String))
		}
	}
	return out
}

func TestEveryTypeIsCovered(t *testing.T) {
	seen := typeIDsCovered()
	for id := arrow.NULL; id <= arrow.LARGE_LIST_VIEW; id++ {
		if !seen[id] {
			t.Errorf("no generated type has id %s", id)
		}
	}
}

// TestEveryTypeWritesOrRefuses writes a column of each type, with valid,
// empty and null values, in every format.
func TestEveryTypeWritesOrRefuses(t *testing.T) {
	types := everyType()
	for k, dt := range types {
		pattern := []byte{byte(k), byte(k >> 8), 1, 2, 3, 0, 4}
		checkWritesOrRefuses(t, dt, pattern)
	}
	t.Logf("%d types in %d formats", len(types), len(allFormats))
}

var allFormats = []rows.Format{rows.CSV, rows.TSV, rows.JSONL, rows.Parquet, rows.Arrow}

// FuzzWriterTypes draws a type tree and the values of a column from the
// fuzzer's bytes and writes them in every format.
func FuzzWriterTypes(f *testing.F) {
	f.Add([]byte{0, 3, 1, 2})
	f.Add([]byte{7, 9, 12, 0, 1, 1, 0})
	f.Add([]byte{8, 8, 8, 8, 40, 3, 3, 3, 3})
	f.Add([]byte{9, 10, 11, 5, 6, 0, 1, 2, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &byteStream{data: data}
		checkWritesOrRefuses(t, drawType(s, 0), s.rest())
	})
}

// byteStream hands out the fuzzer's bytes, then zeros.
type byteStream struct {
	data []byte
	at   int
}

func (s *byteStream) next() int {
	if s.at >= len(s.data) {
		return 0
	}
	s.at++
	return int(s.data[s.at-1])
}

func (s *byteStream) rest() []byte { return s.data[min(s.at, len(s.data)):] }

// drawType draws a type of at most four levels.
func drawType(s *byteStream, depth int) arrow.DataType {
	b := s.next()
	if depth >= 4 || b < len(leafTypes) {
		return leafTypes[b%len(leafTypes)]
	}
	return wrap(b-len(leafTypes), drawType(s, depth+1), drawType(s, depth+1))
}

// checkWritesOrRefuses writes one column of type dt in every format.
// Text formats must write every type; Parquet and Arrow may refuse one,
// with an error that says which column and is not a recovered panic.
func checkWritesOrRefuses(t *testing.T, dt arrow.DataType, pattern []byte) {
	t.Helper()
	col := buildColumn(dt, pattern)
	if col == nil {
		t.Logf("%s: Arrow cannot build this column; skipped", dt)
		return
	}
	defer col.Release()
	schema := arrow.NewSchema([]arrow.Field{{Name: "c", Type: dt, Nullable: true}, {Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)
	nb := array.NewInt64Builder(memory.DefaultAllocator)
	defer nb.Release()
	for i := range col.Len() {
		nb.Append(int64(i))
	}
	n := nb.NewArray()
	defer n.Release()
	rec := array.NewRecord(schema, []arrow.Array{col, n}, int64(col.Len()))
	defer rec.Release()
	for _, f := range allFormats {
		out, err := writeOnce(schema, f, rec)
		switch {
		case err != nil && f != rows.Parquet && f != rows.Arrow:
			t.Errorf("%s: %s: %v", dt, f, err)
		case err != nil:
			if msg := err.Error(); strings.HasPrefix(msg, panicked) || !strings.Contains(msg, `column "c`) {
				t.Errorf("%s: %s refused with an unclear error: %v", dt, f, err)
			}
		default:
			checkParses(t, dt, f, out, int(rec.NumRows()))
		}
	}
}

// panicked starts the error of a write that panicked.
const panicked = "panic: "

// writeOnce writes rec in format f, turning a panic into a failure.
func writeOnce(schema *arrow.Schema, f rows.Format, rec arrow.Record) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s%v", panicked, r)
		}
	}()
	var buf bytes.Buffer
	w, err := New(&buf, schema, Options{Format: f})
	if err != nil {
		return nil, err
	}
	if err := w.Write(&rows.Joined{Batch: &rows.Batch{Record: rec, Source: "t"}}); err != nil {
		return nil, err
	}
	err = w.Close()
	return buf.Bytes(), err
}

// checkParses checks that CSV/TSV has a header and one record per row and
// that every JSONL line is an object with both keys.
func checkParses(t *testing.T, dt arrow.DataType, f rows.Format, out []byte, n int) {
	t.Helper()
	switch f {
	case rows.CSV, rows.TSV:
		r := csv.NewReader(bytes.NewReader(out))
		if f == rows.TSV {
			r.Comma, r.LazyQuotes = '\t', true
		}
		recs, err := r.ReadAll()
		if err != nil || len(recs) != n+1 {
			t.Errorf("%s: %s: %d records, %v\n%s", dt, f, len(recs), err, out)
		}
	case rows.JSONL:
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		if n == 0 {
			lines = nil
		}
		if len(lines) != n {
			t.Errorf("%s: jsonl: %d lines for %d rows", dt, len(lines), n)
		}
		for _, l := range lines {
			var obj map[string]any
			if err := json.Unmarshal([]byte(l), &obj); err != nil || len(obj) != 2 {
				t.Errorf("%s: jsonl line %s: %v", dt, l, err)
			}
		}
	}
}

// buildColumn builds an array of dt whose slots are, by pattern's bytes, a
// null (0), a default value (1) or a value drawn from the byte (others).
// It returns nil where Arrow's own builders fail on the type (they panic
// on some dictionaries inside unions): no writer is at stake there.
func buildColumn(dt arrow.DataType, pattern []byte) (col arrow.Array) {
	defer func() {
		if recover() != nil {
			col = nil
		}
	}()
	b := array.NewBuilder(memory.DefaultAllocator, dt)
	defer b.Release()
	for _, p := range pattern {
		appendSlot(b, p)
	}
	return b.NewArray()
}

// appendSlot appends one slot to b, recursing into children builders
// where the builder needs a value in each.
func appendSlot(b array.Builder, p byte) {
	if p == 0 {
		appendNull(b)
		return
	}
	switch b := b.(type) {
	case *array.StringBuilder:
		b.Append(fmt.Sprintf("s%d,\"\n", p))
	case *array.StringViewBuilder:
		b.Append(strings.Repeat("v", int(p)%20)) // longer than 12 bytes: out of line
	case *array.Int64Builder:
		b.Append(int64(p) << 40)
	case *array.Float64Builder:
		b.Append(float64(p) / 3)
	case *array.MapBuilder:
		b.Append(true)
		for k := range int(p) % 3 {
			b.KeyBuilder().(*array.StringBuilder).Append(fmt.Sprint("k", k))
			appendSlot(b.ItemBuilder(), p+byte(k))
		}
	case *array.ListViewBuilder:
		b.AppendWithSize(true, int(p)%3)
		appendChildren(b.ValueBuilder(), p)
	case *array.LargeListViewBuilder:
		b.AppendWithSize(true, int(p)%3)
		appendChildren(b.ValueBuilder(), p)
	case *array.FixedSizeListBuilder:
		b.Append(true)
		appendSlot(b.ValueBuilder(), p/2)
		appendSlot(b.ValueBuilder(), p/3)
	case array.ListLikeBuilder:
		b.Append(true)
		appendChildren(b.ValueBuilder(), p)
	case *array.StructBuilder:
		b.Append(true)
		for k := range b.NumField() {
			appendSlot(b.FieldBuilder(k), p+byte(k))
		}
	case *array.SparseUnionBuilder:
		code := b.Type().(arrow.UnionType).TypeCodes()[int(p)%2]
		b.Append(code)
		for k := range b.NumChildren() {
			if k == int(p)%2 {
				appendSlot(b.Child(k), p)
			} else {
				b.Child(k).AppendEmptyValue()
			}
		}
	case *array.DenseUnionBuilder:
		k := int(p) % 2
		b.Append(b.Type().(arrow.UnionType).TypeCodes()[k])
		appendSlot(b.Child(k), p)
	case *array.RunEndEncodedBuilder:
		b.Append(uint64(p%3) + 1)
		appendSlot(b.ValueBuilder(), p)
	case *array.ExtensionBuilder:
		appendSlot(b.Builder, p)
	case array.DictionaryBuilder:
		// The dictionary builder's own empty value is an index without an
		// entry: append a real value through a one-value array instead.
		vb := array.NewBuilder(memory.DefaultAllocator, b.Type().(*arrow.DictionaryType).ValueType)
		defer vb.Release()
		appendSlot(vb, p)
		v := vb.NewArray()
		defer v.Release()
		if err := b.AppendArray(v); err != nil {
			panic(err)
		}
	default:
		b.AppendEmptyValue()
	}
}

// appendChildren appends p%3 list items.
func appendChildren(b array.Builder, p byte) {
	for k := range int(p) % 3 {
		appendSlot(b, max(1, p+byte(k)))
	}
}

// appendNull appends a null slot; a struct's fields need one too.
func appendNull(b array.Builder) {
	b.AppendNull()
	if s, ok := b.(*array.StructBuilder); ok {
		for k := range s.NumField() {
			appendNull(s.FieldBuilder(k))
		}
	}
}

// labelType is an extension type of the tests: any storage, under a name
// Arrow does not know.
type labelType struct {
	arrow.ExtensionBase
}

// labelArray is its array.
type labelArray struct {
	array.ExtensionArrayBase
}

func newLabelType(storage arrow.DataType) *labelType {
	return &labelType{ExtensionBase: arrow.ExtensionBase{Storage: storage}}
}

func (*labelType) ArrayType() reflect.Type { return reflect.TypeOf(labelArray{}) }
func (*labelType) ExtensionName() string   { return "vtenrich.test.label" }
func (*labelType) Serialize() string       { return "" }
func (l *labelType) Deserialize(storage arrow.DataType, _ string) (arrow.ExtensionType, error) {
	return newLabelType(storage), nil
}
func (l *labelType) ExtensionEquals(o arrow.ExtensionType) bool {
	return o.ExtensionName() == l.ExtensionName() && arrow.TypeEqual(l.StorageType(), o.StorageType())
}
