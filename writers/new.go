package writers

import (
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// New returns a Writer of opts.Format onto w. schema is the output schema:
// the input fields, then the added fields (rows.OutputSchema). CSV and TSV
// write their header here, so even an empty input gives a valid file.
// Closing the Writer finishes the format; w itself is never closed.
func New(w io.Writer, schema *arrow.Schema, opts Options) (Writer, error) {
	if schema == nil {
		return nil, fmt.Errorf("writers: no schema")
	}
	switch opts.Format {
	case rows.CSV, rows.TSV, rows.JSONL:
		out, err := newSink(w, opts.Stream)
		if err != nil {
			return nil, err
		}
		switch opts.Format {
		case rows.CSV:
			return newCSV(out, schema, opts, ','), nil
		case rows.TSV:
			return newTSV(out, schema, opts), nil
		}
		return newJSONL(out, schema, opts), nil
	case rows.Parquet, rows.Arrow:
		if opts.Stream != "" {
			return nil, fmt.Errorf("writers: %s output is compressed inside the file; use --compression, not a .gz or .zst stream", opts.Format)
		}
		if err := checkUniqueNames(schema, opts.Format); err != nil {
			return nil, err
		}
		out, _ := newSink(w, "")
		if opts.Format == rows.Parquet {
			return newParquet(out, schema, opts)
		}
		return newArrow(out, schema, opts)
	case rows.Table:
		return newTable(w, schema, opts), nil
	case "":
		return nil, fmt.Errorf("writers: no output format given")
	}
	return nil, fmt.Errorf("writers: unknown output format %q (want csv, tsv, jsonl, parquet or arrow)", opts.Format)
}
