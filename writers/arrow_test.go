package writers

import (
	"bytes"
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
