package vtclient_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
	"golang.org/x/time/rate"
)

// TestErrorPaths drives one lookup through each failure the API can give.
func TestErrorPaths(t *testing.T) {
	type tc struct {
		name         string
		fo           vtfake.Options
		cfg          vtclient.Config
		faults       []vtfake.Fault
		status       string // the result's Status; "" when a FatalError is wanted
		fatal        string // the FatalError's code
		requests     int
		retries      int64
		minElapsed   time.Duration
		maxElapsed   time.Duration
		msgSubstring string
	}
	tests := []tc{
		{name: "401 wrong key", faults: f(vtfake.FaultWrongKey), fatal: vtclient.CodeWrongCredentials, requests: 1},
		{name: "401 key not among the server's", fo: vtfake.Options{Keys: []string{"another"}}, fatal: vtclient.CodeWrongCredentials, requests: 1, msgSubstring: "Wrong API key"},
		{name: "401 no key", faults: f(vtfake.FaultNoKey), fatal: vtclient.CodeAuthenticationRequired, requests: 1},
		{name: "401 user not active", faults: f(vtfake.FaultNotActive), fatal: vtclient.CodeUserNotActive, requests: 1},
		{name: "403 is the item's", faults: f(vtfake.FaultForbidden), status: "Error: ForbiddenError", requests: 1, msgSubstring: "not allowed"},
		{name: "400 is not retried", faults: f(vtfake.FaultBadRequest), status: "Error: BadRequestError", requests: 1},
		{name: "another object's answer is not retried", faults: f(vtfake.FaultMismatch), status: "Error: MismatchedAnswer",
			requests: 1, msgSubstring: "not for the observable asked"},
		{name: "429 honours Retry-After", fo: vtfake.Options{RetryAfter: 40 * time.Second}, cfg: vtclient.Config{Rate: 1},
			faults: f(vtfake.FaultTooMany), status: "Success", requests: 2, minElapsed: 40 * time.Second, maxElapsed: 42 * time.Second},
		{name: "429 backs off one rate interval", faults: f(vtfake.FaultQuota), status: "Success", requests: 2,
			minElapsed: 15 * time.Second, maxElapsed: 23 * time.Second},
		{name: "429 twice doubles the backoff", faults: f(vtfake.FaultQuota, vtfake.FaultQuota), status: "Success", requests: 3,
			minElapsed: 45 * time.Second, maxElapsed: 68 * time.Second},
	}
	codes := map[vtfake.Fault]string{
		vtfake.FaultTransient: "TransientError", vtfake.FaultDeadline: "DeadlineExceededError",
		vtfake.FaultInternal: "InternalError", vtfake.FaultBadGateway: "HTTP 502",
		vtfake.FaultReset: "ConnectionReset", vtfake.FaultTruncate: "BadResponse",
		vtfake.FaultNonJSON: "BadResponse", vtfake.FaultStall: "Timeout",
	}
	for fault, code := range codes {
		tests = append(tests,
			tc{name: string(fault) + " retried then success", cfg: vtclient.Config{Rate: rate.Inf},
				faults: f(fault, fault), status: "Success", requests: 3, retries: 2},
			tc{name: string(fault) + " until retries run out", cfg: vtclient.Config{Rate: rate.Inf, Retries: 2},
				faults: f(fault, fault, fault), status: "Error: " + code, requests: 3, retries: 2, msgSubstring: "after 3 attempts"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newHarness(t, tt.fo, tt.cfg)
				defer h.close()
				h.fake.Inject(tt.faults...)
				start := time.Now()
				r, err := h.lookup(ioc.DNS, "vtenrich-test.net")
				elapsed := time.Since(start)
				if tt.fatal != "" {
					var fe *vtclient.FatalError
					if !errors.As(err, &fe) || fe.Code != tt.fatal || fe.ExitCode() != 1 {
						t.Fatalf("error %v, want a FatalError %s", err, tt.fatal)
					}
					if !strings.Contains(err.Error(), tt.msgSubstring) {
						t.Errorf("error %q lacks %q", err, tt.msgSubstring)
					}
					// The run is over: later lookups fail at once, unsent.
					if _, err2 := h.lookup(ioc.DNS, "other.net"); !errors.Is(err2, err) {
						t.Errorf("second lookup: %v", err2)
					}
				} else {
					if err != nil {
						t.Fatal(err)
					}
					if r.Status.String() != tt.status {
						t.Fatalf("status %q (%s), want %q", r.Status, r.VerboseMsg, tt.status)
					}
					if r.Status != vtclient.StatusSuccess && (r.ResponseCode != -1 || !strings.Contains(r.VerboseMsg, tt.msgSubstring) || r.VerboseMsg == "") {
						t.Errorf("response code %d, message %q (want it to hold %q)", r.ResponseCode, r.VerboseMsg, tt.msgSubstring)
					}
				}
				if got := h.requests(); got != tt.requests {
					t.Errorf("%d requests, want %d", got, tt.requests)
				}
				if got := h.c.Stats().Retries; got != tt.retries {
					t.Errorf("%d retries, want %d", got, tt.retries)
				}
				if elapsed < tt.minElapsed || (tt.maxElapsed > 0 && elapsed > tt.maxElapsed) {
					t.Errorf("took %v, want %v..%v", elapsed, tt.minElapsed, tt.maxElapsed)
				}
			})
		})
	}
}

