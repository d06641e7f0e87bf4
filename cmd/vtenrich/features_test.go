package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// TestSpillKeepsOrderAndRows: with a tiny memory window and slow lookups,
// waiting batches spill to disk and come back in order, unchanged.
func TestSpillKeepsOrderAndRows(t *testing.T) {
	in := manyDomains(t, 3000, 300)
	f := newFake(t, vtfake.Options{Latency: 2 * time.Millisecond})
	want := mustRun(t, 0, "", f.flags("--no-cache", "--batch-rows", "50", in)...)
	f2 := newFake(t, vtfake.Options{Latency: 2 * time.Millisecond})
	got := mustRun(t, 0, "", f2.flags("--no-cache", "--batch-rows", "50", "--max-memory", "1KiB", "--stats", in)...)
	if !strings.Contains(got.stderr, "spilled") {
		t.Errorf("nothing spilled with a 1 KiB window:\n%s", got.stderr)
	}
	if got.stdout != want.stdout {
		t.Error("the output with spilling differs from the output without")
	}
}

// TestDryRunAsksNothing reads, extracts and checks the cache, and prints
// the plan: counts by type, quota needed, time at the rate.
func TestDryRunAsksNothing(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	in := manyDomains(t, 100, 10)
	// Warm the cache with one of the twenty observables.
	mustRun(t, 0, "msg\nhttp://cdn0.example-shop.com/a\n", f.flags()...)
	calls := f.Stats().Requests
	r := mustRun(t, 0, "", f.flags("--dry-run", "--rate", "4/min", in)...)
	if f.Stats().Requests != calls {
		t.Error("--dry-run made requests")
	}
	for _, want := range []string{"answered by cache:  1", "would look up:      19 (dns 10, url 9)", "quota needed:       19 requests", "about 5 min"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("plan lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestStatsJSON writes the summary for machines.
func TestStatsJSON(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	path := filepath.Join(t.TempDir(), "stats.json")
	mustRun(t, 0, "", f.flags("--columns", "CommandLine", "--stats-json", path, seedCSV)...)
	var s struct {
		RowsIn   int64            `json:"rows_in"`
		LookedUp int64            `json:"looked_up"`
		APICalls int64            `json:"api_calls"`
		Screened map[string]int64 `json:"screened_by_reason"`
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.RowsIn != 117 || s.LookedUp == 0 || s.APICalls != s.LookedUp || len(s.Screened) == 0 {
		t.Errorf("stats %+v", s)
	}
}

// TestNamingFieldsAndIoCColumn: the seed's column names, a chosen subset,
// and input that already holds one observable per row.
func TestNamingFieldsAndIoCColumn(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	r := mustRun(t, 0, "ioc,kind\n8.8.8.8,ipv4\nevil-example.org,dns\n10.1.2.3,ipv4\n",
		f.flags("--ioc-column", "ioc", "--type-column", "kind", "--naming", "msticpy",
			"--fields", "Observable,IoCType,Status,vt_positives", "--keep-screened")...)
	recs := readCSV(t, r.stdout)
	if want := []string{"ioc", "kind", "Observable", "IoCType", "Status", "Positives"}; !slices.Equal(recs[0], want) {
		t.Fatalf("header %q, want %q", recs[0], want)
	}
	status := column(t, recs, "Status")
	if status[0] != "Success" || status[2] != "Screened: private" {
		t.Errorf("statuses %q", status)
	}
	// --vt-only drops the input's columns; the source index joins back.
	r = mustRun(t, 0, "id,msg\n1,see 8.8.8.8\n2,nothing\n", f.flags("--vt-only", "--fields", "source_index,observable")...)
	if want := "vt_source_index,vt_observable\n0,8.8.8.8\n1,\n"; r.stdout != want {
		t.Errorf("--vt-only wrote\n%s\nwant\n%s", r.stdout, want)
	}
}

// TestLookupCommand: types detected, defanged input refanged, screened
// input reported with its reason and never sent.
func TestLookupCommand(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	r := mustRun(t, 0, "", append([]string{"lookup"}, f.flags("--to", "csv", "8.8.8.8", "hxxps://evil[.]example-shop[.]com/x", "192.168.1.1", "44d88612fea8a8f36de82e1278abb02f")...)...)
	recs := readCSV(t, r.stdout)
	if recs[0][0] != "vt_observable" {
		t.Errorf("lookup output starts with %q, want only VT columns", recs[0][0])
	}
	got := map[string]string{}
	for i, o := range column(t, recs, "vt_observable") {
		got[o] = column(t, recs, "vt_status")[i] + " " + column(t, recs, "vt_ioc_type")[i]
	}
	want := map[string]string{
		"8.8.8.8":                          "Success ipv4",
		"https://evil.example-shop.com/x":  "Success url",
		"192.168.1.1":                      "Screened: private ipv4",
		"44d88612fea8a8f36de82e1278abb02f": "Success md5_hash",
	}
	for o, w := range want {
		if g := got[o]; g != w && !(strings.HasPrefix(w, "Success") && strings.HasPrefix(g, "NotFound")) {
			t.Errorf("%s: %q, want %q", o, g, w)
		}
	}
	if n := f.Stats().Requests; n != 3 {
		t.Errorf("%d requests, want 3 (the private IP is never sent)", n)
	}
	// Observables from stdin (the terminal table: writers' TestTable).
	mustRun(t, 0, "8.8.8.8\n# comment\n\n", append([]string{"lookup"}, f.flags("--to", "jsonl", "-")...)...)
}

// TestLookupNoScreen: --no-screen looks up what the screen refuses; what
// VirusTotal cannot look up at all is still refused.
func TestLookupNoScreen(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	values := []string{"--to", "csv", "evil.example.org", "10.1.2.3", "ldap://evil.com/x"}
	r := mustRun(t, 0, "", append([]string{"lookup"}, f.flags(values...)...)...)
	for _, s := range column(t, readCSV(t, r.stdout), "vt_status") {
		if !strings.HasPrefix(s, "Screened: ") {
			t.Errorf("without --no-screen: status %q, want screened", s)
		}
	}
	if n := f.Stats().Requests; n != 0 {
		t.Fatalf("%d requests without --no-screen, want 0", n)
	}
	r = mustRun(t, 0, "", append([]string{"lookup", "--no-screen"}, f.flags(values...)...)...)
	recs := readCSV(t, r.stdout)
	got := map[string]string{}
	for i, o := range column(t, recs, "vt_observable") {
		got[o] = column(t, recs, "vt_status")[i]
	}
	for _, o := range []string{"evil.example.org", "10.1.2.3"} {
		if s := got[o]; s != "Success" && s != "NotFound" {
			t.Errorf("--no-screen %s: status %q, want it looked up", o, s)
		}
	}
	if s := got["ldap://evil.com/x"]; s != "Screened: unsupported-scheme" {
		t.Errorf("--no-screen ldap URL: status %q, want Screened: unsupported-scheme", s)
	}
	if n := f.Stats().Requests; n != 2 {
		t.Errorf("%d requests with --no-screen, want 2", n)
	}
}

// TestCacheCommands: stats, export, purge, import round trip.
func TestCacheCommands(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	mustRun(t, 0, "", f.flags("--columns", "CommandLine", seedCSV)...)
	stats := mustRun(t, 0, "", "cache", "stats", "--cache", f.cache)
	if !strings.Contains(stats.stdout, "md5_hash") {
		t.Errorf("cache stats:\n%s", stats.stdout)
	}
	export := filepath.Join(t.TempDir(), "export.jsonl.zst")
	mustRun(t, 0, "", "cache", "export", "--cache", f.cache, "-o", export)
	mustRun(t, 0, "", "cache", "purge", "--cache", f.cache)
	miss := cli(t, "", f.flags("--offline", "--columns", "CommandLine", seedCSV)...)
	if miss.code != exitIncomplete {
		t.Fatalf("after purge, --offline exit %d, want 3", miss.code)
	}
	imp := mustRun(t, 0, "", "cache", "import", "--cache", f.cache, export)
	if !strings.Contains(imp.stderr, "4 imported") {
		t.Errorf("import: %s", imp.stderr)
	}
	mustRun(t, 0, "", f.flags("--offline", "--columns", "CommandLine", seedCSV)...)
}

// TestStreamsFromAPipe: a row written to stdin comes out before stdin ends,
// as `tail -f app.jsonl | vtenrich --from jsonl` needs.
func TestStreamsFromAPipe(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int)
	go func() {
		done <- run(context.Background(), f.flags("--from", "jsonl", "--to", "jsonl"), inR, outW, io.Discard)
		outW.Close()
	}()
	lines := bufio.NewReader(outR)
	for i := range 3 {
		fmt.Fprintf(inW, "{\"n\":%d,\"msg\":\"beacon to c2-%d.badhost.org\"}\n", i, i)
		line, err := lines.ReadString('\n') // blocks until the row is written
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(line, fmt.Sprintf("c2-%d.badhost.org", i)) {
			t.Fatalf("row %d came out as %s", i, line)
		}
	}
	inW.Close()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d", code)
	}
}

// TestStopEndsABlockedRead: a run waiting for its first bytes on a silent
// stdin ends when it is stopped (the first Ctrl-C), with exit 130.
func TestStopEndsABlockedRead(t *testing.T) {
	for _, args := range [][]string{{"extract"}, {"lookup", "--offline", "-"}} {
		stdin, w := io.Pipe() // never written: every read blocks
		defer w.Close()
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan int)
		go func() { done <- run(ctx, args, stdin, io.Discard, io.Discard) }()
		stop()
		if code := <-done; code != exitInterrupted {
			t.Errorf("vtenrich %s: exit %d after the stop, want 130", strings.Join(args, " "), code)
		}
	}
}

// TestProgressLine renders the counters, and the ETA at a rate.
func TestProgressLine(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	r := mustRun(t, 0, "", f.flags("--progress", "always", "--columns", "CommandLine", seedCSV)...)
	if !strings.Contains(r.stderr, "unique") {
		t.Errorf("no progress on stderr:\n%s", r.stderr)
	}
	for _, c := range []struct {
		n    int64
		rate string
		want string
	}{{312, "4/min", "about 78 min"}, {10, "4/min", "about 3 min"}, {2, "10/s", "about 1 s"}, {5000, "4/min", "about 20.8 h"}} {
		limit, _ := parseRateForTest(c.rate)
		if got := eta(c.n, limit); got != c.want {
			t.Errorf("eta(%d, %s) = %q, want %q", c.n, c.rate, got, c.want)
		}
	}
}

// TestQuotaCommand shows the key's quotas from the API and today's ledger.
func TestQuotaCommand(t *testing.T) {
	f := newFake(t, vtfake.Options{DailyQuota: 500})
	mustRun(t, 0, "", f.flags("--columns", "CommandLine", seedCSV)...)
	r := mustRun(t, 0, "", "quota", "--vt-url", f.url, "--api-key-file", f.keyFile, "--cache", f.cache)
	for _, want := range []string{"api_requests_daily", "today (", "4 requests counted"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("quota output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout+r.stderr, testKey) {
		t.Error("quota printed the API key")
	}
}
