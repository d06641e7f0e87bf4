package writers_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
	"github.com/vtenrich/vtenrich/writers"
)

// exportCSV is a log export with what breaks naive CSV handling: quoted
// delimiters, quotes, embedded newlines and CRLF, empty fields, an empty
// header, Unicode, leading and trailing spaces. It is quoted the way the
// CSV writer quotes (only where needed), so that it comes back byte for
// byte.
const exportCSV = "TimeGenerated,Computer,CommandLine,,Note\n" +
	"2024-03-01T10:00:00.000Z,WKSTN-01,\"cmd.exe /c \"\"whoami\"\"\",x,plain\n" +
	"2024-03-01T10:00:01.000Z,srv-02,\"powershell -enc AAA=, -nop\",,\"two\nlines\"\n" +
	"2024-03-01T10:00:02.000Z,,C:\\Program Files\\x.exe,y,\"crlf\r\ninside\"\n" +
	"2024-03-01T10:00:03.000Z,ünïcödé-host,日本語 👋,, spaced \n" +
	"2024-03-01T10:00:04.000Z,h,,z,\"a,b\"\n"

// quotedCSV is exportCSV with quotes where none are needed, as some tools
// quote every field: the values are the same, so the output is exportCSV.
const quotedCSV = "\"TimeGenerated\",Computer,CommandLine,\"\",Note\n" +
	"2024-03-01T10:00:00.000Z,WKSTN-01,\"cmd.exe /c \"\"whoami\"\"\",\"x\",plain\n" +
	"2024-03-01T10:00:01.000Z,srv-02,\"powershell -enc AAA=, -nop\",,\"two\nlines\"\n" +
	"2024-03-01T10:00:02.000Z,\"\",\"C:\\Program Files\\x.exe\",y,\"crlf\r\ninside\"\n" +
	"2024-03-01T10:00:03.000Z,ünïcödé-host,\"日本語 👋\",, spaced \n" +
	"2024-03-01T10:00:04.000Z,h,\"\",z,\"a,b\"\n"

var extensions = map[rows.Format]string{
	rows.CSV: ".csv", rows.TSV: ".tsv", rows.JSONL: ".jsonl", rows.Parquet: ".parquet", rows.Arrow: ".arrow",
	rows.ArrowStream: ".arrows",
}

// readFile reads a whole file with the readers package, in small batches
// so that writers see several.
func readFile(t *testing.T, path string) (*arrow.Schema, []*rows.Batch) {
	t.Helper()
	r, err := readers.Open(context.Background(), []string{path}, nil, readers.Options{BatchRows: 2})
	if err != nil {
		t.Fatalf("readers.Open(%s): %v", path, err)
	}
	defer r.Close()
	var batches []*rows.Batch
	for {
		b, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("reading %s: %v", path, err)
		}
		batches = append(batches, b)
	}
	return r.Schema(), batches
}

