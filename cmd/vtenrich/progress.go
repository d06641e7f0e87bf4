package main

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline"
)

// startProgress shows a live line on stderr: rows read and written, unique
// observables, cache hits, lookups done and pending, errors, and an ETA from
// the pending lookups and the rate. It returns the function that ends it.
func startProgress(a *app, s *pipeline.Stats, limit rate.Limit) func() {
	bar := progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionFullWidth(),
	)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			bar.Describe(progressLine(s, limit))
			select {
			case <-tick.C:
			case <-stop:
				bar.Finish()
				return
			}
		}
	}()
	return func() {
		close(stop)
		<-done
	}
}

// progressLine renders the counters in one line.
func progressLine(s *pipeline.Stats, limit rate.Limit) string {
	answered := s.CacheHits.Load() + s.LookedUp.Load() + s.Failed.Load() + s.NotInCache.Load() + s.Interrupted.Load()
	left := s.Unique.Load() - answered
	line := fmt.Sprintf("rows %d read, %d written | %d unique, %d from cache, %d looked up, %d errors",
		s.RowsIn.Load(), s.RowsOut.Load(), s.Unique.Load(), s.CacheHits.Load(), s.LookedUp.Load(), s.Failed.Load())
	if pending := s.Pending.Load(); pending > 0 {
		line += fmt.Sprintf(" | %d lookups left, %s at %s", pending, eta(pending, limit), rateText(limit))
	} else if left > 0 {
		line += fmt.Sprintf(" | %d to check", left)
	}
	return line
}

// rateText renders a rate the way --rate takes it.
func rateText(limit rate.Limit) string {
	switch perSec := float64(limit); {
	case limit == rate.Inf:
		return "no limit"
	case perSec >= 1:
		return fmt.Sprintf("%g/s", perSec)
	case perSec*60 >= 1:
		return fmt.Sprintf("%g/min", perSec*60)
	default:
		return fmt.Sprintf("%g/h", perSec*3600)
	}
}
