package cache

import (
	"context"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

func TestStats(t *testing.T) { forEachBackend(t, testStats) }

func testStats(t *testing.T, be testBackend) {
	ctx := context.Background()
	clk := newClock()
	c := be.openNew(t, Options{Now: clk.Now})
	if s := stats(t, c); s.Objects != 0 || s.Types != nil || !s.Oldest.IsZero() || s.SchemaVersion != schemaVersion(c) {
		t.Errorf("empty: %+v", s)
	}
	md5, _, _ := fileHashes(1)
	put(t, c, found(ioc.MD5, md5, 1), found(ioc.DNS, "a.example.net", 2), notFound(ioc.DNS, "b.example.net"))
	flush(t, c)
	clk.Add(36 * time.Hour) // the not-found answer is stale now, the rest fresh
	put(t, c, found(ioc.IPv4, "8.8.8.8", 3), notFound(ioc.URL, "http://x.example.net/"))
	if s := stats(t, c); s.Pending != 2 {
		t.Errorf("Pending = %d, want 2", s.Pending)
	}
	flush(t, c)
	c.Reserve(ctx, vtclient.KeyID("k"), vtclient.Day(clk.Now()), 0)
	c.Reserve(ctx, vtclient.KeyID("k"), vtclient.Day(clk.Now()), 0)
	c.Reserve(ctx, vtclient.KeyID("k"), "2020-01-01", 0) // too old to show
	s := stats(t, c)
	want := []TypeStats{
		{Type: ioc.IPv4, Found: 1},
		{Type: ioc.DNS, Found: 1, NotFound: 1, Expired: 1},
		{Type: ioc.URL, NotFound: 1},
		{Type: ioc.MD5, Found: 1}, {Type: ioc.SHA1, Found: 1}, {Type: ioc.SHA256, Found: 1},
	}
	if !reflect.DeepEqual(s.Types, want) {
		t.Errorf("Types:\n got %+v\nwant %+v", s.Types, want)
	}
	if s.Objects != 5 || !s.Oldest.Equal(t0) || !s.Newest.Equal(clk.Now()) || s.Pending != 0 || s.FileSize == 0 {
		t.Errorf("stats: %+v", s)
	}
	if q := []QuotaUse{{vtclient.KeyID("k"), vtclient.Day(clk.Now()), 2}}; !reflect.DeepEqual(s.Quota, q) {
		t.Errorf("Quota = %+v, want %+v", s.Quota, q)
	}
}

func TestPurge(t *testing.T) { forEachBackend(t, testPurge) }

func testPurge(t *testing.T, be testBackend) {
	ctx := context.Background()
	clk := newClock()
	c := be.openNew(t, Options{Now: clk.Now, FoundTTL: Forever})
	for i := range 10 {
		put(t, c, found(ioc.DNS, domain(i), i))
		clk.Add(time.Hour)
	}
	md5, sha1, _ := fileHashes(1)
	put(t, c, found(ioc.MD5, md5, 1)) // 3 keys, fetched now
	c.Reserve(ctx, vtclient.KeyID("k"), vtclient.Day(clk.Now()), 0)

	// Older than 3h: domains 0..6 were fetched 10h..4h ago.
	n, err := c.Purge(ctx, 3*time.Hour+time.Minute)
	if err != nil || n != 7 {
		t.Fatalf("Purge(3h) = %d, %v; want 7", n, err)
	}
	for i := range 10 {
		if _, ok := get(t, c, ioc.DNS, domain(i), false); ok != (i >= 7) {
			t.Errorf("domain %d: hit %v after Purge(3h)", i, ok)
		}
	}
	if _, ok := get(t, c, ioc.SHA1, sha1, false); !ok {
		t.Error("fresh file purged")
	}
	n, err = c.Purge(ctx, 0)
	if err != nil || n != 6 {
		t.Fatalf("Purge(0) = %d, %v; want 6 (3 domains, 3 hashes)", n, err)
	}
	if s := stats(t, c); s.Objects != 0 || s.Types != nil {
		t.Errorf("after Purge(0): %+v", s)
	}
	if used, _ := c.Used(ctx, vtclient.KeyID("k"), vtclient.Day(clk.Now())); used != 1 {
		t.Errorf("Purge reset the ledger: used %d", used)
	}
}

// schemaVersion is the schema version this vtenrich writes for a store.
func schemaVersion(s Store) int {
	if _, ok := s.(*PG); ok {
		return len(pgMigrations)
	}
	return len(migrations)
}

func TestPurgeShrinksTheFile(t *testing.T) {
	ctx := context.Background()
	c := openTest(t, Options{})
	for i := range 3000 {
		md5, _, _ := fileHashes(i)
		put(t, c, found(ioc.MD5, md5, i))
	}
	flush(t, c)
	if err := c.shrink(ctx); err != nil { // checkpoint: the data now in the file
		t.Fatal(err)
	}
	before := fileSize(t, c.Path())
	if n, err := c.Purge(ctx, 0); err != nil || n != 9000 {
		t.Fatalf("Purge = %d, %v", n, err)
	}
	after := fileSize(t, c.Path())
	t.Logf("file %d bytes before Purge, %d after", before, after)
	if after > before/4 {
		t.Errorf("file did not shrink: %d -> %d bytes", before, after)
	}
	if wal := fileSize(t, c.Path()+"-wal"); wal != 0 {
		t.Errorf("WAL %d bytes after Purge, want truncated", wal)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}
