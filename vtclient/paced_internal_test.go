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
