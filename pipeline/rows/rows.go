// Package rows defines the unit of data every vtenrich stage passes on: a
// Batch of consecutive input rows held as an Arrow record, and Joined, the
// output view of a batch after VirusTotal columns are joined to it.
//
// Why Arrow: Parquet and Arrow IPC input keep their physical and logical
// types (int64, timestamps, lists, structs) without a conversion layer;
// CSV fields land in one contiguous byte buffer per column instead of one
// string per field; and spilling waiting rows to disk is Arrow IPC with zstd
// for free. JSONL input additionally keeps each object's original text
// (Batch.JSON), so JSONL output is byte-faithful to its input: key order,
// nesting and numbers as written.
package rows

import (
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// Format names a file format vtenrich reads and writes.
type Format string

// The supported formats.
const (
	CSV     Format = "csv"
	TSV     Format = "tsv"
	JSONL   Format = "jsonl"
	Parquet Format = "parquet"
	Arrow   Format = "arrow" // Arrow IPC file format (Feather v2): batches, then a footer that indexes them
	// ArrowStream is the Arrow IPC stream format: batches one after the
	// other, no footer, readable as it is written (a pipe, tail -f).
	ArrowStream Format = "arrows"
)

// Batch is a run of consecutive rows from one input file. Batches are bounded
// (a few thousand rows or a few MiB) so that channels of batches carry little
// memory while amortising the per-message cost.
type Batch struct {
	// Seq is the position of the batch in the whole input stream, from 0.
	Seq int64
	// First is the stream-wide 0-based index of the batch's first row: the
	// SourceIndex of row i is First+i.
	First int64
	// Source names the file the rows came from ("-" for stdin), for messages.
	Source string
	// Record holds the columns in input order. Its schema is the stream's
	// schema (readers check that every file of a stream has the same one).
	Record arrow.Record
	// JSON, when not nil, holds each row's original JSON object text
	// (JSONL input). JSONL writers splice added fields into it so the output
	// object equals the input object plus the VT fields.
	JSON *array.String
}

// NumRows is the number of rows in the batch.
func (b *Batch) NumRows() int { return int(b.Record.NumRows()) }

// Release drops the batch's reference to its Arrow buffers.
func (b *Batch) Release() {
	if b.Record != nil {
		b.Record.Release()
	}
	if b.JSON != nil {
		b.JSON.Release()
	}
}

// Joined is a batch of output rows: source rows of a Batch, each repeated,
// kept or dropped as the join mode decides, followed by added columns. It is
// what writers write; they never need to copy the source columns.
type Joined struct {
	*Batch
	// Take gives the source row of each output row, in output order. Nil
	// means every source row exactly once, in order.
	Take []int32
	// Added holds the columns joined to the rows (VirusTotal columns), one
	// row per output row. Nil when nothing is added (convert).
	Added arrow.Record
	// Keys, when set, groups the output rows by the result they show, so
	// that a writer can render that result's columns once: see AddedKeys.
	Keys *AddedKeys
}

// AddedKeys says which output rows show the same added values, in this
// batch and in every later one of the same Scope. It is a promise writers
// may use, never need: Added holds every value.
type AddedKeys struct {
	// Row is the key of each output row: rows with the same key of zero or
	// more hold equal values in every Shared column of Added. NoResult: the
	// row has no result, and its Shared columns are null. OwnResult: the
	// row's result is its own (rendered from its row alone).
	Row []int64
	// Shared marks the Added columns whose value depends on the key only
	// (not the source row index, which differs on every row).
	Shared []bool
	// Scope is the run the keys belong to: compare it (==) before reusing
	// what an earlier batch's keys said.
	Scope any
	// Omitted says that the rows of a key shown by an earlier batch of the
	// Scope have null Shared columns: the writer asked for it (see
	// writers.KeyMemory) and has kept what that batch showed.
	Omitted bool
}

// Keys that name no result: NoResult rows all hold nulls in the Shared
// columns (so they do share those), and an OwnResult row shares nothing.
const (
	NoResult  = -1
	OwnResult = -2
)

// Len is the number of output rows.
func (j *Joined) Len() int {
	switch {
	case j.Take != nil:
		return len(j.Take)
	case j.Batch != nil:
		return j.Batch.NumRows()
	}
	return 0
}

// SourceRow is the index in j.Batch of output row i.
func (j *Joined) SourceRow(i int) int {
	if j.Take != nil {
		return int(j.Take[i])
	}
	return i
}

// OutputSchema is the schema of joined rows: the input fields in input
// order, then the added fields. added may be nil.
func OutputSchema(in, added *arrow.Schema) *arrow.Schema {
	if added == nil {
		return in
	}
	fields := make([]arrow.Field, 0, in.NumFields()+added.NumFields())
	fields = append(fields, in.Fields()...)
	fields = append(fields, added.Fields()...)
	md := in.Metadata()
	return arrow.NewSchema(fields, &md)
}
