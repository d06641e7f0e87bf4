package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// t0 is the fake clock's start: a Monday, so day arithmetic is easy to read.
var t0 = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// clock is a settable fake Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: t0} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// openTest opens a cache in a fresh temporary directory, closed with the
// test.
func openTest(t testing.TB, opts Options) *Cache {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "cache.db"), opts)
}

func openAt(t testing.TB, path string, opts Options) *Cache {
	t.Helper()
	c, err := OpenFile(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return c
}

// fixture reads a testdata file shared by the cache tests.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "cache", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// found is a successful result for a synthetic observable of type t, with a
// small raw object; files get consistent md5/sha1/sha256 derived from seq.
func found(t ioc.Type, obs string, seq int) vtclient.Result {
	r := vtclient.Result{
		Observable: obs, Type: t,
		Status: vtclient.StatusSuccess, ResponseCode: vtclient.ResponseFound,
		Resource: obs, Permalink: "https://www.virustotal.com/gui/x/" + obs,
		Positives: int64(seq % 7), Malicious: int64(seq % 7), Harmless: 60, Total: 70,
		LastAnalysisDate: t0.Add(-time.Duration(seq) * time.Hour),
		Tags:             []string{"tag", fmt.Sprint(seq)},
		Verdict:          vtclient.VerdictClean,
		// As FromObject maps it; results without Details are those older
		// versions stored (see TestOldEntryGetsDetails).
		Details: &vtclient.Details{VotesMalicious: int64(seq % 3)},
	}
	kind := map[string]string{"files": "file", "urls": "url", "domains": "domain", "ip_addresses": "ip_address"}[vtclient.Collection(t)]
	attrs := ""
	switch {
	case t.IsHash():
		md5, sha1, sha256 := fileHashes(seq)
		r.MD5, r.SHA1, r.SHA256, r.Resource = md5, sha1, sha256, sha256
		attrs = fmt.Sprintf(`"md5": %q, "sha1": %q, "sha256": %q, `, md5, sha1, sha256)
	case t == ioc.URL:
		sum := sha256.Sum256([]byte(obs))
		r.Resource = hex.EncodeToString(sum[:])
		attrs = fmt.Sprintf(`"url": %q, `, obs)
	}
	// A v3 object of the right kind and id (the cache and its imports
	// check that an answer is for its observable), padded to a realistic
	// size.
	r.Raw = json.RawMessage(fmt.Sprintf(`{
  "type": %q,
  "id": %q,
  "attributes": {%s"seq": %d, "padding": %q}
}`, kind, r.Resource, attrs, seq, fmt.Sprintf("%0400d", seq)))
	return r
}

// fileHashes are distinct lower-case hex strings of the three lengths.
func fileHashes(seq int) (md5, sha1, sha256 string) {
	h := fmt.Sprintf("%064x", uint64(seq)*0x9e3779b97f4a7c15+1)
	return "a" + h[33:], "b" + h[25:], "c" + h[1:]
}

func notFound(t ioc.Type, obs string) vtclient.Result {
	return vtclient.Result{
		Observable: obs, Type: t,
		Status: vtclient.StatusNotFound, ResponseCode: vtclient.ResponseNotFound,
		VerboseMsg: "not found",
	}
}

func put(t testing.TB, c Store, rs ...vtclient.Result) {
	t.Helper()
	for _, r := range rs {
		if err := c.Put(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
}

func flush(t testing.TB, c Store) {
	t.Helper()
	if err := c.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, c Store, typ ioc.Type, obs string, withRaw bool) (vtclient.Result, bool) {
	t.Helper()
	r, ok, err := c.Get(context.Background(), typ, obs, withRaw)
	if err != nil {
		t.Fatal(err)
	}
	return r, ok
}
