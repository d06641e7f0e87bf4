package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// addProfiling adds the hidden --cpuprofile flag: performance work on the
// real binary, on real inputs, without a special build. It returns the
// function that ends the profile, which run calls whatever the outcome
// (cobra skips post-run hooks when a command fails).
func addProfiling(root *cobra.Command) (finish func() error) {
	var path string
	var file *os.File
	root.PersistentFlags().StringVar(&path, "cpuprofile", "", "write a CPU profile to FILE")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if path == "" {
			return nil
		}
		var err error
		if file, err = os.Create(path); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		return pprof.StartCPUProfile(file)
	}
	return func() error {
		if file == nil {
			return nil
		}
		pprof.StopCPUProfile()
		err := file.Close()
		file = nil
		return err
	}
}
