package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/internal/duckdbtest"
	"github.com/vtenrich/vtenrich/pipeline"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// columnObservables cover every type and every new VT column: the two real
// objects of testdata/vt, and synthetic ones of the fake chosen for what
// they hold.
var columnObservables = []string{
	"b61a4b8883ba9b9d4d85bdaecab71722",                                 // the real file object: engines, threat label, sandbox verdict
	"http://218.54.47.77/",                                             // the real URL object: categories, final URL
	"330866f62faabb66fa35313e3c8d7395ae708f5006572a4d7f6a0b4a36fc5e0a", // synthetic: a malicious, signed PE DLL
	"http://files.example-cdn.net/index.html",                          // synthetic: a URL with a title and a response code
	"news-portal.info",                                                 // synthetic: a domain with popularity ranks
	"8.8.8.8",                                                          // synthetic: an IP with ASN, owner, network
}

// newColumns are the columns issue 15 added, snake naming.
var newColumns = []string{"vt_engines", "vt_votes_harmless", "vt_votes_malicious", "vt_last_modification_date",
	"vt_threat_label", "vt_threat_categories", "vt_threat_names", "vt_type_description", "vt_type_tag",
	"vt_meaningful_name", "vt_names", "vt_size", "vt_first_submission_date", "vt_last_submission_date",
	"vt_times_submitted", "vt_signature", "vt_signers", "vt_sandbox_verdicts", "vt_last_final_url", "vt_title",
	"vt_categories", "vt_last_http_response_code", "vt_registrar", "vt_creation_date", "vt_popularity_rank",
	"vt_popularity_source", "vt_asn", "vt_as_owner", "vt_country", "vt_network", "vt_continent"}

// includes are the --include examples of the README, one of each type.
var includes = []string{"pe_info.imphash", "last_analysis_results.*.result", "crowdsourced_yara_results",
	"size:int", "sandbox_verdicts.*.confidence:int", "first_submission_date", "_type"}

// columnsRun enriches columnObservables (one per row of an "ioc" column)
// with every new column and the --include examples.
func columnsRun(t *testing.T, f *fake, extra ...string) result {
	t.Helper()
	args := f.flags("--columns", "ioc", "--join", "inner", "--vt-only",
		"--fields", "vt_observable,vt_ioc_type,vt_verdict,"+strings.Join(newColumns, ","),
		"--include", strings.Join(includes, ","))
	return mustRun(t, 0, "ioc\n"+strings.Join(columnObservables, "\n")+"\n", append(args, extra...)...)
}

// TestVTColumnsGolden: every new column of every type, and the --include
// paths, from the same single request per observable; the same values in
// both namings and in every typed format.
func TestVTColumnsGolden(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	jsonl := columnsRun(t, f, "--to", "jsonl").stdout
	golden(t, "vt_columns.golden.jsonl", jsonl)
	if calls := f.okCalls(t); len(calls) != len(columnObservables) {
		t.Errorf("%d objects fetched, want one request for each of %d observables: %v", len(calls), len(columnObservables), calls)
	}
	for name, n := range f.okCalls(t) {
		if n != 1 {
			t.Errorf("%s fetched %d times", name, n)
		}
	}

	// msticpy naming: the same values under the other names.
	msticpy := columnsRun(t, f, "--to", "jsonl", "--naming", "msticpy").stdout
	seed := map[string]string{}
	for i, n := range pipeline.FieldNames(pipeline.SnakeNames) {
		seed[n] = pipeline.FieldNames(pipeline.SeedNames)[i]
	}
	snakeRows, seedRows := jsonRows(t, jsonl), jsonRows(t, msticpy)
	for i := range snakeRows {
		for name, v := range snakeRows[i] {
			other := name
			if s, ok := seed[name]; ok {
				other = s
			}
			if w, ok := seedRows[i][other]; !ok || !reflect.DeepEqual(w, v) {
				t.Errorf("row %d: %s = %v, but %s = %v under --naming msticpy", i, name, v, other, w)
			}
		}
	}

	// Parquet and Arrow keep the types: read back, the rows are the same.
	dir := t.TempDir()
	for _, ext := range []string{"parquet", "arrow"} {
		path := filepath.Join(dir, "out."+ext)
		columnsRun(t, f, "-o", path)
		back := mustRun(t, 0, "", "convert", "--to", "jsonl", path).stdout
		if back != jsonl {
			t.Errorf("%s read back differs from the JSONL output:\n%s", ext, diffLines(jsonl, back))
		}
	}
}

// jsonRows parses JSONL output.
func jsonRows(t *testing.T, text string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %v: %s", err, line)
		}
		out = append(out, m)
	}
	return out
}

// TestVTColumnsReadByDuckDB: the typed columns are what DuckDB sees in the
// Parquet output: integers, timestamps, lists of strings.
func TestVTColumnsReadByDuckDB(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	path := filepath.Join(t.TempDir(), "out.parquet")
	columnsRun(t, f, "-o", path)
	got := duckdbtest.Query(t,
		"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('"+path+"'))",
		`SELECT vt_size, vt_names, epoch(vt_first_submission_date)::BIGINT, vt_engines[1], len(vt_engines),
		        vt_asn, vt_popularity_rank, "size", "sandbox_verdicts.*.confidence"
		 FROM read_parquet('`+path+`') WHERE vt_observable = 'b61a4b8883ba9b9d4d85bdaecab71722'`)
	types := map[string]string{}
	for _, row := range got[0] {
		types[row[0].(string)] = row[1].(string)
	}
	for col, want := range map[string]string{
		"vt_size": "BIGINT", "vt_votes_malicious": "BIGINT", "vt_asn": "BIGINT", "vt_popularity_rank": "BIGINT",
		"vt_times_submitted": "BIGINT", "vt_last_http_response_code": "BIGINT",
		"vt_first_submission_date": "TIMESTAMP WITH TIME ZONE", "vt_creation_date": "TIMESTAMP WITH TIME ZONE",
		"vt_last_modification_date": "TIMESTAMP WITH TIME ZONE",
		"vt_engines":                "VARCHAR[]", "vt_names": "VARCHAR[]", "vt_categories": "VARCHAR[]", "vt_signers": "VARCHAR[]",
		"vt_threat_label": "VARCHAR", "vt_title": "VARCHAR",
		"size": "BIGINT", "sandbox_verdicts.*.confidence": "BIGINT[]", "last_analysis_results.*.result": "VARCHAR[]",
		"first_submission_date": "TIMESTAMP WITH TIME ZONE", "pe_info.imphash": "VARCHAR",
	} {
		if types[col] != want {
			t.Errorf("DuckDB sees %s as %q, want %s", col, types[col], want)
		}
	}
	want := [][]any{{"44032", []any{"itami.exe", `C:\\Windows\\System32\\services64.exe`}, "1633178439",
		"ALYac: Trojan.GenericKD.37706356", "40", nil, nil, "44032", []any{"50"}}}
	if !reflect.DeepEqual(got[1], want) {
		t.Errorf("DuckDB reads the real file's row as\n%#v\nwant\n%#v", got[1], want)
	}
}
