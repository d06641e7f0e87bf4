package vtfake

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// get sends one request to h in memory and decodes the JSON answer.
func get(t *testing.T, h http.Handler, key, path string) (int, map[string]any, string) {
	t.Helper()
	req := httptest.NewRequest("GET", "http://vt.test"+path, nil)
	if key != "" {
		req.Header.Set("x-apikey", key)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var body map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	return rec.Code, body, rec.Body.String()
}

func newServer(t *testing.T, o Options) *Server {
	t.Helper()
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// dig walks a decoded JSON value by keys and indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func TestAuthentication(t *testing.T) {
	s := newServer(t, Options{Keys: []string{"good", "limited"}, ForbiddenKeys: []string{"limited"}})
	tests := []struct {
		key    string
		status int
		body   string
	}{
		{"", 401, `{"error":{"code":"AuthenticationRequiredError","message":"X-Apikey header is missing"}}`},
		{"bad", 401, `{"error":{"code":"WrongCredentialsError","message":"Wrong API key"}}`},
		{"limited", 403, `{"error":{"code":"ForbiddenError","message":"You are not allowed to perform the requested operation"}}`},
	}
	for _, tt := range tests {
		status, _, body := get(t, s, tt.key, "/api/v3/domains/vtenrich-test.net")
		var compact strings.Builder
		for _, line := range strings.Split(body, "\n") {
			compact.WriteString(strings.ReplaceAll(strings.TrimSpace(line), `": `, `":`))
		}
		if status != tt.status || compact.String() != tt.body {
			t.Errorf("key %q: %d %s, want %d %s", tt.key, status, compact.String(), tt.status, tt.body)
		}
	}
	if status, _, _ := get(t, s, "good", "/api/v3/domains/vtenrich-test.net"); status != 200 {
		t.Errorf("good key: %d", status)
	}
}

func TestObjectShapes(t *testing.T) {
	tests := []struct {
		name, path string
		typ, id    string
	}{
		{"domain", "/api/v3/domains/Vtenrich-Test.NET.", "domain", "vtenrich-test.net"},
		{"ipv4", "/api/v3/ip_addresses/45.33.32.156", "ip_address", "45.33.32.156"},
		{"ipv6", "/api/v3/ip_addresses/2a00:1450:4001:80b::200e", "ip_address", "2a00:1450:4001:80b::200e"},
	}
	s := newServer(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, raw := get(t, s, "k", tt.path+"?relationships=resolutions")
			if status != 200 || dig(body, "data", "type") != tt.typ || dig(body, "data", "id") != tt.id {
				t.Fatalf("%d %.300s", status, raw)
			}
			if dig(body, "data", "attributes", "last_analysis_stats") == nil || dig(body, "data", "links", "self") != "http://vt.test/api/v3/"+strings.Split(tt.path, "/")[3]+"/"+tt.id {
				t.Errorf("attributes or links missing: %.300s", raw)
			}
			res := dig(body, "data", "relationships", "resolutions")
			if dig(res, "links", "related") == nil {
				t.Fatalf("no resolutions relationship: %.500s", raw)
			}
			items, _ := dig(res, "data").([]any)
			for _, it := range items {
				ip, host := dig(it, "attributes", "ip_address"), dig(it, "attributes", "host_name")
				if dig(it, "type") != "resolution" || dig(it, "id") != fmt.Sprint(ip, host) || (ip != tt.id && host != tt.id) {
					t.Errorf("resolution %v", it)
				}
			}
			if tt.typ == "domain" && len(items) == 0 {
				t.Error("a domain without resolutions")
			}
			// Without ?relationships= there are none.
			if _, body, _ := get(t, s, "k", tt.path); dig(body, "data", "relationships") != nil {
				t.Error("relationships not asked for")
			}
		})
	}
	t.Run("descriptors only", func(t *testing.T) {
		s := newServer(t, Options{DescriptorsOnly: true})
		_, body, _ := get(t, s, "k", "/api/v3/domains/vtenrich-test.net?relationships=resolutions,urls")
		for _, rel := range []string{"resolutions", "urls"} {
			it := dig(body, "data", "relationships", rel, "data", 0)
			if dig(it, "id") == nil || dig(it, "attributes") != nil {
				t.Errorf("%s item %v", rel, it)
			}
		}
	})
	t.Run("a relationship the collection lacks", func(t *testing.T) {
		status, body, _ := get(t, s, "k", "/api/v3/files/"+strings.Repeat("a", 64)+"?relationships=resolutions")
		if status != 400 || dig(body, "error", "code") != "InvalidArgumentError" {
			t.Errorf("%d %v", status, body)
		}
	})
	t.Run("invalid ids", func(t *testing.T) {
		for _, p := range []string{"/api/v3/files/xyz", "/api/v3/domains/nodot", "/api/v3/ip_addresses/999.1.1.1"} {
			if status, _, _ := get(t, s, "k", p); status != 400 {
				t.Errorf("%s: %d", p, status)
			}
		}
		if status, body, _ := get(t, s, "k", "/api/v3/nothing/x"); status != 404 || dig(body, "error", "code") != "NotFoundError" {
			t.Errorf("unknown collection: %d", status)
		}
	})
}

