package readers

import (
	"bufio"
	"context"
	"errors"
	"io"
)

// arrayReader cuts a JSON array of objects (`[{...},{...}]`, on one line or
// pretty-printed over many, as SIEM and EDR consoles export) into its
// elements as the input arrives, so a file of any size is read in the
// memory of one element. It only finds where elements begin and end (the
// commas and the closing bracket outside strings and nested containers);
// the JSONL parser validates each element as it would a line.
//
// It yields elements the way lineReader yields lines: the element's bytes,
// its first line and offset, and whether it was too long to keep.
type arrayReader struct {
	name string
	feed *feed
	rest []byte // unread tail of the current chunk
	off  int64  // input offset of rest[0]
	line int64  // line of rest[0]
	max  int

	state    arrayState
	depth    int  // open containers within the element
	inString bool // inside a string of the element
	escaped  bool // just after a backslash inside a string

	elem     []byte // the element so far
	elemLine int64
	elemOff  int64
	long     bool // the element is over max: counted, not kept
	eof      bool
}

// arrayState is where the reader is in the array.
type arrayState uint8

const (
	arrayBefore  arrayState = iota // before the '['
	arrayFirst                     // after '[': an element or ']'
	arrayElement                   // inside an element
	arrayNext                      // after ',': an element
	arrayAfter                     // after an element: ',' or ']'
	arrayDone                      // after ']': white space only
)

// newArrayReader reads the JSON array in in.
func newArrayReader(in *input, f *feed, max int) *arrayReader {
	return &arrayReader{name: in.name, feed: f, off: in.offset, line: 1, max: max}
}

// next returns the next element of the array, or io.EOF after the closing
// bracket. Text outside the elements that is not JSON (a missing comma,
// something after the array) stops the stream: no later element could be
// trusted.
func (a *arrayReader) next(ctx context.Context, holding bool) (elem []byte, no, off int64, long bool, err error) {
	for {
		for len(a.rest) > 0 {
			if done, err := a.step(); err != nil {
				return nil, a.line, a.off, false, err
			} else if done {
				return a.elem, a.elemLine, a.elemOff, a.long, nil
			}
		}
		if a.eof {
			return nil, a.line, a.off, false, a.atEnd()
		}
		chunk, err := a.feed.read(ctx, holding)
		if errors.Is(err, io.EOF) {
			a.eof = true
			continue
		}
		if err != nil {
			return nil, a.line, a.off, false, err
		}
		a.rest = chunk
	}
}

// atEnd is the error, or io.EOF, for the end of the input.
func (a *arrayReader) atEnd() error {
	switch a.state {
	case arrayDone:
		return io.EOF
	case arrayBefore:
		return io.EOF // white space only: an empty input
	}
	return inputErr(a.name, a.line, "the JSON array is not closed where the input ends: truncated?")
}

// step consumes rest up to the end of an element (done) or of rest.
func (a *arrayReader) step() (done bool, err error) {
	if a.state == arrayElement {
		return a.scanElement(), nil
	}
	c := a.rest[0]
	if isJSONSpace(c) {
		a.advance(1)
		return false, nil
	}
	switch {
	case a.state == arrayBefore && c == '[':
		a.state = arrayFirst
	case a.state == arrayFirst && c == ']', a.state == arrayAfter && c == ']':
		a.state = arrayDone
	case a.state == arrayAfter && c == ',':
		a.state = arrayNext
	case (a.state == arrayFirst || a.state == arrayNext) && c != ',' && c != ']':
		a.state, a.depth, a.inString, a.escaped = arrayElement, 0, false, false
		a.elem, a.elemLine, a.elemOff, a.long = a.elem[:0], a.line, a.off, false
		return a.scanElement(), nil
	default:
		return false, a.unexpected(c)
	}
	a.advance(1)
	return false, nil
}

// unexpected describes a byte out of place between elements.
func (a *arrayReader) unexpected(c byte) error {
	e := &InputError{File: a.name, Line: a.line, Offset: a.off}
	switch a.state {
	case arrayBefore:
		e.Reason = "a JSON array must start with '['"
	case arrayAfter:
		e.Reason = "expected ',' or ']' after an element of the JSON array"
	case arrayFirst, arrayNext:
		e.Reason = "an element of the JSON array expected"
	default:
		e.Reason = "unexpected text after the JSON array"
	}
	if c < 0x20 || c >= 0x7f {
		return e
	}
	e.Reason += " (found '" + string(c) + "')"
	return e
}

// scanElement reads element bytes until the element ends or rest does. An
// object or array element ends with its closing bracket, anything else
// before the ',' or ']' that follows it (left unread).
func (a *arrayReader) scanElement() (done bool) {
	i := 0
	b := a.rest
	for ; i < len(b); i++ {
		c := b[i]
		if c == '\n' {
			a.line++
		}
		if a.inString {
			switch {
			case a.escaped:
				a.escaped = false
			case c == '\\':
				a.escaped = true
			case c == '"':
				a.inString = false
			}
			continue
		}
		end := i // the element ends before end (a ',' or the array's ']')
		switch c {
		case '"':
			a.inString = true
		case '{', '[':
			a.depth++
		case '}', ']':
			if a.depth > 0 {
				a.depth--
				end++ // a container element ends with its closing bracket
			}
			done = a.depth == 0
		case ',':
			done = a.depth == 0
		}
		if done {
			i = end
			break
		}
	}
	a.keep(b[:i])
	a.rest, a.off = b[i:], a.off+int64(i)
	if done {
		a.state = arrayAfter
		a.elem = trimJSONSpace(a.elem)
	}
	return done
}

// keep adds bytes to the element unless it is too long.
func (a *arrayReader) keep(b []byte) {
	if a.long {
		return
	}
	if len(a.elem)+len(b) > a.max {
		a.long, a.elem = true, a.elem[:0]
		return
	}
	a.elem = appendDoubling(a.elem, b)
}

// advance consumes n bytes of rest outside any element.
func (a *arrayReader) advance(n int) {
	for _, c := range a.rest[:n] {
		if c == '\n' {
			a.line++
		}
	}
	a.rest, a.off = a.rest[n:], a.off+int64(n)
}

// trimJSONSpace drops the white space at the end of b.
func trimJSONSpace(b []byte) []byte {
	for len(b) > 0 && isJSONSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// startsWithArray reports whether the first byte of br that is not white
// space is '['. It peeks without reading, as far as the buffer goes.
func startsWithArray(br *bufio.Reader) bool {
	for n := 1; n <= br.Size(); n = br.Buffered() + 1 {
		_, err := br.Peek(n)
		head, _ := br.Peek(br.Buffered())
		if i := skipSpace(head, 0); i < len(head) {
			return head[i] == '['
		}
		if err != nil {
			return false
		}
	}
	return false
}

// appendCompact appends the JSON text b without the white space outside its
// strings: a pretty-printed element becomes one line of JSON Lines output.
func appendCompact(dst, b []byte) []byte {
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case isJSONSpace(c):
			continue
		}
		dst = append(dst, c)
	}
	return dst
}
