package writers

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// takeArray returns the rows idx of arr, in that order, repeats allowed.
// Strings and binaries, the bulk of log data, are copied here: Arrow v17's
// take kernel grows its value buffer by exactly what each row needs, which
// is quadratic (2 GB allocated for 4,096 log rows). Fixed-width types use
// the kernel, which sizes its output up front. Lists, structs, maps and
// dictionaries, which it lacks, are cut into runs of consecutive rows and
// concatenated.
func takeArray(mem memory.Allocator, arr arrow.Array, idx []int32) (arrow.Array, error) {
	switch a := arr.(type) {
	case *array.String:
		return takeVarLen(array.NewStringBuilder(mem), a, idx), nil
	case *array.LargeString:
		return takeVarLen(array.NewLargeStringBuilder(mem), a, idx), nil
	case *array.Binary:
		return takeVarLen(array.NewBinaryBuilder(mem, a.DataType().(arrow.BinaryDataType)), a, idx), nil
	case *array.LargeBinary:
		return takeVarLen(array.NewBinaryBuilder(mem, a.DataType().(arrow.BinaryDataType)), a, idx), nil
	case *array.RunEndEncoded:
		return takeRunEnds(mem, a, idx)
	case *array.Struct:
		return takeStruct(mem, a, idx)
	case *array.SparseUnion:
		return takeSparseUnion(mem, a, idx)
	case *array.DenseUnion:
		return takeDenseUnion(mem, a, idx)
	}
	if _, fixed := arr.DataType().(arrow.FixedWidthDataType); fixed || arr.DataType().ID() == arrow.NULL {
		indices := int32Array(idx)
		defer indices.Release()
		out, err := compute.TakeArrayOpts(compute.WithAllocator(context.Background(), mem), arr, indices,
			compute.TakeOptions{BoundsCheck: false})
		if err == nil || !errors.Is(err, arrow.ErrNotImplemented) {
			return out, err
		}
	}
	return takeRuns(mem, arr, idx)
}

// varLenArray is a string or binary array.
type varLenArray[V string | []byte] interface {
	arrow.Array
	Value(i int) V
	ValueLen(i int) int
}

// varLenBuilder builds one.
type varLenBuilder[V string | []byte] interface {
	array.Builder
	Append(v V)
	ReserveData(n int)
}

// takeVarLen copies rows idx of a, sizing the value buffer once.
func takeVarLen[V string | []byte](b varLenBuilder[V], a varLenArray[V], idx []int32) arrow.Array {
	defer b.Release()
	total := 0
	for _, i := range idx {
		total += a.ValueLen(int(i))
	}
	b.Reserve(len(idx))
	b.ReserveData(total)
	for _, i := range idx {
		if a.IsNull(int(i)) {
			b.AppendNull()
		} else {
			b.Append(a.Value(int(i)))
		}
	}
	return b.NewArray()
}

// takeRuns concatenates the slices of arr that idx visits in order.
func takeRuns(mem memory.Allocator, arr arrow.Array, idx []int32) (arrow.Array, error) {
	var parts []arrow.Array
	defer func() {
		for _, p := range parts {
			p.Release()
		}
	}()
	for start := 0; start < len(idx); {
		end := start + 1
		for end < len(idx) && idx[end] == idx[end-1]+1 {
			end++
		}
		parts = append(parts, array.NewSlice(arr, int64(idx[start]), int64(idx[end-1])+1))
		start = end
	}
	if len(parts) == 0 {
		return array.NewSlice(arr, 0, 0), nil
	}
	out, err := array.Concatenate(parts, mem)
	if err != nil { // Arrow Go's "concatenate not implemented for type …" wraps no sentinel
		return nil, fmt.Errorf("%s cannot be repeated row by row here (%w): use --join row, or a text format", arr.DataType(), err)
	}
	return out, nil
}

// takeRunEnds takes rows idx of a run-end-encoded array: the run of each
// row, runs that follow one another with the same value merged, and the
// runs' values taken from the values. (Arrow v17's Concatenate does not
// offset the run ends of sliced arrays: every row read the first runs.)
func takeRunEnds(mem memory.Allocator, a *array.RunEndEncoded, idx []int32) (arrow.Array, error) {
	var phys []int32
	var ends []int64
	for i, row := range idx {
		p := int32(a.GetPhysicalIndex(int(row)))
		if n := len(phys); n > 0 && phys[n-1] == p {
			ends[n-1] = int64(i + 1)
			continue
		}
		phys, ends = append(phys, p), append(ends, int64(i+1))
	}
	values, err := takeArray(mem, a.Values(), phys)
	if err != nil {
		return nil, err
	}
	defer values.Release()
	b := array.NewBuilder(mem, a.RunEndsArr().DataType())
	defer b.Release()
	for _, e := range ends {
		switch b := b.(type) {
		case *array.Int16Builder:
			if e > math.MaxInt16 {
				return nil, fmt.Errorf("%s: %d rows are more than its int16 run ends hold", a.DataType(), len(idx))
			}
			b.Append(int16(e))
		case *array.Int32Builder:
			b.Append(int32(e))
		case *array.Int64Builder:
			b.Append(e)
		default:
			return nil, fmt.Errorf("%s: run ends of type %s", a.DataType(), a.RunEndsArr().DataType())
		}
	}
	runEnds := b.NewArray()
	defer runEnds.Release()
	return array.NewRunEndEncodedArray(runEnds, values, len(idx), 0), nil
}

