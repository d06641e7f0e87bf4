package readers

import (
	"context"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// source decodes one input file into records; the stream in open.go chains
// sources into one Reader.
type source interface {
	// schema of the records next returns. For JSONL it is the schema so
	// far and grows as new keys appear.
	schema() *arrow.Schema
	// next returns the next non-empty chunk, or io.EOF.
	next(ctx context.Context) (*chunk, error)
	// close releases the file, decoders and spool files.
	close() error
}

// chunk is what a source yields: a record, and for text input the line of
// each row (for later messages) and for JSONL each row's object text.
type chunk struct {
	rec   arrow.Record
	json  *array.String
	lines []int64
}

// newChunk makes a chunk of rows rows from cols, taking over the caller's
// references to cols.
func newChunk(sch *arrow.Schema, cols []arrow.Array, rows int, lines []int64) *chunk {
	rec := array.NewRecord(sch, cols, int64(rows))
	for _, c := range cols {
		c.Release()
	}
	return &chunk{rec: rec, lines: lines}
}

// release drops the chunk's Arrow references.
func (c *chunk) release() {
	c.rec.Release()
	if c.json != nil {
		c.json.Release()
	}
}
