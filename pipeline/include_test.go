package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// realFile is the real v3 file object of testdata/vt, mapped.
func realFile(t testing.TB) vtclient.Result {
	t.Helper()
	b, err := os.ReadFile("../testdata/vt/vt3_file_object.json")
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, b); err != nil { // as the client and the cache keep it
		t.Fatal(err)
	}
	r, err := vtclient.FromObject(ioc.MD5, "b61a4b8883ba9b9d4d85bdaecab71722", compact.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestIncludePaths: vt-cli's path syntax on the real file object, each
// path's values as its column holds them.
func TestIncludePaths(t *testing.T) {
	r := realFile(t)
	tests := []struct {
		path string
		want string // the values, as JSON text, joined by " | "; "" for none
	}{
		{"size", "44032"},
		{"_id", `"03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b"`},
		{"_type", `"file"`},
		{"pe_info.machine_type", "34404"},
		{"pe_info.no_such", ""},
		{"no_such.at_all", ""},
		{"size.below_a_number", ""},
		{"popular_threat_classification.suggested_threat_label", `"trojan.msil/tasker"`},
		// "*" is any key of an object, any item of a list
		{"sandbox_verdicts.*.malware_names", `["NetMiner"]`},
		{"names.*", `"itami.exe" | "C:\\\\Windows\\\\System32\\\\services64.exe"`},
		{"trid.*.probability", "63.5 | 12.2 | 12.0 | 12.0"},
		// a list crossed by a name, as vt-cli does
		{"trid.file_type", `"Win64 Executable (generic)" | "OS/2 Executable (generic)" | "Generic Win/DOS Executable" | "DOS Executable Generic"`},
		// "*" inside a name; keys in order
		{"sigma_analysis_stats.*i*", `0 | 10 | 1`}, // critical, high, medium
		// "**": every value below
		{"total_votes.**", "0 | 0"},
		{"**.low", "5 | 5"},
		// nulls are kept, so lists of the same objects stay aligned
		{"last_analysis_results.Bkav.result", "null"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := parseInclude(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range extractIncluded(r.Raw, []*includePath{p})[0] {
				got = append(got, string(v))
			}
			if g := strings.Join(got, " | "); g != tt.want {
				t.Errorf("got  %s\nwant %s", g, tt.want)
			}
		})
	}
}

// TestIncludeTypes: the column type a path gets, declared or by rule, and
// malformed specifications refused.
func TestIncludeTypes(t *testing.T) {
	tests := []struct {
		spec, arrowType, err string
	}{
		{spec: "pe_info.imphash", arrowType: "utf8"},
		{spec: "crowdsourced_yara_results", arrowType: "utf8"},
		{spec: "size:int", arrowType: "int64"},
		{spec: "trid.*.probability:float", arrowType: "list<item: float64, nullable>"},
		{spec: "downloadable:bool", arrowType: "bool"},
		{spec: "first_submission_date", arrowType: "timestamp[s, tz=UTC]"},
		{spec: "pe_info.timestamp:time", arrowType: "timestamp[s, tz=UTC]"},
		{spec: "last_analysis_results.*.result", arrowType: "list<item: utf8, nullable>"},
		{spec: "first_submission_date:json", arrowType: "utf8"},
		{spec: "size:integer", err: "unknown type"},
		{spec: "pe_info..imphash", err: "empty element"},
		{spec: "", err: "empty element"},
	}
	for _, tt := range tests {
		p, err := parseInclude(tt.spec)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.spec, err, tt.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tt.spec, err)
		case p.arrowType().String() != tt.arrowType:
			t.Errorf("%q: type %s, want %s", tt.spec, p.arrowType(), tt.arrowType)
		}
	}
}

