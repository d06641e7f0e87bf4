package main

import (
	"errors"
	"fmt"
)

// Exit codes, as --help and the README document them.
const (
	exitOK          = 0
	exitError       = 1   // fatal: bad input, I/O, configuration, API key
	exitUsage       = 2   // bad flags or arguments
	exitIncomplete  = 3   // output complete, but some lookups failed or were not made
	exitInterrupted = 130 // stopped by a signal; output complete up to the stop
)

const exitCodesHelp = `Exit codes:
  0    success: every observable looked up
  1    error: bad input, I/O, configuration or API key (message on stderr)
  2    usage: bad flags or arguments
  3    output complete, but some lookups failed or were not made
       (quota exhausted, transient errors, --offline cache misses)
  130  interrupted by SIGINT/SIGTERM; output complete for the rows read`

// exitErr carries an exit code to the one place that prints errors.
type exitErr struct {
	code int
	err  error
}

func (e *exitErr) Error() string { return e.err.Error() }
func (e *exitErr) Unwrap() error { return e.err }

// usageError marks err as a usage mistake (exit 2).
func usageError(format string, args ...any) error {
	return &exitErr{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// withCode attaches an exit code to err (nil stays nil).
func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitErr{code: code, err: err}
}

// incomplete is returned (and printed as a warning) when the output is
// complete but some lookups failed or were not made.
var errIncomplete = errors.New("some lookups failed or were not made; see the vt_status column")

func exitCode(err error) int {
	var e *exitErr
	if errors.As(err, &e) {
		return e.code
	}
	return exitError
}
