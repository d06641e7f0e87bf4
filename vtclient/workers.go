package vtclient

import (
	"context"
	"sync"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// Query is one observable to look up.
type Query struct {
	Type       ioc.Type
	Observable string
}

// LookupEach looks the queries up with Config.Workers goroutines and hands
// each Result to fn as soon as it is known, with the query's index; fn is
// never called concurrently. It stops at the first error Lookup returns (a
// *FatalError, the context's error) and returns it; every result fetched
// before that has been handed to fn, so none is lost.
func (c *Client) LookupEach(ctx context.Context, qs []Query, fn func(i int, r Result)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var (
		wg    sync.WaitGroup
		fnMu  sync.Mutex
		first error
		once  sync.Once
	)
	for range min(c.cfg.Workers, max(len(qs), 1)) {
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