func TestSyntheticVerdictsAreDeterministicAndMixed(t *testing.T) {
	a, b := newServer(t, Options{}), newServer(t, Options{})
	counts := map[string]int{}
	for i := range 400 {
		path := fmt.Sprintf("/api/v3/files/%032x", i*7919+1)
		sa, ba, rawA := get(t, a, "k", path)
		_, _, rawB := get(t, b, "k", path)
		if rawA != rawB {
			t.Fatalf("%s differs between servers", path)
		}
		if sa == 404 {
			counts["not found"]++
			if dig(ba, "error", "code") != "NotFoundError" {
				t.Errorf("404 body %v", ba)
			}
			continue
		}
		st := dig(ba, "data", "attributes", "last_analysis_stats").(map[string]any)
		mal, sus := st["malicious"].(float64), st["suspicious"].(float64)
		switch {
		case mal >= 2:
			counts["malicious"]++
		case mal > 0 || sus > 0:
			counts["suspicious"]++
		default:
			counts["clean"]++
		}
		total := 0.0
		for _, n := range st {
			total += n.(float64)
		}
		if results := dig(ba, "data", "attributes", "last_analysis_results").(map[string]any); float64(len(results)) != total {
			t.Errorf("%d engine results for stats totalling %v", len(results), total)
		}
	}
	for _, k := range []string{"not found", "malicious", "suspicious", "clean"} {
		if counts[k] < 20 {
			t.Errorf("counts %v: too few %s", counts, k)
		}
	}
}

func TestFileHashesAgree(t *testing.T) {
	hashes := func(body map[string]any) [3]any {
		a := dig(body, "data", "attributes")
		return [3]any{dig(a, "md5"), dig(a, "sha1"), dig(a, "sha256")}
	}
	found := func(t *testing.T, s *Server, h string) (map[string]any, bool) {
		status, body, _ := get(t, s, "k", "/api/v3/files/"+h)
		return body, status == 200
	}
	for i := range 30 {
		md5 := fmt.Sprintf("%032x", i*104729+17)
		s := newServer(t, Options{})
		byMD5, ok := found(t, s, md5)
		if !ok {
			continue
		}
		hs := hashes(byMD5)
		if hs[0] != md5 {
			t.Fatalf("md5 %v for %s", hs[0], md5)
		}
		for _, other := range []any{hs[1], hs[2]} {
			for _, srv := range []*Server{s, newServer(t, Options{})} { // a fresh server agrees too
				body, ok := found(t, srv, other.(string))
				if !ok || hashes(body) != hs {
					t.Fatalf("by %s: %v, by md5: %v", other, hashes(body), hs)
				}
			}
		}
	}
	// A file first seen by SHA-256: the same server gives it back by MD5.
	s := newServer(t, Options{})
	for i := range 10 {
		sum := fmt.Sprintf("%064x", i*31+5)
		body, ok := found(t, s, sum)
		if !ok {
			continue
		}
		hs := hashes(body)
		if again, ok := found(t, s, hs[0].(string)); !ok || hashes(again) != hs {
			t.Errorf("by md5 %v: %v", hs[0], hashes(again))
		}
	}
}

