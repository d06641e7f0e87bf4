package main

import (
	"fmt"
	"math"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline"
)

// enrichFlags are the flags only enrichment has.
type enrichFlags struct {
	cols      columnFlags
	dryRun    bool
	maxMemory string
	progress  string
}

func (a *app) enrichCommand(use string) *cobra.Command {
	var (
		iof ioFlags
		x   extractFlags
		l   lookupFlags
		e   enrichFlags
	)
	cmd := &cobra.Command{
		Use:   use,
		Short: "Enrich rows with VirusTotal (the default command)",
		Args:  cobra.ArbitraryArgs,
		Example: `  # enrich a CSV export; the key from the environment, answers cached for later runs
  VT_API_KEY=... vtenrich -o enriched.csv export.csv
  # offline: answer from the cache only (misses get NotInCache, exit 3)
  vtenrich --offline --columns CommandLine testdata/process_tree.csv
  # a data-engineering job: JSONL in, enriched Parquet out
  zcat events.jsonl.gz | vtenrich --from jsonl -o enriched.parquet
  # one row per input row, the worst verdict of its observables
  vtenrich --join row --fields observable,verdict,positives proxy.csv
  # what would it cost? (reads and checks the cache, asks nothing)
  vtenrich --dry-run big-export.parquet`,
		RunE: func(cmd *cobra.Command, inputs []string) error {
			return a.enrich(cmd, inputs, &iof, &x, &l, &e)
		},
	}
	fs := cmd.Flags()
	iof.register(fs)
	x.register(fs)
	l.register(fs)
	e.cols.register(fs, "VT columns to add, comma-separated, in either naming (default: the seed's columns; README, \"VT columns\")")
	fs.BoolVar(&e.dryRun, "dry-run", false, "read, extract and check the cache, then print what would be looked up; no API call, no output rows")
	fs.StringVar(&e.maxMemory, "max-memory", fmt.Sprintf("%dMiB", pipeline.DefaultMaxMemory>>20), "memory for rows waiting on lookups, for observables and for the text of results a CSV/TSV output writes again; beyond it they go to temporary files (the process stays within about 3 times it)")
	fs.StringVar(&e.progress, "progress", "auto", "live progress on stderr: auto (when stderr is a terminal), always or never")
	return cmd
}

func (a *app) enrich(cmd *cobra.Command, inputs []string, iof *ioFlags, x *extractFlags, l *lookupFlags, e *enrichFlags) error {
	if err := checkCommandTypo(cmd, inputs); err != nil {
		return err
	}
	cfg := pipeline.Config{Mode: pipeline.Enrich, DryRun: e.dryRun, DetectedURLs: l.detectedURLs}
	if err := a.ioConfig(&cfg, iof, inputs); err != nil {
		return err
	}
	if err := x.apply(&cfg); err != nil {
		return err
	}
	if err := e.cols.apply(&cfg); err != nil { // after x: the columns' names depend on --naming
		return err
	}
	if err := l.check(); err != nil {
		return err
	}
	var err error
	if cfg.MaxMemory, err = parseBytes(e.maxMemory); err != nil {
		return usageError("--max-memory: %v", err)
	}
	limitMemory(cfg.MaxMemory)
	showProgress, err := wantProgress(a, e.progress)
	if err != nil {
		return err
	}

	env, err := a.openLookups(l, e.dryRun)
	if err != nil {
		return err
	}
	defer env.close()
	cfg.Lookups = env.lookups
	cfg.Stats = pipeline.NewStats()
	var done func()
	if showProgress {
		stdout := a.stdout
		done = startProgress(a, cfg.Stats, l.rate, env.limit)
		if cfg.Stdout == stdout {
			cfg.Stdout = a.stdout // rows on the same terminal erase the line first
		}
	}
	stats, err := pipeline.Run(cmd.Context(), cfg)
	if done != nil {
		done()
	}
	if ferr := env.finish(stats); err == nil {
		err = ferr
	}
	reportBadRows(a, stats)
	if rerr := x.report(a, stats); err == nil {
		err = rerr
	}
	if err == nil && e.dryRun {
		err = printPlan(a, stats, env.limit, l.dailyQuota, l.detectedURLs)
	}
	if err == nil && stats.Incomplete() {
		err = errIncomplete
	}
	return runError(err)
}

