package writers

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"runtime"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"golang.org/x/sync/errgroup"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

const (
	// defaultRowGroupRows is the row bound of a row group when
	// Options.RowGroupRows is 0.
	defaultRowGroupRows = 64 << 10
	// rowGroupBytes bounds a row group's buffered size: parquet-go holds a
	// whole row group in memory until it is flushed, so wide or long rows
	// must close groups early for memory to stay flat.
	rowGroupBytes = 64 << 20
	// chunkRows is how many rows go to the column writers at a time; pages
	// end on these boundaries, so it bounds a page's size.
	chunkRows = 1024
)

// parquetWriter writes a Parquet file column by column: each chunk of rows
// is shredded into one value slice per leaf column (reused across batches)
// and handed to that column's writer, skipping parquet-go's row-by-row
// regrouping.
type parquetWriter struct {
	out       *sink
	schema    *arrow.Schema
	pw        *parquet.GenericWriter[any]
	shred     []shredder
	leafStart []int // field k's leaf columns are leafStart[k]..leafStart[k+1]-1
	workers   int   // fields shredded and written at once
	cols      [][]parquet.Value
	groupMax  int
	maxBytes  int64 // row group byte bound, rowGroupBytes but in tests
	inGroup   int   // rows in the open row group
	groupAt   int64 // file size when the open row group started
	flush     bool
	zstd      *zstdCodec // closed with the writer; nil for other codecs
	bad       *badNull   // where shredding met a null it cannot store
	err       error      // sticky: after a failure the file cannot be finished
}

func newParquet(out *sink, schema *arrow.Schema, opts Options) (w Writer, err error) {
	defer recoverTo(&err, "creating the file")
	codec, err := parquetCodec(opts.Compression)
	if err != nil {
		return nil, err
	}
	pq := &parquetWriter{out: out, schema: schema, flush: opts.FlushEachBatch,
		groupMax: opts.RowGroupRows, shred: make([]shredder, schema.NumFields())}
	if z, ok := codec.(*zstdCodec); ok {
		pq.zstd = z
		defer func() {
			if err != nil {
				z.close()
			}
		}()
	}
	m := &mapping{bad: &badNull{}}
	names := make([]string, schema.NumFields())
	nodes := make([]parquet.Node, schema.NumFields())
	pq.maxBytes = rowGroupBytes
	if pq.groupMax <= 0 {
		pq.groupMax = defaultRowGroupRows
	}
	pq.leafStart = make([]int, schema.NumFields()+1)
	for k, f := range schema.Fields() {
		pq.leafStart[k] = m.leaves
		if nodes[k], pq.shred[k], err = m.field(f, 0); err != nil {
			return nil, err
		}
		names[k] = f.Name
	}
	pq.leafStart[schema.NumFields()] = m.leaves
	pq.workers = runtime.GOMAXPROCS(0)
	pq.cols = make([][]parquet.Value, m.leaves)
	pq.bad = m.bad
	options := []parquet.WriterOption{
		parquet.NewSchema("schema", newGroup(names, nodes)),
		parquet.Compression(codec),
	}
	md := schema.Metadata()
	for k, key := range md.Keys() {
		options = append(options, parquet.KeyValueMetadata(key, md.Values()[k]))
	}
	arrowSchema, err := serializeSchema(schema)
	if err != nil {
		return nil, err
	}
	options = append(options, parquet.KeyValueMetadata("ARROW:schema", arrowSchema))
	pq.pw = parquet.NewGenericWriter[any](out, options...)
	return pq, nil
}

