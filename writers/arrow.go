package writers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// arrowWriter writes Arrow IPC: the schema, then one record batch per
// Write, in the stream format (rows.ArrowStream) or the file format
// (rows.Arrow), which adds a footer indexing the batches at Close. Source
// columns are shared with the input when no row is repeated or dropped,
// and taken (copied) otherwise.
type arrowWriter struct {
	out    *sink
	format rows.Format
	schema *arrow.Schema
	ipc    ipcWriter
	mem    memory.Allocator
	flush  bool
	// The file format: the schema written, and the columns whose
	// dictionaries are written as their values (nil: none).
	fileSchema *arrow.Schema
	decode     []bool
}

// ipcWriter is what Arrow's stream and file writers have in common.
type ipcWriter interface {
	Write(rec arrow.Record) error
	Close() error
}

// positionWriter tells Arrow's file writer where it is: all it asks of
// its io.WriteSeeker is Seek(0, io.SeekCurrent), to record the offsets of
// the batches for the footer. So the file format needs no seekable
// output, and goes to pipes and stdout as the stream format does.
type positionWriter struct {
	w   io.Writer
	pos int64
}

// Write writes and counts.
func (p *positionWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.pos += int64(n)
	return n, err
}

// Seek answers where the writer is; it cannot move.
func (p *positionWriter) Seek(offset int64, whence int) (int64, error) {
	if offset != 0 || whence != io.SeekCurrent {
		return 0, fmt.Errorf("writers: arrow: the output cannot seek")
	}
	return p.pos, nil
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
	w := &arrowWriter{out: out, format: opts.Format, schema: schema, mem: mem, flush: opts.FlushEachBatch}
	if opts.Format == rows.ArrowStream {
		w.ipc = ipc.NewWriter(out, options...)
		return w, nil
	}
	fileSchema, decode, err := ipcFileSchema(schema)
	if err != nil {
		return nil, err
	}
	if decode != nil {
		w.fileSchema, w.decode = fileSchema, decode
		options[0] = ipc.WithSchema(fileSchema)
	}
	fw, err := ipc.NewFileWriter(&positionWriter{w: out}, options...)
	if err != nil {
		return nil, fmt.Errorf("writers: arrow: %w", err)
	}
	w.ipc = fw
	return w, nil
}

// Write writes the joined rows as one record batch.
func (w *arrowWriter) Write(j *rows.Joined) error {
	if err := checkJoined(w.schema, w.format, j); err != nil {
		return err
	}
	rec, err := materialize(w.mem, w.schema, j)
	if err != nil {
		return err
	}
	if w.decode != nil {
		if rec, err = w.decodeDictionaries(rec); err != nil {
			return fmt.Errorf("writers: arrow: %s, batch at row %d: %w", j.Source, j.First, err)
		}
	}
	defer rec.Release()
	if err := w.writeRecord(rec); err != nil {
		var internal runtime.Error
		if errors.As(err, &internal) { // a panic Arrow recovered: its words mean nothing to people
			err = errors.New("the Arrow library failed on this data (an error of its own, not of the input)")
		}
		return fmt.Errorf("writers: arrow: %s, batch at row %d: %s%w", j.Source, j.First, failingColumn(rec), err)
	}
	if w.flush {
		return w.out.flush()
	}
	return w.out.spill()
}

// writeRecord writes rec, a panic of Arrow's file writer (which, unlike
// its stream writer, does not recover its own) returned as an error.
func (w *arrowWriter) writeRecord(rec arrow.Record) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = runtimePanic{p}
		}
	}()
	return w.ipc.Write(rec)
}

// runtimePanic is a recovered panic, as an error that reads as Arrow's own
// failure (see Write).
type runtimePanic struct{ v any }

func (p runtimePanic) Error() string { return fmt.Sprint(p.v) }
func (p runtimePanic) RuntimeError() {}

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
			cols = append(cols, unionFromZero(src))
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

