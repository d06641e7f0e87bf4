package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"golang.org/x/term"
)

// stdinFor returns what the run reads as stdin: a.stdin made interruptible
// when inputs name it (none, or "-"). On a terminal it says once how input
// ends, since a filter waiting for typed rows looks like a hang.
func (a *app) stdinFor(inputs []string) io.Reader {
	if len(inputs) > 0 && !slices.Contains(inputs, "-") {
		return a.stdin
	}
	if f, ok := a.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintln(a.stderr, "vtenrich: reading rows from stdin (the terminal); end with Ctrl-D, or name a file")
	}
	return &stopReader{ctx: a.ctx, r: a.stdin}
}

// stopReader reads r in a background goroutine so that a read blocked on a
// silent stdin ends when ctx does: the first Ctrl-C stops a run that waits
// for input, instead of only the second. A read cut short this way leaves
// its goroutine blocked until input comes or the process ends, and
// whatever it then reads is dropped: the run is stopping.
type stopReader struct {
	ctx     context.Context
	r       io.Reader
	buf     []byte
	results chan readResult // the read in flight, if any
}

type readResult struct {
	n   int
	err error
}

func (s *stopReader) Read(p []byte) (int, error) {
	if s.results != nil { // what a read brought in before the stop still counts
		select {
		case res := <-s.results:
			s.results = nil
			return copy(p, s.buf[:res.n]), res.err
		default:
		}
	}
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	if s.results == nil {
		s.results = make(chan readResult, 1)
		if cap(s.buf) < len(p) {
			s.buf = make([]byte, len(p))
		}
		buf := s.buf[:len(p)]
		go func() {
			n, err := s.r.Read(buf)
			s.results <- readResult{n, err}
		}()
	}
	select {
	case res := <-s.results:
		s.results = nil
		n := copy(p, s.buf[:res.n])
		return n, res.err
	case <-s.ctx.Done():
		return 0, s.ctx.Err()
	}
}
