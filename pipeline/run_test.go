package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
	"github.com/vtenrich/vtenrich/writers"
	"golang.org/x/time/rate"
)

// These tests run the whole pipeline in a synctest bubble: time is fake,
// so latencies of seconds take no real time and every timed rule (the
// release delay, the flush interval, the grace period) is checked exactly.

// fakeClient answers every lookup after latency(observable), or fails with
// fatal for the observable named so.
type fakeClient struct {
	latency func(obs string) time.Duration
	fatal   string

	mu    sync.Mutex
	asked []string
}

func (c *fakeClient) Lookup(ctx context.Context, t ioc.Type, obs string) (vtclient.Result, error) {
	c.mu.Lock()
	c.asked = append(c.asked, obs)
	c.mu.Unlock()
	if obs == c.fatal {
		return vtclient.Result{}, &vtclient.FatalError{Code: "WrongCredentialsError", Message: "the key was refused"}
	}
	var d time.Duration
	if c.latency != nil {
		d = c.latency(obs)
	}
	select {
	case <-time.After(d):
	case <-ctx.Done():
		return vtclient.Result{}, ctx.Err()
	}
	return vtclient.Result{Observable: obs, Type: t, Status: vtclient.StatusSuccess,
		ResponseCode: vtclient.ResponseFound, Verdict: "clean"}, nil
}

func (c *fakeClient) askedList() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.asked)
}

// mapCache is an in-memory Cache. Its claims model a cache shared by
// several runs: each run claims through its own owner view (owned).
type mapCache struct {
	mu     sync.Mutex
	m      map[cache.Key]vtclient.Result
	claims map[cache.Key]*mapCache // key → the owner view holding it
	shared *mapCache               // an owner view's shared store; nil: itself
	// fullAfter > 0: the store is full after that many answers (Put
	// keeps the answer, as the side file does, and reports ErrCacheFull).
	fullAfter int
}

// owned is another owner (process) on the same store.
func (c *mapCache) owned() *mapCache { return &mapCache{shared: c} }

func (c *mapCache) store() *mapCache {
	if c.shared != nil {
		return c.shared
	}
	return c
}

func (c *mapCache) Claim(_ context.Context, keys []cache.Key, _, _ bool) ([]cache.Claim, error) {
	s := c.store()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]cache.Claim, len(keys))
	for i, k := range keys {
		if r, ok := s.m[k]; ok {
			r.FromCache = true
			out[i] = cache.Claim{State: cache.Answered, Result: r}
			continue
		}
		if holder, ok := s.claims[k]; ok && holder != c {
			out[i] = cache.Claim{State: cache.Busy}
			continue
		}
		if s.claims == nil {
			s.claims = map[cache.Key]*mapCache{}
		}
		s.claims[k] = c
		out[i] = cache.Claim{State: cache.Claimed}
	}
	return out, nil
}

func (c *mapCache) Release(_ context.Context, keys []cache.Key) error {
	s := c.store()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		if s.claims[k] == c {
			delete(s.claims, k)
		}
	}
	return nil
}

func (c *mapCache) GetMany(_ context.Context, keys []cache.Key, _ bool) ([]vtclient.Result, error) {
	s := c.store()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]vtclient.Result, len(keys))
	for i, k := range keys {
		if r, ok := s.m[k]; ok {
			r.FromCache = true
			out[i] = r
		}
	}
	return out, nil
}

func (c *mapCache) Put(_ context.Context, r vtclient.Result) error {
	s := c.store()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[cache.Key]vtclient.Result{}
	}
	k := cache.Key{Type: r.Type, Observable: r.Observable}
	s.m[k] = r
	delete(s.claims, k)
	if s.fullAfter > 0 && len(s.m) >= s.fullAfter {
		return &cache.FullError{Path: "test.db", Unsaved: "test.db.unsaved.jsonl", Err: errors.New("disk full")}
	}
	return nil
}

// slowCache takes its time to claim and to store each answer, as a cache
// file busy with other processes' writes does.
type slowCache struct {
	*mapCache
	took time.Duration
}

func (c slowCache) Claim(ctx context.Context, keys []cache.Key, withRaw, refresh bool) ([]cache.Claim, error) {
	time.Sleep(c.took)
	return c.mapCache.Claim(ctx, keys, withRaw, refresh)
}

