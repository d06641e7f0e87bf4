package readers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

func TestFormatDetection(t *testing.T) {
	csvText := []byte("a,b\n1,2\n")
	jsonText := []byte(`{"a":"1","b":"2"}` + "\n")
	tsvText := []byte("a\tb\n1\t2\n")
	cases := []struct {
		name   string
		file   string
		data   []byte
		forced rows.Format
		want   rows.Format
	}{
		{"csv by extension", "x.csv", csvText, "", rows.CSV},
		{"jsonl by extension", "x.ndjson", jsonText, "", rows.JSONL},
		{"gzip extension looked through", "x.CSV.GZ", gz(t, csvText), "", rows.CSV},
		{"zstd extension looked through", "x.jsonl.zst", zst(t, jsonText), "", rows.JSONL},
		{"gzip despite the name", "x.csv", gz(t, csvText), "", rows.CSV},
		{"zstd without extension, sniffed", "x", zst(t, jsonText), "", rows.JSONL},
		{"jsonl sniffed", "x.log", append([]byte("\ufeff \n"), jsonText...), "", rows.JSONL},
		{"tsv sniffed", "x", tsvText, "", rows.TSV},
		{"csv sniffed", "x", csvText, "", rows.CSV},
		{"forced beats extension", "x.jsonl", tsvText, rows.TSV, rows.TSV},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tc.file, tc.data)
			res := readAll(t, []string{path}, nil, Options{Format: tc.forced})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if res.format != tc.want {
				t.Errorf("format %s, want %s", res.format, tc.want)
			}
			if got := table(res.rows); got != "1|2\n" {
				t.Errorf("rows %q", got)
			}
		})
	}
}

func TestSniffAndNames(t *testing.T) {
	sniffs := map[string]rows.Format{
		"PAR1....": rows.Parquet, "ARROW1\x00\x00": rows.Arrow, "\xff\xff\xff\xff\x10\x00": rows.Arrow,
		"  {\"a\":1}": rows.JSONL, "a\tb\nc": rows.TSV, "a\tb,c\n": rows.CSV, "": rows.CSV, "x": rows.CSV,
	}
	for head, want := range sniffs {
		if got := Sniff([]byte(head)); got != want {
			t.Errorf("Sniff(%q) = %s, want %s", head, got, want)
		}
	}
}

func TestMultipleFiles(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", []byte("x,y\n1,2\n3,4\n5,6\n"))
	b := writeFile(t, dir, "b.csv.gz", gz(t, []byte("x,y\n7,8\n")))
	c := writeFile(t, dir, "c.csv", []byte("x,y\n"))
	d := writeFile(t, dir, "d.csv", []byte("\ufeffx,y\r\n9,10\r\n"))
	res := readAll(t, []string{a, b, c, d}, nil, Options{BatchRows: 2})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got, want := table(res.rows), "1|2\n3|4\n5|6\n7|8\n9|10\n"; got != want {
		t.Errorf("rows\n%s\nwant\n%s", got, want)
	}
	want := []batchInfo{{0, 0, 2, a, nil}, {1, 2, 1, a, nil}, {2, 3, 1, b, nil}, {3, 4, 1, d, nil}}
	if len(res.batches) != len(want) {
		t.Fatalf("%d batches, want %d", len(res.batches), len(want))
	}
	for i, w := range want {
		g := res.batches[i]
		if g.seq != w.seq || g.first != w.first || g.n != w.n || g.source != w.source {
			t.Errorf("batch %d = seq %d first %d n %d %s, want %+v", i, g.seq, g.first, g.n, g.source, w)
		}
		if !g.schema.Equal(res.schema) {
			t.Errorf("batch %d schema %s differs from the stream's", i, g.schema)
		}
	}
}

