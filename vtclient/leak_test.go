package vtclient_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
	"golang.org/x/time/rate"
)

// sentinel is an API key that must never show up in any output. The slash
// and plus make its escaped forms differ from it.
const sentinel = "SENTINEL/KEY+4f3a2b1c9d"

// echoKey is a server that quotes the key back wherever it can: in error
// messages, in an object, in the quota path's answers.
func echoKey(resetQuotas *atomic.Bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get("x-apikey")
			apiErr := func(status int, code string) {
				w.WriteHeader(status)
				fmt.Fprintf(w, `{"error": {"code": %q, "message": "key %s is not welcome here"}}`, code, key)
			}
			switch p := r.URL.Path; {
			case strings.HasSuffix(p, "/overall_quotas") && resetQuotas.Load():
				conn, _, _ := w.(http.Hijacker).Hijack()
				conn.Close()
			case strings.HasSuffix(p, "/overall_quotas"):
				w.WriteHeader(http.StatusNotFound)
				fmt.Fprintf(w, `{"error": {"code": "NotFoundError", "message": "User \"%s\" not found"}}`, key)
			case strings.Contains(p, "echo400"):
				apiErr(400, "BadRequestError")
			case strings.Contains(p, "echo503"):
				apiErr(503, "TransientError")
			case strings.Contains(p, "echo429"):
				apiErr(429, "QuotaExceededError")
			case strings.Contains(p, "echo200"):
				fmt.Fprintf(w, `{"data": {"type": "domain", "id": "echo200.net", "attributes": {"note": %q}}}`, key)
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
}

func TestKeyNeverLeaks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var outputs []string
		add := func(what string, v ...any) {
			for _, x := range v {
				outputs = append(outputs, fmt.Sprintf("%s: %v | %+v", what, x, x))
				if b, err := json.Marshal(x); err == nil {
					outputs = append(outputs, what+" json: "+string(b))
				}
				if r, ok := x.(vtclient.Result); ok {
					outputs = append(outputs, what+" raw: "+string(r.Raw))
				}
			}
		}
		var resetQuotas atomic.Bool
		h := newHarness(t, vtfake.Options{}, vtclient.Config{APIKey: sentinel, Retries: 1, Rate: rate.Inf}, echoKey(&resetQuotas))
		for _, d := range []string{"echo400.net", "echo503.net", "echo200.net", "fine.net", "echo429.net", "after.net"} {
			r, err := h.lookup(ioc.DNS, d)
			add("lookup "+d, r, err)
			if d == "echo200.net" && (r.Status != vtclient.StatusSuccess || !strings.Contains(string(r.Raw), "[REDACTED]")) {
				t.Errorf("echo200: %s, raw %s", r.Status, r.Raw)
			}
		}
		q, err := h.c.Quotas(context.Background())
		add("quotas 404", q, err)
		resetQuotas.Store(true)
		q, err = h.c.Quotas(context.Background())
		add("quotas reset", q, err)
		if err == nil {
			t.Error("no error from a reset connection")
		}
		add("stats", h.c.Stats(), h.c.Stats().String())
		add("notify", h.messages())
		if len(h.messages()) == 0 {
			t.Error("no quota message")
		}
		h.close()
		q, err = h.c.Quotas(context.Background()) // nothing listens now
		add("quotas unreachable", q, err)
		_, err = h.lookup(ioc.DNS, "unreachable.net")
		add("lookup unreachable", err)

		wrong := newHarness(t, vtfake.Options{Keys: []string{"other"}}, vtclient.Config{APIKey: sentinel})
		_, err = wrong.lookup(ioc.DNS, "x.net")
		add("wrong key", err)
		_, err = wrong.c.Quotas(context.Background())
		add("wrong key quotas", err)
		wrong.close()

		_, err = vtclient.New(vtclient.Config{APIKey: sentinel, BaseURL: "::bad"})
		add("bad url", err)

		forms := []string{sentinel, url.PathEscape(sentinel), url.QueryEscape(sentinel)}
		for _, out := range outputs {
			for _, k := range forms {
				if strings.Contains(out, k) {
					t.Errorf("key leaked: %s", out)
				}
			}
		}
		if len(outputs) < 20 {
			t.Errorf("only %d outputs checked", len(outputs))
		}
	})
}
