package pipeline

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

func TestResolverWatermark(t *testing.T) {
	r := newResolver(1<<30, "", nil, NewStats())
	for i := range 4 {
		if id, added := r.Add(ioc.DNS, []byte(fmt.Sprintf("d%d.org", i))); id != uint32(i) || !added {
			t.Fatalf("Add gave id %d (added %v), want %d", id, added, i)
		}
	}
	if id, added := r.Add(ioc.DNS, []byte("d2.org")); id != 2 || added {
		t.Fatalf("a second Add of d2.org gave %d, %v", id, added)
	}
	r.Publish(context.Background(), false, 0)
	steps := []struct {
		resolve uint32
		want    int64 // watermark after the step
	}{{2, 0}, {0, 1}, {1, 3}, {3, 4}}
	for _, s := range steps {
		r.Resolve(s.resolve, &vtclient.Result{Status: vtclient.StatusSuccess})
		if got, _ := r.Watermark(); got != s.want {
			t.Errorf("after resolving %d: watermark %d, want %d", s.resolve, got, s.want)
		}
	}
	if known, resolved := r.counts(); known != 4 || resolved != 4 {
		t.Errorf("counts = %d, %d; want 4, 4", known, resolved)
	}
}

// TestResolverQueueEndsForEveryWorker: workers waiting on an empty API
// queue all return once the cache checks are done, and every queued lookup
// is taken exactly once. (With one wake-up token, 31 of 32 workers of a
// run whose answers all came from the cache once waited forever.)
func TestResolverQueueEndsForEveryWorker(t *testing.T) {
	for _, items := range []int{0, 1, 100} {
		synctest.Test(t, func(t *testing.T) {
			r := newResolver(1<<30, "", nil, NewStats())
			var wg sync.WaitGroup
			got := make([]int, 32)
			for w := range 32 {
				wg.Go(func() {
					for {
						if _, ok := r.nextToAsk(context.Background()); !ok {
							return
						}
						got[w]++
					}
				})
			}
			for i := range items {
				r.Ask(lookup{id: uint32(i)})
			}
			r.Close()
			if _, ok := r.nextToCheck(context.Background(), 256); ok {
				t.Fatal("nextToCheck gave work after Close with nothing added")
			}
			wg.Wait() // a worker never woken is a deadlock, which synctest reports
			total := 0
			for _, n := range got {
				total += n
			}
			if total != items {
				t.Errorf("%d lookups queued, %d taken", items, total)
			}
		})
	}
}
