package vtclient

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadAPIKey(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("key", "  filekey123 \nsecond line\n")
	empty := write("empty", "\n")
	short := write("short", "abc\n")
	open := write("open", "filekey123\n")
	if err := os.Chmod(open, 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(v string) func(string) string { return func(string) string { return v } }
	tests := []struct {
		name          string
		getenv        func(string) string
		file, flag    string
		key           string
		warn, errText string
	}{
		{"file first", env("envkey"), good, "flagkey", "filekey123", "", ""},
		{"flag warns", env("envkey"), "", "flagkey", "flagkey", "process list", ""},
		{"environment", env(" envkey "), "", "", "envkey", "", ""},
		{"nothing", env(""), "", "", "", "", "VT_API_KEY"},
		{"empty file", env("envkey"), empty, "", "", "", "is empty"},
		{"missing file", env("envkey"), filepath.Join(dir, "nope"), "", "", "", "reading the API key file"},
		{"short in the environment", env(" abc "), "", "", "", "", "the API key in $VT_API_KEY has 3 characters: that is not a VirusTotal API key"},
		{"short in a file", env("envkey"), short, "", "", "", "the API key in " + short + " has 3 characters"},
		{"short on the command line", env(""), "", "k", "", "", "given with --api-key has 1 characters"},
		{"file others can read", env(""), open, "", "filekey123", "chmod 600", ""},
	}
	for _, tt := range tests {
		key, warn, err := LoadAPIKey(tt.getenv, tt.file, tt.flag)
		if key != tt.key || !strings.Contains(warn, tt.warn) || (tt.warn == "") != (warn == "") {
			t.Errorf("%s: key %q warning %q", tt.name, key, warn)
		}
		if (tt.errText == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.errText)) {
			t.Errorf("%s: error %v", tt.name, err)
		}
		if err != nil && (strings.Contains(err.Error(), "filekey123") || strings.Contains(err.Error(), "envkey") || strings.Contains(err.Error(), "abc")) {
			t.Errorf("%s: the error holds the key", tt.name)
		}
	}
}
