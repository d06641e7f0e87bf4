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

// TestKeyNeverLeaksFromAnAnswer: an answer that echoes the key in the
// fields that become VT columns (tags, names, hashes), spelled as it is,
// JSON-escaped, or with \u escapes that no byte search finds, gives
// columns and a raw object without it.
func TestKeyNeverLeaksFromAnAnswer(t *testing.T) {
	// Quotes, a backslash and '<' make the escaped forms differ from the key.
	const key = `KEY"with\odd<chars/+0123456789abcdef`
	quoted, _ := json.Marshal(key)
	var uEscaped strings.Builder
	for _, r := range key {
		fmt.Fprintf(&uEscaped, `\u%04x`, r)
	}
	spellings := map[string]string{
		"plain":     strings.Trim(string(quoted), `"`), // the key inside a JSON string is at least escaped
		"u-escaped": uEscaped.String(),
	}
	for name, spelled := range spellings {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				answer := func(next http.Handler) http.Handler {
					return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						fmt.Fprintf(w, `{"data": {"type": "file", "id": "%[2]s", "attributes": {
							"md5": "44d88612fea8a8f36de82e1278abb02f", "sha256": "%[2]s",
							"tags": ["%[1]s", "pre-%[1]s-post"], "meaningful_name": "%[1]s",
							"last_analysis_stats": {"malicious": 1}}}}`,
							spelled, "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
					})
				}
				h := newHarness(t, vtfake.Options{}, vtclient.Config{APIKey: key, Rate: rate.Inf}, answer)
				defer h.close()
				r, err := h.lookup(ioc.SHA256, "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")
				if err != nil || r.Status != vtclient.StatusSuccess {
					t.Fatalf("%s, %v", r.Status, err)
				}
				cols, _ := json.Marshal(r)
				for _, out := range []string{string(cols), string(r.Raw), fmt.Sprintf("%+v", r)} {
					for _, form := range []string{key, string(quoted), strings.Trim(string(quoted), `"`), uEscaped.String()} {
						if strings.Contains(out, form) {
							t.Errorf("the key (as %q) is in %s", form, out)
						}
					}
				}
				if !strings.Contains(strings.Join(r.Tags, " "), "pre-[REDACTED]-post") {
					t.Errorf("tags %q", r.Tags)
				}
				var raw any
				if json.Unmarshal(r.Raw, &raw) != nil {
					t.Errorf("the raw object is no longer JSON: %s", r.Raw)
				}
			})
		})
	}
}
