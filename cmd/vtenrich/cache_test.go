package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCacheImportReport: one summary line per file, counting what was
// refused (an invalid observable) apart from what could not be read, and
// the fetch times in the future set to now; then the lines, numbered.
func TestCacheImportReport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "team.jsonl")
	lines := []string{
		`{"type":"dns","observable":"Evil.Example.NET","outcome":"not_found","fetched_at":"2999-01-01T00:00:00Z"}`,
		`{"type":"md5_hash","observable":"not-a-hash","outcome":"not_found","fetched_at":"2026-01-01T00:00:00Z"}`,
		`not json`,
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "", "cache", "import", "--cache", filepath.Join(dir, "cache.db"), in)
	if r.code != 1 {
		t.Errorf("exit %d, want 1 for a bad line", r.code)
	}
	for _, want := range []string{
		in + ": 1 imported, 0 skipped, 1 refused, 1 bad; 1 fetched_at in the future set to now\n",
		"  refused: " + in + `:2: "not-a-hash" is not a valid md5_hash`,
		"  bad: " + in + ":3: not JSON",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}
