package writers

import (
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestTable: the preferred columns in their order, aligned, upper-case
// headers without vt_, nulls empty, and control characters from the
// answers (an escape sequence, a bidi override, a newline) shown, not
// obeyed.
func TestTable(t *testing.T) {
	schema := stringSchema("vt_status", "vt_observable", "other")
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, row := range [][3]string{
		{"Success", "8.8.8.8", "x"},
		{"Success", "evil\x1b]0;pwned\x07.com\u202etxt", "y"},
		{"", "a\nb", "z"},
	} {
		for c, v := range row {
			if v == "" {
				b.Field(c).AppendNull()
			} else {
				b.Field(c).(*array.StringBuilder).Append(v)
			}
		}
	}
	rec := b.NewRecord()
	empty := array.NewRecord(arrow.NewSchema(nil, nil), nil, rec.NumRows())
	var out strings.Builder
	w, err := New(&out, schema, Options{Format: rows.Table, TableColumns: []string{"vt_observable", "vt_status", "nope"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(&rows.Joined{Batch: &rows.Batch{Source: "test", Record: empty}, Added: rec}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := "OBSERVABLE                       STATUS\n" +
		"8.8.8.8                          Success\n" +
		`evil\x1b]0;pwned\a.com\u202etxt  Success` + "\n" +
		`a\nb                             ` + "\n"
	if out.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", out.String(), want)
	}
}
