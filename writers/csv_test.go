package writers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestCSVParsesBack reads our CSV and TSV with encoding/csv: every record
// has every field, and string values (quotes, delimiters, newlines, CR,
// Unicode) come back exactly.
func TestCSVParsesBack(t *testing.T) {
	j := joinedAllTypes(t)
	schema := rows.OutputSchema(allTypesSchema, addedSchema)
	for _, tc := range []struct {
		format rows.Format
		comma  rune
	}{{rows.CSV, ','}, {rows.TSV, '\t'}} {
		t.Run(string(tc.format), func(t *testing.T) {
			r := csv.NewReader(bytes.NewReader(writeAll(t, schema, Options{Format: tc.format}, j)))
			r.Comma = tc.comma
			records, err := r.ReadAll()
			if err != nil {
				t.Fatalf("encoding/csv cannot read our %s: %v", tc.format, err)
			}
			if len(records) != 1+j.Len() {
				t.Fatalf("%d records, want header + %d rows", len(records), j.Len())
			}
			for k, f := range schema.Fields() {
				if records[0][k] != f.Name {
					t.Errorf("header field %d is %q, want %q", k, records[0][k], f.Name)
				}
			}
			for k, name := range []string{"str", "large_str"} {
				col := j.Record.Column([]int{0, 2}[k])
				for i := 0; i < j.Len(); i++ {
					src := j.SourceRow(i)
					want := ""
					if !col.IsNull(src) {
						// encoding/csv drops the CR of a CRLF even inside
						// quotes; the golden file holds the CR.
						want = strings.ReplaceAll(col.ValueStr(src), "\r\n", "\n")
					}
					if got := records[1+i][[]int{0, 2}[k]]; got != want {
						t.Errorf("%s row %d: %q, want %q", name, i, got, want)
					}
				}
			}
			obs := j.Added.Column(0).(*array.String)
			for i := 0; i < j.Len(); i++ {
				want := ""
				if obs.IsValid(i) {
					want = obs.Value(i)
				}
				if got := records[1+i][allTypesSchema.NumFields()]; got != want {
					t.Errorf("vt_observable row %d: %q, want %q", i, got, want)
				}
			}
		})
	}
}

// TestCSVSchemaDrift covers a batch whose columns differ from the header:
// the error names the new column and suggests JSONL output.
func TestCSVSchemaDrift(t *testing.T) {
	header := recordFromJSON(t, stringSchema("a"), `[{"a":"1"}]`)
	wider := recordFromJSON(t, stringSchema("a", "late_key"), `[{"a":"2","late_key":"x"}]`)
	for _, f := range []rows.Format{rows.CSV, rows.TSV, rows.Parquet, rows.Arrow} {
		var buf bytes.Buffer
		w, err := New(&buf, header.Schema(), Options{Format: f})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(&rows.Joined{Batch: &rows.Batch{Source: "in.jsonl", Record: header}}); err != nil {
			t.Fatal(err)
		}
		err = w.Write(&rows.Joined{Batch: &rows.Batch{Source: "in.jsonl", First: 1, Record: wider}})
		if err == nil || !bytes.Contains([]byte(err.Error()), []byte(`"late_key"`)) ||
			!bytes.Contains([]byte(err.Error()), []byte("--to jsonl")) {
			t.Errorf("%s: error %v, want one naming \"late_key\" and suggesting --to jsonl", f, err)
		}
	}
}

// TestNeedsQuotesEveryByte checks the eight-bytes-at-a-time test against
// the plain rule: every byte value, at every position of strings that end
// inside and after a word, for both delimiters.
func TestNeedsQuotesEveryByte(t *testing.T) {
	for _, delim := range []byte{',', '\t'} {
		q := newQuoteSet(delim)
		for c := 0; c < 256; c++ {
			want := byte(c) == delim || c == '"' || c == '\r' || c == '\n'
			for n := 1; n <= 17; n++ {
				for at := 0; at < n; at++ {
					s := []byte(strings.Repeat("a", n))
					s[at] = byte(c)
					if got := needsQuotes(&q, s); got != want {
						t.Fatalf("delimiter %q: byte %#x at %d of %d: %v, want %v", delim, c, at, n, got, want)
					}
					if got := needsQuotes(&q, string(s)); got != want {
						t.Fatalf("delimiter %q: byte %#x at %d of %d (string): %v, want %v", delim, c, at, n, got, want)
					}
				}
			}
		}
	}
}

// TestCSVDictionaryColumnsAsPlain writes the same values as a plain string
// column and as a dictionary-encoded one (the VT columns' form): the text
// must be the same, quoting, formulas, empties and nulls included.
func TestCSVDictionaryColumnsAsPlain(t *testing.T) {
	values := []string{"plain", "=1+1", "a,b", "", "say \"hi\"", "plain", "-5", "line\nbreak", "=1+1", "@x"}
	valid := []bool{true, true, true, true, true, true, true, true, false, true}
	in := stringSchema("src")
	inB := array.NewStringBuilder(memory.DefaultAllocator)
	for i := range values {
		inB.Append(fmt.Sprint(i))
	}
	inRec := array.NewRecord(in, []arrow.Array{inB.NewArray()}, int64(len(values)))
	take := []int32{0, 0, 1, 2, 2, 2, 3, 4, 5, 6}
	for _, oneColumn := range []bool{false, true} {
		plainSchema := arrow.NewSchema([]arrow.Field{{Name: "vt", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
		dictSchema := arrow.NewSchema([]arrow.Field{{Name: "vt", Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}, Nullable: true}}, nil)
		pb := array.NewStringBuilder(memory.DefaultAllocator)
		pb.AppendValues(values, valid)
		db := array.NewDictionaryBuilder(memory.DefaultAllocator, dictSchema.Field(0).Type.(*arrow.DictionaryType)).(*array.BinaryDictionaryBuilder)
		for i, v := range values {
			if valid[i] {
				db.AppendString(v)
			} else {
				db.AppendNull()
			}
		}
		write := func(added *arrow.Schema, col arrow.Array) string {
			var out strings.Builder
			j := &rows.Joined{Batch: &rows.Batch{Source: "t", Record: inRec}, Take: take,
				Added: array.NewRecord(added, []arrow.Array{col}, int64(col.Len()))}
			schema := rows.OutputSchema(in, added)
			if oneColumn {
				j = &rows.Joined{Batch: &rows.Batch{Source: "t", Record: array.NewRecord(added, []arrow.Array{col}, int64(col.Len()))}}
				schema = added
			}
			w, err := New(&out, schema, Options{Format: rows.CSV})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(j); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			return out.String()
		}
		plain, dict := write(plainSchema, pb.NewArray()), write(dictSchema, db.NewArray())
		if plain != dict {
			t.Errorf("one column %v: dictionary column written\n%s\nplain column written\n%s", oneColumn, dict, plain)
		}
	}
}
