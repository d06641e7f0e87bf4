package writers

import (
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// allTypesSchema has a column of every Arrow type the writers render.
var allTypesSchema = arrow.NewSchema([]arrow.Field{
	{Name: "str", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "", Type: arrow.BinaryTypes.String, Nullable: true}, // empty header
	{Name: "large_str", Type: arrow.BinaryTypes.LargeString, Nullable: true},
	{Name: "i8", Type: arrow.PrimitiveTypes.Int8, Nullable: true},
	{Name: "i16", Type: arrow.PrimitiveTypes.Int16, Nullable: true},
	{Name: "i32", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "i64", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "u8", Type: arrow.PrimitiveTypes.Uint8, Nullable: true},
	{Name: "u16", Type: arrow.PrimitiveTypes.Uint16, Nullable: true},
	{Name: "u32", Type: arrow.PrimitiveTypes.Uint32, Nullable: true},
	{Name: "u64", Type: arrow.PrimitiveTypes.Uint64, Nullable: true},
	{Name: "f32", Type: arrow.PrimitiveTypes.Float32, Nullable: true},
	{Name: "f64", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "bool", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "ts_s", Type: &arrow.TimestampType{Unit: arrow.Second}, Nullable: true},
	{Name: "ts_ms_utc", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, Nullable: true},
	{Name: "ts_us_ny", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "America/New_York"}, Nullable: true},
	{Name: "ts_ns", Type: &arrow.TimestampType{Unit: arrow.Nanosecond}, Nullable: true},
	{Name: "date32", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "date64", Type: arrow.FixedWidthTypes.Date64, Nullable: true},
	{Name: "time32s", Type: arrow.FixedWidthTypes.Time32s, Nullable: true},
	{Name: "time32ms", Type: arrow.FixedWidthTypes.Time32ms, Nullable: true},
	{Name: "time64us", Type: arrow.FixedWidthTypes.Time64us, Nullable: true},
	{Name: "time64ns", Type: arrow.FixedWidthTypes.Time64ns, Nullable: true},
	{Name: "dec", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
	{Name: "dur_ms", Type: arrow.FixedWidthTypes.Duration_ms, Nullable: true},
	{Name: "bin", Type: arrow.BinaryTypes.Binary, Nullable: true},
	{Name: "fsb", Type: &arrow.FixedSizeBinaryType{ByteWidth: 3}, Nullable: true},
	{Name: "list_i64", Type: arrow.ListOf(arrow.PrimitiveTypes.Int64), Nullable: true},
	{Name: "list_str", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	{Name: "struct", Type: arrow.StructOf(
		arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		arrow.Field{Name: "b", Type: arrow.BinaryTypes.String, Nullable: true},
	), Nullable: true},
	{Name: "map", Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64), Nullable: true},
	{Name: "dict", Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}, Nullable: true},
	{Name: "null", Type: arrow.Null, Nullable: true},
}, nil)

