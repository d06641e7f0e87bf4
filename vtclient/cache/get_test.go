package cache

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

func TestTTLByOutcome(t *testing.T) { forEachBackend(t, testTTLByOutcome) }

func testTTLByOutcome(t *testing.T, be testBackend) {
	tests := []struct {
		name    string
		opts    Options
		found   bool
		age     time.Duration
		wantHit bool
	}{
		{"found, default TTL, 6 days", Options{}, true, 6 * 24 * time.Hour, true},
		{"found, default TTL, 7 days", Options{}, true, 7 * 24 * time.Hour, false},
		{"not found, default TTL, 23h", Options{}, false, 23 * time.Hour, true},
		{"not found, default TTL, 25h", Options{}, false, 25 * time.Hour, false},
		{"found, 1h TTL, 59m", Options{FoundTTL: time.Hour}, true, 59 * time.Minute, true},
		{"found, 1h TTL, 61m", Options{FoundTTL: time.Hour}, true, 61 * time.Minute, false},
		{"not found TTL does not apply to found", Options{NotFoundTTL: time.Minute}, true, time.Hour, true},
		{"found TTL does not apply to not found", Options{FoundTTL: time.Minute}, false, time.Hour, true},
		{"found, forever, 10 years", Options{FoundTTL: Forever}, true, 10 * 365 * 24 * time.Hour, true},
		{"not found, forever, 10 years", Options{NotFoundTTL: Forever}, false, 10 * 365 * 24 * time.Hour, true},
		{"found forever leaves not found default", Options{FoundTTL: Forever}, false, 2 * 24 * time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			tt.opts.Now = clk.Now
			c := be.openNew(t, tt.opts)
			r := notFound(ioc.DNS, "evil.example.net")
			if tt.found {
				r = found(ioc.DNS, "evil.example.net", 1)
			}
			put(t, c, r)
			flush(t, c) // Get from the file, not from the queue
			clk.Add(tt.age)
			got, ok := get(t, c, ioc.DNS, "evil.example.net", false)
			if ok != tt.wantHit {
				t.Fatalf("hit = %v, want %v", ok, tt.wantHit)
			}
			if ok && (!got.FromCache || !got.FetchedAt.Equal(t0) || got.Status != r.Status) {
				t.Errorf("hit = %+v", got)
			}
		})
	}
}

func TestGetHitIsTheResultPut(t *testing.T) { forEachBackend(t, testGetHitIsTheResultPut) }

func testGetHitIsTheResultPut(t *testing.T, be testBackend) {
	for _, flushed := range []bool{false, true} {
		c := be.openNew(t, Options{Now: newClock().Now})
		want := found(ioc.IPv4, "8.8.8.8", 3)
		want.ResolvedDomains = []string{"dns.google"}
		want.FetchedAt = t0.Add(-time.Minute)
		put(t, c, want)
		if flushed {
			flush(t, c)
		}
		got, ok := get(t, c, ioc.IPv4, "8.8.8.8", true)
		if !ok {
			t.Fatal("miss")
		}
		var compact bytes.Buffer
		json.Compact(&compact, want.Raw)
		want.Raw, want.FromCache = compact.Bytes(), true
		if !reflect.DeepEqual(got, want) {
			t.Errorf("flushed=%v:\n got %+v\nwant %+v", flushed, got, want)
		}
		got, _ = get(t, c, ioc.IPv4, "8.8.8.8", false)
		if got.Raw != nil {
			t.Errorf("flushed=%v: Raw without withRaw", flushed)
		}
		if _, ok := get(t, c, ioc.IPv6, "8.8.8.8", false); ok {
			t.Errorf("flushed=%v: hit under another type", flushed)
		}
	}
}

func TestRefreshOverwrites(t *testing.T) { forEachBackend(t, testRefreshOverwrites) }

func testRefreshOverwrites(t *testing.T, be testBackend) {
	clk := newClock()
	c := be.openNew(t, Options{Now: clk.Now})
	old := found(ioc.URL, "http://evil.example.net/x", 1)
	put(t, c, old)
	flush(t, c)

	clk.Add(time.Hour)
	newer := notFound(ioc.URL, "http://evil.example.net/x") // VT dropped it
	put(t, c, newer)
	flush(t, c)
	got, ok := get(t, c, ioc.URL, "http://evil.example.net/x", true)
	if !ok || got.Status != vtclient.StatusNotFound || got.Raw != nil || !got.FetchedAt.Equal(clk.Now()) {
		t.Fatalf("after refresh: ok=%v %+v", ok, got)
	}

	// A result fetched before the stored one (another process was slower
	// to write it) does not replace it.
	stale := found(ioc.URL, "http://evil.example.net/x", 2)
	stale.FetchedAt = t0
	put(t, c, stale)
	flush(t, c)
	if got, _ := get(t, c, ioc.URL, "http://evil.example.net/x", false); got.Status != vtclient.StatusNotFound {
		t.Errorf("older result replaced a newer one: %+v", got)
	}
	if s := stats(t, c); s.Objects != 1 {
		t.Errorf("Objects = %d after overwrites, want 1", s.Objects)
	}
}

