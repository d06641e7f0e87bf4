package vtfake

import (
	"fmt"
	"net/http/httptest"
	"testing"
)

// BenchmarkServeObject is the fake's own cost per answer (a domain, an
// address, a file), which the lookups bench pays on the same cores as
// vtenrich.
func BenchmarkServeObject(b *testing.B) {
	s, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	paths := []string{"/api/v3/domains/evil-%d.example-bad.org", "/api/v3/ip_addresses/45.61.%d.7", "/api/v3/files/%032x"}
	b.ReportAllocs()
	bytes := 0
	for i := 0; b.Loop(); i++ {
		req := httptest.NewRequest("GET", "http://vt.test"+fmt.Sprintf(paths[i%3], i%250+1), nil)
		req.Header.Set("x-apikey", "bench-key")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 && rec.Code != 404 { // the fake knows some files, not all
			b.Fatalf("%s: %d %s", req.URL, rec.Code, rec.Body.String())
		}
		bytes += rec.Body.Len()
	}
	b.ReportMetric(float64(bytes)/float64(b.N), "B/answer")
}
