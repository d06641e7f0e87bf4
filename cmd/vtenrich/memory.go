package main

import (
	"os"
	"runtime/debug"
)

// limitMemory keeps the heap closer to the live data than Go's default,
// which lets it grow to twice the live heap before collecting: a 10M-row
// offline run peaked at 202 MB with the default and about 100 MB live.
// A GC percentage rather than a fixed memory limit, so that a run holding
// more (say a million answers) pays a little more collection, never the
// near-constant collection of a heap stuck above its limit. GOGC or
// GOMEMLIMIT set by the user win.
func limitMemory() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(50)
}
