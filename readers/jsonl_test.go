package readers

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

func TestJSONL(t *testing.T) {
	skip := Options{OnBadRow: SkipBadRows}
	runTextCases(t, []textCase{
		{name: "flat", file: "t.jsonl", in: `{"a":"x","b":1}` + "\n" + `{"a":"y","b":2}` + "\n",
			header: "a|b", rows: "x|1\ny|2\n"},
		{name: "crlf blank lines and spaces", file: "t.ndjson", in: "\r\n  {\"a\" : \"x\" }  \r\n\n\t{\"a\":\"y\"}\r\n",
			header: "a", rows: "x\ny\n"},
		{name: "no final newline", file: "t.jsonl", in: `{"a":"x"}`, header: "a", rows: "x\n"},
		{name: "values as json text", file: "t.json",
			in:     `{"n":12345678901234567890,"f":1.0,"e":1e-7,"t":true,"o":{"k":[1, 2]},"l":[],"z":null}` + "\n",
			header: "n|f|e|t|o|l|z", rows: "12345678901234567890|1.0|1e-7|true|{\"k\":[1, 2]}|[]|<nil>\n"},
		{name: "escapes", file: "t.jsonl", in: `{"s":"a\"b\\c\/d\n\t\u00e9\ud83d\ude00\ud800x"}` + "\n",
			header: "s", rows: "a\"b\\c/d\n\té😀\ufffdx\n"},
		{name: "escaped key", file: "t.jsonl", in: `{"k\u0031":"v"}` + "\n", header: "k1", rows: "v\n"},
		{name: "absent keys are null", file: "t.jsonl", in: `{"a":"1"}` + "\n" + `{"b":"2"}` + "\n" + `{}` + "\n",
			header: "a|b", rows: "1|<nil>\n<nil>|2\n<nil>|<nil>\n"},
		{name: "duplicate key keeps every value", file: "t.jsonl", in: `{"a":"1","b":"x","a":"2"}` + "\n" + `{"a":"3"}` + "\n",
			header: "a|b", rows: "1\n2|x\n3|<nil>\n"},
		{name: "duplicate key after null", file: "t.jsonl", in: `{"a":null,"a":"2"}` + "\n", header: "a", rows: "2\n"},
		{name: "duplicate key then null", file: "t.jsonl", in: `{"a":"1","a":null}` + "\n", header: "a", rows: "1\n"},
		{name: "duplicate key nested and escaped", file: "t.jsonl", in: `{"a":"1","a":{"x":2},"a":"\u0041"}` + "\n",
			header: "a", rows: "1\n{\"x\":2}\nA\n"},
		{name: "empty input", file: "t.jsonl", in: "", header: "", rows: ""},
		{name: "blank lines only", file: "t.jsonl", in: "\n\r\n\n", header: "", rows: ""},

		{name: "not json", file: "t.jsonl", in: `{"a":1}` + "\n" + `{"a":` + "\n", err: []string{":2:", "invalid JSON"}},
		{name: "truncated", file: "t.jsonl", in: `{"a":1}` + "\n" + `{"a":"xy`, err: []string{":2:", "invalid JSON", "unterminated string"}},
		{name: "array line", file: "t.jsonl", in: `{"a":1}` + "\n" + `[{"a":1}]` + "\n", err: []string{":2:", "line is a JSON array, not an object"}},
		{name: "scalar line", file: "t.jsonl", in: `{"a":1}` + "\n" + `42` + "\n", err: []string{":2:", "not a JSON object"}},
		{name: "trailing text", file: "t.jsonl", in: `{"a":1} x` + "\n", err: []string{":1:", "unexpected text after the object", "(byte offset 8)"}},
		{name: "bad nested", file: "t.jsonl", in: `{"a":{"b":[1,}}` + "\n", err: []string{":1:", "invalid JSON"}},
		{name: "bad number", file: "t.jsonl", in: `{"a":01}` + "\n", err: []string{":1:", "invalid JSON"}},
		{name: "bad literal", file: "t.jsonl", in: `{"a":nul}` + "\n", err: []string{":1:", "invalid literal"}},
		{name: "control char in string", file: "t.jsonl", in: "{\"a\":\"x\ty\"}\n", err: []string{":1:", "control character"}},
		{name: "invalid utf8", file: "t.jsonl", in: `{"a":"x"}` + "\n" + "{\"a\":\"\xff\"}\n", err: []string{":2:", "invalid UTF-8", "(byte offset 16)"}},
		{name: "line too long", file: "t.jsonl", in: `{"a":"x"}` + "\n" + `{"a":"0123456789"}` + "\n", opts: Options{MaxFieldBytes: 12},
			err: []string{":2:", "longer than 12 bytes"}},
		{name: "too deep", file: "t.jsonl", in: `{"a":` + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + "}\n",
			err: []string{":1:", "nesting too deep"}},

		{name: "skip bad lines", file: "t.jsonl", opts: skip,
			in:     `{"a":"1"}` + "\n" + `{"a":` + "\n" + `{"b":"new","a":"2"` + "\n" + `{"a":"3"}` + "\n",
			header: "a", rows: "1\n3\n", badRows: 2, badSay: []string{":2:", "invalid JSON"}},
		{name: "skip long line", file: "t.jsonl", opts: Options{OnBadRow: SkipBadRows, MaxFieldBytes: 12},
			in:     `{"a":"1"}` + "\n" + `{"a":"0123456789"}` + "\n" + `{"a":"2"}`,
			header: "a", rows: "1\n2\n", badRows: 1, badSay: []string{":2:", "longer than 12 bytes"}},
	})
}

