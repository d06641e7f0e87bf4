package pipeline

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// scanResult is what a scan hands dedup: the candidates kept, the screened
// ones counted, and how many were found.
type scanResult struct {
	cands   []string // row:type:value:reason
	dropped map[string]int64
	found   int64
}

// scanFields scans a one-column batch of fields with sc; rows are numbered
// from first.
func scanFields(t *testing.T, sp *scanSpec, sc *scanner, first int, fields ...string) scanResult {
	t.Helper()
	b := testBatch(0, fields...)
	defer b.Release()
	s, err := sp.scan(sc, b)
	if err != nil {
		t.Fatal(err)
	}
	defer s.release()
	r := scanResult{dropped: map[string]int64{}, found: s.found}
	for i := range s.cands {
		c := &s.cands[i]
		r.cands = append(r.cands, fmt.Sprintf("%d:%s:%s:%s", first+int(c.row), c.typ, s.value(c), c.reason))
	}
	maps.Copy(r.dropped, s.dropped)
	return r
}

// TestFieldMemoReplaysExactly checks that a column scanned with the memo
// gives what scanning each field afresh gives, whatever the repeats: the
// memo must be invisible but for speed.
func TestFieldMemoReplaysExactly(t *testing.T) {
	hot := []string{
		"https://api.evil-cdn.com/x.php?id=1",
		"8.8.8.8",
		"10.0.0.1", // screened: counted, or kept with --keep-screened
		"connect 93.184.216.34:443 and 10.1.2.3 then 93.184.216.34",
		"44d88612fea8a8f36de82e1278abb02f",
		"0123456789abcdef0123456789abcdef",
		`C:\Windows\System32\more.com`,
		"query: files.bad-domain.ru IN A",
		"nothing to see here",
		"",
		strings.Repeat("1.2.3.4 5.6.7.8 ", memoMaxFound),        // too many candidates to remember
		strings.Repeat("x", memoMaxField) + " evil.example.net", // too long to remember
	}
	// Each of many values is seen twice, a few rows apart, between the hot
	// ones: enough of them to fill the memo's arena, so that it starts
	// afresh, twice.
	var fields []string
	for i := range 2 * memoArena / 40 {
		v := fmt.Sprintf("http://h%d.example-%d.org/%s", i, i%97, strings.Repeat("p", 20))
		fields = append(fields, v, hot[i%len(hot)], v, hot[i*5%len(hot)])
	}
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprintf("keep=%v", keep), func(t *testing.T) {
			sp := &scanSpec{keep: keep}
			sc := &scanner{x: ioc.NewExtractor(sp.ioc)}
			got := scanFields(t, sp, sc, 0, fields...)
			// The reference: each field scanned by a scanner that has
			// seen nothing, so that no memo can hit.
			want := scanResult{dropped: map[string]int64{}}
			x := ioc.NewExtractor(sp.ioc)
			for i, f := range fields {
				one := scanFields(t, sp, &scanner{x: x}, i, f)
				want.cands = append(want.cands, one.cands...)
				for r, n := range one.dropped {
					want.dropped[r] += n
				}
				want.found += one.found
			}
			if i := firstDifference(got.cands, want.cands); i >= 0 {
				t.Fatalf("candidate %d differs: got %q, want %q (of %d, %d)", i, at(got.cands, i), at(want.cands, i), len(got.cands), len(want.cands))
			}
			if !maps.Equal(got.dropped, want.dropped) || got.found != want.found {
				t.Errorf("screened %v found %d, want %v found %d", got.dropped, got.found, want.dropped, want.found)
			}
			if m := &sc.memos[0]; m.hits < len(fields)/2 || m.gen < 3 {
				t.Errorf("%d hits in %d fields, generation %d: the test does not exercise the memo", m.hits, len(fields), m.gen)
			}
		})
	}
}

func firstDifference(a, b []string) int {
	for i := range max(len(a), len(b)) {
		if at(a, i) != at(b, i) {
			return i
		}
	}
	return -1
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<none>"
}

// TestFieldMemoStandsAside checks the policy: a column whose values do not
// repeat stops paying for the memo after memoProbe lookups, and one whose
// values do keeps it.
func TestFieldMemoStandsAside(t *testing.T) {
	var unique, repeated []string
	for i := range 2 * memoProbe {
		unique = append(unique, fmt.Sprintf("2024-05-01T18:%02d:%02d.%03dZ", i/60%60, i%60, i))
		repeated = append(repeated, fmt.Sprintf("http://evil-%d.example.net/", i%50))
	}
	cases := []struct {
		name   string
		fields []string
		off    bool
	}{
		{"unique", unique, true},
		{"repeated", repeated, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc := &scanner{x: ioc.NewExtractor(ioc.Config{})}
			scanFields(t, &scanSpec{}, sc, 0, c.fields...)
			m := &sc.memos[0]
			if m.off != c.off {
				t.Errorf("off = %v after %d lookups, %d hits; want %v", m.off, m.tries, m.hits, c.off)
			}
			if c.off && m.tries != memoProbe {
				t.Errorf("%d lookups, want the memo aside after %d", m.tries, memoProbe)
			}
			// A new batch probes again.
			scanFields(t, &scanSpec{}, sc, 0, c.fields[:10]...)
			if m.off || m.tries != 10 {
				t.Errorf("new batch: off = %v, tries = %d; want a fresh probe", m.off, m.tries)
			}
		})
	}
}