func (c slowCache) Put(ctx context.Context, r vtclient.Result) error {
	time.Sleep(c.took)
	return c.mapCache.Put(ctx, r)
}

// claimAnswersHalf answers every other key at its claim, as when another
// process shared the cache and stored those answers after this one found
// them missing (keys of even length). A claim takes a millisecond.
type claimAnswersHalf struct{ *mapCache }

func (c claimAnswersHalf) Claim(ctx context.Context, keys []cache.Key, withRaw, refresh bool) ([]cache.Claim, error) {
	time.Sleep(time.Millisecond)
	out, err := c.mapCache.Claim(ctx, keys, withRaw, refresh)
	for i, k := range keys {
		if err == nil && len(k.Observable)%2 == 0 {
			out[i] = cache.Claim{State: cache.Answered, Result: vtclient.Result{Observable: k.Observable, Type: k.Type, Status: vtclient.StatusSuccess}}
		}
	}
	return out, err
}

// lockedBuffer is the run's stdout, read by the test while the run writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// records parses what was written so far as CSV, header first.
func (b *lockedBuffer) records(t *testing.T) [][]string {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	recs, err := csv.NewReader(bytes.NewReader(b.b.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, b.b.String())
	}
	return recs
}

// domainRows is a CSV of n rows; row i names domain d<i%unique>.badhost.org.
func domainRows(n, unique int) string {
	var b strings.Builder
	b.WriteString("id,msg\n")
	for i := range n {
		fmt.Fprintf(&b, "%d,beacon to d%d.badhost.org\n", i, i%unique)
	}
	return b.String()
}

// enrichConfig is an enrich run of input from stdin to out, CSV to CSV,
// with the VT columns observable and status.
func enrichConfig(input string, out *lockedBuffer, client Client, c Cache) Config {
	return Config{
		Mode:    Enrich,
		Stdin:   strings.NewReader(input),
		Stdout:  out,
		Read:    readers.Options{Format: rows.CSV, BatchRows: 64},
		Write:   writers.Options{Format: rows.CSV},
		Fields:  []string{"observable", "status"},
		Lookups: Lookups{Client: client, Cache: c, Workers: 4},
	}
}

// column returns the values of the named column of recs (header first).
func column(t *testing.T, recs [][]string, name string) []string {
	t.Helper()
	if len(recs) == 0 {
		return nil // nothing written yet, not even the header
	}
	i := slices.Index(recs[0], name)
	if i < 0 {
		t.Fatalf("no column %q in %v", name, recs[0])
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[i])
	}
	return out
}

// TestRunKeepsInputOrderAndAsksEachOnce: with random latencies and several
// workers, rows come out in input order and each observable is asked once.
func TestRunKeepsInputOrderAndAsksEachOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		lat := map[string]time.Duration{}
		for i := range 50 {
			lat[fmt.Sprintf("d%d.badhost.org", i)] = time.Duration(rng.IntN(2000)) * time.Millisecond
		}
		client := &fakeClient{latency: func(o string) time.Duration { return lat[o] }}
		var out lockedBuffer
		cfg := enrichConfig(domainRows(500, 50), &out, client, &mapCache{})
		cfg.Lookups.Workers = 8
		stats, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		recs := out.records(t)
		ids := column(t, recs, "id")
		for i, id := range ids {
			if id != fmt.Sprint(i) {
				t.Fatalf("row %d is input row %s", i, id)
			}
		}
		if len(ids) != 500 || stats.RowsOut.Load() != 500 {
			t.Errorf("%d rows written, %d counted; want 500", len(ids), stats.RowsOut.Load())
		}
		asked := client.askedList()
		slices.Sort(asked)
		if len(asked) != 50 || len(slices.Compact(asked)) != 50 {
			t.Errorf("%d lookups for 50 observables", len(client.askedList()))
		}
	})
}

