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
// Arrow's take kernel covers flat types; lists, structs, maps and
// dictionaries, which it lacks, are cut into runs of consecutive rows and
// concatenated, which copies each run once.
func takeArray(mem memory.Allocator, arr arrow.Array, idx []int32) (arrow.Array, error) {
	indices := int32Array(idx)
	defer indices.Release()
	out, err := compute.TakeArrayOpts(compute.WithAllocator(context.Background(), mem), arr, indices,
		compute.TakeOptions{BoundsCheck: false})
	if err == nil || !errors.Is(err, arrow.ErrNotImplemented) {
		return out, err
	}
	return takeRuns(mem, arr, idx)
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
