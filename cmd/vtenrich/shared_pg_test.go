package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/vtclient/cache/pgtest"
	"github.com/vtenrich/vtenrich/vtclient/vtfake"
)

// The shared-cache tests against a real PostgreSQL (see pgtest): many
// vtenrich processes, one database, one key.

// pgFake is a fake VirusTotal whose runs share a fresh PostgreSQL schema.
func pgFake(t *testing.T, opts vtfake.Options) *fake {
	t.Helper()
	f := newFake(t, opts)
	f.cache = pgtest.Fresh(t)
	return f
}

// runAll starts one vtenrich per argument list and waits for them all,
// failing the test for any exit code other than want.
func runAll(t *testing.T, want int, runs ...[]string) {
	t.Helper()
	var wg sync.WaitGroup
	for i, args := range runs {
		cmd, stderr := subprocess(t, args...)
		wg.Go(func() {
			cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != want {
				t.Errorf("process %d: exit %d, want %d\n%s", i, code, want, stderr)
			}
		})
	}
	wg.Wait()
}

// busiestSecond is the most requests that arrived in any window of one
// second, and the rate of the whole log.
func busiestSecond(log []vtfake.Entry) (int, float64) {
	var times []time.Time
	for _, e := range log {
		times = append(times, e.Time)
	}
	most := pgtest.BusiestSecond(times)
	if len(times) < 2 {
		return most, 0
	}
	first, last := slices.MinFunc(times, time.Time.Compare), slices.MaxFunc(times, time.Time.Compare)
	return most, float64(len(times)-1) / last.Sub(first).Seconds()
}

// TestPGProcessesFetchEachOnce: 8 vtenrich processes over overlapping
// inputs (half in reverse order) share one PostgreSQL cache: as many
// requests as distinct observables, and every row answered.
func TestPGProcessesFetchEachOnce(t *testing.T) {
	f := pgFake(t, vtfake.Options{Latency: 100 * time.Millisecond, Jitter: 90 * time.Millisecond, Seed: 8})
	forward, backward := publicIPs(t, 120, false), publicIPs(t, 120, true)
	var runs [][]string
	outs := make([]string, 8)
	for p := range 8 {
		in := forward
		if p%2 == 1 {
			in = backward
		}
		outs[p] = filepath.Join(t.TempDir(), "out.csv")
		runs = append(runs, append(f.flags("--workers", "4", "--rate", "200/s", "-o", outs[p]), in))
	}
	start := time.Now()
	runAll(t, exitOK, runs...)
	for p, out := range outs {
		for _, s := range column(t, asCSV(t, out), "vt_status") {
			if s != "Success" && s != "NotFound" {
				t.Errorf("process %d: status %q", p, s)
			}
		}
	}
	calls := f.okCalls(t)
	t.Logf("8 processes: %d requests for %d distinct observables in %v", f.Stats().Requests, len(calls), time.Since(start).Round(time.Millisecond))
	if n := f.Stats().Requests; n != 120 || len(calls) != 120 {
		t.Errorf("8 processes made %d requests for %d observables (want 120 for 120)", n, len(calls))
	}
}

// TestPGRateIsTheKeys: two processes with --rate 20/s on one key, asking
// for different observables, together send at most 20 requests in any
// second (one of tolerance: see the README's "Scaling out").
func TestPGRateIsTheKeys(t *testing.T) {
	f := pgFake(t, vtfake.Options{Latency: 5 * time.Millisecond})
	ips := publicIPs(t, 120, false)
	half := func(part int) string { // rows of one half of the IPs
		b, err := os.ReadFile(ips)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		path := filepath.Join(t.TempDir(), "half.csv")
		rows := lines[1:][part*40 : part*40+40]
		os.WriteFile(path, []byte(lines[0]+"\n"+strings.Join(rows, "\n")+"\n"), 0o644)
		return path
	}
	start := time.Now()
	runAll(t, exitOK,
		append(f.flags("--workers", "4", "--rate", "20/s", "-o", filepath.Join(t.TempDir(), "a.csv")), half(0)),
		append(f.flags("--workers", "4", "--rate", "20/s", "-o", filepath.Join(t.TempDir(), "b.csv")), half(1)))
	most, rate := busiestSecond(f.Log())
	t.Logf("2 processes at --rate 20/s: %d requests in %v, %.1f/s overall, at most %d in any second",
		len(f.Log()), time.Since(start).Round(time.Millisecond), rate, most)
	if len(f.Log()) != 80 {
		t.Errorf("%d requests, want 80", len(f.Log()))
	}
	if most > 21 {
		t.Errorf("%d requests in one second: the two processes overran the key's 20/s", most)
	}
}

