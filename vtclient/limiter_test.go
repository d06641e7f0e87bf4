package vtclient_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
	"golang.org/x/time/rate"
)

// TestNeverMoreThanNPerMinute is the property the free key depends on: with
// a rate of N per minute, the server never sees more than N requests in any
// 60-second window, whatever the workers, retries and faults, and so never
// answers 429.
func TestNeverMoreThanNPerMinute(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 500))
	for run := range 40 {
		n, workers := 1+rng.IntN(20), 1+rng.IntN(4)
		items := n + rng.IntN(3*n+5)
		fo := vtfake.Options{MinuteQuota: n, Seed: uint64(run)}
		if run%2 == 1 {
			fo.FailRate, fo.ResetRate, fo.TruncateRate = 0.15, 0.05, 0.05
		}
		name := fmt.Sprintf("N=%d/workers=%d/items=%d/faults=%v", n, workers, items, run%2 == 1)
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newHarness(t, fo, vtclient.Config{Rate: rate.Limit(float64(n) / 60), Workers: workers, Retries: 10})
				defer h.close()
				qs := make([]query, items)
				for i := range qs {
					qs[i] = query{Type: ioc.DNS, Observable: fmt.Sprintf("host%d.net", i)}
				}
				got := 0
				err := lookupAll(context.Background(), h.c, workers, qs, func(i int, r vtclient.Result) {
					got++
					if r.Status != vtclient.StatusSuccess {
						t.Errorf("%s: %s %s", qs[i].Observable, r.Status, r.VerboseMsg)
					}
				})
				if err != nil || got != items {
					t.Fatalf("%d results, %v", got, err)
				}
				log := h.fake.Log()
				for i := range log {
					in := 0
					for j := i; j < len(log) && log[j].Time.Sub(log[i].Time) < time.Minute; j++ {
						in++
					}
					if in > n {
						t.Fatalf("%d requests in the minute from %v", in, log[i].Time)
					}
				}
				if h.fake.Stats().ByStatus["429"] != 0 || h.c.Stats().TooMany != 0 {
					t.Errorf("429s: %v", h.fake.Stats().ByStatus)
				}
			})
		})
	}
}

// TestABurstKeepsTheMinute: a rate fast enough to have a burst (3000 a
// minute: 3 back to back) still never puts more than N requests in any
// 60-second window, the burst at the start included, with workers that
// come back late (latency) and retries.
func TestABurstKeepsTheMinute(t *testing.T) {
	const n = 3000
	r := rate.Limit(float64(n) / 60)
	if vtclient.DefaultBurst(r) < 2 {
		t.Fatalf("burst %d at %d a minute: the test needs one", vtclient.DefaultBurst(r), n)
	}
	synctest.Test(t, func(t *testing.T) {
		fo := vtfake.Options{MinuteQuota: n, Seed: 7, Latency: 30 * time.Millisecond, FailRate: 0.02}
		h := newHarness(t, fo, vtclient.Config{Rate: r, Workers: 8, Retries: 10})
		defer h.close()
		qs := make([]query, n+n/3)
		for i := range qs {
			qs[i] = query{Type: ioc.DNS, Observable: fmt.Sprintf("host%d.net", i)}
		}
		if err := lookupAll(context.Background(), h.c, 8, qs, func(int, vtclient.Result) {}); err != nil {
			t.Fatal(err)
		}
		log := h.fake.Log()
		for i, j := 0, 0; i < len(log); i++ {
			for j < len(log) && log[j].Time.Sub(log[i].Time) < time.Minute {
				j++
			}
			if j-i > n {
				t.Fatalf("%d requests in the minute from %v", j-i, log[i].Time)
			}
		}
		if h.fake.Stats().ByStatus["429"] != 0 {
			t.Errorf("429s: %v", h.fake.Stats().ByStatus)
		}
	})
}

// TestEveryAttemptWaits checks that retries wait on the limiter like first
// attempts, and that net/http never resends a request by itself.
func TestEveryAttemptWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{})
		defer h.close()
		h.fake.Inject(vtfake.FaultNone, vtfake.FaultReset, vtfake.FaultTransient, vtfake.FaultNone, vtfake.FaultReset,
			vtfake.FaultTruncate, vtfake.FaultQuota, vtfake.FaultNone, vtfake.FaultStall, vtfake.FaultNone)
		for i := range 4 {
			if r, err := h.lookup(ioc.DNS, fmt.Sprintf("d%d.net", i)); err != nil || r.Status != vtclient.StatusSuccess {
				t.Fatalf("lookup %d: %+v %v", i, r, err)
			}
		}
		st := h.c.Stats()
		if st.Requests != 10 || st.Waits != st.Requests {
			t.Errorf("%d requests, %d limiter waits", st.Requests, st.Waits)
		}
		log := h.fake.Log()
		interval := time.Minute / 4
		for i := 1; i < len(log); i++ {
			if gap := log[i].Time.Sub(log[i-1].Time); gap < interval {
				t.Errorf("request %d came %v after the one before, less than %v", i, gap, interval)
			}
		}
	})
}

