package readers

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// readsAlikeInAnyCut fails t unless data reads the same whole and a byte
// at a time: the answer must not depend on how the input is cut into reads.
func readsAlikeInAnyCut(t *testing.T, data []byte, opts Options) {
	t.Helper()
	whole := fuzzRead(t, nil, bytes.NewReader(data), opts)
	bytewise := fuzzRead(t, nil, iotest.OneByteReader(bytes.NewReader(data)), opts)
	if whole != bytewise {
		t.Fatalf("read whole:\n%s\nread a byte at a time:\n%s", whole, bytewise)
	}
}

// fuzzRead reads everything from r under a short deadline, as gojq's fuzz
// targets do, and renders it (every value of every column is touched, so
// a record that would make a writer panic fails here). names nil means r is
// stdin.
func fuzzRead(t *testing.T, names []string, r io.Reader, opts Options) string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	rd, err := Open(ctx, names, r, opts)
	if err != nil {
		return "open error: " + err.Error()
	}
	defer rd.Close()
	var out strings.Builder
	for {
		b, err := rd.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("read did not finish in time")
		}
		if err != nil {
			out.WriteString("error: " + err.Error())
			break
		}
		for i, col := range b.Record.Columns() {
			if col.Len() < b.NumRows() {
				t.Fatalf("column %d has %d values for %d rows", i, col.Len(), b.NumRows())
			}
			if _, err := col.MarshalJSON(); err != nil {
				t.Fatalf("column %d cannot be rendered: %v", i, err)
			}
		}
		out.WriteString(batchTable(b))
		if b.JSON != nil {
			for i := range b.NumRows() {
				out.WriteString(b.JSON.Value(i) + "\n")
			}
		}
		b.Release()
	}
	fmt.Fprintf(&out, "bad: %+v", rd.BadRows())
	return out.String()
}

// FuzzCSV checks that the CSV parser never panics and that its answer does
// not depend on how the input is cut into reads: whole, or a byte at a
// time (every row then crosses chunk boundaries).
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "a,b\r\n\"x\"\"y\",\"1\n2\"\r\n", "\ufeff,a\n1,2", "a\n\"open\n", "a,b\n1\n1,2,3\n",
		"a,b\n\"q\"x,y\n", "a,a\n", "a,b\n\xff,1\n", "\n\na\n\n1\n", "a\tb\n1\t\"2\t3\"\n",
	} {
		f.Add([]byte(s), false, uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, skip bool, limit uint8) {
		opts := Options{Format: rows.CSV, BatchRows: 3, MaxFieldBytes: int(limit)}
		if skip {
			opts.OnBadRow = SkipBadRows
		}
		readsAlikeInAnyCut(t, data, opts)
	})
}

// FuzzCSVDelimited is FuzzCSV with another delimiter (--delimiter), lone
// CR line ends among the seeds: the translation of CR line ends must
// follow the parser's quoting whatever the delimiter.
func FuzzCSVDelimited(f *testing.F) {
	for _, s := range []string{"a;b\n1;\"x;y\"\n", "a;b\r\"x\ry\";2\r3;4\r", "a|b\r1|\"\"\"\r\"\r", "a\tb;c\n1\t2;3\n"} {
		f.Add([]byte(s), s[1])
	}
	f.Fuzz(func(t *testing.T, data []byte, delim byte) {
		if delim == '"' || delim == '\n' || delim == '\r' || delim >= 0x80 {
			return // refused by --delimiter
		}
		readsAlikeInAnyCut(t, data, Options{Format: rows.CSV, BatchRows: 3, Delimiter: delim})
	})
}

// FuzzJSONL checks the JSONL reader against encoding/json: a line is read
// as a row exactly when encoding/json finds it a valid object, and the
// row's Batch.JSON is that line; and the answer does not depend on how the
// input is cut into reads.
func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"a":1}` + "\n", `{"a":"\u00e9\ud800","b":[1,{"c":null}]}`, "{}\r\n\n[1]\n", `{"a":1e-7,"b":-0.0}`,
		`{"a":01}`, `{"a" : "x" , "a":true}`, "{\"a\":\"\xff\"}", `{"a":"\x"}`, `{"a":{"b":{"c":[[]]}}} x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{Format: rows.JSONL, OnBadRow: SkipBadRows, BatchRows: 2}
		readsAlikeInAnyCut(t, data, opts)
		if _, utf16 := detectUTF16(data); utf16 || bytes.HasPrefix(data, utf8BOM) || startsWithArray(bufio.NewReader(bytes.NewReader(data))) {
			return // the BOM belongs to no line; UTF-16 is read as UTF-16; an array is FuzzJSONArray's
		}
		if crLineEnds(data) {
			data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
		}
		var want strings.Builder
		good, bad := 0, 0
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.Trim(line, " \t\r\n")
			switch {
			case line == "":
			case utf8.ValidString(line) && strings.HasPrefix(line, "{") && json.Valid([]byte(line)):
				good++
				want.WriteString(line + "\n")
			default:
				bad++
			}
		}
		res := readAll(t, nil, bytes.NewReader(data), opts)
		if res.err != nil {
			t.Fatal(res.err)
		}
		if got := strings.Join(res.json, "\n"); len(res.json) != good || (good > 0 && got+"\n" != want.String()) {
			t.Fatalf("read %d objects:\n%s\nencoding/json accepts %d:\n%s", len(res.json), got, good, want.String())
		}
		if res.bad.Count != int64(bad) {
			t.Fatalf("%d bad lines, encoding/json rejects %d (%q)", res.bad.Count, bad, res.bad.First)
		}
	})
}

