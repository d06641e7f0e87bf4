package readers

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16, little- or big-endian, with or without a
// byte order mark: what Excel's "Unicode text" and PowerShell write.
func utf16Bytes(s string, bigEndian, bom bool) string {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return string(b)
}

// TestEncodings reads text in the encodings Windows tools write.
func TestEncodings(t *testing.T) {
	const csvText = "host,note\r\nevil.example.net,café ☕\r\n"
	const tsvText = "host\tnote\r\nevil.example.net\tcafé ☕\r\n"
	const want = "evil.example.net|café ☕\n"
	enc := func(e string) Options { return Options{Encoding: e} }
	runTextCases(t, []textCase{
		{name: "utf-16le bom", file: "t.csv", in: utf16Bytes(csvText, false, true), header: "host|note", rows: want},
		{name: "utf-16be bom", file: "t.csv", in: utf16Bytes(csvText, true, true), header: "host|note", rows: want},
		{name: "utf-16le no bom", file: "t.csv", in: utf16Bytes(csvText, false, false), header: "host|note", rows: want},
		{name: "utf-16be no bom", file: "t.csv", in: utf16Bytes(csvText, true, false), header: "host|note", rows: want},
		{name: "excel unicode text sniffed as tsv", file: "t.txt", in: utf16Bytes(tsvText, false, true), header: "host|note", rows: want},
		{name: "utf-16 jsonl", file: "t.jsonl", in: utf16Bytes(`{"host":"évil.example.net"}`+"\r\n", false, true),
			header: "host", rows: "évil.example.net\n"},
		{name: "named utf-16le", file: "t.csv", opts: enc("UTF-16LE"), in: utf16Bytes(csvText, false, false), header: "host|note", rows: want},
		{name: "named utf-16 with a be bom", file: "t.csv", opts: enc("utf-16"), in: utf16Bytes(csvText, true, true), header: "host|note", rows: want},
		{name: "windows-1252", file: "t.csv", opts: enc("windows-1252"), in: "host,note\nevil.example.net,caf\xe9 \x80\x96\n",
			header: "host|note", rows: "evil.example.net|café €–\n"},
		{name: "latin1", file: "t.csv", opts: enc("latin1"), in: "host,note\nevil.example.net,caf\xe9 \xa0\xff\n",
			header: "host|note", rows: "evil.example.net|café \u00a0ÿ\n"},
		{name: "utf-8 named", file: "t.csv", opts: enc("utf8"), in: "\xef\xbb\xbfa\nb\n", header: "a", rows: "b\n"},
		{name: "not utf-8 says --encoding", file: "t.csv", in: "host,note\nx,caf\xe9\n",
			err: []string{":2:", "invalid UTF-8", "(byte offset 15)", "--encoding (windows-1252"}},
		{name: "unknown encoding", file: "t.csv", opts: enc("ebcdic"), in: "a\n1\n", err: []string{`unknown encoding "ebcdic"`, "windows-1252"}},
	})
}

// TestCROnlyLineEnds reads files whose lines end in a lone CR (classic Mac
// OS, Excel's "CSV (Macintosh)") as lines, and leaves a CR alone elsewhere.
func TestCROnlyLineEnds(t *testing.T) {
	runTextCases(t, []textCase{
		{name: "csv", file: "t.csv", in: "a,b\r1,2\r3,4\r", header: "a|b", rows: "1|2\n3|4\n"},
		{name: "csv no final line end", file: "t.csv", in: "a,b\r1,2\r3,4", header: "a|b", rows: "1|2\n3|4\n"},
		// A CR inside quotes is the value's, as written: CSV to CSV keeps it.
		{name: "csv quoted line break", file: "t.csv", in: "a,b\r\"x\ry\",2\r", header: "a|b", rows: "x\ry|2\n"},
		{name: "csv quoted crlf", file: "t.csv", in: "a,b\r\"x\r\ny\",2\r", header: "a|b", rows: "x\r\ny|2\n"},
		{name: "csv escaped quote before cr", file: "t.csv", in: "a,b\r\"x\"\"\ry\",2\r3,4\r", header: "a|b", rows: "x\"\ry|2\n3|4\n"},
		{name: "csv text after closing quote", file: "t.csv", in: "a,b\r\"x\"z,2\r3,4\r", header: "a|b", rows: "xz|2\n3|4\n"},
		{name: "csv quote inside unquoted text", file: "t.csv", in: "a,b\r1,x\"y\r3,4\r", header: "a|b", rows: "1|x\"y\n3|4\n"},
		{name: "tsv quoted line break", file: "t.tsv", in: "a\tb\r\"x\ry\"\t2\r", header: "a|b", rows: "x\ry|2\n"},
		{name: "header only", file: "t.csv", in: "a,b\r", header: "a|b", rows: ""},
		{name: "tsv", file: "t.tsv", in: "a\tb\r1\t2\r", header: "a|b", rows: "1|2\n"},
		{name: "jsonl", file: "t.jsonl", in: `{"a":"1"}` + "\r" + `{"a":"2"}` + "\r", header: "a", rows: "1\n2\n"},
		{name: "error line numbers", file: "t.csv", in: "a,b\r1,2\r3\r", err: []string{":3:", "row has 1 fields"}},
		{name: "error line after quoted crs", file: "t.csv", in: "a,b\r\"x\ry\r\nz\",2\r3\r", err: []string{":5:", "row has 1 fields"}},
		{name: "unbalanced quote's end line", file: "t.csv", in: "a,b\r1,2\r\"open\r3,4\r5,6\r", err: []string{":3:", "unbalanced quote", "(line 6)"}},
		{name: "crlf is not cr-only", file: "t.csv", in: "a,b\r\n\"x\ry\",2\r\n", header: "a|b", rows: "x\ry|2\n"},
		{name: "lf file keeps a cr inside", file: "t.csv", in: "a,b\n\"x\ry\",2\n", header: "a|b", rows: "x\ry|2\n"},
	})
}

