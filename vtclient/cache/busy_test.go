package cache

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient"
)

// TestOpenWhileBusy: opening an existing cache takes no write lock, so a
// process writing without pause cannot starve another one's Open.
func TestOpenWhileBusy(t *testing.T) {
	path := t.TempDir() + "/cache.db"
	c0 := openAt(t, path, Options{})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := c0.Reserve(context.Background(), vtclient.KeyID("k"), "2026-03-02", 0); err != nil {
				t.Error(err)
				return
			}
		}
	})
	for i := range 50 {
		c, err := OpenFile(path, Options{})
		if err != nil {
			t.Errorf("open %d: %v", i, err)
			continue
		}
		c.Close()
	}
	close(stop)
	wg.Wait()
}

// TestConcurrentCreate: several openers of a cache that does not exist yet,
// as `xargs -P 4 vtenrich` on a fresh machine. Setting up a new file can
// answer SQLITE_BUSY without waiting; Open must wait instead.
func TestConcurrentCreate(t *testing.T) {
	for round := range 30 {
		path := fmt.Sprintf("%s/c%d.db", t.TempDir(), round)
		var wg sync.WaitGroup
		for range 6 {
			wg.Go(func() {
				c, err := OpenFile(path, Options{})
				if err != nil {
					t.Errorf("round %d: %v", round, err)
					return
				}
				if err := c.Close(); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
}