// writeFile writes batches to dir/name with the writer the name implies.
func writeFile(t *testing.T, path string, schema *arrow.Schema, batches []*rows.Batch) {
	t.Helper()
	format, stream, ok := rows.FormatFromPath(path)
	if !ok {
		t.Fatalf("no format for %s", path)
	}
	out, err := writers.CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	w, err := writers.New(out, schema, writers.Options{Format: format, Stream: stream})
	if err != nil {
		t.Fatalf("writers.New(%s): %v", path, err)
	}
	for _, b := range batches {
		if err := w.Write(&rows.Joined{Batch: b}); err != nil {
			t.Fatalf("writing %s: %v", path, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("closing %s: %v", path, err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
}

// asCSV renders batches as CSV text, the common ground for comparing what
// different formats held.
func asCSV(t *testing.T, schema *arrow.Schema, batches []*rows.Batch) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := writers.New(&buf, schema, writers.Options{Format: rows.CSV})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		plain := *b
		plain.JSON = nil // render the columns, not the JSONL text
		if err := w.Write(&rows.Joined{Batch: &plain}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestEveryFormatPairReadsBack converts the export into each format, then
// each of those into each format, and reads everything back: every file
// must hold what its source held.
func TestEveryFormatPairReadsBack(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(src, []byte(quotedCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	schema, batches := readFile(t, src)
	want := asCSV(t, schema, batches)
	if want != exportCSV {
		t.Fatalf("CSV → CSV changed the export's values:\n%q\nwant\n%q", want, exportCSV)
	}
	for _, a := range rows.Formats {
		first := filepath.Join(dir, "first"+extensions[a])
		writeFile(t, first, schema, batches)
		aSchema, aBatches := readFile(t, first)
		if got := asCSV(t, aSchema, aBatches); got != want {
			t.Errorf("CSV → %s reads back\n%q\nwant\n%q", a, got, want)
			continue
		}
		for _, b := range rows.Formats {
			second := filepath.Join(dir, string(a)+"-to"+extensions[b])
			writeFile(t, second, aSchema, aBatches)
			bSchema, bBatches := readFile(t, second)
			if got := asCSV(t, bSchema, bBatches); got != want {
				t.Errorf("%s → %s reads back\n%q\nwant\n%q", a, b, got, want)
			}
		}
	}
}

// TestCSVThroughParquetIsByteExact is the data engineer's chain: CSV in,
// Parquet stored, CSV out again, byte for byte, header included. Also with
// compressed files on the way.
func TestCSVThroughParquetIsByteExact(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "export.csv.gz")
	schema0, batches0 := func() (*arrow.Schema, []*rows.Batch) {
		plain := filepath.Join(dir, "plain.csv")
		if err := os.WriteFile(plain, []byte(exportCSV), 0o644); err != nil {
			t.Fatal(err)
		}
		return readFile(t, plain)
	}()
	writeFile(t, src, schema0, batches0)
	schema, batches := readFile(t, src)
	pq := filepath.Join(dir, "stored.parquet")
	writeFile(t, pq, schema, batches)
	pqSchema, pqBatches := readFile(t, pq)
	back := filepath.Join(dir, "back.csv")
	writeFile(t, back, pqSchema, pqBatches)
	got, err := os.ReadFile(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != exportCSV {
		t.Errorf("CSV → Parquet → CSV gives\n%q\nwant\n%q", got, exportCSV)
	}
}

// TestTypedColumnsSurviveColumnarFormats checks Parquet → Parquet and the
// Arrow pairs: int32/int64, double, boolean, string, timestamp, date, list,
// struct and nulls keep their types and values.
func TestTypedColumnsSurviveColumnarFormats(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "i32", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "i64", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "f64", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "bool", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
		{Name: "str", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "date", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "list", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
		{Name: "struct", Nullable: true, Type: arrow.StructOf(
			arrow.Field{Name: "z", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
			arrow.Field{Name: "a", Type: arrow.BinaryTypes.String, Nullable: true})},
	}, nil)
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, schema, strings.NewReader(`[
{"i32":-1,"i64":4503599627370497,"f64":0.1,"bool":true,"str":"a","ts":1700000000123456,"date":19675,"list":["x",null],"struct":{"z":1,"a":"q"}},
{"i32":null,"i64":null,"f64":null,"bool":null,"str":null,"ts":null,"date":null,"list":null,"struct":null},
{"i32":2147483647,"i64":-9223372036854775808,"f64":1e-7,"bool":false,"str":"","ts":0,"date":-1,"list":[],"struct":{"z":null,"a":null}}
]`))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, a := range []rows.Format{rows.Parquet, rows.Arrow} {
		first := filepath.Join(dir, "first"+extensions[a])
		writeFile(t, first, schema, []*rows.Batch{{Record: rec}})
		aSchema, aBatches := readFile(t, first)
		for _, b := range []rows.Format{rows.Parquet, rows.Arrow} {
			second := filepath.Join(dir, string(a)+"-to"+extensions[b])
			writeFile(t, second, aSchema, aBatches)
			bSchema, bBatches := readFile(t, second)
			for k, f := range schema.Fields() {
				got := bSchema.Field(k)
				if got.Name != f.Name || !arrow.TypeEqual(got.Type, f.Type) {
					t.Errorf("%s → %s: column %d is %s %s, want %s %s", a, b, k, got.Name, got.Type, f.Name, f.Type)
				}
			}
			var cols []arrow.Array
			for k := range schema.Fields() {
				var chunks []arrow.Array
				for _, batch := range bBatches {
					chunks = append(chunks, batch.Record.Column(k))
				}
				col, err := array.Concatenate(chunks, memory.DefaultAllocator)
				if err != nil {
					t.Fatal(err)
				}
				cols = append(cols, col)
			}
			for k, col := range cols {
				if !array.ApproxEqual(col, rec.Column(k)) {
					t.Errorf("%s → %s: column %s\n got %v\nwant %v", a, b, schema.Field(k).Name, col, rec.Column(k))
				}
			}
		}
	}
}

// TestUUIDColumnsKeepTheirType: a UUID column (Parquet's UUID, read as
// 16-byte binary marked rows.IsUUID) stays one through Parquet and Arrow,
// and text formats write its canonical form, not base64.
func TestUUIDColumnsKeepTheirType(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{
		rows.UUIDField(arrow.Field{Name: "id", Type: &arrow.FixedSizeBinaryType{ByteWidth: 16}, Nullable: true}),
		{Name: "raw", Type: &arrow.FixedSizeBinaryType{ByteWidth: 16}, Nullable: true},
	}, nil)
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, schema, strings.NewReader(
		`[{"id":"VQ6EAOKbQdSnFkRmVUQAAA==","raw":"VQ6EAOKbQdSnFkRmVUQAAA=="},{"id":null,"raw":null}]`))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := []*rows.Batch{{Record: rec}}
	for _, f := range []rows.Format{rows.Parquet, rows.Arrow, rows.ArrowStream} {
		path := filepath.Join(dir, "u"+extensions[f])
		writeFile(t, path, schema, src)
		got, _ := readFile(t, path)
		if !rows.IsUUID(got.Field(0)) || rows.IsUUID(got.Field(1)) {
			t.Errorf("%s: read back %v, %v: want the first column alone a UUID", f, got.Field(0), got.Field(1))
		}
	}
	for f, want := range map[rows.Format]string{
		rows.CSV:   "id,raw\n550e8400-e29b-41d4-a716-446655440000,VQ6EAOKbQdSnFkRmVUQAAA==\n,\n",
		rows.JSONL: `{"id":"550e8400-e29b-41d4-a716-446655440000","raw":"VQ6EAOKbQdSnFkRmVUQAAA=="}` + "\n" + `{"id":null,"raw":null}` + "\n",
	} {
		path := filepath.Join(dir, "u"+extensions[f])
		writeFile(t, path, schema, src)
		if got, err := os.ReadFile(path); err != nil || string(got) != want {
			t.Errorf("%s: got %q, %v; want %q", f, got, err, want)
		}
	}
}

// TestNestedUUIDsAsText: a UUID inside a struct, a list or a map is written
// as a UUID in text, as a top-level one is, not as base64.
func TestNestedUUIDsAsText(t *testing.T) {
	uuid := rows.UUIDField(arrow.Field{Name: "id", Type: &arrow.FixedSizeBinaryType{ByteWidth: 16}, Nullable: true})
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "s", Type: arrow.StructOf(uuid), Nullable: true},
		{Name: "l", Type: arrow.ListOfField(uuid), Nullable: true},
		{Name: "m", Type: arrow.MapOfWithMetadata(arrow.BinaryTypes.String, arrow.Metadata{}, uuid.Type, uuid.Metadata), Nullable: true},
	}, nil)
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, schema, strings.NewReader(
		`[{"s":{"id":"VQ6EAOKbQdSnFkRmVUQAAA=="},"l":["VQ6EAOKbQdSnFkRmVUQAAA==",null],"m":[{"key":"a","value":"VQ6EAOKbQdSnFkRmVUQAAA=="}]}]`))
	if err != nil {
		t.Fatal(err)
	}
	const u = "550e8400-e29b-41d4-a716-446655440000"
	path := filepath.Join(t.TempDir(), "u.jsonl")
	writeFile(t, path, schema, []*rows.Batch{{Record: rec}})
	want := `{"s":{"id":"` + u + `"},"l":["` + u + `",null],"m":{"a":"` + u + `"}}` + "\n"
	if got, err := os.ReadFile(path); err != nil || string(got) != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}
