package writers

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/file"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestParquetDictionaryFallback writes columns whose dictionary ends part
// way through a row group (too diverse, or past its bound), with nulls and
// repeated source rows around the switch: every value must read back, and
// the chunk must hold both kinds of data page.
func TestParquetDictionaryFallback(t *testing.T) {
	long := strings.Repeat("x", 1000)
	dictType := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	for _, tc := range []struct {
		name      string
		typ       arrow.DataType
		value     func(i int) string // "" is a null
		dictLimit int                // 0: the writer's own
		take      bool               // show every third row twice
		wantPlain bool               // some data pages are PLAIN
	}{
		{name: "diverse strings after the trial", typ: arrow.BinaryTypes.String,
			value: func(i int) string { return fmt.Sprint(i, long) }, wantPlain: true},
		{name: "diverse strings with nulls and repeated rows", typ: arrow.BinaryTypes.String, take: true,
			value: func(i int) string {
				if i%7 == 0 {
					return ""
				}
				return fmt.Sprint(i, long)
			}, wantPlain: true},
		{name: "repetitive strings keep the dictionary", typ: arrow.BinaryTypes.String, take: true,
			value: func(i int) string { return fmt.Sprint(i%50, long) }},
		{name: "repetitive strings past the bound", typ: arrow.BinaryTypes.String, dictLimit: 10 << 10,
			value: func(i int) string { return fmt.Sprintf("value %04d, thirty bytes long", i%600) }, wantPlain: true},
		{name: "Arrow dictionary past the bound", typ: dictType, dictLimit: 10 << 10, take: true,
			value: func(i int) string {
				if i%11 == 0 {
					return ""
				}
				return fmt.Sprintf("answer %04d, thirty bytes long", (i/4)%700)
			}, wantPlain: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			schema := arrow.NewSchema([]arrow.Field{{Name: "s", Type: tc.typ, Nullable: true}}, nil)
			var buf bytes.Buffer
			w, err := New(&buf, schema, Options{Format: rows.Parquet})
			if err != nil {
				t.Fatal(err)
			}
			if tc.dictLimit > 0 {
				w.(*parquetWriter).cols[0].dictLimit = tc.dictLimit
			}
			var want []string
			for b := range 3 {
				col, take := fallbackBatch(t, tc.typ, 1500, b*1500, tc.value, tc.take)
				j := &rows.Joined{Batch: &rows.Batch{Record: array.NewRecord(schema, []arrow.Array{col}, int64(col.Len()))}, Take: take}
				for i := range j.Len() {
					want = append(want, tc.value(b*1500+j.SourceRow(i)))
				}
				if err := w.Write(j); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			tbl, pf := readParquet(t, buf.Bytes())
			got := tableColumn(t, tbl, 0)
			if got.Len() != len(want) {
				t.Fatalf("%d rows read back, want %d", got.Len(), len(want))
			}
			for i, v := range want {
				switch {
				case v == "" && !isNull(got, i):
					t.Fatalf("row %d: %q, want null", i, got.ValueStr(i))
				case v != "" && (isNull(got, i) || got.ValueStr(i) != v):
					t.Fatalf("row %d: %.40q, want %.40q", i, got.ValueStr(i), v)
				}
			}
			var plain, dict bool
			for g := range pf.NumRowGroups() {
				chunk, err := pf.MetaData().RowGroup(g).ColumnChunk(0)
				if err != nil {
					t.Fatal(err)
				}
				for _, st := range chunk.EncodingStats() {
					plain = plain || st.PageType == 3 && st.Encoding == parquet.Encodings.Plain // DATA_PAGE_V2
					dict = dict || st.Encoding == parquet.Encodings.RLEDict
				}
			}
			if !dict || plain != tc.wantPlain {
				t.Errorf("dictionary-encoded pages %v, PLAIN pages %v; want dictionary pages and PLAIN %v", dict, plain, tc.wantPlain)
			}
		})
	}
}

// fallbackBatch builds a column of n values from value(first+i) and, with
// repeat, a Take showing every third row twice.
func fallbackBatch(t *testing.T, typ arrow.DataType, n, first int, value func(int) string, repeat bool) (arrow.Array, []int32) {
	t.Helper()
	var take []int32
	if repeat {
		for i := range int32(n) {
			take = append(take, i)
			if i%3 == 0 {
				take = append(take, i)
			}
		}
	}
	if typ.ID() == arrow.DICTIONARY {
		b := array.NewDictionaryBuilder(memory.DefaultAllocator, typ.(*arrow.DictionaryType)).(*array.BinaryDictionaryBuilder)
		for i := range n {
			if v := value(first + i); v == "" {
				b.AppendNull()
			} else if err := b.AppendString(v); err != nil {
				t.Fatal(err)
			}
		}
		return b.NewArray(), take
	}
	b := array.NewStringBuilder(memory.DefaultAllocator)
	for i := range n {
		if v := value(first + i); v == "" {
			b.AppendNull()
		} else {
			b.Append(v)
		}
	}
	return b.NewArray(), take
}

