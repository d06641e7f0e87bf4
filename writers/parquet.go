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
	"github.com/parquet-go/parquet-go/format"
	"golang.org/x/sync/errgroup"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

const (
	// defaultRowGroupRows is the row bound of a row group when
	// Options.RowGroupRows is 0. Large groups let each column's dictionary
	// cover more rows (a VT column's answers are stored once per group),
	// and readers scan them as fast; rowGroupBytes keeps memory bounded.
	defaultRowGroupRows = 1 << 20
	// rowGroupBytes bounds what a row group holds in memory (its encoded
	// pages, open pages and dictionaries) until it is written: wide or long
	// rows close groups early, so memory stays flat whatever the file size.
	rowGroupBytes = 64 << 20
	// chunkRows is how many rows go to the columns at a time; row groups
	// end on these boundaries (pages between any two rows).
	chunkRows = 1024
)

// parquetWriter writes a Parquet file column by column with a page writer of
// its own (parquet_column.go) on parquet-go's encoders and Thrift structs.
// Each chunk of rows goes to every field at once, on every core: a field's
// shredder turns its Arrow values into its leaf columns' levels and PLAIN
// bytes or dictionary indexes, reading the Arrow buffers directly, and
// pages are encoded and compressed as they fill. parquet-go's own writers
// take every value as a parquet.Value and insert every byte-array value
// into their dictionary; for an enriched file (1.69M rows, 40 columns)
// that was 13 of its 20 CPU seconds.
type parquetWriter struct {
	out       *sink
	schema    *arrow.Schema
	file      *fileLayout
	cols      []*leafColumn
	shred     []shredder
	leafStart []int // field k's leaf columns are leafStart[k]..leafStart[k+1]-1
	workers   int   // fields shredded and written at once
	groupMax  int
	maxBytes  int64 // row group byte bound, rowGroupBytes but in tests
	inGroup   int   // rows in the open row group
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
	if m.leaves > maxParquetColumns {
		return nil, fmt.Errorf("writers: parquet: %d columns (nested fields counted one by one), more than the %d the Parquet library writes; write CSV, JSONL or Arrow IPC", m.leaves, maxParquetColumns)
	}
	pq.workers = runtime.GOMAXPROCS(0)
	pq.bad = m.bad

	fs := newFileSchema(newGroup(names, nodes))
	if len(fs.leaves) != m.leaves {
		return nil, fmt.Errorf("writers: parquet: %d leaf columns in the schema, %d shredded (a bug)", len(fs.leaves), m.leaves)
	}
	for _, k := range m.arrowDict {
		fs.leaves[k].arrowDict = true
	}
	if codec == &parquet.Uncompressed {
		codec = nil
	}
	for _, leaf := range fs.leaves {
		pq.cols = append(pq.cols, newLeafColumn(leaf, codec))
	}
	pq.file = &fileLayout{out: out, schema: fs}
	md := schema.Metadata()
	for k, key := range md.Keys() {
		pq.file.metadata = append(pq.file.metadata, format.KeyValue{Key: key, Value: md.Values()[k]})
	}
	arrowSchema, err := serializeSchema(schema)
	if err != nil {
		return nil, err
	}
	pq.file.metadata = append(pq.file.metadata, format.KeyValue{Key: "ARROW:schema", Value: arrowSchema})
	if err := pq.file.start(); err != nil {
		return nil, fmt.Errorf("writers: parquet: %w", err)
	}
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
	// Chunks start at multiples of chunkRows from the row group's start,
	// not from the batch's, and the byte bound is checked only where a
	// chunk is complete: the join's batches end wherever the lookups
	// stood, and the same rows must make the same file.
	for from, n := 0, j.Len(); from < n; {
		to := min(n, from+chunkRows-w.inGroup%chunkRows, from+w.groupMax-w.inGroup)
		if err := w.writeChunk(j, from, to); err != nil {
			return fmt.Errorf("writers: parquet: %s, batch at row %d: %w", j.Source, j.First, err)
		}
		w.inGroup += to - from
		from = to
		if w.inGroup >= w.groupMax || w.inGroup%chunkRows == 0 && w.buffered() >= w.maxBytes {
			if err := w.endRowGroup(); err != nil {
				return fmt.Errorf("writers: parquet: ending a row group: %w", err)
			}
		}
	}
	if w.flush {
		return w.out.flush()
	}
	return w.out.spill()
}

// buffered is what the open row group holds in memory.
func (w *parquetWriter) buffered() int64 {
	var n int64
	for _, c := range w.cols {
		n += c.size()
	}
	return n
}

// writeChunk writes output rows [from, to) of j, every field at once: in a
// conversion this writer is the costliest stage, and one goroutine made it
// the wall time.
func (w *parquetWriter) writeChunk(j *rows.Joined, from, to int) error {
	nIn := int(j.Record.NumCols())
	var g errgroup.Group
	g.SetLimit(w.workers)
	for k, sh := range w.shred {
		g.Go(func() (err error) {
			defer recoverTo(&err, fmt.Sprintf("column %q", w.schema.Field(k).Name))
			leaves := w.cols[w.leafStart[k]:w.leafStart[k+1]]
			if k < nIn {
				shredRows(sh, j.Record.Column(k), j.Take, from, to, w.cols, leaves)
			} else {
				shredRows(sh, j.Added.Column(k-nIn), nil, from, to, w.cols, leaves)
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

// endRowGroup writes the open row group: every column's last page and
// dictionary page are encoded at once, then the chunks are written in
// column order.
func (w *parquetWriter) endRowGroup() error {
	if w.inGroup == 0 {
		return nil
	}
	dictPages := make([][]byte, len(w.cols))
	var g errgroup.Group
	g.SetLimit(w.workers)
	for k, c := range w.cols {
		g.Go(func() (err error) {
			defer recoverTo(&err, fmt.Sprintf("column %q", c.leaf.name()))
			c.flushPage()
			dictPages[k] = c.dictionaryPage()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := w.file.writeRowGroup(w.cols, dictPages, w.inGroup); err != nil {
		return err
	}
	for _, c := range w.cols {
		c.resetGroup()
	}
	w.inGroup = 0
	return w.out.spill()
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
	if err := w.endRowGroup(); err != nil {
		return fmt.Errorf("writers: parquet: ending the last row group: %w", err)
	}
	if err := w.file.finish(); err != nil {
		return fmt.Errorf("writers: parquet: %w", err)
	}
	return w.out.close()
}

// maxParquetColumns is the most leaf columns written: parquet-go's schema,
// which still describes the file, keeps a column index in 16 bits.
const maxParquetColumns = 65534

// recoverTo turns a panic while writing (parquet-go's schema nodes and
// Arrow's accessors panic on mismatches they consider programming errors,
// and the page writer on states it must never reach) into an error, so that
// one odd value ends the run cleanly instead of crashing it. A runtime
// error's words ("index out of range [3] with length 2") mean nothing to
// the person reading, so it is said as the library's failure.
func recoverTo(err *error, doing string) {
	if r := recover(); r != nil {
		if _, internal := r.(runtime.Error); internal {
			r = "the Parquet library failed on this data (an error of its own, not of the input)"
		}
		*err = fmt.Errorf("writers: parquet: %s: %v", doing, r)
	}
}
