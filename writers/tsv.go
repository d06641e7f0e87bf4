package writers

import (
	"github.com/apache/arrow/go/v17/arrow"
)

// newTSV is the CSV writer with a tab between fields. Fields holding a tab,
// a quote, CR or LF are quoted the CSV way, so that no value is lost or
// altered (the strict IANA TSV type forbids such values altogether).
func newTSV(out *sink, schema *arrow.Schema, opts Options) *csvWriter {
	return newCSV(out, schema, opts, '\t')
}