// TestRunReleasesRowsAsTheyResolve: a row goes out once its observables and
// those of every earlier row are resolved, not when its batch is; the
// writer flushes it within the release delay plus the flush interval.
func TestRunReleasesRowsAsTheyResolve(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Row 5's observable takes 10 s, every other 1 s; ten workers ask
		// them all at once. The rows are one batch.
		client := &fakeClient{latency: func(o string) time.Duration {
			if o == "d5.badhost.org" {
				return 10 * time.Second
			}
			return time.Second
		}}
		var out lockedBuffer
		cfg := enrichConfig(domainRows(10, 10), &out, client, nil)
		cfg.Lookups.Workers = 10
		stats := NewStats()
		cfg.Stats = stats
		done := make(chan error)
		go func() { _, err := Run(context.Background(), cfg); done <- err }()

		// Ready at 1 s; out within the release delay (50 ms) and the flush
		// interval (200 ms).
		time.Sleep(time.Second + 250*time.Millisecond)
		synctest.Wait()
		if got := column(t, out.records(t), "id"); !slices.Equal(got, []string{"0", "1", "2", "3", "4"}) {
			t.Errorf("after the fast lookups, rows %v are out; want 0-4", got)
		}
		if n := stats.RowsOut.Load(); n != 5 {
			t.Errorf("%d rows counted written, want 5", n)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := len(column(t, out.records(t), "id")); got != 10 {
			t.Errorf("%d rows at the end, want 10", got)
		}
	})
}

// TestRunSpillsAndKeepsOrder: with no memory budget every waiting batch
// spills to disk, and the output is the same as without spilling.
func TestRunSpillsAndKeepsOrder(t *testing.T) {
	run := func(budget int64) (string, *Stats) {
		var s string
		var st *Stats
		synctest.Test(t, func(t *testing.T) {
			client := &fakeClient{latency: func(o string) time.Duration {
				return time.Duration(len(o)) * 100 * time.Millisecond
			}}
			var out lockedBuffer
			cfg := enrichConfig(domainRows(1000, 300), &out, client, nil)
			cfg.MaxMemory, cfg.TempDir = budget, t.TempDir()
			var err error
			if st, err = Run(context.Background(), cfg); err != nil {
				t.Fatal(err)
			}
			s = out.b.String()
		})
		return s, st
	}
	spilled, st := run(1)
	plain, _ := run(1 << 30)
	if st.Spilled.Load() == 0 {
		t.Error("nothing spilled with a budget of 1 byte")
	}
	if spilled != plain {
		t.Error("the output with spilling differs from the output without")
	}
}

// TestRunStopGivesRequestsInFlightTheGrace: after a stop no new request
// starts; requests in flight finish if they can within the grace, and are
// Interrupted when it runs out; every row read is written.
func TestRunStopGivesRequestsInFlightTheGrace(t *testing.T) {
	for _, c := range []struct {
		name      string
		latency   time.Duration
		wantTook  time.Duration // from the start to Run's return
		wantInFly string        // status of the two lookups in flight at the stop
	}{
		{"answers within the grace", 5 * time.Second, 5 * time.Second, "Success"},
		{"grace runs out", 60 * time.Second, time.Second + DefaultGrace, "Error: Interrupted"},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				client := &fakeClient{latency: func(string) time.Duration { return c.latency }}
				var out lockedBuffer
				cfg := enrichConfig(domainRows(6, 6), &out, client, nil)
				cfg.Lookups.Workers = 2
				stop, cancel := context.WithCancel(context.Background())
				start := time.Now()
				time.AfterFunc(time.Second, cancel)
				_, err := Run(stop, cfg)
				if !errors.Is(err, ErrInterrupted) {
					t.Fatalf("Run returned %v, want ErrInterrupted", err)
				}
				if took := time.Since(start); took != c.wantTook {
					t.Errorf("Run took %v, want %v", took, c.wantTook)
				}
				statuses := column(t, out.records(t), "vt_status")
				want := []string{c.wantInFly, c.wantInFly, "Error: Interrupted", "Error: Interrupted",
					"Error: Interrupted", "Error: Interrupted"}
				if !slices.Equal(statuses, want) {
					t.Errorf("statuses %q, want %q", statuses, want)
				}
				if n := len(client.askedList()); n != 2 {
					t.Errorf("%d requests, want the 2 in flight at the stop", n)
				}
			})
		})
	}
}

