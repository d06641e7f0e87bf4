package main

import (
	"github.com/spf13/cobra"

	"github.com/vtenrich/vtenrich/pipeline"
)

func (a *app) extractCommand() *cobra.Command {
	var iof ioFlags
	var x extractFlags
	cmd := &cobra.Command{
		Use:   "extract [flags] [FILE...]",
		Short: "Extract IoCs from rows, without looking them up",
		Long: `extract writes every row joined with the observables found in it
(vt_observable, vt_ioc_type, vt_source_index; vt_status under --keep-screened).
It makes no network connection.`,
		Example: `  vtenrich extract --columns CommandLine process_tree.csv
  vtenrich extract --join inner --types url,dns --stats proxy.jsonl.gz
  vtenrich extract --keep-screened --naming msticpy -o iocs.parquet export.csv`,
		RunE: func(cmd *cobra.Command, inputs []string) error {
			cfg := pipeline.Config{Mode: pipeline.Extract}
			if err := a.ioConfig(&cfg, &iof, inputs); err != nil {
				return err
			}
			if err := x.apply(&cfg); err != nil {
				return err
			}
			limitMemory(pipeline.DefaultMaxMemory)
			stats, err := pipeline.Run(cmd.Context(), cfg)
			reportBadRows(a, stats)
			if rerr := x.report(a, stats); err == nil {
				err = rerr
			}
			return runError(err)
		},
	}
	iof.register(cmd.Flags())
	x.register(cmd.Flags())
	return cmd
}
