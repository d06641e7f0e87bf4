package pipeline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestScanKeepsARowsRepeatsOnce: a value repeated within a row is one
// candidate (a 60 MB field of one IP would otherwise be millions), while
// counts of what was found and screened stay those of every occurrence.
func TestScanKeepsARowsRepeatsOnce(t *testing.T) {
	many := func(v string, n int) string { return strings.Repeat(v+" ", n) }
	cases := []struct {
		name     string
		keep     bool
		rows     []string
		want     []string // row:type:value of the candidates kept
		found    int64
		screened map[string]int64 // dropped, by reason
	}{
		{name: "repeats in one row", rows: []string{many("8.8.8.8", 40) + "1.1.1.1 8.8.8.8"},
			want: []string{"0:ipv4:8.8.8.8", "0:ipv4:1.1.1.1"}, found: 42},
		{name: "the same value in two rows twice", rows: []string{"8.8.8.8 8.8.8.8", "8.8.8.8"},
			want: []string{"0:ipv4:8.8.8.8", "1:ipv4:8.8.8.8"}, found: 3},
		{name: "past the linear window", rows: []string{manyIPs(30) + manyIPs(30)},
			want: ipCandidates(30), found: 60},
		{name: "screened repeats counted, not kept", rows: []string{many("10.0.0.1", 5)},
			found: 5, screened: map[string]int64{"private": 5}},
		{name: "screened repeats kept once", keep: true, rows: []string{many("10.0.0.1", 5)},
			want: []string{"0:ipv4:10.0.0.1"}, found: 5, screened: map[string]int64{"private": 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := testBatch(0, c.rows...)
			defer b.Release()
			sp := &scanSpec{ioc: ioc.Config{}, keep: c.keep}
			s, err := sp.scan(newScanner(sp.ioc), b)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i := range s.cands {
				cand := &s.cands[i]
				got = append(got, fmt.Sprintf("%d:%s:%s", cand.row, cand.typ, s.value(cand)))
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("candidates %q, want %q", got, c.want)
			}
			if s.found != c.found {
				t.Errorf("found %d, want %d", s.found, c.found)
			}
			if fmt.Sprint(s.dropped) != fmt.Sprint(c.screened) && !(len(s.dropped) == 0 && len(c.screened) == 0) {
				t.Errorf("screened %v, want %v", s.dropped, c.screened)
			}
		})
	}
}

// manyIPs is n distinct global IPs, space-separated.
func manyIPs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "93.184.%d.%d ", i/200, 1+i%200)
	}
	return b.String()
}

// ipCandidates is what manyIPs(n) gives in row 0.
func ipCandidates(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("0:ipv4:93.184.%d.%d", i/200, 1+i%200))
	}
	return out
}

// TestScanReadsEveryTextLayout: text is scanned whatever its Arrow layout
// (dictionary-encoded categoricals, string views, large strings), by
// default and by --columns, and --ioc-column takes any of them too.
func TestScanReadsEveryTextLayout(t *testing.T) {
	mem := memory.NewGoAllocator()
	values := []string{"evil.com 8.8.8.8", "", "evil.com 8.8.8.8"}
	valid := []bool{true, false, true}
	dict := array.NewDictionaryBuilder(mem, &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: arrow.BinaryTypes.String}).(*array.BinaryDictionaryBuilder)
	view := array.NewStringViewBuilder(mem)
	large := array.NewLargeStringBuilder(mem)
	for i, v := range values {
		if !valid[i] {
			dict.AppendNull()
			view.AppendNull()
			large.AppendNull()
			continue
		}
		if err := dict.AppendString(v); err != nil {
			t.Fatal(err)
		}
		view.Append(v)
		large.Append(v)
	}
	cols := []arrow.Array{dict.NewArray(), view.NewArray(), large.NewArray()}
	var fields []arrow.Field
	for i, c := range cols {
		fields = append(fields, arrow.Field{Name: fmt.Sprint("c", i), Type: c.DataType(), Nullable: true})
	}
	b := &rows.Batch{Source: "test", Record: array.NewRecord(arrow.NewSchema(fields, nil), cols, 3)}
	defer b.Release()
	for _, sp := range []*scanSpec{{}, {columns: []string{"c0", "c1", "c2"}}} {
		s, err := sp.scan(newScanner(sp.ioc), b)
		if err != nil {
			t.Fatal(err)
		}
		if s.found != 12 || len(s.cands) != 4 {
			t.Errorf("columns %q: %d found, %d kept; want 12 and 4 (two rows, two values, three columns)", sp.columns, s.found, len(s.cands))
		}
	}
	for _, col := range []string{"c0", "c1"} {
		sp := &scanSpec{iocCol: col}
		s, err := sp.scan(newScanner(sp.ioc), b)
		if err != nil {
			t.Fatal(err)
		}
		if s.found != 2 {
			t.Errorf("--ioc-column %s: %d found, want 2", col, s.found)
		}
	}
}