// serializeSchema is the Arrow schema as Arrow's own Parquet writers store
// it (key ARROW:schema): readers that know it get back what Parquet alone
// cannot say, such as a timestamp's time zone name or large string types.
func serializeSchema(schema *arrow.Schema) (string, error) {
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(schema))
	if err := w.Close(); err != nil {
		return "", fmt.Errorf("writers: parquet: storing the Arrow schema: %w", err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

func parquetCodec(name string) (compress.Codec, error) {
	switch name {
	case "", "zstd":
		return newZstdCodec()
	case "snappy":
		return &parquet.Snappy, nil
	case "gzip":
		return &parquet.Gzip, nil
	case "none":
		return &parquet.Uncompressed, nil
	}
	return nil, fmt.Errorf("writers: Parquet compression %q is not one of zstd, snappy, gzip, none", name)
}

// Write shreds and writes the joined rows, closing row groups at the row
// and byte bounds.
func (w *parquetWriter) Write(j *rows.Joined) (err error) {
	if w.err != nil {
		return w.err
	}
	defer func() {
		if err != nil {
			w.err = err
		}
	}()
	defer recoverTo(&err, fmt.Sprintf("%s, batch at row %d", j.Source, j.First))
	if err := checkJoined(w.schema, rows.Parquet, j); err != nil {
		return err
	}
	for from, n := 0, j.Len(); from < n; {
		to := min(n, from+chunkRows, from+w.groupMax-w.inGroup)
		if err := w.writeChunk(j, from, to); err != nil {
			return fmt.Errorf("writers: parquet: %s, batch at row %d: %w", j.Source, j.First, err)
		}
		w.inGroup += to - from
		from = to
		if w.inGroup >= w.groupMax || w.pw.Size()-w.groupAt >= w.maxBytes {
			if err := w.pw.Flush(); err != nil {
				return fmt.Errorf("writers: parquet: ending a row group: %w", err)
			}
			w.inGroup, w.groupAt = 0, w.pw.Size()
		}
	}
	if w.flush {
		return w.out.flush()
	}
	return w.out.spill()
}

// writeChunk writes output rows [from, to) of j. Each field has its own
// leaf columns and parquet-go ColumnWriters, which buffer, encode and
// compress their pages independently, so fields are shredded and written on
// every core: in a conversion this writer is the costliest stage (2.6 of
// 3.1 CPU s for a 235 MB CSV), and one goroutine made it the wall time.
func (w *parquetWriter) writeChunk(j *rows.Joined, from, to int) error {
	nIn := int(j.Record.NumCols())
	writers := w.pw.ColumnWriters()
	var g errgroup.Group
	g.SetLimit(w.workers)
	for k, sh := range w.shred {
		g.Go(func() (err error) {
			defer recoverTo(&err, fmt.Sprintf("column %q", w.schema.Field(k).Name))
			if k < nIn {
				shredRows(sh, j.Record.Column(k), j.Take, from, to, w.cols)
			} else {
				shredRows(sh, j.Added.Column(k-nIn), nil, from, to, w.cols)
			}
			for c := w.leafStart[k]; c < w.leafStart[k+1]; c++ {
				if _, err := writers[c].WriteRowValues(w.cols[c]); err != nil {
					return err
				}
				// Drop the references into Arrow buffers before the next batch.
				clear(w.cols[c])
				w.cols[c] = w.cols[c][:0]
			}
			return nil
		})
	}
	err := g.Wait()
	if bad := w.bad.get(); bad != "" {
		return fmt.Errorf("column %q is declared non-nullable but holds nulls", bad)
	}
	return err
}

// Flush implements Writer.
func (w *parquetWriter) Flush() error { return w.out.flush() }

func (w *parquetWriter) Close() (err error) {
	if w.zstd != nil {
		defer w.zstd.close()
	}
	if w.err != nil {
		return w.err
	}
	defer recoverTo(&err, "writing the footer")
	if err := w.pw.Close(); err != nil {
		return fmt.Errorf("writers: parquet: %w", err)
	}
	return w.out.close()
}

// recoverTo turns a panic inside parquet-go (which panics on schema and
// value mismatches it considers programming errors) into an error, so that
// one odd value ends the run cleanly instead of crashing it.
func recoverTo(err *error, doing string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("writers: parquet: %s: %v", doing, r)
	}
}
