package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vtenrich/vtenrich/pipeline"
	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
)

func (a *app) lookupCommand() *cobra.Command {
	var (
		iof      ioFlags
		l        lookupFlags
		typ      string
		fields   []string
		raw      bool
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
			if err := pipeline.CheckFields(fields); err != nil {
				return usageError("--fields: %v", err)
			}
			input, err := lookupInput(a, args, typ)
			if err != nil {
				return err
			}
			table := iof.to == "" && iof.output == "" && isTerminal(a.stdout)
			var buf bytes.Buffer
			cfg := pipeline.Config{Mode: pipeline.Enrich, Fields: fields, Raw: raw, KeepScreened: true, OnlyAdded: true}
			if err := a.ioConfig(&cfg, &iof, nil); err != nil {
				return err
			}
			cfg.Inputs, cfg.Stdin = nil, input
			cfg.Read.Format, cfg.Read.IdleFlush = rows.CSV, 0
			cfg.IoCColumn = "observable"
			cfg.IoC.NoScreen = noScreen
			if typ != "" {
				cfg.TypeColumn = "type"
			}
			if table {
				cfg.Stdout, cfg.Write.Format = &buf, rows.CSV
			}
			stats, err := a.lookupRun(cmd, cfg, &l)
			if table && buf.Len() > 0 { // interrupted or not, show what was answered
				if perr := printTable(a.stdout, &buf); err == nil {
					err = perr
				}
			}
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
	fs.StringSliceVar(&fields, "fields", nil, "VT columns to show, comma-separated (default: all but the raw response)")
	fs.BoolVar(&raw, "raw", false, "add the raw VirusTotal object as JSON")
	fs.BoolVar(&statsOn, "stats", false, "print a summary on stderr at the end")
	fs.BoolVar(&noScreen, "no-screen", false, "look up what the screen refuses (private or special-use addresses and names, low-entropy hex, ...): you know better")
	return cmd
}

// lookupInput turns the arguments (or stdin's lines for "-") into a CSV
// stream for the pipeline, which then treats each as a one-observable row.
func lookupInput(a *app, args []string, typ string) (io.Reader, error) {
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
		r := bufio.NewReader(a.stdin)
		for {
			line, err := r.ReadString('\n')
			if v := strings.TrimSpace(line); v != "" && !strings.HasPrefix(v, "#") {
				values = append(values, v)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("reading observables from stdin: %w", err)
			}
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := []string{"observable"}
	if typ != "" {
		header = append(header, "type")
	}
	w.Write(header)
	for _, v := range values {
		rec := []string{v}
		if typ != "" {
			rec = append(rec, typ)
		}
		w.Write(rec)
	}
	w.Flush()
	return &buf, w.Error()
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

// tableColumns are shown in the terminal table, in this order, when present.
var tableColumns = []string{"vt_observable", "vt_ioc_type", "vt_status", "vt_verdict", "vt_positives", "vt_total", "vt_permalink", "vt_verbose_msg"}

// printTable renders the CSV the pipeline wrote as an aligned table of the
// columns people read first.
func printTable(w io.Writer, in io.Reader) error {
	records, err := csv.NewReader(in).ReadAll()
	if err != nil || len(records) == 0 {
		return err
	}
	var idx []int
	for _, name := range tableColumns {
		for i, h := range records[0] {
			if h == name {
				idx = append(idx, i)
			}
		}
	}
	if len(idx) == 0 { // --fields chose others: show them all
		for i := range records[0] {
			idx = append(idx, i)
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for r, rec := range records {
		cells := make([]string, len(idx))
		for i, c := range idx {
			cells[i] = rec[c]
			if r == 0 {
				cells[i] = strings.ToUpper(strings.TrimPrefix(cells[i], "vt_"))
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}
