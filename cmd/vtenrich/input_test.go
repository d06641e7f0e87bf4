package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16LE is s in UTF-16LE with a byte order mark, as Excel's "Unicode
// text" and PowerShell 5's Out-File write it.
func utf16LE(s string) string {
	var b strings.Builder
	for _, u := range append([]uint16{0xfeff}, utf16.Encode([]rune(s))...) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// TestInputExplainsItself: input in the forms people really have, read
// as they meant it or refused with what to do.
func TestInputExplainsItself(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	extract := []string{"extract", "--join", "inner"}
	cases := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout []string // parts expected in stdout, in order
		stderr string
	}{
		{name: "utf-16 with bom on stdin", args: extract, stdin: utf16LE("msg\r\nbeacon to évil-domain.ru\r\n"),
			stdout: []string{"vt_observable", "\nbeacon to évil-domain.ru,xn--vil-domain-96a.ru,dns,0"}},
		{name: "utf-16 tab-separated file", args: extract, stdin: "",
			stdout: []string{"vt_observable", "8.8.8.8"}},
		{name: "windows-1252 named", args: append(extract, "--encoding", "windows-1252"), stdin: "msg\ncaf\xe9 8.8.8.8\n",
			stdout: []string{"vt_observable", "8.8.8.8"}},
		{name: "not utf-8 says --encoding", args: extract, stdin: "msg\ncaf\xe9 8.8.8.8\n", code: exitError,
			stderr: "invalid UTF-8 (byte offset 7); if the file is in another encoding, name it with --encoding"},
		{name: "unknown encoding is usage", args: append(extract, "--encoding", "ebcdic"), code: exitUsage, stderr: `unknown encoding "ebcdic"`},
		{name: "cr-only line ends", args: extract, stdin: "msg\r8.8.8.8\r1.1.1.1\r",
			stdout: []string{"vt_observable", "8.8.8.8", "1.1.1.1"}},
		{name: "json array of objects", args: extract, stdin: "[\n  {\"msg\": \"8.8.8.8\"},\n  {\"msg\": \"1.1.1.1\"}\n]\n",
			stdout: []string{`{"msg": "8.8.8.8","vt_observable":"8.8.8.8"`, "\n" + `{"msg": "1.1.1.1","vt_observable":"1.1.1.1"`}},
		{name: "json array to csv", args: append(extract, "--to", "csv"), stdin: `[{"msg":"8.8.8.8"}]`,
			stdout: []string{"vt_observable", "8.8.8.8"}},
		{name: "duplicate keys: every value is scanned", args: append(extract, "--to", "csv"),
			stdin:  `{"msg":"8.8.8.8","msg":"1.1.1.1"}` + "\n",
			stdout: []string{"vt_observable", "\"8.8.8.8\n1.1.1.1\",8.8.8.8", "\"8.8.8.8\n1.1.1.1\",1.1.1.1"}},
		{name: "xlsx", args: []string{"extract", file("export.xlsx", "PK\x03\x04\x14\x00\x06\x00xl/workbook.xml")}, code: exitError,
			stderr: "export.xlsx: this is an Excel workbook (.xlsx), not a CSV export: save it as CSV"},
		{name: "tsv named csv", args: []string{"extract", file("export.csv", "host\tip\nx\t8.8.8.8\n")}, code: exitError,
			stderr: "export.csv:1: the header is one column whose name holds tabs; did you mean --from tsv?"},
		{name: "tsv named csv, --from tsv", args: append(extract, "--from", "tsv", filepath.Join(dir, "export.csv")),
			stdout: []string{"vt_observable", "8.8.8.8"}},
	}
	cases[1].args = append(append([]string{}, extract...), file("unicode.txt", utf16LE("host\tip\r\nx\t8.8.8.8\r\n")))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, c.stdin, c.args...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", r.code, c.code, r.stderr)
			}
			rest := r.stdout
			for _, want := range c.stdout {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Fatalf("stdout lacks %q (in order of %q):\n%s", want, c.stdout, r.stdout)
				}
				rest = rest[i+len(want):]
			}
			if !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("stderr lacks %q:\n%s", c.stderr, r.stderr)
			}
		})
	}
}