func TestCancelStopsPromptly(t *testing.T) {
	tests := []struct {
		name    string
		faults  []vtfake.Fault
		prepare int // lookups before the cancelled one
		sent    int // requests the cancelled lookup makes
	}{
		{"in-flight request", f(vtfake.FaultStall), 0, 1},
		{"limiter wait", nil, 1, 0},
		{"retry backoff", f(vtfake.FaultTransient), 0, 1},
		{"429 backoff", f(vtfake.FaultQuota), 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newHarness(t, vtfake.Options{}, vtclient.Config{})
				defer h.close()
				for i := range tt.prepare {
					if _, err := h.lookup(ioc.DNS, fmt.Sprintf("p%d.net", i)); err != nil {
						t.Fatal(err)
					}
				}
				h.fake.Inject(tt.faults...)
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(2*time.Second, cancel)
				start := time.Now()
				_, err := h.c.Lookup(ctx, ioc.DNS, "cancelled.net")
				if !errors.Is(err, context.Canceled) || time.Since(start) != 2*time.Second {
					t.Errorf("error %v after %v, want context.Canceled after 2s", err, time.Since(start))
				}
				if got := h.requests(); got != tt.prepare+tt.sent {
					t.Errorf("%d requests, want %d", got, tt.prepare+tt.sent)
				}
			})
		})
	}
}

// TestFatalStopsTheOtherWorkers: after a refused key, no worker sends
// another request, and the answers that came before are kept.
func TestFatalStopsTheOtherWorkers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{Workers: 2})
		defer h.close()
		h.fake.Inject(vtfake.FaultNone, vtfake.FaultNone, vtfake.FaultWrongKey)
		qs := make([]query, 10)
		for i := range qs {
			qs[i] = query{Type: ioc.DNS, Observable: fmt.Sprintf("d%d.net", i)}
		}
		var mu sync.Mutex
		var got []int
		err := lookupAll(context.Background(), h.c, 2, qs, func(i int, r vtclient.Result) {
			mu.Lock()
			got = append(got, i)
			mu.Unlock()
		})
		var fe *vtclient.FatalError
		if !errors.As(err, &fe) || len(got) != 2 {
			t.Errorf("error %v, results %v", err, got)
		}
	})
}

// TestLookupsEndWithTheirContext: cancelling ends the lookups waiting on
// the rate limit.
func TestLookupsEndWithTheirContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{Workers: 2})
		defer h.close()
		qs := make([]query, 10)
		for i := range qs {
			qs[i] = query{Type: ioc.DNS, Observable: fmt.Sprintf("d%d.net", i)}
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(40*time.Second, cancel)
		n := 0
		err := lookupAll(ctx, h.c, 2, qs, func(int, vtclient.Result) { n++ })
		if !errors.Is(err, context.Canceled) || n != 3 || time.Since(midnight.AddDate(0, 0, -1)) != 40*time.Second {
			t.Errorf("error %v, %d results, at %v", err, n, time.Now())
		}
	})
}

// TestLookupReportsItsWaits: a lookup adds to its context's recorder the
// time it waited on the rate limiter and on back-offs, and nothing of the
// request's own time, so that the pipeline can size its pool from the
// time a request really takes.
func TestLookupReportsItsWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{Latency: 300 * time.Millisecond}, vtclient.Config{Rate: rate.Limit(1), Retries: 3})
		defer h.close()
		lookup := func(obs string) time.Duration {
			var waited time.Duration
			r, err := h.c.Lookup(vtclient.WithWaits(context.Background(), &waited), ioc.DNS, obs)
			if err != nil || r.Status != vtclient.StatusSuccess {
				t.Fatalf("%s: %+v %v", obs, r, err)
			}
			return waited
		}
		if w := lookup("first.net"); w != 0 {
			t.Errorf("the first lookup waited %v, want 0 (the limiter's first slot is free)", w)
		}
		// The second slot is a second after the first; the first lookup
		// took 300 ms of it, which is not a wait.
		if w := lookup("second.net"); w < 650*time.Millisecond || w > 750*time.Millisecond {
			t.Errorf("the second lookup waited %v, want about 700 ms", w)
		}
		// A transient failure: its back-off is a wait too, and so is the
		// retry's slot.
		h.fake.Inject(vtfake.FaultTransient)
		start := time.Now()
		w := lookup("third.net")
		if took := time.Since(start); w < took-2*300*time.Millisecond-time.Millisecond || w >= took {
			t.Errorf("a retried lookup took %v and waited %v, want all but its two requests' 600 ms", took, w)
		}
	})
}
