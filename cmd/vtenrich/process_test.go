package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// manyDomains writes a CSV of rows rows naming unique distinct domains.
func manyDomains(t *testing.T, rows, unique int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,msg\n")
	for i := range rows {
		fmt.Fprintf(&b, "%d,GET http://cdn%d.example-shop.com/a and beacon to c2-%d.badhost.org\n", i, i%unique, i%unique)
	}
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// subprocess starts the test binary as vtenrich with args.
func subprocess(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "VTENRICH_AS_CLI=1", "VT_API_KEY=", "VTCLI_APIKEY=", "HOME="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, &stderr
}

// waitRequests waits until the fake has answered n requests.
func waitRequests(t *testing.T, f *fake, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for f.Stats().Requests < n {
		if time.Now().After(deadline) {
			t.Fatalf("the fake saw %d requests, want %d", f.Stats().Requests, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestInterruptWritesCompleteOutput: SIGINT mid-run stops lookups, writes
// every row read with the unresolved ones as Error: Interrupted, leaves a
// valid Parquet file, keeps the fetched results in the cache, exits 130.
func TestInterruptWritesCompleteOutput(t *testing.T) {
	f := newFake(t, vtfake.Options{Latency: 20 * time.Millisecond})
	in := manyDomains(t, 2000, 400)
	out := filepath.Join(t.TempDir(), "out.parquet")
	// 400 lookups at 20 ms each: the signal lands mid-way.
	cmd, stderr := subprocess(t, append(f.flags("-o", out, "--join", "left"), in)...)
	waitRequests(t, f, 20)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Fatalf("exit %d (%v), want 130\nstderr: %s", code, err, stderr)
	}
	recs := asCSV(t, out)
	seen := map[string]bool{}
	statuses := map[string]int{}
	for i, src := range column(t, recs, "vt_source_index") {
		seen[src] = true
		statuses[strings.SplitN(column(t, recs, "vt_status")[i], ":", 2)[0]]++
	}
	if len(seen) != 2000 {
		t.Errorf("the output covers %d of 2000 rows", len(seen))
	}
	if statuses["Success"]+statuses["NotFound"] == 0 || statuses["Error"] == 0 {
		t.Errorf("statuses %v: want answered rows and Interrupted ones", statuses)
	}
	for _, s := range column(t, recs, "vt_status") {
		if strings.HasPrefix(s, "Error") && s != "Error: Interrupted" {
			t.Errorf("unexpected status %q", s)
		}
	}
	// Every fetched answer is in the cache: the offline rerun finds them.
	fetched := len(f.okCalls(t))
	r := cli(t, "", f.flags("--offline", "--join", "inner", "--stats", in)...)
	if !strings.Contains(r.stderr, fmt.Sprintf("%d from cache", fetched)) {
		t.Errorf("after the interrupt, %d answers were fetched but the cache says:\n%s", fetched, r.stderr)
	}
}

// TestKill9LosesOnlyTheLastSecond kills vtenrich with SIGKILL mid-run and
// reruns it on the same cache: the rerun may fetch again only what arrived
// in the last second before the kill (the cache is durable within one
// second: vtclient/cache/doc.go).
func TestKill9LosesOnlyTheLastSecond(t *testing.T) {
	f := newFake(t, vtfake.Options{Latency: 5 * time.Millisecond})
	in := manyDomains(t, 3000, 1000)
	args := append(f.flags("--rate", "200/s", "--workers", "4", "-o", filepath.Join(t.TempDir(), "out.csv")), in)
	cmd, _ := subprocess(t, args...)
	waitRequests(t, f, 300)
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	killedAt := time.Now()
	firstFetch := map[string]time.Time{}
	for _, e := range f.Log() {
		if _, ok := firstFetch[e.Observable]; !ok && (e.Status == 200 || e.Status == 404) {
			firstFetch[e.Observable] = e.Time
		}
	}
	before := len(f.Log())
	mustRun(t, 0, "", args...)
	refetched := 0
	for _, e := range f.Log()[before:] {
		first, ok := firstFetch[e.Observable]
		if !ok {
			continue
		}
		refetched++
		if age := killedAt.Sub(first); age > time.Second {
			t.Errorf("%s was fetched %v before the kill and fetched again", e.Observable, age.Round(time.Millisecond))
		}
	}
	t.Logf("%d answers before the kill, %d fetched again", len(firstFetch), refetched)
}

// TestSecondSignalExitsAtOnce: a second SIGINT ends the process without
// waiting for the graceful stop, and the cache stays consistent.
func TestSecondSignalExitsAtOnce(t *testing.T) {
	f := newFake(t, vtfake.Options{Latency: 200 * time.Millisecond})
	in := manyDomains(t, 500, 250)
	cmd, stderr := subprocess(t, append(f.flags("--workers", "4", "-o", filepath.Join(t.TempDir(), "out.csv")), in)...)
	waitRequests(t, f, 8)
	cmd.Process.Signal(syscall.SIGINT)
	time.Sleep(20 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Fatalf("exit %d, want 130\nstderr: %s", code, stderr)
	}
	if r := cli(t, "", "cache", "stats", "--cache", f.cache); r.code != 0 {
		t.Fatalf("the cache is unusable after a forced exit: %s", r.stderr)
	}
}

// TestInterruptKeepsRowsReadFromStdin: rows that came through a pipe before
// SIGINT are written, though the input never ended, and the run exits 130.
// (That rows parsed but not yet flushed go out on a stop is the readers'
// TestStopHandsOutHeldRows, in fake time.)
func TestInterruptKeepsRowsReadFromStdin(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	cmd := exec.Command(os.Args[0], "extract", "--from", "csv")
	cmd.Env = append(os.Environ(), "VTENRICH_AS_CLI=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	fmt.Fprintln(stdin, "id,msg")
	for i := range 10 {
		fmt.Fprintf(stdin, "%d,see c2-%d.badhost.org\n", i, i)
	}
	// Wait until the rows have been flushed (idle time 200 ms), then stop.
	deadline := time.Now().Add(30 * time.Second)
	for strings.Count(out.String(), "badhost.org") < 20 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Fatalf("exit %d, want 130", code)
	}
	if n := strings.Count(out.String(), "badhost.org"); n != 20 {
		t.Errorf("%d of the 10 rows' two mentions are in the output:\n%s", n, out.String())
	}
}

// syncBuffer is a bytes.Buffer a subprocess writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
