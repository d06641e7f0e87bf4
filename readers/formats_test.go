package readers

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// encode writes a table of strings in format f (test helper; values must
// need no quoting or escaping).
func encode(t testing.TB, f rows.Format, header []string, data [][]string) []byte {
	t.Helper()
	var b strings.Builder
	switch f {
	case rows.CSV, rows.TSV:
		sep := map[rows.Format]string{rows.CSV: ",", rows.TSV: "\t"}[f]
		b.WriteString(strings.Join(header, sep) + "\n")
		for _, r := range data {
			b.WriteString(strings.Join(r, sep) + "\n")
		}
	case rows.JSONL:
		for _, r := range data {
			var kv []string
			for i, v := range r {
				kv = append(kv, `"`+header[i]+`":"`+v+`"`)
			}
			b.WriteString("{" + strings.Join(kv, ",") + "}\n")
		}
	case rows.Parquet, rows.Arrow, rows.ArrowStream:
		rec := stringRecord(header, data)
		defer rec.Release()
		switch f {
		case rows.Parquet:
			return parquetBytes(t, rec)
		case rows.Arrow:
			return arrowFileBytes(t, rec)
		}
		return arrowStreamBytes(t, nil, rec)
	}
	return []byte(b.String())
}

// stringRecord holds a table of strings as a record.
func stringRecord(header []string, data [][]string) arrow.Record {
	fields := make([]arrow.Field, len(header))
	for i, h := range header {
		fields[i] = arrow.Field{Name: h, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, nil))
	defer b.Release()
	for _, r := range data {
		for i, v := range r {
			b.Field(i).(*array.StringBuilder).Append(v)
		}
	}
	return b.NewRecord()
}

// TestEveryFormat runs the same scenarios through each format: files in
// order with an empty one between them, stdin, and a file whose columns
// differ.
func TestEveryFormat(t *testing.T) {
	header := []string{"host", "ip"}
	a := [][]string{{"web-1", "10.0.0.1"}, {"web-2", "10.0.0.2"}}
	b := [][]string{{"db-1", "10.0.1.1"}}
	ext := map[rows.Format]string{rows.CSV: ".csv", rows.TSV: ".tsv", rows.JSONL: ".jsonl", rows.Parquet: ".parquet", rows.Arrow: ".arrow",
		rows.ArrowStream: ".arrows"}
	for _, f := range rows.Formats {
		t.Run(string(f), func(t *testing.T) {
			dir := t.TempDir()
			pa := writeFile(t, dir, "a"+ext[f], encode(t, f, header, a))
			pe := writeFile(t, dir, "empty"+ext[f], encode(t, f, header, nil))
			pb := writeFile(t, dir, "b"+ext[f], encode(t, f, header, b))

			res := readAll(t, []string{pa, pe, pb}, nil, Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if res.format != f || strings.Join(res.header, ",") != "host,ip" {
				t.Errorf("format %s, columns %q", res.format, res.header)
			}
			if got, want := table(res.rows), table(append(append([][]string{}, a...), b...)); got != want {
				t.Errorf("rows\n%s\nwant\n%s", got, want)
			}
			if n := len(res.batches); n != 2 || res.batches[1].source != pb || res.batches[1].first != 2 {
				t.Errorf("%d batches: %+v", n, res.batches)
			}

			empty := readAll(t, []string{pe}, nil, Options{})
			if empty.err != nil || len(empty.rows) != 0 {
				t.Errorf("empty file: %d rows, %v", len(empty.rows), empty.err)
			}

			stdin := readAll(t, nil, onlyReader{strings.NewReader(string(encode(t, f, header, a)))}, Options{})
			if stdin.err != nil || stdin.format != f || table(stdin.rows) != table(a) {
				t.Errorf("stdin: format %s rows %q err %v", stdin.format, table(stdin.rows), stdin.err)
			}

			pc := writeFile(t, dir, "c"+ext[f], encode(t, f, []string{"host", "addr"}, b))
			_, err := Open(context.Background(), []string{pa, pc}, nil, Options{})
			if f == rows.JSONL {
				if err != nil {
					t.Errorf("JSONL files with other keys should make one stream: %v", err)
				}
				return
			}
			wantErr(t, err, pa, pc, `column 2 is "ip" in the first but "addr" in the second`)
			if !errors.Is(err, ErrSchemaMismatch) {
				t.Errorf("%v is not ErrSchemaMismatch", err)
			}
		})
	}
}

// TestZstdSkippableFrameFirst: pzstd (and seekable zstd) start with a
// skippable frame, magic 0x184D2A5?; such a file is zstd, from a file or
// stdin, whatever its name.
func TestZstdSkippableFrameFirst(t *testing.T) {
	csv := []byte("a,b\n1,8.8.8.8\n2,evil.com\n")
	for _, nibble := range []byte{0x0, 0xe} {
		skip := []byte{0x50 | nibble, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef}
		data := append(skip, zst(t, csv)...)
		for _, tc := range []struct {
			names []string
			stdin io.Reader
		}{{[]string{writeFile(t, t.TempDir(), "x.bin", data)}, nil}, {nil, bytes.NewReader(data)}} {
			res := readAll(t, tc.names, tc.stdin, Options{})
			if res.err != nil || len(res.rows) != 2 || res.rows[1][1] != "evil.com" {
				t.Errorf("skippable frame 0x%x: %v, %v", skip[0], res.rows, res.err)
			}
		}
	}
}
