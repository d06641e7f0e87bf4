package readers

import (
	"encoding/binary"
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// validateMore checks the layouts validateData leaves out: unions,
// run-end encoding, string and binary views, list views and extension
// types. known is false for a type it does not know either.
func validateMore(d arrow.ArrayData, depth int) (err error, known bool) {
	switch dt := d.DataType().(type) {
	case arrow.UnionType:
		return validateUnion(d, dt, depth), true
	case *arrow.RunEndEncodedType:
		return validateRunEnds(d, depth), true
	case *arrow.StringViewType, *arrow.BinaryViewType:
		return validateViews(d), true
	case *arrow.ListViewType, *arrow.LargeListViewType:
		return validateListViews(d, depth), true
	case arrow.ExtensionType:
		// An extension array's data is its storage's, under another type.
		return validateData(storageData{d, dt.StorageType()}, depth+1), true
	}
	return nil, false
}

// storageData is an extension array's data seen as its storage type.
type storageData struct {
	arrow.ArrayData
	dt arrow.DataType
}

// DataType is the storage type.
func (s storageData) DataType() arrow.DataType { return s.dt }

// validateUnion checks the type codes (each names a member) and, for a
// dense union, each row's offset into its member.
func validateUnion(d arrow.ArrayData, dt arrow.UnionType, depth int) error {
	off, end := int64(d.Offset()), int64(d.Offset()+d.Len())
	children := d.Children()
	if len(children) != len(dt.Fields()) {
		return fmt.Errorf("union has %d children, its type %d members", len(children), len(dt.Fields()))
	}
	for k, c := range children {
		if err := validateData(c, depth+1); err != nil {
			return fmt.Errorf("union member %q: %w", dt.Fields()[k].Name, err)
		}
		if dt.Mode() == arrow.SparseMode && int64(c.Len()) < end {
			return fmt.Errorf("sparse union member %q has %d values, %d needed", dt.Fields()[k].Name, c.Len(), end)
		}
	}
	bufs := d.Buffers()
	if err := needBuffer(bufs, 1, end, end-off); err != nil {
		return err
	}
	var offsets []byte
	if dt.Mode() == arrow.DenseMode {
		if err := needBuffer(bufs, 2, 4*end, end-off); err != nil {
			return err
		}
		if end > off {
			offsets = bufs[2].Bytes()
		}
	}
	ids := dt.ChildIDs()
	for i := off; i < end; i++ {
		code := int8(bufs[1].Bytes()[i])
		if code < 0 || ids[code] == arrow.InvalidUnionChildID {
			return fmt.Errorf("union row %d has type code %d, which names no member", i-off, code)
		}
		if offsets != nil {
			at := int64(int32(binary.LittleEndian.Uint32(offsets[4*i:])))
			if n := int64(children[ids[code]].Len()); at < 0 || at >= n {
				return fmt.Errorf("dense union row %d points at value %d of a %d-value member", i-off, at, n)
			}
		}
	}
	return nil
}

// validateRunEnds checks that run ends rise strictly and cover the array,
// and that there is a value for every run.
func validateRunEnds(d arrow.ArrayData, depth int) error {
	children := d.Children()
	if len(children) != 2 {
		return fmt.Errorf("run-end-encoded array has %d children, want 2", len(children))
	}
	for _, c := range children {
		if err := validateData(c, depth+1); err != nil {
			return fmt.Errorf("run-end-encoded array: %w", err)
		}
	}
	ends, values := children[0], children[1]
	if ends.NullN() > 0 {
		return fmt.Errorf("run ends hold nulls")
	}
	if values.Len() < ends.Len() {
		return fmt.Errorf("%d run ends but %d values", ends.Len(), values.Len())
	}
	if d.Len() == 0 {
		return nil
	}
	width := int64(ends.DataType().(arrow.FixedWidthDataType).BitWidth() / 8)
	raw := ends.Buffers()[1].Bytes()[int64(ends.Offset())*width:]
	prev := int64(0)
	for k := range int64(ends.Len()) {
		var e int64
		switch width {
		case 2:
			e = int64(int16(binary.LittleEndian.Uint16(raw[2*k:])))
		case 4:
			e = int64(int32(binary.LittleEndian.Uint32(raw[4*k:])))
		case 8:
			e = int64(binary.LittleEndian.Uint64(raw[8*k:]))
		default:
			return fmt.Errorf("run ends of %d bytes", width)
		}
		if e <= prev {
			return fmt.Errorf("run end %d is %d, not above the previous %d", k, e, prev)
		}
		prev = e
	}
	if prev < int64(d.Offset()+d.Len()) {
		return fmt.Errorf("runs end at %d, before the array's %d rows", prev, d.Offset()+d.Len())
	}
	return nil
}

// viewSize is the size of one string or binary view.
const viewSize = 16

// validateViews checks each string or binary view: its length, and for a
// value stored out of line, its buffer and range in it.
func validateViews(d arrow.ArrayData) error {
	off, end := int64(d.Offset()), int64(d.Offset()+d.Len())
	bufs := d.Buffers()
	if err := needBuffer(bufs, 1, end*viewSize, end-off); err != nil {
		return err
	}
	if end == off {
		return nil
	}
	views, valid := bufs[1].Bytes(), validity(bufs)
	for i := off; i < end; i++ {
		if valid != nil && !bitutil.BitIsSet(valid, int(i)) {
			continue
		}
		v := views[i*viewSize:]
		n := int64(int32(binary.LittleEndian.Uint32(v)))
		if n < 0 {
			return fmt.Errorf("view %d has length %d", i-off, n)
		}
		if n <= arrow.ViewPrefixLen+8 { // inline
			continue
		}
		buf := int64(int32(binary.LittleEndian.Uint32(v[8:])))
		at := int64(int32(binary.LittleEndian.Uint32(v[12:])))
		if buf < 0 || 2+buf >= int64(len(bufs)) || bufs[2+buf] == nil {
			return fmt.Errorf("view %d names data buffer %d of %d", i-off, buf, len(bufs)-2)
		}
		if have := int64(bufs[2+buf].Len()); at < 0 || at > have || n > have-at {
			return fmt.Errorf("view %d: bytes %d+%d are outside its %d-byte buffer", i-off, at, n, have)
		}
	}
	return nil
}

// validity is an array's validity bitmap, nil when it has none: an array
// without nulls may leave the buffer out altogether (Arrow writes no
// bitmap for a batch without nulls).
func validity(bufs []*memory.Buffer) []byte {
	if len(bufs) == 0 || bufs[0] == nil || bufs[0].Len() == 0 {
		return nil
	}
	return bufs[0].Bytes()
}

// validateListViews checks each list view's offset and size against the
// child.
func validateListViews(d arrow.ArrayData, depth int) error {
	width := int64(4)
	if d.DataType().ID() == arrow.LARGE_LIST_VIEW {
		width = 8
	}
	child, err := onlyChild(d, depth)
	if err != nil {
		return err
	}
	off, end := int64(d.Offset()), int64(d.Offset()+d.Len())
	bufs := d.Buffers()
	if err := needBuffer(bufs, 1, end*width, end-off); err != nil {
		return err
	}
	if err := needBuffer(bufs, 2, end*width, end-off); err != nil {
		return err
	}
	if end == off {
		return nil
	}
	at := func(b []byte, i int64) int64 {
		if width == 4 {
			return int64(int32(binary.LittleEndian.Uint32(b[4*i:])))
		}
		return int64(binary.LittleEndian.Uint64(b[8*i:]))
	}
	offsets, sizes, n, valid := bufs[1].Bytes(), bufs[2].Bytes(), int64(child.Len()), validity(bufs)
	for i := off; i < end; i++ {
		if valid != nil && !bitutil.BitIsSet(valid, int(i)) {
			continue
		}
		o, s := at(offsets, i), at(sizes, i)
		if o < 0 || s < 0 || o > n || s > n-o {
			return fmt.Errorf("list view %d: values %d+%d are outside the %d values", i-off, o, s, n)
		}
	}
	return nil
}

// checkTypes refuses a schema with a type whose values would crash
// whatever formats them, long after the file was opened: a timestamp
// whose time zone Arrow cannot load (Arrow's ToTime), a decimal whose
// scale is beyond its width's table of powers of ten (Arrow's ToString).
// A damaged file gives such types.
func checkTypes(sch *arrow.Schema) error {
	for _, f := range sch.Fields() {
		if bad := badType(f.Type, 0); bad != "" {
			return fmt.Errorf("column %q: %s", f.Name, bad)
		}
	}
	return nil
}

// badType describes what is wrong with t or a type nested in it; "" when
// nothing is.
func badType(t arrow.DataType, depth int) string {
	if depth > maxNesting {
		return ""
	}
	switch dt := t.(type) {
	case *arrow.TimestampType:
		if _, err := dt.GetZone(); err != nil {
			return fmt.Sprintf("unknown time zone %q", dt.TimeZone)
		}
	case *arrow.Decimal128Type:
		return badDecimal(dt.Precision, dt.Scale, 38)
	case *arrow.Decimal256Type:
		return badDecimal(dt.Precision, dt.Scale, 76)
	case arrow.NestedType:
		for _, f := range dt.Fields() {
			if bad := badType(f.Type, depth+1); bad != "" {
				return bad
			}
		}
	case *arrow.DictionaryType:
		return badType(dt.ValueType, depth+1)
	case arrow.ExtensionType:
		return badType(dt.StorageType(), depth+1)
	}
	return ""
}

// badDecimal describes a decimal precision or scale out of range for a
// decimal of at most digits digits.
func badDecimal(precision, scale int32, digits int32) string {
	if precision < 1 || precision > digits || scale < -digits || scale > digits {
		return fmt.Sprintf("decimal(%d, %d) is out of range (precision 1 to %d, scale -%d to %d)", precision, scale, digits, digits, digits)
	}
	return ""
}
