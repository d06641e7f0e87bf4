package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"
)

// addProfiling adds the hidden --cpuprofile and --memprofile flags:
// performance work on the real binary, on real inputs, without a special
// build. It returns the function that ends the profiles, which run calls
// whatever the outcome (cobra skips post-run hooks when a command fails).
func addProfiling(root *cobra.Command) (finish func() error) {
	var cpuPath, memPath string
	var file *os.File
	stopHeap := make(chan struct{})
	root.PersistentFlags().StringVar(&cpuPath, "cpuprofile", "", "write a CPU profile to FILE")
	root.PersistentFlags().StringVar(&memPath, "memprofile", "", "write a heap profile to FILE every 5 s while running")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().MarkHidden("memprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if memPath != "" {
			go heapProfiles(memPath, stopHeap)
		}
		if cpuPath == "" {
			return nil
		}
		var err error
		if file, err = os.Create(cpuPath); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		return pprof.StartCPUProfile(file)
	}
	return func() error {
		if memPath != "" {
			close(stopHeap)
			memPath = ""
		}
		if file == nil {
			return nil
		}
		pprof.StopCPUProfile()
		err := file.Close()
		file = nil
		return err
	}
}

// heapProfiles writes the heap profile to path every 5 s until stop: the
// memory a run holds is of interest while it runs, not once it has let
// everything go at the end. Each profile replaces the last whole (written
// aside, then renamed).
func heapProfiles(path string, stop <-chan struct{}) {
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		f, err := os.Create(path + ".tmp")
		if err != nil {
			return
		}
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if f.Close() == nil && err == nil {
			os.Rename(path+".tmp", path)
		}
	}
}
