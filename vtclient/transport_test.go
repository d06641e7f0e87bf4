package vtclient_test

import (
	"compress/gzip"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
	"golang.org/x/time/rate"
)

// TestOwnTransport runs the client's own transport against the fake on a
// loopback socket: gzip answers are inflated, connections are kept alive,
// redirects are not followed.
func TestOwnTransport(t *testing.T) {
	fake, err := vtfake.New(vtfake.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var gzipped atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "moved") {
			http.Redirect(w, r, "/api/v3/domains/vtenrich-test.net", http.StatusFound)
			return
		}
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			fake.ServeHTTP(w, r)
			return
		}
		gzipped.Add(1)
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, r)
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(rec.Code)
		zw := gzip.NewWriter(w)
		zw.Write(rec.Body.Bytes())
		zw.Close()
	})
	ts := httptest.NewUnstartedServer(h)
	var conns atomic.Int32
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	ts.Start()
	defer ts.Close()
	c, err := vtclient.New(vtclient.Config{BaseURL: ts.URL, APIKey: testKey, Rate: rate.Inf, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseIdleConnections()
	for range 3 {
		r, err := c.Lookup(context.Background(), ioc.DNS, "vtenrich-test.net")
		if err != nil || r.Status != vtclient.StatusSuccess {
			t.Fatalf("%+v %v", r, err)
		}
	}
	if gzipped.Load() != 3 || conns.Load() != 1 {
		t.Errorf("%d gzip answers, %d connections; want 3 and 1", gzipped.Load(), conns.Load())
	}
	r, err := c.Lookup(context.Background(), ioc.DNS, "moved.net")
	if err != nil || r.Status.String() != "Error: HTTP 302" {
		t.Errorf("redirect: %+v %v", r, err)
	}
}

func TestNewChecksConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  vtclient.Config
		want string
	}{
		{"no key", vtclient.Config{}, "no VirusTotal API key"},
		{"bad url", vtclient.Config{APIKey: "k", BaseURL: "ftp://x"}, "invalid VirusTotal URL"},
		{"negative rate", vtclient.Config{APIKey: "k", Rate: -1}, "rate"},
		{"negative quota", vtclient.Config{APIKey: "k", DailyQuota: -1}, "daily quota"},
		{"unknown relationship", vtclient.Config{APIKey: "k", Relationships: []string{"siblings"}}, "unknown relationship"},
		{"urls: ids only in an object's answer", vtclient.Config{APIKey: "k", Relationships: []string{"urls"}}, "Config.DetectedURLs"},
	}
	for _, tt := range tests {
		if _, err := vtclient.New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	c, err := vtclient.New(vtclient.Config{APIKey: "k", Relationships: []string{"resolutions"}})
	if err != nil || c.Workers() != 1 || c.KeyID() != vtclient.KeyID("k") {
		t.Errorf("defaults: %v", err)
	}
}
