package vtclient

import (
	"math"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// TestPacedLeavesAMinuteOfJitter: a minute's worth of intervals at the paced
// rate lasts a minute plus jitterAllowance, whatever the configured rate.
func TestPacedLeavesAMinuteOfJitter(t *testing.T) {
	for _, perMinute := range []float64{4, 240, 36000} {
		configured := rate.Limit(perMinute / 60)
		interval := time.Duration(float64(time.Second) / float64(paced(configured)))
		span := time.Duration(perMinute) * interval
		if want := time.Minute + jitterAllowance; (span - want).Abs() > time.Millisecond {
			t.Errorf("%v a minute: %v intervals last %v, want %v", perMinute, perMinute, span, want)
		}
	}
	if got := paced(600); math.Abs(float64(got)-595.04) > 0.01 {
		t.Errorf("paced(600/s) = %.2f/s, want 595.04/s", float64(got))
	}
	if paced(rate.Inf) != rate.Inf {
		t.Error("an unlimited rate is paced")
	}
}

// TestDefaultBurstFitsTheMinute: a burst catches up at most catchUp of the
// paced rate, so that a minute holds the burst and a minute's pace and
// still at most the configured count less most of jitterAllowance; a free
// key keeps one request at a time.
func TestDefaultBurstFitsTheMinute(t *testing.T) {
	cases := []struct {
		perMinute float64
		burst     int
	}{{4, 1}, {240, 1}, {1199, 1}, {1200, 1}, {1300, 2}, {36000, 30}}
	for _, c := range cases {
		r := rate.Limit(c.perMinute / 60)
		b := DefaultBurst(r)
		if b != c.burst {
			t.Errorf("%v a minute: burst %d, want %d", c.perMinute, b, c.burst)
		}
		worst := float64(b-1) + float64(paced(r))*60 // the burst, then a minute at the pace
		if slack := c.perMinute - worst; slack < float64(paced(r))*(jitterAllowance-catchUp).Seconds()-1e-9 {
			t.Errorf("%v a minute: a minute can hold %.1f requests, leaving %.2f of the jitter allowance", c.perMinute, worst, slack)
		}
	}
	if DefaultBurst(rate.Inf) != 1 || DefaultBurst(0) != 1 {
		t.Error("an unlimited or unset rate has a burst")
	}
}
