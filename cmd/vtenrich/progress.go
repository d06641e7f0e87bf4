package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline"
)

// progressTick is how often the progress line is redrawn.
const progressTick = 250 * time.Millisecond

// statusLine is the one live line on stderr. It is a line of text, not a
// bar (the number of lookups is not known until the input ends), redrawn
// in place: cut to the terminal's width, so a redraw never wraps and
// leaves copies behind, and erased before anything else reaches the
// terminal (a warning on stderr, or rows on stdout when stdout is the
// same terminal), then drawn again at the next tick.
//
// (schollz/progressbar, used before, cannot cut a spinner's description
// to the width; at 90 columns every redraw left a new line.)
type statusLine struct {
	term  io.Writer  // the terminal: the real stderr
	width func() int // its width now (it can be resized)

	mu    sync.Mutex // orders writes to the terminal
	drawn bool       // a line is on the screen
}

// newStatusLine draws on stderr, which must be a terminal (or, with
// --progress always, anything: then the width is 80).
func newStatusLine(stderr io.Writer) *statusLine {
	s := &statusLine{term: stderr, width: func() int { return 80 }}
	if f, ok := stderr.(*os.File); ok {
		s.width = func() int {
			if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
				return w
			}
			return 80
		}
	}
	return s
}

// draw replaces the line with text, cut to the width.
func (s *statusLine) draw(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprint(s.term, "\r"+cut(text, s.width()-1)+"\x1b[K")
	s.drawn = true
}

// clear erases the line.
func (s *statusLine) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
}

func (s *statusLine) clearLocked() {
	if s.drawn {
		fmt.Fprint(s.term, "\r\x1b[K")
		s.drawn = false
	}
}

// writer wraps w (stderr, or stdout on the same terminal) so that whatever
// is written through it first erases the line.
func (s *statusLine) writer(w io.Writer) io.Writer { return &lineClearing{s: s, w: w} }

type lineClearing struct {
	s *statusLine
	w io.Writer
}

func (l *lineClearing) Write(p []byte) (int, error) {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	l.s.clearLocked()
	return l.w.Write(p)
}

// cut shortens text to at most width characters (the line is ASCII but for
// an ellipsis), ending with "…" when it had to cut.
func cut(text string, width int) string {
	if width <= 0 {
		return ""
	}
	if len(text) <= width {
		return text
	}
	return text[:width-1] + "…"
}

// startProgress shows the live line until the returned function is called,
// which erases it. It redirects a.stderr (and a.stdout when stdout is the
// same terminal) through the line so nothing is drawn over.
func startProgress(a *app, s *pipeline.Stats, configured string, limit rate.Limit) func() {
	line := newStatusLine(a.stderr)
	a.stderr = line.writer(a.stderr)
	if sameTerminal(a.stdout, line.term) {
		a.stdout = line.writer(a.stdout)
	}
	meter := &throughput{}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(progressTick)
		defer tick.Stop()
		for {
			now := time.Now()
			meter.add(now, s.LookedUp.Load()+s.Failed.Load())
			pace, measured := meter.rate()
			line.draw(progressLine(s, pace, measured, configured, limit))
			select {
			case <-tick.C:
			case <-stop:
				return
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		line.clear()
	}
}

// sameTerminal reports whether w is the terminal t is (stdout and stderr
// both on one screen).
func sameTerminal(w, t io.Writer) bool {
	wf, ok1 := w.(*os.File)
	tf, ok2 := t.(*os.File)
	if !ok1 || !ok2 || !term.IsTerminal(int(wf.Fd())) {
		return false
	}
	a, err1 := wf.Stat()
	b, err2 := tf.Stat()
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// progressLine renders the counters in one line: rows read and written
// (flushed), unique observables, cache hits, lookups done, errors, and the
// lookups left with an ETA at the pace (lookups answered per second,
// capped by the configured rate; the configured rate until the pace is
// measured), the rate shown as configured.
func progressLine(s *pipeline.Stats, pace float64, measured bool, configured string, limit rate.Limit) string {
	var b strings.Builder
	fmt.Fprintf(&b, "rows %d read, %d written", s.RowsIn.Load(), s.RowsOut.Load())
	// What is left comes second: on a narrow terminal the line is cut.
	answered := s.CacheHits.Load() + s.LookedUp.Load() + s.Failed.Load() + s.NotInCache.Load() + s.Interrupted.Load()
	pending := s.Pending.Load()
	switch left := s.Unique.Load() - answered; {
	case pending > 0 && measured && pace == 0:
		fmt.Fprintf(&b, " | %d lookups left, no answer in %s at %s", pending, throughputWindow, configured)
	case pending > 0:
		if !measured || rate.Limit(pace) > limit {
			pace = float64(limit)
		}
		fmt.Fprintf(&b, " | %d lookups left, %s at %s", pending, eta(pending, rate.Limit(pace)), configured)
	case left > 0:
		fmt.Fprintf(&b, " | %d to check", left)
	}
	fmt.Fprintf(&b, " | %d unique, %d from cache, %d looked up, %d errors",
		s.Unique.Load(), s.CacheHits.Load(), s.LookedUp.Load(), s.Failed.Load())
	return b.String()
}

// throughput measures lookups answered per second over the last
// throughputWindow, from samples of a running count.
type throughput struct {
	samples []sample
}

type sample struct {
	at    time.Time
	count int64
}

// throughputWindow is long enough to average a free key's 4 lookups a
// minute, short enough to follow a change of pace.
const throughputWindow = 60 * time.Second

func (t *throughput) add(at time.Time, count int64) {
	t.samples = append(t.samples, sample{at, count})
	cutoff := at.Add(-throughputWindow)
	drop := 0
	for drop < len(t.samples)-1 && t.samples[drop].at.Before(cutoff) {
		drop++
	}
	t.samples = t.samples[drop:]
}

// measureAfter is how long the samples must span before their pace is
// trusted over the configured rate.
const measureAfter = 10 * time.Second

// rate is the pace over the window; measured is false until the samples
// span measureAfter and something was answered, or the whole window
// passed (a pace of 0 then means nothing is being answered).
func (t *throughput) rate() (perSec float64, measured bool) {
	if len(t.samples) < 2 {
		return 0, false
	}
	first, last := t.samples[0], t.samples[len(t.samples)-1]
	n := last.count - first.count
	span := last.at.Sub(first.at)
	switch {
	case span >= measureAfter && n > 0:
		return float64(n) / span.Seconds(), true
	case span >= throughputWindow:
		return 0, true
	}
	return 0, false
}
