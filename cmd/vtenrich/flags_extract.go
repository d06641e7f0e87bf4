package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/vtenrich/vtenrich/pipeline"
	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// extractFlags choose what is extracted and how it is joined to the rows.
type extractFlags struct {
	columns                []string
	types                  string
	skipList               string
	urlHosts, keepScreened bool
	vtOnly                 bool
	join, naming           string
	iocColumn, typeColumn  string
	stats                  bool
	statsJSON              string
}

func (f *extractFlags) register(fs *pflag.FlagSet) {
	fs.StringSliceVar(&f.columns, "columns", nil, "columns to scan for IoCs, comma-separated (default: every text column: strings, string views, dictionary-encoded strings)")
	fs.StringVar(&f.types, "types", "", "IoC types to extract, comma-separated: ipv4, ipv6, dns, url, md5_hash, sha1_hash, sha256_hash (default: all)")
	fs.StringVar(&f.skipList, "skip-list", "", "file of known-good observables and CIDRs, one per line, # comments: never looked up")
	fs.BoolVar(&f.urlHosts, "url-hosts", false, "also look up the host of each URL as a separate observable")
	fs.BoolVar(&f.keepScreened, "keep-screened", false, "keep screened observables in the output, with the reason in the status column")
	fs.StringVar(&f.join, "join", "left", "left: a row per (row, observable), rows without any kept once; inner: only rows with observables; row: exactly one row per input row, VT columns as lists")
	fs.StringVar(&f.naming, "naming", "snake", "added column names: snake (vt_observable, ...) or msticpy (Observable, ...)")
	fs.BoolVar(&f.vtOnly, "vt-only", false, "write only the added columns, not the input's (vt_source_index joins them back)")
	fs.StringVar(&f.iocColumn, "ioc-column", "", "take each row's observable from this column as a whole, instead of scanning text")
	fs.StringVar(&f.typeColumn, "type-column", "", "with --ioc-column: the column holding each observable's type (default: detected)")
	fs.BoolVar(&f.stats, "stats", false, "print a summary on stderr at the end")
	fs.StringVar(&f.statsJSON, "stats-json", "", "write the summary as JSON to FILE")
}

// apply fills the extraction part of cfg.
func (f *extractFlags) apply(cfg *pipeline.Config) error {
	types, err := ioc.ParseTypeSet(f.types)
	if err != nil {
		return usageError("--types: %v", err)
	}
	cfg.IoC = ioc.Config{Types: types, URLHosts: f.urlHosts}
	cfg.OnlyAdded = f.vtOnly
	if f.skipList != "" {
		file, err := os.Open(f.skipList)
		if err != nil {
			return fmt.Errorf("--skip-list: %w", err)
		}
		defer file.Close()
		if cfg.IoC.SkipList, err = ioc.LoadSkipList(file, f.skipList); err != nil {
			return err
		}
	}
	if cfg.Join, err = pipeline.ParseJoinMode(f.join); err != nil {
		return usageError("--join: %v", err)
	}
	switch f.naming {
	case "snake":
		cfg.Naming = pipeline.SnakeNames
	case "msticpy", "seed":
		cfg.Naming = pipeline.SeedNames
	default:
		return usageError("--naming %q: want snake or msticpy", f.naming)
	}
	if f.typeColumn != "" && f.iocColumn == "" {
		return usageError("--type-column needs --ioc-column")
	}
	if f.iocColumn != "" && len(f.columns) > 0 {
		return usageError("--ioc-column and --columns exclude each other: one takes whole values, the other scans text")
	}
	cfg.Columns, cfg.IoCColumn, cfg.TypeColumn = f.columns, f.iocColumn, f.typeColumn
	cfg.KeepScreened = f.keepScreened
	return nil
}

// report prints the --stats summary and writes --stats-json.
func (f *extractFlags) report(a *app, s *pipeline.Stats) error {
	if s == nil {
		return nil
	}
	sum := s.Summary()
	if f.stats {
		if err := sum.WriteText(a.stderr); err != nil {
			return err
		}
	}
	if f.statsJSON != "" {
		file, err := os.Create(f.statsJSON)
		if err != nil {
			return fmt.Errorf("--stats-json: %w", err)
		}
		if err := sum.WriteJSON(file); err != nil {
			file.Close()
			return fmt.Errorf("--stats-json: %w", err)
		}
		return file.Close()
	}
	return nil
}

// reportBadRows tells how many rows --on-bad-row skip skipped, and where.
func reportBadRows(a *app, s *pipeline.Stats) {
	if s == nil || s.BadRows.Count == 0 {
		return
	}
	fmt.Fprintf(a.stderr, "vtenrich: skipped %d bad row(s)", s.BadRows.Count)
	if len(s.BadRows.First) > 0 {
		fmt.Fprintf(a.stderr, ", first:")
		for _, where := range s.BadRows.First {
			fmt.Fprintf(a.stderr, "\n  %s", where)
		}
	}
	fmt.Fprintln(a.stderr)
}
