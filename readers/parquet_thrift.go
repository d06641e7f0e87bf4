package readers

import (
	"errors"
	"fmt"
)

// Parquet's footer and page headers are Thrift structs in the compact
// protocol. parquet-go's decoder allocates a list or a string by the length
// the input claims before reading it, so four hostile bytes could ask for
// gigabytes. thriftStructLen walks a struct first, checking that every
// length fits in the bytes that are there, and returns its encoded size.

// Compact protocol type ids.
const (
	thriftTrue   = 1
	thriftFalse  = 2
	thriftByte   = 3
	thriftI16    = 4
	thriftI32    = 5
	thriftI64    = 6
	thriftDouble = 7
	thriftBinary = 8
	thriftList   = 9
	thriftSet    = 10
	thriftMap    = 11
	thriftStruct = 12
)

// maxThriftDepth bounds nesting; Parquet's structs are a few levels deep.
const maxThriftDepth = 64

// errThriftShort is the error of data that ends inside a value: of a
// truncated struct, or of a window too small to hold it.
var errThriftShort = errors.New("thrift data ends inside a value")

// thriftWalker reads compact-protocol values without keeping them.
type thriftWalker struct {
	b  []byte
	at int
}

// thriftStructLen returns the length of the struct at the start of b.
func thriftStructLen(b []byte) (int, error) {
	w := &thriftWalker{b: b}
	if err := w.value(thriftStruct, 0); err != nil {
		return 0, err
	}
	return w.at, nil
}

func (w *thriftWalker) byte() (byte, error) {
	if w.at >= len(w.b) {
		return 0, errThriftShort
	}
	w.at++
	return w.b[w.at-1], nil
}

func (w *thriftWalker) varint() (uint64, error) {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c, err := w.byte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
	}
	return 0, errors.New("thrift varint longer than 10 bytes")
}

// count reads a length and checks that n items of at least one byte each
// fit in what is left.
func (w *thriftWalker) count(n uint64) (int, error) {
	if n > uint64(len(w.b)-w.at) {
		return 0, fmt.Errorf("%w: length %d, %d bytes left", errThriftShort, n, len(w.b)-w.at)
	}
	return int(n), nil
}

func (w *thriftWalker) value(typ byte, depth int) error {
	if depth > maxThriftDepth {
		return fmt.Errorf("thrift data nested more than %d levels", maxThriftDepth)
	}
	switch typ {
	case thriftTrue, thriftFalse:
		return nil // a field's value is in its type; a list's takes one byte
	case thriftByte:
		_, err := w.byte()
		return err
	case thriftI16, thriftI32, thriftI64:
		_, err := w.varint()
		return err
	case thriftDouble:
		_, err := w.count(8)
		w.at += 8
		return err
	case thriftBinary:
		n, err := w.varint()
		if err != nil {
			return err
		}
		k, err := w.count(n)
		w.at += k
		return err
	case thriftList, thriftSet:
		return w.list(depth)
	case thriftMap:
		return w.mapValue(depth)
	case thriftStruct:
		return w.structValue(depth)
	}
	return fmt.Errorf("unknown thrift type %d", typ)
}

func (w *thriftWalker) list(depth int) error {
	h, err := w.byte()
	if err != nil {
		return err
	}
	n, elem := uint64(h>>4), h&0x0f
	if n == 15 {
		if n, err = w.varint(); err != nil {
			return err
		}
	}
	k, err := w.count(n)
	if err != nil {
		return err
	}
	for range k {
		if elem == thriftTrue || elem == thriftFalse {
			if _, err := w.byte(); err != nil {
				return err
			}
			continue
		}
		if err := w.value(elem, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (w *thriftWalker) mapValue(depth int) error {
	n, err := w.varint()
	if err != nil || n == 0 {
		return err
	}
	k, err := w.count(n)
	if err != nil {
		return err
	}
	kv, err := w.byte()
	if err != nil {
		return err
	}
	for range k {
		if err := w.value(kv>>4, depth+1); err != nil {
			return err
		}
		if err := w.value(kv&0x0f, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (w *thriftWalker) structValue(depth int) error {
	for {
		h, err := w.byte()
		if err != nil {
			return err
		}
		if h == 0 {
			return nil
		}
		if h>>4 == 0 { // long form: the field id follows
			if _, err := w.varint(); err != nil {
				return err
			}
		}
		if err := w.value(h&0x0f, depth+1); err != nil {
			return err
		}
	}
}
