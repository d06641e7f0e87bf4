package cache

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// vtcliShape turns a v3 object into what `vt file --format json` prints
// of it: _id, _type and the attributes at the top level.
func vtcliShape(t *testing.T, obj []byte) map[string]any {
	t.Helper()
	var o struct {
		Type       string         `json:"type"`
		ID         string         `json:"id"`
		Attributes map[string]any `json:"attributes"`
	}
	if err := json.Unmarshal(obj, &o); err != nil {
		t.Fatal(err)
	}
	m := o.Attributes
	m["_id"], m["_type"] = o.ID, o.Type
	return m
}

// TestImportVTCLIJSON: vt-cli's --format json output (a pretty-printed
// array, or several in a row) imports entry by entry; what is refused is
// summed up in one line.
func TestImportVTCLIJSON(t *testing.T) {
	file := vtcliShape(t, fixture(t, "vt3_file_object.json"))
	url := vtcliShape(t, fixture(t, "vt3_url_object.json"))
	domain := map[string]any{"_id": "evil-site.com", "_type": "domain", "registrar": "NameCheap, Inc.",
		"last_analysis_stats": map[string]int{"malicious": 3}, "resolutions": []string{"203.0.113.7evil-site.com"},
		"_context_attributes": map[string]any{"x": 1}}
	badHash := map[string]any{"_id": "not-a-hash", "_type": "file"}
	badIP := map[string]any{"_id": "999.1.1.1", "_type": "ip_address"}
	comment := map[string]any{"_id": "f-abc", "_type": "comment", "text": "hi"}
	first, _ := json.MarshalIndent([]any{file, badHash, url, comment}, "", "  ")
	second, _ := json.MarshalIndent([]any{domain, "an id alone", badIP, badHash}, "", "  ")

	c := openTest(t, Options{Now: newClock().Now})
	rep, err := c.Import(context.Background(), strings.NewReader("\n "+string(first)+"\n"+string(second)+"\n"), "vt.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 3 || rep.Skipped != 1 || rep.Refused != 2 || rep.Bad != 2 {
		t.Fatalf("imported %d, skipped %d, refused %d, bad %d: %v %v", rep.Imported, rep.Skipped, rep.Refused, rep.Bad, rep.Refusals, rep.Errors)
	}
	if got := rep.Errors[0].Error(); !strings.HasPrefix(got, "vt.json: entry 6: not an object") {
		t.Errorf("bad entry: %q", got)
	}
	if got := rep.Errors[1].Error(); !strings.HasPrefix(got, "vt.json: entry 7: ip_address object") {
		t.Errorf("bad entry: %q", got)
	}
	want := "2 not a valid sha256_hash (entries 2, 8)"
	if got := rep.RefusedSummary(); got != want {
		t.Errorf("summary %q\nwant    %q", got, want)
	}
	r, ok := get(t, c, ioc.MD5, "b61a4b8883ba9b9d4d85bdaecab71722", true)
	if !ok || r.Positives != 40 || r.Details == nil || r.Details.ThreatLabel != "trojan.msil/tasker" || !json.Valid(r.Raw) {
		t.Errorf("file: hit %v, %d positives, details %+v", ok, r.Positives, r.Details)
	}
	if r, ok := get(t, c, ioc.URL, "http://218.54.47.77/", false); !ok || r.Harmless != 57 {
		t.Errorf("url: hit %v, %+v", ok, r)
	}
	r, ok = get(t, c, ioc.DNS, "evil-site.com", false)
	if err := r.LoadDetails(); err != nil {
		t.Fatal(err)
	}
	if !ok || r.Malicious != 3 || r.Details.Registrar != "NameCheap, Inc." || strings.Join(r.ResolvedIPs, ",") != "203.0.113.7" {
		t.Errorf("domain: hit %v, %d malicious, details %+v, resolved %v", ok, r.Malicious, r.Details, r.ResolvedIPs)
	}
}

// TestImportVTCLIBrokenJSON: JSON that breaks off ends the import there,
// one bad entry named with its byte offset; what came before is kept.
func TestImportVTCLIBrokenJSON(t *testing.T) {
	c := openTest(t, Options{Now: newClock().Now})
	in := `[{"_id":"a.example-site.com","_type":"domain"},{"_id":"b.example-site.com","_type":"domain"},{"_id":"c.exa`
	rep, err := c.Import(context.Background(), strings.NewReader(in), "cut.json")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 2 || rep.Bad != 1 || !strings.Contains(rep.Errors[0].Error(), "cut.json: entry 3: not JSON at byte") {
		t.Errorf("imported %d, bad %d: %v", rep.Imported, rep.Bad, rep.Errors)
	}
}

// TestRefusedSummaryOfLines: JSONL refusals sum up by line.
func TestRefusedSummaryOfLines(t *testing.T) {
	c := openTest(t, Options{Now: newClock().Now})
	line := `{"type":"md5_hash","observable":"xyz","outcome":"not_found","fetched_at":"2026-03-01T00:00:00Z"}`
	rep := importString(t, c, line+"\n"+line+"\n")
	if got, want := rep.RefusedSummary(), "2 not a valid md5_hash (lines 1, 2)"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}