// TestRunAbortsOnAFatalError: an error ends the run at once: no more
// requests, the error returned, and the -o file never appears.
func TestRunAbortsOnAFatalError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := &fakeClient{fatal: "d3.badhost.org", latency: func(string) time.Duration { return time.Second }}
		dir := t.TempDir()
		cfg := enrichConfig(domainRows(100, 100), &lockedBuffer{}, client, nil)
		cfg.Lookups.Workers = 1
		cfg.Output = filepath.Join(dir, "out.csv")
		_, err := Run(context.Background(), cfg)
		var fatal *vtclient.FatalError
		if !errors.As(err, &fatal) {
			t.Fatalf("Run returned %v, want the fatal error", err)
		}
		if n := len(client.askedList()); n != 4 {
			t.Errorf("%d requests, want 4 (none after the fatal one)", n)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("an aborted run left %v", entries)
		}
	})
}

// TestRunOfflineAndDryRunAskNothing: cache misses are NotInCache under
// --offline and counted under --dry-run; hits are used in both.
func TestRunOfflineAndDryRunAskNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := &mapCache{}
		c.Put(context.Background(), vtclient.Result{Observable: "d0.badhost.org", Type: ioc.DNS,
			Status: vtclient.StatusSuccess})
		var out lockedBuffer
		cfg := enrichConfig(domainRows(3, 3), &out, nil, c)
		stats, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		got := column(t, out.records(t), "vt_status")
		want := []string{"Success", "NotInCache", "NotInCache"}
		if !slices.Equal(got, want) || stats.NotInCache.Load() != 2 || stats.CacheHits.Load() != 1 {
			t.Errorf("offline: statuses %q (want %q), %d not in cache, %d hits", got, want,
				stats.NotInCache.Load(), stats.CacheHits.Load())
		}

		client := &fakeClient{}
		cfg = enrichConfig(domainRows(3, 3), &lockedBuffer{}, client, c)
		cfg.DryRun = true
		stats, err = Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if len(client.askedList()) != 0 || stats.CacheHits.Load() != 1 || missing(stats) != 2 {
			t.Errorf("dry run: %d asked, %d hits, %d missing; want 0, 1, 2",
				len(client.askedList()), stats.CacheHits.Load(), missing(stats))
		}
	})
}

// missing totals the dry run's lookups to make.
func missing(s *Stats) int64 {
	var n int64
	for _, v := range s.Summary().MissingByType {
		n += v
	}
	return n
}

// TestRunsSharingACacheAskEachOnce: runs sharing a cache (processes with
// one cache file) over overlapping inputs in opposite orders never ask for
// the same observable twice: a run that finds an observable claimed by
// another waits for its answer.
func TestRunsSharingACacheAskEachOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		lat := map[string]time.Duration{}
		for i := range 120 {
			lat[fmt.Sprintf("d%d.badhost.org", i)] = time.Duration(50+rng.IntN(450)) * time.Millisecond
		}
		client := &fakeClient{latency: func(o string) time.Duration { return lat[o] }}
		shared := &mapCache{}
		forward := domainRows(120, 120)
		lines := strings.Split(strings.TrimSpace(forward), "\n")
		slices.Reverse(lines[1:])
		backward := strings.Join(lines, "\n") + "\n"
		var wg sync.WaitGroup
		for run := range 4 {
			wg.Go(func() {
				input := forward
				if run%2 == 1 {
					input = backward
				}
				var out lockedBuffer
				cfg := enrichConfig(input, &out, client, shared.owned())
				cfg.Lookups.Workers = 2
				if _, err := Run(context.Background(), cfg); err != nil {
					t.Error(err)
				}
				for _, s := range column(t, out.records(t), "vt_status") {
					if s != "Success" {
						t.Errorf("run %d: status %q", run, s)
					}
				}
			})
		}
		wg.Wait()
		if n := len(client.askedList()); n != 120 {
			t.Errorf("%d requests for 120 distinct observables over 4 runs", n)
		}
	})
}

// TestRunStopsAskingWhenTheCacheIsFull: once the cache cannot keep an
// answer, no more requests are made; the rest of the observables get
// Error: CacheFull, the output is complete and the run is not aborted.
func TestRunStopsAskingWhenTheCacheIsFull(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := &fakeClient{latency: func(string) time.Duration { return time.Second }}
		var out lockedBuffer
		var warnings []string
		cfg := enrichConfig(domainRows(10, 10), &out, client, &mapCache{fullAfter: 3})
		cfg.Lookups.Workers = 1
		cfg.Lookups.Warn = func(msg string) { warnings = append(warnings, msg) }
		stats, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		statuses := column(t, out.records(t), "vt_status")
		want := append(slices.Repeat([]string{"Success"}, 3), slices.Repeat([]string{"Error: CacheFull"}, 7)...)
		if !slices.Equal(statuses, want) {
			t.Errorf("statuses %q, want %q", statuses, want)
		}
		if n := len(client.askedList()); n != 3 || stats.Failed.Load() != 7 {
			t.Errorf("%d requests, %d failed; want 3 and 7", n, stats.Failed.Load())
		}
		if len(warnings) != 1 || !strings.Contains(warnings[0], "test.db.unsaved.jsonl") {
			t.Errorf("warnings %q: want one naming the side file", warnings)
		}
	})
}

