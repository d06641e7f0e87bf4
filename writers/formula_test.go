package writers

import (
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestFormulasNeutralised: text from VirusTotal that a spreadsheet would
// run as a formula gets a leading ', in CSV and TSV; the input's own
// columns only under EscapeFormulas; numbers never.
func TestFormulasNeutralised(t *testing.T) {
	in := stringSchema("msg")
	added := arrow.NewSchema([]arrow.Field{
		{Name: "vt_tags", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "vt_title", Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}, Nullable: true},
		{Name: "vt_reputation", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	}, nil)
	mem := memory.DefaultAllocator
	inB := array.NewStringBuilder(mem)
	inB.AppendValues([]string{"=1+1", "ok"}, nil)
	inRec := array.NewRecord(in, []arrow.Array{inB.NewArray()}, 2)
	ab := array.NewRecordBuilder(mem, added)
	ab.Field(0).(*array.StringBuilder).AppendValues([]string{"=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)"}, nil)
	db := ab.Field(1).(*array.BinaryDictionaryBuilder)
	db.AppendString("+cmd|' /C calc'!A0")
	db.AppendString("\tx")
	ab.Field(2).(*array.Int64Builder).AppendValues([]int64{-5, 3}, nil)
	addRec := ab.NewRecord()
	schema := rows.OutputSchema(in, added)
	for _, c := range []struct {
		format rows.Format
		escape bool
		want   string
	}{
		{rows.CSV, false, "msg,vt_tags,vt_title,vt_reputation\n" +
			`=1+1,"'=HYPERLINK(""http://x"",""y"")",'+cmd|' /C calc'!A0,-5` + "\n" +
			"ok,'@SUM(A1),'\tx,3\n"},
		{rows.CSV, true, "msg,vt_tags,vt_title,vt_reputation\n" +
			`'=1+1,"'=HYPERLINK(""http://x"",""y"")",'+cmd|' /C calc'!A0,-5` + "\n" +
			"ok,'@SUM(A1),'\tx,3\n"},
	} {
		var out strings.Builder
		w, err := New(&out, schema, Options{Format: c.format, EscapeFormulas: c.escape})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(&rows.Joined{Batch: &rows.Batch{Source: "t", Record: inRec}, Added: addRec}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if out.String() != c.want {
			t.Errorf("%s (escape input %v):\n%s\nwant:\n%s", c.format, c.escape, out.String(), c.want)
		}
	}
}

// TestIsFormula: a JSON number's text (a number --include keeps as text)
// is a number to a spreadsheet, not a formula; text starting with '-' that
// is not one still is.
func TestIsFormula(t *testing.T) {
	for v, want := range map[string]bool{
		"-32": false, "-0.5": false, "-1e5": false, "-2.5E-3": false, "12": false, "": false, "x": false,
		"-": true, "--1": true, "-2+3+cmd|' /C calc'!A0": true, "-1e": true, "-1.": true, "-.5": true, "-0x1f": true,
		"=1": true, "+1": true, "@x": true, "\tx": true, "\rx": true,
	} {
		if got := isFormula(v); got != want {
			t.Errorf("isFormula(%q) = %v, want %v", v, got, want)
		}
		if got := isFormula([]byte(v)); got != want {
			t.Errorf("isFormula([]byte(%q)) = %v, want %v", v, got, want)
		}
	}
}