// TestParquetIntegerEncodings: integers that change slowly are written
// DELTA_BINARY_PACKED, others PLAIN, and every value reads back, the
// extremes whose deltas overflow included.
func TestParquetIntegerEncodings(t *testing.T) {
	const n = 5000
	r := rand.New(rand.NewPCG(3, 3))
	yes, no := true, false
	for _, tc := range []struct {
		name      string
		typ       arrow.DataType
		value     func(i int) int64
		wantDelta *bool // nil: either encoding
	}{
		{"row numbers", arrow.PrimitiveTypes.Int64, func(i int) int64 { return int64(i) }, &yes},
		{"row numbers, int32", arrow.PrimitiveTypes.Int32, func(i int) int64 { return int64(i) }, &yes},
		{"random", arrow.PrimitiveTypes.Int64, func(int) int64 { return int64(r.Uint64()) }, &no},
		{"extremes", arrow.PrimitiveTypes.Int64, func(i int) int64 {
			if i%2 == 0 {
				return math.MinInt64
			}
			return math.MaxInt64
		}, nil},
		{"extremes, int32", arrow.PrimitiveTypes.Int32, func(i int) int64 {
			if i%2 == 0 {
				return math.MinInt32
			}
			return math.MaxInt32
		}, nil},
		{"near the top", arrow.PrimitiveTypes.Int64, func(i int) int64 { return math.MaxInt64 - int64(i) }, &yes},
	} {
		t.Run(tc.name, func(t *testing.T) {
			schema := arrow.NewSchema([]arrow.Field{{Name: "n", Type: tc.typ, Nullable: true}}, nil)
			want := make([]int64, n)
			b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
			for i := range want {
				want[i] = tc.value(i)
				switch fb := b.Field(0).(type) {
				case *array.Int64Builder:
					fb.Append(want[i])
				case *array.Int32Builder:
					fb.Append(int32(want[i]))
				}
			}
			data := writeAll(t, schema, Options{Format: rows.Parquet}, &rows.Joined{Batch: &rows.Batch{Record: b.NewRecord()}})
			tbl, pf := readParquet(t, data)
			got := tableColumn(t, tbl, 0)
			for i, v := range want {
				var g int64
				switch a := got.(type) {
				case *array.Int64:
					g = a.Value(i)
				case *array.Int32:
					g = int64(a.Value(i))
				}
				if g != v {
					t.Fatalf("row %d: %d, want %d", i, g, v)
				}
			}
			chunk, err := pf.MetaData().RowGroup(0).ColumnChunk(0)
			if err != nil {
				t.Fatal(err)
			}
			delta := false
			for _, st := range chunk.EncodingStats() {
				delta = delta || st.Encoding == parquet.Encodings.DeltaBinaryPacked
			}
			if tc.wantDelta != nil && delta != *tc.wantDelta {
				t.Errorf("DELTA_BINARY_PACKED pages %v, want %v", delta, *tc.wantDelta)
			}
		})
	}
}

// TestParquetPagesEndBetweenRows writes values larger than a page, flat
// and in lists: a page must end between rows as soon as it is full, so
// that none holds more than one of these rows past its bound (a page of
// many such rows could outgrow the 32-bit sizes of its header).
func TestParquetPagesEndBetweenRows(t *testing.T) {
	big := strings.Repeat("v", pageBytes+1000)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "flat", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "list", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	}, nil)
	const n = 12
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	for i := range n {
		b.Field(0).(*array.StringBuilder).Append(fmt.Sprint(i, big))
		lb := b.Field(1).(*array.ListBuilder)
		lb.Append(true)
		lb.ValueBuilder().(*array.StringBuilder).AppendValues([]string{fmt.Sprint(i, big), "x"}, nil)
	}
	data := writeAll(t, schema, Options{Format: rows.Parquet, Compression: "none"}, &rows.Joined{Batch: &rows.Batch{Record: b.NewRecord()}})
	_, pf := readParquet(t, data)
	for col := range 2 {
		pages, err := pf.RowGroup(0).GetColumnPageReader(col)
		if err != nil {
			t.Fatal(err)
		}
		var sizes []int32
		for pages.Next() {
			if p, ok := pages.Page().(*file.DataPageV2); ok {
				sizes = append(sizes, p.UncompressedSize())
			}
		}
		if err := pages.Err(); err != nil {
			t.Fatal(err)
		}
		for _, size := range sizes {
			if size > 2*int32(len(big)+100) {
				t.Errorf("column %d: data pages of %v bytes: one holds two rows of %d bytes", col, sizes, len(big))
				break
			}
		}
	}
}
