package cache

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// The claim protocol between real processes. Each helper process looks up
// its keys the way a resolver would: Claim just before fetching, fetch and
// Put what it claimed, and poll what is Busy with back-off until it is
// answered (or its lease ends and it is claimed). Fetches are fake: a line
// in a log file shared by every process ("pid type observable"), then a
// sleep of 50-500 ms, then a result made up from the key.

// job is what a resolver helper is asked to do.
type job struct {
	Log     string    `json:"log"`
	Workers int       `json:"workers"`
	Seed    uint64    `json:"seed"`
	Keys    []testKey `json:"keys"`
	Fetch   int       `json:"fetch"` // claim-and-die: how many of its keys it starts to fetch
}

// testKey is a key and the seed its fake answer is made from.
type testKey struct {
	Type string `json:"type"`
	Obs  string `json:"obs"`
	Seq  int    `json:"seq"`
}

func (k testKey) key() Key {
	t, _ := ioc.ParseType(k.Type)
	return Key{t, k.Obs}
}

// keys are the job's keys as the cache takes them.
func (j job) keys() []Key {
	keys := make([]Key, len(j.Keys))
	for i, k := range j.Keys {
		keys[i] = k.key()
	}
	return keys
}

func encodeJob(t *testing.T, j job) string {
	t.Helper()
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decodeJob(t *testing.T, arg string) job {
	t.Helper()
	var j job
	if err := json.Unmarshal([]byte(arg), &j); err != nil {
		t.Fatal(err)
	}
	return j
}

// fetcher is the fake VirusTotal of a helper process.
type fetcher struct {
	log   *os.File
	mu    sync.Mutex
	rng   *rand.Rand
	bySeq map[Key]int
}

func newFetcher(t *testing.T, j job) *fetcher {
	t.Helper()
	f, err := os.OpenFile(j.Log, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	fe := &fetcher{log: f, rng: rand.New(rand.NewPCG(j.Seed, uint64(os.Getpid()))), bySeq: map[Key]int{}}
	for _, k := range j.Keys {
		fe.bySeq[k.key()] = k.Seq
	}
	return fe
}

// start records that a request for k went out: one write(2) on an
// O_APPEND file, which processes cannot interleave.
func (f *fetcher) start(t *testing.T, k Key) {
	if _, err := fmt.Fprintf(f.log, "%d %s %s\n", os.Getpid(), k.Type, k.Observable); err != nil {
		t.Error(err)
	}
}

// fetch is one fake request: logged, 50-500 ms of latency, an answer.
func (f *fetcher) fetch(t *testing.T, k Key) vtclient.Result {
	f.start(t, k)
	f.mu.Lock()
	d := time.Duration(50+f.rng.IntN(451)) * time.Millisecond
	f.mu.Unlock()
	time.Sleep(d)
	r := found(k.Type, k.Observable, f.bySeq[k])
	r.FetchedAt = time.Now()
	return r
}

// resolverRole looks every key of the job up through claims, with
// job.Workers goroutines, and prints "done".
func resolverRole(t *testing.T, c *Cache, arg string) {
	j := decodeJob(t, arg)
	f := newFetcher(t, j)
	keys := j.keys()
	ready()
	ctx := context.Background()
	resolve := func(k Key) {
		if err := c.Put(ctx, f.fetch(t, k)); err != nil {
			t.Error(err)
		}
	}
	// First pass: each worker claims the next key just before fetching it.
	next := make(chan Key)
	var (
		mu   sync.Mutex
		busy []Key
		wg   sync.WaitGroup
	)
	for range max(j.Workers, 1) {
		wg.Go(func() {
			for k := range next {
				cl, err := c.Claim(ctx, []Key{k}, false, false)
				if err != nil {
					t.Error(err)
					return
				}
				switch cl[0].State {
				case Claimed:
					resolve(k)
				case Busy:
					mu.Lock()
					busy = append(busy, k)
					mu.Unlock()
				}
			}
		})
	}
	for _, k := range keys {
		next <- k
	}
	close(next)
	wg.Wait()
	// Then wait for what others were fetching, polling with back-off:
	// answered, or claimed once its owner's lease ended.
	for wait := 50 * time.Millisecond; len(busy) > 0; wait = min(2*wait, time.Second) {
		time.Sleep(wait)
		cl, err := c.Claim(ctx, busy, false, false)
		if err != nil {
			t.Fatal(err)
		}
		var still []Key
		for i, k := range busy {
			switch cl[i].State {
			case Claimed:
				resolve(k)
			case Busy:
				still = append(still, k)
			}
		}
		busy = still
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	fmt.Println("done")
}

// claimAndDieRole claims all its keys, fetches the first job.Fetch of
// them (the first one's answer is stored, the others are left in flight),
// prints "holding" and waits to be killed.
func claimAndDieRole(t *testing.T, c *Cache, arg string) {
	j := decodeJob(t, arg)
	f := newFetcher(t, j)
	keys := j.keys()
	ctx := context.Background()
	cl, err := c.Claim(ctx, keys, false, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if cl[i].State != Claimed {
			t.Fatalf("%v: %v, want Claimed", k, cl[i].State)
		}
		if i >= j.Fetch {
			continue
		}
		if i == 0 {
			if err := c.Put(ctx, f.fetch(t, k)); err != nil {
				t.Fatal(err)
			}
			if err := c.Flush(ctx); err != nil {
				t.Fatal(err)
			}
		} else {
			f.start(t, k) // a request in flight when the process dies
		}
	}
	fmt.Println("holding")
	select {} // renewing the claims until SIGKILL
}

// claimKeys are the keys of the process tests: n domains, and files known
// to the cache under three hashes but stale, asked by different hashes.
func claimKeys(n, files int) (domains []testKey, fileKeys [][3]testKey) {
	for i := range n {
		domains = append(domains, testKey{"dns", fmt.Sprintf("d%03d.example.net", i), i})
	}
	for i := range files {
		seq := 1000 + i
		md5, sha1, sha256 := fileHashes(seq)
		fileKeys = append(fileKeys, [3]testKey{{"md5_hash", md5, seq}, {"sha1_hash", sha1, seq}, {"sha256_hash", sha256, seq}})
	}
	return domains, fileKeys
}

// seedStaleFiles stores an answer for each file, fetched longer ago than
// the TTL: the files are known (their hashes are aliases) but must be
// fetched again.
func seedStaleFiles(t *testing.T, path string, fileKeys [][3]testKey) {
	t.Helper()
	c, err := OpenFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, fk := range fileKeys {
		r := found(ioc.MD5, fk[0].Obs, fk[0].Seq)
		r.FetchedAt = time.Now().Add(-DefaultFoundTTL - time.Hour)
		put(t, c, r)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

// fetchLog reads the shared log: fetches per observable, files counted
// under their SHA-256, and per process.
func fetchLog(t *testing.T, path string, alias map[string]string) (byObs map[string]int, byPid map[string][]string, total int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	byObs, byPid = map[string]int{}, map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 {
			t.Fatalf("bad log line %q", sc.Text())
		}
		obs := fields[2]
		if a, ok := alias[obs]; ok {
			obs = a
		}
		byObs[obs]++
		byPid[fields[0]] = append(byPid[fields[0]], obs)
		total++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return byObs, byPid, total
}

// window is process p's share of the keys: half of them, starting at its
// offset, in one of three orders (forward, reversed, shuffled).
func window(keys []testKey, p, procs int) []testKey {
	n := len(keys)
	var w []testKey
	for i := range n / 2 {
		w = append(w, keys[(p*n/procs+i)%n])
	}
	switch p % 3 {
	case 1:
		slices.Reverse(w)
	case 2:
		rand.New(rand.NewPCG(uint64(p), 7)).Shuffle(len(w), func(i, j int) { w[i], w[j] = w[j], w[i] })
	}
	return w
}

// TestClaimProcesses: 4 and 8 processes over overlapping key sets in
// different orders make exactly one request per distinct observable, the
// three hashes of a known file being one observable.
func TestClaimProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes that take a few seconds")
	}
	for _, procs := range []int{4, 8} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			dir := t.TempDir()
			path, logPath := dir+"/cache.db", dir+"/fetches.log"
			domains, fileKeys := claimKeys(40, 4)
			seedStaleFiles(t, path, fileKeys)
			alias := map[string]string{}
			for _, fk := range fileKeys {
				alias[fk[0].Obs], alias[fk[1].Obs] = fk[2].Obs, fk[2].Obs
			}
			start := time.Now()
			cmds, outs := startAll(t, procs, "resolver", path, func(p int) string {
				keys := window(domains, p, procs)
				for _, fk := range fileKeys { // each process asks for each file by one of its hashes
					keys = append(keys, fk[p%3])
				}
				return encodeJob(t, job{Log: logPath, Workers: 3, Seed: uint64(p), Keys: keys})
			})
			for i, cmd := range cmds {
				line, _ := outs[i].ReadString('\n')
				if err := cmd.Wait(); err != nil || line != "done\n" {
					t.Fatalf("process %d: %v, said %q", i, err, line)
				}
			}
			byObs, _, total := fetchLog(t, logPath, alias)
			distinct := len(domains) + len(fileKeys)
			t.Logf("%d processes: %d requests for %d distinct observables in %v", procs, total, distinct, time.Since(start).Round(time.Millisecond))
			if total != distinct || len(byObs) != distinct {
				t.Errorf("%d requests for %d observables (%d distinct asked)", total, len(byObs), distinct)
			}
			for obs, n := range byObs {
				if n != 1 {
					t.Errorf("%s fetched %d times", obs, n)
				}
			}
			c := openAt(t, path, Options{})
			for _, k := range domains {
				if _, ok := get(t, c, ioc.DNS, k.Obs, false); !ok {
					t.Errorf("%s not in the cache", k.Obs)
				}
			}
			if n := claimRows(t, c); n != 0 {
				t.Errorf("%d claims left after every process closed", n)
			}
		})
	}
}

