package writers

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/parquet/metadata"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestParquetStatistics reads back, with Arrow's reader, the min, max and
// null count of each column chunk: readers skip row groups with them, so
// an order the wrong way round (unsigned integers, -0, NaN) silently drops
// rows from query results. Columns with no order here have no min and max.
func TestParquetStatistics(t *testing.T) {
	dict := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	for _, tc := range []struct {
		name     string
		typ      arrow.DataType
		json     string // the column's values
		min, max string // "": no min and max
		nulls    int64
	}{
		{"strings", arrow.BinaryTypes.String, `["b", "a", "", "é", null, "ab"]`, `""`, `"é"`, 1},
		{"dictionary strings", dict, `["zeta", null, "alpha", "zeta", "mid"]`, `"alpha"`, `"zeta"`, 1},
		{"int64", arrow.PrimitiveTypes.Int64, `[3, -5, 7, null]`, "-5", "7", 1},
		{"int8", arrow.PrimitiveTypes.Int8, `[3, -128, 127]`, "-128", "127", 0},
		{"uint32 above int32", arrow.PrimitiveTypes.Uint32, `[1, 4000000000, 7]`, "1", "4000000000", 0},
		{"uint64 above int64", arrow.PrimitiveTypes.Uint64, `[1, 18000000000000000000]`, "1", "18000000000000000000", 0},
		{"float64 with NaN and zero", arrow.PrimitiveTypes.Float64, `[1.5, "NaN", 0]`, "-0", "1.5", 0},
		{"float32 negative zero max", arrow.PrimitiveTypes.Float32, `[-2, -0.0]`, "-2", "0", 0},
		{"only NaN", arrow.PrimitiveTypes.Float64, `["NaN"]`, "", "", 0},
		{"bool", arrow.FixedWidthTypes.Boolean, `[true, false, null, null]`, "false", "true", 2},
		{"all null", arrow.BinaryTypes.String, `[null, null]`, "", "", 2},
		{"decimal in fixed bytes", &arrow.Decimal128Type{Precision: 30, Scale: 2}, `["-1.00", "2.00"]`, "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			schema := arrow.NewSchema([]arrow.Field{{Name: "c", Type: tc.typ, Nullable: true}}, nil)
			rec := recordFromJSON(t, schema, jsonColumn("c", tc.json))
			data := writeAll(t, schema, Options{Format: rows.Parquet}, &rows.Joined{Batch: &rows.Batch{Record: rec}})
			_, pf := readParquet(t, data)
			chunk, err := pf.MetaData().RowGroup(0).ColumnChunk(0)
			if err != nil {
				t.Fatal(err)
			}
			st, err := chunk.Statistics()
			if err != nil {
				t.Fatal(err)
			}
			if st.NullCount() != tc.nulls {
				t.Errorf("null count %d, want %d", st.NullCount(), tc.nulls)
			}
			min, max := minMax(st, tc.typ)
			if min != tc.min || max != tc.max {
				t.Errorf("min %s, max %s; want %s, %s", min, max, tc.min, tc.max)
			}
		})
	}
}

// jsonColumn turns a JSON array of values into a JSON array of records.
func jsonColumn(name, values string) string {
	var vs []any
	mustUnmarshal(values, &vs)
	out := "["
	for i, v := range vs {
		if i > 0 {
			out += ","
		}
		out += fmt.Sprintf(`{%q:%s}`, name, mustMarshal(v))
	}
	return out + "]"
}

// minMax renders a chunk's min and max the way the test cases write them
// ("" without them), reading unsigned integers as the type says.
func minMax(st metadata.TypedStatistics, typ arrow.DataType) (string, string) {
	if !st.HasMinMax() {
		return "", ""
	}
	switch s := st.(type) {
	case *metadata.ByteArrayStatistics:
		return fmt.Sprintf("%q", s.Min()), fmt.Sprintf("%q", s.Max())
	case *metadata.Int32Statistics:
		if typ.ID() == arrow.UINT32 {
			return fmt.Sprint(uint32(s.Min())), fmt.Sprint(uint32(s.Max()))
		}
		return fmt.Sprint(s.Min()), fmt.Sprint(s.Max())
	case *metadata.Int64Statistics:
		if typ.ID() == arrow.UINT64 {
			return fmt.Sprint(uint64(s.Min())), fmt.Sprint(uint64(s.Max()))
		}
		return fmt.Sprint(s.Min()), fmt.Sprint(s.Max())
	case *metadata.Float32Statistics:
		return floatText(float64(s.Min())), floatText(float64(s.Max()))
	case *metadata.Float64Statistics:
		return floatText(s.Min()), floatText(s.Max())
	case *metadata.BooleanStatistics:
		return fmt.Sprint(s.Min()), fmt.Sprint(s.Max())
	}
	return "?", "?"
}

func floatText(f float64) string {
	if f == 0 && math.Signbit(f) {
		return "-0"
	}
	return fmt.Sprint(f)
}

func mustUnmarshal(s string, v any) {
	if err := json.Unmarshal([]byte(s), v); err != nil {
		panic(err)
	}
}

func mustMarshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
