package main

import (
	"os"
	"runtime/debug"
)

// limitMemory keeps the heap close to the live data. Go's default lets the
// heap grow to twice the live data before collecting, and returns freed
// memory to the system lazily; a 10M-row offline run peaked at 202 MB that
// way with about 100 MB live.
//
// Two settings: collect at 50% growth (GOGC=50), and a soft limit of 3
// times --max-memory (192 MiB by default), near which the runtime collects
// more often and gives memory back at once. The limit is safe because the
// live data is bounded by --max-memory whatever the input (rows waiting in
// the join, observables in the resolver's generations: ARCHITECTURE.md,
// "Memory"), so the heap never sits above it for long, which would make the
// collector run without pause. GOGC or GOMEMLIMIT set by the user win.
func limitMemory(maxMemory int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(50)
	debug.SetMemoryLimit(maxMemory * 3)
}
