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
	special quoteSet // bytes that force quoting
	text    []appendFunc
	deep    []bool          // column may hide nulls from IsNull (hidesNulls)
	strs    []*array.String // per batch: the column when it is plain string
	plain   []plainText     // per batch: a string column none of whose values needs quotes
	dicts   []*dictText     // per batch: the column when it is dictionary-encoded strings
	cols    []arrow.Array   // per batch: the column arrays
	scratch []byte
	flush   bool
	// lastIn is the text of the input columns of source row lastSrc, kept
	// when the next output row shows the same source row: a row with
	// several observables is written once per observable, and copying its
	// text is cheaper than writing its fields again.
	lastIn  []byte
	lastSrc int
	// guard marks the columns whose values are neutralised as spreadsheet
	// formulas (see formulaGuard); set at the first Write, when the number
	// of added columns is known.
	guard       []bool
	escapeInput bool // --escape-formulas: input columns too
	keyed       keyedText
}

func newCSV(out *sink, schema *arrow.Schema, opts Options, delim byte) *csvWriter {
	w := &csvWriter{out: out, schema: schema, format: opts.Format, delim: delim, flush: opts.FlushEachBatch,
		escapeInput: opts.EscapeFormulas}
	w.special = newQuoteSet(delim)
	n := schema.NumFields()
	w.text = make([]appendFunc, n)
	w.deep = make([]bool, n)
	w.strs = make([]*array.String, n)
	w.plain = make([]plainText, n)
	w.dicts = make([]*dictText, n)
	w.cols = make([]arrow.Array, n)
	for k, f := range schema.Fields() {
		w.text[k] = fieldTextFunc(f)
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
		w.dicts[k] = newDictText(w.dicts[k], a)
		w.plain[k] = w.plainTextOf(w.strs[k], k)
	}
	w.lastSrc = -1
	if err := w.keyed.reset(j, nIn); err != nil {
		return err
	}
	for i, n := 0, j.Len(); i < n; i++ {
		src := j.SourceRow(i)
		buf := w.out.buf
		if src == w.lastSrc {
			buf = append(buf, w.lastIn...)
		} else {
			start := len(buf)
			buf = w.cells(buf, 0, nIn, src)
			if i+1 < n && j.SourceRow(i+1) == src {
				w.lastIn, w.lastSrc = append(w.lastIn[:0], buf[start:]...), src
			}
		}
		buf = w.added(buf, nIn, i)
		w.out.buf = append(buf, '\n')
		if err := w.out.spill(); err != nil {
			return err
		}
	}
	clear(w.cols)
	clear(w.strs)
	clear(w.plain)
	for _, d := range w.dicts {
		if d != nil {
			d.release()
		}
	}
	if w.flush {
		return w.out.flush()
	}
	return nil
}

// plainText is a string column of the batch being written whose values
// all go out as they are: no value holds a byte that forces quotes, and
// none is checked for a formula. Its cells are sliced from Arrow's buffers
// and copied, without a check per cell; most columns of a log are so.
type plainText struct {
	offs  []int32 // value offsets into data; nil: not a plain column
	data  []byte
	nulls arrow.Array // the column, if it has nulls
}

// plainTextOf returns s as a plainText if all its values are written as
// they are (one test over its bytes), else the zero plainText.
func (w *csvWriter) plainTextOf(s *array.String, k int) plainText {
	if s == nil || w.guard[k] || len(w.cols) == 1 { // one column: an empty value is written ""
		return plainText{}
	}
	offs := s.ValueOffsets()
	var data []byte
	if bufs := s.Data().Buffers(); len(bufs) > 2 && bufs[2] != nil {
		data = bufs[2].Bytes()
	}
	if len(offs) == 0 || needsQuotes(&w.special, data[offs[0]:offs[len(offs)-1]]) {
		return plainText{}
	}
	p := plainText{offs: offs, data: data}
	if s.NullN() > 0 {
		p.nulls = s
	}
	return p
}

