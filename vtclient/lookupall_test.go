package vtclient_test

import (
	"context"
	"sync"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// query is one observable for lookupAll.
type query struct {
	Type       ioc.Type
	Observable string
}

// lookupAll looks qs up from workers goroutines, the way the pipeline's
// API workers call Lookup, handing each result to fn (never concurrently)
// with its index. It stops at the first error Lookup returns and returns
// it; every result fetched before that has been handed to fn.
func lookupAll(ctx context.Context, c *vtclient.Client, workers int, qs []query, fn func(i int, r vtclient.Result)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var (
		wg    sync.WaitGroup
		fnMu  sync.Mutex
		first error
		once  sync.Once
	)
	for range min(max(workers, 1), max(len(qs), 1)) {
		wg.Go(func() {
			for i := range next {
				r, err := c.Lookup(ctx, qs[i].Type, qs[i].Observable)
				if err != nil {
					once.Do(func() { first = err; cancel(err) })
					return
				}
				fnMu.Lock()
				fn(i, r)
				fnMu.Unlock()
			}
		})
	}
feed:
	for i := range qs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		first = context.Cause(ctx)
	}
	return first
}