// TestRunWithinItsMemoryAsksEachOnce: with a memory budget too small to
// keep every observable, the resolver lets go of them as it goes (see
// resolver, "Memory"), yet each is asked once and counted once, and the
// output is the same as with memory to spare: with a cache, without one,
// and for a dry run.
func TestRunWithinItsMemoryAsksEachOnce(t *testing.T) {
	input := domainRows(3000, 150) // each observable again every 150 rows
	for _, c := range []struct {
		name  string
		cache bool
		dry   bool
	}{{"no cache", false, false}, {"cache", true, false}, {"dry run", true, true}} {
		t.Run(c.name, func(t *testing.T) {
			run := func(budget int64) (string, *Stats, int) {
				var out string
				var stats *Stats
				var asked int
				synctest.Test(t, func(t *testing.T) {
					client := &fakeClient{latency: func(string) time.Duration { return 10 * time.Millisecond }}
					var buf lockedBuffer
					var cc Cache
					if c.cache {
						cc = &mapCache{}
					}
					cfg := enrichConfig(input, &buf, client, cc)
					cfg.MaxMemory, cfg.TempDir, cfg.DryRun = budget, t.TempDir(), c.dry
					var err error
					if stats, err = Run(context.Background(), cfg); err != nil {
						t.Fatal(err)
					}
					out, asked = buf.b.String(), len(client.askedList())
				})
				return out, stats, asked
			}
			defer func(m int64) { minGeneration = m }(minGeneration)
			minGeneration = 0
			small, st, asked := run(1)
			big, _, _ := run(1 << 30)
			if small != big {
				t.Error("the output with a tiny budget differs from the output with memory to spare")
			}
			wantAsked := 150
			if c.dry {
				wantAsked = 0
				if n := missing(st); n != 150 {
					t.Errorf("dry run: %d lookups to make, want 150", n)
				}
			}
			if st.LetGo.Load() == 0 {
				t.Error("nothing was let go of: the test does not test that")
			}
			if asked != wantAsked || st.Unique.Load() != 150 {
				t.Errorf("%d lookups, %d unique; want %d and 150", asked, st.Unique.Load(), wantAsked)
			}
		})
	}
}

// TestRunWritesKeyedRowsAsEveryCell: a CSV or TSV run whose writer keeps
// each result's text, and gets later rows without their values, writes what
// a run without keys writes, cell by cell: over many batches, with every
// default column, and with a budget so small that results are let go of and
// written as their own.
func TestRunWritesKeyedRowsAsEveryCell(t *testing.T) {
	input := domainRows(3000, 150)
	run := func(format rows.Format, budget int64, keys bool) string {
		defer func(was bool) { resultKeys = was }(resultKeys)
		resultKeys = keys
		var out string
		synctest.Test(t, func(t *testing.T) {
			var buf lockedBuffer
			cfg := enrichConfig(input, &buf, &fakeClient{}, &mapCache{})
			cfg.Fields, cfg.Write.Format = nil, format
			cfg.MaxMemory, cfg.TempDir = budget, t.TempDir()
			if _, err := Run(context.Background(), cfg); err != nil {
				t.Fatal(err)
			}
			out = buf.b.String()
		})
		return out
	}
	defer func(m int64) { minGeneration = m }(minGeneration)
	minGeneration = 0
	for _, format := range []rows.Format{rows.CSV, rows.TSV} {
		for _, budget := range []int64{1 << 30, 4 << 10} {
			got, want := run(format, budget, true), run(format, budget, false)
			if got != want {
				t.Errorf("%s, --max-memory %d: the keyed run wrote other text than the run rendering every cell", format, budget)
			}
			if n := strings.Count(got, "\n"); n != 3001 {
				t.Errorf("%s: %d lines, want a header and 3000 rows", format, n)
			}
		}
	}
}

