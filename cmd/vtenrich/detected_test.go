package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// TestDetectedURLs: vt_detected_urls is filled only by --detected-urls,
// which costs one more request per domain and IP (shown by --dry-run);
// answers cached without their URLs are asked again, except offline.
func TestDetectedURLs(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	const in = "ioc\nexample-shop.com\nnews-portal.info\n" + "330866f62faabb66fa35313e3c8d7395ae708f5006572a4d7f6a0b4a36fc5e0a\n"
	run := func(want int, extra ...string) result {
		return mustRun(t, want, in, f.flags(append([]string{"--columns", "ioc", "--join", "inner", "--vt-only"}, extra...)...)...)
	}

	// Without the flag the column is neither written nor available.
	recs := readCSV(t, run(0).stdout)
	if strings.Contains(strings.Join(recs[0], ","), "vt_detected_urls") {
		t.Errorf("vt_detected_urls written without --detected-urls: %v", recs[0])
	}
	if r := run(exitUsage, "--fields", "observable,detected_urls"); !strings.Contains(r.stderr, "needs --detected-urls") {
		t.Errorf("stderr %q", r.stderr)
	}

	// The plan counts the second request of each domain.
	plan := run(0, "--detected-urls", "--dry-run").stdout
	if !strings.Contains(plan, "would look up:      2 (dns 2)") || !strings.Contains(plan, "quota needed:       4 requests, of which 2 for --detected-urls") {
		t.Errorf("--dry-run --detected-urls:\n%s", plan)
	}

	// Offline, the answers cached without URLs are kept, the column null.
	recs = readCSV(t, run(0, "--detected-urls", "--offline").stdout)
	if got := column(t, recs, "vt_detected_urls"); strings.Join(got, "|") != "||" {
		t.Errorf("offline: %q", got)
	}

	before := len(f.Log())
	recs = readCSV(t, run(0, "--detected-urls").stdout)
	got := column(t, recs, "vt_detected_urls")
	if !strings.HasPrefix(got[0], `["http://example-shop.com/`) || got[1] != "[]" || got[2] != "" {
		t.Errorf("vt_detected_urls %q: want the malicious domain's URLs, none for the clean one, null for a file", got)
	}
	var paths []string
	for _, e := range f.Log()[before:] {
		paths = append(paths, e.Path)
	}
	slices.Sort(paths) // requests in flight at once come in any order
	want := "/api/v3/domains/example-shop.com /api/v3/domains/example-shop.com/urls /api/v3/domains/news-portal.info /api/v3/domains/news-portal.info/urls"
	if strings.Join(paths, " ") != want {
		t.Errorf("requests %q, want %q: the two domains cached without URLs asked again, the file not", paths, want)
	}
	before = len(f.Log())
	if again := readCSV(t, run(0, "--detected-urls").stdout); column(t, again, "vt_detected_urls")[0] != got[0] || len(f.Log()) != before {
		t.Errorf("second run: %d requests, want 0: the URLs are in the cache", len(f.Log())-before)
	}
}
