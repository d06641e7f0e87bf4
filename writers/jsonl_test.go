package writers

import (
	"bufio"
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// spliceInput is JSONL as a SIEM exports it, with what a decode and
// re-encode would damage: big and float-looking numbers, key order, nesting,
// escapes, white space, the empty object.
var spliceInput = []string{
	`{"z":1,"a":12345678901234567890,"m":1.0,"e":1e-7,"E":1E+2,"neg":-0.0}`,
	`{"nested":{"b":[1,2,{"c":null}],"a":{}},"arr":[],"s":"tab\tquote\"uni\u00e9 é 👋"}`,
	`{}`,
	`{ }`,
	`  {"spaced" : true ,  "x" : [ 1 , 2 ] }  `,
	`{"dup":1,"dup":2}`,
}

func spliceBatch(t testing.TB, lines []string) *rows.Batch {
	t.Helper()
	b := array.NewStringBuilder(memory.DefaultAllocator)
	b.AppendValues(lines, nil)
	texts := b.NewStringArray()
	// The record's columns do not matter to the splice; a reader might
	// hold any subset of the keys.
	rec := recordFromJSON(t, stringSchema("z"),
		"["+strings.TrimSuffix(strings.Repeat(`{"z":"1"},`, len(lines)), ",")+"]")
	return &rows.Batch{Source: "in.jsonl", Record: rec, JSON: texts}
}

func TestJSONLSplice(t *testing.T) {
	batch := spliceBatch(t, spliceInput)
	take := []int32{0, 1, 1, 2, 3, 4, 5} // row 1 twice
	added := recordFromJSON(t, addedSchema, `[
{"vt_observable":"a","vt_positives":1,"vt_tags":["x"]},
{"vt_observable":"b","vt_positives":2,"vt_tags":[]},
{"vt_observable":"c","vt_positives":null,"vt_tags":null},
{"vt_observable":"d\"q","vt_positives":4,"vt_tags":["y","z"]},
{"vt_observable":null,"vt_positives":5,"vt_tags":[null]},
{"vt_observable":"f","vt_positives":6,"vt_tags":[]},
{"vt_observable":"g","vt_positives":7,"vt_tags":[]}
]`)
	j := &rows.Joined{Batch: batch, Take: take, Added: added}
	out := writeAll(t, rows.OutputSchema(batch.Record.Schema(), addedSchema), Options{Format: rows.JSONL}, j)
	golden(t, "splice.jsonl", out)

	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(take) {
		t.Fatalf("%d lines, want %d", len(lines), len(take))
	}
	addedNames := []string{"vt_observable", "vt_positives", "vt_tags"}
	for i, line := range lines {
		in := spliceInput[take[i]]
		// Keys in order: the input's, then the added ones.
		wantKeys := append(topKeys(t, in), addedNames...)
		if got := topKeys(t, line); !reflect.DeepEqual(got, wantKeys) {
			t.Errorf("line %d keys %q, want %q", i, got, wantKeys)
		}
		// Values: the input object plus the added fields, deep-equal with
		// numbers compared as written.
		want := decodeNumbers(t, in)
		addedJSON := writeAll(t, addedSchema, Options{Format: rows.JSONL},
			&rows.Joined{Batch: &rows.Batch{Record: added.NewSlice(int64(i), int64(i)+1)}})
		for k, v := range decodeNumbers(t, string(addedJSON)) {
			want[k] = v
		}
		if got := decodeNumbers(t, line); !reflect.DeepEqual(got, want) {
			t.Errorf("line %d:\n got %v\nwant %v", i, got, want)
		}
		// Input bytes kept as written, up to the closing brace.
		body := strings.TrimSuffix(strings.TrimSpace(in), "}")
		if !strings.HasPrefix(line, strings.TrimRight(body, " ")) {
			t.Errorf("line %d does not start with the input text %q:\n%s", i, body, line)
		}
	}
	for _, literal := range []string{"12345678901234567890", `"m":1.0`, `"e":1e-7`, `"E":1E+2`, `-0.0`} {
		if !strings.Contains(string(out), literal) {
			t.Errorf("output lost the number text %s", literal)
		}
	}
}

func TestJSONLSpliceWithoutAddedColumnsIsVerbatim(t *testing.T) {
	batch := spliceBatch(t, spliceInput)
	out := writeAll(t, batch.Record.Schema(), Options{Format: rows.JSONL}, &rows.Joined{Batch: batch})
	var want strings.Builder
	for _, l := range spliceInput {
		want.WriteString(strings.TrimSpace(l) + "\n")
	}
	if string(out) != want.String() {
		t.Errorf("got\n%s\nwant\n%s", out, want.String())
	}
}

func TestJSONLSpliceRejectsNonObjects(t *testing.T) {
	for _, line := range []string{`[1,2]`, `"s"`, `{"a":1`, ``} {
		batch := spliceBatch(t, []string{`{"ok":1}`, line})
		var buf bytes.Buffer
		w, err := New(&buf, batch.Record.Schema(), Options{Format: rows.JSONL})
		if err != nil {
			t.Fatal(err)
		}
		err = w.Write(&rows.Joined{Batch: batch})
		if err == nil || !strings.Contains(err.Error(), "row 2 is not a JSON object") {
			t.Errorf("%q: error %v, want one naming row 2", line, err)
		}
	}
}

// TestJSONLParses checks that the typed encoding of every column is JSON.
func TestJSONLParses(t *testing.T) {
	j := joinedAllTypes(t)
	out := writeAll(t, rows.OutputSchema(allTypesSchema, addedSchema), Options{Format: rows.JSONL}, j)
	sc := bufio.NewScanner(bytes.NewReader(out))
	n := 0
	for sc.Scan() {
		if !json.Valid(sc.Bytes()) {
			t.Errorf("line %d is not JSON: %s", n+1, sc.Bytes())
		}
		n++
	}
	if n != j.Len() {
		t.Errorf("%d lines, want %d", n, j.Len())
	}
}

// topKeys lists the keys of a JSON object's top level, in order.
func topKeys(t testing.TB, obj string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(obj))
	keys := []string{}
	depth := 0
	expectKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				depth++
				expectKey = v == '{' && depth == 1
				continue
			case '}', ']':
				depth--
			}
		case string:
			if depth == 1 && expectKey {
				keys = append(keys, v)
				expectKey = false
				continue
			}
		}
		if depth == 1 {
			expectKey = true
		}
	}
	return keys
}

