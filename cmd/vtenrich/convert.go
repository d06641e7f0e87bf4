package main

import (
	"github.com/spf13/cobra"

	"github.com/vtenrich/vtenrich/pipeline"
)

func (a *app) convertCommand() *cobra.Command {
	var iof ioFlags
	cmd := &cobra.Command{
		Use:   "convert [flags] [FILE...]",
		Short: "Convert rows between CSV, TSV, JSONL, Parquet and Arrow, adding nothing",
		Example: `  vtenrich convert -o events.parquet events.csv
  zcat events.jsonl.gz | vtenrich convert --from jsonl --to csv > events.csv
  vtenrich convert --infer-types -o typed.parquet export.csv.zst`,
		RunE: func(cmd *cobra.Command, inputs []string) error {
			cfg := pipeline.Config{Mode: pipeline.Convert}
			if err := a.ioConfig(&cfg, &iof, inputs); err != nil {
				return err
			}
			// The garbage collector's settings of every pipeline run
			// (collect at 50% growth, a soft limit of 192 MiB): convert
			// holds no observables, but they keep a Parquet conversion at
			// 153 MB instead of 177 (0.22x DuckDB's copy, for no CPU we
			// could measure on the bench corpus).
			limitMemory(pipeline.DefaultMaxMemory)
			stats, err := pipeline.Run(cmd.Context(), cfg)
			reportBadRows(a, stats)
			return runError(err)
		},
	}
	iof.register(cmd.Flags())
	return cmd
}

// ioConfig fills the input and output part of cfg from the flags.
func (a *app) ioConfig(cfg *pipeline.Config, iof *ioFlags, inputs []string) error {
	var err error
	if cfg.Read, err = iof.readOptions(inputs); err != nil {
		return err
	}
	if cfg.Write, err = iof.writeOptions(a, inputs); err != nil {
		return err
	}
	if err := iof.checkOutput(a, cfg.Write); err != nil {
		return err
	}
	cfg.Inputs, cfg.Stdin, cfg.Stdout, cfg.Output = inputs, a.stdinFor(inputs), a.stdout, iof.output
	cfg.TempDir = tempDir(iof.tempDir)
	return nil
}

// runError maps what pipeline.Run returned to the CLI's exit codes.
func runError(err error) error {
	if err == pipeline.ErrInterrupted {
		return withCode(exitInterrupted, err)
	}
	return err
}
