package cache

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// TestCorruptEntries: an entry whose summary or raw object cannot be
// decoded is a miss for Get, GetMany and Claim, with one warning naming
// its key; Export leaves it out (or exports it without the raw object);
// the next Put replaces it.
func TestCorruptEntries(t *testing.T) { forEachBackend(t, testCorruptEntries) }

func testCorruptEntries(t *testing.T, be testBackend) {
	var w warnings
	c := be.openNew(t, Options{Warn: w.warn})
	ctx := context.Background()
	badSummary, badRaw, good := Key{ioc.DNS, "bad-summary.example.net"}, Key{ioc.DNS, "bad-raw.example.net"}, Key{ioc.DNS, "good.example.net"}
	for i, k := range []Key{badSummary, badRaw, good} {
		put(t, c, found(k.Type, k.Observable, i))
	}
	flush(t, c)
	for _, u := range []struct {
		sqlite, pg string
		k          Key
	}{
		{`UPDATE objects SET summary = x'7b0022' WHERE observable = ?`, `UPDATE objects SET summary = '\x7b0022'::bytea WHERE observable = $1`, badSummary},
		{`UPDATE objects SET raw = x'28b52ffd00ff0000deadbeef' WHERE observable = ?`, `UPDATE objects SET raw = '\x28b52ffd00ff0000deadbeef'::bytea WHERE observable = $1`, badRaw},
	} {
		execSQL(t, c, u.sqlite, u.pg, u.k.Observable)
	}

	if _, ok := get(t, c, badSummary.Type, badSummary.Observable, false); ok {
		t.Error("Get of a corrupt summary is a hit")
	}
	if _, ok := get(t, c, badRaw.Type, badRaw.Observable, false); !ok {
		t.Error("Get without the raw object of an entry whose raw object is corrupt: a miss")
	}
	if _, ok := get(t, c, badRaw.Type, badRaw.Observable, true); ok {
		t.Error("Get with a corrupt raw object is a hit")
	}
	rs, err := c.GetMany(ctx, []Key{badSummary, good, badRaw}, true)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].FromCache || !rs[1].FromCache || rs[2].FromCache {
		t.Errorf("GetMany hits %v %v %v, want miss hit miss", rs[0].FromCache, rs[1].FromCache, rs[2].FromCache)
	}
	wantStates(t, "Claim", claim(t, c, false, badSummary, good), Claimed, Answered)

	warned := w.all()
	for _, k := range []Key{badSummary, badRaw} {
		if n := strings.Count(warned, k.Observable); n != 1 {
			t.Errorf("%d warnings name %s, want 1: %q", n, k.Observable, warned)
		}
	}

	var out bytes.Buffer
	n, err := c.Export(ctx, &out)
	if err != nil || n != 2 {
		t.Fatalf("Export: %d lines, %v; want 2 (the corrupt summary left out)", n, err)
	}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var got line
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatal(err)
		}
		if got.Observable == badRaw.Observable && got.Data != nil {
			t.Error("a corrupt raw object was exported")
		}
	}

	put(t, c, found(badSummary.Type, badSummary.Observable, 9))
	flush(t, c)
	if r, ok := get(t, c, badSummary.Type, badSummary.Observable, true); !ok || r.Positives != 9%7 {
		t.Errorf("the answer fetched again did not replace the corrupt one: %v %+v", ok, r)
	}
}
