package vtclient_test

import (
	"encoding/json"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient"
)

// TestStatusText: each typed status has the text the status column always
// had, and reads back from it, so that cache entries written before the
// typed Status decode the same.
func TestStatusText(t *testing.T) {
	for _, tt := range []struct {
		status vtclient.Status
		text   string
	}{
		{vtclient.Status{}, ""},
		{vtclient.StatusSuccess, "Success"},
		{vtclient.StatusNotFound, "NotFound"},
		{vtclient.StatusNotInCache, "NotInCache"},
		{vtclient.StatusError("QuotaExceededError"), "Error: QuotaExceededError"},
		{vtclient.StatusError("HTTP 502"), "Error: HTTP 502"},
		{vtclient.StatusError("Interrupted"), "Error: Interrupted"},
		{vtclient.StatusScreened("private address"), "Screened: private address"},
	} {
		if got := tt.status.String(); got != tt.text {
			t.Errorf("%+v: text %q, want %q", tt.status, got, tt.text)
		}
		back, err := vtclient.ParseStatus(tt.text)
		if err != nil || back != tt.status {
			t.Errorf("ParseStatus(%q) = %+v, %v; want %+v", tt.text, back, err, tt.status)
		}
		b, err := json.Marshal(vtclient.Result{Status: tt.status})
		if err != nil {
			t.Fatal(err)
		}
		var r vtclient.Result
		if err := json.Unmarshal(b, &r); err != nil || r.Status != tt.status {
			t.Errorf("JSON %s read back as %+v, %v", b, r.Status, err)
		}
	}
	for _, bad := range []string{"success", "Error:", "Screened:x", "Pending"} {
		if _, err := vtclient.ParseStatus(bad); err == nil {
			t.Errorf("ParseStatus(%q) took it", bad)
		}
	}
}

// TestStatusOldJSON: a result as the version before typed statuses wrote
// it to the cache decodes to the same typed status.
func TestStatusOldJSON(t *testing.T) {
	old := `{"observable":"8.8.8.8","status":"Success","response_code":1,"positives":0,"malicious":0}`
	var r vtclient.Result
	if err := json.Unmarshal([]byte(old), &r); err != nil {
		t.Fatal(err)
	}
	if !r.Found() || r.Status.Outcome != vtclient.Found {
		t.Errorf("old entry decoded as %+v", r.Status)
	}
}
