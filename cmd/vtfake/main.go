// Command vtfake runs the fake VirusTotal API v3 server of package
// vtclient/vtfake, for demos and benchmarks:
//
//	go run ./cmd/vtfake --addr 127.0.0.1:8089 --minute-quota 4 --daily-quota 500
//	VT_API_KEY=any-fake-key vtenrich --vt-url http://127.0.0.1:8089 lookup 8.8.8.8
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
