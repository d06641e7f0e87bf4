// Package readers decodes input files into rows.Batch values: CSV, TSV,
// JSONL, Parquet and Arrow IPC streams, each plain, gzip or zstd. Every format
// lives in its own file and yields the same batch type; Open picks the format
// (flag, then file extension, then the first bytes) and chains several files
// with the same columns into one stream.
package readers

import (
	"context"
	"time"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// Reader yields the batches of one input stream, in order.
type Reader interface {
	// Schema is the stream's schema, known once Open returns.
	Schema() *arrow.Schema
	// Format is the format of the input (detected or given).
	Format() rows.Format
	// Next returns the next batch, or io.EOF after the last one. Errors name
	// the file and the line, row or byte offset where input went wrong.
	Next(ctx context.Context) (*rows.Batch, error)
	// BadRows reports the rows skipped under OnBadRow == SkipBadRows.
	BadRows() BadRowReport
	// Close releases files, decoders and temporary spool files.
	Close() error
}

// BadRowPolicy says what to do with a CSV/TSV/JSONL row that cannot be parsed.
type BadRowPolicy int

const (
	// FailOnBadRow stops the stream with an error naming the row (default).
	FailOnBadRow BadRowPolicy = iota
	// SkipBadRows skips the row and counts it in BadRows.
	SkipBadRows
)

// BadRowReport summarises skipped rows for the message on stderr.
type BadRowReport struct {
	Count int64    // rows skipped
	First []string // "file:line: reason" of the first few skipped rows
}

// Options tune Open. The zero value is usable.
type Options struct {
	// Format forces the input format; "" detects it.
	Format rows.Format
	// BatchRows and BatchBytes bound a batch; defaults 4096 rows and 8 MiB.
	BatchRows  int
	BatchBytes int
	// OnBadRow chooses between failing and skipping on unparsable rows.
	OnBadRow BadRowPolicy
	// InferTypes makes CSV/TSV/JSONL columns int64, float64 or bool where every
	// value of the first batch parses as one; default is all strings.
	InferTypes bool
	// Delimiter splits CSV fields instead of the comma (';' as Excel writes
	// where the comma is the decimal separator, '|'); TSV keeps the tab.
	Delimiter byte
	// MaxFieldBytes bounds a single CSV/TSV field or JSON line (default
	// DefaultMaxFieldBytes, at most MaxFieldLimit); a longer one is a bad
	// row, not an out-of-memory crash.
	MaxFieldBytes int
	// IdleFlush, when > 0, emits a partial batch once the input has been
	// quiet that long, so `tail -f log | vtenrich` streams.
	IdleFlush time.Duration
	// Encoding is the text encoding of CSV, TSV and JSONL input (one of
	// Encodings); "" is UTF-8, and UTF-16 is then still recognised by its
	// byte order mark or its zero bytes. Byte offsets in messages count
	// the UTF-8 text the input decodes to.
	Encoding string
	// TempDir is where non-seekable Parquet input is spooled ("" = os.TempDir).
	TempDir string
}
