package cache

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// TestSplitDetails: the details object is cut out of a summary wherever it
// is and whatever its strings hold.
func TestSplitDetails(t *testing.T) {
	tests := []struct{ in, core, details string }{
		{`{"a":1,"details":{"x":"}"},"b":2}`, `{"a":1,"b":2}`, `{"x":"}"}`},
		{`{"a":1,"details":{"x":[{"y":"\"details\":{"}]}}`, `{"a":1}`, `{"x":[{"y":"\"details\":{"}]}`},
		{`{"details":{},"a":1}`, `{"a":1}`, `{}`},
		{`{"tag":",\"details\":{","a":1}`, `{"tag":",\"details\":{","a":1}`, ""},
		{`{"a":1}`, `{"a":1}`, ""},
		{`{"a":1,"details":{"x":"\\"}}`, `{"a":1}`, `{"x":"\\"}`},
		{`{"a":1,"details":{"x":1`, `{"a":1,"details":{"x":1`, ""}, // cut short: decoded whole, and refused
	}
	for _, tt := range tests {
		core, details := splitDetails([]byte(tt.in))
		if string(core) != tt.core || string(details) != tt.details {
			t.Errorf("%s:\n core %s details %s\nwant %s and %s", tt.in, core, details, tt.core, tt.details)
		}
	}
}

// FuzzSummaryDecode: whatever the strings of a result hold, its summary
// decodes to what encoding/json reads of it.
func FuzzSummaryDecode(f *testing.F) {
	f.Add("evil.example.net", "tag", `C:\\x\"details\":{`, "title}")
	f.Add(`"details":{`, `\`, "{", "]")
	f.Fuzz(func(t *testing.T, obs, tag, name, title string) {
		r := vtclient.Result{Observable: obs, Type: ioc.DNS, Status: vtclient.StatusSuccess, Tags: []string{tag},
			VerboseMsg: name, LastAnalysisDate: time.Unix(1700000000, 0).UTC(),
			Details: &vtclient.Details{Names: []string{name, tag}, Title: title, Size: 3}}
		summary, err := json.Marshal(&r)
		if err != nil {
			return
		}
		var want vtclient.Result
		if err := json.Unmarshal(summary, &want); err != nil {
			t.Fatal(err)
		}
		got, err := decode(Key{ioc.DNS, want.Observable}, 0, summary, nil, false)
		if err == nil {
			err = got.LoadDetails()
		}
		if err != nil {
			t.Fatalf("%s: %v", summary, err)
		}
		got.FromCache, got.FetchedAt, want.Type = false, time.Time{}, ioc.DNS
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v %+v\nwant %+v %+v", summary, got, got.Details, want, want.Details)
		}
	})
}

// BenchmarkDecodeSummary: the cost of a cache hit's summary, for the real
// file object, as versions before Details stored it and as stored now.
func BenchmarkDecodeSummary(b *testing.B) {
	r, err := vtclient.FromObject(ioc.SHA256, fileSHA256, fixture(b, "vt3_file_object.json"))
	if err != nil {
		b.Fatal(err)
	}
	r.Raw = nil
	old := r
	old.Details = nil
	for _, bc := range []struct {
		name string
		r    vtclient.Result
		load bool // a detail column reads them
	}{{"before details", old, false}, {"with details, not read", r, false}, {"with details, read", r, true}} {
		load := bc.load
		summary, err := json.Marshal(&bc.r)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(summary)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := decode(Key{ioc.SHA256, fileSHA256}, 0, summary, nil, false)
				if err != nil {
					b.Fatal(err)
				}
				if load {
					if err := r.LoadDetails(); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