func TestFileAliases(t *testing.T) { forEachBackend(t, testFileAliases) }

func testFileAliases(t *testing.T, be testBackend) {
	clk := newClock()
	c := be.openNew(t, Options{Now: clk.Now})
	md5, sha1, sha256 := fileHashes(9)
	r := found(ioc.MD5, md5, 9)
	put(t, c, r)
	flush(t, c)
	for _, k := range []Key{{ioc.SHA256, sha256}, {ioc.SHA1, sha1}, {ioc.MD5, md5}} {
		got, ok := get(t, c, k.Type, k.Observable, true)
		if !ok {
			t.Fatalf("miss by %v", k.Type)
		}
		if got.Type != k.Type || got.Observable != k.Observable || got.SHA256 != sha256 || got.Raw == nil {
			t.Errorf("by %v: %+v", k.Type, got)
		}
	}
	if s := stats(t, c); s.Objects != 1 || len(s.Types) != 3 {
		t.Errorf("one file, three keys: %+v", s)
	}

	// A refresh by SHA-1 replaces the object for all three hashes.
	clk.Add(time.Hour)
	r2 := found(ioc.SHA1, sha1, 9)
	r2.Positives = 42
	put(t, c, r2)
	flush(t, c)
	for _, k := range []Key{{ioc.SHA256, sha256}, {ioc.SHA1, sha1}, {ioc.MD5, md5}} {
		if got, _ := get(t, c, k.Type, k.Observable, false); got.Positives != 42 {
			t.Errorf("by %v after refresh: Positives %d", k.Type, got.Positives)
		}
	}
	if s := stats(t, c); s.Objects != 1 {
		t.Errorf("Objects = %d after refresh, want 1 (old object deleted)", s.Objects)
	}

	// A not-found file is only known under the hash it was asked by.
	put(t, c, notFound(ioc.MD5, "0123456789abcdef0123456789abcdef"))
	if _, ok := get(t, c, ioc.MD5, "0123456789abcdef0123456789abcdef", false); !ok {
		t.Error("not found md5: miss")
	}
}

func TestPutStoresOnlyAnswers(t *testing.T) { forEachBackend(t, testPutStoresOnlyAnswers) }

func testPutStoresOnlyAnswers(t *testing.T, be testBackend) {
	c := be.openNew(t, Options{})
	skip := []vtclient.Result{
		{Observable: "1.2.3.4", Type: ioc.IPv4, Status: vtclient.StatusError("QuotaExceededError"), ResponseCode: vtclient.ResponseFailed},
		{Observable: "10.0.0.1", Type: ioc.IPv4, Status: vtclient.StatusScreened("private")},
		{Observable: "1.2.3.5", Type: ioc.IPv4, Status: vtclient.StatusNotInCache},
		func() vtclient.Result { r := found(ioc.IPv4, "1.2.3.6", 1); r.FromCache = true; return r }(),
	}
	put(t, c, skip...)
	flush(t, c)
	for _, r := range skip {
		if _, ok := get(t, c, r.Type, r.Observable, false); ok {
			t.Errorf("%s (%s) was cached", r.Observable, r.Status)
		}
	}
	if err := c.Put(context.Background(), vtclient.Result{Status: vtclient.StatusSuccess}); err == nil {
		t.Error("Put of a result without type or observable: no error")
	}
}

func TestPutKeepsResultWithBadRaw(t *testing.T) { forEachBackend(t, testPutKeepsResultWithBadRaw) }

func testPutKeepsResultWithBadRaw(t *testing.T, be testBackend) {
	c := be.openNew(t, Options{})
	r := found(ioc.DNS, "evil.example.net", 1)
	r.Raw = []byte(`{"truncated":`)
	put(t, c, r)
	flush(t, c)
	got, ok := get(t, c, ioc.DNS, "evil.example.net", true)
	if !ok || got.Raw != nil || got.Positives != r.Positives {
		t.Errorf("ok=%v %+v", ok, got)
	}
}

func TestGetMany(t *testing.T) { forEachBackend(t, testGetMany) }