func TestFixtures(t *testing.T) {
	s := newServer(t, Options{Fixtures: "../../testdata/vt"})
	for _, h := range []string{"b61a4b8883ba9b9d4d85bdaecab71722", "0c7fc8364e7ead164b5b612982984737fb50fc81", "03BD9A94482F180BB047626CB2F27CCF8DAA0E201345480B43585580E09C311B"} {
		status, body, _ := get(t, s, "k", "/api/v3/files/"+h)
		if status != 200 || dig(body, "data", "attributes", "last_analysis_stats", "malicious") != 40.0 {
			t.Errorf("%s: %d", h, status)
		}
	}
	for _, id := range []string{base64.RawURLEncoding.EncodeToString([]byte("http://218.54.47.77/")), "380269259e1f607fb07769fee779f0dc3144924f865e76a3c05c8898295d02f8"} {
		status, body, _ := get(t, s, "k", "/api/v3/urls/"+id)
		if status != 200 || dig(body, "data", "attributes", "url") != "http://218.54.47.77/" {
			t.Errorf("url %s: %d", id, status)
		}
	}
	if _, err := New(Options{Fixtures: "../../pipeline"}); err != nil {
		t.Errorf("a folder without json: %v", err)
	}
	if _, err := New(Options{Fixtures: "/nonexistent"}); err == nil {
		t.Error("no error for a missing folder")
	}
}

func TestQuotasAndOverallQuotas(t *testing.T) {
	now := time.Date(2024, 3, 31, 23, 59, 0, 0, time.UTC)
	s := newServer(t, Options{MinuteQuota: 2, DailyQuota: 3, MonthlyQuota: 4, Now: func() time.Time { return now }})
	step := func(d time.Duration, want int) {
		t.Helper()
		now = now.Add(d)
		status, body, _ := get(t, s, "k", "/api/v3/domains/vtenrich-test.net")
		if status != want {
			t.Errorf("at %v: %d, want %d", now, status, want)
		}
		if status == 429 && dig(body, "error", "code") != "QuotaExceededError" {
			t.Errorf("429 body %v", body)
		}
	}
	step(0, 200)              // 23:59:00
	step(time.Second, 200)    // 23:59:01
	step(58*time.Second, 429) // 23:59:59: both within the last 60 s
	step(time.Second, 200)    // 00:00:00, April 1st: the first has left the window
	step(time.Second, 200)    // 00:00:01: so has the second
	step(time.Second, 429)    // 00:00:02
	step(59*time.Second, 200) // 00:01:01: the window is empty; the day's third
	step(79*time.Second, 429) // 00:02:20: the daily quota is spent
	_, body, _ := get(t, s, "k", "/api/v3/users/k/overall_quotas")
	for _, q := range []struct {
		name          string
		allowed, used float64
	}{{"api_requests_hourly", 120, 5}, {"api_requests_daily", 3, 3}, {"api_requests_monthly", 4, 3}} {
		if a, u := dig(body, "data", q.name, "user", "allowed"), dig(body, "data", q.name, "user", "used"); a != q.allowed || u != q.used {
			t.Errorf("%s: allowed %v used %v, want %v %v", q.name, a, u, q.allowed, q.used)
		}
	}
	if status, _, _ := get(t, s, "k", "/api/v3/users/someone-else/overall_quotas"); status != 403 {
		t.Errorf("another user's quotas: %d", status)
	}
}