// TestJSONArray reads a JSON array of objects, as SIEM consoles export, on
// one line or pretty-printed, as it would the same objects as JSON Lines.
func TestJSONArray(t *testing.T) {
	pretty := "[\n  {\n    \"a\": \"x\",\n    \"b\": [1, 2]\n  },\n  {\"a\": \"y\"}\n]\n"
	skip := Options{OnBadRow: SkipBadRows}
	runTextCases(t, []textCase{
		{name: "one line", file: "t.json", in: `[{"a":"x"},{"a":"y","b":2}]`, header: "a|b", rows: "x|<nil>\ny|2\n"},
		{name: "pretty", file: "t.json", in: pretty, header: "a|b", rows: "x|[1, 2]\ny|<nil>\n"},
		{name: "sniffed", file: "t.txt", in: "\n " + pretty, header: "a|b", rows: "x|[1, 2]\ny|<nil>\n"},
		{name: "empty", file: "t.json", in: "[ ]\n", header: "", rows: ""},
		{name: "brackets and commas in strings", file: "t.json", in: `[{"a":"x,]}\"{[","b":"\\"},{"a":"]"}]`,
			header: "a|b", rows: "x,]}\"{[|\\\n]|<nil>\n"},
		{name: "not an object", file: "t.json", in: `[{"a":1}, 2]`, err: []string{":1:", "array element is not a JSON object", "(byte offset 10)"}},
		{name: "bad element names its line", file: "t.json", in: "[\n{\"a\":1},\n{\"a\":}\n]", err: []string{":3:", "invalid JSON"}},
		{name: "trailing comma", file: "t.json", in: `[{"a":1},]`, err: []string{":1:", "an element of the JSON array expected"}},
		{name: "missing comma", file: "t.json", in: "[{\"a\":1}\n{\"a\":2}]", err: []string{":2:", "expected ',' or ']'", "found '{'"}},
		{name: "not closed", file: "t.json", in: `[{"a":1},`, err: []string{"not closed", "truncated"}},
		{name: "text after", file: "t.json", in: `[{"a":1}] x`, err: []string{":1:", "unexpected text after the JSON array"}},
		{name: "element too long", file: "t.json", in: `[{"a":"x"},{"a":"0123456789"}]`, opts: Options{MaxFieldBytes: 12},
			err: []string{"array element is longer than 12 bytes"}},
		{name: "skip bad elements", file: "t.json", opts: skip, in: "[{\"a\":\"1\"},\n{\"a\":},\n7,{\"a\":\"3\"}]",
			header: "a", rows: "1\n3\n", badRows: 2, badSay: []string{":2:", "invalid JSON"}},
	})
}

