package readers

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
)

// Arrow's Parquet reader decodes the columns inside a struct (and a map) on
// goroutines of its own (errgroup in pqarrow's structReader), and creates
// every column's reader on such goroutines too. A panic there cannot be
// recovered by guard and would crash the program. So before the library
// touches a part of the file on another goroutine, the same part is checked
// here, on the caller's goroutine and under guard:
//
//   - at open, every column chunk of every row group: metadata readable,
//     byte range inside the file, page reader creatable;
//   - before a row group is read, every leaf column below a struct or map:
//     all pages decompressed and all levels and values decoded.
//
// The second check decodes those columns twice; flat columns (the usual
// log export) cost nothing extra. What it cannot cover is the record
// assembly itself on the other goroutines, which works on levels and values
// already decoded here.

// checkColumnChunks is the open-time check of every column chunk.
func checkColumnChunks(pf *file.Reader, size int64) error {
	for rg := range pf.NumRowGroups() {
		r := pf.RowGroup(rg)
		for c := range r.NumColumns() {
			col, err := r.MetaData().ColumnChunk(c)
			if err != nil {
				return fmt.Errorf("row group %d column %d: %w", rg, c, err)
			}
			start, n := col.DataPageOffset(), col.TotalCompressedSize()
			if col.HasDictionaryPage() && col.DictionaryPageOffset() > 0 && col.DictionaryPageOffset() < start {
				start = col.DictionaryPageOffset()
			}
			if start < 0 || n < 0 || start > size || n > size-start {
				return fmt.Errorf("row group %d column %d: byte range %d+%d is outside the %d-byte file", rg, c, start, n, size)
			}
			if _, err := r.GetColumnPageReader(c); err != nil {
				return fmt.Errorf("row group %d column %d: %w", rg, c, err)
			}
		}
	}
	return nil
}

// nestedLeaves lists the leaf columns that lie below a struct or a map. A
// leaf is a field without children: pqarrow leaves ColIndex at 0, not -1,
// on groups, so IsLeaf cannot tell.
func nestedLeaves(fields []pqarrow.SchemaField, nested bool, out []int) []int {
	for _, f := range fields {
		if len(f.Children) == 0 {
			if nested {
				out = append(out, f.ColIndex)
			}
			continue
		}
		id := f.Field.Type.ID()
		out = nestedLeaves(f.Children, nested || id == arrow.STRUCT || id == arrow.MAP, out)
	}
	return out
}

// decodeColumns decodes every page of the given columns of one row group,
// to find damage before goroutines of the library meet it.
func decodeColumns(r *file.RowGroupReader, cols []int) error {
	for _, c := range cols {
		cr, err := r.Column(c)
		if err != nil {
			return err
		}
		switch cr := cr.(type) {
		case *file.BooleanColumnChunkReader:
			err = drain[bool](cr)
		case *file.Int32ColumnChunkReader:
			err = drain[int32](cr)
		case *file.Int64ColumnChunkReader:
			err = drain[int64](cr)
		case *file.Int96ColumnChunkReader:
			err = drain[parquet.Int96](cr)
		case *file.Float32ColumnChunkReader:
			err = drain[float32](cr)
		case *file.Float64ColumnChunkReader:
			err = drain[float64](cr)
		case *file.ByteArrayColumnChunkReader:
			err = drain[parquet.ByteArray](cr)
		case *file.FixedLenByteArrayColumnChunkReader:
			err = drain[parquet.FixedLenByteArray](cr)
		default:
			err = fmt.Errorf("unknown column reader %T", cr)
		}
		if err != nil {
			return fmt.Errorf("column %d: %w", c, err)
		}
	}
	return nil
}

// batchReader is what every typed Parquet column chunk reader offers.
type batchReader[T any] interface {
	HasNext() bool
	ReadBatch(batchSize int64, values []T, defLvls, repLvls []int16) (int64, int, error)
}

// drain reads a column chunk to its end, discarding what it reads.
func drain[T any](r batchReader[T]) error {
	const batch = 1024
	values := make([]T, batch)
	defs, reps := make([]int16, batch), make([]int16, batch)
	for r.HasNext() {
		levels, n, err := r.ReadBatch(batch, values, defs, reps)
		if err != nil {
			return err
		}
		if levels == 0 && n == 0 {
			return nil
		}
	}
	return nil
}