// unionFromZero returns arr, retained, or for a sliced union the same
// values as a union that starts at offset 0. Arrow v17's IPC writer
// rebases a sliced union's offsets out of range (a panic in the file
// writer, an error in the stream writer), and the join hands over batches
// sliced wherever its lookups stand. A sparse union's type ids and
// children are sliced alike; a dense union's type ids and value offsets
// are sliced, its children kept whole, since the offsets index them.
func unionFromZero(arr arrow.Array) arrow.Array {
	d := arr.Data()
	ut, ok := arr.DataType().(arrow.UnionType)
	if !ok || d.Offset() == 0 {
		arr.Retain()
		return arr
	}
	off, n := d.Offset(), d.Len()
	bufs := d.Buffers()
	ids := memory.NewBufferBytes(bufs[1].Bytes()[off : off+n])
	newBufs := []*memory.Buffer{nil, ids}
	children := make([]arrow.ArrayData, len(d.Children()))
	for i, c := range d.Children() {
		children[i] = c
	}
	if ut.Mode() == arrow.DenseMode {
		newBufs = append(newBufs, memory.NewBufferBytes(bufs[2].Bytes()[4*off:4*(off+n)]))
	} else {
		for i, c := range d.Children() {
			children[i] = array.NewSliceData(c, int64(off), int64(off+n))
			defer children[i].Release()
		}
	}
	nd := array.NewData(arr.DataType(), n, newBufs, children, 0, 0)
	defer nd.Release()
	return array.MakeFromData(nd)
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

// Close ends the stream, or writes the file's footer.
func (w *arrowWriter) Close() error {
	err := w.ipc.Close()
	if cerr := w.out.close(); err == nil {
		err = cerr
	}
	return err
}

// ipcFileSchema is the schema of an Arrow IPC file for schema. The file
// format allows one dictionary per column for the whole file, while the
// dictionaries of an input change from batch to batch (each Parquet row
// group, each Arrow batch has its own): so a dictionary column is written
// as its values, and decode marks it (nil when there is none). A
// dictionary nested in another type cannot be decoded this way and is
// refused, naming the column and the stream format, which keeps them.
func ipcFileSchema(schema *arrow.Schema) (*arrow.Schema, []bool, error) {
	fields := schema.Fields()
	var decode []bool
	for i, f := range fields {
		dict, isDict := f.Type.(*arrow.DictionaryType)
		if isDict && !hasDictionary(dict.ValueType, 0) {
			if _, nested := dict.ValueType.(arrow.NestedType); !nested {
				if decode == nil {
					decode = make([]bool, len(fields))
				}
				decode[i], fields[i].Type = true, dict.ValueType
				continue
			}
		}
		if hasDictionary(f.Type, 0) {
			return nil, nil, fmt.Errorf("writers: arrow: column %q (%s): an Arrow IPC file holds one dictionary per column for the whole file, which a dictionary inside this type cannot keep to; write the stream format instead (-o FILE.arrows, --to arrows)", f.Name, f.Type)
		}
	}
	if decode == nil {
		return schema, nil, nil
	}
	md := schema.Metadata()
	return arrow.NewSchema(fields, &md), decode, nil
}

// hasDictionary reports whether t is or holds a dictionary type.
func hasDictionary(t arrow.DataType, depth int) bool {
	if depth > 64 {
		return true
	}
	switch dt := t.(type) {
	case *arrow.DictionaryType:
		return true
	case arrow.ExtensionType:
		return hasDictionary(dt.StorageType(), depth+1)
	case arrow.NestedType:
		for _, f := range dt.Fields() {
			if hasDictionary(f.Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// decodeDictionaries replaces the dictionary columns of rec by their
// values, for the file format; it takes over rec.
func (w *arrowWriter) decodeDictionaries(rec arrow.Record) (arrow.Record, error) {
	defer rec.Release()
	cols := make([]arrow.Array, rec.NumCols())
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	ctx := compute.WithAllocator(context.Background(), w.mem)
	for i, col := range rec.Columns() {
		if !w.decode[i] {
			col.Retain()
			cols[i] = col
			continue
		}
		values, err := compute.CastArray(ctx, col, compute.SafeCastOptions(w.fileSchema.Field(i).Type))
		if err != nil {
			return nil, fmt.Errorf("column %q: its dictionary cannot be written as values: %w", rec.ColumnName(i), err)
		}
		cols[i] = values
	}
	return array.NewRecord(w.fileSchema, cols, rec.NumRows()), nil
}
