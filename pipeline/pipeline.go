// Package pipeline is the whole of vtenrich's job, wired in Run. Two flows
// run side by side: rows, in input order, and the unique observables found
// in them, in first-seen order. They meet at the resolver.
//
//	rows         read ──▶ scan ──▶ dedup ──────────────────────▶ join ──▶ write
//	             batches   (every    │ registers observables       ▲  rows out as     (flushed at least
//	                       core,     ▼                             │  their ids        every 200 ms)
//	observables            in order) resolver ──▶ cache check ──▶ API workers
//	                                 ids, results,   (batches of    (rate limit,
//	                                 queues, the     256 ids)        quota)
//	                                 watermark ◀──── Resolve ◀────────┘
//
// Each stage is a goroutine (scan is several) joined to the next by a small
// channel of batches; the observable flow waits on the resolver, whose
// watermark says which rows the join may pass on. An error in any stage
// aborts them all through the errgroup's context. Cancelling the context
// given to Run is a graceful stop instead: reading ends, lookups in flight
// get a bounded grace, every row read so far is written and the output is
// finalised. The stop and abort rules are one table, in lookups.go.
// ARCHITECTURE.md at the repository's root tells the whole design.
package pipeline

import (
	"context"
	"errors"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/writers"
)

// ErrInterrupted is returned when the run was stopped by cancelling its
// context: the output is complete for every row read before the stop.
var ErrInterrupted = errors.New("interrupted")

// Run reads cfg.Inputs, enriches (or extracts, or converts) every row and
// writes the result. The Stats it returns are complete even on error.
func Run(stop context.Context, cfg Config) (*Stats, error) {
	stats := cfg.Stats
	if stats == nil {
		stats = NewStats()
	}
	in, err := open(stop, cfg)
	if err != nil {
		if stop.Err() != nil {
			return stats, ErrInterrupted // stopped before the first row
		}
		return stats, err
	}
	defer in.Close()
	cols, err := newColumns(cfg)
	if err != nil {
		return stats, err
	}
	// tables is what the observables' tables may hold: the generations of
	// the resolver and, for a writer that keeps each result's text, that.
	tables := maxMemory(cfg)
	var out *output
	if !cfg.DryRun {
		if out, err = openOutput(cfg, in, cols); err != nil {
			return stats, err
		}
		defer out.abort() // no-op once committed
		if km, ok := out.w.(writers.KeyMemory); ok && km.KeepsKeys() && cols != nil && cols.omitSent(int(tables/keptTextShare)) {
			tables -= tables / keptTextShare
		}
	}

	res := newResolver(max(tables/2, minGeneration), cfg.TempDir, inCache(cfg), stats)
	defer res.close()
	spec := newScanSpec(cfg)
	dedup := &deduper{keep: cfg.KeepScreened, resolved: cfg.Mode != Enrich, res: res, stats: stats}
	lookups := newLookupStage(cfg, cols, res, stats)
	join := &joinStage{mode: cfg.Join, cols: cols, onlyAdded: cfg.OnlyAdded, res: res, budget: maxMemory(cfg),
		stats: stats, spill: &spillFile{dir: cfg.TempDir}}
	defer join.spill.close()

	// A stop ends the stages gracefully; only an error aborts them.
	g, ctx := errgroup.WithContext(context.WithoutCancel(stop))
	batches := make(chan *rows.Batch, 1)
	scans := make(chan *scanned, 1)
	founds := make(chan *found, 1)
	joined := make(chan *rows.Joined, 1)
	// Rows.
	g.Go(func() error { defer close(batches); return read(ctx, stop, in, batches) })
	g.Go(func() error { defer close(scans); return ordered(ctx, scanners(cfg), batches, scans, spec.scanBatch) })
	g.Go(func() error { defer res.Close(); defer close(founds); return dedup.run(ctx, scans, founds) })
	if cfg.DryRun {
		g.Go(func() error { return drain(ctx, founds, res) })
	} else {
		g.Go(func() error { defer close(joined); return join.run(ctx, founds, joined) })
		g.Go(func() error { return out.write(ctx, joined, stats) })
	}
	// Observables.
	if cfg.Mode == Enrich {
		g.Go(func() error { return lookups.run(ctx, stop) })
	}
	if err := g.Wait(); err != nil {
		return stats, err
	}
	stats.BadRows = in.BadRows()
	if out != nil {
		if err := out.commit(); err != nil {
			return stats, err
		}
	}
	if stop.Err() != nil {
		return stats, ErrInterrupted
	}
	return stats, nil
}

