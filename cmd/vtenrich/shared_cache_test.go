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

// publicIPs writes a CSV naming n distinct public IPs, in order or reversed.
func publicIPs(t *testing.T, n int, reversed bool) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,msg\n")
	for i := range n {
		k := i
		if reversed {
			k = n - 1 - i
		}
		fmt.Fprintf(&b, "%d,connection from 45.%d.%d.7 refused\n", i, 33+k/200, k%200)
	}
	path := filepath.Join(t.TempDir(), fmt.Sprintf("ips-%v.csv", reversed))
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestProcessesSharingACacheFetchEachOnce: 4 and 8 vtenrich processes
// over overlapping inputs (half of them in reverse order), sharing one
// cache, against a fake answering in 50-500 ms: as many requests as
// distinct observables, and every process writes every row answered.
func TestProcessesSharingACacheFetchEachOnce(t *testing.T) {
	for _, procs := range []int{4, 8} {
		t.Run(fmt.Sprintf("%d processes", procs), func(t *testing.T) {
			f := newFake(t, vtfake.Options{Latency: 275 * time.Millisecond, Jitter: 225 * time.Millisecond, Seed: uint64(procs)})
			forward, backward := publicIPs(t, 120, false), publicIPs(t, 120, true)
			var wg sync.WaitGroup
			for p := range procs {
				in := forward
				if p%2 == 1 {
					in = backward
				}
				out := filepath.Join(t.TempDir(), "out.csv")
				cmd, stderr := subprocess(t, append(f.flags("--workers", "4", "--rate", "200/s", "-o", out), in)...)
				wg.Go(func() {
					cmd.Wait()
					if code := cmd.ProcessState.ExitCode(); code != exitOK {
						t.Errorf("process %d: exit %d\n%s", p, code, stderr)
						return
					}
					for _, s := range column(t, asCSV(t, out), "vt_status") {
						if s != "Success" && s != "NotFound" {
							t.Errorf("process %d: status %q", p, s)
						}
					}
				})
			}
			wg.Wait()
			calls := f.okCalls(t)
			if n := f.Stats().Requests; n != 120 || len(calls) != 120 {
				t.Errorf("%d processes made %d requests for %d observables (want 120 for 120)", procs, n, len(calls))
			}
		})
	}
}

// TestKilledProcessClaimsAreTakenOver: a process killed with SIGKILL while
// it holds claims does not stop the others: they wait for its lease to end,
// take its observables over, and each is requested at most once more. The
// victim talks to a fake of its own, so that requests it sent just before
// dying, which its fake may log only after the kill, are still its own.
func TestKilledProcessClaimsAreTakenOver(t *testing.T) {
	victimsFake := newFake(t, vtfake.Options{Latency: 300 * time.Millisecond})
	f := newFake(t, vtfake.Options{Latency: 300 * time.Millisecond})
	claimsTakenOver(t, victimsFake, f)
}

// claimsTakenOver kills a process holding claims in f's cache (it asks
// victimsFake) while two others (asking f) enrich the same 60 IPs, and
// checks that each observable was asked at most once by each side and
// that together they asked for all of them.
func claimsTakenOver(t *testing.T, victimsFake, f *fake) {
	t.Helper()
	victimsFake.cache = f.cache
	in := publicIPs(t, 60, false)
	lease := []string{"--lease", "2s"}
	victim, _ := subprocess(t, append(victimsFake.flags(append(lease, "--workers", "8", "-o", filepath.Join(t.TempDir(), "v.csv"))...), in)...)
	waitRequests(t, victimsFake, 8) // it holds claims on what it asks for
	var survivors []*exec.Cmd
	var stderrs []*bytes.Buffer
	for range 2 {
		cmd, stderr := subprocess(t, append(f.flags(append(lease, "--workers", "4", "-o", filepath.Join(t.TempDir(), "o.csv"))...), in)...)
		survivors, stderrs = append(survivors, cmd), append(stderrs, stderr)
	}
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	victim.Wait()
	for i, cmd := range survivors {
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != exitOK {
			t.Fatalf("survivor %d exited %d\n%s", i, code, stderrs[i])
		}
	}
	byVictim, bySurvivors := victimsFake.Stats().ByObservable, f.Stats().ByObservable
	again := 0
	for obs, n := range bySurvivors {
		if n > 1 {
			t.Errorf("the survivors asked for %s %d times", obs, n)
		}
		if byVictim[obs] > 0 {
			again++
		}
	}
	for obs, n := range byVictim {
		if n > 1 {
			t.Errorf("the victim asked for %s %d times", obs, n)
		}
	}
	t.Logf("the killed process asked for %d observables; the survivors asked for %d of them again", len(byVictim), again)
	if covered := len(bySurvivors) + len(byVictim) - again; covered != 60 {
		t.Errorf("%d of 60 observables asked for", covered)
	}
}
