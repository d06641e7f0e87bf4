package writers

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// tableWriter renders rows as an aligned table for a person at a terminal
// (vtenrich lookup). It holds every row until Close, since a column's
// width depends on all of its values; lookup lists are short.
//
// Values come from VirusTotal and from the user's input, both attacker
// influenced: a file name or page title can carry terminal escape
// sequences that would rewrite the screen. Every control character is
// shown as a Go escape (\x1b, \u202e) instead of being printed.
type tableWriter struct {
	out    io.Writer
	schema *arrow.Schema
	cols   []int        // schema indexes shown, in order
	text   []appendFunc // by shown column
	cells  [][]string   // header first
}

func newTable(w io.Writer, schema *arrow.Schema, opts Options) *tableWriter {
	t := &tableWriter{out: w, schema: schema}
	for _, name := range opts.TableColumns {
		if i := schema.FieldIndices(name); len(i) > 0 {
			t.cols = append(t.cols, i[0])
		}
	}
	if len(t.cols) == 0 { // none of the preferred columns: show them all
		for i := range schema.NumFields() {
			t.cols = append(t.cols, i)
		}
	}
	header := make([]string, len(t.cols))
	for k, c := range t.cols {
		f := schema.Field(c)
		header[k] = strings.ToUpper(strings.TrimPrefix(f.Name, "vt_"))
		t.text = append(t.text, fieldTextFunc(f))
	}
	t.cells = append(t.cells, header)
	return t
}

// Write keeps the rows of j.
func (t *tableWriter) Write(j *rows.Joined) error {
	if err := checkJoined(t.schema, rows.Table, j); err != nil {
		return err
	}
	nIn := int(j.Record.NumCols())
	var buf []byte
	for i := range j.Len() {
		row := make([]string, len(t.cols))
		for k, c := range t.cols {
			var arr arrow.Array
			var r int
			if c < nIn {
				arr, r = j.Record.Column(c), j.SourceRow(i)
			} else {
				arr, r = j.Added.Column(c-nIn), i
			}
			if arr.IsNull(r) {
				continue
			}
			buf = t.text[k](buf[:0], arr, r)
			row[k] = printable(string(buf))
		}
		t.cells = append(t.cells, row)
	}
	return nil
}

// Flush does nothing: the table is drawn whole, at Close.
func (t *tableWriter) Flush() error { return nil }

// Close draws the table.
func (t *tableWriter) Close() error {
	tw := tabwriter.NewWriter(t.out, 0, 0, 2, ' ', 0)
	for _, row := range t.cells {
		if _, err := fmt.Fprintln(tw, strings.Join(row, "\t")); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// printable replaces control and format characters (escape sequences,
// bidirectional overrides, tabs and newlines that would break the layout)
// with their Go escapes.
func printable(s string) string {
	if !strings.ContainsFunc(s, hidden) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if hidden(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar ||
		slices.Contains([]rune{'\u2028', '\u2029'}, r)
}
