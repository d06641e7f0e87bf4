package readers

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/compress"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// typedSchema has one column of each type the fidelity rules name.
var typedSchema = arrow.NewSchema([]arrow.Field{
	{Name: "i32", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "i64", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "d", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
	{Name: "dt", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "l", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	{Name: "st", Type: arrow.StructOf(
		arrow.Field{Name: "x", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		arrow.Field{Name: "y", Type: arrow.BinaryTypes.String, Nullable: true},
	), Nullable: true},
}, nil)

// typedRecord builds n rows of typedSchema; every third row is all nulls.
func typedRecord(n int) arrow.Record {
	b := array.NewRecordBuilder(memory.DefaultAllocator, typedSchema)
	defer b.Release()
	base := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	for i := range n {
		if i%3 == 2 {
			for _, f := range b.Fields() {
				f.AppendNull()
			}
			continue
		}
		b.Field(0).(*array.Int32Builder).Append(int32(i - 5))
		b.Field(1).(*array.Int64Builder).Append(int64(i) * 1_000_000_000_007)
		b.Field(2).(*array.Float64Builder).Append(float64(i) + 0.25)
		b.Field(3).(*array.BooleanBuilder).Append(i%2 == 0)
		b.Field(4).(*array.StringBuilder).Append("host-" + string(rune('a'+i%26)))
		b.Field(5).(*array.TimestampBuilder).Append(arrow.Timestamp(base.Add(time.Duration(i) * time.Second).UnixMicro()))
		b.Field(6).(*array.Date32Builder).Append(arrow.Date32FromTime(base.AddDate(0, 0, i)))
		lb := b.Field(7).(*array.ListBuilder)
		lb.Append(true)
		for j := range i % 3 {
			lb.ValueBuilder().(*array.StringBuilder).Append(string(rune('x' + j)))
		}
		sb := b.Field(8).(*array.StructBuilder)
		sb.Append(true)
		sb.FieldBuilder(0).(*array.Int64Builder).Append(int64(i))
		sb.FieldBuilder(1).(*array.StringBuilder).AppendNull()
	}
	return b.NewRecord()
}

// parquetBytes writes recs as a Parquet file with small row groups.
func parquetBytes(t testing.TB, recs ...arrow.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd), parquet.WithMaxRowGroupLength(1000))
	w, err := pqarrow.NewFileWriter(recs[0].Schema(), &buf, props, pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	writeRecords(t, w, recs)
	return buf.Bytes()
}

// writeRecords writes recs with w and closes it.
func writeRecords(t testing.TB, w interface {
	Write(arrow.Record) error
	Close() error
}, recs []arrow.Record) {
	t.Helper()
	for _, rec := range recs {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// arrowStreamBytes writes recs as an Arrow IPC stream.
func arrowStreamBytes(t testing.TB, opts []ipc.Option, recs ...arrow.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	writeRecords(t, ipc.NewWriter(&buf, append([]ipc.Option{ipc.WithSchema(recs[0].Schema())}, opts...)...), recs)
	return buf.Bytes()
}

// arrowFileBytes writes recs in the Arrow IPC file format.
func arrowFileBytes(t testing.TB, recs ...arrow.Record) []byte {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "f.arrow"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := ipc.NewFileWriter(f, ipc.WithSchema(recs[0].Schema()))
	if err != nil {
		t.Fatal(err)
	}
	writeRecords(t, w, recs)
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// recordTable renders a record the way readAll renders rows.
func recordTable(rec arrow.Record) string {
	var out [][]string
	for i := range int(rec.NumRows()) {
		var row []string
		for _, c := range rec.Columns() {
			row = append(row, valueText(c, i))
		}
		out = append(out, row)
	}
	return table(out)
}

// checkTyped checks that a read kept typedSchema's types and rec's values.
func checkTyped(t *testing.T, res *result, want string) {
	t.Helper()
	if res.err != nil {
		t.Fatal(res.err)
	}
	for i, f := range typedSchema.Fields() {
		got := res.schema.Field(i)
		if got.Name != f.Name || !arrow.TypeEqual(got.Type, f.Type) {
			t.Errorf("column %d is %s %s, want %s %s", i, got.Name, got.Type, f.Name, f.Type)
		}
	}
	if got := table(res.rows); got != want {
		t.Errorf("rows\n%s\nwant\n%s", got, want)
	}
}

// readTyped reads names (or stdin when names is nil) with a spool dir of
// its own and BatchRows batchRows, and checks format, types, values, batch
// bounds and that no spool file is left.
func readTyped(t *testing.T, names []string, stdin []byte, format rows.Format, batchRows int, want string) {
	t.Helper()
	spool := t.TempDir()
	res := readAll(t, names, onlyReader{bytes.NewReader(stdin)}, Options{TempDir: spool, BatchRows: batchRows})
	checkTyped(t, res, want)
	if res.format != format {
		t.Errorf("format %s, want %s", res.format, format)
	}
	for _, b := range res.batches {
		if b.n > batchRows {
			t.Errorf("batch of %d rows, more than BatchRows", b.n)
		}
	}
	emptyTempDir(t, spool)
}

// emptyTempDir fails the test if dir holds anything: spool files must go.
func emptyTempDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind in the temp dir: %s", e.Name())
	}
}
