package readers

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// parquetSource reads Parquet with Arrow's own reader, which keeps physical
// and logical types (int32/int64, double, boolean, string, timestamp, date,
// list, struct, nulls) as Arrow types. Parquet needs random access, so
// stdin and compressed input are spooled to a temporary file first.
type parquetSource struct {
	in      *input
	pf      *file.Reader
	nested  []int        // leaf columns below a struct or map (see parquet_check.go)
	checked map[int]bool // row groups whose nested columns are checked
	batch   int64
	rr      pqarrow.RecordReader
	sch     *arrow.Schema
	rgRows  []int64 // rows in each row group, to name the group in messages
	rows    int64   // rows read so far
}

// parquetBufferSize is the read buffer of each column chunk.
const parquetBufferSize = 64 << 10

// newParquetSource opens in, which must be Parquet, and reads its footer.
func newParquetSource(ctx context.Context, in *input, opts Options) (source, error) {
	ra, size, err := randomAccess(ctx, in, opts.TempDir)
	if err != nil {
		return nil, err
	}
	s := &parquetSource{in: in, checked: map[int]bool{}, batch: int64(opts.BatchRows)}
	mem := newCappedAllocator(size)
	props := parquet.NewReaderProperties(mem)
	// Stream each column chunk through a buffer instead of reading it whole:
	// the whole-chunk read allocates whatever size the metadata claims.
	props.BufferedStreamEnabled, props.BufferSize = true, parquetBufferSize
	err = guard(func() (err error) {
		if s.pf, err = file.NewParquetReader(ra, file.WithReadProps(props)); err != nil {
			return err
		}
		for i := range s.pf.NumRowGroups() {
			s.rgRows = append(s.rgRows, s.pf.MetaData().RowGroup(i).NumRows())
		}
		if err := checkColumnChunks(s.pf, size); err != nil {
			return err
		}
		fr, err := pqarrow.NewFileReader(s.pf, pqarrow.ArrowReadProperties{BatchSize: int64(opts.BatchRows)}, mem)
		if err != nil {
			return err
		}
		if s.sch, err = fr.Schema(); err != nil {
			return err
		}
		s.nested = nestedLeaves(fr.Manifest.Fields, false, nil)
		if err := s.checkNested(); err != nil { // the first row group's readers start at creation
			return err
		}
		s.rr, err = fr.GetRecordReader(context.Background(), nil, nil)
		return err
	})
	if err != nil {
		return nil, &InputError{File: in.name, Offset: -1, Reason: "not a readable Parquet file", Err: err}
	}
	return s, nil
}

func (s *parquetSource) schema() *arrow.Schema { return s.sch }

func (s *parquetSource) next(ctx context.Context) (*chunk, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rec, err := readRecord(func() (arrow.Record, error) {
		if err := s.checkNested(); err != nil {
			return nil, err
		}
		return s.read()
	})
	if err == io.EOF {
		if total := s.totalRows(); s.rows != total {
			return nil, inputErr(s.in.name, 0, "Parquet data ends after %d of the %d rows its footer promises", s.rows, total)
		}
		return nil, io.EOF
	}
	if err != nil {
		return nil, &InputError{File: s.in.name, Offset: -1, Err: err, Reason: fmt.Sprintf(
			"row group %d (rows from %d): corrupt Parquet data", s.rowGroup(), s.rows)}
	}
	s.rows += rec.NumRows()
	return &chunk{rec: rec}, nil
}

// read returns the next record, owned by the caller, or io.EOF.
func (s *parquetSource) read() (arrow.Record, error) {
	if !s.rr.Next() {
		if err := s.rr.Err(); err != nil {
			return nil, err // io.EOF itself at the end, unwrapped
		}
		return nil, io.EOF
	}
	rec := s.rr.Record()
	rec.Retain()
	return rec, nil
}

// totalRows is the row count the footer gives.
func (s *parquetSource) totalRows() int64 {
	var n int64
	for _, r := range s.rgRows {
		n += r
	}
	return n
}

// checkNested decodes the nested columns of the row groups the next batch
// may touch, unless done before (see parquet_check.go).
func (s *parquetSource) checkNested() error {
	if len(s.nested) == 0 {
		return nil
	}
	start := int64(0)
	for rg, n := range s.rgRows {
		end := start + n
		if end > s.rows && start <= s.rows+s.batch && !s.checked[rg] {
			s.checked[rg] = true
			if err := decodeColumns(s.pf.RowGroup(rg), s.nested); err != nil {
				return fmt.Errorf("row group %d: %w", rg, err)
			}
		}
		start = end
	}
	return nil
}

// rowGroup is the row group holding the next row to read.
func (s *parquetSource) rowGroup() int {
	seen := int64(0)
	for i, n := range s.rgRows {
		if seen += n; s.rows < seen {
			return i
		}
	}
	return len(s.rgRows) - 1
}

func (s *parquetSource) close() error {
	if s.rr != nil {
		_ = guard(func() error { s.rr.Release(); return nil })
	}
	return s.in.close()
}
