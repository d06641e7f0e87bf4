package writers

import (
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// csvWriter writes RFC 4180 text: a header of the column names, then one
// line per row, a field quoted only when it holds the delimiter, a quote,
// CR or LF. Null and empty are both an empty field, as every CSV tool reads
// them. TSV is the same writer with a tab.
type csvWriter struct {
	out     *sink
	schema  *arrow.Schema
	format  rows.Format
	delim   byte
	special [256]bool // bytes that force quoting
	text    []appendFunc
	deep    []bool          // column may hide nulls from IsNull (hidesNulls)
	strs    []*array.String // per batch: the column when it is plain string
	cols    []arrow.Array   // per batch: the column arrays
	scratch []byte
	flush   bool
	// guard marks the columns whose values are neutralised as spreadsheet
	// formulas (see formulaGuard); set at the first Write, when the number
	// of added columns is known.
	guard       []bool
	escapeInput bool // --escape-formulas: input columns too
}

func newCSV(out *sink, schema *arrow.Schema, opts Options, delim byte) *csvWriter {
	w := &csvWriter{out: out, schema: schema, format: opts.Format, delim: delim, flush: opts.FlushEachBatch,
		escapeInput: opts.EscapeFormulas}
	for _, b := range []byte{delim, '"', '\r', '\n'} {
		w.special[b] = true
	}
	n := schema.NumFields()
	w.text = make([]appendFunc, n)
	w.deep = make([]bool, n)
	w.strs = make([]*array.String, n)
	w.cols = make([]arrow.Array, n)
	for k, f := range schema.Fields() {
		w.text[k] = textFunc(f.Type)
		w.deep[k] = hidesNulls(f.Type)
	}
	buf := out.buf
	for k, f := range schema.Fields() {
		if k > 0 {
			buf = append(buf, delim)
		}
		buf = w.field(buf, f.Name)
	}
	out.buf = append(buf, '\n')
	return w
}

// Write appends one line per output row.
func (w *csvWriter) Write(j *rows.Joined) error {
	if err := checkJoined(w.schema, w.format, j); err != nil {
		return err
	}
	nIn := int(j.Record.NumCols())
	if w.guard == nil {
		w.guard = make([]bool, len(w.cols))
		for k, f := range w.schema.Fields() {
			w.guard[k] = (k >= nIn || w.escapeInput) && textual(f.Type)
		}
	}
	for k := range w.cols {
		var a arrow.Array
		if k < nIn {
			a = j.Record.Column(k)
		} else {
			a = j.Added.Column(k - nIn)
		}
		w.cols[k] = a
		w.strs[k], _ = a.(*array.String)
	}
	for i, n := 0, j.Len(); i < n; i++ {
		src := j.SourceRow(i)
		buf := w.out.buf
		for k := range w.cols {
			if k > 0 {
				buf = append(buf, w.delim)
			}
			if k < nIn {
				buf = w.cell(buf, k, src)
			} else {
				buf = w.cell(buf, k, i)
			}
		}
		w.out.buf = append(buf, '\n')
		if err := w.out.spill(); err != nil {
			return err
		}
	}
	clear(w.cols)
	clear(w.strs)
	if w.flush {
		return w.out.flush()
	}
	return nil
}

// cell appends the field of column k at row i.
func (w *csvWriter) cell(dst []byte, k, i int) []byte {
	if s := w.strs[k]; s != nil {
		if s.IsNull(i) {
			return w.field(dst, "")
		}
		v := s.Value(i)
		if w.guard[k] && isFormula(v) {
			return w.field(dst, "'"+v)
		}
		return w.field(dst, v)
	}
	a := w.cols[k]
	if a.IsNull(i) || w.deep[k] && isNull(a, i) {
		return w.field(dst, "")
	}
	start := len(dst)
	dst = w.text[k](dst, a, i)
	if w.guard[k] && isFormula(dst[start:]) {
		dst = append(dst[:start+1], dst[start:]...)
		dst[start] = '\''
	}
	if needsQuotes(&w.special, dst[start:]) {
		w.scratch = append(w.scratch[:0], dst[start:]...)
		dst = appendQuoted(dst[:start], w.scratch)
	}
	return dst
}

// field appends s, quoted when needed. An empty value (or null) in a
// one-column file is written as "" so that the line is not blank: CSV
// readers skip blank lines and the row would be lost.
func (w *csvWriter) field(dst []byte, s string) []byte {
	if needsQuotes(&w.special, s) || s == "" && len(w.cols) == 1 {
		return appendQuoted(dst, s)
	}
	return append(dst, s...)
}

// needsQuotes scans s with a table lookup per byte, the cheapest test that
// stays exact for any delimiter.
func needsQuotes[S string | []byte](special *[256]bool, s S) bool {
	for i := 0; i < len(s); i++ {
		if special[s[i]] {
			return true
		}
	}
	return false
}

// appendQuoted appends s in quotes, doubling the quotes inside.
func appendQuoted[S string | []byte](dst []byte, s S) []byte {
	dst = append(dst, '"')
	for {
		q := index(s, '"')
		if q < 0 {
			break
		}
		dst = append(dst, s[:q+1]...)
		dst = append(dst, '"')
		s = s[q+1:]
	}
	dst = append(dst, s...)
	return append(dst, '"')
}

func index[S string | []byte](s S, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// Flush implements Writer.
func (w *csvWriter) Flush() error { return w.out.flush() }

// Close flushes the output and ends the compression frame.
func (w *csvWriter) Close() error { return w.out.close() }

// Spreadsheet safety (OWASP "CSV injection"): a field that starts with =,
// +, -, @, a tab or a carriage return is a formula to Excel, LibreOffice
// and Google Sheets, and a formula can run commands or send the sheet's
// data away. Values VirusTotal returns (names, titles, tags, messages) are
// attacker-influenced, so in CSV and TSV every added column's text value
// that starts so gets a leading ' , which spreadsheets take as "this is
// text" and do not show; input columns are the user's own data and are
// neutralised only under --escape-formulas. Numbers are never touched (a
// negative reputation stays -5), nor JSONL, Parquet or Arrow output.

// textual reports whether values of t are text a spreadsheet could take
// for a formula (strings, bytes in base64, lists as JSON text).
func textual(t arrow.DataType) bool {
	switch t := t.(type) {
	case *arrow.DictionaryType:
		return textual(t.ValueType)
	case arrow.BinaryDataType, arrow.NestedType:
		return true
	}
	return false
}

// isFormula reports whether a field starting with v would be read as a
// formula.
func isFormula[S string | []byte](v S) bool {
	if len(v) == 0 {
		return false
	}
	switch v[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}
