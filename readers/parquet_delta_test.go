package readers

import (
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go/format"
)

// TestDeltaInt32From64BitDeltas decodes INT32 DELTA_BINARY_PACKED pages
// whose deltas were computed in 64 bits, as DuckDB's v2 pages are: a first
// value past int32 (a UINTEGER of 2^31 or more), deltas of more than 2^31
// and 33-bit miniblocks. parquet-go's INT32 decoder refused the first and
// misread the others; each value is the low 32 bits of the 64-bit sum.
func TestDeltaInt32From64BitDeltas(t *testing.T) {
	for _, tc := range []struct {
		name  string
		wide  []int64 // what the writer's 64-bit arithmetic saw
		wants []int32
	}{
		{"int32 extremes", []int64{-2147483648, 2147483647, -2147483648, 0},
			[]int32{-2147483648, 2147483647, -2147483648, 0}},
		{"uint32 first value past int32", []int64{3000000000, 3000000000, 3000000000},
			[]int32{-1294967296, -1294967296, -1294967296}},
		{"uint32 mixed", []int64{0, 3000000000, 5, 4294967295, 1, 2147483648},
			[]int32{0, -1294967296, 5, -1, 1, -2147483648}},
		{"small", []int64{7, 8, 6, 7}, []int32{7, 8, 6, 7}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := deltaBinaryPacked.EncodeInt64(nil, tc.wide)
			if err != nil {
				t.Fatal(err)
			}
			c := &columnReader{vals: leafValues{phys: format.Int32}}
			if err := c.decodeDelta(format.DeltaBinaryPacked, src, len(tc.wide)); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.vals.i32, tc.wants) {
				t.Errorf("got %v, want %v", c.vals.i32, tc.wants)
			}
		})
	}
}