func TestMultipleFilesMismatch(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", []byte("x,y\n1,2\n"))
	cases := []struct {
		name, file, data string
		want             []string
	}{
		{"renamed column", "b.csv", "x,z\n1,2\n", []string{`column 2 is "y" in the first but "z" in the second`}},
		{"extra column", "b.csv", "x,y,z\n1,2,3\n", []string{`extra column 3 "z"`}},
		{"missing column", "b.csv", "x\n1\n", []string{`lacks column 2 "y"`}},
		{"other format", "b.jsonl", `{"x":"1","y":"2"}` + "\n", []string{"b.jsonl is jsonl but", "a.csv is csv"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := writeFile(t, t.TempDir(), tc.file, []byte(tc.data))
			_, err := Open(context.Background(), []string{a, b, a}, nil, Options{})
			wantErr(t, err, append(tc.want, "a.csv", tc.file)...)
			if !errors.Is(err, ErrSchemaMismatch) {
				t.Errorf("error %v is not ErrSchemaMismatch", err)
			}
		})
	}
}

func TestJSONLFilesShareColumns(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.jsonl", []byte(`{"x":"1","y":"2"}`+"\n"))
	b := writeFile(t, dir, "b.jsonl", []byte(`{"z":"3","x":"4"}`+"\n"))
	res := readAll(t, []string{a, b}, nil, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got, want := table(res.rows), "1|2\n4|<nil>|3\n"; got != want {
		t.Errorf("rows\n%s\nwant\n%s", got, want)
	}
}

func TestStdin(t *testing.T) {
	for _, names := range [][]string{nil, {"-"}} {
		res := readAll(t, names, onlyReader{strings.NewReader("a\n1\n")}, Options{})
		if res.err != nil || table(res.rows) != "1\n" || res.batches[0].source != "-" {
			t.Errorf("names %q: rows %q, err %v", names, table(res.rows), res.err)
		}
	}
	_, err := Open(context.Background(), []string{"-", "-"}, strings.NewReader("a\n"), Options{})
	wantErr(t, err, "stdin (-) is named twice")
	_, err = Open(context.Background(), []string{"no/such/file.csv"}, nil, Options{})
	wantErr(t, err, "no/such/file.csv")
}

// TestCompressionDamage checks that damaged gzip and zstd streams give an
// error naming the file and the offsets, after the rows before the damage.
func TestCompressionDamage(t *testing.T) {
	var text bytes.Buffer
	text.WriteString("n,s\n")
	for i := range 20000 {
		text.WriteString(strings.Repeat("x", i%50))
		text.WriteString(",row\n")
	}
	gzData, zstData := gz(t, text.Bytes()), zst(t, text.Bytes())
	flip := func(b []byte, at int) []byte {
		c := bytes.Clone(b)
		c[at] ^= 0x55
		return c
	}
	// Damage that decodes to garbage may meet a CSV error first; skipping
	// bad rows lets the reader get on to the decoder's own error.
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"gzip truncated", gzData[:len(gzData)/2], []string{"gzip stream ends unexpectedly", "compressed byte offset", "truncated"}},
		{"gzip corrupt", flip(gzData, len(gzData)/2), []string{"gzip", "compressed byte offset", "decompressed byte offset"}},
		{"gzip bad checksum", flip(gzData, len(gzData)-6), []string{"gzip", "compressed byte offset"}},
		{"gzip header only", gzData[:5], []string{"gzip header is corrupt or truncated"}},
		{"zstd truncated", zstData[:len(zstData)/2], []string{"zstd", "compressed byte offset"}},
		{"zstd corrupt", flip(zstData, len(zstData)/2), []string{"zstd", "compressed byte offset"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "x.csv", tc.data)
			res := readAll(t, []string{path}, nil, Options{OnBadRow: SkipBadRows})
			wantErr(t, res.err, append(tc.want, path)...)
		})
	}
	t.Run("gzip multi-member", func(t *testing.T) {
		two := append(gz(t, []byte("a\n1\n")), gz(t, []byte("2\n"))...)
		res := readAll(t, nil, bytes.NewReader(two), Options{})
		if res.err != nil || table(res.rows) != "1\n2\n" {
			t.Errorf("rows %q, err %v", table(res.rows), res.err)
		}
	})
}

