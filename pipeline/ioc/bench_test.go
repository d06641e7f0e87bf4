package ioc

import (
	"bytes"
	"syscall"
	"testing"
	"time"
)

// corpusLines is the benchmark corpus split into lines, as the pipeline
// scans it: one call per field.
func corpusLines(size int) (all []byte, lines [][]byte) {
	all = benchCorpus(size)
	return all, bytes.SplitAfter(all, []byte("\n"))
}

// BenchmarkExtract scans realistic log text one line a call, all types,
// screening included: the pipeline's hot loop.
func BenchmarkExtract(b *testing.B) {
	all, lines := corpusLines(4 << 20)
	e := NewExtractor(Config{})
	var n, screened int
	count := func(m *Match) {
		n++
		if m.Reason != "" {
			screened++
		}
	}
	b.SetBytes(int64(len(all)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		n, screened = 0, 0
		for _, l := range lines {
			e.Scan(l, count)
		}
	}
	// MB/s counts wall time, which other processes on a shared machine
	// inflate; cpu-MB/s counts the CPU time this process used.
	if d := cpuTime() - cpu; d > 0 {
		b.ReportMetric(float64(len(all))*float64(b.N)/d.Seconds()/1e6, "cpu-MB/s")
	}
	b.ReportMetric(float64(n), "matches/op")
	b.ReportMetric(float64(screened), "screened/op")
}

// cpuTime is the user and system CPU time used by this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractWhole scans the same text in one call.
func BenchmarkExtractWhole(b *testing.B) {
	all, _ := corpusLines(4 << 20)
	e := NewExtractor(Config{})
	n := 0
	b.SetBytes(int64(len(all)))
	b.ReportAllocs()
	for b.Loop() {
		e.Scan(all, func(*Match) { n++ })
	}
}

func TestScanDoesNotAllocate(t *testing.T) {
	_, lines := corpusLines(256 << 10)
	e := NewExtractor(Config{URLHosts: true})
	n := 0
	f := func(*Match) { n++ }
	for _, l := range lines { // warm the scratch buffers and the TLD cache
		e.Scan(l, f)
	}
	allocs := testing.AllocsPerRun(3, func() {
		for _, l := range lines {
			e.Scan(l, f)
		}
	})
	if allocs != 0 {
		t.Errorf("scanning %d lines allocates %.0f times", len(lines), allocs)
	}
}

// BenchmarkClassifyCheck is the per-row cost of a column of observables.
func BenchmarkClassifyCheck(b *testing.B) {
	vals := []string{"8.8.8.8", "evil.com", md5a, "hxxp://evil[.]com/x", "2001:4860:4860::8888", "readme.md"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v := vals[i%len(vals)]
		Check(Classify(v), v, nil)
	}
}