// TestClaimOwnerKilled: a process killed with SIGKILL while it holds
// claims. The others finish; each observable it held is fetched at most
// once more, after its lease ends (the one it had answered, not at all).
func TestClaimOwnerKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes that take a few seconds")
	}
	// A claim's lease is its owner's: the victim's is short, so that the
	// test waits little for it; the survivors keep the default, so that a
	// loaded machine delaying their renewals cannot make them lose claims.
	const lease = time.Second
	dir := t.TempDir()
	path, logPath := dir+"/cache.db", dir+"/fetches.log"
	domains, _ := claimKeys(24, 0)
	held := domains[:8]
	leaseEnvVar := leaseEnv + "=" + lease.String()
	victim, out, _ := helper(t, "claim-and-die", path, encodeJob(t, job{Log: logPath, Seed: 99, Keys: held, Fetch: 2}), leaseEnvVar)
	if line, err := out.ReadString('\n'); line != "holding\n" {
		t.Fatalf("victim: %v, said %q", err, line)
	}
	cmds, outs := startAll(t, 2, "resolver", path, func(p int) string {
		keys := append([]testKey(nil), domains...)
		if p == 1 {
			slices.Reverse(keys)
		}
		return encodeJob(t, job{Log: logPath, Workers: 3, Seed: uint64(p), Keys: keys})
	})
	// The survivors are running and find the victim's keys Busy.
	if err := victim.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	victim.Wait()
	for i, cmd := range cmds {
		line, _ := outs[i].ReadString('\n')
		if err := cmd.Wait(); err != nil || line != "done\n" {
			t.Fatalf("survivor %d: %v, said %q", i, err, line)
		}
	}
	byObs, byPid, total := fetchLog(t, logPath, nil)
	victimPid := fmt.Sprint(victim.Process.Pid)
	t.Logf("victim made %d requests (%v) before SIGKILL; %d requests in all for %d observables",
		len(byPid[victimPid]), byPid[victimPid], total, len(domains))
	isHeld := map[string]bool{}
	for _, k := range held {
		isHeld[k.Obs] = true
	}
	after := map[string]int{} // fetches by the survivors
	for pid, list := range byPid {
		if pid == victimPid {
			continue
		}
		for _, obs := range list {
			after[obs]++
		}
	}
	for _, k := range domains {
		switch n := after[k.Obs]; {
		case k.Obs == held[0].Obs && n != 0:
			t.Errorf("%s was answered by the victim, then fetched %d more times", k.Obs, n)
		case isHeld[k.Obs] && n > 1:
			t.Errorf("%s, held by the victim, fetched %d more times", k.Obs, n)
		case byObs[k.Obs] == 0:
			t.Errorf("%s never fetched", k.Obs)
		case !isHeld[k.Obs] && byObs[k.Obs] != 1:
			t.Errorf("%s fetched %d times", k.Obs, byObs[k.Obs])
		}
	}
	c := openAt(t, path, Options{})
	for _, k := range domains {
		if _, ok := get(t, c, ioc.DNS, k.Obs, false); !ok {
			t.Errorf("%s not in the cache", k.Obs)
		}
	}
}