func TestFaults(t *testing.T) {
	t.Run("script", func(t *testing.T) {
		s := newServer(t, Options{})
		s.Inject(FaultTransient, FaultDeadline, FaultQuota, FaultNonJSON)
		for _, want := range []string{"503 TransientError", "504 DeadlineExceededError", "429 QuotaExceededError", "200 html", "200 json"} {
			status, body, raw := get(t, s, "k", "/api/v3/domains/vtenrich-test.net")
			got := fmt.Sprint(status, " ", dig(body, "error", "code"))
			switch {
			case body == nil && strings.HasPrefix(raw, "<html>"):
				got = fmt.Sprint(status, " html")
			case dig(body, "data") != nil:
				got = fmt.Sprint(status, " json")
			}
			if got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		}
	})
	t.Run("rates are repeatable", func(t *testing.T) {
		run := func() string {
			s := newServer(t, Options{FailRate: 0.3, TruncateRate: 0.2, Seed: 42})
			var out strings.Builder
			for range 40 {
				status, body, _ := get(t, s, "k", "/api/v3/domains/vtenrich-test.net")
				fmt.Fprint(&out, status, body != nil, " ")
			}
			return out.String()
		}
		a, b := run(), run()
		if a != b || !strings.Contains(a, "503") || !strings.Contains(a, "200 false") || !strings.Contains(a, "200 true") {
			t.Errorf("runs differ or lack faults:\n%s\n%s", a, b)
		}
	})
	t.Run("over real connections", func(t *testing.T) {
		s := newServer(t, Options{})
		ts := httptest.NewServer(s)
		defer ts.Close()
		s.Inject(FaultReset, FaultTruncate)
		for _, want := range []string{"EOF", "unexpected EOF"} {
			req, _ := http.NewRequest("GET", ts.URL+"/api/v3/domains/vtenrich-test.net", strings.NewReader(""))
			req.Header.Set("x-apikey", "k")
			req.GetBody = nil // no transparent resend: see the reset
			resp, err := ts.Client().Do(req)
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			if err == nil || !strings.HasSuffix(err.Error(), want) {
				t.Errorf("error %v, want %s", err, want)
			}
		}
		resp, err := http.Post(ts.URL+"/_faults", "text/plain", strings.NewReader("bad-request, forbidden"))
		if err != nil || resp.StatusCode != 204 {
			t.Fatalf("POST /_faults: %v %v", resp, err)
		}
		if resp, _ := http.Post(ts.URL+"/_faults", "text/plain", strings.NewReader("gremlins")); resp.StatusCode != 400 {
			t.Errorf("unknown fault: %d", resp.StatusCode)
		}
		for _, want := range []int{400, 403, 200} {
			if status, _, _ := get(t, s, "k", "/api/v3/domains/vtenrich-test.net"); status != want {
				t.Errorf("%d, want %d", status, want)
			}
		}
	})
	t.Run("latency", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			s := newServer(t, Options{Latency: 2 * time.Second, Jitter: 500 * time.Millisecond, Seed: 7})
			for range 10 {
				start := time.Now()
				get(t, s, "k", "/api/v3/domains/vtenrich-test.net")
				if d := time.Since(start); d < 1500*time.Millisecond || d > 2500*time.Millisecond {
					t.Errorf("answered after %v", d)
				}
			}
		})
	})
}

func TestStats(t *testing.T) {
	s := newServer(t, Options{})
	u := "http://example.org/a?b=c"
	for _, p := range []string{"/api/v3/domains/vtenrich-test.net", "/api/v3/domains/vtenrich-test.net", "/api/v3/urls/" + base64.RawURLEncoding.EncodeToString([]byte(u))} {
		get(t, s, "k", p)
	}
	get(t, s, "", "/api/v3/domains/vtenrich-test.net")
	_, body, _ := get(t, s, "", "/_stats")
	want := map[string]any{
		"requests":      4.0,
		"by_observable": map[string]any{"domains/vtenrich-test.net": 3.0, "urls/" + u: 1.0},
		"by_status":     map[string]any{"200": 3.0, "401": 1.0},
		"by_code":       map[string]any{"AuthenticationRequiredError": 1.0},
	}
	for k, v := range want {
		if fmt.Sprint(body[k]) != fmt.Sprint(v) {
			t.Errorf("%s = %v, want %v", k, body[k], v)
		}
	}
	if log := s.Log(); len(log) != 4 || log[3].Status != 401 || log[2].Observable != "urls/"+u {
		t.Errorf("log %+v", log)
	}
}

// TestRelationshipEndpoint: GET /api/v3/{domains,ip_addresses}/{id}/urls
// serves whole URL objects, a page of at most 40, on the key's quota; a
// public key is refused it, as VirusTotal keeps it for premium keys.
func TestRelationshipEndpoint(t *testing.T) {
	s := newServer(t, Options{PublicKeys: []string{"free"}, MinuteQuota: 2})
	status, body, _ := get(t, s, "k", "/api/v3/domains/example-shop.com/urls?limit=40")
	it := dig(body, "data", 0)
	if status != 200 || dig(it, "type") != "url" || dig(it, "attributes", "url") == nil || dig(it, "attributes", "last_analysis_stats") == nil {
		t.Errorf("%d %v", status, body)
	}
	if status, body, _ := get(t, s, "free", "/api/v3/domains/example-shop.com/urls"); status != 403 || dig(body, "error", "code") != "ForbiddenError" {
		t.Errorf("a public key: %d %v", status, body)
	}
	if status, _, _ := get(t, s, "k", "/api/v3/files/"+strings.Repeat("a", 64)+"/urls"); status != 404 {
		t.Errorf("files have no urls relationship here: %d", status)
	}
	get(t, s, "k", "/api/v3/ip_addresses/8.8.8.8/resolutions")
	if status, _, _ := get(t, s, "k", "/api/v3/ip_addresses/8.8.8.8/urls"); status != 429 {
		t.Errorf("the third request in a minute with a quota of 2: %d, want 429", status)
	}
}
