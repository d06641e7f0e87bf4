package writers

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// readIPC reads every record of Arrow IPC data, in either layout.
func readIPC(t testing.TB, data []byte) (*arrow.Schema, []arrow.Record) {
	t.Helper()
	if bytes.HasPrefix(data, []byte("ARROW1")) {
		r, err := ipc.NewFileReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("ipc file: %v", err)
		}
		defer r.Close()
		var recs []arrow.Record
		for i := range r.NumRecords() {
			rec, err := r.RecordAt(i)
			if err != nil {
				t.Fatalf("ipc file: batch %d: %v", i, err)
			}
			recs = append(recs, rec)
		}
		return r.Schema(), recs
	}
	r, err := ipc.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ipc: %v", err)
	}
	defer r.Release()
	var recs []arrow.Record
	for r.Next() {
		rec := r.Record()
		rec.Retain()
		recs = append(recs, rec)
	}
	if err := r.Err(); err != nil {
		t.Fatalf("ipc: reading: %v", err)
	}
	return r.Schema(), recs
}

// arrowLayouts are the two Arrow IPC formats, with what sets each apart.
var arrowLayouts = []struct {
	format rows.Format
	magic  string // how the data starts
}{{rows.Arrow, "ARROW1"}, {rows.ArrowStream, "\xff\xff\xff\xff"}}

func TestArrowIPCReadsBackEqual(t *testing.T) {
	schema := rows.OutputSchema(allTypesSchema, addedSchema)
	nested := joinedAllTypes(t)
	plain := &rows.Joined{Batch: &rows.Batch{Record: allTypesRecord(t)}}
	// Dropping every row is a batch too.
	empty := &rows.Joined{Batch: nested.Batch, Take: []int32{}, Added: nested.Added.NewSlice(0, 0)}
	for _, layout := range arrowLayouts {
		for _, compression := range []string{"", "zstd", "lz4"} {
			t.Run(string(layout.format)+"/compression="+compression, func(t *testing.T) {
				data := writeAll(t, schema, Options{Format: layout.format, Compression: compression}, nested, empty)
				if !bytes.HasPrefix(data, []byte(layout.magic)) {
					t.Fatalf("%s output starts with %q", layout.format, data[:min(8, len(data))])
				}
				gotSchema, recs := readIPC(t, data)
				if len(recs) != 2 {
					t.Fatalf("%d records, want 2", len(recs))
				}
				want, err := materialize(memory.DefaultAllocator, schema, nested)
				if err != nil {
					t.Fatal(err)
				}
				sameRecords(t, layout.format, gotSchema, recs[0], schema, want)
				// The take really repeated and dropped rows.
				if got := recs[0].Column(0).(*array.String).Value(1); got != "plain" {
					t.Errorf("output row 1 is %q, want a repeat of row 0", got)
				}
				if recs[1].NumRows() != 0 {
					t.Errorf("the empty batch has %d rows", recs[1].NumRows())
				}
			})
		}
		// Without Take or Added the source columns go out as they are.
		data := writeAll(t, allTypesSchema, Options{Format: layout.format}, plain)
		gotSchema, recs := readIPC(t, data)
		if len(recs) != 1 {
			t.Fatalf("%s: %d records, want 1", layout.format, len(recs))
		}
		sameRecords(t, layout.format, gotSchema, recs[0], allTypesSchema, plain.Record)
	}
}

// sameRecords compares a record read back with the one written: the
// stream format keeps the schema as it was; the file format writes
// dictionary columns as their values, and nothing else differs.
func sameRecords(t *testing.T, f rows.Format, gotSchema *arrow.Schema, got arrow.Record, schema *arrow.Schema, want arrow.Record) {
	t.Helper()
	if f == rows.ArrowStream {
		if !gotSchema.Equal(schema) || !array.RecordEqual(got, want) {
			t.Errorf("%s: read back\n%v\nwant\n%v", f, got, want)
		}
		return
	}
	for i, field := range schema.Fields() {
		if dict, ok := field.Type.(*arrow.DictionaryType); ok {
			field.Type = dict.ValueType
		}
		if g := gotSchema.Field(i); g.Name != field.Name || !arrow.TypeEqual(g.Type, field.Type) {
			t.Errorf("%s: column %d is %s %s, want %s %s", f, i, g.Name, g.Type, field.Name, field.Type)
		}
		if !sameValues(want.Column(i), got.Column(i)) {
			t.Errorf("%s: column %q differs:\n got %v\nwant %v", f, field.Name, got.Column(i), want.Column(i))
		}
	}
}

func TestTakeCoversEveryType(t *testing.T) {
	rec := allTypesRecord(t)
	idx := []int32{4, 4, 0, 2, 3, 1, 1}
	for k, f := range allTypesSchema.Fields() {
		col := rec.Column(k)
		got, err := takeArray(memory.DefaultAllocator, col, idx)
		if err != nil {
			t.Errorf("%s (%s): %v", f.Name, f.Type, err)
			continue
		}
		for i, src := range idx {
			if got.IsNull(i) != col.IsNull(int(src)) || got.ValueStr(i) != col.ValueStr(int(src)) {
				t.Errorf("%s row %d: %s, want source row %d: %s", f.Name, i, got.ValueStr(i), src, col.ValueStr(int(src)))
			}
		}
	}
}

