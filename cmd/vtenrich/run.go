package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vtenrich/vtenrich/pipeline"
	"golang.org/x/term"
)

// version is set at build time with -ldflags "-X main.version=..."; else
// versionString reads the module version and commit from the build info.
var version = ""

// versionString is what `vtenrich version` and `vtenrich --version` print
// after the name: the version, then the commit it was built from (with
// "+dirty" for uncommitted changes) when the build recorded it.
func versionString() string {
	v, commit, dirty := version, "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	if commit != "" && !strings.Contains(v, commit[:min(12, len(commit))]) { // a pseudo-version names it
		v += " (commit " + commit[:min(12, len(commit))]
		if dirty {
			v += "+dirty"
		}
		v += ")"
	}
	return v
}

// app carries the streams every sub-command works on, so that tests run the
// real CLI in-process with buffers in place of the terminal.
type app struct {
	ctx            context.Context // cancelled by the first signal
	stdin          io.Reader
	stdout, stderr io.Writer
}

// run is the whole CLI: it parses args, runs the sub-command and turns its
// error into an exit code, printing the message in exactly one place.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCommand()
	finishProfile := addProfiling(root)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if perr := finishProfile(); err == nil && perr != nil {
		err = fmt.Errorf("--cpuprofile: %w", perr)
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errIncomplete):
		fmt.Fprintf(stderr, "vtenrich: warning: %v\n", err)
		return exitIncomplete
	}
	fmt.Fprintf(stderr, "vtenrich: %v\n", err)
	code := exitCode(err)
	if code == exitUsage {
		fmt.Fprintln(stderr, "Run 'vtenrich --help' for usage.")
	}
	return code
}

func (a *app) rootCommand() *cobra.Command {
	root := a.enrichCommand("vtenrich [flags] [FILE...]")
	root.Short = "Enrich log exports with VirusTotal"
	root.Long = `vtenrich reads rows (CSV, TSV, JSONL, Parquet, Arrow IPC; plain, gzip or zstd)
from files or stdin, extracts indicators (IPs, domains, URLs, MD5/SHA-1/SHA-256)
from them, screens out what must not be looked up, looks each unique indicator
up once (persistent cache first, then the VirusTotal v3 API under a strict rate
limit), and writes every row joined with VirusTotal columns.

With no sub-command, vtenrich enriches (the same as 'vtenrich enrich').

` + exitCodesHelp
	root.Version = versionString()
	root.SetVersionTemplate("vtenrich {{.Version}}\n")
	root.SilenceErrors = true
	root.SilenceUsage = true
	root.CompletionOptions.HiddenDefaultCmd = false
	root.SuggestionsMinimumDistance = 2
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(
		a.enrichCommand("enrich [flags] [FILE...]"),
		a.extractCommand(),
		a.convertCommand(),
		a.lookupCommand(),
		a.quotaCommand(),
		a.cacheCommand(),
		a.versionCommand(),
	)
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(flagError)
	}
	return root
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(a.stdout, "vtenrich %s\n", versionString())
			return err
		},
	}
}

// flagError is a usage error, with "did you mean" for an unknown flag
// close to one the command has.
func flagError(cmd *cobra.Command, err error) error {
	name, unknown := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !unknown {
		return usageError("%v", err)
	}
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if c, ok := pipeline.Closest(name, names); ok {
		return usageError("%v (did you mean --%s?)", err, c)
	}
	return usageError("%v", err)
}

// noArgs rejects positional arguments as a usage error.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError("unexpected argument %q", args[0])
	}
	return nil
}

// isTerminal reports whether w is a terminal (for progress and tables).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
