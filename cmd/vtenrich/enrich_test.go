package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

var allFormats = []string{"csv", "tsv", "jsonl", "parquet", "arrow"}

// seedIn converts the seed export to format ext in dir and returns its path.
func seedIn(t *testing.T, dir, ext string) string {
	t.Helper()
	path := filepath.Join(dir, "seed."+ext)
	mustRun(t, 0, "", "convert", "-o", path, seedCSV)
	return path
}

// TestEnrichFormatPairsAndJoins enriches the seed from every input format
// to every output format in every join mode against the fake VirusTotal,
// and checks each output against the CSV → CSV run of the same mode: same
// rows, same order, same VT values, whatever the formats.
func TestEnrichFormatPairsAndJoins(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	dir := t.TempDir()
	inputs := map[string]string{}
	for _, ext := range allFormats {
		inputs[ext] = seedIn(t, dir, ext)
	}
	for _, join := range []string{"left", "inner", "row"} {
		ref := readCSV(t, mustRun(t, 0, "", f.flags("--join", join, "--columns", "CommandLine", inputs["csv"])...).stdout)
		refObs := column(t, ref, "vt_observable")
		for _, in := range allFormats {
			for _, out := range allFormats {
				t.Run(join+"/"+in+"-to-"+out, func(t *testing.T) {
					path := filepath.Join(t.TempDir(), "out."+out)
					mustRun(t, 0, "", f.flags("--join", join, "--columns", "CommandLine", "-o", path, inputs[in])...)
					got := asCSV(t, path)
					if len(got) != len(ref) {
						t.Fatalf("%d rows, want %d", len(got)-1, len(ref)-1)
					}
					if obs := column(t, got, "vt_observable"); !slices.Equal(obs, refObs) {
						t.Errorf("vt_observable = %q, want %q", obs, refObs)
					}
					for _, name := range []string{"vt_status", "vt_positives", "vt_verdict", "vt_source_index", "CommandLine"} {
						if g, w := column(t, got, name), column(t, ref, name); !slices.Equal(g, w) {
							t.Errorf("%s differs from the CSV run", name)
						}
					}
				})
			}
		}
	}
	// Every observable was fetched once, however many runs asked for it.
	for obs, n := range f.okCalls(t) {
		if n != 1 {
			t.Errorf("%s fetched %d times", obs, n)
		}
	}
}

// TestEnrichJoinModes pins what each join mode writes for the seed.
func TestEnrichJoinModes(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	seed := readCSV(t, mustRun(t, 0, "", "convert", seedCSV).stdout)
	inputRows := len(seed) - 1
	rowsOf := func(join string) [][]string {
		return readCSV(t, mustRun(t, 0, "", f.flags("--join", join, "--columns", "CommandLine", seedCSV)...).stdout)
	}
	left, inner, row := rowsOf("left"), rowsOf("inner"), rowsOf("row")
	if n := len(row) - 1; n != inputRows {
		t.Errorf("--join row wrote %d rows for %d input rows", n, inputRows)
	}
	if src := column(t, row, "vt_source_index"); src[0] != "0" || src[len(src)-1] != strconv.Itoa(inputRows-1) {
		t.Errorf("--join row source indexes run %s..%s", src[0], src[len(src)-1])
	}
	withObs := 0
	for _, o := range column(t, inner, "vt_observable") {
		if o == "" {
			t.Error("--join inner wrote a row without an observable")
		}
		withObs++
	}
	emptyLeft := 0
	for _, o := range column(t, left, "vt_observable") {
		if o == "" {
			emptyLeft++
		}
	}
	if emptyLeft+withObs != len(left)-1 {
		t.Errorf("--join left: %d rows = %d without + %d with observables?", len(left)-1, emptyLeft, withObs)
	}
	// Left keeps every input row at least once, in order.
	src := column(t, left, "vt_source_index")
	seen := map[string]bool{}
	prev := -1
	for _, s := range src {
		n, _ := strconv.Atoi(s)
		if n < prev {
			t.Fatalf("--join left is out of order at source index %d", n)
		}
		prev = n
		seen[s] = true
	}
	if len(seen) != inputRows {
		t.Errorf("--join left covers %d of %d input rows", len(seen), inputRows)
	}
}

// TestEnrichKeepsOrderWithConcurrentWorkers uses eight workers against a
// fake with random latency: answers come back out of order, rows must not.
func TestEnrichKeepsOrderWithConcurrentWorkers(t *testing.T) {
	f := newFake(t, vtfake.Options{Latency: 5 * time.Millisecond, Jitter: 5 * time.Millisecond, Seed: 7})
	var b strings.Builder
	b.WriteString("id,msg\n")
	for i := range 300 {
		fmt.Fprintf(&b, "%d,host-%d.example-shop.com and 10.0.0.%d then 45.%d.%d.9\n", i, i%97, i%200, i%50, i%7)
	}
	r := mustRun(t, 0, b.String(), f.flags("--workers", "8", "--join", "row", "--batch-rows", "16")...)
	recs := readCSV(t, r.stdout)
	ids := column(t, recs, "id")
	if len(ids) != 300 {
		t.Fatalf("%d rows, want 300", len(ids))
	}
	for i, id := range ids {
		if id != strconv.Itoa(i) {
			t.Fatalf("row %d has id %s: order lost", i, id)
		}
	}
	for obs, n := range f.okCalls(t) {
		if n != 1 {
			t.Errorf("%s fetched %d times", obs, n)
		}
	}
}

