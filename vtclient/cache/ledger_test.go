package cache

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient"
)

func TestLedger(t *testing.T) { forEachBackend(t, testLedger) }

func testLedger(t *testing.T, be testBackend) {
	ctx := context.Background()
	c := be.openNew(t, Options{})
	key, other := vtclient.KeyID("key one"), vtclient.KeyID("key two")
	steps := []struct {
		key, day string
		limit    int
		want     bool
	}{
		{key, "2026-03-02", 2, true},
		{key, "2026-03-02", 2, true},
		{key, "2026-03-02", 2, false}, // limit reached
		{key, "2026-03-02", 3, true},  // a larger limit allows one more
		{key, "2026-03-03", 2, true},  // a new UTC day
		{other, "2026-03-02", 1, true},
		{other, "2026-03-02", 0, true}, // 0: no limit, still counted
		{other, "2026-03-02", -1, true},
	}
	for i, s := range steps {
		ok, err := c.Reserve(ctx, s.key, s.day, s.limit)
		if err != nil || ok != s.want {
			t.Fatalf("step %d: Reserve = %v, %v; want %v", i, ok, err, s.want)
		}
	}
	for _, u := range []struct {
		key, day string
		want     int
	}{{key, "2026-03-02", 3}, {key, "2026-03-03", 1}, {other, "2026-03-02", 3}, {other, "2026-03-04", 0}} {
		if got, err := c.Used(ctx, u.key, u.day); err != nil || got != u.want {
			t.Errorf("Used(%s, %s) = %d, %v; want %d", u.key, u.day, got, err, u.want)
		}
	}
}

// TestLedgerRefund: a refunded request frees its unit for the limit, in the
// file (limited keys) and in the counts not yet written (keys without a
// limit), and never takes a count below zero.
func TestLedgerRefund(t *testing.T) { forEachBackend(t, testLedgerRefund) }

func testLedgerRefund(t *testing.T, be testBackend) {
	ctx := context.Background()
	c := be.openNew(t, Options{})
	key, other := vtclient.KeyID("key one"), vtclient.KeyID("key two")
	const day = "2026-03-02"
	for range 2 {
		if ok, err := c.Reserve(ctx, key, day, 2); !ok || err != nil {
			t.Fatal(ok, err)
		}
	}
	if err := c.Refund(ctx, key, day); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Reserve(ctx, key, day, 2); !ok || err != nil {
		t.Errorf("Reserve after a refund: %v, %v; want the freed unit", ok, err)
	}
	if _, err := c.Reserve(ctx, other, day, 0); err != nil {
		t.Fatal(err)
	}
	for range 3 { // once from memory, then from the file, which stays at 0
		if err := c.Refund(ctx, other, day); err != nil {
			t.Fatal(err)
		}
		flush(t, c)
	}
	for k, want := range map[string]int{key: 2, other: 0} {
		if used, err := c.Used(ctx, k, day); used != want || err != nil {
			t.Errorf("Used = %d, %v; want %d", used, err, want)
		}
	}
}

func TestLedgerRefusesAPIKeys(t *testing.T) { forEachBackend(t, testLedgerRefusesAPIKeys) }

func testLedgerRefusesAPIKeys(t *testing.T, be testBackend) {
	c := be.openNew(t, Options{})
	for _, id := range []string{"", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "my-api-key", "ABCDEF0123456789ABCDEF01"} {
		if _, err := c.Reserve(context.Background(), id, "2026-03-02", 0); err == nil {
			t.Errorf("Reserve accepted key id %q", id)
		}
	}
}

// TestLedgerConcurrentCaches: goroutines, each with its own Cache (its own
// connections, as separate processes have) on one file.
func TestLedgerConcurrentCaches(t *testing.T) { forEachBackend(t, testLedgerConcurrentCaches) }

func testLedgerConcurrentCaches(t *testing.T, be testBackend) {
	path := be.fresh(t)
	const workers, limit = 6, 120
	var got atomic.Int64
	var wg sync.WaitGroup
	var caches []Store
	for range workers {
		caches = append(caches, be.open(t, path, Options{}))
	}
	for _, c := range caches {
		wg.Go(func() {
			for {
				ok, err := c.Reserve(context.Background(), vtclient.KeyID("k"), "2026-03-02", limit)
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					return
				}
				got.Add(1)
			}
		})
	}
	wg.Wait()
	if got.Load() != limit {
		t.Errorf("reserved %d, limit %d", got.Load(), limit)
	}
}

// TestUnlimitedCountsAreBatched: without a limit, requests are counted in
// memory (Used sees them at once) and reach the file by Close at the latest.
func TestUnlimitedCountsAreBatched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	c := openAt(t, path, Options{})
	ctx := context.Background()
	id, day := vtclient.KeyID("premium"), "2026-11-26"
	for range 500 {
		if ok, err := c.Reserve(ctx, id, day, 0); !ok || err != nil {
			t.Fatalf("Reserve without a limit: %v, %v", ok, err)
		}
	}
	if n, err := c.Used(ctx, id, day); n != 500 || err != nil {
		t.Fatalf("Used = %d, %v; want 500", n, err)
	}
	// A limited Reserve must see the unlimited counts of the same key.
	if ok, _ := c.Reserve(ctx, id, day, 500); ok {
		t.Error("a limit of 500 granted a 501st request")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	c = openAt(t, path, Options{})
	if n, _ := c.Used(ctx, id, day); n != 500 {
		t.Errorf("after Close and reopen, Used = %d, want 500", n)
	}
}
