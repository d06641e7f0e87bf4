package readers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// textCase is one table row for the text readers: input, options, and
// either the rows expected or the parts of the error expected.
type textCase struct {
	name    string
	file    string // file name, which sets the format by extension
	in      string
	opts    Options
	header  string // '|'-joined
	rows    string // table() of the rows
	err     []string
	badRows int64
	badSay  []string // parts of BadRows().First[0]
}

// runTextCases reads each case as a file, then again as stdin one byte at
// a time (every row then crosses chunk boundaries, exercising the
// incremental parser), and checks both reads give the same answer.
func runTextCases(t *testing.T, cases []textCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tc.file, []byte(tc.in))
			file := readAll(t, []string{path}, nil, tc.opts)
			checkText(t, tc, file, path)

			opts := tc.opts
			if opts.Format == "" {
				opts.Format, _, _ = rows.FormatFromPath(tc.file)
			}
			stdin := readAll(t, nil, iotest.OneByteReader(strings.NewReader(tc.in)), opts)
			checkText(t, tc, stdin, "-")
		})
	}
}

// checkText compares a read with a case; name is how errors name the file.
func checkText(t *testing.T, tc textCase, res *result, name string) {
	t.Helper()
	if tc.err != nil {
		if res.err == nil {
			t.Fatalf("%s: no error; rows:\n%s", name, table(res.rows))
		}
		wantErr(t, res.err, tc.err...)
		if !strings.HasPrefix(res.err.Error(), name+":") {
			t.Errorf("%s: error %q does not start with the file name", name, res.err)
		}
		return
	}
	if res.err != nil {
		t.Fatalf("%s: %v", name, res.err)
	}
	if got := strings.Join(res.header, "|"); got != tc.header {
		t.Errorf("%s: header %q, want %q", name, got, tc.header)
	}
	if got := table(res.rows); got != tc.rows {
		t.Errorf("%s: rows\n%s\nwant\n%s", name, got, tc.rows)
	}
	if res.bad.Count != tc.badRows {
		t.Errorf("%s: %d bad rows, want %d (%q)", name, res.bad.Count, tc.badRows, res.bad.First)
	}
	if len(tc.badSay) > 0 {
		if len(res.bad.First) == 0 {
			t.Fatalf("%s: no bad row described", name)
		}
		wantErr(t, fmt.Errorf("%s", res.bad.First[0]), append(tc.badSay, name+":")...)
	}
}

