package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/vtclient/cache"
	"github.com/vtenrich/vtenrich/writers"
)

func (a *app) cacheCommand() *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Inspect, export, import and purge the lookup cache",
		Long: `The cache keeps every VirusTotal answer (the raw v3 object, compressed) so that
no observable is fetched twice: across runs, across processes sharing the file,
and across colleagues who exchange exports.`,
		Example: `  vtenrich cache stats
  vtenrich cache export -o team-cache.jsonl.zst
  vtenrich cache import team-cache.jsonl.zst vt-cli-dump.jsonl
  vtenrich cache purge --older-than 30d
  vtenrich cache migrate --from cache.db --to postgres://vt@db.internal/vt`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError("unknown cache command %q (want stats, export, import, purge or migrate)", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.PersistentFlags().StringVar(&path, "cache", "", "cache file or postgres:// URL (default: "+defaultCacheHelp()+")")
	open := func() (cache.Store, error) {
		target, err := cacheTarget(path)
		if err != nil {
			return nil, err
		}
		return cache.Open(target, cache.Options{Normalize: normalizeObservable})
	}
	cmd.AddCommand(a.cacheStats(open), a.cacheExport(open), a.cacheImport(open), a.cachePurge(open), a.cacheMigrate())
	return cmd
}

// normalizeObservable is the pipeline's normal form, so that an imported
// object is found by the lookups the pipeline makes.
func normalizeObservable(t ioc.Type, s string) string {
	if v, _ := ioc.Check(t, s, nil); v != "" {
		return v
	}
	return s
}

type cacheOpener func() (cache.Store, error)

// withCache runs f on the opened cache and reports the error of closing it.
func withCache(open cacheOpener, f func(cache.Store) error) error {
	c, err := open()
	if err != nil {
		return err
	}
	err = f(c)
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	return err
}

func (a *app) cacheStats(open cacheOpener) *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Entries by type and outcome, file size, oldest and newest answer",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withCache(open, func(c cache.Store) error {
				s, err := c.Stats(cmd.Context())
				if err != nil {
					return err
				}
				return printCacheStats(a.stdout, s)
			})
		},
	}
}

// printCacheStats counts in answers, as export and purge do: one answer
// is one VirusTotal object (or not-found), whichever of a file's hashes
// finds it. The table counts the observables the answers serve, so a file
// answered by hash shows under each of its hashes.
func printCacheStats(w io.Writer, s cache.Stats) error {
	fmt.Fprintf(w, "cache:   %s (%s)\n", s.Path, humanBytes(s.FileSize))
	fmt.Fprintf(w, "answers: %d", s.Objects)
	if !s.Oldest.IsZero() {
		fmt.Fprintf(w, ", oldest %s, newest %s", s.Oldest.UTC().Format(time.RFC3339), s.Newest.UTC().Format(time.RFC3339))
	}
	fmt.Fprintln(w)
	if len(s.Types) > 0 {
		fmt.Fprintln(w, "observables they answer, by type (a file's answer serves each of its hashes):")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "TYPE\tFOUND\tNOT FOUND\tEXPIRED\t")
	for _, t := range s.Types {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", t.Type, t.Found, t.NotFound, t.Expired)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, q := range s.Quota {
		fmt.Fprintf(w, "requests on %s: %d (key %s)\n", q.Day, q.Used, q.KeyID)
	}
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func (a *app) cacheExport(open cacheOpener) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "export [-o FILE]",
		Short: "Write every answer as JSONL: one v3 object with its metadata per line",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withCache(open, func(c cache.Store) error {
				return a.exportTo(cmd, c, output)
			})
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to FILE (atomically); .gz/.zst compress")
	return cmd
}

// exportTo writes the export to stdout or, atomically and compressed as
// its extension says, to path.
func (a *app) exportTo(cmd *cobra.Command, c cache.Store, path string) error {
	if path == "" {
		n, err := c.Export(cmd.Context(), a.stdout)
		if err == nil {
			fmt.Fprintf(a.stderr, "vtenrich: exported %d answers\n", n)
		}
		return err
	}
	f, err := writers.CreateAtomic(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	w, err := writers.Compress(f, rows.StreamFromPath(path))
	if err != nil {
		return err
	}
	n, err := c.Export(cmd.Context(), w)
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := f.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "vtenrich: exported %d answers to %s\n", n, path)
	return nil
}