// TestArrowIPCDictionaryChanges writes batches whose dictionaries differ,
// as each batch of a dictionary-encoded input has its own: the stream
// format replaces the dictionary, the file format (one dictionary per
// column per file) writes the values.
func TestArrowIPCDictionaryChanges(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{{Name: "d", Nullable: true,
		Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}}}, nil)
	first := recordFromJSON(t, schema, `[{"d":"a"},{"d":"b"}]`)
	second := recordFromJSON(t, schema, `[{"d":"c"},{"d":null},{"d":"a"}]`)
	for _, layout := range arrowLayouts {
		data := writeAll(t, schema, Options{Format: layout.format},
			&rows.Joined{Batch: &rows.Batch{Record: first}}, &rows.Joined{Batch: &rows.Batch{Record: second}})
		gotSchema, recs := readIPC(t, data)
		if len(recs) != 2 || !sameValues(first.Column(0), recs[0].Column(0)) || !sameValues(second.Column(0), recs[1].Column(0)) {
			t.Errorf("%s: read back %v, want %v and %v", layout.format, recs, first, second)
		}
		if isDict := gotSchema.Field(0).Type.ID() == arrow.DICTIONARY; isDict != (layout.format == rows.ArrowStream) {
			t.Errorf("%s: column type %s", layout.format, gotSchema.Field(0).Type)
		}
	}
}

// TestArrowIPCFileRefusesNestedDictionaries: a dictionary inside a list
// cannot be decoded for the file format, which is said, pointing to the
// stream format.
func TestArrowIPCFileRefusesNestedDictionaries(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{{Name: "tags", Nullable: true,
		Type: arrow.ListOf(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String})}}, nil)
	_, err := New(&bytes.Buffer{}, schema, Options{Format: rows.Arrow})
	if err == nil || !strings.Contains(err.Error(), `column "tags"`) || !strings.Contains(err.Error(), "--to arrows") {
		t.Errorf("error %v", err)
	}
	if _, err := New(&bytes.Buffer{}, schema, Options{Format: rows.ArrowStream}); err != nil {
		t.Errorf("the stream format: %v", err)
	}
}

// TestArrowIPCSlicedUnions: the join hands over batches sliced wherever
// its lookups stand, and Arrow's IPC writer rebases a sliced union's
// offsets out of range (the file writer panicked). Sparse and dense
// unions of a sliced batch read back as the slice's values, in both
// layouts.
func TestArrowIPCSlicedUnions(t *testing.T) {
	mem := memory.NewGoAllocator()
	members := []arrow.Field{{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true}, {Name: "i", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}
	sparse := array.NewSparseUnionBuilder(mem, arrow.SparseUnionOf(members, []arrow.UnionTypeCode{3, 7}))
	dense := array.NewDenseUnionBuilder(mem, arrow.DenseUnionOf(members, []arrow.UnionTypeCode{0, 1}))
	for i := range 9 {
		if i%3 == 0 {
			sparse.Append(3)
			sparse.Child(0).(*array.StringBuilder).Append(fmt.Sprint("s", i))
			sparse.Child(1).AppendNull()
			dense.Append(0)
			dense.Child(0).(*array.StringBuilder).Append(fmt.Sprint("d", i))
			continue
		}
		sparse.Append(7)
		sparse.Child(0).AppendNull()
		sparse.Child(1).(*array.Int64Builder).Append(int64(i))
		dense.Append(1)
		dense.Child(1).(*array.Int64Builder).Append(int64(10 * i))
	}
	cols := []arrow.Array{sparse.NewArray(), dense.NewArray()}
	schema := arrow.NewSchema([]arrow.Field{{Name: "sparse", Type: cols[0].DataType()}, {Name: "dense", Type: cols[1].DataType()}}, nil)
	rec := array.NewRecord(schema, cols, 9)
	defer rec.Release()
	parts := []arrow.Record{rec.NewSlice(0, 2), rec.NewSlice(2, 7), rec.NewSlice(7, 9)}
	for _, layout := range arrowLayouts {
		var batches []*rows.Joined
		for _, p := range parts {
			batches = append(batches, &rows.Joined{Batch: &rows.Batch{Record: p}})
		}
		_, recs := readIPC(t, writeAll(t, schema, Options{Format: layout.format}, batches...))
		if len(recs) != len(parts) {
			t.Fatalf("%s: %d records, want %d", layout.format, len(recs), len(parts))
		}
		for i, p := range parts {
			for k := range schema.Fields() {
				if !sameValues(p.Column(k), recs[i].Column(k)) {
					t.Errorf("%s: batch %d, column %s:\n got %v\nwant %v", layout.format, i, schema.Field(k).Name, recs[i].Column(k), p.Column(k))
				}
			}
		}
	}
}