func TestCSV(t *testing.T) {
	skip := Options{OnBadRow: SkipBadRows}
	runTextCases(t, []textCase{
		{name: "lf", file: "t.csv", in: "a,b,c\n1,2,3\n4,5,6\n", header: "a|b|c", rows: "1|2|3\n4|5|6\n"},
		{name: "crlf", file: "t.csv", in: "a,b\r\n1,2\r\n3,4\r\n", header: "a|b", rows: "1|2\n3|4\n"},
		{name: "no final newline", file: "t.csv", in: "a,b\n1,2", header: "a|b", rows: "1|2\n"},
		{name: "no final newline crlf", file: "t.csv", in: "a,b\r\n1,2\r", header: "a|b", rows: "1|2\n"},
		{name: "bom and empty column name", file: "t.csv", in: "\ufeff,TenantId,x\n0,abc,\n", header: "|TenantId|x", rows: "0|abc|\n"},
		{name: "quotes", file: "t.csv", in: "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", header: "a|b", rows: "x,y|say \"hi\"\n"},
		{name: "newline in quotes", file: "t.csv", in: "a,b\n\"line1\nline2\",\"c\r\nd\"\n9,9\n", header: "a|b", rows: "line1\nline2|c\r\nd\n9|9\n"},
		{name: "quoted cr kept", file: "t.csv", in: "a,b\n1,\"x\r\"\n", header: "a|b", rows: "1|x\r\n"},
		{name: "quoted cr kept before crlf", file: "t.csv", in: "a,b\r\n1,\"x\r\"\r\n", header: "a|b", rows: "1|x\r\n"},
		{name: "empty quoted", file: "t.csv", in: "a,b\n\"\",\"\"\n", header: "a|b", rows: "|\n"},
		{name: "quoted header", file: "t.csv", in: "\"a,1\",\"b\nc\"\n1,2\n", header: "a,1|b\nc", rows: "1|2\n"},
		{name: "text after closing quote kept", file: "t.csv", in: "a,b\n\"ab\"c,d\n", header: "a|b", rows: "abc|d\n"},
		{name: "quote inside unquoted field", file: "t.csv", in: "a,b\nx\"y,\"z\"\n", header: "a|b", rows: "x\"y|z\n"},
		{name: "blank lines skipped", file: "t.csv", in: "\na,b\n\n1,2\r\n\r\n3,4\n\n", header: "a|b", rows: "1|2\n3|4\n"},
		{name: "empty fields", file: "t.csv", in: "a,b,c\n,,\n", header: "a|b|c", rows: "||\n"},
		{name: "utf8", file: "t.csv", in: "a,b\nÅsa,日本\n", header: "a|b", rows: "Åsa|日本\n"},
		{name: "header only", file: "t.csv", in: "a,b\n", header: "a|b", rows: ""},
		{name: "header only no newline", file: "t.csv", in: "a,b", header: "a|b", rows: ""},
		{name: "tsv", file: "t.tsv", in: "a\tb\n1\t\"x\ty\"\n", header: "a|b", rows: "1|x\ty\n"},
		{name: "tsv commas are data", file: "t.tab", in: "a\tb\n1,2\t3\n", header: "a|b", rows: "1,2|3\n"},

		{name: "empty file", file: "t.csv", in: "", err: []string{"input is empty", "header"}},
		{name: "duplicate header", file: "t.csv", in: "a,b,a\n1,2,3\n", err: []string{":1:", `duplicate column name "a"`, "columns 1 and 3", "rename one"}},
		// Excel's CSV where the comma is the decimal separator
		{name: "semicolons", file: "t.csv", in: "a;b\n1,5;\"x;y\"\n", opts: Options{Delimiter: ';'}, header: "a|b", rows: "1,5|x;y\n"},
		{name: "semicolons with lone cr", file: "t.csv", in: "a;b\r1;\"x\ry\"\r2;3\r", opts: Options{Delimiter: ';'}, header: "a|b", rows: "1|x\ry\n2|3\n"},
		{name: "a quoted header is one column meant", file: "t.csv", in: "\"a;b\"\n1;2\n", header: "a;b", rows: "1;2\n"},
		{name: "semicolons hinted", file: "t.csv", in: "a;b\n1;2\n", err: []string{":1:", "one column whose name holds semicolons", "--delimiter ';'"}},
		{name: "one column holding semicolons on request", file: "t.csv", in: "a;b\n1;2\n", opts: Options{Delimiter: ','}, header: "a;b", rows: "1;2\n"},
		{name: "delimiter on a tsv name", file: "t.tsv", in: "a;b\n1;2\n", opts: Options{Delimiter: ';'}, err: []string{"--delimiter splits CSV", "is TSV by its", "--from csv"}},
		{name: "delimiter on a tsv flag", file: "t.txt", in: "a;b\n1;2\n", opts: Options{Delimiter: ';', Format: rows.TSV}, err: []string{"TSV by its --from"}},
		{name: "delimiter beats a sniffed tab", file: "t.txt", in: "time;msg\tx\n1;2\n", opts: Options{Delimiter: ';'}, header: "time|msg\tx", rows: "1|2\n"},
		{name: "pipes", file: "t.csv", in: "a|b\n1,2|3\n", opts: Options{Delimiter: '|'}, header: "a|b", rows: "1,2|3\n"},
		{name: "duplicate empty header", file: "t.csv", in: ",b,\n", err: []string{":1:", `duplicate column name ""`}},
		{name: "ragged short", file: "t.csv", in: "a,b,c\n1,2,3\n4,5\n", err: []string{":3: row has 2 fields, header has 3"}},
		{name: "ragged long", file: "t.csv", in: "a,b\n1,2\n3,4,5,6\n", err: []string{":3: row has 4 fields, header has 2"}},
		{name: "ragged quoted", file: "t.csv", in: "a,b\n1,2\n\"x\ny\"\n", err: []string{":3: row has 1 fields, header has 2"}},
		{name: "unbalanced quote", file: "t.csv", in: "a,b\n1,2\n3,\"oops\n5,6\n7,8\n", err: []string{":3:", "unbalanced quote", "line 6"}},
		{name: "unbalanced quote in header", file: "t.csv", in: "a,\"b\n1,2\n", err: []string{":1:", "unbalanced quote"}},
		{name: "invalid utf8", file: "t.csv", in: "a,b\n1,2\n3,\xff\n", err: []string{":3:", "invalid UTF-8", "(byte offset 10)"}},
		{name: "invalid utf8 quoted", file: "t.csv", in: "a,b\n1,\"x\xfe\"\n", err: []string{":2:", `column "b"`, "invalid UTF-8", "(byte offset 8)"}},
		{name: "invalid utf8 in header", file: "t.csv", in: "a,\xff\n1,2\n", err: []string{":1:", "invalid UTF-8"}},
		{name: "field too long", file: "t.csv", in: "a,b\n1,2\n3,123456789\n", opts: Options{MaxFieldBytes: 8},
			err: []string{":3:", `column "b"`, "longer than 8 bytes"}},
		{name: "quoted field too long names the quote", file: "t.csv", in: "a,b\n1,\"2\n3,4\n5,6\n", opts: Options{MaxFieldBytes: 4},
			err: []string{":2:", `column "b"`, "longer than 4 bytes", "--max-field", "quoted from line 2 on", "unbalanced"}},

		{name: "skip ragged", file: "t.csv", in: "a,b\n1,2\n3\n4,5,6\n7,8\n", opts: skip, header: "a|b", rows: "1|2\n7|8\n",
			badRows: 2, badSay: []string{":3: row has 1 fields, header has 2"}},
		{name: "skip unbalanced quote", file: "t.csv", in: "a,b\n1,2\n3,\"x\n5,6\n", opts: skip, header: "a|b", rows: "1|2\n",
			badRows: 1, badSay: []string{":3:", "unbalanced quote"}},
		{name: "skip invalid utf8", file: "t.csv", in: "a,b\n1,\xff\n\"\xfe\",2\n3,4\n", opts: skip, header: "a|b", rows: "3|4\n",
			badRows: 2, badSay: []string{":2:", "invalid UTF-8"}},
		{name: "skip too long", file: "t.csv", in: "a,b\n1,123456789\n\"123456789\",\"x\ny\"\n2,3\n", opts: Options{OnBadRow: SkipBadRows, MaxFieldBytes: 8},
			header: "a|b", rows: "2|3\n", badRows: 2, badSay: []string{":2:", "longer than 8 bytes"}},
	})
}

