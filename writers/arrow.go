package writers

import (
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// arrowWriter writes an Arrow IPC stream: the schema, then one record batch
// per Write. Source columns are shared with the input when no row is
// repeated or dropped, and taken (copied) otherwise.
type arrowWriter struct {
	out    *sink
	schema *arrow.Schema
	ipc    *ipc.Writer
	mem    memory.Allocator
	flush  bool
}

func newArrow(out *sink, schema *arrow.Schema, opts Options) (*arrowWriter, error) {
	mem := memory.DefaultAllocator
	options := []ipc.Option{ipc.WithSchema(schema), ipc.WithAllocator(mem)}
	switch opts.Compression {
	case "", "none":
	case "zstd":
		options = append(options, ipc.WithZstd())
	case "lz4":
		options = append(options, ipc.WithLZ4())
	default:
		return nil, fmt.Errorf("writers: Arrow IPC compression %q is not one of zstd, lz4, none", opts.Compression)
	}
	return &arrowWriter{out: out, schema: schema, ipc: ipc.NewWriter(out, options...), mem: mem,
		flush: opts.FlushEachBatch}, nil
}

// Write writes the joined rows as one record batch.
func (w *arrowWriter) Write(j *rows.Joined) error {
	if err := checkJoined(w.schema, rows.Arrow, j); err != nil {
		return err
	}
	rec, err := materialize(w.mem, w.schema, j)
	if err != nil {
		return err
	}
	defer rec.Release()
	if err := w.ipc.Write(rec); err != nil {
		return fmt.Errorf("writers: arrow: %s, batch at row %d: %s%w", j.Source, j.First, failingColumn(rec), err)
	}
	if w.flush {
		return w.out.flush()
	}
	return w.out.spill()
}

// materialize builds the output record of j: the taken source rows, then
// the added columns.
func materialize(mem memory.Allocator, schema *arrow.Schema, j *rows.Joined) (arrow.Record, error) {
	cols := make([]arrow.Array, 0, schema.NumFields())
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	for k, src := range j.Record.Columns() {
		if j.Take == nil {
			src.Retain()
			cols = append(cols, src)
			continue
		}
		taken, err := takeArray(mem, src, j.Take)
		if err != nil {
			return nil, fmt.Errorf("writers: %s: column %q: %w", j.Source, schema.Field(k).Name, err)
		}
		cols = append(cols, taken)
	}
	if j.Added != nil {
		for _, c := range j.Added.Columns() {
			c.Retain()
			cols = append(cols, c)
		}
	}
	return array.NewRecord(schema, cols, int64(j.Len())), nil
}

// Flush implements Writer.
func (w *arrowWriter) Flush() error { return w.out.flush() }

// failingColumn names the first column that Arrow's IPC writer cannot write
// on its own, for the message of a failed batch: the library's own error
// (often a panic it recovered) does not say which column it was. It writes
// to io.Discard, so it costs nothing until a batch has failed.
func failingColumn(rec arrow.Record) string {
	for k, col := range rec.Columns() {
		f := rec.Schema().Field(k)
		one := arrow.NewSchema([]arrow.Field{f}, nil)
		single := array.NewRecord(one, []arrow.Array{col}, rec.NumRows())
		w := ipc.NewWriter(io.Discard, ipc.WithSchema(one))
		err := w.Write(single)
		w.Close()
		single.Release()
		if err != nil {
			return fmt.Sprintf("column %q (%s) cannot be written as Arrow IPC by this Arrow version: ", f.Name, f.Type)
		}
	}
	return ""
}

// Close ends the stream.
func (w *arrowWriter) Close() error {
	err := w.ipc.Close()
	if cerr := w.out.close(); err == nil {
		err = cerr
	}
	return err
}
