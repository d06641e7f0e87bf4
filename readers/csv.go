package readers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
)

// csvSource reads CSV (and, with a tab delimiter, TSV): a header line, then
// rows of as many fields, into string columns named by the header.
type csvSource struct {
	in   *input
	feed *feed
	p    csvParser
	rest []byte // unparsed tail of the current chunk
	eof  bool
	sch  *arrow.Schema
}

// newCSVSource reads the header of in, which must be CSV: split by commas,
// or by opts.Delimiter.
func newCSVSource(ctx context.Context, in *input, opts Options, bad *badRowLog) (source, error) {
	return newDelimitedSource(ctx, in, opts, bad, csvDelimiter(opts))
}

// csvDelimiter is what splits a CSV input's fields.
func csvDelimiter(opts Options) byte {
	if opts.Delimiter != 0 {
		return opts.Delimiter
	}
	return ','
}

// newDelimitedSource reads the header of a CSV-like input split by comma.
func newDelimitedSource(ctx context.Context, in *input, opts Options, bad *badRowLog, comma byte) (source, error) {
	s := &csvSource{in: in, feed: newFeed(in.r, opts.IdleFlush)}
	s.p = csvParser{
		name: in.name, comma: comma, maxField: opts.MaxFieldBytes, policy: opts.OnBadRow, bad: bad,
		maxRows: opts.BatchRows, maxBytes: opts.BatchBytes,
		header: new(strCol), line: 1, off: in.offset,
		crLines:       in.crLines,
		tabHint:       comma == ',' && in.formatBy != formatByFlag,
		semicolonHint: comma == ',' && opts.Delimiter == 0,
	}
	*s.p.header = newStrCol(64, 1024)
	for s.p.header != nil {
		if err := s.fill(ctx, false); err != nil {
			s.close()
			if errors.Is(err, io.EOF) {
				return nil, inputErr(in.name, 0, "input is empty: a header line is required")
			}
			return nil, err
		}
		if s.p.err != nil {
			s.close()
			return nil, s.p.err
		}
	}
	fields := make([]arrow.Field, len(s.p.names))
	for i, name := range s.p.names {
		fields[i] = arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	s.sch = arrow.NewSchema(fields, nil)
	return s, nil
}

// fill parses buffered input, reading a chunk first when none is left.
// holding says the batch has rows to flush should the input go quiet.
func (s *csvSource) fill(ctx context.Context, holding bool) error {
	if len(s.rest) == 0 {
		if s.eof {
			return io.EOF
		}
		chunk, err := s.feed.read(ctx, holding)
		if errors.Is(err, io.EOF) {
			s.eof = true
			s.p.finish()
			return nil
		}
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, errQuiet) {
				return err
			}
			return wrapErr(s.in.name, err)
		}
		s.rest = chunk
	}
	s.rest = s.p.parse(s.rest)
	return nil
}

func (s *csvSource) schema() *arrow.Schema { return s.sch }

