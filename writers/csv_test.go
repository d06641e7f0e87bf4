package writers

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/array"

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