// TestNotAnExport refuses spreadsheets and archives with what to do.
func TestNotAnExport(t *testing.T) {
	xlsx := "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + strings.Repeat("\x00", 12) + "\x13\x00\x00\x00[Content_Types].xml...PK\x03\x04xl/workbook.xml"
	runTextCases(t, []textCase{
		{name: "xlsx", file: "t.csv", in: xlsx, err: []string{"Excel workbook (.xlsx)", "CSV UTF-8"}},
		{name: "xlsx sniffed", file: "t.txt", in: xlsx, err: []string{"Excel workbook (.xlsx)"}},
		{name: "zip", file: "t.csv", in: "PK\x03\x04\x14\x00\x00\x00\x08\x00events.csv", err: []string{"zip archive", "unzip it"}},
		{name: "empty zip", file: "t.jsonl", in: "PK\x05\x06" + strings.Repeat("\x00", 18), err: []string{"zip archive"}},
		{name: "xls", file: "t.csv", in: "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + strings.Repeat("\x00", 40), err: []string{"Excel 97-2003", "CSV UTF-8"}},
	})
}

// TestTSVNamedCSV: a header of one column holding tabs, in a file that is
// CSV by its name, asks whether TSV was meant; --from csv insists.
func TestTSVNamedCSV(t *testing.T) {
	path := writeFile(t, t.TempDir(), "export.csv", []byte("host\tip\nx\t1.2.3.4\n"))
	res := readAll(t, []string{path}, nil, Options{})
	wantErr(t, res.err, "export.csv:1:", "one column", "did you mean --from tsv?")
	res = readAll(t, []string{path}, nil, Options{Format: "csv"})
	if res.err != nil || len(res.header) != 1 || len(res.rows) != 1 {
		t.Errorf("--from csv: %v, header %q, rows %q", res.err, res.header, res.rows)
	}
	res = readAll(t, []string{writeFile(t, t.TempDir(), "ok.csv", []byte("a b\tc,d\n1,2\n"))}, nil, Options{})
	if res.err != nil {
		t.Errorf("a header of two columns, one with a tab: %v", res.err)
	}
}

// TestColumnLimit refuses inputs wider than MaxColumns before reading their
// rows, and reads one of exactly MaxColumns.
func TestColumnLimit(t *testing.T) {
	header := func(n int) string {
		names := make([]string, n)
		for i := range names {
			names[i] = "c" + strconv.Itoa(i)
		}
		return strings.Join(names, ",")
	}
	dir := t.TempDir()
	res := readAll(t, []string{writeFile(t, dir, "wide.csv", []byte(header(MaxColumns+1)+"\n"))}, nil, Options{})
	wantErr(t, res.err, "wide.csv:1:", "more than 100000 columns")
	res = readAll(t, []string{writeFile(t, dir, "ok.csv", []byte(header(MaxColumns)+"\n"+strings.Repeat(",", MaxColumns-1)+"\n"))}, nil, Options{})
	if res.err != nil || len(res.header) != MaxColumns || len(res.rows) != 1 {
		t.Errorf("%d columns: %v, %d columns, %d rows", MaxColumns, res.err, len(res.header), len(res.rows))
	}
	var obj strings.Builder
	obj.WriteByte('{')
	for i := range MaxColumns + 1 {
		if i > 0 {
			obj.WriteByte(',')
		}
		obj.WriteString(`"k` + strconv.Itoa(i) + `":1`)
	}
	obj.WriteString("}\n")
	res = readAll(t, []string{writeFile(t, dir, "wide.jsonl", []byte(obj.String()))}, nil, Options{OnBadRow: SkipBadRows})
	wantErr(t, res.err, "wide.jsonl:1:", "more than 100000 columns")
}
