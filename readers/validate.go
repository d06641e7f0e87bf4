package readers

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Arrow's Go decoders build arrays from whatever lengths and offsets a file
// claims, and the arrays only fail when a value is read: later, in a writer,
// as a panic outside any guard. validateRecord checks the structure of a
// decoded record up front (buffer sizes, offsets in order and in range,
// child lengths, dictionary indices), so a corrupt file is an error here.

// maxNesting bounds how deep validation follows nested types.
const maxNesting = 64

// validateRecord checks every column of rec.
func validateRecord(rec arrow.Record) error {
	for i, col := range rec.Columns() {
		if err := validateData(col.Data(), 0); err != nil {
			return fmt.Errorf("column %q: %w", rec.ColumnName(i), err)
		}
	}
	return nil
}

// validateData checks one array and its children.
func validateData(d arrow.ArrayData, depth int) error {
	if depth > maxNesting {
		return fmt.Errorf("nested more than %d levels", maxNesting)
	}
	off, n := int64(d.Offset()), int64(d.Len())
	end := off + n
	if off < 0 || n < 0 || end < off {
		return fmt.Errorf("invalid offset %d or length %d", off, n)
	}
	bufs := d.Buffers()
	if len(bufs) > 0 && bufLen(bufs[0]) > 0 && bufLen(bufs[0]) < bitutil.BytesForBits(end) {
		return fmt.Errorf("validity bitmap of %d bytes is too short for %d values", bufLen(bufs[0]), end)
	}
	switch dt := d.DataType().(type) {
	case *arrow.NullType:
		return nil
	case *arrow.DictionaryType:
		return validateDictionary(d, dt, depth)
	case arrow.FixedWidthDataType:
		return needBuffer(bufs, 1, bitutil.BytesForBits(end*int64(dt.BitWidth())), n)
	case *arrow.StringType, *arrow.BinaryType:
		return validateOffsets(bufs, off, n, 4, dataLen(bufs))
	case *arrow.LargeStringType, *arrow.LargeBinaryType:
		return validateOffsets(bufs, off, n, 8, dataLen(bufs))
	case *arrow.ListType, *arrow.MapType, *arrow.LargeListType:
		width := int64(4)
		if _, large := dt.(*arrow.LargeListType); large {
			width = 8
		}
		child, err := onlyChild(d, depth)
		if err != nil {
			return err
		}
		return validateOffsets(bufs, off, n, width, int64(child.Len()))
	case *arrow.FixedSizeListType:
		child, err := onlyChild(d, depth)
		if err != nil {
			return err
		}
		if int64(child.Len()) < end*int64(dt.Len()) {
			return fmt.Errorf("fixed-size list child has %d values, %d needed", child.Len(), end*int64(dt.Len()))
		}
		return nil
	case *arrow.StructType:
		if len(d.Children()) != dt.NumFields() {
			return fmt.Errorf("struct has %d children, its type %d fields", len(d.Children()), dt.NumFields())
		}
		for i, c := range d.Children() {
			if int64(c.Len()) < end {
				return fmt.Errorf("struct field %q has %d values, %d needed", dt.Field(i).Name, c.Len(), end)
			}
			if err := validateData(c, depth+1); err != nil {
				return fmt.Errorf("struct field %q: %w", dt.Field(i).Name, err)
			}
		}
		return nil
	}
	if err, known := validateMore(d, depth); known {
		return err
	}
	return fmt.Errorf("Arrow type %s is not supported", d.DataType())
}

// bufLen is the length of b, 0 for none.
func bufLen(b *memory.Buffer) int64 {
	if b == nil {
		return 0
	}
	return int64(b.Len())
}

// dataLen is the length of the value buffer of a binary-like array.
func dataLen(bufs []*memory.Buffer) int64 {
	if len(bufs) < 3 {
		return 0
	}
	return bufLen(bufs[2])
}

// needBuffer checks that buffer i holds at least size bytes when there
// are values.
func needBuffer(bufs []*memory.Buffer, i int, size, n int64) error {
	if n == 0 {
		return nil
	}
	if len(bufs) <= i || bufLen(bufs[i]) < size {
		return fmt.Errorf("value buffer too short: %d values need %d bytes", n, size)
	}
	return nil
}

// onlyChild validates and returns the single child of a list-like array.
func onlyChild(d arrow.ArrayData, depth int) (arrow.ArrayData, error) {
	if len(d.Children()) != 1 {
		return nil, fmt.Errorf("list has %d children, want 1", len(d.Children()))
	}
	c := d.Children()[0]
	if err := validateData(c, depth+1); err != nil {
		return nil, fmt.Errorf("list values: %w", err)
	}
	return c, nil
}

// validateOffsets checks the offsets buffer (4- or 8-byte) of values
// off..off+n: in order, and within [0, limit].
func validateOffsets(bufs []*memory.Buffer, off, n, width, limit int64) error {
	if n == 0 {
		return nil
	}
	if err := needBuffer(bufs, 1, (off+n+1)*width, n); err != nil {
		return err
	}
	raw := bufs[1].Bytes()
	at := func(i int64) int64 {
		if width == 4 {
			return int64(arrow.Int32Traits.CastFromBytes(raw)[i])
		}
		return arrow.Int64Traits.CastFromBytes(raw)[i]
	}
	prev := at(off)
	if prev < 0 || prev > limit {
		return fmt.Errorf("offset %d out of range [0, %d]", prev, limit)
	}
	for i := off + 1; i <= off+n; i++ {
		o := at(i)
		if o < prev || o > limit {
			return fmt.Errorf("offset %d of value %d out of order or past %d", o, i-off, limit)
		}
		prev = o
	}
	return nil
}

// validateDictionary checks the indices and the dictionary of a
// dictionary-encoded array.
func validateDictionary(d arrow.ArrayData, dt *arrow.DictionaryType, depth int) error {
	dict := d.Dictionary()
	if dict == nil {
		return fmt.Errorf("dictionary array without a dictionary")
	}
	if err := validateData(dict, depth+1); err != nil {
		return fmt.Errorf("dictionary: %w", err)
	}
	end := int64(d.Offset() + d.Len())
	if err := needBuffer(d.Buffers(), 1, bitutil.BytesForBits(end*int64(dt.IndexType.(arrow.FixedWidthDataType).BitWidth())), int64(d.Len())); err != nil {
		return err
	}
	arr := array.MakeFromData(d).(*array.Dictionary)
	defer arr.Release()
	for i := range arr.Len() {
		if arr.IsValid(i) {
			if k := arr.GetValueIndex(i); k < 0 || k >= dict.Len() {
				return fmt.Errorf("dictionary index %d out of range [0, %d)", k, dict.Len())
			}
		}
	}
	return nil
}