// takeStruct takes rows idx of a struct: each field's by takeArray (a
// run-end-encoded field among them), and the struct's own nulls.
func takeStruct(mem memory.Allocator, a *array.Struct, idx []int32) (arrow.Array, error) {
	cols, err := takeChildren(a.NumField(), func(k int) (arrow.Array, error) { return takeArray(mem, a.Field(k), idx) })
	if err != nil {
		return nil, err
	}
	defer releaseAll(cols)
	children := make([]arrow.ArrayData, len(cols))
	for k, c := range cols {
		children[k] = c.Data() // NewData retains them
	}
	var validity *memory.Buffer
	nulls := 0
	if a.NullN() > 0 {
		validity = memory.NewResizableBuffer(mem)
		validity.Resize(int(bitutil.BytesForBits(int64(len(idx)))))
		defer validity.Release()
		bits := validity.Bytes()
		clear(bits) // an allocator need not zero
		for i, row := range idx {
			if a.IsNull(int(row)) {
				nulls++
			} else {
				bitutil.SetBit(bits, i)
			}
		}
	}
	data := array.NewData(a.DataType(), len(idx), []*memory.Buffer{validity}, children, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data), nil
}

// takeSparseUnion takes rows idx of a sparse union: its type codes, and
// every child's rows (a sparse union's children are as long as it is).
// Arrow v17 cannot concatenate unions.
func takeSparseUnion(mem memory.Allocator, a *array.SparseUnion, idx []int32) (arrow.Array, error) {
	children, err := takeChildren(a.NumFields(), func(k int) (arrow.Array, error) { return takeArray(mem, a.Field(k), idx) })
	if err != nil {
		return nil, err
	}
	defer releaseAll(children)
	codes := make([]arrow.UnionTypeCode, len(idx))
	for i, row := range idx {
		codes[i] = a.TypeCode(int(row))
	}
	return array.NewSparseUnion(a.DataType().(*arrow.SparseUnionType), len(idx), children,
		memory.NewBufferBytes(arrow.Int8Traits.CastToBytes(codes)), 0), nil
}

// takeDenseUnion takes rows idx of a dense union: its type codes, and for
// each child the rows the taken rows point at, in order, with new offsets.
func takeDenseUnion(mem memory.Allocator, a *array.DenseUnion, idx []int32) (arrow.Array, error) {
	codes := make([]arrow.UnionTypeCode, len(idx))
	offsets := make([]int32, len(idx))
	rowsOf := make([][]int32, a.NumFields())
	for i, row := range idx {
		codes[i] = a.TypeCode(int(row))
		k := a.ChildID(int(row))
		offsets[i] = int32(len(rowsOf[k]))
		rowsOf[k] = append(rowsOf[k], a.ValueOffset(int(row)))
	}
	children, err := takeChildren(a.NumFields(), func(k int) (arrow.Array, error) { return takeArray(mem, a.Field(k), rowsOf[k]) })
	if err != nil {
		return nil, err
	}
	defer releaseAll(children)
	return array.NewDenseUnion(a.DataType().(*arrow.DenseUnionType), len(idx), children,
		memory.NewBufferBytes(arrow.Int8Traits.CastToBytes(codes)),
		memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(offsets)), 0), nil
}

// takeChildren makes n arrays with take, releasing those made when one fails.
func takeChildren(n int, take func(k int) (arrow.Array, error)) ([]arrow.Array, error) {
	out := make([]arrow.Array, n)
	for k := range out {
		var err error
		if out[k], err = take(k); err != nil {
			releaseAll(out[:k])
			return nil, err
		}
	}
	return out, nil
}

// releaseAll releases every array of as.
func releaseAll(as []arrow.Array) {
	for _, a := range as {
		a.Release()
	}
}

// int32Array views idx as an Arrow array without copying it.
func int32Array(idx []int32) *array.Int32 {
	buf := memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(idx))
	data := array.NewData(arrow.PrimitiveTypes.Int32, len(idx), []*memory.Buffer{nil, buf}, nil, 0, 0)
	defer data.Release()
	return array.NewInt32Data(data)
}
