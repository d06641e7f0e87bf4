package readers

import (
	"bytes"
	"io"
)

// crLineEnds reports whether the text whose start is head (up to its first
// line end, see peekLine) ends its first line with a lone CR, as classic Mac
// OS and Excel's "CSV (Macintosh)" write: such a file has no LF at all, and
// read by LF it is one enormous header and no rows.
func crLineEnds(head []byte) bool {
	i := firstLineEnd(head)
	return i >= 0 && head[i] == '\r' && (i+1 == len(head) || head[i+1] != '\n')
}

// crToLF reads text whose lines end in a lone CR as if they ended in LF.
// It replaces byte for byte, so every offset in messages stays true.
type crToLF struct{ r io.Reader }

// Read reads and turns every CR into LF.
func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
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
