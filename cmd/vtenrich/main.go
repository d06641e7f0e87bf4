// Command vtenrich enriches log exports with VirusTotal. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

func main() {
	ctx, forced := interruptContext()
	go func() {
		<-forced
		if term.IsTerminal(int(os.Stderr.Fd())) {
			os.Stderr.WriteString("\r\x1b[K") // erase a progress line
		}
		os.Exit(exitInterrupted)
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// interruptContext returns a context cancelled by the first SIGINT or
// SIGTERM, which stops the run gracefully (every row read so far is written,
// the output finalised), and a channel closed by the second, on which the
// caller exits at once.
func interruptContext() (context.Context, <-chan struct{}) {
	ctx, stop := context.WithCancel(context.Background())
	forced := make(chan struct{})
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		stop()
		<-sig
		close(forced)
	}()
	return ctx, forced
}
