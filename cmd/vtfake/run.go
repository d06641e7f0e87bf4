package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// run parses the flags, serves until ctx ends and returns the exit code:
// 0 after a clean shutdown, 1 when serving fails, 2 for bad flags.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vtfake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		o                  vtfake.Options
		addr, keys, forbid string
		faults             string
	)
	fs.StringVar(&addr, "addr", "127.0.0.1:8089", "listen address")
	fs.StringVar(&keys, "keys", "", "comma-separated accepted API keys (default: any non-empty key)")
	fs.StringVar(&forbid, "forbidden-keys", "", "comma-separated keys answered 403 ForbiddenError")
	fs.IntVar(&o.MinuteQuota, "minute-quota", 0, "requests per key per sliding minute (0: none; a free key has 4)")
	fs.IntVar(&o.DailyQuota, "daily-quota", 0, "requests per key per UTC day (0: none; a free key has 500)")
	fs.IntVar(&o.MonthlyQuota, "monthly-quota", 0, "requests per key per month (0: none)")
	fs.DurationVar(&o.RetryAfter, "retry-after", 0, "Retry-After sent with 429 answers (0: none, like VirusTotal)")
	fs.StringVar(&o.Fixtures, "fixtures", "", "folder of real v3 objects (*.json) to serve, e.g. testdata/vt")
	fs.BoolVar(&o.DescriptorsOnly, "descriptors-only", false, "relationship items without the related objects' attributes")
	fs.Float64Var(&o.FailRate, "fail-rate", 0, "fraction of object requests answered 503 TransientError")
	fs.Float64Var(&o.ResetRate, "reset-rate", 0, "fraction of object requests whose connection is closed without an answer")
	fs.Float64Var(&o.TruncateRate, "truncate-rate", 0, "fraction of object answers cut off half-way")
	fs.DurationVar(&o.Latency, "latency", 0, "delay of every answer")
	fs.DurationVar(&o.Jitter, "jitter", 0, "random spread of the delay, plus or minus")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the random faults and jitter")
	fs.StringVar(&faults, "faults", "", "comma-separated faults for the first object requests (transient, reset, truncate, quota, ...)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "vtfake: unexpected arguments: %q\n", fs.Args())
		return 2
	}
	for _, rate := range []float64{o.FailRate, o.ResetRate, o.TruncateRate} {
		if rate < 0 || rate > 1 {
			fmt.Fprintln(stderr, "vtfake: the fault rates are fractions from 0 to 1")
			return 2
		}
	}
	o.Keys, o.ForbiddenKeys = list(keys), list(forbid)
	script, err := vtfake.ParseFaults(faults)
	if err != nil {
		fmt.Fprintf(stderr, "vtfake: --faults: %v\n", err)
		return 2
	}
	srv, err := vtfake.New(o)
	if err != nil {
		fmt.Fprintf(stderr, "vtfake: %v\n", err)
		return 1
	}
	srv.Inject(script...)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "vtfake: %v\n", err)
		return 1
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "vtfake: serving a fake VirusTotal API v3 on http://%s (stats: /_stats)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err = <-done:
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = hs.Shutdown(shutdown)
		<-done
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "vtfake: %v\n", err)
		return 1
	}
	return 0
}

// list splits a comma-separated flag value.
func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