// printPlan is the --dry-run report: what would be looked up, the quota it
// needs and the time it takes at the configured rate. Under
// --detected-urls a domain or IP costs two requests.
func printPlan(a *app, s *pipeline.Stats, limit rate.Limit, dailyQuota int, detectedURLs bool) error {
	sum := s.Summary()
	var lookups, urls int64
	for t, n := range sum.MissingByType {
		lookups += n
		if detectedURLs && (t == "dns" || t == "ipv4" || t == "ipv6") {
			urls += n
		}
	}
	need := lookups + urls
	w := a.stdout
	fmt.Fprintf(w, "rows read:          %d\n", sum.RowsIn)
	fmt.Fprintf(w, "observables:        %d found, %d screened, %d unique\n", sum.Observables, sum.Screened, sum.Unique)
	fmt.Fprintf(w, "answered by cache:  %d\n", sum.FromCache)
	fmt.Fprintf(w, "would look up:      %d%s\n", lookups, countsByName(sum.MissingByType))
	days := ""
	if dailyQuota > 0 && need > 0 {
		days = fmt.Sprintf(" (%d day(s) at --daily-quota %d)", int64(math.Ceil(float64(need)/float64(dailyQuota))), dailyQuota)
	}
	if urls > 0 {
		days = fmt.Sprintf(", of which %d for --detected-urls%s", urls, days)
	}
	fmt.Fprintf(w, "quota needed:       %d requests%s\n", need, days)
	_, err := fmt.Fprintf(w, "time at the rate:   %s\n", eta(need, limit))
	return err
}

// eta renders how long n lookups take at limit requests per second.
func eta(n int64, limit rate.Limit) string {
	if n == 0 {
		return "none"
	}
	if limit == rate.Inf || limit <= 0 {
		return "unlimited rate"
	}
	d := time.Duration(float64(n) / float64(limit) * float64(time.Second))
	switch {
	case d < time.Minute:
		return fmt.Sprintf("about %d s", int(math.Ceil(d.Seconds())))
	case d < 2*time.Hour:
		return fmt.Sprintf("about %d min", int(math.Ceil(d.Minutes())))
	}
	return fmt.Sprintf("about %.1f h", d.Hours())
}

func countsByName(m map[string]int64) string {
	s := ""
	for _, t := range []string{"ipv4", "ipv6", "dns", "url", "md5_hash", "sha1_hash", "sha256_hash"} {
		if m[t] > 0 {
			if s != "" {
				s += ", "
			}
			s += fmt.Sprintf("%s %d", t, m[t])
		}
	}
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func wantProgress(a *app, mode string) (bool, error) {
	switch mode {
	case "auto":
		return isTerminal(a.stderr), nil
	case "always":
		return true, nil
	case "never":
		return false, nil
	}
	return false, usageError("--progress %q: want auto, always or never", mode)
}

// checkCommandTypo turns `vtenrich lokup 8.8.8.8` into a usage error naming
// the command meant, instead of "open lokup: no such file". Only a first
// argument that is no file, has no dot or slash, and is close to a command
// name counts as a typo.
func checkCommandTypo(cmd *cobra.Command, inputs []string) error {
	if cmd != cmd.Root() || len(inputs) == 0 || strings.ContainsAny(inputs[0], "./-") {
		return nil
	}
	if _, err := os.Stat(inputs[0]); err == nil {
		return nil
	}
	if s := cmd.SuggestionsFor(inputs[0]); len(s) > 0 {
		return usageError("unknown command %q; did you mean %q?", inputs[0], s[0])
	}
	return nil
}
