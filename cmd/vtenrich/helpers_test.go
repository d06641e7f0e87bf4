package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
	"golang.org/x/time/rate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cli")

// seedCSV is the seed's process-creation export (see testdata/README.md).
const seedCSV = "../../testdata/process_tree.csv"

// result is what one in-process run of the CLI gave.
type result struct {
	stdout, stderr string
	code           int
}

// cli runs the real CLI in-process, stdin as given.
func cli(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return cliCtx(t, context.Background(), stdin, args...)
}

func cliCtx(t *testing.T, ctx context.Context, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(ctx, args, strings.NewReader(stdin), &out, &errOut)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// mustRun runs the CLI and fails the test unless it exits with want.
func mustRun(t *testing.T, want int, stdin string, args ...string) result {
	t.Helper()
	r := cli(t, stdin, args...)
	if r.code != want {
		t.Fatalf("vtenrich %s: exit %d, want %d\nstderr: %s", strings.Join(args, " "), r.code, want, r.stderr)
	}
	return r
}

// fake is a fake VirusTotal on 127.0.0.1 and the flags that point a run at
// it with a fresh cache.
type fake struct {
	*vtfake.Server
	url     string
	keyFile string
	cache   string
}

func newFake(t *testing.T, opts vtfake.Options) *fake {
	t.Helper()
	if opts.Fixtures == "" {
		opts.Fixtures = "../../testdata/vt"
	}
	s, err := vtfake.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key")
	if err := os.WriteFile(keyFile, []byte(testKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return &fake{Server: s, url: srv.URL, keyFile: keyFile, cache: filepath.Join(dir, "cache.db")}
}

// testKey is a sentinel: no output of any run may contain it.
const testKey = "SENTINEL-KEY-0123456789abcdef-must-never-leak"

// flags points a run at the fake with a fast rate and the test's cache.
func (f *fake) flags(extra ...string) []string {
	return append([]string{"--vt-url", f.url, "--api-key-file", f.keyFile, "--cache", f.cache,
		"--rate", "1000/s", "--daily-quota", "0"}, extra...)
}

// okCalls counts the 200 answers the fake gave per observable: a result
// fetched twice shows up as a 2.
func (f *fake) okCalls(t *testing.T) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, e := range f.Log() {
		if e.Status == 200 || e.Status == 404 {
			counts[e.Observable]++
		}
	}
	return counts
}

// readCSV parses CSV text (our output: strict RFC 4180) into records.
func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	return parseCSV(t, text, false)
}

// parseCSV parses CSV; lazy accepts the stray quotes of the seed export
// (row 35: `".\powershell.exe  -c "****..."`), read as pandas reads them.
func parseCSV(t *testing.T, text string, lazy bool) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, text)
	}
	return recs
}

// asCSV reads any output file back through the CLI as CSV records.
func asCSV(t *testing.T, path string) [][]string {
	t.Helper()
	r := mustRun(t, 0, "", "convert", "--to", "csv", path)
	return readCSV(t, r.stdout)
}

// column returns the values of the named column.
func column(t *testing.T, recs [][]string, name string) []string {
	t.Helper()
	idx := -1
	for i, h := range recs[0] {
		if h == name {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatalf("no column %q in %q", name, recs[0])
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[idx])
	}
	return out
}

// golden compares got with testdata/cli/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("../../testdata/cli", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", path, diffLines(string(want), got))
	}
}

// diffLines shows the first differing lines of two texts.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + wl + "\n  got: " + gl
		}
	}
	return "(equal lines, different ends)"
}

func parseRateForTest(s string) (rate.Limit, error) { return vtclient.ParseRate(s) }