// allTypesJSON holds the rows of the all-types record: quoting edge cases,
// Unicode, extremes and nulls. Times are raw unit counts.
const allTypesJSON = `[
{"str":"plain","":"e","large_str":"big","i8":-128,"i16":-32768,"i32":-2147483648,"i64":-9223372036854775808,
 "u8":255,"u16":65535,"u32":4294967295,"u64":9223372036854775808,"f32":0.1,"f64":0.1,"bool":true,
 "ts_s":1700000000,"ts_ms_utc":1700000000123,"ts_us_ny":1700000000123456,"ts_ns":"2023-11-14T22:13:20.123456789",
 "date32":19675,"date64":1699920000000,"time32s":3723,"time32ms":3723004,"time64us":3723000005,"time64ns":3723000000006,
 "dec":"12345.67","dur_ms":1500,"bin":"aGk=","fsb":"YWJj","list_i64":[1,null,3],"list_str":["a","b,c"],
 "struct":{"a":1,"b":"x"},"map":[{"key":"k1","value":1},{"key":"k2","value":null}],"dict":"alpha","null":null},
{"str":"a,b","":"","large_str":"say \"hi\"","i8":127,"i16":32767,"i32":2147483647,"i64":9223372036854775807,
 "u8":0,"u16":0,"u32":0,"u64":0,"f32":1e-7,"f64":1e-7,"bool":false,
 "ts_s":-1,"ts_ms_utc":0,"ts_us_ny":1,"ts_ns":-1,
 "date32":0,"date64":-86400000,"time32s":0,"time32ms":0,"time64us":0,"time64ns":0,
 "dec":"-0.01","dur_ms":-1,"bin":"","fsb":"AAAA","list_i64":[],"list_str":[""],
 "struct":{"a":null,"b":null},"map":[],"dict":"beta","null":null},
{"str":"say \"hi\"","":null,"large_str":"line1\nline2","i8":null,"i16":null,"i32":null,"i64":null,
 "u8":null,"u16":null,"u32":null,"u64":null,"f32":null,"f64":1e21,"bool":null,
 "ts_s":null,"ts_ms_utc":null,"ts_us_ny":null,"ts_ns":null,
 "date32":null,"date64":null,"time32s":null,"time32ms":null,"time64us":null,"time64ns":null,
 "dec":null,"dur_ms":null,"bin":null,"fsb":null,"list_i64":null,"list_str":null,
 "struct":null,"map":null,"dict":null,"null":null},
{"str":"line1\nline2\r\nend","":"tab\there","large_str":"Grüße 👋 日本","i8":0,"i16":0,"i32":0,"i64":4503599627370497,
 "u8":1,"u16":1,"u32":1,"u64":1,"f32":-2.5,"f64":123456789.125,"bool":true,
 "ts_s":0,"ts_ms_utc":-1,"ts_us_ny":0,"ts_ns":0,
 "date32":-1,"date64":0,"time32s":86399,"time32ms":86399999,"time64us":86399999999,"time64ns":86399999999999,
 "dec":"0.00","dur_ms":0,"bin":"/+8=","fsb":"////","list_i64":[null],"list_str":["Grüße","\"q\""],
 "struct":{"a":-5,"b":"Grüße"},"map":[{"key":"ü","value":-1}],"dict":"alpha","null":null},
{"str":"","":" spaced ","large_str":"ctrl\u0001\u2028","i8":1,"i16":1,"i32":1,"i64":1,
 "u8":2,"u16":2,"u32":2,"u64":2,"f32":3.4028235e38,"f64":-0.000001,"bool":false,
 "ts_s":253402300799,"ts_ms_utc":253402300799999,"ts_us_ny":-1,"ts_ns":1,
 "date32":2932896,"date64":0,"time32s":1,"time32ms":1,"time64us":1,"time64ns":1,
 "dec":"99999999.99","dur_ms":86400000,"bin":"AA==","fsb":"AQID","list_i64":[4611686018427387904],"list_str":[],
 "struct":{"a":2,"b":""},"map":[{"key":"","value":0}],"dict":null,"null":null}
]`

// allTypesRecord builds the all-types record.
func allTypesRecord(t testing.TB) arrow.Record {
	t.Helper()
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, allTypesSchema, strings.NewReader(allTypesJSON))
	if err != nil {
		t.Fatalf("building the all-types record: %v", err)
	}
	return rec
}

// addedSchema stands for the VirusTotal columns.
var addedSchema = arrow.NewSchema([]arrow.Field{
	{Name: "vt_observable", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "vt_positives", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "vt_tags", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
}, nil)

// joinedAllTypes joins added columns to the all-types record with a Take
// that repeats row 0, drops row 1 and reorders nothing else.
func joinedAllTypes(t testing.TB) *rows.Joined {
	t.Helper()
	take := []int32{0, 0, 2, 3, 4, 4}
	added, _, err := array.RecordFromJSON(memory.DefaultAllocator, addedSchema, strings.NewReader(`[
{"vt_observable":"8.8.8.8","vt_positives":0,"vt_tags":["dns"]},
{"vt_observable":"evil.example.net","vt_positives":12,"vt_tags":["malware","c2"]},
{"vt_observable":null,"vt_positives":null,"vt_tags":null},
{"vt_observable":"44d88612fea8a8f36de82e1278abb02f","vt_positives":60,"vt_tags":[]},
{"vt_observable":"http://a.test/x?q=\"1\",2","vt_positives":1,"vt_tags":["a,b"]},
{"vt_observable":"ünï","vt_positives":-1,"vt_tags":[null]}
]`))
	if err != nil {
		t.Fatalf("building the added record: %v", err)
	}
	return &rows.Joined{Batch: &rows.Batch{Source: "all-types", Record: allTypesRecord(t)}, Take: take, Added: added}
}

// stringSchema is a schema of nullable string columns with these names.
func stringSchema(names ...string) *arrow.Schema {
	fields := make([]arrow.Field, len(names))
	for k, n := range names {
		fields[k] = arrow.Field{Name: n, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}