// FuzzJSONArray checks the JSON array reader against encoding/json: for a
// valid array, every element that is an object is a row, whose text is the
// element's (compacted when it spans lines), and every other element is a
// bad row; and the answer does not depend on how the input is cut into
// reads.
func FuzzJSONArray(f *testing.F) {
	for _, s := range []string{
		`[{"a":1},{"b":"x,]}"}]`, "[\n {\n  \"a\": [1, 2]\n },\n 3\n]", `[]`, `[{"a":"\""},[],"s",null]`,
		`[{"a":1}`, `[{"a":1},]`, `[{"a":1}] x`, `[{"a":1} {"b":2}]`, "[{\"a\":\"\xff\"}]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := Options{Format: rows.JSONL, OnBadRow: SkipBadRows, BatchRows: 2}
		readsAlikeInAnyCut(t, data, opts)
		var elems []json.RawMessage
		if _, utf16 := detectUTF16(data); utf16 || !utf8.Valid(data) || crLineEnds(data) || json.Unmarshal(data, &elems) != nil {
			return
		}
		var want []string
		for _, e := range elems {
			if e[0] == '{' {
				want = append(want, compactJSON(t, e))
			}
		}
		res := readAll(t, nil, bytes.NewReader(data), opts)
		if res.err != nil {
			t.Fatal(res.err)
		}
		got := make([]string, len(res.json))
		for i, j := range res.json {
			got[i] = compactJSON(t, []byte(j))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("read objects:\n%s\nencoding/json finds:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if res.bad.Count != int64(len(elems)-len(want)) {
			t.Fatalf("%d bad elements, %d are not objects (%q)", res.bad.Count, len(elems)-len(want), res.bad.First)
		}
		for _, j := range res.json {
			if strings.ContainsAny(j, "\r\n") {
				t.Fatalf("an element's text spans lines: %q", j)
			}
		}
	})
}

// compactJSON is valid JSON text without insignificant white space.
func compactJSON(t *testing.T, b []byte) string {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatalf("not JSON: %v: %s", err, b)
	}
	return out.String()
}

// FuzzSniff opens arbitrary bytes with no format given, as a named file and
// as stdin: whatever the bytes (text, compressed, Parquet, Arrow), the
// reader must return rows or an error, never panic or hang.
func FuzzSniff(f *testing.F) {
	rec := typedRecord(5)
	defer rec.Release()
	pq := parquetBytes(f, rec)
	for _, s := range [][]byte{
		[]byte("a,b\n1,2\n"), []byte("a\tb\n1\t2\n"), []byte(`{"a":1}` + "\n"),
		gz(f, []byte("a,b\n1,2\n")), zst(f, []byte(`{"a":1}`)), pq, pq[:len(pq)/2],
		arrowStreamBytes(f, nil, rec), arrowFileBytes(f, rec), []byte("PAR1"), []byte("ARROW1\x00\x00"),
		[]byte{0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0},
		[]byte("\xff\xfea\x00,\x00b\x00\r\x00\n\x00"), []byte("a\x00\tb\x00\n\x001\x00"), []byte("a,b\r1,2\r"),
		[]byte("PK\x03\x04xl/"), []byte("[{\"a\":1}]"),
	} {
		f.Add(s)
	}
	// fuzz inputs are small: a hostile length field then costs a few MiB of
	// allocation, not 64 MiB to 1 GiB, and the fuzzer keeps its pace
	oldBase, oldStream := baseAllocLimit, streamAllocLimit
	baseAllocLimit, streamAllocLimit = 4<<20, 4<<20
	f.Cleanup(func() { baseAllocLimit, streamAllocLimit = oldBase, oldStream })
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := writeFile(t, dir, "input", data)
		opts := Options{TempDir: dir, BatchRows: 100, OnBadRow: SkipBadRows}
		fuzzRead(t, []string{path}, nil, opts)
		fuzzRead(t, nil, bytes.NewReader(data), opts)
	})
}