func TestBatchBounds(t *testing.T) {
	var in strings.Builder
	in.WriteString("a,b\n")
	for range 1000 {
		in.WriteString("0123456789,0123456789\n")
	}
	for _, tc := range []struct {
		opts    Options
		batches int
	}{
		{Options{Format: rows.CSV}, 1},
		{Options{Format: rows.CSV, BatchRows: 100}, 10},
		{Options{Format: rows.CSV, BatchBytes: 2200}, 10}, // 100 lines of 22 bytes
	} {
		res := readAll(t, nil, strings.NewReader(in.String()), tc.opts)
		if res.err != nil || len(res.batches) != tc.batches || len(res.rows) != 1000 {
			t.Errorf("%+v: %d batches of %d rows (%v), want %d batches", tc.opts, len(res.batches), len(res.rows), res.err, tc.batches)
		}
	}
}

// TestIdleFlush feeds a reader through a pipe, as `tail -f` would, and
// checks that complete rows arrive while the pipe is still open, and that a
// half-written row waits for its end.
func TestIdleFlush(t *testing.T) {
	for _, tc := range []struct {
		format       rows.Format
		head, first  string
		rest, second string
		want1, want2 string
	}{
		{rows.CSV, "a,b\n", "1,2\n3,", "4\n5,6\n", "", "1|2\n", "3|4\n5|6\n"},
		{rows.CSV, "a,b\n", "1,2\n3,\"x\ny", "\"\n", "", "1|2\n", "3|x\ny\n"},
		{rows.JSONL, "", `{"a":"1"}` + "\n" + `{"a":`, `"2"}` + "\n", "", "1\n", "2\n"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pr.Close()
			go pw.Write([]byte(tc.head + tc.first))
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			r, err := Open(ctx, nil, pr, Options{Format: tc.format, IdleFlush: 50 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := r.Next(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := batchTable(b); got != tc.want1 {
				t.Errorf("first batch %q, want %q", got, tc.want1)
			}
			b.Release()
			go func() {
				pw.Write([]byte(tc.rest))
				pw.Close()
			}()
			b, err = r.Next(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := batchTable(b); got != tc.want2 {
				t.Errorf("second batch %q, want %q", got, tc.want2)
			}
			if b.First != 1 || b.Seq != 1 {
				t.Errorf("second batch seq %d first %d", b.Seq, b.First)
			}
			b.Release()
			if _, err := r.Next(ctx); !errors.Is(err, io.EOF) {
				t.Errorf("after the end: %v", err)
			}
		})
	}
}

// TestNextHonoursCancel checks that a reader waiting on a silent stream
// returns when its context ends: first with the row it holds (a stopped
// run writes every row it read), then with the context's error.
func TestNextHonoursCancel(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte("a\n1\n"))
	r, err := Open(context.Background(), nil, pr, Options{Format: rows.CSV, IdleFlush: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	// one row is held, the input is silent, the idle time is an hour:
	// only the context can end the wait
	b, err := r.Next(ctx)
	if err != nil || b.NumRows() != 1 {
		t.Fatalf("Next = %v, %v; want the held row", b, err)
	}
	if _, err := r.Next(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Next = %v, want the context's error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Next took %v to notice the context", d)
	}
}

// TestIdleFlushOnATrickle: lines arriving every 50 ms never leave the input
// quiet for the 200 ms idle time, yet held rows go out 200 ms after the
// first of them (fake time).
func TestIdleFlushOnATrickle(t *testing.T) {
	for _, format := range []rows.Format{rows.CSV, rows.JSONL} {
		synctest.Test(t, func(t *testing.T) {
			pr, pw := io.Pipe()
			go func() {
				defer pw.Close()
				if format == rows.CSV {
					pw.Write([]byte("n\n"))
				}
				for i := range 100 {
					line := fmt.Sprintf("%d\n", i)
					if format == rows.JSONL {
						line = fmt.Sprintf("{\"n\":%d}\n", i)
					}
					pw.Write([]byte(line))
					time.Sleep(50 * time.Millisecond)
				}
			}()
			r, err := Open(context.Background(), nil, pr, Options{Format: format, IdleFlush: 200 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			start := time.Now()
			b, err := r.Next(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); b.NumRows() >= 100 || d > 300*time.Millisecond {
				t.Errorf("%s: first batch of %d rows after %v; want a flush within the idle time", format, b.NumRows(), d)
			}
			for err == nil {
				_, err = r.Next(context.Background())
			}
		})
	}
}

// TestStopHandsOutHeldRows: rows parsed from a streaming input but held for
// the idle flush go out when the run stops, though the input never ended.
func TestStopHandsOutHeldRows(t *testing.T) {
	for _, format := range []rows.Format{rows.CSV, rows.JSONL} {
		synctest.Test(t, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			go func() {
				if format == rows.CSV {
					pw.Write([]byte("n\n"))
				}
				for i := range 3 {
					line := fmt.Sprintf("%d\n", i)
					if format == rows.JSONL {
						line = fmt.Sprintf("{\"n\":%d}\n", i)
					}
					pw.Write([]byte(line))
				}
			}()
			ctx, stop := context.WithCancel(context.Background())
			r, err := Open(ctx, nil, pr, Options{Format: format, IdleFlush: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			got := make(chan *rows.Batch)
			go func() {
				b, _ := r.Next(ctx)
				got <- b
			}()
			synctest.Wait() // every row read and held; the flush is an hour away
			stop()
			if b := <-got; b == nil || b.NumRows() != 3 {
				t.Errorf("%s: after the stop Next gave %v, want the 3 held rows", format, b)
			}
		})
	}
}

// batchTable renders a batch's rows.
func batchTable(b *rows.Batch) string {
	var out [][]string
	for i := range b.NumRows() {
		var row []string
		for _, c := range b.Record.Columns() {
			row = append(row, valueText(c, i))
		}
		out = append(out, row)
	}
	return table(out)
}

// TestCloseRemovesNothingElse checks Close is idempotent and Next after it fails.
func TestCloseTwice(t *testing.T) {
	r, err := Open(context.Background(), nil, strings.NewReader("a\n1\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := r.Next(context.Background()); err == nil {
		t.Error("Next after Close gave no error")
	}
}

// TestFixtures reads the committed fixtures under testdata/readers.
func TestFixtures(t *testing.T) {
	const dir = "../testdata/readers/"
	t.Run("seed csv", func(t *testing.T) {
		res := readAll(t, []string{dir + "process_tree_head.csv"}, nil, Options{})
		if res.err != nil {
			t.Fatal(res.err)
		}
		if len(res.header) != 23 || res.header[0] != "" || res.header[14] != "CommandLine" || len(res.rows) != 20 {
			t.Fatalf("header %q, %d rows", res.header, len(res.rows))
		}
		if got := res.rows[2][14]; got != `cmd  /c "systeminfo && systeminfo"` {
			t.Errorf("CommandLine of row 2 = %q", got)
		}
	})
	t.Run("tsv", func(t *testing.T) {
		res := readAll(t, []string{dir + "proxy.tsv"}, nil, Options{})
		if res.err != nil || res.format != rows.TSV || len(res.rows) != 3 {
			t.Fatalf("%s, %d rows, %v", res.format, len(res.rows), res.err)
		}
		if got := res.rows[1][6]; got != "Mozilla/5.0\t(X11)" {
			t.Errorf("quoted field with a tab = %q", got)
		}
	})
	t.Run("jsonl", func(t *testing.T) {
		raw, err := os.ReadFile(dir + "events.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, line := range strings.Split(string(raw), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				want = append(want, line)
			}
		}
		res := readAll(t, []string{dir + "events.jsonl"}, nil, Options{})
		if res.err != nil {
			t.Fatal(res.err)
		}
		if strings.Join(res.json, "\n") != strings.Join(want, "\n") {
			t.Errorf("Batch.JSON\n%s\nwant\n%s", strings.Join(res.json, "\n"), strings.Join(want, "\n"))
		}
		if got := strings.Join(res.header, ","); got != "ts,host,src,tags,bytes,msg,score,p,sha256" {
			t.Errorf("columns %s", got)
		}
		if got := res.rows[1][5]; got != `GET http://evil.example/é "quoted"` {
			t.Errorf("msg = %q", got)
		}
	})
}
