package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// TestKeyChecks: a key too short to be a VirusTotal key is refused before
// anything is asked, and a key file others can read gets ssh's warning.
func TestKeyChecks(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	open := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(open, []byte(testKey+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(open, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		env    string
		args   []string
		code   int
		stderr string
	}{
		{"short key in the environment", "any", []string{"--vt-url", f.url, "--cache", f.cache, "lookup", "8.8.8.8"}, exitError,
			"the API key in $VT_API_KEY has 3 characters: that is not a VirusTotal API key"},
		{"key file readable by others", "", f.flags("--api-key-file", open, "lookup", "8.8.8.8"), exitOK,
			"warning: the API key file " + open + " can be read by other users (mode 0644); make it private with chmod 600"},
		{"private key file: no warning", "", f.flags("lookup", "8.8.8.8"), exitOK, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("VT_API_KEY", c.env)
			r := cli(t, "", c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.stderr) || (c.stderr == "" && strings.Contains(r.stderr, "warning")) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, c.code, c.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, testKey) {
				t.Error("the key is in the output")
			}
		})
	}
	if n := f.Stats().Requests; n != 1 {
		t.Errorf("%d requests; the short key must ask nothing, the second run once, the third none (cached)", n)
	}
}
