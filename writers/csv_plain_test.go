package writers

import (
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestCSVPlainColumns covers the path that copies a string column's cells
// without a check each (plainText): it must give the same text as the
// general path, whatever the nulls, slicing, repeated rows or the one
// value of a batch that needs quotes.
func TestCSVPlainColumns(t *testing.T) {
	strs := func(vals ...*string) arrow.Array {
		b := array.NewStringBuilder(memory.DefaultAllocator)
		defer b.Release()
		for _, v := range vals {
			if v == nil {
				b.AppendNull()
			} else {
				b.Append(*v)
			}
		}
		return b.NewArray()
	}
	s := func(v string) *string { return &v }
	for _, tc := range []struct {
		name   string
		a, b   arrow.Array
		slice  [2]int64 // rows [lo, hi) of the record; zero: all
		take   []int32
		format rows.Format
		want   string
	}{
		{name: "plain", a: strs(s("x"), s("y.example.org")), b: strs(s("1"), s("2")),
			format: rows.CSV, want: "a,b\nx,1\ny.example.org,2\n"},
		{name: "nulls and empty", a: strs(nil, s(""), s("z")), b: strs(s("1"), nil, s("")),
			format: rows.CSV, want: "a,b\n,1\n,\nz,\n"},
		{name: "one value needs quotes", a: strs(s("x"), s(`say "hi", ok`), s("y")), b: strs(s("1"), s("2"), s("3")),
			format: rows.CSV, want: "a,b\nx,1\n\"say \"\"hi\"\", ok\",2\ny,3\n"},
		{name: "comma is plain in TSV", a: strs(s("a,b"), s("c")), b: strs(s("1"), s("2")),
			format: rows.TSV, want: "a\tb\na,b\t1\nc\t2\n"},
		{name: "tab quoted in TSV", a: strs(s("a\tb"), s("c")), b: strs(s("1"), s("2")),
			format: rows.TSV, want: "a\tb\n\"a\tb\"\t1\nc\t2\n"},
		{name: "sliced", a: strs(s("skip,me"), s("p"), nil, s("q")), b: strs(s("0"), s("1"), s("2"), s("3")),
			slice: [2]int64{1, 4}, format: rows.CSV, want: "a,b\np,1\n,2\nq,3\n"},
		{name: "rows repeated", a: strs(s("p"), s("q")), b: strs(s("1"), nil),
			take: []int32{0, 0, 1, 1, 1}, format: rows.CSV, want: "a,b\np,1\np,1\nq,\nq,\nq,\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			schema := arrow.NewSchema([]arrow.Field{
				{Name: "a", Type: arrow.BinaryTypes.String, Nullable: true},
				{Name: "b", Type: arrow.BinaryTypes.String, Nullable: true},
			}, nil)
			rec := array.NewRecord(schema, []arrow.Array{tc.a, tc.b}, int64(tc.a.Len()))
			tc.a.Release()
			tc.b.Release()
			if tc.slice != [2]int64{} {
				sliced := rec.NewSlice(tc.slice[0], tc.slice[1])
				rec.Release()
				rec = sliced
			}
			j := &rows.Joined{Batch: &rows.Batch{Source: "t", Record: rec}, Take: tc.take}
			got := string(writeAll(t, schema, Options{Format: tc.format}, j))
			rec.Release()
			if got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