// TestCSVMatchesEncodingCSV reads random well-formed CSV written by
// encoding/csv (quotes, commas, CR and LF in fields) and checks that
// every field comes back as written, read whole and one byte at a time.
func TestCSVMatchesEncodingCSV(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", ",", "\"", "\n", "\r\n", " ", "é", "日", "\t", "x"}
	for iter := range 100 {
		ncols := 1 + rng.IntN(5)
		var recs [][]string
		header := make([]string, ncols)
		for i := range header {
			header[i] = fmt.Sprintf("c%d", i)
		}
		recs = append(recs, header)
		for range rng.IntN(20) {
			rec := make([]string, ncols)
			for i := range rec {
				var b strings.Builder
				for range rng.IntN(8) {
					b.WriteString(alphabet[rng.IntN(len(alphabet))])
				}
				rec[i] = b.String()
			}
			if ncols == 1 && rec[0] == "" {
				rec[0] = "x" // encoding/csv writes a lone empty field as a blank line
			}
			recs = append(recs, rec)
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf) // not UseCRLF: it rewrites newlines inside fields
		if err := w.WriteAll(recs); err != nil {
			t.Fatal(err)
		}
		want := table(recs[1:])
		for _, src := range []*result{
			readAll(t, nil, bytes.NewReader(buf.Bytes()), Options{Format: rows.CSV, BatchRows: 3}),
			readAll(t, nil, iotest.OneByteReader(bytes.NewReader(buf.Bytes())), Options{Format: rows.CSV}),
		} {
			if src.err != nil {
				t.Fatalf("iter %d: %v\n%q", iter, src.err, buf.String())
			}
			if got := table(src.rows); got != want {
				t.Fatalf("iter %d: input %q\ngot\n%q\nwant\n%q", iter, buf.String(), got, want)
			}
		}
	}
}
