package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// TestCacheImportReport: one summary line per file, counting what was
// refused (an invalid observable) apart from what could not be read, and
// the fetch times in the future set to now; then one line for what was
// refused, by reason, and the bad lines, numbered.
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
		"  refused: 1 not a valid md5_hash (line 2)\n",
		"  bad: " + in + ":3: not JSON",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// TestCacheImportVTCLI: vt-cli's --format json output imports as it is,
// and answers offline; vt-cli's key in ~/.vt.toml answers online.
func TestCacheImportVTCLI(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "vt.json")
	dump := `[
  {
    "_id": "evil-site.com",
    "_type": "domain",
    "last_analysis_stats": {"malicious": 4, "harmless": 60},
    "registrar": "NameCheap, Inc."
  },
  {
    "_id": "not-a-hash",
    "_type": "file"
  }
]
`
	if err := os.WriteFile(in, []byte(dump), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "cache.db")
	r := mustRun(t, 0, "", "cache", "import", "--cache", db, in)
	if want := in + ": 1 imported, 0 skipped, 1 refused, 0 bad\n  refused: 1 not a valid sha256_hash (entry 2)\n"; !strings.HasSuffix(r.stderr, want) {
		t.Errorf("stderr %q, want it to end with %q", r.stderr, want)
	}
	r = mustRun(t, 0, "", "lookup", "--offline", "--cache", db, "--to", "csv", "--fields", "verdict,registrar", "evil-site.com")
	if !strings.Contains(r.stdout, "malicious,\"NameCheap, Inc.\"") {
		t.Errorf("offline lookup after the import: %s", r.stdout)
	}

	f := newFake(t, vtfake.Options{Keys: []string{"tomlkey-0123456789"}})
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".vt.toml"), []byte("apikey = \"tomlkey-0123456789\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VT_API_KEY", "")
	t.Setenv("VTCLI_APIKEY", "")
	t.Setenv("HOME", home)
	mustRun(t, 0, "", "lookup", "--vt-url", f.url, "--cache", f.cache, "--to", "csv", "8.8.8.8")
	t.Setenv("VTCLI_APIKEY", "wrong-key-0123456789") // vt-cli's variable comes before its file
	if r := cli(t, "", "lookup", "--vt-url", f.url, "--no-cache", "--to", "csv", "8.8.4.4"); r.code != exitError {
		t.Errorf("exit %d with a wrong $VTCLI_APIKEY, want %d: %s", r.code, exitError, r.stderr)
	}
}
