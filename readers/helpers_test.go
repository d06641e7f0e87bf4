package readers

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// result is everything a test wants to know about a read.
type result struct {
	format  rows.Format
	schema  *arrow.Schema
	header  []string   // column names of the stream schema
	rows    [][]string // values as text; nulls as "<nil>"
	json    []string   // Batch.JSON values, when present
	batches []*batchInfo
	bad     BadRowReport
	err     error // from Open or Next
}

// batchInfo is what a test checks about each batch.
type batchInfo struct {
	seq, first int64
	n          int
	source     string
	schema     *arrow.Schema
}

// readAll opens names and reads every batch, rendering values as text.
func readAll(t testing.TB, names []string, stdin io.Reader, opts Options) *result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res := &result{}
	r, err := Open(ctx, names, stdin, opts)
	if err != nil {
		res.err = err
		return res
	}
	defer func() {
		if err := r.Close(); err != nil && res.err == nil {
			res.err = err
		}
	}()
	res.format, res.schema = r.Format(), r.Schema()
	res.header = schemaNames(r.Schema())
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.err = err
			break
		}
		res.batches = append(res.batches, &batchInfo{seq: b.Seq, first: b.First, n: b.NumRows(), source: b.Source, schema: b.Record.Schema()})
		for i := range b.NumRows() {
			row := make([]string, b.Record.NumCols())
			for j, col := range b.Record.Columns() {
				row[j] = valueText(col, i)
			}
			res.rows = append(res.rows, row)
			if b.JSON != nil {
				res.json = append(res.json, strings.Clone(b.JSON.Value(i)))
			}
		}
		b.Release()
	}
	res.bad = r.BadRows()
	return res
}

// valueText renders one value for comparisons, as a copy: the batch's
// buffers are recycled once it is released.
func valueText(col arrow.Array, i int) string {
	if col.IsNull(i) {
		return "<nil>"
	}
	if s, ok := col.(*array.String); ok {
		return strings.Clone(s.Value(i))
	}
	return col.ValueStr(i)
}

// writeFile writes data to name under a test's temp dir and returns its path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// gz compresses data with gzip.
func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zst compresses data with zstd.
func zst(t testing.TB, data []byte) []byte {
	t.Helper()
	w, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	return w.EncodeAll(data, nil)
}

// wantErr checks that err is an error mentioning every one of parts.
func wantErr(t testing.TB, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one mentioning %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

// table renders rows as lines of '|'-joined values, for readable diffs.
func table(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|"))
		b.WriteByte('\n')
	}
	return b.String()
}

// onlyReader hides every method but Read, as a pipe on stdin would.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }
