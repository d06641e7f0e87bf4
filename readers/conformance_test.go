package readers_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
	"github.com/vtenrich/vtenrich/writers"
)

// The conformance tests read the files other engines write (see
// testdata/conformance/README.md) and convert each to every output format,
// as `vtenrich convert` does: each must be read and written, or refused
// with a message naming the file; a panic fails the test, and a crash (a
// stack overflow, say) fails the whole binary.

var update = flag.Bool("update", false, "rewrite the conformance outcome files under testdata/conformance")

// conformanceDir holds the copied suites.
const conformanceDir = "../testdata/conformance"

// outputFormats are the formats every input is converted to.
var outputFormats = []rows.Format{rows.CSV, rows.TSV, rows.JSONL, rows.Parquet, rows.Arrow}

// conversion is what converting one file to one format gave.
type conversion struct {
	out  []byte
	rows int
	err  error
}

// convert reads path as format from and writes it as format to.
func convert(path string, from, to rows.Format) (c conversion) {
	ctx := context.Background()
	r, err := readers.Open(ctx, []string{path}, nil, readers.Options{Format: from})
	if err != nil {
		return conversion{err: err}
	}
	defer r.Close()
	var buf bytes.Buffer
	w, err := writers.New(&buf, r.Schema(), writers.Options{Format: to})
	if err != nil {
		return conversion{err: err}
	}
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return conversion{err: err, rows: c.rows}
		}
		c.rows += b.NumRows()
		err = w.Write(&rows.Joined{Batch: b})
		b.Release()
		if err != nil {
			return conversion{err: err, rows: c.rows}
		}
	}
	if err := w.Close(); err != nil {
		return conversion{err: err, rows: c.rows}
	}
	c.out = buf.Bytes()
	return c
}

// outcome is the one-line summary of a conversion for the outcome files:
// the row count, or the error with the test machine's path taken out.
func (c conversion) outcome(path string) string {
	if c.err != nil {
		msg := strings.ReplaceAll(c.err.Error(), path, filepath.Base(path))
		return "refused: " + msg
	}
	return fmt.Sprintf("ok %d rows", c.rows)
}

// checkOutcomes compares the outcome lines with the committed file, or
// rewrites it under -update.
func checkOutcomes(t *testing.T, name string, lines []string) {
	t.Helper()
	path := filepath.Join(conformanceDir, name)
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./readers -run Conformance -update writes it)", err)
	}
	wantLines := strings.Split(strings.TrimSuffix(string(want), "\n"), "\n")
	for _, l := range lines {
		if !slices.Contains(wantLines, l) {
			t.Errorf("new outcome (go test ./readers -run Conformance -update accepts it):\n  %s", l)
		}
	}
	for _, l := range wantLines {
		if !slices.Contains(lines, l) {
			t.Errorf("outcome no longer seen:\n  %s", l)
		}
	}
}

// TestArrowConformance converts every Arrow IPC integration file (file
// and stream format) to every output format. The file and the stream of
// one name hold the same data, so their JSONL must be the same.
func TestArrowConformance(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob(filepath.Join(conformanceDir, "arrow-testing", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	read, refused := map[string]bool{}, map[string]bool{}
	jsonl := map[string][]byte{}
	for _, path := range paths {
		if !strings.HasSuffix(path, ".arrow_file") && !strings.HasSuffix(path, ".stream") {
			continue
		}
		rel, _ := filepath.Rel(filepath.Join(conformanceDir, "arrow-testing"), path)
		for _, to := range outputFormats {
			c := convert(path, rows.Arrow, to)
			lines = append(lines, fmt.Sprintf("%s %s: %s", rel, to, c.outcome(path)))
			checkRefusal(t, path, c.err)
			var ie *readers.InputError
			if errors.As(c.err, &ie) {
				refused[rel] = true
			} else if to == rows.JSONL && c.err == nil {
				read[rel] = true
				key := strings.TrimSuffix(strings.TrimSuffix(rel, ".stream"), ".arrow_file")
				if prev, ok := jsonl[key]; ok && !bytes.Equal(prev, c.out) {
					t.Errorf("%s: the file and the stream format give different JSONL", key)
				}
				jsonl[key] = c.out
			}
		}
	}
	checkOutcomes(t, "arrow-outcomes.txt", lines)
	t.Logf("Arrow IPC integration files: %d read, %d refused, of %d", len(read), len(refused), len(read)+len(refused))
}

// checkRefusal checks that an error says where: an input error names the
// file; a writer error names the column or the reason.
func checkRefusal(t *testing.T, path string, err error) {
	t.Helper()
	var ie *readers.InputError
	switch {
	case err == nil:
	case errors.As(err, &ie):
		if !strings.Contains(err.Error(), path) {
			t.Errorf("%s: input error does not name the file: %v", path, err)
		}
	case !strings.HasPrefix(err.Error(), "writers: "):
		t.Errorf("%s: error from neither reader nor writer: %v", path, err)
	}
}
