// Package pipeline is the whole of vtenrich's job, wired in Run:
//
//	read → extract, screen, dedup → look up (cache, then API) → join → write
//
// Each stage is a goroutine joined to the next by a small channel of
// batches; an error in any stage stops them all through the errgroup's
// context. Cancelling the context given to Run is a graceful stop instead:
// reading ends, lookups in flight get a bounded grace, every row read so far
// is written and the output is finalised.
package pipeline

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
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
	in, err := readers.Open(stop, cfg.Inputs, cfg.Stdin, cfg.Read)
	if err != nil {
		return stats, err
	}
	defer in.Close()

	tbl := newTable()
	x, err := newExtractor(cfg, tbl, stats)
	if err != nil {
		return stats, err
	}
	cols, err := newColumns(cfg)
	if err != nil {
		return stats, err
	}
	var out *output
	if !cfg.DryRun {
		if out, err = openOutput(cfg, in, cols); err != nil {
			return stats, err
		}
		defer out.abort() // no-op once committed
	}
	lookups := &lookupStage{cfg: cfg.Lookups, raw: cfg.Raw, dry: cfg.DryRun, tbl: tbl, stats: stats}
	join := &joinStage{mode: cfg.Join, cols: cols, onlyAdded: cfg.OnlyAdded, tbl: tbl, budget: maxMemory(cfg), stats: stats,
		spill: &spillFile{dir: cfg.TempDir}}
	defer join.spill.close()

	// A stop ends the stages gracefully; only an error aborts them.
	g, ctx := errgroup.WithContext(context.WithoutCancel(stop))
	batches := make(chan *rows.Batch, 1)
	founds := make(chan *found, 1)
	joined := make(chan *rows.Joined, 1)
	g.Go(func() error { defer close(batches); return read(ctx, stop, in, batches) })
	g.Go(func() error { defer tbl.close(); defer close(founds); return x.run(ctx, batches, founds) })
	if cfg.Mode == Enrich {
		g.Go(func() error { return lookups.run(ctx, stop) })
	}
	if cfg.DryRun {
		g.Go(func() error { return drain(ctx, founds) })
	} else {
		g.Go(func() error { defer close(joined); return join.run(ctx, founds, joined) })
		g.Go(func() error { return out.write(ctx, joined) })
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

// run annotates each batch with its observables, in order.
func (e *extractor) run(ctx context.Context, in <-chan *rows.Batch, out chan<- *found) error {
	for b := range in {
		f, err := e.annotate(b)
		if err != nil {
			return fmt.Errorf("%s: %w", b.Source, err)
		}
		select {
		case out <- f:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// drain discards batches: --dry-run reads and checks but writes nothing.
func drain(ctx context.Context, in <-chan *found) error {
	for f := range in {
		f.batch.Release()
	}
	return ctx.Err()
}

func maxMemory(cfg Config) int64 {
	if cfg.MaxMemory > 0 {
		return cfg.MaxMemory
	}
	return 64 << 20
}

// newExtractor builds the extract stage for cfg.Mode: Convert passes batches
// through untouched.
func newExtractor(cfg Config, tbl *table, stats *Stats) (*extractor, error) {
	e := &extractor{tbl: tbl, stats: stats, passThrough: cfg.Mode == Convert}
	if e.passThrough {
		return e, nil
	}
	e.scanner = ioc.NewExtractor(cfg.IoC)
	e.iocCfg = cfg.IoC
	e.columns = cfg.Columns
	e.iocCol, e.typeCol = cfg.IoCColumn, cfg.TypeColumn
	e.keep = cfg.KeepScreened
	e.resolved = cfg.Mode == Extract
	e.set, e.screened = &ioc.Set{}, &ioc.Set{}
	return e, nil
}

// newColumns builds the VT column builder for cfg, nil for Convert.
func newColumns(cfg Config) (*columnBuilder, error) {
	if cfg.Mode == Convert {
		return nil, nil
	}
	fields, err := selectFields(cfg.Fields, cfg.Raw, cfg.KeepScreened, cfg.Mode == Extract)
	if err != nil {
		return nil, err
	}
	return newColumnBuilder(fields, cfg.Naming, cfg.Join == JoinRow), nil
}
