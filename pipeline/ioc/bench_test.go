package ioc

import (
	"bytes"
	"testing"
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
	for b.Loop() {
		n, screened = 0, 0
		for _, l := range lines {
			e.Scan(l, count)
		}
	}
	b.ReportMetric(float64(n), "matches/op")
	b.ReportMetric(float64(screened), "screened/op")
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