// TestIncludeValues: how a column of each type reads a path's values.
func TestIncludeValues(t *testing.T) {
	r := realFile(t)
	get := func(spec string) vtField {
		p, err := parseInclude(spec)
		if err != nil {
			t.Fatal(err)
		}
		r.Included = extractIncluded(r.Raw, []*includePath{p})
		return includeField(p)
	}
	if s, ok := get("signature_info.copyright").str(&r); !ok || s != " " {
		t.Errorf("a string as it is: %q %v", s, ok)
	}
	if s, _ := get("size").str(&r); s != "44032" {
		t.Errorf("a number as text: %q", s)
	}
	if s, _ := get("pe_info.resource_langs").str(&r); s != `{"NEUTRAL":2}` {
		t.Errorf("an object as JSON text: %q", s)
	}
	if s, _ := get("trid.file_type").str(&r); !strings.HasPrefix(s, `["Win64 Executable (generic)","OS/2`) {
		t.Errorf("several values without a wildcard, as a JSON array: %q", s)
	}
	if s, _ := get("type_tag:json").str(&r); s != `"peexe"` {
		t.Errorf(":json quotes strings: %q", s)
	}
	if _, ok := get("last_analysis_results.Bkav.result").str(&r); ok {
		t.Error("a null value is a null cell")
	}
	if n, ok := get("size:int").num(&r); !ok || n != 44032 {
		t.Errorf(":int %d %v", n, ok)
	}
	if _, ok := get("type_tag:int").num(&r); ok {
		t.Error("a string is no int")
	}
	if x, ok := get("trid.0.probability:float").flt(&r); ok {
		t.Errorf("no such path: %v", x)
	}
	if b, ok := get("downloadable:bool").boolean(&r); !ok || !b {
		t.Errorf(":bool %v %v", b, ok)
	}
	if tm, ok := get("last_submission_date").when(&r); !ok || tm.Unix() != 1633178439 {
		t.Errorf("a *_date: %v %v", tm, ok)
	}
}

// TestIncludeNamesAColumnOnce: a path given twice is one column; a path
// named like a VT column is refused.
func TestIncludeNamesAColumnOnce(t *testing.T) {
	ps, err := parseIncludes([]string{"size:int", "size", "names"})
	if err != nil || len(ps) != 2 || ps[1].index != 1 {
		t.Errorf("%v %v", ps, err)
	}
	// the type given wins over none, in either order; two types are refused
	if ps2, err := parseIncludes([]string{"size", "size:int"}); err != nil || len(ps2) != 1 || ps2[0].typ != ps[0].typ {
		t.Errorf("size then size:int: %v %v", ps2, err)
	}
	if _, err := parseIncludes([]string{"size:int", "size:float"}); err == nil || !strings.Contains(err.Error(), "of two types") {
		t.Errorf("size:int and size:float: %v", err)
	}
	_, err = buildColumns(Config{Mode: Enrich, Fields: []string{"vt_size"}, Include: []string{"vt_size"}})
	if err == nil || !strings.Contains(err.Error(), "has that name already") {
		t.Errorf("a clash: %v", err)
	}
	b, _ := json.Marshal(ps[0].name)
	if string(b) != `"size"` {
		t.Errorf("column named %s, want the path without its type", b)
	}
}

// FuzzExtractIncluded: any path on any object matches without a panic,
// and every value it gives is JSON a column can convert.
func FuzzExtractIncluded(f *testing.F) {
	f.Add("last_analysis_results.*.result", `{"id":"x","attributes":{"last_analysis_results":{"A":{"result":"r"},"B":{"result":null}}}}`)
	f.Add("**.low", `{"id":"x","attributes":{"a":[{"low":1},[2,{"low":"3"}]]}}`)
	f.Add("a.*b*.c", `{"attributes":{"a":{"xby":{"c":true}}}}`)
	f.Fuzz(func(t *testing.T, path, object string) {
		p, err := parseInclude(path)
		if err != nil {
			return
		}
		for _, v := range extractIncluded([]byte(object), []*includePath{p})[0] {
			if !json.Valid(v) {
				t.Fatalf("%q on %s: %q is not JSON", path, object, v)
			}
			includeText(v, false)
			integer(v)
			unixSeconds(v)
		}
	})
}
