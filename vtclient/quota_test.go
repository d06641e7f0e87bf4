package vtclient_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
	"golang.org/x/time/rate"
)

// midnight is the first 00:00 UTC after the synctest epoch (2000-01-01).
var midnight = time.Date(2000, 1, 2, 0, 0, 0, 0, time.UTC)

func TestServerDailyQuotaStopsRequests(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{DailyQuota: 2}, vtclient.Config{})
		defer h.close()
		var statuses []string
		for i := range 6 {
			r, err := h.lookup(ioc.DNS, fmt.Sprintf("d%d.net", i))
			if err != nil {
				t.Fatal(err)
			}
			statuses = append(statuses, r.Status.String())
			if i == 2 {
				if !h.c.QuotaExhausted() {
					t.Fatal("not exhausted after the 429s")
				}
				if !strings.Contains(r.VerboseMsg, "QuotaExceededError") || r.ResponseCode != -1 {
					t.Errorf("result %+v", r)
				}
			}
		}
		want := []string{"Success", "Success", "Error: QuotaExceededError", "Error: QuotaExceededError", "Error: QuotaExceededError", "Error: QuotaExceededError"}
		if strings.Join(statuses, ",") != strings.Join(want, ",") {
			t.Errorf("statuses %q", statuses)
		}
		// The third lookup got 429s for QuotaWindow; the ones after it sent nothing.
		log := h.fake.Log()
		tooMany := 0
		for _, e := range log[2:] {
			if e.Status != 429 || e.Observable != "domains/d2.net" {
				t.Errorf("request after the quota ran out: %+v", e)
			}
			tooMany++
		}
		if last := log[len(log)-1].Time.Sub(log[2].Time); tooMany < 3 || last < vtclient.QuotaWindow || last > 3*time.Minute {
			t.Errorf("%d 429s over %v", tooMany, last)
		}
		if st := h.c.Stats(); st.TooMany != int64(tooMany) || st.Errors["QuotaExceededError"] != 4 || !st.QuotaExhausted {
			t.Errorf("stats %+v", st)
		}
		if msgs := h.messages(); len(msgs) != 1 || !strings.Contains(msgs[0], "quota") {
			t.Errorf("messages %q", msgs)
		}
	})
}

func TestLocalDailyQuota(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ledger := &vtclient.MemoryLedger{}
		a := newHarness(t, vtfake.Options{}, vtclient.Config{DailyQuota: 3, Ledger: ledger})
		defer a.close()
		b := newHarness(t, vtfake.Options{}, vtclient.Config{DailyQuota: 3, Ledger: ledger})
		defer b.close()
		for i, h := range []*harness{a, a, b, b} {
			r, err := h.lookup(ioc.DNS, fmt.Sprintf("d%d.net", i))
			if err != nil {
				t.Fatal(err)
			}
			want := vtclient.StatusSuccess
			if i == 3 {
				want = vtclient.StatusError("QuotaExceededError")
			}
			if r.Status != want {
				t.Errorf("lookup %d: %s (%s)", i, r.Status, r.VerboseMsg)
			}
		}
		if a.requests()+b.requests() != 3 || !b.c.QuotaExhausted() || a.c.QuotaExhausted() {
			t.Errorf("requests %d+%d, exhausted %v %v", a.requests(), b.requests(), a.c.QuotaExhausted(), b.c.QuotaExhausted())
		}
		if used, err := a.c.DailyUsed(context.Background()); err != nil || used != 3 {
			t.Errorf("DailyUsed = %d, %v", used, err)
		}
	})
}

func TestWaitQuotaSleepsUntilMidnight(t *testing.T) {
	tests := []struct {
		name string
		fo   vtfake.Options
		cfg  vtclient.Config
	}{
		{"server quota", vtfake.Options{DailyQuota: 2}, vtclient.Config{WaitQuota: true}},
		{"local quota", vtfake.Options{}, vtclient.Config{WaitQuota: true, DailyQuota: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newHarness(t, tt.fo, tt.cfg)
				defer h.close()
				for i := range 3 {
					r, err := h.lookup(ioc.DNS, fmt.Sprintf("d%d.net", i))
					if err != nil || r.Status != vtclient.StatusSuccess {
						t.Fatalf("lookup %d: %+v, %v", i, r, err)
					}
				}
				if now := time.Now(); now.Before(midnight) || now.After(midnight.Add(time.Minute)) {
					t.Errorf("third lookup done at %v, want just after %v", now, midnight)
				}
				if msgs := h.messages(); len(msgs) != 2 || !strings.Contains(msgs[0], "waiting until 00:00 UTC (2000-01-02T00:00:00Z") || !strings.Contains(msgs[1], "resuming") {
					t.Errorf("messages %q", msgs)
				}
				if h.c.QuotaExhausted() {
					t.Error("QuotaExhausted with WaitQuota")
				}
				log := h.fake.Log()
				if last := log[len(log)-1]; last.Status != 200 || last.Time.Before(midnight) {
					t.Errorf("last request %+v", last)
				}
			})
		})
	}
}

func TestWaitQuotaCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{WaitQuota: true, DailyQuota: 1})
		defer h.close()
		ctx, cancel := context.WithCancel(context.Background())
		if _, err := h.c.Lookup(ctx, ioc.DNS, "a.net"); err != nil {
			t.Fatal(err)
		}
		time.AfterFunc(time.Hour, cancel)
		start := time.Now()
		_, err := h.c.Lookup(ctx, ioc.DNS, "b.net")
		if !errors.Is(err, context.Canceled) || time.Since(start) != time.Hour {
			t.Errorf("error %v after %v", err, time.Since(start))
		}
	})
}

func TestQuotas(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{MinuteQuota: 4, DailyQuota: 500}, vtclient.Config{DailyQuota: 400})
		defer h.close()
		for i := range 2 {
			if _, err := h.lookup(ioc.DNS, fmt.Sprintf("d%d.net", i)); err != nil {
				t.Fatal(err)
			}
		}
		q, err := h.c.Quotas(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := vtclient.Quotas{
			Hourly: vtclient.QuotaUse{Allowed: 240, Used: 2}, Daily: vtclient.QuotaUse{Allowed: 500, Used: 2},
			Monthly: vtclient.QuotaUse{Allowed: 1_000_000_000, Used: 2}, Day: "2000-01-01", LedgerUsed: 2, DailyQuota: 400,
		}
		q.All = nil
		if fmt.Sprint(q) != fmt.Sprint(want) {
			t.Errorf("quotas\n%+v, want\n%+v", q, want)
		}
		if e := h.fake.Log()[2]; e.Path != "/api/v3/users/"+testKey+"/overall_quotas" || e.Status != 200 {
			t.Errorf("request %+v", e)
		}
		if st := h.c.Stats(); st.Waits != 3 || st.Requests != 3 || st.Reserved != 2 {
			t.Errorf("stats %+v", st)
		}
	})
}

func TestQuotasWrongKey(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{Keys: []string{"other"}}, vtclient.Config{})
		defer h.close()
		_, err := h.c.Quotas(context.Background())
		var fe *vtclient.FatalError
		if !errors.As(err, &fe) || fe.Code != vtclient.CodeWrongCredentials {
			t.Errorf("error %v", err)
		}
	})
}

// cancellingLedger reserves, then cancels the lookup's context: the run
// stopped between the reservation and the request.
type cancellingLedger struct {
	vtclient.MemoryLedger
	cancel context.CancelFunc
}

func (l *cancellingLedger) Reserve(ctx context.Context, keyID, day string, limit int) (bool, error) {
	ok, err := l.MemoryLedger.Reserve(ctx, keyID, day, limit)
	l.cancel()
	return ok, err
}

// TestQuotaOnlyForRequestsSent: the ledger keeps a unit only for a request
// that went out. A lookup cancelled while it waits on the rate limiter
// reserves nothing; one cancelled after its reservation, before its
// request, gets the unit back.
func TestQuotaOnlyForRequestsSent(t *testing.T) {
	t.Run("cancelled limiter wait", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			ledger := &vtclient.MemoryLedger{}
			h := newHarness(t, vtfake.Options{}, vtclient.Config{DailyQuota: 10, Ledger: ledger})
			defer h.close()
			if _, err := h.lookup(ioc.DNS, "first.net"); err != nil { // takes the only token of the minute
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(5*time.Second, cancel) // the next slot is 15 s away
			if _, err := h.c.Lookup(ctx, ioc.DNS, "second.net"); !errors.Is(err, context.Canceled) {
				t.Errorf("lookup cancelled in the limiter: %v", err)
			}
			if used, _ := h.c.DailyUsed(context.Background()); used != 1 || h.requests() != 1 || h.c.Stats().Reserved != 1 {
				t.Errorf("ledger %d, requests %d, reserved %d; want 1 each", used, h.requests(), h.c.Stats().Reserved)
			}
		})
	})
	t.Run("cancelled after the reservation", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			ledger := &cancellingLedger{cancel: cancel}
			h := newHarness(t, vtfake.Options{}, vtclient.Config{Rate: rate.Inf, DailyQuota: 10, Ledger: ledger})
			defer h.close()
			if _, err := h.c.Lookup(ctx, ioc.DNS, "never-sent.net"); !errors.Is(err, context.Canceled) {
				t.Errorf("lookup: %v", err)
			}
			if used, _ := ledger.Used(context.Background(), h.c.KeyID(), vtclient.Day(time.Now())); used != 0 || h.requests() != 0 {
				t.Errorf("ledger %d, requests %d; want the unit refunded and nothing sent", used, h.requests())
			}
			if st := h.c.Stats(); st.Reserved != 0 || st.Requests != 0 {
				t.Errorf("stats %+v", st)
			}
		})
	})
}