// TestEnrichSecondRunUsesOnlyTheCache: a result fetched once serves every
// later run, and --offline makes no request at all.
func TestEnrichSecondRunUsesOnlyTheCache(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	first := mustRun(t, 0, "", f.flags("--columns", "CommandLine", seedCSV)...)
	calls := f.Stats().Requests
	if calls == 0 {
		t.Fatal("the first run made no request")
	}
	second := mustRun(t, 0, "", f.flags("--columns", "CommandLine", seedCSV)...)
	offline := mustRun(t, 0, "", f.flags("--offline", "--columns", "CommandLine", seedCSV)...)
	if n := f.Stats().Requests; n != calls {
		t.Errorf("later runs made %d more requests", n-calls)
	}
	if first.stdout != second.stdout || first.stdout != offline.stdout {
		t.Error("answers from the cache differ from the fetched ones")
	}
}

// TestOfflineMissesExitThree: --offline on an empty cache answers
// NotInCache for everything, writes every row, and exits 3.
func TestOfflineMissesExitThree(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	r := mustRun(t, exitIncomplete, "", f.flags("--offline", "--columns", "CommandLine", "--join", "inner", seedCSV)...)
	for _, s := range column(t, readCSV(t, r.stdout), "vt_status") {
		if s != "NotInCache" {
			t.Errorf("status %q, want NotInCache", s)
		}
	}
	if n := f.Stats().Requests; n != 0 {
		t.Errorf("--offline made %d requests", n)
	}
}

// TestKeyNeverLeaks runs with the sentinel key through errors and stats.
func TestKeyNeverLeaks(t *testing.T) {
	f := newFake(t, vtfake.Options{Keys: []string{"another-key"}})
	r := cli(t, "", f.flags("--stats", "--raw", "--columns", "CommandLine", seedCSV)...)
	if r.code != exitError {
		t.Errorf("a rejected key: exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, "WrongCredentialsError") && !strings.Contains(strings.ToLower(r.stderr), "api key") {
		t.Errorf("the message does not say the key was refused: %s", r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, testKey) {
		t.Fatal("the API key appears in the output")
	}
}

// TestStormsDeliverEverythingOnce: 429s and 503s on the way, every result
// delivered, none fetched twice.
func TestStormsDeliverEverythingOnce(t *testing.T) {
	for _, c := range []struct {
		name string
		opts vtfake.Options
	}{
		{"503 run", vtfake.Options{FailRate: 0.4, Seed: 3}},
		{"429 storm", vtfake.Options{MinuteQuota: 1000, Seed: 5}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, c.opts)
			if c.name == "429 storm" {
				faults := make([]vtfake.Fault, 0, 8)
				for range 8 {
					faults = append(faults, vtfake.FaultQuota)
				}
				f.Inject(faults...)
			}
			r := mustRun(t, 0, "", f.flags("--retries", "10", "--columns", "CommandLine", "--join", "inner", seedCSV)...)
			if st := f.Stats(); st.ByStatus["429"]+st.ByStatus["503"] == 0 {
				t.Fatalf("the fake answered no 429 or 503: %+v", st.ByStatus)
			}
			for _, s := range column(t, readCSV(t, r.stdout), "vt_status") {
				if s != "Success" && s != "NotFound" {
					t.Errorf("status %q", s)
				}
			}
			for obs, n := range f.okCalls(t) {
				if n != 1 {
					t.Errorf("%s fetched %d times", obs, n)
				}
			}
		})
	}
}

// TestWarmRunWithManyWorkersEnds: everything answered by the cache, so no
// worker ever gets a lookup; the run must still end.
func TestWarmRunWithManyWorkersEnds(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	mustRun(t, 0, "", f.flags("--columns", "CommandLine", seedCSV)...)
	mustRun(t, 0, "", f.flags("--workers", "32", "--columns", "CommandLine", seedCSV)...)
}

// TestInnerJoinAcrossBatches: batches with no observable at all produce no
// rows under --join inner, and the ones after them still come out.
func TestInnerJoinAcrossBatches(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,msg\n")
	for i := range 100 {
		fmt.Fprintf(&b, "%d,nothing here\n", i)
	}
	b.WriteString("100,beacon to 8.8.8.8\n")
	r := mustRun(t, 0, b.String(), "extract", "--join", "inner", "--batch-rows", "16")
	if ids := column(t, readCSV(t, r.stdout), "id"); !slices.Equal(ids, []string{"100"}) {
		t.Errorf("ids %q, want [100]", ids)
	}
}
