package cache

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

func claim(t *testing.T, c Store, refresh bool, keys ...Key) []Claim {
	t.Helper()
	cl, err := c.Claim(context.Background(), keys, false, refresh)
	if err != nil {
		t.Fatal(err)
	}
	if len(cl) != len(keys) {
		t.Fatalf("Claim returned %d claims for %d keys", len(cl), len(keys))
	}
	return cl
}

func states(cl []Claim) []ClaimState {
	s := make([]ClaimState, len(cl))
	for i, c := range cl {
		s[i] = c.State
	}
	return s
}

func wantStates(t *testing.T, what string, cl []Claim, want ...ClaimState) {
	t.Helper()
	if got := states(cl); !slices.Equal(got, want) {
		t.Errorf("%s: states %v, want %v", what, got, want)
	}
}

func claimRows(t *testing.T, c Store) int {
	t.Helper()
	return count(t, c, `SELECT count(*) FROM claims`)
}

var (
	kEvil  = Key{ioc.DNS, "evil.example.net"}
	kOther = Key{ioc.DNS, "other.example.net"}
	kIP    = Key{ioc.IPv4, "203.0.113.9"}
)

// TestClaimStates walks the protocol between two owners: claim, busy, the
// answer that ends a claim, release.
func TestClaimStates(t *testing.T) { forEachBackend(t, testClaimStates) }

func testClaimStates(t *testing.T, be testBackend) {
	a, b, clk := be.twoOwners(t, Options{})
	wantStates(t, "A claims two", claim(t, a, false, kEvil, kOther), Claimed, Claimed)
	cl := claim(t, b, false, kEvil, kOther, kIP)
	wantStates(t, "B while A holds two", cl, Busy, Busy, Claimed)
	wantUntil(t, b, clk, cl[0].Until, DefaultLease) // the end of A's lease
	wantStates(t, "A asks again for its own", claim(t, a, false, kEvil), Claimed)

	put(t, a, found(kEvil.Type, kEvil.Observable, 1))
	wantStates(t, "A's own answer, not yet written", claim(t, a, false, kEvil), Answered)
	wantStates(t, "B before A's answer is written", claim(t, b, false, kEvil), Busy)
	flush(t, a)
	cl = claim(t, b, false, kEvil)
	wantStates(t, "B after A's answer", cl, Answered)
	if !cl[0].Result.FromCache || cl[0].Result.Observable != kEvil.Observable || cl[0].Result.Status != vtclient.StatusSuccess {
		t.Errorf("Answered result %+v", cl[0].Result)
	}

	if err := a.Release(context.Background(), []Key{kOther}); err != nil {
		t.Fatal(err)
	}
	wantStates(t, "B after A released", claim(t, b, false, kOther), Claimed)
	if n := claimRows(t, a); n != 2 {
		t.Errorf("%d claim rows, want B's two (the answer ended A's)", n)
	}
}

// TestClaimLease: an expired lease is taken over; a renewed one is not.
func TestClaimLease(t *testing.T) { forEachBackend(t, testClaimLease) }

func testClaimLease(t *testing.T, be testBackend) {
	const lease = 30 * time.Second
	a, b, clk := be.twoOwners(t, Options{Lease: lease})
	ctx := context.Background()
	wantStates(t, "A claims", claim(t, a, false, kEvil, kOther), Claimed, Claimed)

	pass(t, clk, 20*time.Second, a)
	if !renew(t, a) {
		t.Error("A holds claims, but renew says it holds none")
	}
	pass(t, clk, 20*time.Second, a) // 40 s after the claim, 20 s after the renewal
	cl := claim(t, b, false, kEvil)
	wantStates(t, "B after A renewed", cl, Busy)
	wantUntil(t, b, clk, cl[0].Until, lease-20*time.Second)

	pass(t, clk, lease, a) // A stopped renewing: killed, or frozen
	wantStates(t, "B after A's lease ended", claim(t, b, false, kEvil, kOther), Claimed, Claimed)
	wantStates(t, "A after B took over", claim(t, a, false, kEvil), Busy)

	// A renewal finds no claim left and stops writing until the next Claim.
	if err := b.Release(ctx, []Key{kEvil, kOther}); err != nil {
		t.Fatal(err)
	}
	if renew(t, b) {
		t.Error("renew without claims: still held")
	}
}

// TestClaimRefresh: under refresh an answer from before this Cache was
// opened does not count, one fetched since does, and a live claim of
// another owner still does.
func TestClaimRefresh(t *testing.T) { forEachBackend(t, testClaimRefresh) }

func testClaimRefresh(t *testing.T, be testBackend) {
	clk := newClock()
	path := be.fresh(t)
	old := be.open(t, path, Options{Now: clk.Now})
	put(t, old, found(kEvil.Type, kEvil.Observable, 1))
	flush(t, old)
	clk.Add(time.Minute)
	a := be.open(t, path, Options{Now: clk.Now})
	b := be.open(t, path, Options{Now: clk.Now})
	wantStates(t, "no refresh", claim(t, a, false, kEvil), Answered)
	wantStates(t, "refresh", claim(t, a, true, kEvil), Claimed)
	wantStates(t, "refresh, A holds it", claim(t, b, true, kEvil), Busy)
	clk.Add(time.Second)
	put(t, a, found(kEvil.Type, kEvil.Observable, 2))
	flush(t, a)
	cl := claim(t, b, true, kEvil)
	wantStates(t, "refresh, fetched since B opened", cl, Answered)
	if cl[0].Result.Positives != 2 {
		t.Errorf("Answered with the old answer: %+v", cl[0].Result)
	}
}

