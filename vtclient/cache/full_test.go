package cache

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// warnings collects Options.Warn messages.
type warnings struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warnings) warn(msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, msg)
}

func (w *warnings) all() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.msgs, "\n")
}

// bigResult is a found domain with an incompressible 40 KiB raw object,
// so that a few of them need new pages in the file.
func bigResult(t *testing.T, i int) vtclient.Result {
	t.Helper()
	pad := make([]byte, 20<<10)
	if _, err := rand.Read(pad); err != nil {
		t.Fatal(err)
	}
	obs := fmt.Sprintf("big-%d.example.net", i)
	r := found(ioc.DNS, obs, i)
	r.Raw = []byte(fmt.Sprintf(`{"type":"domain","id":%q,"attributes":{"padding":%q}}`, obs, hex.EncodeToString(pad)))
	return r
}

// fillUp makes c's writer unable to grow the file, as a full disk would:
// PRAGMA max_page_count holds it to its current size.
func fillUp(t *testing.T, c *Cache) {
	t.Helper()
	var pages int
	if err := c.w.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := c.w.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

// TestDiskFull: answers a full disk keeps out of the cache go to the side
// file, stay visible, make Put and Flush report ErrCacheFull naming both
// files, and are imported (and the side file removed) by the next Open.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cache.db")
	var w warnings
	c, err := OpenFile(path, Options{Warn: w.warn})
	if err != nil {
		t.Fatal(err)
	}
	put(t, c, found(ioc.DNS, "before.example.net", 1))
	flush(t, c)
	fillUp(t, c)

	const n = 12
	for i := range n {
		if err := c.Put(ctx, bigResult(t, i)); err != nil && !errors.Is(err, ErrCacheFull) {
			t.Fatal(err)
		}
	}
	err = c.Flush(ctx)
	var fe *FullError
	if !errors.Is(err, ErrCacheFull) || !errors.As(err, &fe) {
		t.Fatalf("Flush on a full disk: %v", err)
	}
	unsaved := path + ".unsaved.jsonl"
	if fe.Path != path || fe.Unsaved != unsaved || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), unsaved) {
		t.Errorf("error %q does not name the cache and the side file", err)
	}
	if err := c.Put(ctx, bigResult(t, n)); !errors.Is(err, ErrCacheFull) {
		t.Errorf("Put after the disk filled: %v, want ErrCacheFull", err)
	}
	for i := range n + 1 {
		if _, ok := get(t, c, ioc.DNS, fmt.Sprintf("big-%d.example.net", i), false); !ok {
			t.Errorf("big-%d: an answer in the side file is not visible", i)
		}
	}
	if err := c.Close(); !errors.Is(err, ErrCacheFull) {
		t.Errorf("Close: %v, want ErrCacheFull (the last answer went to the side file)", err)
	}
	saved := countLines(t, unsaved)
	if saved == 0 || saved > n+1 {
		t.Fatalf("side file holds %d answers, want 1 to %d", saved, n+1)
	}
	t.Logf("%d of %d answers went to the side file", saved, n+1)

	c2 := openAt(t, path, Options{Warn: w.warn})
	if _, err := os.Stat(unsaved); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the side file is still there after Open: %v", err)
	}
	if !strings.Contains(w.all(), fmt.Sprintf("imported %d answers", saved)) {
		t.Errorf("warnings %q do not report the import", w.all())
	}
	for i := range n + 1 {
		r, ok := get(t, c2, ioc.DNS, fmt.Sprintf("big-%d.example.net", i), true)
		if !ok || len(r.Raw) < 40<<10 {
			t.Errorf("big-%d lost: %v", i, ok)
		}
	}
	checkIntegrity(t, c2)
}

// TestFullErrorsOfOtherWrites: a claim, a ledger reservation and an import
// that find no room are *FullError too, so that the caller stops asking.
func TestFullErrorsOfOtherWrites(t *testing.T) {
	c := openTest(t, Options{})
	fillUp(t, c)
	ctx := context.Background()
	keys := make([]Key, 2000)
	for i := range keys {
		keys[i] = Key{ioc.DNS, fmt.Sprintf("claim-%04d-%s.example.net", i, strings.Repeat("x", 100))}
	}
	if _, err := c.Claim(ctx, keys, false, false); !errors.Is(err, ErrCacheFull) {
		t.Errorf("Claim: %v", err)
	}
	var lines strings.Builder
	for i := range 20 {
		r := bigResult(t, i)
		fmt.Fprintf(&lines, `{"data":%s}`+"\n", r.Raw)
	}
	if _, err := c.Import(ctx, strings.NewReader(lines.String()), "in.jsonl"); !errors.Is(err, ErrCacheFull) {
		t.Errorf("Import: %v", err)
	}
}

// TestUnsavedAppendWhileImporting: one Cache appends to the side file while
// another imports and removes it, again and again; no answer is lost
// between them.
func TestUnsavedAppendWhileImporting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	a := openAt(t, path, Options{})
	b := openAt(t, path, Options{})
	const n = 200
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range n {
			e, _, err := newEntry(found(ioc.DNS, fmt.Sprintf("side-%d.example.net", i), i), time.Now())
			if err == nil {
				err = a.saveUnsaved([]*entry{e})
			}
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		b.importUnsaved()
	}
	for i := range n {
		if _, ok := get(t, b, ioc.DNS, fmt.Sprintf("side-%d.example.net", i), false); !ok {
			t.Errorf("side-%d lost", i)
		}
	}
}
