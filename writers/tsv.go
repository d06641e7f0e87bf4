package writers

import (
	"github.com/apache/arrow/go/v17/arrow"
)

// newTSV is the CSV writer with a tab between fields. Fields holding a tab,
// a quote, CR or LF are quoted the CSV way, so that no value is lost or
// altered (the strict IANA TSV type forbids such values altogether). It is
// what Excel, DuckDB, pandas and Miller's CSV reader read back exactly;
// not the escaping TSV of Miller's --itsv (\t, \n, \\), under which every
// Windows path would need its backslashes doubled: see the README and
// tsv_dialect_test.go.
func newTSV(out *sink, schema *arrow.Schema, opts Options) *csvWriter {
	return newCSV(out, schema, opts, '\t')
}
