package readers

import (
	"bytes"
	"context"
	"errors"
	"io"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
)

// jsonlSource reads JSON Lines: one JSON object per line, blank lines
// skipped. Columns are the top-level keys in first-seen order; string values
// are unescaped, other values kept as their JSON text, null and absent keys
// are Arrow nulls. Each row's object text, trimmed, goes to Batch.JSON so a
// JSONL writer can reproduce it byte for byte.
//
// The schema grows: a key first seen in a later batch appends a column to
// that batch's schema and every later one (columns never move). Columnar
// writers reject such a grown schema with a clear error; the JSONL writer
// uses the object text and does not care.
//
// A file whose first non-blank byte is '[' is one JSON array of objects
// instead (arrayReader): each element is a row, as a line would be, and
// its text is kept on one line, white space outside strings dropped when
// it spans several.
type jsonlSource struct {
	in   *input
	feed *feed
	lr   objectReader
	p    jsonlParser
}

// objectReader yields the JSON texts of the rows: lines (lineReader) or
// the elements of an array (arrayReader).
type objectReader interface {
	// next returns the next text, its first line, its offset and whether
	// it was too long to keep; io.EOF at the end.
	next(ctx context.Context, holding bool) (text []byte, no, off int64, long bool, err error)
}

// newJSONLSource prepares to read in, which must be JSONL or a JSON array.
// known lists the columns of the stream so far, so a second file keeps
// their order.
func newJSONLSource(in *input, opts Options, bad *badRowLog, known []string) *jsonlSource {
	// Peek before the feed starts: a streaming feed reads in.r from its own
	// goroutine.
	array := startsWithArray(in.r)
	s := &jsonlSource{in: in, feed: newFeed(in.r, opts.IdleFlush)}
	s.p = jsonlParser{
		name: in.name, policy: opts.OnBadRow, bad: bad, maxRows: opts.BatchRows, maxBytes: opts.BatchBytes,
		index: map[string]int{}, raw: newStrCol(1024, 64<<10), unit: "line", maxText: opts.MaxFieldBytes,
	}
	if array {
		s.lr = newArrayReader(in, s.feed, opts.MaxFieldBytes)
		s.p.unit, s.p.compact = "array element", true
	} else {
		s.lr = &lineReader{feed: s.feed, off: in.offset, line: 1, max: opts.MaxFieldBytes}
	}
	for _, k := range known {
		s.p.column([]byte(k), 0)
	}
	return s
}

func (s *jsonlSource) schema() *arrow.Schema { return s.p.schema() }

func (s *jsonlSource) next(ctx context.Context) (*chunk, error) {
	for !s.p.full() {
		line, no, off, long, err := s.lr.next(ctx, s.p.rows > 0)
		switch {
		case errors.Is(err, errQuiet), (errors.Is(err, io.EOF) || ctx.Err() != nil) && s.p.rows > 0:
			return s.p.flush(), nil // a flush, the end, or a stop: rows read go out
		case err != nil && ctx.Err() == nil && !errors.Is(err, io.EOF):
			return nil, wrapErr(s.in.name, err)
		case err != nil:
			return nil, err
		case long:
			err = s.p.bad.handle(s.p.policy, inputErr(s.in.name, no,
				"%s is longer than %s", s.p.unit, fieldLimit(s.p.maxText)))
		default:
			err = s.p.row(line, no, off)
		}
		if err != nil {
			return nil, err
		}
	}
	return s.p.flush(), nil
}

func (s *jsonlSource) close() error {
	s.feed.close()
	return s.in.close()
}

// lineReader cuts the feed into lines. A line inside one chunk is returned
// without copying; one that spans chunks is assembled in carry. A line over
// max bytes is not assembled at all: it is reported as long and skipped.
type lineReader struct {
	feed     *feed
	rest     []byte // unread tail of the current chunk
	off      int64  // input offset of rest[0]
	line     int64  // number of the next line
	max      int
	carry    []byte
	carrying bool  // a line has started in an earlier chunk
	carryOff int64 // its offset
	long     bool  // it is over max
	eof      bool
}

