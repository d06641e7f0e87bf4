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

// TestResolverCountsAnswersStillToCome: a generation is full when the
// answers its unresolved ids will bring would fill it, at the mean size of
// the answers so far. Counting only answers already in, a run paced by the
// API (the dedup stage tens of thousands of ids ahead) grew past its
// budget: the answers arrived after their generation had stopped being
// current, and nothing counted them.
func TestResolverCountsAnswersStillToCome(t *testing.T) {
	// The budget: what the set of 20 names takes (it starts with a few
	// MiB of its own), and 1 MiB for the answers.
	var set ioc.Set
	for i := range 20 {
		set.Add(ioc.DNS, []byte(fmt.Sprintf("d%d.org", i)))
	}
	r := newResolver(set.Bytes()+1<<20, t.TempDir(), nil, NewStats())
	ctx := context.Background()
	add := func(from, to int) {
		for i := from; i < to; i++ {
			r.Add(ioc.DNS, []byte(fmt.Sprintf("d%d.org", i)))
		}
		if err := r.Publish(ctx, false, int64(to)); err != nil {
			t.Fatal(err)
		}
	}
	answer := func(id int) {
		r.Resolve(uint32(id), &vtclient.Result{Status: vtclient.StatusSuccess, Raw: make([]byte, 64<<10)})
	}
	add(0, 10)
	for id := range 10 {
		answer(id) // 640 KiB in: under the budget
	}
	add(10, 11)
	if r.prev != nil {
		t.Fatalf("ten 64 KiB answers and one to come filled a 1 MiB generation (set: %d bytes)", r.cur.set.Bytes())
	}
	add(11, 20) // nine more to come: 1.25 MiB in all
	if r.prev == nil {
		t.Fatal("ten 64 KiB answers to come did not fill a 1 MiB generation holding ten")
	}
	for id := 10; id < 20; id++ {
		answer(id)
	}
	if r.curBytes != 0 || r.curPending != 0 {
		t.Errorf("the new generation counts %d bytes and %d pending ids of the one before", r.curBytes, r.curPending)
	}
}