// decodeNumbers decodes one JSON object keeping numbers as written.
func decodeNumbers(t testing.TB, s string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("decoding %s: %v", s, err)
	}
	return m
}

// TestJSONLSpliceRejectsLateAddedKeys: an object after the first batch
// that carries a key the run adds would be written with two members of
// that name (a verdict the input chose, read first by lenient readers);
// the run stops naming the key and the row. Other late keys are kept.
func TestJSONLSpliceRejectsLateAddedKeys(t *testing.T) {
	jsonBatch := func(t *testing.T, first int64, schema *arrow.Schema, records string, lines ...string) *rows.Joined {
		b := array.NewStringBuilder(memory.DefaultAllocator)
		b.AppendValues(lines, nil)
		rec := recordFromJSON(t, schema, records)
		added := recordFromJSON(t, addedSchema, "["+strings.Repeat(`{"vt_observable":"x","vt_positives":1,"vt_tags":[]},`, len(lines)-1)+
			`{"vt_observable":"x","vt_positives":1,"vt_tags":[]}]`)
		return &rows.Joined{Batch: &rows.Batch{Source: "in.jsonl", First: first, Record: rec, JSON: b.NewStringArray()}, Added: added}
	}
	for _, tc := range []struct {
		name, late, record string
		err                string
	}{
		{"an added name", "vt_positives", `[{"z":"1","vt_positives":null},{"z":"2","vt_positives":"0"}]`,
			`in.jsonl: the key "vt_positives" first appears at input row 12`},
		{"null only", "vt_tags", `[{"z":"1","vt_tags":null},{"z":"2","vt_tags":null}]`,
			`the key "vt_tags" first appears at input row 11 or after`},
		{"another name", "note", `[{"z":"1","note":"a"},{"z":"2","note":null}]`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first := jsonBatch(t, 0, stringSchema("z"), `[{"z":"0"}]`, `{"z":"0"}`)
			var buf bytes.Buffer
			w, err := New(&buf, rows.OutputSchema(stringSchema("z"), addedSchema), Options{Format: rows.JSONL})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(first); err != nil {
				t.Fatal(err)
			}
			late := jsonBatch(t, 10, stringSchema("z", tc.late), tc.record,
				`{"z":"1","`+tc.late+`":null}`, `{"z":"2","`+tc.late+`":"0"}`)
			err = w.Write(late)
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("a late key of another name: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("error %v, want one containing %q", err, tc.err)
			}
		})
	}
}
