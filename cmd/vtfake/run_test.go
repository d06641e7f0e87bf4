package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, outW := io.Pipe()
	var stderr strings.Builder
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"--addr", "127.0.0.1:0", "--keys", "k1,k2", "--minute-quota", "1",
			"--fixtures", "../../testdata/vt", "--faults", "transient"}, outW, &stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("no banner: %v (stderr %q)", err, stderr.String())
	}
	go io.Copy(io.Discard, out)
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
	if base == "" {
		t.Fatalf("banner %q", line)
	}
	get := func(path, key string) (int, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if key != "" {
			req.Header.Set("x-apikey", key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	steps := []struct {
		path, key string
		status    int
		has       string
	}{
		{"/api/v3/files/b61a4b8883ba9b9d4d85bdaecab71722", "nope", 401, "WrongCredentialsError"},
		{"/api/v3/files/b61a4b8883ba9b9d4d85bdaecab71722", "k1", 503, "TransientError"},  // --faults
		{"/api/v3/files/b61a4b8883ba9b9d4d85bdaecab71722", "k1", 200, `"malicious": 40`}, // --fixtures
		{"/api/v3/domains/example.net", "k1", 429, "QuotaExceededError"},                 // --minute-quota
		{"/api/v3/domains/example.net", "k2", 200, `"type": "domain"`},
		{"/api/v3/users/k2/overall_quotas", "k2", 200, `"api_requests_hourly"`},
	}
	for _, s := range steps {
		status, body := get(s.path, s.key)
		if status != s.status || !strings.Contains(body, s.has) {
			t.Errorf("GET %s: %d %.200s, want %d with %s", s.path, status, body, s.status, s.has)
		}
	}
	_, body := get("/_stats", "")
	var st struct {
		Requests int            `json:"requests"`
		ByStatus map[string]int `json:"by_status"`
	}
	if err := json.Unmarshal([]byte(body), &st); err != nil || st.Requests != len(steps) || st.ByStatus["200"] != 3 {
		t.Errorf("stats %s (%v)", body, err)
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d, stderr %q", c, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown")
	}
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--nope"}, {"--fail-rate", "2"}, {"--faults", "gremlins"}, {"extra"}} {
		var stderr strings.Builder
		if code := run(context.Background(), args, io.Discard, &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr.String())
		}
	}
	var stderr strings.Builder
	if code := run(context.Background(), []string{"--fixtures", "/does/not/exist"}, io.Discard, &stderr); code != 1 {
		t.Errorf("missing fixtures: exit %d", code)
	}
}
