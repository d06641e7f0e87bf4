package main

import (
	"os"
	"runtime/debug"
)

// headroom is the memory a run needs beside the rows waiting on lookups:
// cached results, Parquet column buffers and the batches in flight (about
// 100 MB live at 1M rows and 50k observables, measured by bench/run.sh).
const headroom = 96 << 20

// limitMemory gives the garbage collector a soft limit of window plus the
// headroom, so the heap does not grow to twice the live data (Go's default)
// before it is collected: a 10M-row run peaked at 202 MB without it and
// 176 MB with it. A GOMEMLIMIT set by the user wins.
func limitMemory(window int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(window + headroom)
}
