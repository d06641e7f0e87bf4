package vtclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// FuzzFromObjectDecoders holds FromObject's decoder (goccy/go-json, see
// decodeObject) to encoding/json's results: whatever object comes, neither
// panics, and an object encoding/json maps is mapped to the same Result (an empty list and none being the
// same: goccy decodes "tags":[] as none, and the VT columns write both as
// null), and neither panics. Seeds are the two
// real objects and small objects of every collection.
func FuzzFromObjectDecoders(f *testing.F) {
	for _, name := range []string{"vt3_file_object.json", "vt3_url_object.json"} {
		b, err := os.ReadFile("../testdata/vt/" + name) // the object, as "data" holds it
		if err != nil {
			f.Fatal(err)
		}
		f.Add(byte(3), "", b)
	}
	f.Add(byte(1), "evil.example", []byte(`{"type":"domain","id":"evil.example","attributes":{"last_analysis_stats":{"malicious":3,"harmless":60},"reputation":-12,"tags":["dga"],"last_analysis_results":{"E1":{"category":"malicious","result":"phishing"}}},"relationships":{"resolutions":{"data":[{"type":"resolution","id":"203.0.113.9evil.example"}]}}}`))
	f.Add(byte(2), "203.0.113.9", []byte(`{"type":"ip_address","id":"203.0.113.9","attributes":{"last_analysis_stats":{"malicious":0},"last_analysis_date":1700000000,"total_votes":{"harmless":1,"malicious":2},"as_owner":"Ex\u00e9mple","asn":64500}}`))
	f.Add(byte(3), "d41d8cd98f00b204e9800998ecf8427e", []byte(`{"type":"file","id":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","attributes":{"md5":"d41d8cd98f00b204e9800998ecf8427e","names":["a.exe",null],"size":0,"sandbox_verdicts":{"S":{"category":"harmless"}},"ID":"case"}}`))
	types := []ioc.Type{ioc.URL, ioc.DNS, ioc.IPv4, ioc.MD5, ioc.SHA1, ioc.SHA256, ioc.IPv6}
	f.Fuzz(func(t *testing.T, typ byte, observable string, data []byte) {
		it := types[int(typ)%len(types)]
		if observable == "" && it == ioc.MD5 {
			observable = "b61a4b8883ba9b9d4d85bdaecab71722"
		}
		want, werr := fromObject(it, observable, data, json.Unmarshal, false)
		got, gerr := FromObject(it, observable, data)
		if werr != nil {
			return // encoding/json refuses it: what goccy says is moot
		}
		if gerr != nil {
			t.Fatalf("encoding/json maps the object, goccy/go-json refuses it: %v\n%s", gerr, data)
		}
		emptyToNil(reflect.ValueOf(&got).Elem())
		emptyToNil(reflect.ValueOf(&want).Elem())
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the decoders disagree on\n%s\ngoccy:         %+v\nencoding/json: %+v", data, got, want)
		}
	})
}

// emptyToNil sets every empty slice in v, a settable value, to nil,
// through structs and pointers.
func emptyToNil(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			emptyToNil(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				emptyToNil(f)
			}
		}
	case reflect.Slice:
		if v.Len() == 0 && !v.IsNil() {
			v.SetZero()
		}
	}
}

