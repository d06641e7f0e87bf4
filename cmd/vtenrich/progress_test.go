package main

import (
	"strings"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline"
	"github.com/vtenrich/vtenrich/vtclient"
)

// TestProgressLineETA: the ETA follows the pace lookups are answered at,
// capped by the configured rate, and the rate is shown as configured.
func TestProgressLineETA(t *testing.T) {
	for _, c := range []struct {
		name     string
		rate     string
		pending  int64
		answered []int64 // lookups answered, one sample a second
		want     string
	}{
		// 20 s latency, one worker, --rate 100/s: one answer every 20 s,
		// so 60 left take 20 minutes, not "about 1 s".
		{"slow answers", "100/s", 60, answersEvery(20, 70), "60 lookups left, about 20 min at 100/s"},
		{"the rate caps the pace", "60/min", 120, answersEvery(0, 30), "120 lookups left, about 2 min at 60/min"},
		{"the rate until measured", "4/min", 8, answersEvery(1, 3), "8 lookups left, about 2 min at 4/min"},
		{"nothing answered", "4/min", 8, make([]int64, 70), "8 lookups left, no answer in 1m0s at 4/min"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := pipeline.NewStats()
			s.Pending.Store(c.pending)
			s.Unique.Store(c.pending)
			var m throughput
			start := time.Unix(0, 0)
			for i, n := range c.answered {
				m.add(start.Add(time.Duration(i)*time.Second), n)
			}
			pace, measured := m.rate()
			limit, err := vtclient.ParseRate(c.rate)
			if err != nil {
				t.Fatal(err)
			}
			if got := progressLine(s, pace, measured, c.rate, limit); !strings.Contains(got, " | "+c.want+" | ") {
				t.Errorf("progress line\n%s\nwant it to hold\n%s", got, c.want)
			}
		})
	}
}

// answersEvery is a running count of answers sampled once a second for n
// seconds, one answer every period seconds (0: ten a second).
func answersEvery(period, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		switch {
		case period == 0:
			out[i] = int64(10 * i)
		default:
			out[i] = int64(i / period)
		}
	}
	return out
}

// TestStatusLine: the line is cut to the width (a redraw never wraps), and
// whatever else is written to the terminal erases it first.
func TestStatusLine(t *testing.T) {
	var screen strings.Builder
	line := &statusLine{term: &screen, width: func() int { return 20 }}
	line.draw(strings.Repeat("x", 50))
	if want := "\r" + strings.Repeat("x", 18) + "…\x1b[K"; screen.String() != want {
		t.Errorf("drawn %q, want %q", screen.String(), want)
	}
	screen.Reset()
	w := line.writer(&screen)
	w.Write([]byte("row\n"))
	w.Write([]byte("row\n"))
	if want := "\r\x1b[Krow\nrow\n"; screen.String() != want {
		t.Errorf("after two writes the screen got %q, want %q", screen.String(), want)
	}
	screen.Reset()
	line.clear()
	if screen.String() != "" {
		t.Errorf("clearing a cleared line wrote %q", screen.String())
	}
}
