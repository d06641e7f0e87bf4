package writers

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/internal/duckdbtest"
	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// duckDB reads our output with DuckDB (skipped without it: see
// internal/duckdbtest).
var duckDB = duckdbtest.Query

func TestParquetReadByDuckDB(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "zeta_str", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "i32", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "i64", Type: arrow.PrimitiveTypes.Int64, Nullable: false},
		{Name: "u64", Type: arrow.PrimitiveTypes.Uint64, Nullable: true},
		{Name: "f64", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "bool", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
		{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Microsecond}, Nullable: true},
		{Name: "ts_utc", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "date", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "dec", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
		{Name: "list", Type: arrow.ListOf(arrow.PrimitiveTypes.Int64), Nullable: true},
		{Name: "struct", Nullable: true, Type: arrow.StructOf(
			arrow.Field{Name: "z", Type: arrow.BinaryTypes.String, Nullable: true},
			arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true})},
		{Name: "map", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64), Nullable: true},
		{Name: "alpha_added", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	rec := recordFromJSON(t, schema, `[
{"zeta_str":"a,\"b\"\nc","i32":-7,"i64":4503599627370497,"u64":9223372036854775808,"f64":0.1,"bool":true,
 "ts":1700000000123456,"ts_utc":1700000000123,"date":19675,"dec":"12345.67","list":[1,null,3],
 "struct":{"z":"Grüße","a":1},"map":[{"key":"k","value":2}],"alpha_added":"x"},
{"zeta_str":null,"i32":null,"i64":0,"u64":null,"f64":null,"bool":null,"ts":null,"ts_utc":null,"date":null,
 "dec":null,"list":null,"struct":null,"map":null,"alpha_added":null},
{"zeta_str":"","i32":0,"i64":-1,"u64":0,"f64":1e-7,"bool":false,"ts":0,"ts_utc":0,"date":0,"dec":"-0.01",
 "list":[],"struct":{"z":null,"a":null},"map":[],"alpha_added":""}
]`)
	path := filepath.Join(t.TempDir(), "out.parquet")
	if err := os.WriteFile(path, writeAll(t, schema, Options{Format: rows.Parquet},
		&rows.Joined{Batch: &rows.Batch{Record: rec}}), 0o644); err != nil {
		t.Fatal(err)
	}

	// A second file with several row groups.
	many := filepath.Join(t.TempDir(), "many.parquet")
	nSchema := arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil)
	bld := array.NewInt64Builder(memory.DefaultAllocator)
	for i := 0; i < 10000; i++ {
		bld.Append(int64(i))
	}
	col := bld.NewArray()
	if err := os.WriteFile(many, writeAll(t, nSchema, Options{Format: rows.Parquet, RowGroupRows: 3000, Compression: "snappy"},
		&rows.Joined{Batch: &rows.Batch{Record: array.NewRecord(nSchema, []arrow.Array{col}, 10000)}}), 0o644); err != nil {
		t.Fatal(err)
	}

	q := strings.NewReplacer("$F", "read_parquet('"+path+"')", "$M", "'"+many+"'").Replace
	got := duckDB(t,
		q("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM $F)"),
		q(`SELECT zeta_str, i32::VARCHAR, i64::VARCHAR, u64::VARCHAR, f64::VARCHAR, bool::VARCHAR, ts::VARCHAR,
		   epoch_ms(ts_utc)::VARCHAR, date::VARCHAR, dec::VARCHAR, list::VARCHAR, struct::VARCHAR, map::VARCHAR,
		   alpha_added FROM $F`),
		q(`SELECT (SELECT count(*) FROM read_parquet($M))::VARCHAR, (SELECT sum(n) FROM read_parquet($M))::VARCHAR,
		   (SELECT count(DISTINCT row_group_id) FROM parquet_metadata($M))::VARCHAR`),
	)
	wantTypes := [][]any{
		{"zeta_str", "VARCHAR"}, {"i32", "INTEGER"}, {"i64", "BIGINT"}, {"u64", "UBIGINT"}, {"f64", "DOUBLE"},
		{"bool", "BOOLEAN"}, {"ts", "TIMESTAMP"}, {"ts_utc", "TIMESTAMP WITH TIME ZONE"}, {"date", "DATE"},
		{"dec", "DECIMAL(10,2)"}, {"list", "BIGINT[]"}, {"struct", "STRUCT(z VARCHAR, a INTEGER)"},
		{"map", "MAP(VARCHAR, BIGINT)"}, {"alpha_added", "VARCHAR"},
	}
	if !reflect.DeepEqual(got[0], wantTypes) {
		t.Errorf("DuckDB sees the columns as\n%v\nwant (in schema order)\n%v", got[0], wantTypes)
	}
	wantRows := [][]any{
		{"a,\"b\"\nc", "-7", "4503599627370497", "9223372036854775808", "0.1", "true", "2023-11-14 22:13:20.123456",
			"1700000000123", "2023-11-14", "12345.67", "[1, NULL, 3]", "{'z': Grüße, 'a': 1}", "{k=2}", "x"},
		{nil, nil, "0", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
		{"", "0", "-1", "0", "1e-07", "false", "1970-01-01 00:00:00", "0", "1970-01-01", "-0.01", "[]",
			"{'z': NULL, 'a': NULL}", "{}", ""},
	}
	if !reflect.DeepEqual(got[1], wantRows) {
		t.Errorf("DuckDB reads\n%q\nwant\n%q", got[1], wantRows)
	}
	if want := [][]any{{"10000", "49995000", "4"}}; !reflect.DeepEqual(got[2], want) {
		t.Errorf("DuckDB reads the multi-row-group file as %v (rows, sum, row groups), want %v", got[2], want)
	}
}
