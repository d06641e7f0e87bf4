package writers

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet/compress"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
	pqschema "github.com/apache/arrow/go/v17/parquet/schema"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// writeAll writes the batches with a fresh writer and returns the output.
func writeAll(t testing.TB, schema *arrow.Schema, opts Options, batches ...*rows.Joined) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(&buf, schema, opts)
	if err != nil {
		t.Fatalf("New(%s): %v", opts.Format, err)
	}
	for _, j := range batches {
		if err := w.Write(j); err != nil {
			t.Fatalf("Write(%s): %v", opts.Format, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close(%s): %v", opts.Format, err)
	}
	return buf.Bytes()
}

// readParquet reads a file with Arrow's own Parquet reader, the reference
// for "other tools read what we write".
func readParquet(t testing.TB, data []byte) (arrow.Table, *file.Reader) {
	t.Helper()
	pf, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("pqarrow: opening: %v", err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1 << 16}, memory.DefaultAllocator)
	if err != nil {
		t.Fatalf("pqarrow: reader: %v", err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("pqarrow: reading: %v", err)
	}
	return tbl, pf
}

// tableColumn is column k of tbl as one array.
func tableColumn(t testing.TB, tbl arrow.Table, k int) arrow.Array {
	t.Helper()
	a, err := array.Concatenate(tbl.Column(k).Data().Chunks(), memory.DefaultAllocator)
	if err != nil {
		t.Fatalf("concatenating column %d: %v", k, err)
	}
	return a
}

func TestParquetTypesReadBackByArrow(t *testing.T) {
	j := joinedAllTypes(t)
	schema := rows.OutputSchema(allTypesSchema, addedSchema)
	data := writeAll(t, schema, Options{Format: rows.Parquet}, j)
	tbl, _ := readParquet(t, data)
	want, err := materialize(memory.DefaultAllocator, schema, j)
	if err != nil {
		t.Fatal(err)
	}

	// What Arrow reads back where Parquet has no exact equivalent; every
	// other column must come back with its own type.
	changed := map[string]arrow.DataType{
		"ts_s":    &arrow.TimestampType{Unit: arrow.Millisecond},
		"date64":  arrow.FixedWidthTypes.Date32,
		"time32s": arrow.FixedWidthTypes.Time32ms,
		"dur_ms":  arrow.PrimitiveTypes.Int64,
	}
	if got, want := tbl.NumCols(), int64(schema.NumFields()); got != want {
		t.Fatalf("read %d columns, wrote %d", got, want)
	}
	if tbl.NumRows() != int64(j.Len()) {
		t.Fatalf("read %d rows, wrote %d", tbl.NumRows(), j.Len())
	}
	for k, f := range schema.Fields() {
		t.Run(fmt.Sprintf("%d_%s", k, f.Name), func(t *testing.T) {
			gotField := tbl.Schema().Field(k)
			if gotField.Name != f.Name {
				t.Fatalf("column %d is named %q, want %q (column order must be the schema's)", k, gotField.Name, f.Name)
			}
			wantType := f.Type
			if c, ok := changed[f.Name]; ok {
				wantType = c
			}
			if !arrow.TypeEqual(gotField.Type, wantType) {
				t.Fatalf("type %s, want %s", gotField.Type, wantType)
			}
			got := tableColumn(t, tbl, k)
			defer got.Release()
			exp := want.Column(k)
			if !arrow.TypeEqual(exp.DataType(), wantType) {
				cast, err := compute.CastArray(context.Background(), exp, compute.SafeCastOptions(wantType))
				if err != nil {
					t.Fatalf("casting the expected values to %s: %v", wantType, err)
				}
				defer cast.Release()
				exp = cast
			}
			if !sameValues(got, exp) {
				t.Errorf("values differ\n got: %v\nwant: %v", got, exp)
			}
		})
	}
}

func TestParquetColumnOrderIsSchemaOrder(t *testing.T) {
	names := []string{"zeta", "alpha", "Mid", "_x", "beta", "a.b", "ünï"}
	fields := make([]arrow.Field, len(names))
	for k, n := range names {
		fields[k] = arrow.Field{Name: n, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	// A struct's fields keep their order too.
	fields = append(fields, arrow.Field{Name: "nested", Nullable: true, Type: arrow.StructOf(
		arrow.Field{Name: "z", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	)})
	schema := arrow.NewSchema(fields, nil)
	rec := recordFromJSON(t, schema, `[{"zeta":"1","alpha":"2","Mid":"3","_x":"4","beta":"5","a.b":"6","ünï":"7","nested":{"z":1,"a":2}}]`)
	data := writeAll(t, schema, Options{Format: rows.Parquet}, &rows.Joined{Batch: &rows.Batch{Record: rec}})
	tbl, _ := readParquet(t, data)
	for k, f := range tbl.Schema().Fields() {
		if f.Name != schema.Field(k).Name || !arrow.TypeEqual(f.Type, schema.Field(k).Type) {
			t.Fatalf("schema read back:\n%s\nwant:\n%s", tbl.Schema(), schema)
		}
	}
	for k := range names {
		if got := tableColumn(t, tbl, k).(*array.String).Value(0); got != fmt.Sprint(k+1) {
			t.Errorf("column %q holds %q, want %d", names[k], got, k+1)
		}
	}
}

func TestParquetRowGroupsAreBounded(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil)
	var batches []*rows.Joined
	for b := 0; b < 10; b++ {
		bld := array.NewInt64Builder(memory.DefaultAllocator)
		for i := 0; i < 3000; i++ {
			bld.Append(int64(b*3000 + i))
		}
		col := bld.NewArray()
		batches = append(batches, &rows.Joined{Batch: &rows.Batch{
			Record: array.NewRecord(schema, []arrow.Array{col}, int64(col.Len()))}})
	}
	data := writeAll(t, schema, Options{Format: rows.Parquet, RowGroupRows: 7000}, batches...)
	tbl, pf := readParquet(t, data)
	if got := pf.NumRowGroups(); got != 5 { // 30000 rows / 7000 per group
		t.Errorf("%d row groups, want 5", got)
	}
	for g := 0; g < pf.NumRowGroups(); g++ {
		if n := pf.MetaData().RowGroup(g).NumRows(); n > 7000 {
			t.Errorf("row group %d has %d rows, over the bound of 7000", g, n)
		}
	}
	col := tableColumn(t, tbl, 0).(*array.Int64)
	for i := 0; i < col.Len(); i++ {
		if col.Value(i) != int64(i) {
			t.Fatalf("row %d holds %d", i, col.Value(i))
		}
	}
}

func TestParquetRowGroupsAreBoundedInBytes(t *testing.T) {
	schema := stringSchema("s")
	long := strings.Repeat("x", 1000)
	var js strings.Builder
	js.WriteString("[")
	for i := 0; i < 3000; i++ {
		if i > 0 {
			js.WriteString(",")
		}
		fmt.Fprintf(&js, `{"s":"%d%s"}`, i, long)
	}
	js.WriteString("]")
	rec := recordFromJSON(t, schema, js.String())
	var buf bytes.Buffer
	w, err := New(&buf, schema, Options{Format: rows.Parquet, Compression: "none"})
	if err != nil {
		t.Fatal(err)
	}
	w.(*parquetWriter).maxBytes = 1 << 20 // ~1,000 rows of 1 KB
	for b := 0; b < 3; b++ {
		if err := w.Write(&rows.Joined{Batch: &rows.Batch{Record: rec}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	tbl, pf := readParquet(t, buf.Bytes())
	if tbl.NumRows() != 9000 {
		t.Fatalf("%d rows, want 9000", tbl.NumRows())
	}
	if pf.NumRowGroups() < 5 {
		t.Errorf("%d row groups for 9 MB under a 1 MiB bound", pf.NumRowGroups())
	}
	for g := 0; g < pf.NumRowGroups(); g++ {
		// The bound is checked after each chunk of rows, so a group may
		// pass it by up to one chunk (1,024 rows here, 1 MB).
		if size := pf.MetaData().RowGroup(g).TotalByteSize(); size > 2<<20+1<<20 {
			t.Errorf("row group %d holds %d bytes", g, size)
		}
	}
}

func TestParquetCompression(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	rec := recordFromJSON(t, schema, `[{"s":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},{"s":null},{"s":"b"}]`)
	for _, tc := range []struct {
		name string
		want compress.Compression
	}{
		{"", compress.Codecs.Zstd},
		{"zstd", compress.Codecs.Zstd},
		{"snappy", compress.Codecs.Snappy},
		{"gzip", compress.Codecs.Gzip},
		{"none", compress.Codecs.Uncompressed},
	} {
		t.Run("codec="+tc.name, func(t *testing.T) {
			data := writeAll(t, schema, Options{Format: rows.Parquet, Compression: tc.name},
				&rows.Joined{Batch: &rows.Batch{Record: rec}})
			tbl, pf := readParquet(t, data)
			chunk, err := pf.MetaData().RowGroup(0).ColumnChunk(0)
			if err != nil {
				t.Fatal(err)
			}
			if chunk.Compression() != tc.want {
				t.Errorf("codec %s, want %s", chunk.Compression(), tc.want)
			}
			if got := tableColumn(t, tbl, 0); !array.Equal(got, rec.Column(0)) {
				t.Errorf("values %v, want %v", got, rec.Column(0))
			}
		})
	}
	if _, err := New(&bytes.Buffer{}, schema, Options{Format: rows.Parquet, Compression: "lzma"}); err == nil {
		t.Error("unknown codec accepted")
	}
}

func TestParquetNestedLevels(t *testing.T) {
	// Lists of structs of lists, with nulls and empties at every level:
	// the definition and repetition levels must place each one.
	inner := arrow.StructOf(
		arrow.Field{Name: "id", Type: arrow.PrimitiveTypes.Int32, Nullable: false},
		arrow.Field{Name: "tags", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "items", Type: arrow.ListOf(inner), Nullable: true},
		{Name: "req", Type: arrow.ListOfNonNullable(arrow.PrimitiveTypes.Int64), Nullable: false},
		{Name: "m", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.ListOf(arrow.PrimitiveTypes.Int64)), Nullable: true},
	}, nil)
	rec := recordFromJSON(t, schema, `[
{"items":[{"id":1,"tags":["a","b"]},{"id":2,"tags":[]},{"id":3,"tags":null},null],"req":[1,2],"m":[{"key":"x","value":[1,null]}]},
{"items":[],"req":[],"m":[]},
{"items":null,"req":[3],"m":null},
{"items":[{"id":4,"tags":[null,""]}],"req":[4,5,6],"m":[{"key":"y","value":null},{"key":"z","value":[]}]}
]`)
	j := &rows.Joined{Batch: &rows.Batch{Record: rec}, Take: []int32{3, 2, 1, 0, 0}}
	data := writeAll(t, schema, Options{Format: rows.Parquet}, j)
	tbl, pf := readParquet(t, data)
	want, err := materialize(memory.DefaultAllocator, schema, j)
	if err != nil {
		t.Fatal(err)
	}
	// The file says the elements of "req" are required...
	var printed bytes.Buffer
	pqschema.PrintSchema(pf.MetaData().Schema.Root(), &printed, 2)
	if !strings.Contains(printed.String(), "required group field_id=-1 req (List) {\n    repeated group field_id=-1 list {\n      required int64") {
		t.Errorf("req is not a required list of required int64:\n%s", printed.String())
	}
	for k := range schema.Fields() {
		got := tableColumn(t, tbl, k)
		exp := want.Column(k)
		if k == 1 {
			// ...but Arrow v17's reader marks every list element nullable.
			exp = array.MakeFromData(array.NewData(arrow.ListOf(arrow.PrimitiveTypes.Int64), exp.Len(),
				exp.Data().Buffers(), exp.Data().Children(), exp.NullN(), exp.Data().Offset()))
		}
		if !arrow.TypeEqual(got.DataType(), exp.DataType()) {
			t.Errorf("column %d: type %s, want %s", k, got.DataType(), exp.DataType())
			continue
		}
		if !array.Equal(got, exp) {
			t.Errorf("column %d:\n got %v\nwant %v", k, got, exp)
		}
	}
}

func TestParquetRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		schema *arrow.Schema
		json   string // a batch to write, if New succeeds
		want   string // in the error
	}{
		{"duplicate names", arrow.NewSchema([]arrow.Field{
			{Name: "a", Type: arrow.BinaryTypes.String}, {Name: "a", Type: arrow.BinaryTypes.String}}, nil),
			"", `columns 1 and 2 are both named "a"`},
		{"unsupported type", arrow.NewSchema([]arrow.Field{
			{Name: "iv", Type: arrow.FixedWidthTypes.MonthInterval}}, nil),
			"", `column "iv"`},
		{"null in a required column", arrow.NewSchema([]arrow.Field{
			{Name: "req", Type: arrow.BinaryTypes.String, Nullable: false}}, nil),
			`[{"req":"x"},{"req":null}]`, `column "req" is declared non-nullable`},
		{"null in a required struct field", arrow.NewSchema([]arrow.Field{
			{Name: "s", Nullable: true, Type: arrow.StructOf(arrow.Field{Name: "f", Type: arrow.PrimitiveTypes.Int64})}}, nil),
			`[{"s":{"f":null}}]`, `column "s.f" is declared non-nullable`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := New(&buf, tc.schema, Options{Format: rows.Parquet})
			if err == nil && tc.json != "" {
				err = w.Write(&rows.Joined{Batch: &rows.Batch{Source: "in", Record: recordFromJSON(t, tc.schema, tc.json)}})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// sameValues compares arrays by value; dictionaries by the values their
// indices stand for, since a reader may rebuild the dictionary.
func sameValues(a, b arrow.Array) bool {
	if a.DataType().ID() != arrow.DICTIONARY {
		return array.Equal(a, b)
	}
	if a.Len() != b.Len() {
		return false
	}
	for i := 0; i < a.Len(); i++ {
		if isNull(a, i) != isNull(b, i) || a.ValueStr(i) != b.ValueStr(i) {
			return false
		}
	}
	return true
}

func recordFromJSON(t testing.TB, schema *arrow.Schema, js string) arrow.Record {
	t.Helper()
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, schema, strings.NewReader(js))
	if err != nil {
		t.Fatalf("record from JSON: %v", err)
	}
	return rec
}

// TestParquetTimesAreLocal: an Arrow time has no zone, so its Parquet TIME
// is not adjusted to UTC; DuckDB reads an adjusted one as TIME WITH TIME
// ZONE (and a nanosecond one truncated to microseconds).
func TestParquetTimesAreLocal(t *testing.T) {
	data := writeAll(t, rows.OutputSchema(allTypesSchema, addedSchema), Options{Format: rows.Parquet}, joinedAllTypes(t))
	_, rdr := readParquet(t, data)
	sch := rdr.MetaData().Schema
	times := 0
	for i := range sch.NumColumns() {
		lt, ok := sch.Column(i).LogicalType().(*pqschema.TimeLogicalType)
		if !ok {
			continue
		}
		times++
		if lt.IsAdjustedToUTC() {
			t.Errorf("column %s: TIME adjusted to UTC", sch.Column(i).Name())
		}
	}
	if times == 0 {
		t.Fatal("no TIME column written")
	}
}