func testGetMany(t *testing.T, be testBackend) {
	c := be.openNew(t, Options{Now: newClock().Now})
	var keys []Key
	for i := range 50 {
		r := found(ioc.DNS, domain(i), i)
		if i%5 == 0 {
			r = notFound(ioc.DNS, domain(i))
		}
		if i%2 == 0 { // half hits, the rest misses
			put(t, c, r)
		}
		keys = append(keys, Key{ioc.DNS, domain(i)})
	}
	flush(t, c)
	odd := Key{ioc.URL, "http://evil.example.net/\xff\x00"} // not valid JSON text
	put(t, c, found(odd.Type, odd.Observable, 99))
	keys = append(keys, odd)
	flush(t, c)
	put(t, c, found(ioc.DNS, domain(1), 1)) // one still queued
	for _, withRaw := range []bool{false, true} {
		got, err := c.GetMany(context.Background(), keys, withRaw)
		if err != nil {
			t.Fatal(err)
		}
		for i, k := range keys {
			one, ok := get(t, c, k.Type, k.Observable, withRaw)
			if got[i].FromCache != ok || !reflect.DeepEqual(got[i], one) {
				t.Errorf("key %d: GetMany %+v, Get %v %+v", i, got[i], ok, one)
			}
		}
	}
}

func TestClosed(t *testing.T) { forEachBackend(t, testClosed) }

func testClosed(t *testing.T, be testBackend) {
	target := be.fresh(t)
	c, err := openRetry(target, Options{UnsavedDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	put(t, c, found(ioc.DNS, "evil.example.net", 1))
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	ctx := context.Background()
	if _, _, err := c.Get(ctx, ioc.DNS, "evil.example.net", false); !errors.Is(err, ErrClosed) {
		t.Errorf("Get after Close: %v", err)
	}
	if err := c.Put(ctx, found(ioc.DNS, "x.example.net", 1)); !errors.Is(err, ErrClosed) {
		t.Errorf("Put after Close: %v", err)
	}
	if _, err := c.Reserve(ctx, vtclient.KeyID("k"), "2026-03-02", 1); !errors.Is(err, ErrClosed) {
		t.Errorf("Reserve after Close: %v", err)
	}
	// Close flushed the queued result.
	c2 := be.open(t, target, Options{})
	if _, ok := get(t, c2, ioc.DNS, "evil.example.net", false); !ok {
		t.Error("result queued before Close is lost")
	}
}

func domain(i int) string {
	return "host" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ".example.net"
}

func stats(t testing.TB, c Store) Stats {
	t.Helper()
	s, err := c.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestConcurrentCaches: goroutines, each with its own Cache on one file as
// separate processes would have, write and read at once.
func TestConcurrentCaches(t *testing.T) { forEachBackend(t, testConcurrentCaches) }

func testConcurrentCaches(t *testing.T, be testBackend) {
	path := be.fresh(t)
	const workers, each = 4, 300
	var caches []Store
	for range workers {
		caches = append(caches, be.open(t, path, Options{}))
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	for w, c := range caches {
		wg.Go(func() {
			for i := range each {
				md5, _, _ := fileHashes(w*each + i)
				if err := c.Put(ctx, found(ioc.MD5, md5, w*each+i)); err != nil {
					t.Error(err)
					return
				}
				// Read what the others wrote: hits or misses, never errors.
				_, sha1, _ := fileHashes(((w+1)%workers)*each + i/2)
				if _, _, err := c.Get(ctx, ioc.SHA1, sha1, i%3 == 0); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, c := range caches {
		flush(t, c)
	}
	for n := range workers * each {
		_, _, sha256 := fileHashes(n)
		if _, ok := get(t, caches[n%workers], ioc.SHA256, sha256, false); !ok {
			t.Fatalf("result %d missing", n)
		}
	}
}

// TestFailingDisk: while commits fail, results stay queued and Put says
// so; once the file takes writes again, nothing is lost.
func TestFailingDisk(t *testing.T) {
	ctx := context.Background()
	c := openTest(t, Options{FlushInterval: 10 * time.Millisecond})
	if _, err := c.w.Exec(`PRAGMA query_only = 1`); err != nil { // the writer's one connection
		t.Fatal(err)
	}
	put(t, c, found(ioc.DNS, domain(0), 0))
	if err := c.Flush(ctx); err == nil {
		t.Fatal("Flush to a read-only file: no error")
	}
	var errs int
	for i := 1; i < maxQueued+10; i++ { // more than the queue holds: must not block
		if err := c.Put(ctx, found(ioc.DNS, domain(i), i)); err != nil {
			errs++
		}
	}
	if errs == 0 {
		t.Error("Put never reported the failing flushes")
	}
	if _, err := c.w.Exec(`PRAGMA query_only = 0`); err != nil {
		t.Fatal(err)
	}
	flush(t, c)
	for i := range maxQueued {
		if _, ok := get(t, c, ioc.DNS, domain(i), false); !ok {
			t.Fatalf("result %d lost", i)
		}
	}
}
