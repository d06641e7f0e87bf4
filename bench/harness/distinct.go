package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// distinctRSSGoal is the peak RSS, in MB, that every run of the distinct
// case must stay under with the default --max-memory (64 MiB): memory
// bounded whatever the number of distinct observables.
const distinctRSSGoal = 250

// distinctMemory is the memory case across distinct observables: corpora
// of the same row size whose every observable is new (300k and 3M in a
// full run), read by the three runs that hold every observable until the
// end (extract, --dry-run, --offline on an empty cache) and, on the
// smallest corpus, by a live run against vtfake without a cache, whose
// request count is checked against the pool.
//
// One run each: the 3M corpus takes minutes a run on 2 cores, and a peak
// RSS does not need a median to be read.
func (h *harness) distinctMemory() error {
	if len(h.distinct) == 0 {
		h.notes = append(h.notes, "distinct: no distinct-observables corpus given")
		return nil
	}
	empty := filepath.Join(h.work, "cache", "distinct-empty.db")
	for _, f := range []string{empty, empty + "-wal", empty + "-shm"} {
		os.Remove(f)
	}
	for i, corpus := range h.distinct {
		label := distinctLabel(corpus)
		runs := []struct {
			name, tool string
			args       []string
			okExit     []int
		}{
			{"extract", "`vtenrich extract`", []string{h.vtenrich, "extract", corpus}, nil},
			{"dry-run", "`vtenrich --dry-run`", []string{h.vtenrich, "--dry-run", "--cache", empty, corpus}, nil},
			// Exit 3: every observable is reported NotInCache.
			{"offline-cold", "`vtenrich --offline`, empty cache", []string{h.vtenrich, "--offline", "--cache", empty, corpus}, []int{3}},
		}
		for _, r := range runs {
			s, err := h.once(proc{name: fmt.Sprintf("distinct-%d-%s", i, r.name), args: r.args, okExit: r.okExit})
			if err != nil {
				return err
			}
			sum := summarize([]sample{s})
			h.add("distinct", r.tool+", "+label, sum, fileMB(corpus)/s.Wall, "",
				fmt.Sprintf("≤ %d MB", distinctRSSGoal), yes(sum.rss <= distinctRSSGoal))
		}
		if i == 0 {
			if err := h.distinctLive(corpus, label); err != nil {
				return err
			}
		}
	}
	h.notes = append(h.notes, "distinct: one run per line (default --max-memory, 64 MiB); the corpora have the main corpus's columns and row size, every pool observable new")
	return nil
}

// distinctLive enriches corpus against vtfake (no latency, no cache, no
// rate to speak of) and checks that it asked once per distinct observable.
func (h *harness) distinctLive(corpus, label string) error {
	f, err := h.startFake("vtfake-distinct")
	if err != nil {
		return err
	}
	defer f.stop()
	s, err := h.once(proc{name: "distinct-live", args: h.unpaced(f, "--no-cache", corpus), env: benchKey})
	if err != nil {
		return err
	}
	n, err := f.requests()
	if err != nil {
		return err
	}
	unique := corpusNumber(corpus, 2)
	sum := summarize([]sample{s})
	h.add("distinct", "`vtenrich --no-cache` against vtfake, "+label, sum, fileMB(corpus)/s.Wall,
		fmt.Sprintf("%d API calls for %d distinct", n, unique),
		fmt.Sprintf("≤ %d MB, calls = distinct", distinctRSSGoal), yes(sum.rss <= distinctRSSGoal && n == unique))
	return nil
}

// distinctLabel names a corpus by its distinct observables and rows.
func distinctLabel(path string) string {
	return fmt.Sprintf("%s distinct, %s", count(corpusNumber(path, 2)), rowsLabel(path))
}

// corpusNumber reads field i of a corpus name that run.sh made
// (corpus-<rows>-<unique>-s<seed>.csv): 1 is the rows, 2 the pool.
func corpusNumber(path string, i int) int {
	f := strings.Split(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), "-")
	if len(f) <= i {
		return 0
	}
	n, _ := strconv.Atoi(f[i])
	return n
}

// count writes n as 300k or 3M when it is round.
func count(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

// once measures p a single time, logs it and keeps its sample.
func (h *harness) once(p proc) (sample, error) {
	s, err := h.measure(p)
	if err != nil {
		return s, err
	}
	h.logf("  %-28s %6.2f s, %6.1f MB, %5.2f CPU s", p.name, s.Wall, float64(s.RSSKB)/1024, s.CPU)
	h.raw[p.name] = append(h.raw[p.name], s)
	return s, nil
}