// TestClaimFileAliases: once a file is known, its MD5, SHA-1 and SHA-256
// are one observable: claiming one claims all three, and the answer by one
// answers the others.
func TestClaimFileAliases(t *testing.T) { forEachBackend(t, testClaimFileAliases) }

func testClaimFileAliases(t *testing.T, be testBackend) {
	a, b, clk := be.twoOwners(t, Options{})
	ctx := context.Background()
	md5, sha1, sha256 := fileHashes(7)
	kMD5, kSHA1, kSHA256 := Key{ioc.MD5, md5}, Key{ioc.SHA1, sha1}, Key{ioc.SHA256, sha256}
	put(t, a, found(ioc.MD5, md5, 7))
	flush(t, a)
	clk.Add(DefaultFoundTTL + time.Hour) // known, but stale: to be fetched again

	wantStates(t, "A by MD5", claim(t, a, false, kMD5), Claimed)
	wantStates(t, "B by SHA-256 and SHA-1", claim(t, b, false, kSHA256, kSHA1), Busy, Busy)
	wantStates(t, "A by SHA-1, through its MD5 claim", claim(t, a, false, kSHA1), Busy)

	if err := a.Release(ctx, []Key{kMD5}); err != nil {
		t.Fatal(err)
	}
	if n := claimRows(t, a); n != 0 {
		t.Errorf("Release of the MD5 left %d claim rows", n)
	}
	wantStates(t, "B by SHA-256 after the release", claim(t, b, false, kSHA256), Claimed)
	wantStates(t, "A by MD5 now", claim(t, a, false, kMD5), Busy)
	r := found(ioc.SHA256, sha256, 7)
	r.FetchedAt = clk.Now()
	put(t, b, r)
	flush(t, b)
	if n := claimRows(t, a); n != 0 {
		t.Errorf("the answer left %d claim rows", n)
	}
	wantStates(t, "every hash after B's answer", claim(t, a, false, kMD5, kSHA1, kSHA256), Answered, Answered, Answered)
}

// TestCloseReleasesClaims: a Cache closed with claims left gives them up.
func TestCloseReleasesClaims(t *testing.T) { forEachBackend(t, testCloseReleasesClaims) }

func testCloseReleasesClaims(t *testing.T, be testBackend) {
	clk := newClock()
	path := be.fresh(t)
	a, err := openRetry(path, Options{Now: clk.Now, UnsavedDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	b := be.open(t, path, Options{Now: clk.Now})
	wantStates(t, "A", claim(t, a, false, kEvil), Claimed)
	wantStates(t, "B", claim(t, b, false, kEvil), Busy)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	wantStates(t, "B after A closed", claim(t, b, false, kEvil), Claimed)
	if _, err := a.Claim(context.Background(), []Key{kEvil}, false, false); !errors.Is(err, ErrClosed) {
		t.Errorf("Claim after Close: %v", err)
	}
	if err := a.Release(context.Background(), []Key{kEvil}); !errors.Is(err, ErrClosed) {
		t.Errorf("Release after Close: %v", err)
	}
}

// TestClaimNotFoundAndRaw: a not-found answer answers too, and withRaw
// brings the raw object.
func TestClaimNotFoundAndRaw(t *testing.T) { forEachBackend(t, testClaimNotFoundAndRaw) }

func testClaimNotFoundAndRaw(t *testing.T, be testBackend) {
	a, b, _ := be.twoOwners(t, Options{})
	put(t, a, notFound(ioc.DNS, "gone.example.net"), found(kEvil.Type, kEvil.Observable, 3))
	flush(t, a)
	cl, err := b.Claim(context.Background(), []Key{{ioc.DNS, "gone.example.net"}, kEvil}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	wantStates(t, "B", cl, Answered, Answered)
	if cl[0].Result.Status != vtclient.StatusNotFound {
		t.Errorf("not-found answer: %+v", cl[0].Result)
	}
	if len(cl[1].Result.Raw) == 0 {
		t.Error("withRaw: no raw object")
	}
}

// TestWriterSyncFollowsTheTransaction: claims commit with synchronous=NORMAL
// and answers and the ledger with FULL, the setting changed only when the
// kind of transaction changes, never left at NORMAL for an answer.
func TestWriterSyncFollowsTheTransaction(t *testing.T) {
	ctx := context.Background()
	c := openTest(t, Options{})
	syncIn := func(tx *sql.Tx) int {
		t.Helper()
		var n int
		if err := tx.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	const normal, full = 1, 2
	durable := func() int {
		t.Helper()
		tx, done, err := c.beginOnWriter(ctx, syncFull)
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		defer tx.Rollback()
		return syncIn(tx)
	}
	claim := func() (n int) {
		t.Helper()
		if err := c.claimTx(ctx, func(tx *sql.Tx) error { n = syncIn(tx); return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i, step := range []struct {
		name string
		run  func() int
		want int
	}{
		{"answer first", durable, full},
		{"claim", claim, normal},
		{"claim again", claim, normal},
		{"answer after claims", durable, full},
		{"claim after an answer", claim, normal},
	} {
		if got := step.run(); got != step.want {
			t.Errorf("step %d (%s): synchronous = %d, want %d", i, step.name, got, step.want)
		}
	}
	// A real claim, then a real answer: the answer's write is FULL.
	if _, err := c.Claim(ctx, []Key{{Type: ioc.DNS, Observable: "evil.example.net"}}, false, false); err != nil {
		t.Fatal(err)
	}
	if c.wSync != syncNormal {
		t.Fatalf("after a claim the writer is at %q", c.wSync)
	}
	if got := durable(); got != full {
		t.Errorf("an answer after a claim commits with synchronous = %d", got)
	}
}
