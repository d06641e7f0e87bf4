package cache

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/klauspost/compress/zstd"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// compactJSON is b on one line, as vt-py or `jq -c` saves an object.
func compactJSON(t testing.TB, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func importString(t *testing.T, c Store, s string) ImportReport {
	t.Helper()
	rep, err := c.Import(context.Background(), strings.NewReader(s), "in.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// allKeys lists every key in a cache.
func allKeys(t *testing.T, c Store) []Key {
	t.Helper()
	var keys []Key
	add := func(name, obs string) {
		typ, err := ioc.ParseType(name)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, Key{typ, obs})
	}
	const q = `SELECT type, observable FROM keys ORDER BY type, observable`
	switch c := c.(type) {
	case *Cache:
		rows, err := c.r.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var name, obs string
			if err := rows.Scan(&name, &obs); err != nil {
				t.Fatal(err)
			}
			add(name, obs)
		}
	case *PG:
		rows, err := c.pool.Query(context.Background(), `SELECT type, observable FROM keys ORDER BY type COLLATE "C", observable COLLATE "C"`)
		if err != nil {
			t.Fatal(err)
		}
		var name, obs string
		if _, err := pgx.ForEachRow(rows, []any{&name, &obs}, func() error { add(name, fromPGText(obs)); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestExportImportRoundTrip(t *testing.T) { forEachBackend(t, testExportImportRoundTrip) }

func testExportImportRoundTrip(t *testing.T, be testBackend) {
	ctx := context.Background()
	clk := newClock()
	opts := Options{Now: clk.Now, FoundTTL: Forever, NotFoundTTL: Forever}
	a := be.openNew(t, opts)
	md5, sha1, _ := fileHashes(7)
	noRaw := found(ioc.IPv6, "2001:4860:4860::8888", 4)
	noRaw.Raw = nil
	put(t, a,
		found(ioc.DNS, "evil.example.net", 1),
		found(ioc.URL, "http://evil.example.net/x.php?a=1&b=2", 2),
		notFound(ioc.IPv4, "1.2.3.4"),
		noRaw,
		found(ioc.MD5, md5, 7),
	)
	flush(t, a)
	clk.Add(time.Hour)
	put(t, a, notFound(ioc.SHA1, sha1)) // the SHA-1 key now leads elsewhere
	fileObj := fixture(t, "vt3_file_object.json")
	r, err := vtclient.FromObject(ioc.SHA256, "03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b", fileObj)
	if err != nil {
		t.Fatal(err)
	}
	put(t, a, r)

	var exp bytes.Buffer
	n, err := a.Export(ctx, &exp)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(exp.String(), "\n"); n != 7 || lines != n {
		t.Fatalf("Export wrote %d objects on %d lines, want 7:\n%s", n, lines, exp.String())
	}
	if !strings.Contains(exp.String(), "a=1&b=2") {
		t.Error("Export escaped HTML characters")
	}

	b := be.openNew(t, opts)
	rep, err := b.Import(ctx, bytes.NewReader(exp.Bytes()), "export.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 7 || rep.Skipped != 0 || rep.Bad != 0 {
		t.Fatalf("Import: %+v", rep)
	}
	keys := allKeys(t, a)
	if got := allKeys(t, b); !reflect.DeepEqual(got, keys) {
		t.Fatalf("keys after import:\n got %v\nwant %v", got, keys)
	}
	if len(keys) != 10 { // 4 of one key, 2 files of 3, a SHA-1 moved to a not-found
		t.Errorf("%d keys, want 10", len(keys))
	}
	for _, withRaw := range []bool{false, true} {
		ra, err := a.GetMany(ctx, keys, withRaw)
		if err != nil {
			t.Fatal(err)
		}
		rb, err := b.GetMany(ctx, keys, withRaw)
		if err != nil {
			t.Fatal(err)
		}
		for i := range keys {
			if !ra[i].FromCache || !reflect.DeepEqual(ra[i], rb[i]) {
				t.Errorf("%v withRaw=%v:\nexported %+v\nimported %+v", keys[i], withRaw, ra[i], rb[i])
			}
		}
	}
	var exp2 bytes.Buffer
	if _, err := b.Export(ctx, &exp2); err != nil {
		t.Fatal(err)
	}
	if exp2.String() != exp.String() {
		t.Errorf("export of the import differs:\n%s\n---\n%s", exp.String(), exp2.String())
	}

	// Importing the same export again stores nothing new: same fetch times.
	rep = importString(t, b, exp.String())
	if rep.Imported != 7 || stats(t, b).Objects != 7 {
		t.Errorf("re-import: %+v, %d objects", rep, stats(t, b).Objects)
	}
}

func TestImportRawResponses(t *testing.T) { forEachBackend(t, testImportRawResponses) }

func testImportRawResponses(t *testing.T, be testBackend) {
	clk := newClock()
	c := be.openNew(t, Options{Now: clk.Now})
	file := compactJSON(t, fixture(t, "vt3_file_object.json"))
	url := compactJSON(t, fixture(t, "vt3_url_object.json"))
	domain := `{"type":"domain","id":"Evil.Example.NET.","attributes":{"last_analysis_stats":{"malicious":3,"harmless":50}}}`
	ip6 := `{"type":"ip_address","id":"2001:DB8::1","attributes":{}}`
	in := strings.Join([]string{
		`{"data":` + file + `}`, // vt-py get_json / saved response
		url,                     // a bare object
		`{"data":[` + domain + `,` + ip6 + `,{"type":"comment","id":"c1"}]}`, // a list
		`{"error":{"code":"NotFoundError","message":"File \"x\" not found"}}`,
		`{"data":{"type":"analysis","id":"u-1","attributes":{}}}`,
		`{"data":null}`,
		``,
		`   `,
	}, "\n")
	rep := importString(t, c, in)
	if rep.Imported != 4 || rep.Skipped != 3 || rep.Bad != 0 {
		t.Fatalf("report %+v", rep)
	}
	for _, k := range []Key{
		{ioc.MD5, "b61a4b8883ba9b9d4d85bdaecab71722"},
		{ioc.SHA1, "0c7fc8364e7ead164b5b612982984737fb50fc81"},
		{ioc.SHA256, "03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b"},
	} {
		r, ok := get(t, c, k.Type, k.Observable, true)
		if !ok || r.Positives != 40 || r.Status != vtclient.StatusSuccess || !r.FetchedAt.Equal(t0) || !json.Valid(r.Raw) {
			t.Errorf("file by %v: ok=%v Positives=%d %s", k.Type, ok, r.Positives, r.Status)
		}
	}
	if r, ok := get(t, c, ioc.URL, "http://218.54.47.77/", false); !ok || r.Resource != "380269259e1f607fb07769fee779f0dc3144924f865e76a3c05c8898295d02f8" {
		t.Errorf("url: ok=%v %+v", ok, r)
	}
	if r, ok := get(t, c, ioc.DNS, "evil.example.net", false); !ok || r.Malicious != 3 {
		t.Errorf("domain, normalised: ok=%v %+v", ok, r)
	}
	if _, ok := get(t, c, ioc.IPv6, "2001:db8::1", false); !ok {
		t.Error("ipv6, normalised: miss")
	}
}

func TestImportNormalize(t *testing.T) { forEachBackend(t, testImportNormalize) }

func testImportNormalize(t *testing.T, be testBackend) {
	c := be.openNew(t, Options{Normalize: func(t ioc.Type, s string) string { return "n:" + s }})
	importString(t, c, `{"type":"domain","id":"a.example.net","attributes":{}}`)
	if _, ok := get(t, c, ioc.DNS, "n:a.example.net", false); !ok {
		t.Error("Options.Normalize not applied")
	}
}

func TestImportBadLines(t *testing.T) { forEachBackend(t, testImportBadLines) }

func testImportBadLines(t *testing.T, be testBackend) {
	const at = `"fetched_at":"2026-03-01T00:00:00Z"`
	good := `{"type":"dns","observable":"ok.example.net","outcome":"not_found",` + at + `}`
	tests := []struct {
		line string
		want string // in the error
	}{
		{`this is not json`, "not JSON"},
		{`{"hello":"world"}`, "neither a cache export line"},
		{`{"type":"dns","observable":"a.example.net","outcome":"maybe",` + at + `}`, `outcome "maybe"`},
		{`{"type":"hostname2","observable":"a.example.net","outcome":"found",` + at + `}`, "unknown IoC type"},
		{`{"type":"dns","observable":"","outcome":"found",` + at + `}`, "without an observable"},
		{`{"type":"dns","observable":"a.example.net","outcome":"found"}`, "no fetched_at"},
		{`{"type":"dns","observable":"a.example.net","outcome":"found","fetched_at":"yesterday"}`, "parsing time"},
		{`{"type":"dns","observable":"a.example.net","outcome":"found",` + at + `}`, "neither result nor data"},
		{`{"type":"dns","observable":"a.example.net","outcome":"not_found",` + at + `,"result":{"status":"Success"}}`, "result status"},
		{`{"type":"dns","observable":"a.example.net","outcome":"found",` + at + `,"aliases":[{"type":"md5_hash"}]}`, "without an observable"},
		{`{"data":{"type":"ip_address","id":"not-an-ip","attributes":{}}}`, "not-an-ip"},
		{`{"data":{"type":"url","id":"abc","attributes":{}}}`, "attributes.url"},
		{`{"data":{"type":"domain","attributes":{}}}`, "without an id"},
		{`{"data":[{"type":"domain","id":"a.example.net"},{"type":"url","id":"x","attributes":{}}]}`, "data[1]"},
		{`{"data":{"type":"domain","id":"a.example.net","attributes":{"last_analysis_stats":"many"}}}`, "domain"},
	}
	var in strings.Builder
	for _, tt := range tests {
		in.WriteString(good + "\n" + tt.line + "\n")
	}
	c := be.openNew(t, Options{Now: newClock().Now})
	rep := importString(t, c, in.String())
	if rep.Imported != len(tests) || rep.Skipped != 0 || rep.Bad != len(tests) || len(rep.Errors) != len(tests) {
		t.Fatalf("report: imported %d skipped %d bad %d", rep.Imported, rep.Skipped, rep.Bad)
	}
	for i, tt := range tests {
		e := rep.Errors[i]
		msg := e.Error()
		if e.Line != 2*i+2 || !strings.HasPrefix(msg, fmt.Sprintf("in.jsonl:%d: ", 2*i+2)) || !strings.Contains(msg, tt.want) {
			t.Errorf("line %d: error %q, want it to name the line and contain %q", 2*i+2, msg, tt.want)
		}
	}
}

func TestImportErrorsAreCapped(t *testing.T) { forEachBackend(t, testImportErrorsAreCapped) }

func testImportErrorsAreCapped(t *testing.T, be testBackend) {
	c := be.openNew(t, Options{})
	rep := importString(t, c, strings.Repeat("x\n", 250))
	if rep.Bad != 250 || len(rep.Errors) != maxLineErrors || rep.Errors[maxLineErrors-1].Line != maxLineErrors {
		t.Errorf("bad %d, %d errors", rep.Bad, len(rep.Errors))
	}
}

func TestImportLongLines(t *testing.T) { forEachBackend(t, testImportLongLines) }

func testImportLongLines(t *testing.T, be testBackend) {
	defer func(n int) { maxLine = n }(maxLine)
	maxLine = 1 << 20
	c := be.openNew(t, Options{})
	big := func(name string, n int) string {
		return fmt.Sprintf(`{"data":{"type":"domain","id":%q,"attributes":{"whois":%q}}}`, name, strings.Repeat("w", n))
	}
	in := big("a.example.net", 300<<10) + "\n" + // well past bufio.Scanner's 64 KiB
		big("b.example.net", 2<<20) + "\n" + // past maxLine: a bad line, skipped whole
		big("c.example.net", 10) // no final newline
	rep := importString(t, c, in)
	if rep.Imported != 2 || rep.Bad != 1 || rep.Errors[0].Line != 2 || !strings.Contains(rep.Errors[0].Error(), "longer than") {
		t.Fatalf("report %+v %v", rep, rep.Errors)
	}
	for _, d := range []string{"a.example.net", "c.example.net"} {
		if _, ok := get(t, c, ioc.DNS, d, false); !ok {
			t.Errorf("%s: miss", d)
		}
	}
}

func TestImportCompressed(t *testing.T) { forEachBackend(t, testImportCompressed) }

func testImportCompressed(t *testing.T, be testBackend) {
	line := `{"data":{"type":"domain","id":"a.example.net","attributes":{}}}` + "\n"
	var gz, zs bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(line))
	zw.Close()
	ze, _ := zstd.NewWriter(&zs)
	ze.Write([]byte(line))
	ze.Close()
	for name, b := range map[string][]byte{"gzip": gz.Bytes(), "zstd": zs.Bytes()} {
		c := be.openNew(t, Options{})
		rep, err := c.Import(context.Background(), bytes.NewReader(b), name)
		if err != nil || rep.Imported != 1 {
			t.Errorf("%s: %+v, %v", name, rep, err)
		}
	}
}

func TestImportKeepsNewerAnswers(t *testing.T) { forEachBackend(t, testImportKeepsNewerAnswers) }

func testImportKeepsNewerAnswers(t *testing.T, be testBackend) {
	clk := newClock()
	c := be.openNew(t, Options{Now: clk.Now})
	put(t, c, found(ioc.DNS, "a.example.net", 1))
	flush(t, c)
	old := `{"type":"dns","observable":"a.example.net","outcome":"not_found","fetched_at":"2020-01-01T00:00:00Z"}`
	future := `{"type":"dns","observable":"b.example.net","outcome":"not_found","fetched_at":"2099-01-01T00:00:00Z"}`
	rep := importString(t, c, old+"\n"+future+"\n")
	if rep.Imported != 1 || rep.Skipped != 1 || rep.Clamped != 1 {
		t.Errorf("report %+v", rep)
	}
	if r, _ := get(t, c, ioc.DNS, "a.example.net", false); r.Status != vtclient.StatusSuccess {
		t.Error("an old export replaced a newer answer")
	}
	if r, ok := get(t, c, ioc.DNS, "b.example.net", false); !ok || !r.FetchedAt.Equal(t0) {
		t.Errorf("a fetch time in the future is not clamped to now: %v", r.FetchedAt)
	}
}

// TestImportValidatesObservables: keys are type-checked and normalised by
// the rules of extraction; invalid ones refuse their line, with its number.
func TestImportValidatesObservables(t *testing.T) { forEachBackend(t, testImportValidatesObservables) }

func testImportValidatesObservables(t *testing.T, be testBackend) {
	const at = `"fetched_at":"2026-03-02T11:00:00Z"`
	nf := func(typ, obs string) string {
		return fmt.Sprintf(`{"type":%q,"observable":%q,"outcome":"not_found",%s}`, typ, obs, at)
	}
	tests := []struct {
		line   string
		refuse string // in the refusal; "" when imported
		key    Key    // what is stored when imported
	}{
		{nf("dns", "EVIL.Example.NET."), "", Key{ioc.DNS, "evil.example.net"}},
		{nf("md5_hash", "44D88612FEA8A8F36DE82E1278ABB02F"), "", Key{ioc.MD5, "44d88612fea8a8f36de82e1278abb02f"}},
		{nf("ipv4", "10.0.0.1"), "", Key{ioc.IPv4, "10.0.0.1"}}, // screened by a run, but valid
		{nf("md5_hash", "not-a-hash"), `"not-a-hash" is not a valid md5_hash`, Key{}},
		{nf("ipv4", "2001:db8::1"), "is not a valid ipv4", Key{}},
		{nf("dns", "two words.example.net"), "is not a valid dns", Key{}},
		{`{"data":{"type":"domain","id":"bad_name!","attributes":{}}}`, "is not a valid dns", Key{}},
	}
	var in strings.Builder
	for _, tt := range tests {
		in.WriteString(tt.line + "\n")
	}
	c := be.openNew(t, Options{Now: newClock().Now})
	rep := importString(t, c, in.String())
	refused := 0
	for i, tt := range tests {
		if tt.refuse == "" {
			if _, ok := get(t, c, tt.key.Type, tt.key.Observable, false); !ok {
				t.Errorf("line %d: %v not stored", i+1, tt.key)
			}
			continue
		}
		if refused >= len(rep.Refusals) {
			t.Fatalf("line %d not refused: %+v", i+1, rep)
		}
		e := rep.Refusals[refused]
		refused++
		if e.Line != i+1 || !strings.Contains(e.Error(), tt.refuse) {
			t.Errorf("refusal %q, want line %d and %q", e, i+1, tt.refuse)
		}
	}
	if rep.Imported != len(tests)-refused || rep.Refused != refused || rep.Bad != 0 {
		t.Errorf("report %+v", rep)
	}
}
