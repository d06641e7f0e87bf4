package cache

import (
	"context"
	"sync"
	"testing"

	"github.com/vtenrich/vtenrich/vtclient"
)

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
		c, err := Open(path, Options{})
		if err != nil {
			t.Errorf("open %d: %v", i, err)
			continue
		}
		c.Close()
	}
	close(stop)
	wg.Wait()
}