func (s *csvSource) next(ctx context.Context) (*chunk, error) {
	for s.p.err == nil && !s.p.full() {
		err := s.fill(ctx, s.p.rows > 0)
		// Rows already parsed go out on a flush, at the end, and on a stop:
		// a stopped run writes every row it read.
		if s.p.rows > 0 && (errors.Is(err, errQuiet) || errors.Is(err, io.EOF) || ctx.Err() != nil) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if s.p.err != nil {
		return nil, s.p.err
	}
	return s.p.flush(s.sch), nil
}

func (s *csvSource) close() error {
	s.feed.close()
	return s.in.close()
}

// csvState is where the parser is within a field.
type csvState uint8

const (
	csvFieldStart csvState = iota // before the first byte of a field
	csvUnquoted                   // in unquoted text (or text after a closing quote)
	csvQuoted                     // inside quotes
	csvQuote                      // just after a quote inside quotes: "" or the closing quote
)

// csvParser splits RFC 4180 text into per-column string buffers. It is an
// incremental state machine: parse takes input in chunks of any size and a
// row may span chunks, so no byte is scanned or copied twice and a 100 MB
// field needs no line buffer. A line without quotes, the usual case, takes
// a fast path: find the newline, check UTF-8 once, split on the delimiter.
//
// Quotes are honoured as Excel does: a quote opens quoting only at the start
// of a field, "" inside quotes is a quote, text after the closing quote is
// kept, and a quote inside unquoted text is a plain character.
type csvParser struct {
	name              string
	comma             byte
	maxField          int
	policy            BadRowPolicy
	bad               *badRowLog
	maxRows, maxBytes int

	names  []string
	cols   []strCol
	header *strCol // while the header is read, every field goes here
	// crLines: the file's lines end in a lone CR, so a line break inside
	// quotes, which crToLF leaves as written, may be a CR.
	crLines  bool
	quotedCR bool // the last quoted text read ended in a CR
	// tabHint: the format is CSV by the file's name or a guess, so a
	// header of one column holding tabs is a TSV file misnamed.
	tabHint bool
	// semicolonHint: no delimiter was asked for, so a header of one
	// column holding semicolons is a CSV file as Excel writes it where the
	// comma is the decimal separator.
	semicolonHint bool

	line int64 // current line, from 1
	off  int64 // offset of the next byte in the decompressed input

	// the row being read
	inRow     bool
	state     csvState
	field     int   // index of the field being read
	flen      int   // bytes of that field so far
	unquoted  int   // of those, bytes outside quotes
	quoted    bool  // the field started with a quote
	rowLine   int64 // line where the row starts
	rowSize   int   // field bytes of the row so far
	quoteLine int64 // line where the field's quotes open
	fieldOff  int64 // offset where the field starts
	rowErr    *InputError

	// the batch being built
	rows  int
	bytes int
	lines []int64 // line of each row, for later error messages

	err error // fatal: the stream stops here
}

// full reports whether the batch has reached its bounds.
func (p *csvParser) full() bool { return p.rows >= p.maxRows || p.bytes >= p.maxBytes }

// parse consumes b until it is used up, the batch is full or an error
// stops the stream, and returns what is left.
func (p *csvParser) parse(b []byte) []byte {
	for len(b) > 0 && p.err == nil && !p.full() {
		if !p.inRow && p.header == nil {
			if nl := bytes.IndexByte(b, '\n'); nl >= 0 {
				line := b[:nl]
				if k := len(line); k > 0 && line[k-1] == '\r' {
					line = line[:k-1]
				}
				if bytes.IndexByte(line, '"') < 0 && utf8.Valid(line) {
					p.fastRow(line, nl+1)
					p.off += int64(nl + 1)
					p.line++
					b = b[nl+1:]
					continue
				}
			}
		}
		inHeader := p.header != nil
		n := p.slow(b)
		p.off += int64(n)
		b = b[n:]
		if inHeader && p.header == nil {
			break // the header is read: Open returns before any row is
		}
	}
	return b
}

// fastRow splits a whole line, without its line end, that has no quotes
// and is valid UTF-8. Anything else takes the slow path, so that every
// error is found in one order, whatever the chunking.
func (p *csvParser) fastRow(line []byte, size int) {
	if len(line) == 0 {
		return // blank line
	}
	n, f := len(p.cols), 0
	for {
		i := bytes.IndexByte(line, p.comma)
		field := line
		if i >= 0 {
			field = line[:i]
		}
		if f < n {
			if len(field) > p.maxField {
				p.badRow(p.tooLong(f, p.line, false))
				return
			}
			c := &p.cols[f]
			c.data = append(c.data, field...)
			c.offs = append(c.offs, int32(len(c.data)))
		}
		f++
		if i < 0 {
			break
		}
		line = line[i+1:]
	}
	if f != n {
		p.badRow(p.ragged(f, p.line))
		return
	}
	p.commit(p.line, size)
}

// slow reads one row, or as much of it as b holds, a byte state machine at
// a time; it returns the number of bytes consumed.
func (p *csvParser) slow(b []byte) int {
	if !p.inRow {
		p.inRow, p.rowLine, p.rowSize = true, p.line, 0
		p.startField(p.off)
	}
	i := 0
	for i < len(b) && p.err == nil {
		switch p.state {
		case csvFieldStart:
			if b[i] == '"' {
				p.quoted, p.quoteLine, p.state = true, p.line, csvQuoted
				i++
				continue
			}
			p.state = csvUnquoted
		case csvUnquoted:
			j := fieldEnd(b[i:], p.comma) + i
			p.unquoted += j - i
			p.add(b[i:j])
			if j == len(b) {
				return j
			}
			if b[j] == p.comma {
				p.endField()
				i = j + 1
				p.startField(p.off + int64(i))
				continue
			}
			p.trimCR()
			p.endRow()
			p.line++
			return j + 1
		case csvQuoted:
			j := bytes.IndexByte(b[i:], '"')
			if j < 0 {
				j = len(b) - i
			} else {
				p.state = csvQuote
			}
			p.line += p.lineBreaks(b[i:i+j], p.state == csvQuoted)
			p.add(b[i : i+j])
			i += j
			if p.state == csvQuote {
				i++
			}
		case csvQuote:
			if b[i] == '"' {
				p.add(quote)
				p.state = csvQuoted
				i++
				continue
			}
			p.state = csvUnquoted
		}
	}
	return i
}

// fieldEnd is the index in b of the first delimiter or newline, or len(b).
// The newline search is bounded by the delimiter found, so a long line of
// short fields is not scanned again for every field.
func fieldEnd(b []byte, comma byte) int {
	end := bytes.IndexByte(b, comma)
	if end < 0 {
		end = len(b)
	}
	if nl := bytes.IndexByte(b[:end], '\n'); nl >= 0 {
		return nl
	}
	return end
}

var (
	newline = []byte{'\n'}
	quote   = []byte{'"'}
)

// target is the column the current field goes to; nil for a field beyond
// the header's count.
func (p *csvParser) target() *strCol {
	switch {
	case p.header != nil:
		return p.header
	case p.field < len(p.cols):
		return &p.cols[p.field]
	}
	return nil
}

// startField resets the field state for a field starting at offset off.
func (p *csvParser) startField(off int64) {
	p.state, p.flen, p.unquoted, p.quoted, p.fieldOff = csvFieldStart, 0, 0, false, off
}

// add appends bytes of the current field, enforcing MaxFieldBytes. A bad
// row only has its bytes counted, so that a skipped 100 MB field costs no
// memory.
func (p *csvParser) add(seg []byte) {
	p.flen += len(seg)
	p.rowSize += len(seg)
	if p.rowErr != nil {
		return
	}
	c := p.target()
	if c == nil {
		return
	}
	// One byte over is allowed while it is a CR, which the line end may
	// take back (trimCR); endField checks again.
	if over := p.flen - p.maxField; over > 1 || (over == 1 && len(seg) > 0 && seg[len(seg)-1] != '\r') {
		p.markBad(p.tooLong(p.field, p.rowLine, p.quoted))
		return
	}
	c.appendPart(seg)
}

// trimCR drops the '\r' of a CRLF line end, unless the '\r' was quoted.
func (p *csvParser) trimCR() {
	c := p.target()
	if p.unquoted == 0 || p.rowErr != nil || c == nil {
		return
	}
	if v := c.pending(); len(v) > 0 && v[len(v)-1] == '\r' {
		c.data = c.data[:len(c.data)-1]
		p.flen--
		p.unquoted--
	}
}

// endField closes the current field and moves to the next.
func (p *csvParser) endField() {
	if p.header != nil && p.field >= MaxColumns {
		p.err = tooManyColumns(p.name, p.rowLine)
		return
	}
	if c := p.target(); c != nil && p.rowErr == nil {
		if v := c.pending(); p.flen > p.maxField {
			p.markBad(p.tooLong(p.field, p.rowLine, p.quoted))
		} else if !utf8.Valid(v) {
			at := p.fieldOff + int64(invalidUTF8At(v))
			if p.quoted {
				at++
			}
			p.markBad(invalidUTF8(p.name, p.rowLine, p.columnName(p.field), at))
		} else {
			c.end()
		}
	}
	p.field++
}

// endRow closes the row at a line end (or the end of input).
func (p *csvParser) endRow() {
	if p.field == 0 && !p.quoted && p.flen == 0 && p.rowErr == nil {
		if c := p.target(); c != nil {
			c.truncate(c.len()) // a blank line, not a row of one empty field
		}
		p.inRow = false
		return
	}
	p.endField()
	switch {
	case p.rowErr != nil || p.err != nil:
	case p.header != nil:
		p.endHeader()
	case p.field != len(p.cols):
		p.markBad(p.ragged(p.field, p.rowLine))
	default:
		p.commit(p.rowLine, p.rowSize)
	}
	if p.rowErr != nil {
		p.bad.add(p.rowErr)
		p.rowErr = nil
	}
	p.inRow, p.field = false, 0
}

// finish ends the input: a last line without a line end is a row, and a
// quoted field still open is an unbalanced quote.
func (p *csvParser) finish() {
	if !p.inRow || p.err != nil {
		return
	}
	if p.state == csvQuoted {
		p.markBad(&InputError{File: p.name, Line: p.quoteLine, Column: p.columnName(p.field), Offset: p.fieldOff,
			Reason: fmt.Sprintf("unbalanced quote: the quoted field opened here is still open where the input ends (line %d)", p.line)})
		if p.rowErr != nil {
			p.bad.add(p.rowErr)
			p.rowErr = nil
		}
		p.inRow = false
		return
	}
	if p.state == csvUnquoted {
		p.trimCR()
	}
	p.endRow()
}

// endHeader turns the fields read so far into the column names.
func (p *csvParser) endHeader() {
	h := p.header.array()
	defer h.Release()
	if p.tabHint && h.Len() == 1 && strings.Contains(h.Value(0), "\t") {
		e := inputErr(p.name, p.rowLine, "the header is one column whose name holds tabs")
		e.Hint = "did you mean --from tsv? (--from csv reads it as one column)"
		p.err = e
		return
	}
	if p.semicolonHint && !p.quoted && h.Len() == 1 && strings.Contains(h.Value(0), ";") { // quoted: one column meant
		e := inputErr(p.name, p.rowLine, "the header is one column whose name holds semicolons")
		e.Hint = "did you mean --delimiter ';'? (as Excel writes CSV where the comma is the decimal separator; --delimiter , reads it as one column)"
		p.err = e
		return
	}
	seen := make(map[string]int, h.Len())
	p.names = make([]string, 0, h.Len())
	for i := range h.Len() {
		// A copy: h's buffers go back to columnBuffers on release, and
		// the names outlive it.
		name := strings.Clone(h.Value(i))
		if j, dup := seen[name]; dup {
			e := inputErr(p.name, p.rowLine, "duplicate column name %q in the header (columns %d and %d)", name, j+1, i+1)
			e.Hint = "rename one: --columns and every output format name columns by their header"
			p.err = e
			return
		}
		seen[name] = i
		p.names = append(p.names, name)
	}
	p.header = nil
	p.cols = make([]strCol, len(p.names))
	rows, size := firstBuffers(len(p.cols), p.maxRows)
	for i := range p.cols {
		p.cols[i] = newStrCol(rows, size)
	}
}

// commit counts the row just appended to every column.
func (p *csvParser) commit(line int64, size int) {
	p.rows++
	p.bytes += size
	p.lines = append(p.lines, line)
}

// markBad marks the current row bad. Under FailOnBadRow, and always in the
// header, it stops the stream at once; under SkipBadRows the row is read on
// to its end, storing nothing, and then skipped.
func (p *csvParser) markBad(e *InputError) {
	if p.rowErr != nil {
		return
	}
	p.rollback()
	if p.policy != SkipBadRows || p.header != nil {
		p.err = e
		return
	}
	p.rowErr = e
}

// badRow handles a row the fast path found bad: it is already complete.
func (p *csvParser) badRow(e *InputError) {
	p.rollback()
	p.err = p.bad.handle(p.policy, e)
}

// rollback drops whatever the current row appended.
func (p *csvParser) rollback() {
	for i := range p.cols {
		p.cols[i].truncate(p.rows)
	}
	if p.header != nil {
		p.header.truncate(0)
	}
}

// tooLong describes a field over MaxFieldBytes.
func (p *csvParser) tooLong(field int, line int64, quoted bool) *InputError {
	e := inputErr(p.name, line, "field is longer than %s", fieldLimit(p.maxField))
	e.Column = p.columnName(field)
	if quoted {
		e.Reason += fmt.Sprintf("; it is quoted from line %d on: if that quote is unbalanced, every line after it ran into this field", p.quoteLine)
	}
	return e
}

// lineBreaks counts the line breaks in quoted text b: LFs, and in a file
// whose lines end in a lone CR also CRs (a CRLF once, when a read splits
// it too). open says b ends inside the quotes, not at a quote.
func (p *csvParser) lineBreaks(b []byte, open bool) int64 {
	n := bytes.Count(b, newline)
	if p.crLines {
		n += bytes.Count(b, []byte{'\r'}) - bytes.Count(b, []byte("\r\n"))
		if p.quotedCR && len(b) > 0 && b[0] == '\n' {
			n-- // the LF of a CRLF whose CR ended the last read
		}
		p.quotedCR = open && len(b) > 0 && b[len(b)-1] == '\r'
	}
	return int64(n)
}

// ragged describes a row with the wrong number of fields.
func (p *csvParser) ragged(fields int, line int64) *InputError {
	return inputErr(p.name, line, "row has %d fields, header has %d", fields, len(p.cols))
}

// columnName names field i for messages; "" beyond the header.
func (p *csvParser) columnName(i int) string {
	if i < len(p.names) {
		if p.names[i] == "" {
			return fmt.Sprintf("#%d", i+1)
		}
		return p.names[i]
	}
	return ""
}

// flush hands the complete rows of the batch over as a record. A row being
// read (after an idle flush) stays behind for the next batch.
func (p *csvParser) flush(sch *arrow.Schema) *chunk {
	cols := make([]arrow.Array, len(p.cols))
	for i := range p.cols {
		cols[i] = p.cols[i].splitOff(p.rows)
	}
	c := newChunk(sch, cols, p.rows, p.lines)
	p.lines = make([]int64, 0, cap(p.lines))
	p.rows, p.bytes = 0, 0
	return c
}

// invalidUTF8At is the index of the first byte of b that is not valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}
