package readers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestParquetTypes writes every type the fidelity rules name with
// pqarrow and checks types and values survive, from a file, from stdin
// (spooled), and gzip-compressed (spooled).
func TestParquetTypes(t *testing.T) {
	rec := typedRecord(2500)
	defer rec.Release()
	want := recordTable(rec)
	data := parquetBytes(t, rec)
	dir := t.TempDir()
	path := writeFile(t, dir, "typed.parquet", data)
	gzPath := writeFile(t, dir, "typed.bin", gz(t, data))

	for _, tc := range []struct {
		name  string
		names []string
		stdin []byte
	}{
		{"file", []string{path}, nil},
		{"stdin", nil, data},
		{"gzip sniffed", []string{gzPath}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { readTyped(t, tc.names, tc.stdin, rows.Parquet, 700, want) })
	}
}

func TestParquetMultipleFiles(t *testing.T) {
	rec := typedRecord(10)
	defer rec.Release()
	dir := t.TempDir()
	a := writeFile(t, dir, "a.parquet", parquetBytes(t, rec))
	b := writeFile(t, dir, "b.pq", parquetBytes(t, rec))
	res := readAll(t, []string{a, b}, nil, Options{})
	checkTyped(t, res, recordTable(rec)+recordTable(rec))
	if len(res.batches) != 2 || res.batches[1].first != 10 || res.batches[1].source != b {
		t.Errorf("batches %+v %+v", res.batches[0], res.batches[1])
	}

	other := arrow.NewSchema([]arrow.Field{{Name: "i32", Type: arrow.PrimitiveTypes.Int64}}, nil)
	ob := array.NewRecordBuilder(memory.DefaultAllocator, other)
	ob.Field(0).(*array.Int64Builder).Append(1)
	orec := ob.NewRecord()
	defer orec.Release()
	c := writeFile(t, dir, "c.parquet", parquetBytes(t, orec))
	_, err := Open(context.Background(), []string{a, c}, nil, Options{})
	wantErr(t, err, "a.parquet", "c.parquet", `column "i32" is int32 in the first but int64 in the second`)
	if !errors.Is(err, ErrSchemaMismatch) {
		t.Errorf("%v is not ErrSchemaMismatch", err)
	}
}

// TestParquetNullability checks that files differing only in nullability
// make one stream whose schema is nullable where any file is.
func TestParquetNullability(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i, nullable := range []bool{false, true} {
		sch := arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: nullable}}, nil)
		b := array.NewRecordBuilder(memory.DefaultAllocator, sch)
		b.Field(0).(*array.Int64Builder).Append(int64(i))
		if nullable {
			b.Field(0).AppendNull()
		}
		rec := b.NewRecord()
		paths = append(paths, writeFile(t, dir, string(rune('a'+i))+".parquet", parquetBytes(t, rec)))
		rec.Release()
		b.Release()
	}
	res := readAll(t, paths, nil, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if !res.schema.Field(0).Nullable || table(res.rows) != "0\n1\n<nil>\n" {
		t.Errorf("schema %s rows %q", res.schema, table(res.rows))
	}
	for _, b := range res.batches {
		if !b.schema.Equal(res.schema) {
			t.Errorf("batch schema %s, stream %s", b.schema, res.schema)
		}
	}
}

func TestParquetZeroRows(t *testing.T) {
	rec := typedRecord(0)
	defer rec.Release()
	path := writeFile(t, t.TempDir(), "empty.parquet", parquetBytes(t, rec))
	res := readAll(t, []string{path}, nil, Options{})
	checkTyped(t, res, "")
	if len(res.batches) != 0 {
		t.Errorf("%d batches from an empty file", len(res.batches))
	}
}

// TestParquetDamage truncates and corrupts a Parquet file in many places:
// each read must end in an error naming the file, or (for damage no check
// can see, inside a value) in rows; never in a panic or a hang.
func TestParquetDamage(t *testing.T) {
	rec := typedRecord(3000)
	defer rec.Release()
	data := parquetBytes(t, rec)
	dir := t.TempDir()
	for _, cut := range []int{4, 8, 100, len(data) / 2, len(data) - 9, len(data) - 1} {
		path := writeFile(t, dir, "cut.parquet", data[:cut])
		res := readAll(t, []string{path}, nil, Options{TempDir: dir})
		wantErr(t, res.err, path)
	}
	footer := bytes.Clone(data)
	copy(footer[len(footer)-200:], bytes.Repeat([]byte{0xee}, 190))
	res := readAll(t, []string{writeFile(t, dir, "footer.parquet", footer)}, nil, Options{})
	wantErr(t, res.err, "footer.parquet", "not a readable Parquet file")

	errs := damageReads(t, data, "x.parquet", len(data)/150)
	t.Logf("%d of the damaged copies gave errors", errs)
}

