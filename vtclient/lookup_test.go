package vtclient_test

import (
	"net/http"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
	"golang.org/x/time/rate"
)

func TestLookupEachType(t *testing.T) {
	tests := []struct {
		typ       ioc.Type
		obs       string
		path      string
		query     string
		permalink string
	}{
		{ioc.MD5, "b61a4b8883ba9b9d4d85bdaecab71722", "/api/v3/files/b61a4b8883ba9b9d4d85bdaecab71722", "", "file/03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b"},
		{ioc.SHA256, "03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b", "/api/v3/files/03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b", "", "file/03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b"},
		{ioc.URL, "http://218.54.47.77/", "/api/v3/urls/aHR0cDovLzIxOC41NC40Ny43Ny8", "", "url/380269259e1f607fb07769fee779f0dc3144924f865e76a3c05c8898295d02f8"},
		{ioc.DNS, "vtenrich-test.net", "/api/v3/domains/vtenrich-test.net", "relationships=resolutions", "domain/vtenrich-test.net"},
		{ioc.IPv4, "23.45.67.89", "/api/v3/ip_addresses/23.45.67.89", "relationships=resolutions", "ip-address/23.45.67.89"},
		{ioc.IPv6, "2a00:1450:4001:80b::200e", "/api/v3/ip_addresses/2a00:1450:4001:80b::200e", "relationships=resolutions", "ip-address/2a00:1450:4001:80b::200e"},
	}
	for _, tt := range tests {
		t.Run(tt.typ.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var ua, key string
				spy := func(next http.Handler) http.Handler {
					return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						ua, key = r.Header.Get("User-Agent"), r.Header.Get("x-apikey")
						next.ServeHTTP(w, r)
					})
				}
				h := newHarness(t, vtfake.Options{Fixtures: "../testdata/vt"}, vtclient.Config{}, spy)
				defer h.close()
				r, err := h.lookup(tt.typ, tt.obs)
				if err != nil {
					t.Fatal(err)
				}
				if r.Status != vtclient.StatusSuccess || r.ResponseCode != 1 || r.Observable != tt.obs || r.Type != tt.typ {
					t.Fatalf("result %+v", r)
				}
				if r.Permalink != vtclient.GUIBase+tt.permalink || r.FetchedAt.IsZero() || len(r.Raw) == 0 {
					t.Errorf("permalink %q fetched %v raw %d bytes", r.Permalink, r.FetchedAt, len(r.Raw))
				}
				log := h.fake.Log()
				if len(log) != 1 || log[0].Path != tt.path || log[0].Query != tt.query {
					t.Fatalf("requests %+v, want one to %s?%s", log, tt.path, tt.query)
				}
				if ua != "vtenrich/"+vtclient.Version || key != testKey {
					t.Errorf("User-Agent %q, x-apikey %q", ua, key)
				}
				switch tt.typ {
				case ioc.DNS:
					if len(r.ResolvedIPs) == 0 {
						t.Error("no resolved IPs")
					}
				case ioc.IPv4, ioc.IPv6:
					if r.ResolvedDomains == nil && !strings.Contains(string(r.Raw), `"resolutions"`) {
						t.Error("no resolutions relationship")
					}
				}
			})
		})
	}
}

func TestLookupFileHashesAgree(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{Rate: rate.Inf})
		defer h.close()
		found := 0
		for i := range 40 {
			md5 := strings.Repeat("0", 30) + string("0123456789abcdef"[i%16]) + string("0123456789abcdef"[i/16])
			a, err := h.lookup(ioc.MD5, md5)
			if err != nil {
				t.Fatal(err)
			}
			if a.Status == vtclient.StatusNotFound {
				continue
			}
			found++
			for _, by := range []struct {
				typ ioc.Type
				h   string
			}{{ioc.SHA256, a.SHA256}, {ioc.SHA1, a.SHA1}} {
				b, err := h.lookup(by.typ, by.h)
				if err != nil {
					t.Fatal(err)
				}
				if b.MD5 != md5 || b.SHA1 != a.SHA1 || b.SHA256 != a.SHA256 || b.Positives != a.Positives {
					t.Fatalf("by %v: %s/%s/%s, by md5: %s/%s/%s", by.typ, b.MD5, b.SHA1, b.SHA256, a.MD5, a.SHA1, a.SHA256)
				}
			}
		}
		if found == 0 {
			t.Fatal("every file was not found")
		}
	})
}

func TestLookupNotFound(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{})
		defer h.close()
		h.fake.Inject(vtfake.FaultNotFound)
		r, err := h.lookup(ioc.SHA256, strings.Repeat("ab", 32))
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != vtclient.StatusNotFound || r.ResponseCode != 0 || r.VerboseMsg == "" || r.FetchedAt.IsZero() {
			t.Errorf("result %+v", r)
		}
		if h.requests() != 1 {
			t.Errorf("%d requests", h.requests())
		}
	})
}

func TestLookupUnsupportedType(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, vtfake.Options{}, vtclient.Config{})
		defer h.close()
		if _, err := h.lookup(ioc.Unknown, "x"); err == nil {
			t.Error("no error")
		}
		if h.requests() != 0 {
			t.Error("a request went out")
		}
	})
}

// TestMismatchedAnswers: whatever the collection, an answer with another
// observable's object is Error: MismatchedAnswer after one request, never
// Success. Some neighbours the fake picks are not found (404), so each type
// tries a few observables and must see a mismatch at least once.
func TestMismatchedAnswers(t *testing.T) {
	candidates := map[ioc.Type][]string{
		ioc.IPv4:   {"23.45.67.89", "23.45.67.90", "23.45.67.91", "23.45.67.92"},
		ioc.IPv6:   {"2a00:1450:4001:80b::200e", "2a00:1450:4001:80b::300e", "2a00:1450:4001:80b::400e", "2a00:1450:4001:80b::500e"},
		ioc.DNS:    {"vtenrich-test.net", "vtenrich-a.net", "vtenrich-b.net", "vtenrich-c.net"},
		ioc.MD5:    {"b61a4b8883ba9b9d4d85bdaecab71722", "44d88612fea8a8f36de82e1278abb02f", "e2fc714c4727ee9395f324cd2e7f331f", "098f6bcd4621d373cade4e832627b4f6"},
		ioc.SHA256: {"03bd9a94482f180bb047626cb2f27ccf8daa0e201345480b43585580e09c311b", strings.Repeat("ab", 32), strings.Repeat("cd", 32), strings.Repeat("ef", 32)},
		ioc.URL:    {"http://218.54.47.77/", "http://evil.example.net/a", "http://evil.example.net/b", "http://evil.example.net/c"},
	}
	for typ, list := range candidates {
		t.Run(typ.String(), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := newHarness(t, vtfake.Options{Fixtures: "../testdata/vt"}, vtclient.Config{Rate: rate.Inf})
				defer h.close()
				mismatched := 0
				for i, obs := range list {
					h.fake.Inject(vtfake.FaultMismatch)
					r, err := h.lookup(typ, obs)
					if err != nil {
						t.Fatal(err)
					}
					switch r.Status {
					case vtclient.StatusError(vtclient.CodeMismatchedAnswer):
						mismatched++
					case vtclient.StatusNotFound:
					default:
						t.Errorf("%s: status %q, want a mismatch", obs, r.Status)
					}
					if n := h.requests(); n != i+1 {
						t.Errorf("%s: %d requests in all, want %d: a mismatch is not retried", obs, n, i+1)
					}
				}
				if mismatched == 0 {
					t.Error("no lookup saw a mismatched answer")
				}
			})
		})
	}
}