// TestJSONArrayText keeps each element's text for JSONL output, on one
// line: as written when it was, without the white space between tokens
// when it spanned lines.
func TestJSONArrayText(t *testing.T) {
	in := "[{\"a\": \"x y\" , \"n\":1.50},\n {\n  \"a\": \"p  q\",\n  \"o\": {\"k\": [1, \"\\\" \"]}\n }\n]"
	want := []string{`{"a": "x y" , "n":1.50}`, `{"a":"p  q","o":{"k":[1,"\" "]}}`}
	res := readAll(t, nil, iotest.HalfReader(strings.NewReader(in)), Options{Format: rows.JSONL, BatchRows: 1})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if strings.Join(res.json, "\n") != strings.Join(want, "\n") {
		t.Errorf("JSON\n%s\nwant\n%s", strings.Join(res.json, "\n"), strings.Join(want, "\n"))
	}
}

// TestJSONLFidelity checks that Batch.JSON holds each object exactly as
// written (trimmed): key order, nesting, spacing, and numbers as written.
func TestJSONLFidelity(t *testing.T) {
	objects := []string{
		`{"z":1,"a":{"y":[1,2,{"x":null}],"b":"c"},"n":12345678901234567890}`,
		`{"f":1.0, "e":1e-7 ,"neg":-0.0,"big":1E+400,"s":"\u00e9\"","t":true}`,
		`{}`,
		`{"a" : [ ] , "b" : { } }`,
	}
	in := "  " + objects[0] + "\r\n\n" + objects[1] + "\t\n" + objects[2] + "\n" + objects[3]
	res := readAll(t, nil, iotest.HalfReader(strings.NewReader(in)), Options{Format: rows.JSONL, BatchRows: 2})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if strings.Join(res.json, "\n") != strings.Join(objects, "\n") {
		t.Errorf("JSON\n%s\nwant\n%s", strings.Join(res.json, "\n"), strings.Join(objects, "\n"))
	}
	for i, o := range res.json {
		if !json.Valid([]byte(o)) {
			t.Errorf("object %d is not valid JSON: %s", i, o)
		}
	}
}

// TestJSONLSchemaGrows checks that a key first seen in a later batch
// appends a column to later batches only, never reordering columns.
func TestJSONLSchemaGrows(t *testing.T) {
	in := `{"b":"1","a":"2"}` + "\n" + `{"a":"3"}` + "\n" + `{"c":"4","a":"5"}` + "\n" + `{"b":"6"}` + "\n"
	res := readAll(t, nil, strings.NewReader(in), Options{Format: rows.JSONL, BatchRows: 2})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got := strings.Join(res.header, ","); got != "b,a" {
		t.Errorf("Schema() = %s, want the first batch's b,a", got)
	}
	want := []string{"b,a", "b,a,c"}
	for i, b := range res.batches {
		if got := strings.Join(schemaNames(b.schema), ","); got != want[i] {
			t.Errorf("batch %d schema %s, want %s", i, got, want[i])
		}
	}
	if got, want := table(res.rows), "1|2\n<nil>|3\n<nil>|5|4\n6|<nil>|<nil>\n"; got != want {
		t.Errorf("rows\n%s\nwant\n%s", got, want)
	}
}

// TestJSONValidatorAgreesWithEncodingJSON checks the hand-written scanner
// accepts and rejects exactly what encoding/json does, on tricky values.
func TestJSONValidatorAgreesWithEncodingJSON(t *testing.T) {
	values := []string{
		`0`, `-0`, `01`, `1.`, `.5`, `1e`, `1e+`, `1E5`, `-`, `--1`, `1.5e-3`, `"\u12"`, `"\u1234"`,
		`"\x"`, `"a\/b"`, `[1,]`, `[,1]`, `{"a":1,}`, `{"a" 1}`, `{1:2}`, `[[[]]]`, `[1 2]`, `tru`, `nulll`,
		`{"a":[{"b":{}}]}`, `"` + "\x01" + `"`, `[true,false,null]`, `{"a":"b"}}`, `[]]`, ` [ 1 , 2 ] `, `"\ud800"`,
	}
	for _, v := range values {
		b := []byte(v)
		end, err := scanValue(b, 0)
		ours := err == nil && skipSpace(b, end) == len(b)
		if theirs := json.Valid(b); ours != theirs {
			t.Errorf("%q: scanner says valid=%v, encoding/json %v", v, ours, theirs)
		}
	}
}
