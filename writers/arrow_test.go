package writers

import (
	"bytes"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// readIPC reads every record of an Arrow IPC stream.
func readIPC(t testing.TB, data []byte) (*arrow.Schema, []arrow.Record) {
	t.Helper()
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

func TestArrowIPCReadsBackEqual(t *testing.T) {
	schema := rows.OutputSchema(allTypesSchema, addedSchema)
	nested := joinedAllTypes(t)
	plain := &rows.Joined{Batch: &rows.Batch{Record: allTypesRecord(t)}}
	// Dropping every row is a batch too.
	empty := &rows.Joined{Batch: nested.Batch, Take: []int32{}, Added: nested.Added.NewSlice(0, 0)}
	for _, compression := range []string{"", "zstd", "lz4"} {
		t.Run("compression="+compression, func(t *testing.T) {
			data := writeAll(t, schema, Options{Format: rows.Arrow, Compression: compression}, nested, empty)
			gotSchema, recs := readIPC(t, data)
			if !gotSchema.Equal(schema) {
				t.Fatalf("schema\n%s\nwant\n%s", gotSchema, schema)
			}
			if len(recs) != 2 {
				t.Fatalf("%d records, want 2", len(recs))
			}
			want, err := materialize(memory.DefaultAllocator, schema, nested)
			if err != nil {
				t.Fatal(err)
			}
			if !array.RecordEqual(recs[0], want) {
				t.Errorf("record differs\n got %v\nwant %v", recs[0], want)
			}
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
	data := writeAll(t, allTypesSchema, Options{Format: rows.Arrow}, plain)
	if _, recs := readIPC(t, data); len(recs) != 1 || !array.RecordEqual(recs[0], plain.Record) {
		t.Errorf("records %v, want the input", recs)
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
// as each batch of a dictionary-encoded input has its own.
func TestArrowIPCDictionaryChanges(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{{Name: "d", Nullable: true,
		Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}}}, nil)
	first := recordFromJSON(t, schema, `[{"d":"a"},{"d":"b"}]`)
	second := recordFromJSON(t, schema, `[{"d":"c"},{"d":null},{"d":"a"}]`)
	data := writeAll(t, schema, Options{Format: rows.Arrow},
		&rows.Joined{Batch: &rows.Batch{Record: first}}, &rows.Joined{Batch: &rows.Batch{Record: second}})
	_, recs := readIPC(t, data)
	if len(recs) != 2 || !sameValues(recs[0].Column(0), first.Column(0)) || !sameValues(recs[1].Column(0), second.Column(0)) {
		t.Errorf("read back %v, want %v and %v", recs, first, second)
	}
}
