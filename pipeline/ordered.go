package pipeline

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// ordered applies work to every item of in on up to n goroutines and sends
// the results to out in input order: parallel speed, sequential meaning.
// Each goroutine owns one state value (a scanner with scratch buffers) from
// states, which must hold n of them.
func ordered[In, Out, State any](ctx context.Context, states []State, in <-chan In, out chan<- Out,
	work func(State, In) (Out, error)) error {
	type result struct {
		v   Out
		err error
	}
	g, ctx := errgroup.WithContext(ctx)
	free := make(chan State, len(states))
	for _, s := range states {
		free <- s
	}
	// pending holds one future per item in input order; its capacity bounds
	// the items in flight.
	pending := make(chan chan result, len(states))
	g.Go(func() error {
		defer close(pending)
		for {
			var item In
			select {
			case v, ok := <-in:
				if !ok {
					return nil
				}
				item = v
			case <-ctx.Done(): // a failed batch must not wait for the next input line
				return ctx.Err()
			}
			var st State
			select {
			case st = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
			future := make(chan result, 1)
			select {
			case pending <- future:
			case <-ctx.Done():
				return ctx.Err()
			}
			g.Go(func() error {
				v, err := work(st, item)
				free <- st
				future <- result{v, err}
				return nil
			})
		}
	})
	g.Go(func() error {
		for future := range pending {
			var r result
			select {
			case r = <-future:
			case <-ctx.Done():
				return ctx.Err()
			}
			if r.err != nil {
				return r.err
			}
			select {
			case out <- r.v:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	return g.Wait()
}
