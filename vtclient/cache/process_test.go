package cache

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// Tests that need several processes re-execute the test binary with
// helperEnv set to a role; TestHelperProcess plays it.
const (
	helperEnv = "VTENRICH_CACHE_HELPER"
	pathEnv   = "VTENRICH_CACHE_PATH"
	argEnv    = "VTENRICH_CACHE_ARG"
	leaseEnv  = "VTENRICH_CACHE_LEASE" // Options.Lease, as a time.Duration
)

// helper starts the test binary as a helper process playing role on the
// cache at path. Roles that must start together wait for a line on stdin
// (see startAll).
func helper(t *testing.T, role, path, arg string, env ...string) (*exec.Cmd, *bufio.Reader, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+role, pathEnv+"="+path, argEnv+"="+arg)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewReader(out), in
}

// startAll starts n helpers that wait, with their cache open, until all
// of them are ready, so that they really run at the same time.
func startAll(t *testing.T, n int, role, path string, arg func(i int) string, env ...string) ([]*exec.Cmd, []*bufio.Reader) {
	t.Helper()
	var cmds []*exec.Cmd
	var outs []*bufio.Reader
	var ins []io.WriteCloser
	for i := range n {
		cmd, out, in := helper(t, role, path, arg(i), env...)
		cmds, outs, ins = append(cmds, cmd), append(outs, out), append(ins, in)
	}
	for i, out := range outs {
		if s, err := out.ReadString('\n'); s != "ready\n" {
			rest, _ := io.ReadAll(out)
			t.Fatalf("helper %d: %v\n%s%s", i, err, s, rest)
		}
	}
	for _, in := range ins {
		in.Close()
	}
	return cmds, outs
}

// ready tells startAll this helper is ready and waits for the others.
func ready() {
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
}

// TestHelperProcess is not a test: it is the body of the helper processes.
func TestHelperProcess(t *testing.T) {
	role := os.Getenv(helperEnv)
	if role == "" {
		t.Skip("only runs as a helper process")
	}
	var opts Options
	if v := os.Getenv(leaseEnv); v != "" {
		var err error
		if opts.Lease, err = time.ParseDuration(v); err != nil {
			t.Fatal(err)
		}
	}
	c, err := OpenFile(os.Getenv(pathEnv), opts)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	arg := os.Getenv(argEnv)
	ctx := context.Background()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	switch role {
	case "ledger": // reserve until the limit says no; print how many we got
		limit, _ := strconv.Atoi(arg)
		ready()
		n := 0
		for {
			ok, err := c.Reserve(ctx, vtclient.KeyID("shared key"), "2026-03-02", limit)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			n++
		}
		fmt.Fprintln(w, n)
	case "writer": // put 200 results of our own, reading everyone's meanwhile
		ready()
		for i := range 200 {
			put(t, c, found(ioc.DNS, fmt.Sprintf("%s-%d.example.net", arg, i), i))
			if _, _, err := c.Get(ctx, ioc.DNS, fmt.Sprintf("p0-%d.example.net", i/2), i%2 == 0); err != nil {
				t.Fatal(err)
			}
			if i%50 == 0 {
				if _, err := c.Stats(ctx); err != nil {
					t.Fatal(err)
				}
			}
		}
	case "put-until-killed": // put as fast as we can; a key is printed once Put returned
		for i := 0; ; i++ {
			md5, _, _ := fileHashes(i)
			put(t, c, found(ioc.MD5, md5, i))
			fmt.Fprintln(w, md5)
			w.Flush()
		}
	case "resolver": // look keys up through claims, fetching with fake latency
		resolverRole(t, c, arg)
	case "claim-and-die": // claim keys, fetch two, then hang until killed
		claimAndDieRole(t, c, arg)
	default:
		t.Fatalf("unknown helper role %q", role)
	}
}

// TestLedgerProcesses has several processes race for the last units of one
// daily quota: together they must get exactly the limit.
func TestLedgerProcesses(t *testing.T) {
	path := t.TempDir() + "/cache.db"
	const procs, limit = 4, 300
	total := 0
	cmds, outs := startAll(t, procs, "ledger", path, func(int) string { return strconv.Itoa(limit) })
	for i, cmd := range cmds {
		line, _ := outs[i].ReadString('\n')
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper %d: %v", i, err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(line))
		if err != nil {
			t.Fatalf("helper %d said %q", i, line)
		}
		t.Logf("process %d reserved %d", i, n)
		total += n
	}
	if total != limit {
		t.Errorf("processes reserved %d in all, limit %d", total, limit)
	}
	c := openAt(t, path, Options{})
	if used, err := c.Used(context.Background(), vtclient.KeyID("shared key"), "2026-03-02"); err != nil || used != limit {
		t.Errorf("Used = %d, %v; want %d", used, err, limit)
	}
}

// TestProcessesShareOneCache has several processes write and read one
// cache at once; every result each wrote must be there afterwards.
func TestProcessesShareOneCache(t *testing.T) {
	path := t.TempDir() + "/cache.db"
	const procs = 4
	cmds, _ := startAll(t, procs, "writer", path, func(p int) string { return fmt.Sprintf("p%d", p) })
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper %d: %v", i, err)
		}
	}
	c := openAt(t, path, Options{})
	for p := range procs {
		for i := range 200 {
			if _, ok := get(t, c, ioc.DNS, fmt.Sprintf("p%d-%d.example.net", p, i), false); !ok {
				t.Fatalf("p%d-%d missing", p, i)
			}
		}
	}
	checkIntegrity(t, c)
}

// TestKill9 kills a process that Puts as fast as it can: every result whose
// Put returned more than FlushInterval (plus a margin for a loaded machine)
// before the kill must survive, in a file that passes integrity_check.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	path := t.TempDir() + "/cache.db"
	cmd, out, _ := helper(t, "put-until-killed", path, "")
	const margin = 800 * time.Millisecond
	type seen struct {
		key string
		at  time.Time
	}
	lines := make(chan seen, 1<<16)
	go func() {
		defer close(lines)
		for {
			s, err := out.ReadString('\n')
			if err != nil {
				return
			}
			lines <- seen{strings.TrimSpace(s), time.Now()}
		}
	}()
	var got []seen
	deadline := time.After(3 * time.Second)
collect:
	for {
		select {
		case s, ok := <-lines:
			if !ok {
				t.Fatal("helper ended before it was killed")
			}
			got = append(got, s)
		case <-deadline:
			break collect
		}
	}
	killed := time.Now()
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()
	for s := range lines {
		got = append(got, s)
	}
	c := openAt(t, path, Options{})
	checkIntegrity(t, c)
	must, lost := 0, 0
	for _, s := range got {
		_, ok := get(t, c, ioc.MD5, s.key, false)
		if killed.Sub(s.at) >= DefaultFlushInterval+margin {
			must++
			if !ok {
				t.Errorf("result put %v before the kill is lost: %s", killed.Sub(s.at), s.key)
			}
		} else if !ok {
			lost++
		}
	}
	t.Logf("%d results put, %d of them more than %v before the kill (all kept); %d of the last %v lost",
		len(got), must, DefaultFlushInterval+margin, lost, DefaultFlushInterval+margin)
	if must == 0 {
		t.Fatal("no result old enough to check: helper too slow?")
	}
}

func checkIntegrity(t *testing.T, c *Cache) {
	t.Helper()
	var res string
	if err := c.r.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Errorf("integrity_check: %q, %v", res, err)
	}
}