// open opens the run's input: cfg.Source, or the files, or stdin.
func open(stop context.Context, cfg Config) (readers.Reader, error) {
	if cfg.Source != nil {
		return cfg.Source, nil
	}
	return readers.Open(stop, cfg.Inputs, cfg.Stdin, cfg.Read)
}

// read passes the input's batches on until it ends or the run is stopped.
func read(ctx, stop context.Context, in readers.Reader, out chan<- *rows.Batch) error {
	readCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(stop, cancel)()
	for {
		b, err := in.Next(readCtx)
		if err == nil {
			select {
			case out <- b: // a batch read is written, even if a stop just came
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		switch {
		case stop.Err() != nil:
			return nil // stopped: what was read so far is the input
		case errors.Is(err, errEOF):
			return nil
		case err != nil:
			return err
		}
	}
}

// drain discards batches: --dry-run reads and checks but writes nothing.
// The resolver hears that the rows are gone, as it would from the join.
func drain(ctx context.Context, in <-chan *found, res *resolver) error {
	for f := range in {
		res.Joined(f.batch.First + int64(f.batch.NumRows()))
		f.batch.Release()
	}
	return ctx.Err()
}

// DefaultMaxMemory is the memory for rows waiting on lookups unless
// Config.MaxMemory says otherwise; the resolver keeps observables in up to
// three generations of half of it each (resolver, "Memory"), or of half of
// three quarters of it when a CSV or TSV writer keeps results' text in the
// other quarter (keptTextShare).
const DefaultMaxMemory = 64 << 20

// keptTextShare is the part of --max-memory (one in keptTextShare) that a
// writer keeping each result's text (writers.KeyMemory) may hold, taken
// from the resolver's generations: a quarter, 16 MB by default, some 34,000
// results' text on the bench corpus. A result kept is rendered once per
// run; one past the budget is rendered on every row that shows it, which
// on the bench corpus cost 6% of an offline CSV run's CPU with an eighth.
const keptTextShare = 4

// minGeneration is the least a generation of the dedup set holds, however
// small --max-memory: its set's arena alone takes 4 MiB. A variable so that
// tests can make the resolver let go of observables on a small input.
var minGeneration int64 = 8 << 20

func maxMemory(cfg Config) int64 {
	if cfg.MaxMemory > 0 {
		return cfg.MaxMemory
	}
	return DefaultMaxMemory
}

// inCache says whether the persistent cache holds an outcome: one it
// served, or an answer the run stored in it. The resolver then needs to
// remember only that, when it lets the outcome go.
func inCache(cfg Config) func(*vtclient.Result) bool {
	if cfg.Mode != Enrich || cfg.DryRun || cfg.Lookups.Cache == nil {
		return nil
	}
	return func(r *vtclient.Result) bool { return r.FromCache || answered(r) }
}

// newScanSpec says what the scan stage looks for; Convert scans nothing.
func newScanSpec(cfg Config) *scanSpec {
	return &scanSpec{ioc: cfg.IoC, columns: cfg.Columns, iocCol: cfg.IoCColumn, typeCol: cfg.TypeColumn,
		keep: cfg.KeepScreened, none: cfg.Mode == Convert}
}

// scanners makes one IoC scanner per core: scanning is the costliest stage
// and batches are independent, so it runs in parallel (ordered keeps the
// batch order).
func scanners(cfg Config) []*ioc.Memo {
	xs := make([]*ioc.Memo, runtime.GOMAXPROCS(0))
	for i := range xs {
		xs[i] = newScanner(cfg.IoC)
	}
	return xs
}

// newColumns builds the VT column builder for cfg, nil for Convert.
func newColumns(cfg Config) (*columnBuilder, error) {
	if cfg.Mode == Convert {
		return nil, nil
	}
	return buildColumns(cfg)
}
