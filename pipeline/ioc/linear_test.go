package ioc

import (
	"strings"
	"testing"
	"time"
)

// TestScanLinearTime scans adversarial repetitions that would make a
// careless scanner quadratic (nested URLs, endless dotted runs, brackets
// to balance, colon runs) and fails if any takes more than a generous
// bound for 200 KB.
func TestScanLinearTime(t *testing.T) {
	for _, p := range []string{
		"a.", "1.", "1[.]", "a[dot]", ":", "a:", "::1 ", "http://", "http://a", "hxxp[:]//",
		"0123456789abcdef", "0123456789abcdef.", "é.", "例.", "(http://x.com/(", "http://x.com/(",
		"http://x.com/)", "'http://", "1.2.3.4.", "ffff:", "f:f.", "x.com/", "http://x.com/?u=",
	} {
		in := []byte(strings.Repeat(p, 200000/len(p)))
		start := time.Now()
		NewExtractor(Config{URLHosts: true}).Scan(in, func(*Match) {})
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%q repeated to 200 KB took %v", p, d)
		}
	}
}
