// Package writers encodes rows.Joined batches as CSV, TSV, JSONL, Parquet or
// Arrow IPC, one file per format. Writers read each output row through
// Joined.SourceRow instead of copying source columns; only Arrow IPC, which
// writes whole arrays, copies the rows of a batch whose rows a join
// repeated or dropped.
package writers

import (
	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// Writer writes joined batches in one format.
type Writer interface {
	// Write encodes the rows of j. The columns of j.Record followed by those
	// of j.Added must match the schema the writer was created with.
	Write(j *rows.Joined) error
	// Flush hands every row written so far to the underlying io.Writer, as
	// far as the format allows: text and Arrow IPC rows at once (an Arrow
	// IPC file is readable only once its footer is written, though); Parquet
	// rows once their row group is closed, which only the footer or the
	// row group bounds do (a Parquet file is unreadable before its footer
	// anyway).
	Flush() error
	// Close finishes the format (flushes, writes the Parquet footer, ends the
	// compression frame). It does not close the underlying io.Writer.
	Close() error
}

// KeyMemory is a Writer that keeps what it wrote of each key of a batch's
// rows.AddedKeys (every key but OwnResult) for as long as the keys' Scope
// lasts, so that its producer may leave a key's Shared values out of later
// batches (AddedKeys.Omitted). It keeps them all: the producer bounds what
// it keeps by giving keys past its budget as OwnResult.
type KeyMemory interface {
	Writer
	// KeepsKeys reports whether it does, for this writer's format.
	KeepsKeys() bool
}

// Options tune New. The zero value is usable.
type Options struct {
	// Format is the output format (required).
	Format rows.Format
	// Compression is the Parquet codec: "zstd" (default), "snappy", "gzip",
	// "none"; and for Arrow IPC, "zstd", "lz4" or "none" (default).
	Compression string
	// Stream compresses CSV/TSV/JSONL output: "gzip", "zstd" or "" (none).
	Stream string
	// RowGroupRows bounds Parquet row groups (default 1Mi rows; 64 MiB of
	// buffered pages close a group sooner) so memory does not grow with the
	// file.
	RowGroupRows int
	// FlushEachBatch flushes after every Write, for terminals and pipes that
	// a person or `tail -f` watches.
	FlushEachBatch bool
	// EscapeFormulas neutralises spreadsheet formulas in the input columns
	// of CSV and TSV output too; added columns always are (see csv.go).
	EscapeFormulas bool
	// TableColumns are the columns a Table shows, in this order, when the
	// schema has them (default: every column).
	TableColumns []string
}
