package pipeline

import (
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// The VT columns of a batch are made per output row (1.7M rows for 1M
// input rows on the bench corpus) from values made once per distinct
// result. Arrow's builders would copy each finished Go slice into buffers
// of their own and convert []bool validity into a bitmap: half of what the
// join allocated, and the garbage collections that cost. The functions
// here hand the slices to Arrow as they are.

// fixedWidth is the Go types of the fixed-width VT columns.
type fixedWidth interface {
	int32 | int64 | float64 | arrow.Timestamp
}

// bitmap is an Arrow validity bitmap being filled, and its null count.
type bitmap struct {
	bits  []byte
	nulls int
}

func newBitmap(n int) bitmap { return bitmap{bits: make([]byte, bitutil.BytesForBits(int64(n)))} }

func (b *bitmap) set(i int, ok bool) {
	if ok {
		bitutil.SetBit(b.bits, i)
	} else {
		b.nulls++
	}
}

// buffer is the bitmap as Arrow's validity buffer: none when no value is
// null.
func (b *bitmap) buffer() *memory.Buffer {
	if b.nulls == 0 {
		return nil
	}
	return memory.NewBufferBytes(b.bits)
}

// fixedArray makes an array of type dt over vals and validity, which it
// takes over.
func fixedArray[T fixedWidth](dt arrow.DataType, vals []T, validity bitmap) arrow.Array {
	data := array.NewData(dt, len(vals), []*memory.Buffer{validity.buffer(), memory.NewBufferBytes(arrow.GetBytes(vals))}, nil, validity.nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}