// damageReads reads copies of data with one byte flipped every step bytes,
// through a file named name, and counts the errors. A panic fails the test
// by itself; a hang hits readAll's timeout.
func damageReads(t *testing.T, data []byte, name string, step int) int {
	t.Helper()
	dir := t.TempDir()
	errs := 0
	for at := 0; at < len(data); at += step {
		bad := bytes.Clone(data)
		bad[at] ^= 0xa5
		path := writeFile(t, dir, name, bad)
		res := readAll(t, []string{path}, nil, Options{TempDir: dir})
		if res.err != nil {
			errs++
			if !strings.Contains(res.err.Error(), path) {
				t.Errorf("flip at %d: error %q does not name the file", at, res.err)
			}
			if internal := goInternals(res.err.Error()); internal != "" {
				t.Errorf("flip at %d: error %q shows Go's internals (%q)", at, res.err, internal)
			}
		}
	}
	return errs
}

// goInternals finds in a message what only a Go programmer could read: a
// runtime panic's words, or a library's report of one. "" when none.
func goInternals(msg string) string {
	for _, internal := range []string{"runtime error", "goroutine", "panic", "unknown error while reading",
		"nil pointer", "with length", "with capacity", "slice bounds"} {
		if strings.Contains(msg, internal) {
			return internal
		}
	}
	return ""
}

// TestParquetConformanceDamage flips bytes all over files of the
// conformance suite that exercise the reader's parts (nested levels, DELTA
// and BYTE_STREAM_SPLIT decoding, every codec, data page v2): each read
// ends in rows or an error naming the file; never a panic or a hang.
func TestParquetConformanceDamage(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"nested_maps.snappy.parquet", "nonnullable.impala.parquet", "delta_byte_array.parquet",
		"delta_encoding_optional_column.parquet", "byte_stream_split_extended.gzip.parquet",
		"hadoop_lz4_compressed.parquet", "lz4_raw_compressed.parquet", "datapage_v2.snappy.parquet",
		"alltypes_dictionary.parquet", "fixed_length_decimal.parquet",
		"repeated_no_annotation.parquet", "old_list_structure.parquet", "int96_from_spark.parquet",
	} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "conformance", "parquet-testing", name))
		if err != nil {
			t.Fatal(err)
		}
		errs := damageReads(t, data, name, max(1, len(data)/120))
		t.Logf("%s: %d damaged copies gave errors", name, errs)
	}
}

// TestParquetZonedTimestamps: a timestamp whose ARROW:schema names a time
// zone other than UTC (pyarrow's tz-aware columns, vtenrich's own output)
// is read with its zone and the same instants.
func TestParquetZonedTimestamps(t *testing.T) {
	mem := memory.NewGoAllocator()
	var fields []arrow.Field
	var cols []arrow.Array
	for _, zone := range []string{"Europe/Berlin", "+05:30", "UTC"} {
		for _, unit := range []arrow.TimeUnit{arrow.Millisecond, arrow.Microsecond} {
			dt := &arrow.TimestampType{Unit: unit, TimeZone: zone}
			b := array.NewTimestampBuilder(mem, dt)
			b.AppendValues([]arrow.Timestamp{1700000000123, 0}, nil)
			b.AppendNull()
			fields = append(fields, arrow.Field{Name: fmt.Sprintf("%s %s", zone, unit), Type: dt, Nullable: true})
			cols = append(cols, b.NewArray())
		}
	}
	rec := array.NewRecord(arrow.NewSchema(fields, nil), cols, 3)
	defer rec.Release()
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(rec.Schema(), &buf, parquet.NewWriterProperties(), pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		t.Fatal(err)
	}
	writeRecords(t, w, []arrow.Record{rec})
	res := readAll(t, []string{writeFile(t, t.TempDir(), "zoned.parquet", buf.Bytes())}, nil, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	for i, f := range res.schema.Fields() {
		if !arrow.TypeEqual(f.Type, fields[i].Type) {
			t.Errorf("column %q read as %s, want %s", f.Name, f.Type, fields[i].Type)
		}
	}
	if got, want := table(res.rows), recordTable(rec); got != want {
		t.Errorf("values\n got %s\nwant %s", got, want)
	}
}
