package cache

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/vtclient/cache/pgtest"
)

// The conformance tests run against every backend: the SQLite file, and
// PostgreSQL when $VTENRICH_TEST_POSTGRES names a server (see pgtest).

// testBackend is one backend of the conformance tests.
type testBackend struct {
	name string
	// fresh is the target of a new, empty store: a file in a temporary
	// folder, or a schema of its own in the test database (dropped at the
	// end), so that tests run in parallel.
	fresh func(t testing.TB) string
}

var sqliteBackend = testBackend{name: "sqlite", fresh: func(t testing.TB) string {
	return filepath.Join(t.TempDir(), "cache.db")
}}

var pgBackend = testBackend{name: "postgres", fresh: pgtest.Fresh}

// forEachBackend runs f as a subtest per backend.
func forEachBackend(t *testing.T, f func(t *testing.T, b testBackend)) {
	for _, b := range []testBackend{sqliteBackend, pgBackend} {
		t.Run(b.name, func(t *testing.T) { f(t, b) })
	}
}

// open opens target, closed with the test.
func (b testBackend) open(t testing.TB, target string, opts Options) Store {
	t.Helper()
	if opts.UnsavedDir == "" {
		opts.UnsavedDir = t.TempDir()
	}
	s, err := openRetry(target, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// openRetry is Open, waiting up to 30 s for a database that is restarting
// (the restart test of cmd/vtenrich may run meanwhile).
func openRetry(target string, opts Options) (Store, error) {
	s, err := Open(target, opts)
	for deadline := time.Now().Add(30 * time.Second); err != nil && IsDatabase(target) && transient(err) && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		s, err = Open(target, opts)
	}
	return s, err
}

// openNew opens a new, empty store.
func (b testBackend) openNew(t testing.TB, opts Options) Store {
	t.Helper()
	return b.open(t, b.fresh(t), opts)
}

// twoOwners opens one new store twice, as two processes would, on one
// fake clock.
func (b testBackend) twoOwners(t *testing.T, opts Options) (a, c Store, clk *clock) {
	t.Helper()
	clk = newClock()
	opts.Now = clk.Now
	target := b.fresh(t)
	return b.open(t, target, opts), b.open(t, target, opts), clk
}

// exec runs a statement on a store's database: sqlite for a file, pg for
// a database.
func execSQL(t testing.TB, s Store, sqlite, pg string, args ...any) {
	t.Helper()
	var err error
	switch s := s.(type) {
	case *Cache:
		_, err = s.w.Exec(sqlite, args...)
	case *PG:
		_, err = s.pool.Exec(context.Background(), pg, args...)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// count runs a query that counts.
func count(t testing.TB, s Store, query string) int {
	t.Helper()
	var n int
	var err error
	switch s := s.(type) {
	case *Cache:
		err = s.r.QueryRow(query).Scan(&n)
	case *PG:
		err = s.pool.QueryRow(context.Background(), query).Scan(&n)
	}
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// pass moves time on by d for the stores of one cache: the fake clock,
// and for a database the lease ends it keeps on its own clock.
func pass(t testing.TB, clk *clock, d time.Duration, s Store) {
	t.Helper()
	clk.Add(d)
	if p, ok := s.(*PG); ok {
		execSQL(t, p, "", `UPDATE claims SET expires = expires - $1::interval`, d)
	}
}

// wantUntil checks the end of a lease: on the fake clock for a file, on
// the database's (the same machine's) for a database, give or take a few
// seconds of a loaded machine.
func wantUntil(t testing.TB, s Store, clk *clock, got time.Time, left time.Duration) {
	t.Helper()
	if _, ok := s.(*PG); ok {
		if d := time.Until(got) - left; d < -5*time.Second || d > 5*time.Second {
			t.Errorf("Busy until %v from now, want %v", time.Until(got).Round(time.Millisecond), left)
		}
		return
	}
	if want := clk.Now().Add(left); !got.Equal(want) {
		t.Errorf("Busy until %v, want %v", got, want)
	}
}

// renew runs a store's lease renewal now, and reports whether it still
// holds claims.
func renew(t testing.TB, s Store) bool {
	t.Helper()
	ctx := context.Background()
	switch s := s.(type) {
	case *Cache:
		if err := s.lease.renew(ctx, s); err != nil {
			t.Fatal(err)
		}
		return s.lease.held
	case *PG:
		if err := s.lease.renew(ctx, s); err != nil {
			t.Fatal(err)
		}
		return s.lease.held.Load()
	}
	return false
}
