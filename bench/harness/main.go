// Command harness runs vtenrich's side-by-side benchmark and prints one
// table of medians and ratios, all measured in the same run. bench/run.sh
// installs the peers, builds the binaries and the corpora, then runs it;
// see bench/README.md.
//
// Every case is a whole process under /usr/bin/time (wall time, peak RSS,
// CPU time). The tools of a case take turns within each repetition, so
// that a change in the machine's load hits them alike.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// config is what run.sh hands over.
type config struct {
	work, bin, corpus, big, lookupCorpus, patterns, node string
	distinct                                             []string
	runs                                                 int
	timeout                                              time.Duration
	mode                                                 string
	only                                                 string
}

func main() {
	var c config
	flag.StringVar(&c.work, "work", "", "work folder (outputs, caches, logs)")
	flag.StringVar(&c.bin, "bin", "", "folder holding the vtenrich and vtfake binaries")
	flag.StringVar(&c.corpus, "corpus", "", "the CSV corpus of the extraction, CSV and Parquet cases")
	flag.StringVar(&c.big, "big", "", "the large CSV corpus of the memory case (same pool as -corpus)")
	flag.Func("distinct", "comma-separated CSV corpora of the distinct-observables memory case", func(v string) error {
		if v != "" {
			c.distinct = strings.Split(v, ",")
		}
		return nil
	})
	flag.StringVar(&c.lookupCorpus, "lookup-corpus", "", "the CSV corpus of the lookup case (default: -corpus)")
	flag.StringVar(&c.patterns, "patterns", "", "ripgrep patterns file")
	flag.StringVar(&c.node, "node", "", "folder holding duckdb-copy.mjs, duckdb-enrich.mjs and node_modules/@duckdb/node-api")
	flag.IntVar(&c.runs, "runs", 3, "repetitions of each case (the table shows medians)")
	flag.DurationVar(&c.timeout, "timeout", 15*time.Minute, "longest a single process may run before it is killed")
	flag.StringVar(&c.mode, "mode", "full", "a label for the table: full or quick")
	flag.StringVar(&c.only, "only", "", "run only this case (and the steps it needs): "+strings.Join(caseNames(), ", "))
	flag.Parse()
	if c.work == "" || c.bin == "" || c.corpus == "" || c.patterns == "" || c.node == "" {
		fmt.Fprintln(os.Stderr, "harness: -work, -bin, -corpus, -patterns and -node are required")
		os.Exit(2)
	}
	c.lookupCorpus = cmp.Or(c.lookupCorpus, c.corpus)
	h := &harness{config: c, vtenrich: filepath.Join(c.bin, "vtenrich"), vtfake: filepath.Join(c.bin, "vtfake")}
	if err := h.run(); err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(1)
	}
}

type harness struct {
	config
	vtenrich, vtfake string
	rows             []row
	notes            []string
	raw              map[string][]sample
	// memoryOneM is vtenrich --offline on the main corpus, from the
	// enrichment case, for the memory case.
	memoryOneM summary
	// warmed is set once the warm cache is ready.
	warmed bool
}

// sample is one measured process.
type sample struct {
	Wall   float64 `json:"wall_s"`
	RSSKB  int64   `json:"max_rss_kb"`
	CPU    float64 `json:"cpu_s"` // user + system
	Exit   int     `json:"exit"`
	Killed bool    `json:"killed,omitempty"`
}

// row is one line of the table.
type row struct {
	group, tool       string
	wall, rss, cpu    float64 // medians; rss in MB
	spread            string  // min-max wall
	mbps              float64 // input MB/s, 0: not shown
	ratio, goal, held string
}

// proc describes one process to measure.
type proc struct {
	name   string
	args   []string
	env    []string
	stdout string // file for standard output ("" is /dev/null)
	okExit []int  // exit codes that are not failures (default 0)
}

func (h *harness) logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "[%s] %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, a...))
}

