package readers

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// FromValues is a Reader of string columns held in memory: records[i] is
// row i, one value per name in header. vtenrich lookup reads its arguments
// through it, so they travel the pipeline as rows without being written
// out as text and parsed back.
func FromValues(source string, header []string, records [][]string) (Reader, error) {
	fields := make([]arrow.Field, len(header))
	for i, name := range header {
		fields[i] = arrow.Field{Name: name, Type: arrow.BinaryTypes.String}
	}
	schema := arrow.NewSchema(fields, nil)
	v := &valuesReader{source: source, schema: schema}
	for start := 0; start < len(records); start += DefaultBatchRows {
		end := min(start+DefaultBatchRows, len(records))
		b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
		for r, rec := range records[start:end] {
			if len(rec) != len(header) {
				b.Release()
				v.Close()
				return nil, fmt.Errorf("%s: row %d has %d values, the header %d", source, start+r, len(rec), len(header))
			}
			for c, value := range rec {
				b.Field(c).(*array.StringBuilder).Append(value)
			}
		}
		v.batches = append(v.batches, &rows.Batch{Seq: int64(len(v.batches)), First: int64(start),
			Source: source, Record: b.NewRecord()})
		b.Release()
	}
	return v, nil
}

type valuesReader struct {
	source  string
	schema  *arrow.Schema
	batches []*rows.Batch
}

func (v *valuesReader) Schema() *arrow.Schema { return v.schema }
func (v *valuesReader) Format() rows.Format   { return rows.CSV } // text values
func (v *valuesReader) BadRows() BadRowReport { return BadRowReport{} }
func (v *valuesReader) Next(ctx context.Context) (*rows.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(v.batches) == 0 {
		return nil, io.EOF
	}
	b := v.batches[0]
	v.batches = v.batches[1:]
	return b, nil
}

func (v *valuesReader) Close() error {
	for _, b := range v.batches {
		b.Release()
	}
	v.batches = nil
	return nil
}
