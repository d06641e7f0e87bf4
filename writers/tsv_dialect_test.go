package writers

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// tsvValues are the values a TSV dialect must get across: the hard cases
// of logs (Windows paths, whose backslashes an escaping dialect would
// double or turn into tabs; command lines with quotes, leading or not;
// tabs, line breaks and carriage returns inside a field).
var tsvValues = []string{
	"plain", `C:\temp\new\readme.txt`, `"C:\Windows\system32\cmd.exe" /c whoami`, `say "hi" there`,
	"tab\tinside", "line\nbreak", "cr\rhere", "crlf\r\nhere", `lit\tab`, `back\\two`, "", " spaced ",
}

// writeTSV writes tsvValues, numbered, as TSV and returns the file.
func writeTSV(t *testing.T) string {
	t.Helper()
	schema := arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.BinaryTypes.String}, {Name: "v", Type: arrow.BinaryTypes.String}}, nil)
	ids, vs := array.NewStringBuilder(memory.DefaultAllocator), array.NewStringBuilder(memory.DefaultAllocator)
	for i, v := range tsvValues {
		ids.Append(string(rune('a' + i)))
		vs.Append(v)
	}
	rec := array.NewRecord(schema, []arrow.Array{ids.NewArray(), vs.NewArray()}, int64(len(tsvValues)))
	path := filepath.Join(t.TempDir(), "values.tsv")
	if err := os.WriteFile(path, writeAll(t, schema, Options{Format: rows.TSV}, &rows.Joined{Batch: &rows.Batch{Record: rec}}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTSVReadByDuckDB: the TSV dialect (CSV quoting with a tab between
// fields, as Excel writes "Text (Tab delimited)") is what DuckDB reads,
// every value exactly.
func TestTSVReadByDuckDB(t *testing.T) {
	path := writeTSV(t)
	got := duckDB(t,
		"SELECT v FROM read_csv('"+path+"', delim='\t', header=true, all_varchar=true) ORDER BY id",
		"SELECT v FROM '"+path+"' ORDER BY id")
	for q, rows := range got {
		var vs []string
		for _, r := range rows {
			v, _ := r[0].(string)
			vs = append(vs, v)
		}
		if !reflect.DeepEqual(vs, tsvValues) {
			t.Errorf("DuckDB query %d reads\n%q\nwant\n%q", q, vs, tsvValues)
		}
	}
}

// TestTSVReadByMiller: Miller reads the same values with its CSV reader and
// a tab separator, `mlr --icsv --ifs tab`. (Its own --itsv takes backslash
// sequences as escapes, so it would read C:\temp as "C:", a tab, "emp":
// no dialect reads the same in both tools, see the README.)
func TestTSVReadByMiller(t *testing.T) {
	mlr, err := exec.LookPath("mlr")
	if err != nil {
		t.Skip("mlr (Miller) is not on the PATH: apt-get install miller")
	}
	out, err := exec.Command(mlr, "--icsv", "--ifs", "tab", "--ojson", "cat", writeTSV(t)).Output()
	if err != nil {
		t.Fatalf("mlr: %v", err)
	}
	var recs []struct{ V any }
	if err := json.Unmarshal(out, &recs); err != nil {
		t.Fatalf("mlr output %s: %v", out, err)
	}
	var vs []string
	for _, r := range recs {
		// Miller types what looks like a number; none of these does.
		v, _ := r.V.(string)
		vs = append(vs, v)
	}
	// Miller's CSV reader turns a CRLF inside quotes into LF, in CSV too.
	want := make([]string, len(tsvValues))
	for i, v := range tsvValues {
		want[i] = strings.ReplaceAll(v, "\r\n", "\n")
	}
	if !reflect.DeepEqual(vs, want) {
		t.Errorf("mlr --icsv --ifs tab reads\n%q\nwant\n%q", vs, want)
	}
}
