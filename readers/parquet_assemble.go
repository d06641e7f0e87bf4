package readers

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/decimal128"
	"github.com/apache/arrow/go/v17/arrow/decimal256"
	"github.com/apache/arrow/go/v17/arrow/float16"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// assembler builds the Arrow arrays of one batch from the levels and
// values of its leaf columns (see parquet_schema.go for the level rules).
type assembler struct {
	mem    memory.Allocator
	leaves []*pqLeaf
	chunks []levelChunk
}

// slots lists the entries of leaf chunk ch that are slots of node n.
func (a *assembler) slots(n *pqNode) []int {
	ch := &a.chunks[n.leaf]
	out := make([]int, 0, ch.n)
	for k := range ch.n {
		if level(ch.defs, k) >= n.slotDef && level(ch.reps, k) <= n.slotRep {
			out = append(out, k)
		}
	}
	return out
}

// level is levels[k], or 0 for a column without such levels.
func level(levels []uint8, k int) int16 {
	if levels == nil {
		return 0
	}
	return int16(levels[k])
}

// build assembles node n's array.
func (a *assembler) build(n *pqNode) (arrow.Array, error) {
	switch n.kind {
	case leafNode:
		return a.leaf(n)
	case structNode:
		return a.structArray(n)
	}
	return a.listArray(n)
}

// validity builds the bitmap of slots whose definition level reaches def;
// nil when all are.
func (a *assembler) validity(n *pqNode, slots []int) (*memory.Buffer, int) {
	ch := &a.chunks[n.leaf]
	nulls := 0
	for _, k := range slots {
		if level(ch.defs, k) < n.def {
			nulls++
		}
	}
	if nulls == 0 {
		return nil, 0
	}
	buf := memory.NewResizableBuffer(a.mem)
	buf.Resize(int(bitutil.BytesForBits(int64(len(slots)))))
	bits := buf.Bytes()
	clear(bits)
	for i, k := range slots {
		if level(ch.defs, k) >= n.def {
			bitutil.SetBit(bits, i)
		}
	}
	return buf, nulls
}

