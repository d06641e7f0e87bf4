// Package kernel measures vtenrich's extraction kernel on a benchmark
// corpus, apart from the pipeline around it (reading, joining, writing),
// to tell how much of `vtenrich extract`'s time is the scanner itself:
//
//	go run ./bench/gen -rows 200000 -unique 10000 -o /tmp/c.csv
//	VTBENCH_CORPUS=/tmp/c.csv go test ./bench/kernel -run '^$' -bench . -benchtime 5x
//
// Without VTBENCH_CORPUS the benchmarks are skipped.
package kernel

import (
	"encoding/csv"
	"io"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// maxCorpusBytes bounds how much of the corpus is held in memory.
const maxCorpusBytes = 64 << 20

// fields reads the corpus's fields (header left out), as the pipeline
// scans them: one Scan call per non-empty field.
func fields(b *testing.B) (fs [][]byte, total int64) {
	path := os.Getenv("VTBENCH_CORPUS")
	if path == "" {
		b.Skip("VTBENCH_CORPUS is not set")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil { // header
		b.Fatal(err)
	}
	for total < maxCorpusBytes {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range rec {
			if v != "" {
				fs = append(fs, []byte(v))
				total += int64(len(v))
			}
		}
	}
	return fs, total
}

// BenchmarkScan is the scanner alone: extract, refang, normalise, screen.
func BenchmarkScan(b *testing.B) {
	fs, total := fields(b)
	e := ioc.NewExtractor(ioc.Config{})
	n := 0
	count := func(*ioc.Match) { n++ }
	b.SetBytes(total)
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		n = 0
		for _, f := range fs {
			e.Scan(f, count)
		}
	}
	reportCPU(b, total, cpu)
	b.ReportMetric(float64(n), "matches/op")
}

// cpuTime is the user and system CPU time this process used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the throughput per CPU second since cpu: on a shared
// machine the wall-clock MB/s moves with the load, this far less.
func reportCPU(b *testing.B, total int64, cpu time.Duration) {
	if d := cpuTime() - cpu; d > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/d.Seconds()/1e6, "cpu-MB/s")
	}
}

// BenchmarkScanDedup adds what the pipeline does with each match that is
// not screened: find or add it in the dedup set.
func BenchmarkScanDedup(b *testing.B) {
	fs, total := fields(b)
	e := ioc.NewExtractor(ioc.Config{})
	var set ioc.Set
	add := func(m *ioc.Match) {
		if m.Reason == "" {
			set.Add(m.Type, m.Value)
		}
	}
	b.SetBytes(total)
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		for _, f := range fs {
			e.Scan(f, add)
		}
	}
	reportCPU(b, total, cpu)
	b.ReportMetric(float64(set.Len()), "unique")
}
