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
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
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
	write("vthome/.vt.toml", "# vt-cli\nhost = \"https://www.virustotal.com\"\napikey = \"tomlkey456\" # mine\n")
	write("badhome/.vt.toml", "apikey = \"tomlkey456\n")
	write("nokeyhome/.vt.toml", "proxy = 'http://proxy:3128'\n[other]\napikey = \"not top-level\"\n")
	env := func(vars ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(vars); i += 2 {
			m[vars[i]] = vars[i+1]
		}
		return func(k string) string { return m[k] }
	}
	home := filepath.Join(dir, "vthome")
	tests := []struct {
		name          string
		getenv        func(string) string
		file, flag    string
		key           string
		warn, errText string
	}{
		{"file first", env("VT_API_KEY", "envkey"), good, "flagkey", "filekey123", "", ""},
		{"flag warns", env("VT_API_KEY", "envkey"), "", "flagkey", "flagkey", "process list", ""},
		{"environment", env("VT_API_KEY", " envkey ", "VTCLI_APIKEY", "clikey", "HOME", home), "", "", "envkey", "", ""},
		{"vt-cli's variable", env("VTCLI_APIKEY", "clikey", "HOME", home), "", "", "clikey", "", ""},
		{"vt-cli's config", env("HOME", home), "", "", "tomlkey456", "", ""},
		{"config without a top-level key", env("HOME", filepath.Join(dir, "nokeyhome")), "", "", "", "", "VTCLI_APIKEY"},
		{"no config", env("HOME", filepath.Join(dir, "nohome")), "", "", "", "", "VT_API_KEY"},
		{"broken config", env("HOME", filepath.Join(dir, "badhome")), "", "", "", "", ".vt.toml: line 1"},
		{"nothing", env(), "", "", "", "", "VT_API_KEY"},
		{"empty file", env("VT_API_KEY", "envkey"), empty, "", "", "", "is empty"},
		{"missing file", env("VT_API_KEY", "envkey"), filepath.Join(dir, "nope"), "", "", "", "reading the API key file"},
		{"short in the environment", env("VT_API_KEY", " abc "), "", "", "", "", "the API key in $VT_API_KEY has 3 characters: that is not a VirusTotal API key"},
		{"short in vt-cli's variable", env("VTCLI_APIKEY", "abc"), "", "", "", "", "the API key in $VTCLI_APIKEY has 3 characters"},
		{"short in a file", env("VT_API_KEY", "envkey"), short, "", "", "", "the API key in " + short + " has 3 characters"},
		{"short on the command line", env(), "", "k", "", "", "given with --api-key has 1 characters"},
		{"file others can read", env(), open, "", "filekey123", "chmod 600", ""},
	}
	for _, tt := range tests {
		key, warn, err := LoadAPIKey(tt.getenv, tt.file, tt.flag)
		if key != tt.key || !strings.Contains(warn, tt.warn) || (tt.warn == "") != (warn == "") {
			t.Errorf("%s: key %q warning %q", tt.name, key, warn)
		}
		if (tt.errText == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.errText)) {
			t.Errorf("%s: error %v", tt.name, err)
		}
		for _, k := range []string{"filekey123", "envkey", "clikey", "tomlkey456", "abc"} {
			if err != nil && strings.Contains(err.Error(), k) {
				t.Errorf("%s: the error holds the key", tt.name)
			}
		}
	}
}

func TestTOMLTopString(t *testing.T) {
	tests := []struct{ doc, want, err string }{
		{`apikey = "abc"`, "abc", ""},
		{"APIKEY='lit\\eral' # c", `lit\eral`, ""},
		{`"apikey" = "a\"b\u0041"`, `a"bA`, ""},
		{"\r\n# c\r\nhost = \"x\"\r\napikey = \"k\"\r\n", "k", ""},
		{"[table]\napikey = \"k\"", "", ""},
		{"apikey = 42", "", "not a string"},
		{`apikey = "k" trailing`, "", "text after"},
		{`apikey = """k"""`, "", "text after"},
		{`apikey = "k`, "", "unterminated"},
		{"apikey", "", "not a key = value"},
		{`apikey = "\q"`, "", "bad escape"},
	}
	for _, tt := range tests {
		got, err := tomlTopString(tt.doc, "apikey")
		if got != tt.want || (tt.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q: %q, %v; want %q, %q", tt.doc, got, err, tt.want, tt.err)
		}
	}
}

// FuzzTOMLTopString: any document gives a value or an error, and an error
// never quotes the document (it may hold the key).
func FuzzTOMLTopString(f *testing.F) {
	for _, s := range []string{`apikey = "abc"`, "a = 'b'\napikey = \"\\u00e9\" # x", "[t]\napikey=1", `apikey = "k`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		got, err := tomlTopString(doc, "apikey")
		if err != nil && got != "" {
			t.Errorf("%q: both a value and an error", doc)
		}
		if err != nil && len(doc) > 8 && strings.Contains(err.Error(), doc) {
			t.Errorf("%q: the error quotes the document: %v", doc, err)
		}
	})
}