// measure runs p under /usr/bin/time in its own process group, killed with
// the group after the timeout, and returns what time reported.
func (h *harness) measure(p proc) (sample, error) {
	tf := filepath.Join(h.work, "logs", "time.txt")
	errf, err := os.Create(filepath.Join(h.work, "logs", p.name+".stderr"))
	if err != nil {
		return sample{}, err
	}
	defer errf.Close()
	out := cmp.Or(p.stdout, os.DevNull)
	of, err := os.Create(out)
	if err != nil {
		return sample{}, err
	}
	defer of.Close()
	ctx, cancel := context.WithTimeout(context.Background(), h.timeout)
	defer cancel()
	args := append([]string{"-f", "%e %M %U %S", "-o", tf}, p.args...)
	cmd := exec.CommandContext(ctx, "/usr/bin/time", args...)
	cmd.Stdout, cmd.Stderr = of, errf
	cmd.Env = append(os.Environ(), p.env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	runErr := cmd.Run()
	s := sample{}
	if ctx.Err() != nil {
		s.Killed = true
		s.Wall = h.timeout.Seconds()
		return s, nil
	}
	var ee *exec.ExitError
	if runErr != nil && !errors.As(runErr, &ee) {
		return s, runErr
	}
	s.Exit = cmd.ProcessState.ExitCode()
	b, err := os.ReadFile(tf)
	if err != nil {
		return s, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	f := strings.Fields(lines[len(lines)-1])
	if len(f) != 4 {
		return s, fmt.Errorf("%s: unexpected /usr/bin/time output %q", p.name, b)
	}
	s.Wall, _ = strconv.ParseFloat(f[0], 64)
	s.RSSKB, _ = strconv.ParseInt(f[1], 10, 64)
	u, _ := strconv.ParseFloat(f[2], 64)
	sy, _ := strconv.ParseFloat(f[3], 64)
	s.CPU = u + sy
	ok := p.okExit
	if ok == nil {
		ok = []int{0}
	}
	if !slices.Contains(ok, s.Exit) {
		tail, _ := os.ReadFile(errf.Name())
		return s, fmt.Errorf("%s exited %d: %s", p.name, s.Exit, lastLines(string(tail), 5))
	}
	return s, nil
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}

// rounds measures each proc runs times, taking turns, and returns the
// samples by name.
func (h *harness) rounds(ps ...proc) (map[string][]sample, error) {
	res := map[string][]sample{}
	for i := range h.runs {
		for _, p := range ps {
			s, err := h.measure(p)
			if err != nil {
				return nil, err
			}
			h.logf("  %-28s run %d: %6.2f s, %6.1f MB, %5.2f CPU s", p.name, i+1, s.Wall, float64(s.RSSKB)/1024, s.CPU)
			res[p.name] = append(res[p.name], s)
			h.raw[p.name] = append(h.raw[p.name], s)
		}
	}
	return res, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// summary is the medians of samples.
type summary struct{ wall, rss, cpu, min, max float64 }

func summarize(ss []sample) summary {
	var w, r, c []float64
	for _, s := range ss {
		w, r, c = append(w, s.Wall), append(r, float64(s.RSSKB)/1024), append(c, s.CPU)
	}
	return summary{wall: median(w), rss: median(r), cpu: median(c), min: slices.Min(w), max: slices.Max(w)}
}

func (h *harness) add(group, tool string, s summary, mbps float64, ratio, goal, held string) {
	r := row{group: group, tool: tool, wall: s.wall, rss: s.rss, cpu: s.cpu, mbps: mbps, ratio: ratio, goal: goal, held: held}
	if s.wall > 0 {
		r.spread = fmt.Sprintf("%.2f–%.2f", s.min, s.max)
	}
	h.rows = append(h.rows, r)
}

func yes(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func fileMB(path string) float64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return float64(st.Size()) / 1e6
}

func (h *harness) run() error {
	for _, d := range []string{"logs", "out", "cache"} {
		if err := os.MkdirAll(filepath.Join(h.work, d), 0o755); err != nil {
			return err
		}
	}
	h.raw = map[string][]sample{}
	start := time.Now()
	h.notes = append(h.notes, "load average before: "+loadAvg())
	want, err := h.selected()
	if err != nil {
		return err
	}
	for _, st := range h.steps() {
		if !want[st.name] {
			continue
		}
		h.logf("%s (load %s)", st.title, loadAvg())
		if err := st.fn(); err != nil {
			return fmt.Errorf("%s: %w", st.title, err)
		}
	}
	h.notes = append(h.notes, "load average after: "+loadAvg(), fmt.Sprintf("harness wall time: %s", time.Since(start).Round(time.Second)))
	table := h.table()
	fmt.Print(table)
	raw, _ := json.MarshalIndent(h.raw, "", "  ")
	if err := os.WriteFile(filepath.Join(h.work, "results.json"), raw, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(h.work, "results.md"), []byte(table), 0o644)
}

// step is one part of the run: a case of the table, or what cases need.
type step struct {
	name, title string
	fn          func() error
	needs       []string // steps that must run first
}

// steps lists every step in the order they run.
func (h *harness) steps() []step {
	return []step{
		{name: "extraction", title: "extraction", fn: h.extraction},
		{name: "warm", title: "warm cache", fn: h.warmCache},
		{name: "csv", title: "CSV → CSV", fn: h.csvToCSV},
		{name: "parquet", title: "CSV → Parquet", fn: h.csvToParquet},
		{name: "enrichment", title: "enrichment", fn: h.enrichment, needs: []string{"warm"}},
		{name: "memory", title: "memory", fn: h.memory, needs: []string{"warm", "enrichment"}},
		{name: "distinct", title: "distinct observables", fn: h.distinctMemory},
		{name: "lookups", title: "lookups", fn: h.lookups},
	}
}

// caseNames are the names -only takes.
func caseNames() []string {
	var names []string
	for _, st := range (&harness{}).steps() {
		if st.name != "warm" {
			names = append(names, st.name)
		}
	}
	return names
}

// selected is the set of steps to run: all of them, or -only's case and
// the steps it needs.
func (h *harness) selected() (map[string]bool, error) {
	want := map[string]bool{}
	steps := h.steps()
	for _, st := range steps {
		want[st.name] = h.only == ""
	}
	if h.only == "" {
		return want, nil
	}
	for _, st := range steps {
		if st.name == h.only && st.name != "warm" {
			want[st.name] = true
			for _, n := range st.needs {
				want[n] = true
			}
			return want, nil
		}
	}
	return nil, fmt.Errorf("-only %q: want one of %s", h.only, strings.Join(caseNames(), ", "))
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// extraction: vtenrich --dry-run (read, extract, screen, dedup, check an
// empty cache; no output) and vtenrich extract (the same, writing every
// joined row) against rg -o with equivalent patterns.
func (h *harness) extraction() error {
	mb := fileMB(h.corpus)
	// --dry-run reads the cache it is given: an empty one, made by the
	// first run and never written, as a first run on new data finds it.
	dryCache := filepath.Join(h.work, "cache", "dry-run-empty.db")
	for _, f := range []string{dryCache, dryCache + "-wal", dryCache + "-shm"} {
		os.Remove(f)
	}
	res, err := h.rounds(
		proc{name: "dry-run", args: []string{h.vtenrich, "--dry-run", "--cache", dryCache, h.corpus}},
		proc{name: "extract", args: []string{h.vtenrich, "extract", h.corpus}},
		proc{name: "rg", args: []string{"rg", "--no-config", "-o", "-f", h.patterns, h.corpus}},
	)
	if err != nil {
		return err
	}
	d, v, r := summarize(res["dry-run"]), summarize(res["extract"]), summarize(res["rg"])
	ratio := r.wall / d.wall
	h.add("extraction", "`vtenrich --dry-run` (read, extract, screen, dedup)", d, mb/d.wall,
		fmt.Sprintf("%.2fx rg's MB/s (CPU %.2fx rg's)", ratio, d.cpu/r.cpu), "≥ 2x rg", yes(ratio >= 2))
	h.add("extraction", "`vtenrich extract` (also writes every joined row)", v, mb/v.wall,
		fmt.Sprintf("%.2fx rg's MB/s (CPU %.2fx rg's)", r.wall/v.wall, v.cpu/r.cpu), "", "")
	h.add("extraction", "`rg -o -f ioc-patterns.rg`", r, mb/r.wall, "", "", "")

	// What each found, once, untimed: rg's matches against vtenrich's
	// candidates (screened ones included).
	n, err := countLines(exec.Command("rg", "--no-config", "-o", "-f", h.patterns, h.corpus))
	if err != nil {
		return err
	}
	sum, err := h.statsJSON("extract-stats", h.vtenrich, "extract", h.corpus)
	if err != nil {
		return err
	}
	h.notes = append(h.notes, fmt.Sprintf("extraction: rg printed %d matches; vtenrich found %d candidates, screened %d, %d unique to look up",
		n, sum.Found, sum.Screened, sum.Unique))
	return nil
}

func countLines(cmd *exec.Cmd) (int, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	n := 0
	buf := make([]byte, 1<<20)
	for {
		k, err := out.Read(buf)
		for _, c := range buf[:k] {
			if c == '\n' {
				n++
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	return n, cmd.Wait()
}

// runSummary is the part of vtenrich's --stats-json the harness reads.
type runSummary struct {
	RowsOut  int64            `json:"rows_out"`
	Found    int64            `json:"observables_found"`
	Screened int64            `json:"screened"`
	Unique   int64            `json:"unique"`
	Missing  map[string]int64 `json:"missing_by_type"`
	APICalls int64            `json:"api_calls"`
	Wall     float64          `json:"wall_seconds"`
}

// statsJSON runs a vtenrich command untimed (output discarded) with
// --stats-json and returns the summary.
func (h *harness) statsJSON(name string, args ...string) (runSummary, error) {
	js := filepath.Join(h.work, "logs", name+".json")
	args = append(args[:2:2], append([]string{"--stats-json", js}, args[2:]...)...)
	if _, err := h.measure(proc{name: name, args: args, okExit: []int{0, 3}}); err != nil {
		return runSummary{}, err
	}
	var s runSummary
	b, err := os.ReadFile(js)
	if err == nil {
		err = json.Unmarshal(b, &s)
	}
	return s, err
}

// fake is a running vtfake.
type fake struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

// startFake starts vtfake on a free loopback port.
func (h *harness) startFake(name string, args ...string) (*fake, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	logf, err := os.Create(filepath.Join(h.work, "logs", name+".log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(h.vtfake, append([]string{"--addr", addr}, args...)...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	f := &fake{cmd: cmd, url: "http://" + addr, done: make(chan error, 1)}
	go func() { f.done <- cmd.Wait(); logf.Close() }()
	for range 100 {
		if _, err := f.requests(); err == nil {
			return f, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	f.stop()
	return nil, fmt.Errorf("vtfake did not come up on %s", addr)
}

// requests is the fake's count of API requests (GET /_stats).
func (f *fake) requests() (int, error) {
	resp, err := http.Get(f.url + "/_stats")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var st struct {
		Requests int `json:"requests"`
	}
	err = json.NewDecoder(resp.Body).Decode(&st)
	return st.Requests, err
}

func (f *fake) stop() {
	f.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-f.done:
	case <-time.After(5 * time.Second):
		f.cmd.Process.Kill()
		<-f.done
	}
}

// benchKey is the API key every run against vtfake gives.
var benchKey = []string{"VT_API_KEY=bench-key"}

// unpaced is a vtenrich run against fake f as fast as it answers: 16
// workers, no rate limit, no daily quota; more arguments follow.
func (h *harness) unpaced(f *fake, more ...string) []string {
	return append([]string{h.vtenrich, "--vt-url", f.url, "--workers", "16", "--rate", "100000/s", "--daily-quota", "0"}, more...)
}

// warmCache fills the cache of the offline cases from a vtfake without
// latency: every unique observable of the corpus, and so of the big
// corpus, made from the same pool.
//
// A run of one case (-only) reuses the warm cache an earlier run made for
// the same corpus, so that a case can be rerun in seconds; a whole run
// always makes it afresh.
func (h *harness) warmCache() error {
	db := h.warmDB()
	stamp := fmt.Sprintf("%s %.0f\n", filepath.Base(h.corpus), fileMB(h.corpus)*1e6)
	if b, err := os.ReadFile(db + ".stamp"); err == nil && string(b) == stamp && h.only != "" {
		h.notes = append(h.notes, "warm cache: reused from an earlier run on the same corpus")
		return nil
	}
	f, err := h.startFake("vtfake-warm")
	if err != nil {
		return err
	}
	defer f.stop()
	for _, p := range []string{db, db + "-wal", db + "-shm", db + ".stamp"} {
		os.Remove(p)
	}
	s, err := h.measure(proc{name: "warm-cache", args: h.unpaced(f, "--cache", db, "--stats", h.corpus), env: benchKey})
	if err != nil {
		return err
	}
	n, err := f.requests()
	if err != nil {
		return err
	}
	h.notes = append(h.notes, fmt.Sprintf("warm cache: %d lookups from vtfake (no latency, --workers 16) in %.1f s (%.0f/s)", n, s.Wall, float64(n)/s.Wall))
	return os.WriteFile(db+".stamp", []byte(stamp), 0o644)
}

func (h *harness) warmDB() string { return filepath.Join(h.work, "cache", "warm.db") }

func (h *harness) offline(input string, more ...string) []string {
	return append(append([]string{h.vtenrich, "--offline", "--cache", h.warmDB()}, more...), input)
}

func (h *harness) csvToCSV() error {
	mb := fileMB(h.corpus)
	res, err := h.rounds(
		proc{name: "convert-csv", args: []string{h.vtenrich, "convert", h.corpus}},
		proc{name: "mlr-cat", args: []string{"mlr", "--icsv", "--ocsv", "cat", h.corpus}},
	)
	if err != nil {
		return err
	}
	m, s := summarize(res["mlr-cat"]), summarize(res["convert-csv"])
	r := s.wall / m.wall
	h.add("CSV → CSV", "`vtenrich convert`", s, mb/s.wall, fmt.Sprintf("%.2fx Miller's wall (CPU %.2fx)", r, s.cpu/m.cpu), "≤ 0.5x Miller", yes(r <= 0.5))
	h.add("CSV → CSV", "`mlr --icsv --ocsv cat`", m, mb/m.wall, "", "", "")
	return nil
}

func (h *harness) csvToParquet() error {
	mb := fileMB(h.corpus)
	out := func(n string) string { return filepath.Join(h.work, "out", n) }
	res, err := h.rounds(
		proc{name: "convert-parquet", args: []string{h.vtenrich, "convert", "-o", out("convert.parquet"), h.corpus}},
		proc{name: "duckdb-copy", args: []string{"node", filepath.Join(h.node, "duckdb-copy.mjs"), h.corpus, out("duckdb.parquet")}},
	)
	if err != nil {
		return err
	}
	d, s := summarize(res["duckdb-copy"]), summarize(res["convert-parquet"])
	w, r := s.wall/d.wall, s.rss/d.rss
	h.add("CSV → Parquet", "`vtenrich convert -o x.parquet`", s, mb/s.wall, fmt.Sprintf("%.2fx DuckDB's wall, %.2fx its RSS (CPU %.2fx)", w, r, s.cpu/d.cpu),
		"≤ 1x wall, ≤ 0.25x RSS", yes(w <= 1 && r <= 0.25))
	h.add("CSV → Parquet", "DuckDB `COPY … TO (FORMAT parquet, COMPRESSION zstd)`", d, mb/d.wall, "", "", "")
	h.notes = append(h.notes, fmt.Sprintf("Parquet sizes (plain copy): vtenrich convert %.1f MB, DuckDB %.1f MB",
		fileMB(out("convert.parquet")), fileMB(out("duckdb.parquet"))))
	return nil
}

func (h *harness) memory() error {
	one := h.memoryOneM
	h.add("memory", fmt.Sprintf("`vtenrich --offline`, %s (the enrichment case's CSV runs)", rowsLabel(h.corpus)), one, 0, "", "≤ 200 MB", yes(one.rss <= 200))
	if h.big == "" {
		h.notes = append(h.notes, "memory: no large corpus in this mode")
		return nil
	}
	res, err := h.rounds(proc{name: "offline-big", args: h.offline(h.big)})
	if err != nil {
		return err
	}
	b := summarize(res["offline-big"])
	flat := b.rss / one.rss
	h.add("memory", fmt.Sprintf("`vtenrich --offline`, %s", rowsLabel(h.big)), b, fileMB(h.big)/b.wall,
		fmt.Sprintf("%.2fx the RSS at %s", flat, rowsLabel(h.corpus)), "≤ 200 MB, flat (≤ 1.25x)", yes(b.rss <= 200 && flat <= 1.25))
	return nil
}

// rowsLabel reads the row count that run.sh puts in corpus names
// (corpus-<rows>-<unique>-s<seed>.csv).
func rowsLabel(path string) string {
	n := corpusNumber(path, 1)
	if n == 0 {
		return filepath.Base(path)
	}
	return count(n) + " rows"
}

// lookupRun is one measured lookup run and its second, cached run.
type lookupRun struct {
	first, second      sample
	calls, secondCalls int
	steady, endToEnd   float64
}

// lookupRate is the rate the lookup case asks for: a premium key's, far
// past what one worker at these latencies could reach alone.
const lookupRate = 600.0

// lookupLatencies are vtfake's latencies in the lookup case: a near
// VirusTotal and a slow one, where Little's law asks 30 and 300 requests
// in flight.
var lookupLatencies = []string{"50ms", "500ms"}

// lookups runs vtenrich with --rate 600/s and no --workers (the pool is
// sized from the measured latency) against vtfake at each latency, on a
// fresh cache each time, and again on the cache it filled.
func (h *harness) lookups() error {
	for _, latency := range lookupLatencies {
		if err := h.lookupsAt(latency); err != nil {
			return err
		}
	}
	h.notes = append(h.notes, "lookups: the rate is the steady rate vtfake saw (GET /_stats every 0.5 s, between 5% and 95% of the calls); end to end is calls / the whole process's wall time, reading and start-up included")
	return nil
}

func (h *harness) lookupsAt(latency string) error {
	var runs []lookupRun
	var expected int64
	for i := range h.runs {
		lr, exp, err := h.lookupOnce(i, latency)
		if err != nil {
			return err
		}
		expected = exp
		runs = append(runs, lr)
		h.logf("  lookups %s run %d: %d calls of %d expected in %.1f s, steady %.0f/s, end to end %.0f/s; second run %d calls in %.1f s%s",
			latency, i+1, lr.calls, exp, lr.first.Wall, lr.steady, lr.endToEnd, lr.secondCalls, lr.second.Wall, killed(lr.second))
	}
	var firsts, seconds []sample
	var steady, e2e, calls, second []float64
	anyKilled, limit := false, time.Duration(0)
	for _, r := range runs {
		if r.second.Killed {
			limit = time.Duration(r.second.Wall * float64(time.Second))
		}
		firsts, seconds = append(firsts, r.first), append(seconds, r.second)
		steady, e2e = append(steady, r.steady), append(e2e, r.endToEnd)
		calls, second = append(calls, float64(r.calls)), append(second, float64(r.secondCalls))
		anyKilled = anyKilled || r.second.Killed
	}
	h.raw["lookup-first-"+latency], h.raw["lookup-second-"+latency] = firsts, seconds
	st, ee := median(steady), median(e2e)
	tool := fmt.Sprintf("`vtenrich --rate 600/s`, vtfake %s latency, %s", latency, rowsLabel(h.lookupCorpus))
	h.add("lookups", tool, summarize(firsts), 0,
		fmt.Sprintf("%.0f/s = %.2fx of 600/s (end to end %.0f/s = %.2fx)", st, st/lookupRate, ee, ee/lookupRate), "≥ 0.98x", yes(st >= 0.98*lookupRate))
	c := median(calls)
	h.add("lookups", "API calls / unique uncached observables ("+latency+")", summary{}, 0,
		fmt.Sprintf("%.0f / %d = %.2f", c, expected, c/float64(expected)), "1.00", yes(int64(c) == expected && slices.Max(calls) == slices.Min(calls)))
	sc := slices.Max(second)
	held := yes(sc == 0 && !anyKilled)
	ratio := fmt.Sprintf("%.0f calls", sc)
	if anyKilled {
		ratio += fmt.Sprintf(", but the run did not end: killed after %s", limit)
	}
	h.add("lookups", "second run, same cache ("+latency+")", summarize(seconds), 0, ratio, "0 calls", held)
	return nil
}

func killed(s sample) string {
	if s.Killed {
		return " (KILLED: did not end)"
	}
	return ""
}

// secondTimeout bounds the second lookup run: it does what --offline does
// (answers from the cache, writes CSV), so three times the offline run's
// wall time, and at least a minute, is ample.
func (h *harness) secondTimeout() time.Duration {
	return min(h.timeout, max(time.Minute, 3*time.Duration(h.memoryOneM.wall*float64(time.Second))))
}

func (h *harness) lookupOnce(i int, latency string) (lookupRun, int64, error) {
	var lr lookupRun
	db := filepath.Join(h.work, "cache", fmt.Sprintf("lookups-%s-%d.db", latency, i))
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		os.Remove(p)
	}
	// The count to expect: unique screened-in observables not in the
	// (empty) cache, as --dry-run counts them.
	dry, err := h.statsJSON(fmt.Sprintf("lookup-dry-%s-%d", latency, i), h.vtenrich, "--dry-run", "--cache", db, h.lookupCorpus)
	if err != nil {
		return lr, 0, err
	}
	var expected int64
	for _, n := range dry.Missing {
		expected += n
	}
	f, err := h.startFake(fmt.Sprintf("vtfake-lookups-%s-%d", latency, i), "--latency", latency)
	if err != nil {
		return lr, 0, err
	}
	defer f.stop()
	args := []string{h.vtenrich, "--vt-url", f.url, "--cache", db, "--rate", "600/s",
		"--daily-quota", "0", h.lookupCorpus}
	env := benchKey

	// Poll the fake's counter while the run goes on.
	type point struct {
		t time.Time
		n int
	}
	var points []point
	stopPoll := make(chan struct{})
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopPoll:
				return
			case t := <-tick.C:
				if n, err := f.requests(); err == nil {
					points = append(points, point{t, n})
				}
			}
		}
	}()
	lr.first, err = h.measure(proc{name: fmt.Sprintf("lookups-%s-%d", latency, i), args: args, env: env})
	close(stopPoll)
	<-polled
	if err != nil {
		return lr, 0, err
	}
	if lr.calls, err = f.requests(); err != nil {
		return lr, 0, err
	}
	lr.endToEnd = float64(lr.calls) / lr.first.Wall
	lo, hi := -1, -1
	for k, p := range points {
		if lo < 0 && p.n >= lr.calls/20 {
			lo = k
		}
		if p.n <= lr.calls*19/20 {
			hi = k
		}
	}
	if lo >= 0 && hi > lo {
		lr.steady = float64(points[hi].n-points[lo].n) / points[hi].t.Sub(points[lo].t).Seconds()
	}

	// The second run: everything is cached, nothing may be asked.
	saved := h.timeout
	h.timeout = h.secondTimeout()
	lr.second, err = h.measure(proc{name: fmt.Sprintf("lookups-%s-%d-second", latency, i), args: args, env: env})
	h.timeout = saved
	if err != nil {
		return lr, 0, err
	}
	n, err := f.requests()
	if err != nil {
		return lr, 0, err
	}
	lr.secondCalls = n - lr.calls
	return lr, expected, nil
}

func (h *harness) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n| case | tool | wall s (median) | wall min–max | CPU s | peak RSS MB | input MB/s | ratio | goal | holds |\n")
	fmt.Fprintf(&b, "|---|---|--:|--:|--:|--:|--:|---|---|---|\n")
	for _, r := range h.rows {
		mbps := ""
		if r.mbps > 0 {
			mbps = fmt.Sprintf("%.0f", r.mbps)
		}
		wall, cpu, rss := "", "", ""
		if r.wall > 0 {
			wall, cpu, rss = fmt.Sprintf("%.2f", r.wall), fmt.Sprintf("%.2f", r.cpu), fmt.Sprintf("%.0f", r.rss)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r.group, r.tool, wall, r.spread, cpu, rss, mbps, r.ratio, r.goal, r.held)
	}
	fmt.Fprintf(&b, "\nMode %s, %d runs per case, medians. Corpus %s (%.0f MB)", h.mode, h.runs, rowsLabel(h.corpus), fileMB(h.corpus))
	if h.big != "" {
		fmt.Fprintf(&b, "; memory corpus %s (%.0f MB)", rowsLabel(h.big), fileMB(h.big))
	}
	b.WriteString(".\n\n")
	for _, n := range h.notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	return b.String()
}