func (a *app) cacheImport(open cacheOpener) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE...",
		Short: "Import answers: a cache export, raw API responses {\"data\":{...}} one per line (vt-py), or vt-cli's --format json output",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("import needs at least one FILE (- for stdin)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, files []string) error {
			return withCache(open, func(c cache.Store) error {
				bad := 0
				for _, name := range files {
					rep, err := a.importFile(cmd, c, name)
					if err != nil {
						return err
					}
					a.printImportReport(name, rep)
					bad += rep.Bad
				}
				if bad > 0 {
					return fmt.Errorf("%d line(s) could not be imported", bad)
				}
				return nil
			})
		},
	}
}

// maxImportDetails is how many bad lines an import lists under its
// summary line.
const maxImportDetails = 20

// printImportReport writes one summary line for an imported file, one
// line summing up what was refused (by reason), then the first bad lines
// or entries with their numbers.
func (a *app) printImportReport(name string, rep cache.ImportReport) {
	summary := fmt.Sprintf("vtenrich: %s: %d imported, %d skipped, %d refused, %d bad", name, rep.Imported, rep.Skipped, rep.Refused, rep.Bad)
	if rep.Clamped > 0 {
		summary += fmt.Sprintf("; %d fetched_at in the future set to now", rep.Clamped)
	}
	fmt.Fprintln(a.stderr, summary)
	if s := rep.RefusedSummary(); s != "" {
		fmt.Fprintf(a.stderr, "  refused: %s\n", s)
	}
	for i, e := range rep.Errors {
		if i == maxImportDetails {
			fmt.Fprintf(a.stderr, "  ... and %d more bad\n", rep.Bad-i)
			break
		}
		fmt.Fprintf(a.stderr, "  bad: %v\n", e)
	}
}

func (a *app) importFile(cmd *cobra.Command, c cache.Store, name string) (cache.ImportReport, error) {
	if name == "-" {
		return c.Import(cmd.Context(), a.stdin, "-")
	}
	f, err := os.Open(name)
	if err != nil {
		return cache.ImportReport{}, err
	}
	defer f.Close()
	return c.Import(cmd.Context(), f, name)
}

func (a *app) cachePurge(open cacheOpener) *cobra.Command {
	var olderThan string
	var all bool
	cmd := &cobra.Command{
		Use:   "purge --older-than DURATION | --all",
		Short: "Delete answers (those fetched more than DURATION ago, or all) and shrink the file",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var age time.Duration
			switch {
			case all && olderThan != "":
				return usageError("--all and --older-than exclude each other")
			case !all && olderThan == "":
				// Answers cost quota: emptying the cache is never a default.
				return usageError("purge deletes answers fetched more than --older-than DURATION ago, or every answer with --all; say which")
			case olderThan != "":
				var err error
				if age, err = parseDuration(olderThan); err != nil {
					return usageError("--older-than: %v", err)
				}
				if age == 0 {
					return usageError("--older-than 0 would delete every answer; say --all")
				}
			}
			return withCache(open, func(c cache.Store) error {
				n, err := purgeAnswers(cmd, c, age)
				if err == nil {
					fmt.Fprintf(a.stderr, "vtenrich: purged %d answers\n", n)
				}
				return err
			})
		},
	}
	cmd.Flags().StringVar(&olderThan, "older-than", "", "only answers fetched more than DURATION ago (7d, 36h, ...)")
	cmd.Flags().BoolVar(&all, "all", false, "every answer")
	return cmd
}

// purgeAnswers purges and counts what went in answers, the unit of cache
// stats and export (Purge itself counts the keys it removed, three for a
// file found by its hashes).
func purgeAnswers(cmd *cobra.Command, c cache.Store, age time.Duration) (int, error) {
	before, err := c.Stats(cmd.Context())
	if err != nil {
		return 0, err
	}
	if _, err := c.Purge(cmd.Context(), age); err != nil {
		return 0, err
	}
	after, err := c.Stats(cmd.Context())
	if err != nil {
		return 0, err
	}
	return max(0, before.Objects-after.Objects), nil
}