// TestDecodeObjectSurvivesDecoderPanic: a panic of the fast decoder is
// recovered, and encoding/json decodes the object (or says what is wrong).
func TestDecodeObjectSurvivesDecoderPanic(t *testing.T) {
	panics := recovered(func([]byte, any) error { panic("index out of range") })
	for _, data := range []string{`{"id":"evil.example","type":"domain"}`, `{"\`} {
		var got, want object
		err, wantErr := decodeWith(panics, []byte(data), &got), json.Unmarshal([]byte(data), &want)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, %v; want encoding/json's %+v, %v", data, got, err, want, wantErr)
		}
	}
}

// FuzzCompactJSON holds CompactJSON (goccy/go-json, see json.go) to
// json.Compact: whatever the text, no panic, and text json.Compact takes
// is compacted to the same bytes.
func FuzzCompactJSON(f *testing.F) {
	addRealObjects(f)
	for _, s := range []string{`{"a": [1, 2.5e3, {"b": "c\"d\u00e9"}], "n": null}`, `{"\`, `00`, " [ ] ", `"\xff"`, `1e999`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want bytes.Buffer
		got, err := CompactJSON(data)
		if json.Compact(&want, data) != nil {
			return // goccy takes some text encoding/json does not: only no panic
		}
		if err != nil {
			t.Fatalf("json.Compact takes %q, CompactJSON refuses it: %v", data, err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("CompactJSON(%q) = %q, json.Compact %q", data, got, want.Bytes())
		}
	})
}

// TestFromObjectKeepsNoAnswerAlive: goccy/go-json's strings point into
// its copy of the answer, so a Result (without its Raw, as the pipeline
// holds results for the run) kept the whole answer alive through any of
// them: 50,000 lookups held 600 MB. Results now hold their own strings.
func TestFromObjectKeepsNoAnswerAlive(t *testing.T) {
	data, err := os.ReadFile("../testdata/vt/vt3_file_object.json") // the object, as "data" holds it
	if err != nil {
		t.Fatal(err)
	}
	const n = 500
	kept := make([]Result, 0, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		r, err := FromObject(ioc.MD5, "b61a4b8883ba9b9d4d85bdaecab71722", data)
		if err != nil {
			t.Fatal(err)
		}
		r.Raw = nil
		kept = append(kept, r)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n
	if per > int64(len(data))/4 {
		t.Errorf("each result keeps %d bytes alive, for a %d-byte answer", per, len(data))
	}
	runtime.KeepAlive(kept)
}

// BenchmarkDecodeObject: decoding the real 34 KB file object into the
// fields FromObject maps, with the decoder it uses and with encoding/json
// (json.go's reason for goccy: 105 µs against 394 here).
func BenchmarkDecodeObject(b *testing.B) {
	data, err := os.ReadFile("../testdata/vt/vt3_file_object.json")
	if err != nil {
		b.Fatal(err)
	}
	compact, err := CompactJSON(data)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range []struct {
		name      string
		unmarshal func([]byte, any) error
	}{{"decodeObject", decodeObject}, {"encoding-json", json.Unmarshal}} {
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(int64(len(compact)))
			for b.Loop() {
				var o object
				if err := d.unmarshal(compact, &o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzDataMember holds dataMember to the envelope decoding it replaces:
// for any text CompactJSON takes, where dataMember answers, its answer is
// the "data" encoding/json finds.
func FuzzDataMember(f *testing.F) {
	addRealObjects(f)
	for _, s := range []string{`{"data":{"a":[1,"}"]},"Data":2}`, `{"x":"\"data\"","data":"v"}`, `{"DATA":null}`, `[{"data":1}]`, `{"d\u0061ta":1}`, `{}`, `{"data":tru}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		compact, err := CompactJSON(text)
		if err != nil {
			return
		}
		got, ok := dataMember(compact)
		if !ok {
			return
		}
		var env struct {
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(compact, &env); err != nil {
			t.Fatalf("dataMember(%q) = %q, but encoding/json refuses it: %v", compact, got, err)
		}
		if !bytes.Equal(got, env.Data) {
			t.Fatalf("dataMember(%q) = %q, encoding/json %q", compact, got, env.Data)
		}
	})
}

func TestDataMember(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{`{"data":{"id":"x"},"links":{"self":"u"}}`, `{"id":"x"}`, true},
		{`{"meta":{"data":1},"data":[1,{"a":"]"}]}`, `[1,{"a":"]"}]`, true},
		{`{"data":1,"DATA":"last"}`, `"last"`, true},
		{`{"x":"a\"b","data":-1.5e3}`, `-1.5e3`, true},
		{`{"links":{}}`, ``, true},
		{`{"d\u0061ta":1}`, ``, false},
		{`[1]`, ``, false},
	} {
		got, ok := dataMember([]byte(tc.in))
		if string(got) != tc.want || ok != tc.ok {
			t.Errorf("dataMember(%s) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// addRealObjects seeds f with the two real VirusTotal answers.
func addRealObjects(f *testing.F) {
	for _, name := range []string{"vt3_file_object.json", "vt3_url_object.json"} {
		b, err := os.ReadFile("../testdata/vt/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}