// pacedClient answers after latency, at most rate lookups a second (a
// limiter, like vtclient's, whose wait it reports as vtclient does), and
// then works for decode more before it returns: the CPU an answer costs,
// or the wait for a CPU on a busy machine.
type pacedClient struct {
	limiter *rate.Limiter
	latency time.Duration
	decode  time.Duration

	mu       sync.Mutex
	inFlight int
	most     int
	done     int
}

func (c *pacedClient) Lookup(ctx context.Context, t ioc.Type, obs string) (vtclient.Result, error) {
	start := time.Now()
	err := c.limiter.Wait(ctx)
	vtclient.AddWait(ctx, time.Since(start))
	if err != nil {
		return vtclient.Result{}, err
	}
	c.mu.Lock()
	c.inFlight++
	c.most = max(c.most, c.inFlight)
	c.mu.Unlock()
	time.Sleep(c.latency + c.decode)
	c.mu.Lock()
	c.inFlight--
	c.done++
	c.mu.Unlock()
	return vtclient.Result{Observable: obs, Type: t, Status: vtclient.StatusSuccess}, nil
}

// TestRunSizesItsRequestsFromTheRate: with only a rate given, the requests
// in flight follow rate × the time each holds its place, so the rate is
// reached against 50 ms and 500 ms of latency alike, whatever else a
// lookup takes, and a free key's rate keeps one request at a time.
func TestRunSizesItsRequestsFromTheRate(t *testing.T) {
	for _, c := range []struct {
		perSecond   float64
		latency     time.Duration
		decode      time.Duration // the client's own time after the answer
		cacheTime   time.Duration // claiming, and again storing, each answer
		halfAtClaim bool          // the cache answers every other key at its claim
		lookups     int
		mostAtMost  int
	}{
		{600, 50 * time.Millisecond, 0, 0, false, 6000, 38},
		{600, 500 * time.Millisecond, 0, 0, false, 6000, 375},
		{4.0 / 60, 2 * time.Second, 0, 0, false, 8, 1},
		// A busy cache holds each place 2 × 10 ms beyond the request:
		// the places follow that too (600/s × 70 ms × 1.25 = 53).
		{600, 50 * time.Millisecond, 0, 10 * time.Millisecond, false, 6000, 53},
		// So do 15 ms of the client's own after each answer (decoding it,
		// or waiting for a CPU while the input is scanned): sized from the
		// round trip alone, 38 places reached 584/s.
		{600, 50 * time.Millisecond, 15 * time.Millisecond, 0, false, 6000, 49},
		// Places whose lookup the claim answered held no request: they
		// must not shrink the pool (counted, the 1 ms claims of 910 of
		// these 6,000 held it to 556/s).
		{600, 50 * time.Millisecond, 0, 0, true, 6000, 39},
	} {
		t.Run(fmt.Sprintf("%g/s at %v, decode %v, cache %v, half at claim %v", c.perSecond, c.latency, c.decode, c.cacheTime, c.halfAtClaim), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				client := &pacedClient{limiter: rate.NewLimiter(rate.Limit(c.perSecond), 1), latency: c.latency, decode: c.decode}
				var store Cache
				switch {
				case c.cacheTime > 0:
					store = slowCache{&mapCache{}, c.cacheTime}
				case c.halfAtClaim:
					store = claimAnswersHalf{&mapCache{}}
				}
				cfg := enrichConfig(domainRows(c.lookups, c.lookups), &lockedBuffer{}, client, store)
				cfg.Lookups.Workers, cfg.Lookups.Rate = 0, c.perSecond
				start := time.Now()
				if _, err := Run(context.Background(), cfg); err != nil {
					t.Fatal(err)
				}
				took := time.Since(start) - c.latency - c.decode // the last request's own time
				achieved := float64(client.done) / took.Seconds()
				if achieved < 0.98*c.perSecond {
					t.Errorf("%d lookups in %v: %.1f/s, want at least 0.98 × %g/s", client.done, took, achieved, c.perSecond)
				}
				if client.most > c.mostAtMost {
					t.Errorf("%d requests in flight at once, want at most %d", client.most, c.mostAtMost)
				}
			})
		})
	}
}
