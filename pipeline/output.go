package pipeline

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
	"github.com/vtenrich/vtenrich/writers"
)

var errEOF = io.EOF

// output is the destination of a run: a writer over stdout, or over a
// temporary file renamed into place only when the run succeeds, so a failed
// run never leaves a truncated file that looks complete.
type output struct {
	w         writers.Writer
	file      *writers.AtomicFile // nil for stdout
	committed bool
}

// openOutput picks the output format (--to, then the -o extension, then the
// input format) and opens the writer with the joined schema.
func openOutput(cfg Config, in readers.Reader, cols *columnBuilder) (*output, error) {
	opts := cfg.Write
	if cfg.Output != "" {
		if f, stream, ok := rows.FormatFromPath(cfg.Output); ok {
			if opts.Format == "" {
				opts.Format = f
			}
			if opts.Stream == "" {
				opts.Stream = stream
			}
		}
	}
	if opts.Format == "" {
		opts.Format = in.Format()
	}
	var added *arrow.Schema
	if cols != nil {
		added = cols.schema
	}
	schema := rows.OutputSchema(in.Schema(), added)
	if cfg.OnlyAdded && added != nil {
		schema = added
	} else if err := checkNames(in.Schema(), added); err != nil {
		return nil, err
	}
	o := &output{}
	var dst io.Writer = cfg.Stdout
	if cfg.Output != "" && cfg.Output != "-" {
		f, err := writers.CreateAtomic(cfg.Output)
		if err != nil {
			return nil, err
		}
		o.file, dst = f, f
	}
	w, err := writers.New(dst, schema, opts)
	if err != nil {
		o.abort()
		return nil, err
	}
	o.w = w
	return o, nil
}

// checkNames refuses an input that already has a column the run would add
// (an already enriched file, say): two columns of one name are ambiguous in
// every output format.
func checkNames(in, added *arrow.Schema) error {
	if added == nil {
		return nil
	}
	for _, f := range added.Fields() {
		if in.HasField(f.Name) {
			return fmt.Errorf("the input already has a column named %q (was it enriched before?); drop it, or use --naming to add VT columns under other names (an --include column is named by its path)", f.Name)
		}
	}
	return nil
}

// FlushInterval bounds how long a row handed to the writer waits in its
// buffers: output files and pipes grow during a run paced by the API, and
// the rows written count is what has been flushed.
const FlushInterval = 200 * time.Millisecond

// write writes every joined batch, flushing at least every FlushInterval,
// then finishes the format (footer). stats.RowsOut counts rows flushed.
func (o *output) write(ctx context.Context, in <-chan *rows.Joined, stats *Stats) error {
	tick := time.NewTicker(FlushInterval)
	defer tick.Stop()
	var unflushed int64
	for {
		select {
		case j, ok := <-in:
			if !ok {
				if err := o.w.Close(); err != nil {
					return err
				}
				stats.RowsOut.Add(unflushed)
				return nil
			}
			err := o.w.Write(j)
			unflushed += int64(j.Len())
			j.Batch.Release()
			if j.Added != nil {
				j.Added.Release()
			}
			if err != nil {
				return err
			}
		case <-tick.C:
			if unflushed > 0 {
				if err := o.w.Flush(); err != nil {
					return err
				}
				stats.RowsOut.Add(unflushed)
				unflushed = 0
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// commit moves a finished output file into place.
func (o *output) commit() error {
	o.committed = true
	if o.file == nil {
		return nil
	}
	return o.file.Commit()
}

// abort removes the temporary output of a failed run.
func (o *output) abort() {
	if o.committed || o.file == nil {
		return
	}
	o.committed = true
	o.file.Abort()
}
