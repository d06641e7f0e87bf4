package readers

import (
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

func TestInferTypes(t *testing.T) {
	in := "id,score,ok,name,zip,empty,big,neg\n" +
		"1,1.5,true,a,007,,12345678901234567890,-3\n" +
		"2,2,False,b,010,,1,-0.5\n" +
		",3e2,,c,,,,\n"
	res := readAll(t, nil, strings.NewReader(in), Options{Format: rows.CSV, InferTypes: true})
	if res.err != nil {
		t.Fatal(res.err)
	}
	want := []arrow.DataType{
		arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Float64, arrow.FixedWidthTypes.Boolean,
		arrow.BinaryTypes.String, arrow.BinaryTypes.String, arrow.BinaryTypes.String, arrow.BinaryTypes.String,
		arrow.PrimitiveTypes.Float64,
	}
	for i, w := range want {
		if got := res.schema.Field(i).Type; !arrow.TypeEqual(got, w) {
			t.Errorf("column %s is %s, want %s", res.schema.Field(i).Name, got, w)
		}
	}
	if got, want := table(res.rows),
		"1|1.5|true|a|007||12345678901234567890|-3\n2|2|false|b|010||1|-0.5\n<nil>|300|<nil>|c||||<nil>\n"; got != want {
		t.Errorf("rows\n%s\nwant\n%s", got, want)
	}
	if !res.batches[0].schema.Equal(res.schema) {
		t.Errorf("batch schema %s, stream %s", res.batches[0].schema, res.schema)
	}
}

func TestInferTypesLaterMisfit(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", []byte("id,v\n1,x\n2,y\n3,z\n"))
	b := writeFile(t, dir, "b.csv", []byte("id,v\n4,x\n\n5e0,y\n"))
	res := readAll(t, []string{a, b}, nil, Options{InferTypes: true, BatchRows: 2})
	wantErr(t, res.err, b+":4:", `column "id"`, `"5e0"`, "int64", "drop --infer-types")
	if len(res.rows) != 3 { // a.csv's; b.csv's batch fails as a whole
		t.Errorf("%d rows before the error, want 3", len(res.rows))
	}
}

func TestInferTypesJSONL(t *testing.T) {
	in := `{"n":1,"f":1.5,"b":true,"s":"x","o":{"a":1}}` + "\n" + `{"n":"2","f":null,"b":false,"s":"7"}` + "\n"
	res := readAll(t, nil, strings.NewReader(in), Options{Format: rows.JSONL, InferTypes: true})
	if res.err != nil {
		t.Fatal(res.err)
	}
	var types []string
	for _, f := range res.schema.Fields() {
		types = append(types, f.Type.String())
	}
	if got := strings.Join(types, ","); got != "int64,float64,bool,utf8,utf8" {
		t.Errorf("types %s", got)
	}
	if got, want := table(res.rows), "1|1.5|true|x|{\"a\":1}\n2|<nil>|false|7|<nil>\n"; got != want {
		t.Errorf("rows\n%s\nwant\n%s", got, want)
	}
	if len(res.json) != 2 || res.json[1] != `{"n":"2","f":null,"b":false,"s":"7"}` {
		t.Errorf("object text lost: %q", res.json)
	}
}

func TestValueKinds(t *testing.T) {
	cases := map[string]int{
		"0": kindInt | kindFloat, "-12": kindInt | kindFloat, "9223372036854775807": kindInt | kindFloat,
		"9223372036854775808": 0, "007": 0, "+1": 0, "-0": 0, "1.0": kindFloat, "1e-7": kindFloat,
		"1e400": 0, ".5": 0, "NaN": 0, "inf": 0, "true": kindBool, "TRUE": kindBool, "yes": 0, "0x10": 0, " 1": 0,
	}
	for v, want := range cases {
		if got := valueKinds(v); got != want {
			t.Errorf("valueKinds(%q) = %b, want %b", v, got, want)
		}
	}
}