func f(faults ...vtfake.Fault) []vtfake.Fault { return faults }

func TestNonVirusTotal404IsAnError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		proxy := func(http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "<html>no such page</html>", http.StatusNotFound)
			})
		}
		h := newHarness(t, vtfake.Options{}, vtclient.Config{}, proxy)
		defer h.close()
		r, err := h.lookup(ioc.DNS, "vtenrich-test.net")
		if err != nil || r.Status.String() != "Error: HTTP 404" || r.ResponseCode != -1 {
			t.Errorf("result %+v, error %v: a 404 without a VirusTotal body must not read as NotFound", r, err)
		}
	})
}

func TestForbiddenFirstThreeStopsTheRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{ForbiddenKeys: []string{testKey}}, vtclient.Config{Rate: rate.Inf})
		defer h.close()
		for i := range 2 {
			r, err := h.lookup(ioc.DNS, fmt.Sprintf("d%d.net", i))
			if err != nil || r.Status.String() != "Error: ForbiddenError" {
				t.Fatalf("lookup %d: %+v, %v", i, r, err)
			}
		}
		_, err := h.lookup(ioc.DNS, "d2.net")
		var fe *vtclient.FatalError
		if !errors.As(err, &fe) || fe.Code != vtclient.CodeForbidden || !strings.Contains(err.Error(), "privilege") {
			t.Fatalf("third lookup: %v", err)
		}
		if _, err := h.lookup(ioc.DNS, "d3.net"); !errors.As(err, &fe) {
			t.Fatalf("fourth lookup: %v", err)
		}
		if h.requests() != 3 {
			t.Errorf("%d requests, want 3", h.requests())
		}
	})
}

func TestForbiddenLaterIsPerItem(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{Rate: rate.Inf})
		defer h.close()
		h.fake.Inject(vtfake.FaultNone, vtfake.FaultForbidden, vtfake.FaultForbidden, vtfake.FaultForbidden, vtfake.FaultForbidden)
		for i := range 5 {
			r, err := h.lookup(ioc.DNS, fmt.Sprintf("d%d.net", i))
			if err != nil {
				t.Fatalf("lookup %d: %v", i, err)
			}
			if want := "Error: ForbiddenError"; i > 0 && r.Status.String() != want {
				t.Errorf("lookup %d: %s", i, r.Status)
			}
		}
	})
}

func TestUnreachableStopsTheRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{Rate: rate.Inf, Retries: 2})
		h.ps.Close() // nothing listens any more
		_, err := h.lookup(ioc.DNS, "vtenrich-test.net")
		var fe *vtclient.FatalError
		if !errors.As(err, &fe) || fe.Code != vtclient.CodeConnectionError || !strings.Contains(err.Error(), "cannot reach") {
			t.Fatalf("error %v", err)
		}
		// Three attempts, none of which left: no request counted, and the
		// quota units reserved for them refunded.
		if st := h.c.Stats(); st.Waits != 3 || st.Requests != 0 || st.Reserved != 0 {
			t.Errorf("stats %+v, want 3 attempts, no request sent, no unit reserved", st)
		}
		if used, err := h.c.DailyUsed(context.Background()); used != 0 || err != nil {
			t.Errorf("ledger: %d used, %v", used, err)
		}
	})
}
