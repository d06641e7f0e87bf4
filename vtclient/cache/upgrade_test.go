package cache

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

const fileSHA256 = "03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b"

// TestOldEntryGetsDetails: an answer stored by a version before Details
// (its summary has none) still decodes; read with its raw object it gets
// the details mapped from it, and an import of an old export line stores
// them, so the imported cache answers with them even without raw.
func TestOldEntryGetsDetails(t *testing.T) {
	obj := fixture(t, "vt3_file_object.json")
	current, err := vtclient.FromObject(ioc.SHA256, fileSHA256, obj)
	if err != nil {
		t.Fatal(err)
	}
	old := current
	old.Details = nil // as the previous version stored it

	c := openTest(t, Options{Now: newClock().Now, FoundTTL: Forever})
	put(t, c, old)
	flush(t, c)
	got, ok := get(t, c, ioc.MD5, "b61a4b8883ba9b9d4d85bdaecab71722", false)
	if !ok || got.Positives != 40 || got.Details != nil {
		t.Fatalf("without raw: hit %v, %d positives, details %v", ok, got.Positives, got.Details)
	}
	got, _ = get(t, c, ioc.MD5, "b61a4b8883ba9b9d4d85bdaecab71722", true)
	if !reflect.DeepEqual(got.Details, current.Details) {
		t.Errorf("with raw: details %+v, want %+v", got.Details, current.Details)
	}

	// An export line of the previous version: its result has no details.
	summary, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	var line strings.Builder
	line.WriteString(`{"type":"sha256_hash","observable":"` + fileSHA256 + `","outcome":"found","fetched_at":"2026-03-02T13:00:00Z","result":`)
	line.Write(summary)
	line.WriteString(`,"data":`)
	line.WriteString(compactJSON(t, obj) + "}\n")
	d := openTest(t, Options{Now: newClock().Now, FoundTTL: Forever})
	if rep := importString(t, d, line.String()); rep.Imported != 1 {
		t.Fatalf("import: %+v", rep)
	}
	got, _ = get(t, d, ioc.SHA256, fileSHA256, false)
	if !got.HasDetails() || got.Details != nil {
		t.Error("details read without raw are decoded at once, not when asked")
	}
	if err := got.LoadDetails(); err != nil || !reflect.DeepEqual(got.Details, current.Details) {
		t.Errorf("imported old line: details %+v, want %+v", got.Details, current.Details)
	}
}
