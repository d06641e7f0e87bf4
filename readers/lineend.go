package readers

import (
	"bytes"
	"io"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// crLineEnds reports whether the text whose start is head (up to its first
// line end, see peekLine) ends its first line with a lone CR, as classic Mac
// OS and Excel's "CSV (Macintosh)" write: such a file has no LF at all, and
// read by LF it is one enormous header and no rows.
func crLineEnds(head []byte) bool {
	i := firstLineEnd(head)
	return i >= 0 && head[i] == '\r' && (i+1 == len(head) || head[i+1] != '\n')
}

// newCRToLF reads text of format f (CSV split by csvDelim) whose lines end in a lone CR as if they
// ended in LF. It replaces byte for byte, so every offset in messages stays
// true. In CSV and TSV a CR inside quotes is part of the value, not a line
// end, and is kept; JSON text can hold no raw CR inside a string, so in
// JSON Lines every CR ends a line.
func newCRToLF(r io.Reader, f rows.Format, csvDelim byte) io.Reader {
	switch f {
	case rows.CSV:
		return &crToLF{r: r, delim: csvDelim, quotes: true, state: csvFieldStart}
	case rows.TSV:
		return &crToLF{r: r, delim: '\t', quotes: true, state: csvFieldStart}
	}
	return &crToLF{r: r}
}

// crToLF is newCRToLF's reader. With quotes, it follows the CSV parser's
// quoting (see csvState): a quote opens quoting only at a field's start,
// "" inside quotes is a quote, and the state carries from one Read to the
// next.
type crToLF struct {
	r      io.Reader
	delim  byte
	quotes bool
	state  csvState
}

// Read reads and turns every CR that ends a line into LF.
func (c *crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if !c.quotes {
		for i := 0; i < n; {
			j := bytes.IndexByte(p[i:n], '\r')
			if j < 0 {
				break
			}
			p[i+j] = '\n'
			i += j + 1
		}
		return n, err
	}
	for i := range n {
		b := p[i]
		switch c.state {
		case csvQuoted:
			if b == '"' {
				c.state = csvQuote
			}
			continue
		case csvQuote:
			if b == '"' {
				c.state = csvQuoted
				continue
			}
			c.state = csvUnquoted
		case csvFieldStart:
			if b == '"' {
				c.state = csvQuoted
				continue
			}
			c.state = csvUnquoted
		}
		switch b { // unquoted text, or just after a closing quote
		case '\r':
			p[i] = '\n'
			c.state = csvFieldStart
		case '\n':
			c.state = csvFieldStart
		case c.delim:
			c.state = csvFieldStart
		}
	}
	return n, err
}