// TestPGDailyQuotaIsTheKeys: --daily-quota holds across processes sharing
// the database: two processes with 25 each, asking for 40 observables
// each, send 25 requests together.
func TestPGDailyQuotaIsTheKeys(t *testing.T) {
	f := pgFake(t, vtfake.Options{})
	a, b := publicIPs(t, 40, false), publicIPs(t, 40, true)
	quota := func(out, in string) []string {
		args := f.flags("--workers", "2", "-o", filepath.Join(t.TempDir(), out), in)
		return append(args, "--daily-quota", "25") // the last --daily-quota wins
	}
	runAll(t, exitIncomplete, quota("a.csv", a), quota("b.csv", b))
	if n := f.Stats().Requests; n != 25 {
		t.Errorf("%d requests for a daily quota of 25", n)
	}
	r := mustRun(t, 0, "", "cache", "stats", "--cache", f.cache)
	if !strings.Contains(r.stdout, ": 25 (key") {
		t.Errorf("the ledger does not say 25:\n%s", r.stdout)
	}
}

// TestPGRestartMidRun: PostgreSQL restarted while two processes work
// ($VTENRICH_TEST_PG_CTL restart -m fast): they wait for it, retrying,
// and finish with every row answered, nothing fetched twice and every
// answer stored.
func TestPGRestartMidRun(t *testing.T) {
	f := pgFake(t, vtfake.Options{Latency: 20 * time.Millisecond})
	pgCtl := os.Getenv("VTENRICH_TEST_PG_CTL")
	if pgCtl == "" {
		if os.Getenv("VTENRICH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("VTENRICH_TEST_PG_CTL is not set: .ci/postgres.sh sets it")
		}
		t.Skip("VTENRICH_TEST_PG_CTL is not set: cannot restart the server")
	}
	in := publicIPs(t, 150, false)
	var cmds []*exec.Cmd
	var stderrs []*bytes.Buffer
	for p := range 2 {
		cmd, stderr := subprocess(t, append(f.flags("--workers", "4", "--rate", "100/s", "-o", filepath.Join(t.TempDir(), fmt.Sprintf("%d.csv", p))), in)...)
		cmds, stderrs = append(cmds, cmd), append(stderrs, stderr)
	}
	waitRequests(t, f, 30)
	restart := exec.Command("sh", "-c", pgCtl+" restart -m fast -w -t 60 -l /dev/null")
	if out, err := restart.CombinedOutput(); err != nil {
		t.Fatalf("restarting PostgreSQL: %v\n%s", err, out)
	}
	t.Logf("restarted PostgreSQL after %d requests", f.Stats().Requests)
	for i, cmd := range cmds {
		cmd.Wait()
		if code := cmd.ProcessState.ExitCode(); code != exitOK {
			t.Errorf("process %d: exit %d\n%s", i, code, stderrs[i])
		}
	}
	calls := f.okCalls(t)
	for obs, n := range calls {
		if n > 1 {
			t.Errorf("%s fetched %d times", obs, n)
		}
	}
	if len(calls) != 150 {
		t.Errorf("%d of 150 observables fetched", len(calls))
	}
	said := stderrs[0].String() + stderrs[1].String()
	if !strings.Contains(said, "lost the database") || !strings.Contains(said, "the database is back") {
		t.Errorf("the processes did not say the database went and came back:\n%s", said)
	}
	t.Logf("what they said:\n%s", said)
	r := cli(t, "", f.flags("--offline", "--stats", in)...)
	if !strings.Contains(r.stderr, "150 from cache") {
		t.Errorf("after the restart the cache lacks answers:\n%s", r.stderr)
	}
}

// TestPGKilledProcessClaimsAreTakenOver: a process killed with SIGKILL
// while it holds claims in the database: the others wait for its leases
// (by the database's clock) to end, take its observables over, and each
// is requested at most once more. The victim talks to a fake of its own
// (see TestKilledProcessClaimsAreTakenOver).
func TestPGKilledProcessClaimsAreTakenOver(t *testing.T) {
	victimsFake := newFake(t, vtfake.Options{Latency: 300 * time.Millisecond})
	claimsTakenOver(t, victimsFake, pgFake(t, vtfake.Options{Latency: 300 * time.Millisecond}))
}

// TestPGUnreachable: a database that cannot be reached at the start is
// exit 1 with a message naming the host and never the password, for a
// run that looks up and one that is --offline.
func TestPGUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	f := newFake(t, vtfake.Options{})
	f.cache = "postgres://analyst:Sup3rSecret@" + addr + "/vt?sslmode=disable"
	in := publicIPs(t, 3, false)
	for _, extra := range [][]string{nil, {"--offline"}} {
		r := cli(t, "", append(f.flags(extra...), in)...)
		if r.code != exitError || !strings.Contains(r.stderr, addr) || strings.Contains(r.stderr+r.stdout, "Sup3rSecret") {
			t.Errorf("%v: exit %d, stderr %q: want exit 1 naming %s and not the password", extra, r.code, r.stderr, addr)
		}
	}
	if len(f.Log()) != 0 {
		t.Errorf("%d requests without a cache", len(f.Log()))
	}
}

// TestCacheMigrate: answers move from a file to PostgreSQL and back
// unchanged (the exports are equal), the database serves them offline,
// and $VTENRICH_CACHE names the cache when --cache is not given.
func TestCacheMigrate(t *testing.T) {
	f := newFake(t, vtfake.Options{})
	mustRun(t, 0, "", append(f.flags("-o", filepath.Join(t.TempDir(), "o.csv")), seedCSV)...)
	db := pgtest.Fresh(t)
	r := mustRun(t, 0, "", "cache", "migrate", "--from", f.cache, "--to", db)
	if !strings.Contains(r.stderr, "imported") {
		t.Errorf("migrate says: %s", r.stderr)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	mustRun(t, 0, "", "cache", "migrate", "--from", db, "--to", back)
	exports := map[string]string{}
	for _, c := range []string{f.cache, db, back} {
		exports[c] = mustRun(t, 0, "", "cache", "export", "--cache", c).stdout
	}
	if exports[db] != exports[f.cache] || exports[back] != exports[f.cache] || exports[db] == "" {
		t.Errorf("the exports differ:\nfile %d bytes, database %d, back %d", len(exports[f.cache]), len(exports[db]), len(exports[back]))
	}
	t.Setenv("VTENRICH_CACHE", db)
	off := cli(t, "", "--offline", "--stats", "-o", filepath.Join(t.TempDir(), "off.csv"), seedCSV)
	if off.code != exitOK || strings.Contains(off.stderr, "not in cache") {
		t.Errorf("offline from the database: exit %d\n%s", off.code, off.stderr)
	}
	if r := mustRun(t, 0, "", "cache", "stats"); !strings.Contains(r.stdout, "schema=t_") {
		t.Errorf("cache stats without --cache does not show $VTENRICH_CACHE:\n%s", r.stdout)
	}
	if r := cli(t, "", "cache", "migrate", "--from", filepath.Join(t.TempDir(), "none.db"), "--to", db); r.code == exitOK {
		t.Error("migrating from a file that does not exist succeeded")
	}
}