// next returns the next line without its '\n', its number and offset, and
// whether it was too long to keep. The line is valid until the next call.
func (lr *lineReader) next(ctx context.Context, holding bool) (line []byte, no, off int64, long bool, err error) {
	for {
		if j := bytes.IndexByte(lr.rest, '\n'); j >= 0 {
			line, off, long = lr.rest[:j], lr.off, j > lr.max
			if lr.carrying {
				line, off, long = lr.take(lr.rest[:j])
			}
			lr.rest, lr.off = lr.rest[j+1:], lr.off+int64(j+1)
			lr.line++
			return line, lr.line - 1, off, long, nil
		}
		if lr.eof {
			if !lr.carrying {
				return nil, lr.line, lr.off, false, io.EOF
			}
			line, off, long = lr.take(nil)
			lr.line++
			return line, lr.line - 1, off, long, nil
		}
		if len(lr.rest) > 0 {
			if !lr.carrying {
				lr.carrying, lr.carryOff, lr.long, lr.carry = true, lr.off, false, lr.carry[:0]
			}
			lr.keep(lr.rest)
			lr.off += int64(len(lr.rest))
			lr.rest = nil
		}
		chunk, err := lr.feed.read(ctx, holding)
		if errors.Is(err, io.EOF) {
			lr.eof = true
			continue
		}
		if err != nil {
			return nil, lr.line, lr.off, false, err
		}
		lr.rest = chunk
	}
}

// keep adds part of a line that spans chunks to carry, unless it is too long.
func (lr *lineReader) keep(b []byte) {
	if lr.long {
		return
	}
	if len(lr.carry)+len(b) > lr.max {
		lr.long, lr.carry = true, lr.carry[:0]
		return
	}
	lr.carry = appendDoubling(lr.carry, b)
}

// take completes the carried line with its last part b.
func (lr *lineReader) take(b []byte) (line []byte, off int64, long bool) {
	lr.keep(b)
	lr.carrying = false
	return lr.carry, lr.carryOff, lr.long
}

// jsonlParser turns JSON object lines into columns.
type jsonlParser struct {
	name              string
	policy            BadRowPolicy
	bad               *badRowLog
	maxRows, maxBytes int

	unit    string // what holds a row, for messages: "line" or "array element"
	compact bool   // keep a row's text on one line (array elements)
	maxText int    // MaxFieldBytes, for messages

	index map[string]int // column of each key
	names []string
	cols  []strCol
	sch   *arrow.Schema // for names; nil when names grew since
	raw   strCol        // each row's object text
	key   []byte        // scratch for unescaped keys

	rows  int
	bytes int
	lines []int64
}

// full reports whether the batch has reached its bounds.
func (p *jsonlParser) full() bool { return p.rows >= p.maxRows || p.bytes >= p.maxBytes }

// row parses one line. A bad line is skipped or, under FailOnBadRow,
// returned as the error that stops the stream.
func (p *jsonlParser) row(line []byte, no, off int64) error {
	t := bytes.TrimLeft(line, " \t\r\n")
	off += int64(len(line) - len(t))
	t = bytes.TrimRight(t, " \t\r\n")
	if len(t) == 0 {
		return nil
	}
	if !utf8.Valid(t) {
		return p.bad.handle(p.policy, invalidUTF8(p.name, no, "", off+int64(invalidUTF8At(t))))
	}
	ncols := len(p.cols)
	if e := p.object(t); e != nil {
		p.rollback(ncols)
		reason := "invalid JSON: " + e.msg
		switch {
		case e.fatal:
			reason = e.msg
		case e.at == 0 && t[0] == '[':
			reason = p.unit + " is a JSON array, not an object (JSON Lines input wants one object per line)"
		case e.at == 0 && t[0] != '{':
			reason = p.unit + " is not a JSON object"
		}
		err := &InputError{File: p.name, Line: no, Offset: off + int64(e.at), Reason: reason}
		if e.fatal {
			return err
		}
		return p.bad.handle(p.policy, err)
	}
	if p.compact && bytes.ContainsAny(t, "\n\r") {
		p.raw.data = appendCompact(p.raw.data, t)
		p.raw.end()
	} else {
		p.raw.append(t)
	}
	p.rows++
	p.bytes += len(t)
	p.lines = append(p.lines, no)
	return nil
}

