package pipeline

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// gateWaiters starts n workers that enter g one after the other (each
// queued before the next starts) and records, in order, those admitted.
type gateWaiters struct {
	mu       sync.Mutex
	admitted []int
	errs     map[int]error
}

func (w *gateWaiters) start(t *testing.T, g *gate, ctxs []context.Context) {
	t.Helper()
	w.errs = map[int]error{}
	for i, ctx := range ctxs {
		go func() {
			err := g.enter(ctx)
			w.mu.Lock()
			defer w.mu.Unlock()
			if err != nil {
				w.errs[i] = err
				return
			}
			w.admitted = append(w.admitted, i)
		}()
		synctest.Wait() // queued before the next one comes
	}
}

func (w *gateWaiters) got() []int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.admitted)
}

// TestGateHandsEachFreePlaceToTheOldestWaiter: a request that ends lets
// exactly one waiter in, the one that waited longest.
func TestGateHandsEachFreePlaceToTheOldestWaiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := newGate(2, 0)
		ctx := context.Background()
		for range 2 {
			if err := g.enter(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var w gateWaiters
		w.start(t, g, []context.Context{ctx, ctx, ctx, ctx})
		if got := w.got(); len(got) != 0 {
			t.Fatalf("admitted %v with the gate full", got)
		}
		for i, want := range [][]int{{0}, {0, 1}, {0, 1, 2}} {
			g.leave(0)
			synctest.Wait()
			if got := w.got(); !slices.Equal(got, want) {
				t.Fatalf("after %d requests ended, admitted %v, want %v", i+1, got, want)
			}
		}
		if g.inFlight != 2 || len(g.waiting) != 1 {
			t.Errorf("in flight %d, waiting %d; want 2 and 1", g.inFlight, len(g.waiting))
		}
		g.leave(0) // the last waiter in, so that the bubble ends
		synctest.Wait()
	})
}

// fullGateWithQuitter returns a gate of one place, taken, with two
// waiters queued: the first can be made to give up with quit.
func fullGateWithQuitter(t *testing.T) (*gate, *gateWaiters, context.CancelFunc) {
	t.Helper()
	g := newGate(1, 0)
	if err := g.enter(context.Background()); err != nil {
		t.Fatal(err)
	}
	quitting, quit := context.WithCancel(context.Background())
	w := &gateWaiters{}
	w.start(t, g, []context.Context{quitting, context.Background()})
	return g, w, quit
}

// TestGateWaiterThatGivesUpTakesNoPlace: a waiter whose context ends
// leaves the queue, and a place handed to it as it gave up goes to the
// next waiter, so no place is ever lost or counted twice.
func TestGateWaiterThatGivesUpTakesNoPlace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g, w, quit := fullGateWithQuitter(t)
		quit()
		synctest.Wait()
		if !errors.Is(w.errs[0], context.Canceled) {
			t.Fatalf("the waiter that gave up got %v, want context.Canceled", w.errs[0])
		}
		g.leave(0)
		synctest.Wait()
		if got := w.got(); !slices.Equal(got, []int{1}) {
			t.Fatalf("admitted %v, want the waiter still waiting, [1]", got)
		}
		if g.inFlight != 1 || len(g.waiting) != 0 {
			t.Errorf("in flight %d, waiting %d; want 1 and 0", g.inFlight, len(g.waiting))
		}
	})
}

// TestGateHandOffRacingACancel: the place is handed over in the same
// instant as the waiter's context ends; whichever it sees, the place is
// either its own or the next waiter's.
func TestGateHandOffRacingACancel(t *testing.T) {
	for range 50 {
		synctest.Test(t, func(t *testing.T) {
			g, w, quit := fullGateWithQuitter(t)
			quit()
			g.leave(0) // both before the waiter runs again
			synctest.Wait()
			got := w.got()
			switch {
			case w.errs[0] == nil && slices.Equal(got, []int{0}):
			case errors.Is(w.errs[0], context.Canceled) && slices.Equal(got, []int{1}):
			default:
				t.Fatalf("admitted %v, errors %v: want the place taken by exactly one of them", got, w.errs)
			}
			if g.inFlight != 1 {
				t.Errorf("in flight %d, want 1", g.inFlight)
			}
		})
	}
}

// TestGateSizesFromRequestsAlone: the places follow rate × the moving
// average of a request's time in its place, and a place that held no
// request (its lookup answered by the claim) does not pull it down.
func TestGateSizesFromRequestsAlone(t *testing.T) {
	g := newGate(640, 600)
	if g.want != 375 { // 600/s × 500 ms assumed × 1.25
		t.Fatalf("before any request: %d places, want 375", g.want)
	}
	for range 2 {
		if err := g.enter(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	g.leave(60 * time.Millisecond) // the first sample is the average: 600 × 60 ms × 1.25
	if g.want != 45 {
		t.Fatalf("after a 60 ms request: %d places, want 45", g.want)
	}
	g.leave(0)
	if g.want != 45 {
		t.Errorf("after a place that held no request: %d places, want 45 still", g.want)
	}
	if g.inFlight != 0 {
		t.Errorf("%d in flight after both left", g.inFlight)
	}
}
