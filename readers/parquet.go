package readers

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/parquet-go/parquet-go/format"
)

// parquetSource reads Parquet into Arrow records with a reader of its own,
// built on parquet-go's format, Thrift and DELTA decoders: the footer and
// page headers are Thrift structs, pages are decompressed and their levels
// and values decoded here, and the records are assembled from the levels
// (parquet_*.go). Arrow Go v17's own Parquet reader refused too many files
// other engines write (LZ4, BYTE_STREAM_SPLIT, logical types it does not
// know, data page v2 quirks, lenient MAP schemas), and parquet-go's page
// reader too (the Hadoop LZ4 codec, page checksums it cannot skip, a
// footer key without a value); see README "Formats".
//
// Parquet needs random access, so stdin and compressed input are spooled
// to a temporary file first.
type parquetSource struct {
	in      *input
	ra      io.ReaderAt
	meta    *fileMeta
	sch     *arrow.Schema
	nodes   []*pqNode
	leaves  []*pqLeaf
	size    int64
	casts   []arrow.DataType // per column, the type ARROW:schema restores; nil: none
	batch   int
	maxPage int
	mem     memory.Allocator

	group   int             // row group being read
	cols    []*columnReader // its column readers; nil between groups
	left    int64           // rows of the group not yet read
	rows    int64           // rows read so far
	groupAt int64           // first row of the group
	column  string          // column being decoded, for messages
}

// newParquetSource opens in, which must be Parquet, and reads its footer.
func newParquetSource(ctx context.Context, in *input, opts Options) (source, error) {
	ra, size, err := randomAccess(ctx, in, opts.TempDir)
	if err != nil {
		return nil, err
	}
	s := &parquetSource{in: in, ra: ra, size: size, batch: opts.BatchRows, mem: memory.DefaultAllocator, maxPage: maxParquetPage}
	err = guard(func() (err error) {
		if s.meta, err = readFooter(ra, size); err != nil {
			return err
		}
		if s.sch, s.nodes, s.leaves, err = buildSchema(s.meta.Schema); err != nil {
			return err
		}
		if err := s.meta.checkRowGroups(s.leaves, size); err != nil {
			return err
		}
		s.sch, s.casts = restoreArrowTypes(s.sch, s.meta.keyValue("ARROW:schema"))
		s.sch = withFileMetadata(s.sch, s.meta)
		return checkTypes(s.sch)
	})
	if err != nil {
		return nil, damaged(in.name, "the Parquet footer (the file's metadata)", err, "not a readable Parquet file")
	}
	return s, nil
}

// withFileMetadata keeps the file's key-value metadata on the schema
// (ARROW:schema aside), as Arrow's reader did.
func withFileMetadata(sch *arrow.Schema, meta *fileMeta) *arrow.Schema {
	var keys, values []string
	for _, kv := range meta.KeyValues {
		if kv.Key != "ARROW:schema" {
			keys, values = append(keys, kv.Key), append(values, kv.Value)
		}
	}
	if len(keys) == 0 {
		return sch
	}
	md := arrow.NewMetadata(keys, values)
	return arrow.NewSchema(sch.Fields(), &md)
}

func (s *parquetSource) schema() *arrow.Schema { return s.sch }

func (s *parquetSource) next(ctx context.Context) (*chunk, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var rec arrow.Record
	err := guard(func() (err error) {
		rec, err = s.read()
		return err
	})
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		where := fmt.Sprintf("row group %d (rows from %d)", s.group, s.groupAt)
		return nil, damaged(s.in.name, fmt.Sprintf("%s, column %q, of the Parquet data", where, s.column), err,
			where+": corrupt Parquet data")
	}
	s.rows += rec.NumRows()
	return &chunk{rec: rec}, nil
}

// read returns the next batch of rows, or io.EOF after the last.
func (s *parquetSource) read() (arrow.Record, error) {
	for s.cols == nil {
		if s.group >= len(s.meta.RowGroups) {
			return nil, io.EOF
		}
		rg := &s.meta.RowGroups[s.group]
		if rg.NumRows == 0 {
			s.group++
			continue
		}
		s.cols = make([]*columnReader, len(s.leaves))
		for c, l := range s.leaves {
			s.cols[c] = newColumnReader(s.ra, l, &rg.Columns[c].MetaData, s.size, s.maxPage)
		}
		s.left, s.groupAt = rg.NumRows, s.rows
	}
	n := int(min(int64(s.batch), s.left))
	a := &assembler{mem: s.mem, leaves: s.leaves, chunks: make([]levelChunk, len(s.cols))}
	for c, col := range s.cols {
		s.column = s.leaves[c].path
		if err := col.fill(n); err != nil {
			return nil, fmt.Errorf("column %q: %w", s.leaves[c].path, err)
		}
	}
	n = s.fitBatch(n)
	for c, col := range s.cols {
		s.column = s.leaves[c].path
		var got int
		if a.chunks[c], got = col.take(n); got != n {
			return nil, fmt.Errorf("column %q: data ends after %d of the group's %d rows",
				s.leaves[c].path, s.rows-s.groupAt+int64(got), s.meta.RowGroups[s.group].NumRows)
		}
	}
	cols := make([]arrow.Array, len(s.nodes))
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i, node := range s.nodes {
		s.column = node.path
		arr, err := a.build(node)
		if err != nil {
			return nil, err
		}
		if arr.Len() != n {
			arr.Release()
			return nil, fmt.Errorf("column %q: %d values for %d rows", node.path, arr.Len(), n)
		}
		if cols[i], err = castColumn(arr, s.casts[i]); err != nil {
			return nil, fmt.Errorf("column %q: %w", node.path, err)
		}
	}
	if s.left -= int64(n); s.left == 0 {
		s.cols = nil
		s.group++
	}
	return array.NewRecord(s.sch, cols, int64(n)), nil
}

// maxParquetPage bounds a page's uncompressed size, so that a few bytes
// that inflate without end (a decompression bomb) fail instead of taking
// all memory. It is the largest field vtenrich takes in any format
// (MaxFieldLimit, 1 GiB) and a little more for the page's other bytes:
// DuckDB reads a file of two 1 GiB map keys from the Parquet test suite,
// and so does vtenrich.
const maxParquetPage = MaxFieldLimit + 1<<20

// maxBatchBytes keeps a batch's string and binary values inside Arrow's
// 32-bit offsets.
const maxBatchBytes = 1<<31 - 1

// fitBatch shortens a batch of n rows whose byte-array values would not
// fit Arrow's 32-bit offsets (values of hundreds of MiB): at least one row
// is always taken.
func (s *parquetSource) fitBatch(n int) int {
	for c, col := range s.cols {
		if s.leaves[c].physical != format.ByteArray || len(col.vals.data) <= maxBatchBytes {
			continue
		}
		n = min(n, col.rowsWithin(maxBatchBytes))
	}
	return max(n, 1)
}

func (s *parquetSource) close() error {
	return s.in.close()
}