// structArray assembles a struct from its fields.
func (a *assembler) structArray(n *pqNode) (arrow.Array, error) {
	slots := a.slots(n)
	children := make([]arrow.ArrayData, len(n.children))
	defer func() {
		for _, c := range children {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i, c := range n.children {
		arr, err := a.build(c)
		if err != nil {
			return nil, err
		}
		children[i] = arr.Data()
		children[i].Retain()
		arr.Release()
		if children[i].Len() != len(slots) {
			return nil, fmt.Errorf("column %q has %d values where its struct %q has %d: levels disagree", c.path, children[i].Len(), n.path, len(slots))
		}
	}
	valid, nulls := a.validity(n, slots)
	data := array.NewData(n.field.Type, len(slots), []*memory.Buffer{valid}, children, nulls, 0)
	defer data.Release()
	if valid != nil {
		valid.Release()
	}
	return array.MakeFromData(data), nil
}

// listArray assembles a list or map: offsets from where elements start,
// then the elements.
func (a *assembler) listArray(n *pqNode) (arrow.Array, error) {
	slots := a.slots(n)
	ch := &a.chunks[n.leaf]
	offsets := memory.NewResizableBuffer(a.mem)
	defer offsets.Release()
	offsets.Resize(4 * (len(slots) + 1))
	offs := arrow.Int32Traits.CastFromBytes(offsets.Bytes())
	elems := 0
	for i, s := range slots {
		offs[i] = int32(elems)
		end := ch.n
		if i+1 < len(slots) {
			end = slots[i+1]
		}
		for k := s; k < end; k++ {
			if level(ch.defs, k) >= n.elemDef && level(ch.reps, k) <= n.rep {
				elems++
			}
		}
		if elems > math.MaxInt32 {
			return nil, fmt.Errorf("column %q: more than 2^31 list elements in one batch", n.path)
		}
	}
	offs[len(slots)] = int32(elems)
	child, err := a.build(n.children[0])
	if err != nil {
		return nil, err
	}
	defer child.Release()
	if child.Len() != elems {
		return nil, fmt.Errorf("column %q has %d elements where its levels say %d", n.path, child.Len(), elems)
	}
	childData := child.Data()
	if n.kind == mapNode {
		mt := n.field.Type.(*arrow.MapType)
		if keys := child.(*array.Struct).Field(0); keys.NullN() > 0 {
			return nil, fmt.Errorf("column %q: a map key is null", n.path)
		}
		entries := array.NewData(mt.Elem(), childData.Len(), childData.Buffers(), childData.Children(), childData.NullN(), childData.Offset())
		defer entries.Release()
		childData = entries
	}
	valid, nulls := a.validity(n, slots)
	if valid != nil {
		defer valid.Release()
	}
	data := array.NewData(n.field.Type, len(slots), []*memory.Buffer{valid, offsets}, []arrow.ArrayData{childData}, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data), nil
}

// leaf assembles a primitive column: a slot is a value when its definition
// level is the column's maximum; values come in order.
func (a *assembler) leaf(n *pqNode) (arrow.Array, error) {
	l := a.leaves[n.leaf]
	ch := &a.chunks[n.leaf]
	slots := a.slots(n)
	if l.conv == convNull {
		return array.NewNull(len(slots)), nil
	}
	b := array.NewBuilder(a.mem, l.arrow)
	defer b.Release()
	b.Reserve(len(slots))
	if sb, ok := b.(*array.StringBuilder); ok {
		sb.ReserveData(len(ch.vals.data))
	}
	if bb, ok := b.(*array.BinaryBuilder); ok {
		bb.ReserveData(len(ch.vals.data))
	}
	put, err := appender(l, b, &ch.vals)
	if err != nil {
		return nil, err
	}
	v := 0
	for _, k := range slots {
		if level(ch.defs, k) != l.maxDef {
			b.AppendNull()
			continue
		}
		if v >= ch.vals.len() {
			return nil, fmt.Errorf("column %q: fewer values than its levels promise", l.path)
		}
		if err := put(v); err != nil {
			return nil, fmt.Errorf("column %q: %w", l.path, err)
		}
		v++
	}
	return b.NewArray(), nil
}

// appender returns the function appending value i of vals to b.
func appender(l *pqLeaf, b array.Builder, vals *leafValues) (func(i int) error, error) {
	ok := func(f func(i int)) func(int) error { return func(i int) error { f(i); return nil } }
	switch l.conv {
	case convBool:
		bb := b.(*array.BooleanBuilder)
		return ok(func(i int) { bb.Append(vals.bools[i]) }), nil
	case convInt32:
		switch bb := b.(type) {
		case *array.Int32Builder:
			return ok(func(i int) { bb.Append(vals.i32[i]) }), nil
		case *array.Date32Builder:
			return ok(func(i int) { bb.Append(arrow.Date32(vals.i32[i])) }), nil
		case *array.Time32Builder:
			return ok(func(i int) { bb.Append(arrow.Time32(vals.i32[i])) }), nil
		}
	case convInt8:
		bb := b.(*array.Int8Builder)
		return ok(func(i int) { bb.Append(int8(vals.i32[i])) }), nil
	case convInt16:
		bb := b.(*array.Int16Builder)
		return ok(func(i int) { bb.Append(int16(vals.i32[i])) }), nil
	case convUint8:
		bb := b.(*array.Uint8Builder)
		return ok(func(i int) { bb.Append(uint8(vals.i32[i])) }), nil
	case convUint16:
		bb := b.(*array.Uint16Builder)
		return ok(func(i int) { bb.Append(uint16(vals.i32[i])) }), nil
	case convUint32:
		bb := b.(*array.Uint32Builder)
		return ok(func(i int) { bb.Append(uint32(vals.i32[i])) }), nil
	case convInt64:
		switch bb := b.(type) {
		case *array.Int64Builder:
			return ok(func(i int) { bb.Append(vals.i64[i]) }), nil
		case *array.TimestampBuilder:
			return ok(func(i int) { bb.Append(arrow.Timestamp(vals.i64[i])) }), nil
		case *array.Time64Builder:
			return ok(func(i int) { bb.Append(arrow.Time64(vals.i64[i])) }), nil
		}
	case convUint64:
		bb := b.(*array.Uint64Builder)
		return ok(func(i int) { bb.Append(uint64(vals.i64[i])) }), nil
	case convInt96:
		bb := b.(*array.TimestampBuilder)
		return ok(func(i int) { bb.Append(arrow.Timestamp(int96Micros(vals.bytesAt(i)))) }), nil
	case convFloat32:
		bb := b.(*array.Float32Builder)
		return ok(func(i int) { bb.Append(vals.f32[i]) }), nil
	case convFloat64:
		bb := b.(*array.Float64Builder)
		return ok(func(i int) { bb.Append(vals.f64[i]) }), nil
	case convString:
		bb := b.(*array.StringBuilder)
		return ok(func(i int) { bb.BinaryBuilder.Append(vals.bytesAt(i)) }), nil
	case convBinary:
		bb := b.(*array.BinaryBuilder)
		return ok(func(i int) { bb.Append(vals.bytesAt(i)) }), nil
	case convFixed:
		bb := b.(*array.FixedSizeBinaryBuilder)
		return ok(func(i int) { bb.Append(vals.bytesAt(i)) }), nil
	case convFloat16:
		bb := b.(*array.Float16Builder)
		return ok(func(i int) { bb.Append(float16.FromBits(binary.LittleEndian.Uint16(vals.bytesAt(i)))) }), nil
	case convInterval:
		bb := b.(*array.MonthDayNanoIntervalBuilder)
		return ok(func(i int) {
			v := vals.bytesAt(i)
			bb.Append(arrow.MonthDayNanoInterval{Months: int32(binary.LittleEndian.Uint32(v)),
				Days: int32(binary.LittleEndian.Uint32(v[4:])), Nanoseconds: int64(binary.LittleEndian.Uint32(v[8:])) * 1e6})
		}), nil
	case convDecimal32, convDecimal64, convDecimalBE:
		return decimalAppender(l, b, vals)
	}
	return nil, fmt.Errorf("column %q: no conversion to %s", l.path, l.arrow)
}

// decimalAppender appends DECIMAL values as decimal128 or decimal256.
func decimalAppender(l *pqLeaf, b array.Builder, vals *leafValues) (func(i int) error, error) {
	unscaled := func(i int) *big.Int {
		switch l.conv {
		case convDecimal32:
			return big.NewInt(int64(vals.i32[i]))
		case convDecimal64:
			return big.NewInt(vals.i64[i])
		}
		return bigFromTwosComplement(vals.bytesAt(i))
	}
	switch bb := b.(type) {
	case *array.Decimal128Builder:
		return func(i int) error {
			if l.conv == convDecimal64 {
				bb.Append(decimal128.FromI64(vals.i64[i]))
				return nil
			}
			if l.conv == convDecimal32 {
				bb.Append(decimal128.FromI64(int64(vals.i32[i])))
				return nil
			}
			n := unscaled(i)
			if n.BitLen() > 127 {
				return fmt.Errorf("decimal value %s does not fit 128 bits", n)
			}
			bb.Append(decimal128.FromBigInt(n))
			return nil
		}, nil
	case *array.Decimal256Builder:
		return func(i int) error {
			n := unscaled(i)
			if n.BitLen() > 255 {
				return fmt.Errorf("decimal value %s does not fit 256 bits", n)
			}
			bb.Append(decimal256.FromBigInt(n))
			return nil
		}, nil
	}
	return nil, fmt.Errorf("column %q: no conversion to %s", l.path, l.arrow)
}

// bigFromTwosComplement reads a big-endian two's complement integer.
func bigFromTwosComplement(b []byte) *big.Int {
	n := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return n
}

// julianEpoch is the Julian day number of 1970-01-01.
const julianEpoch = 2440588

// int96Micros converts an INT96 timestamp (nanoseconds of the day, then
// the Julian day, little-endian) to microseconds since the epoch, rounding
// nanoseconds down.
func int96Micros(b []byte) int64 {
	nanos := int64(binary.LittleEndian.Uint64(b))
	day := int64(binary.LittleEndian.Uint32(b[8:]))
	return (day-julianEpoch)*86400*1e6 + floorDiv(nanos, 1000)
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
