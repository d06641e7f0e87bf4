package writers

import (
	"context"
	"errors"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
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
	return array.Concatenate(parts, mem)
}

// int32Array views idx as an Arrow array without copying it.
func int32Array(idx []int32) *array.Int32 {
	buf := memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(idx))
	data := array.NewData(arrow.PrimitiveTypes.Int32, len(idx), []*memory.Buffer{nil, buf}, nil, 0, 0)
	defer data.Release()
	return array.NewInt32Data(data)
}
