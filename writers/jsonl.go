package writers

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// jsonlWriter writes one JSON object per line. Rows read from JSONL keep
// their original object text with the added fields spliced in before the
// closing brace, so keys, their order, nesting and numbers stay exactly as
// written (12345678901234567890 and 1.0 would not survive a decode and
// re-encode). Other rows are encoded column by column.
type jsonlWriter struct {
	out    *sink
	schema *arrow.Schema
	keys   [][]byte // `"name":` per output column
	values []appendFunc
	deep   []bool        // column may hide nulls from IsNull (hidesNulls)
	cols   []arrow.Array // per batch
	flush  bool
	// lateChecked is how many of a batch's source columns checkLateKeys
	// has seen: the schema of JSON input only grows.
	lateChecked int
}

func newJSONL(out *sink, schema *arrow.Schema, opts Options) *jsonlWriter {
	n := schema.NumFields()
	w := &jsonlWriter{out: out, schema: schema, flush: opts.FlushEachBatch,
		keys: make([][]byte, n), values: make([]appendFunc, n), deep: make([]bool, n),
		cols: make([]arrow.Array, n)}
	for k, f := range schema.Fields() {
		w.keys[k] = appendJSONKey(nil, f.Name)
		w.values[k] = fieldJSONFunc(f)
		w.deep[k] = hidesNulls(f.Type)
	}
	return w
}

// Write appends one line per output row.
func (w *jsonlWriter) Write(j *rows.Joined) error {
	if j.Batch != nil && j.JSON != nil {
		return w.writeSpliced(j)
	}
	if err := checkJoined(w.schema, rows.JSONL, j); err != nil {
		return err
	}
	w.bind(j, 0)
	nIn := int(j.Record.NumCols())
	for i, n := 0, j.Len(); i < n; i++ {
		buf := append(w.out.buf, '{')
		buf = w.members(buf, 0, nIn, j.SourceRow(i))
		buf = w.members(buf, nIn, len(w.cols), i)
		w.out.buf = append(buf, '}', '\n')
		if err := w.out.spill(); err != nil {
			return err
		}
	}
	return w.done()
}

// writeSpliced copies each source row's object text and adds the added
// fields. The source columns are not consulted, so a JSONL stream whose
// later objects bring new keys is written whole.
func (w *jsonlWriter) writeSpliced(j *rows.Joined) error {
	nAdded, err := checkAdded(w.schema, j)
	if err != nil {
		return err
	}
	first := len(w.cols) - nAdded
	if err := w.checkLateKeys(j, first); err != nil {
		return err
	}
	w.bind(j, first)
	texts := j.JSON
	for i, n := 0, j.Len(); i < n; i++ {
		src := j.SourceRow(i)
		if src < 0 || src >= texts.Len() {
			return fmt.Errorf("writers: %s: output row %d takes source row %d of a %d-row batch", j.Source, i, src, texts.Len())
		}
		obj := trimSpace(texts.Value(src))
		if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
			return fmt.Errorf("writers: %s: row %d is not a JSON object", j.Source, j.First+int64(src)+1)
		}
		buf := w.out.buf
		if nAdded == 0 {
			buf = append(buf, obj...)
		} else {
			// Without the white space before the closing brace, the
			// body ends in '{' exactly when the object is empty, which
			// is what members needs to place its commas.
			buf = append(buf, trimSpace(obj[:len(obj)-1])...)
			buf = w.members(buf, first, len(w.cols), i)
			buf = append(buf, '}')
		}
		w.out.buf = append(buf, '\n')
		if err := w.out.spill(); err != nil {
			return err
		}
	}
	return w.done()
}

// checkLateKeys refuses a key first seen after the first batch that names
// a column the run adds (an object already enriched, or crafted to carry a
// verdict): spliced in as it is, the object would hold two members of one
// name, which strict readers refuse and others read as the input's. The
// first batch's keys are checked before the run starts (the pipeline's
// checkNames); the source columns past first are the keys seen since.
func (w *jsonlWriter) checkLateKeys(j *rows.Joined, first int) error {
	got := j.Record.Schema().Fields()
	if len(got) <= max(first, w.lateChecked) {
		return nil
	}
	for k := max(first, w.lateChecked); k < len(got); k++ {
		for _, a := range w.schema.Fields()[first:] {
			if got[k].Name != a.Name {
				continue
			}
			// Rows are counted over the whole input (Batch.First), the
			// rows of any file before this one included.
			at := fmt.Sprintf("at input row %d or after", j.First+1)
			col := j.Record.Column(k)
			for i := range col.Len() {
				if col.IsValid(i) {
					at = fmt.Sprintf("at input row %d", j.First+int64(i)+1)
					break
				}
			}
			return fmt.Errorf("writers: %s: the key %q first appears %s (counting every input file's rows), and the run adds a column of that name (was the row enriched before?); drop the key, or use --naming to add columns under other names",
				j.Source, a.Name, at)
		}
	}
	w.lateChecked = len(got)
	return nil
}

// bind points w.cols at the batch's arrays, from output column first on.
func (w *jsonlWriter) bind(j *rows.Joined, first int) {
	nIn := len(w.cols)
	if j.Added != nil {
		nIn -= int(j.Added.NumCols())
	}
	for k := first; k < len(w.cols); k++ {
		if k < nIn {
			w.cols[k] = j.Record.Column(k)
		} else {
			w.cols[k] = j.Added.Column(k - nIn)
		}
	}
}

// members appends `"name":value` for columns [from, to) at row i. It
// starts with a comma after the first member of the object: dst must end
// with '{' or with the last member.
func (w *jsonlWriter) members(dst []byte, from, to, i int) []byte {
	for k := from; k < to; k++ {
		if dst[len(dst)-1] != '{' {
			dst = append(dst, ',')
		}
		dst = append(dst, w.keys[k]...)
		a := w.cols[k]
		if a.IsNull(i) || w.deep[k] && isNull(a, i) {
			dst = append(dst, "null"...)
			continue
		}
		dst = w.values[k](dst, a, i)
	}
	return dst
}

func (w *jsonlWriter) done() error {
	clear(w.cols)
	if w.flush {
		return w.out.flush()
	}
	return nil
}

// Flush implements Writer.
func (w *jsonlWriter) Flush() error { return w.out.flush() }

// Close flushes the output and ends the compression frame.
func (w *jsonlWriter) Close() error { return w.out.close() }

// trimSpace drops JSON white space around s.
func trimSpace(s string) string {
	for len(s) > 0 && isJSONSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isJSONSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func isJSONSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }
