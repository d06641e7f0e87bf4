// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema on the server named by $VTENRICH_TEST_POSTGRES (.ci/postgres.sh
// starts one), dropped when the test ends, so that tests run in parallel.
// Without a server the tests skip, saying why; with
// $VTENRICH_REQUIRE_POSTGRES=1 (CI) they fail instead.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// server is the URL of the test server, or why there is none.
var server = sync.OnceValues(func() (string, string) {
	u := os.Getenv("VTENRICH_TEST_POSTGRES")
	if u == "" {
		return "", "no PostgreSQL server: set VTENRICH_TEST_POSTGRES (.ci/postgres.sh starts one)"
	}
	conn, err := Connect(u)
	if err != nil {
		return "", "cannot reach the PostgreSQL server of VTENRICH_TEST_POSTGRES: " + err.Error()
	}
	conn.Close(context.Background())
	return u, ""
})

// URL is the test server's URL. It skips the test when there is none, or
// fails it under VTENRICH_REQUIRE_POSTGRES=1.
func URL(t testing.TB) string {
	t.Helper()
	u, why := server()
	if why != "" {
		if os.Getenv("VTENRICH_REQUIRE_POSTGRES") == "1" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	return u
}

// Connect connects to u, waiting up to 30 s while the server restarts
// (another package's restart test may be restarting it).
func Connect(u string) (*pgx.Conn, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		conn, err := pgx.Connect(ctx, u)
		cancel()
		var pe *pgconn.PgError
		if err == nil || time.Now().After(deadline) || errors.As(err, &pe) && pe.Code != "57P03" {
			return conn, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Fresh is the test server's URL with a new schema (schema=t_...) of the
// test's own, dropped when the test ends: after the caches the test opens
// later have been closed by their own cleanups.
func Fresh(t testing.TB) string {
	t.Helper()
	base := URL(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		conn, err := Connect(base)
		if err != nil {
			t.Errorf("dropping schema %s: %v", schema, err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), `DROP SCHEMA IF EXISTS `+schema+` CASCADE`); err != nil {
			t.Errorf("dropping schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("schema", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// BusiestSecond is the most of times that fall in any window of one
// second: what a shared rate limit must bound. times is not changed.
func BusiestSecond(times []time.Time) int {
	times = slices.Clone(times)
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	most := 0
	for i, j := 0, 0; j < len(times); j++ {
		for times[j].Sub(times[i]) >= time.Second {
			i++
		}
		most = max(most, j-i+1)
	}
	return most
}