// cell appends the field of column k at row i.
func (w *csvWriter) cell(dst []byte, k, i int) []byte {
	if p := &w.plain[k]; p.offs != nil {
		if p.nulls != nil && p.nulls.IsNull(i) {
			return dst
		}
		return append(dst, p.data[p.offs[i]:p.offs[i+1]]...)
	}
	if d := w.dicts[k]; d != nil && d.dict != nil {
		return w.dictCell(dst, k, d, i)
	}
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

// dictText is a column of dictionary-encoded strings in the batch being
// written (the VT columns), read without the generic dictionary path, and
// with what each dictionary value needs when written, so that a value
// shown on many rows is checked for quoting and formulas once.
type dictText struct {
	dict   *array.Dictionary
	values *array.String
	need   []uint8 // per value: 0 not checked yet, asIs, or reworked
}

const (
	asIs     = 1 // written as it is
	reworked = 2 // quoted or neutralised: the general path
)

// newDictText readies d (nil: a new one) for column a, or returns d
// released when a is not dictionary-encoded strings.
func newDictText(d *dictText, a arrow.Array) *dictText {
	dict, ok := a.(*array.Dictionary)
	if !ok {
		return d
	}
	values, ok := dict.Dictionary().(*array.String)
	if !ok {
		return d
	}
	if d == nil {
		d = &dictText{}
	}
	d.dict, d.values = dict, values
	if n := values.Len(); cap(d.need) < n {
		d.need = make([]uint8, n)
	} else {
		d.need = d.need[:n]
		clear(d.need)
	}
	return d
}

// release drops the batch's arrays.
func (d *dictText) release() { d.dict, d.values = nil, nil }

// dictCell appends the field of dictionary column k at row i.
func (w *csvWriter) dictCell(dst []byte, k int, d *dictText, i int) []byte {
	if d.dict.IsNull(i) {
		return w.field(dst, "")
	}
	at := d.dict.GetValueIndex(i)
	if d.values.IsNull(at) {
		return w.field(dst, "")
	}
	v := d.values.Value(at)
	if d.need[at] == 0 {
		d.need[at] = asIs
		if needsQuotes(&w.special, v) || v == "" && len(w.cols) == 1 || w.guard[k] && isFormula(v) {
			d.need[at] = reworked
		}
	}
	if d.need[at] == asIs {
		return append(dst, v...)
	}
	if w.guard[k] && isFormula(v) {
		return w.field(dst, "'"+v)
	}
	return w.field(dst, v)
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

// quoteSet is the bytes that force a field into quotes: the delimiter, the
// quote, CR and LF, as a table and as each byte repeated across a word.
type quoteSet struct {
	table [256]bool
	words [4]uint64
}

func newQuoteSet(delim byte) quoteSet {
	var q quoteSet
	for k, b := range []byte{delim, '"', '\r', '\n'} {
		q.table[b] = true
		q.words[k] = 0x0101010101010101 * uint64(b)
	}
	return q
}

// needsQuotes reports whether s holds a byte of q. It tests eight bytes at
// a time (a byte equal to b leaves a zero byte in w^b, which the classic
// (x-0x01..)&^x&0x80.. test finds exactly), since every output byte of a
// CSV file passes here: 913 MB for an enriched 235 MB input.
func needsQuotes[S string | []byte](q *quoteSet, s S) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		x0, x1, x2, x3 := w^q.words[0], w^q.words[1], w^q.words[2], w^q.words[3]
		if ((x0-ones)&^x0|(x1-ones)&^x1|(x2-ones)&^x2|(x3-ones)&^x3)&highs != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if q.table[s[i]] {
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
// formula. A JSON number (a reputation of -32 that --include keeps as its
// JSON text) is read as the number, and is not one.
func isFormula[S string | []byte](v S) bool {
	if len(v) == 0 {
		return false
	}
	switch v[0] {
	case '=', '+', '@', '\t', '\r':
		return true
	case '-':
		return !jsonNumber(v)
	}
	return false
}

// jsonNumber reports whether v is a whole JSON number: -?digits, then
// optionally a fraction and an exponent.
func jsonNumber[S string | []byte](v S) bool {
	i := 0
	if i < len(v) && v[i] == '-' {
		i++
	}
	digits := func() bool {
		start := i
		for i < len(v) && '0' <= v[i] && v[i] <= '9' {
			i++
		}
		return i > start
	}
	if !digits() {
		return false
	}
	if i < len(v) && v[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(v) && (v[i] == 'e' || v[i] == 'E') {
		i++
		if i < len(v) && (v[i] == '+' || v[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(v)
}
