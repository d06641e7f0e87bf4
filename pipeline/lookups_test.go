package pipeline

import (
	"context"
	"sync"
	"testing"
)

// TestFIFOWakesEveryWorkerOnClose: workers waiting on an empty queue all
// return when it closes. (With one wake-up token, 31 of 32 workers of a run
// whose answers all came from the cache waited forever.)
func TestFIFOWakesEveryWorkerOnClose(t *testing.T) {
	for _, items := range []int{0, 1, 100} {
		var q fifo
		var wg sync.WaitGroup
		got := make([]int, 32)
		for w := range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					if _, ok := q.pop(context.Background()); !ok {
						return
					}
					got[w]++
				}
			}()
		}
		for i := range items {
			q.push(lookup{id: uint32(i)})
		}
		q.close()
		wg.Wait() // hangs (and the test times out) if a worker is never woken
		total := 0
		for _, n := range got {
			total += n
		}
		if total != items {
			t.Errorf("%d items pushed, %d popped", items, total)
		}
	}
}