// object parses the object t into the columns of row p.rows.
func (p *jsonlParser) object(t []byte) *jsonErr {
	if t[0] != '{' {
		return &jsonErr{at: 0, msg: "not a JSON object"}
	}
	r := p.rows
	i := skipSpace(t, 1)
	if i < len(t) && t[i] == '}' {
		i++
	} else {
		for {
			i = skipSpace(t, i)
			if i >= len(t) || t[i] != '"' {
				return &jsonErr{at: i, msg: "object key expected"}
			}
			end, escaped, err := scanString(t, i)
			if err != nil {
				return err
			}
			key := t[i+1 : end-1]
			if escaped {
				p.key = appendUnescaped(p.key[:0], key)
				key = p.key
			}
			i = skipSpace(t, end)
			if i >= len(t) || t[i] != ':' {
				return &jsonErr{at: i, msg: "expected ':' after object key"}
			}
			c, again := p.column(key, r)
			if c == nil {
				return &jsonErr{at: i, msg: tooManyColumns(p.name, 0).Reason, fatal: true}
			}
			if i, err = p.value(t, skipSpace(t, i+1), c, again); err != nil {
				return err
			}
			i = skipSpace(t, i)
			if i < len(t) && t[i] == ',' {
				i++
				continue
			}
			if i < len(t) && t[i] == '}' {
				i++
				break
			}
			return &jsonErr{at: i, msg: "expected ',' or '}'"}
		}
	}
	if i = skipSpace(t, i); i != len(t) {
		return &jsonErr{at: i, msg: "unexpected text after the object"}
	}
	return nil
}

// value parses the value at t[i] into c and returns the index after it.
// again says the key is repeated in the object: its values are all kept,
// one per line, so that extraction scans every one of them.
func (p *jsonlParser) value(t []byte, i int, c *strCol, again bool) (int, *jsonErr) {
	if i >= len(t) {
		return 0, &jsonErr{at: i, msg: "value expected"}
	}
	switch t[i] {
	case '"':
		end, escaped, err := scanString(t, i)
		if err != nil {
			return 0, err
		}
		if again {
			c.reopen('\n')
		}
		if escaped {
			c.data = appendUnescaped(c.data, t[i+1:end-1])
			c.end()
		} else {
			c.append(t[i+1 : end-1])
		}
		return end, nil
	case 'n':
		end, err := scanLiteral(t, i) // only "null" starts with n
		if err != nil {
			return 0, err
		}
		if !again {
			c.appendNull()
		}
		return end, nil
	}
	end, err := scanValue(t, i)
	if err != nil {
		return 0, err
	}
	if again {
		c.reopen('\n')
	}
	c.append(t[i:end])
	return end, nil
}

// column is the column of key, ready to take the value of row r; again
// says the key was already seen in row r's object. It is nil when key
// would be a column beyond MaxColumns.
func (p *jsonlParser) column(key []byte, r int) (c *strCol, again bool) {
	idx, ok := p.index[string(key)]
	if !ok {
		if len(p.cols) >= MaxColumns {
			return nil, false
		}
		idx = len(p.cols)
		p.index[string(key)] = idx
		p.names = append(p.names, string(key))
		p.cols = append(p.cols, newStrCol(firstBuffers(len(p.cols)+1, p.maxRows)))
		p.sch = nil
	}
	c = &p.cols[idx]
	if c.len() > r {
		return c, true
	}
	c.padNulls(r)
	return c, false
}

// rollback drops what a bad row appended, and the columns it introduced.
func (p *jsonlParser) rollback(ncols int) {
	for _, name := range p.names[ncols:] {
		delete(p.index, name)
	}
	if len(p.names) > ncols {
		p.names, p.cols, p.sch = p.names[:ncols], p.cols[:ncols], nil
	}
	for i := range p.cols {
		if p.cols[i].len() > p.rows {
			p.cols[i].truncate(p.rows)
		}
	}
}

// schema is the schema of the columns so far: one nullable string each.
func (p *jsonlParser) schema() *arrow.Schema {
	if p.sch == nil {
		fields := make([]arrow.Field, len(p.names))
		for i, name := range p.names {
			fields[i] = arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}
		}
		p.sch = arrow.NewSchema(fields, nil)
	}
	return p.sch
}

// flush hands the batch over as a record plus the object texts.
func (p *jsonlParser) flush() *chunk {
	cols := make([]arrow.Array, len(p.cols))
	for i := range p.cols {
		p.cols[i].padNulls(p.rows)
		cols[i] = p.cols[i].array()
	}
	c := newChunk(p.schema(), cols, p.rows, p.lines)
	c.json = p.raw.array()
	p.lines = make([]int64, 0, cap(p.lines))
	p.rows, p.bytes = 0, 0
	return c
}
