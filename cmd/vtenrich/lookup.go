package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vtenrich/vtenrich/pipeline"
	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
)

func (a *app) lookupCommand() *cobra.Command {
	var (
		iof      ioFlags
		l        lookupFlags
		typ      string
		cols     columnFlags
		statsOn  bool
		noScreen bool
	)
	cmd := &cobra.Command{
		Use:   "lookup [flags] IOC... | -",
		Short: "Look observables up: one row per observable with the VT columns",
		Long: `lookup looks up the observables given as arguments (or one per line on stdin
with "-"). Types are detected unless --type is given; screened observables are
reported with their reason and not looked up, unless --no-screen. On a
terminal the result is an aligned table; with --to or -o, any output format.`,
		Example: `  vtenrich lookup 8.8.8.8 44d88612fea8a8f36de82e1278abb02f
  vtenrich lookup --type dns evil.example.org
  vtenrich lookup --no-screen --type dns intranet.corp
  cut -d, -f3 iocs.csv | vtenrich lookup --to jsonl - > results.jsonl`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError("lookup needs at least one observable, or - to read them from stdin")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := l.check(); err != nil {
				return err
			}
			cfg := pipeline.Config{Mode: pipeline.Enrich, KeepScreened: true, OnlyAdded: true, DetectedURLs: l.detectedURLs}
			if err := cols.apply(&cfg); err != nil {
				return err
			}
			source, err := lookupInput(a, args, typ)
			if err != nil {
				return err
			}
			if err := a.ioConfig(&cfg, &iof, nil); err != nil {
				source.Close()
				return err
			}
			cfg.Inputs, cfg.Stdin, cfg.Source = nil, nil, source
			cfg.IoCColumn = "observable"
			cfg.IoC.NoScreen = noScreen
			if typ != "" {
				cfg.TypeColumn = "type"
			}
			if iof.to == "" && iof.output == "" && isTerminal(a.stdout) {
				cfg.Write.Format = rows.Table
				if len(cols.fields) == 0 && len(cols.include) == 0 {
					cfg.Write.TableColumns = tableColumns // else the columns asked for, all of them
				}
			}
			stats, err := a.lookupRun(cmd, cfg, &l)
			if statsOn && stats != nil {
				stats.Summary().WriteText(a.stderr)
			}
			if err == nil && stats != nil && stats.Incomplete() {
				err = errIncomplete
			}
			return runError(err)
		},
	}
	fs := cmd.Flags()
	iof.registerOutput(fs)
	l.register(fs)
	fs.StringVar(&typ, "type", "", "the type of every observable: ipv4, ipv6, dns, url, md5_hash, sha1_hash, sha256_hash (default: detected)")
	cols.register(fs, "VT columns to show, comma-separated, in either naming (default: the seed's columns)")
	fs.BoolVar(&statsOn, "stats", false, "print a summary on stderr at the end")
	fs.BoolVar(&noScreen, "no-screen", false, "look up what the screen refuses (private or special-use addresses and names, low-entropy hex, ...): you know better")
	return cmd
}

// lookupInput turns the arguments (or stdin's lines for "-") into rows of
// one observable each (and its type, with --type) for the pipeline.
func lookupInput(a *app, args []string, typ string) (readers.Reader, error) {
	if typ != "" {
		if _, err := ioc.ParseType(typ); err != nil {
			return nil, usageError("--type: %v", err)
		}
	}
	var values []string
	for _, arg := range args {
		if arg != "-" {
			values = append(values, arg)
			continue
		}
		r := bufio.NewReader(a.stdinFor(nil))
		for {
			line, err := r.ReadString('\n')
			if v := strings.TrimSpace(line); v != "" && !strings.HasPrefix(v, "#") {
				values = append(values, v)
			}
			if err == io.EOF {
				break
			}
			if err != nil && a.ctx.Err() != nil {
				return nil, runError(pipeline.ErrInterrupted) // stopped while waiting for input
			}
			if err != nil {
				return nil, fmt.Errorf("reading observables from stdin: %w", err)
			}
		}
	}
	header := []string{"observable"}
	if typ != "" {
		header = append(header, "type")
	}
	records := make([][]string, len(values))
	for i, v := range values {
		records[i] = append([]string{v}, header[1:]...)
		if typ != "" {
			records[i][1] = typ
		}
	}
	return readers.FromValues("arguments", header, records)
}

// lookupRun opens the cache and client and runs the pipeline.
func (a *app) lookupRun(cmd *cobra.Command, cfg pipeline.Config, l *lookupFlags) (*pipeline.Stats, error) {
	env, err := a.openLookups(l, false)
	if err != nil {
		return nil, err
	}
	defer env.close()
	cfg.Lookups = env.lookups
	stats, err := pipeline.Run(cmd.Context(), cfg)
	if cerr := env.finish(stats); err == nil {
		err = cerr
	}
	return stats, err
}

// tableColumns are shown in the terminal table, in this order, without
// --fields and --include; with them, every column asked for is.
var tableColumns = []string{"vt_observable", "vt_ioc_type", "vt_status", "vt_verdict", "vt_positives", "vt_total", "vt_permalink", "vt_verbose_msg"}
