package readers

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/parquet-go/parquet-go/format"
)

// leafValues holds decoded values of one physical type, in order. Only the
// slice of the column's type is used.
type leafValues struct {
	phys  format.Type
	size  int // FIXED_LEN_BYTE_ARRAY width; 12 for INT96
	bools []bool
	i32   []int32
	i64   []int64
	f32   []float32
	f64   []float64
	data  []byte   // byte arrays, fixed-length values and INT96, back to back
	offs  []uint32 // byte arrays: value i is data[offs[i]:offs[i+1]]
}

// newLeafValues makes an empty value list for a column.
func newLeafValues(l *pqLeaf) leafValues {
	v := leafValues{phys: l.physical, size: l.typeLength}
	if l.physical == format.Int96 {
		v.size = 12
	}
	if l.physical == format.ByteArray {
		v.offs = []uint32{0}
	}
	return v
}

// len is the number of values.
func (v *leafValues) len() int {
	switch v.phys {
	case format.Boolean:
		return len(v.bools)
	case format.Int32:
		return len(v.i32)
	case format.Int64:
		return len(v.i64)
	case format.Float:
		return len(v.f32)
	case format.Double:
		return len(v.f64)
	case format.ByteArray:
		return len(v.offs) - 1
	}
	return len(v.data) / v.size
}

// bytesAt is byte-array or fixed-length value i.
func (v *leafValues) bytesAt(i int) []byte {
	if v.phys == format.ByteArray {
		return v.data[v.offs[i]:v.offs[i+1]]
	}
	return v.data[i*v.size : (i+1)*v.size]
}

// appendByteArray appends one byte-array value.
func (v *leafValues) appendByteArray(b []byte) error {
	if uint64(len(v.data))+uint64(len(b)) > math.MaxUint32 {
		return errors.New("more than 4 GiB of values in one batch")
	}
	v.data = append(v.data, b...)
	v.offs = append(v.offs, uint32(len(v.data)))
	return nil
}

// appendValue appends value i of w, which has the same type.
func (v *leafValues) appendValue(w *leafValues, i int) error {
	switch v.phys {
	case format.Boolean:
		v.bools = append(v.bools, w.bools[i])
	case format.Int32:
		v.i32 = append(v.i32, w.i32[i])
	case format.Int64:
		v.i64 = append(v.i64, w.i64[i])
	case format.Float:
		v.f32 = append(v.f32, w.f32[i])
	case format.Double:
		v.f64 = append(v.f64, w.f64[i])
	case format.ByteArray:
		return v.appendByteArray(w.bytesAt(i))
	default:
		v.data = append(v.data, w.bytesAt(i)...)
	}
	return nil
}

// appendFromDictionary appends the dictionary values idx points at, each
// checked against the dictionary's size, sizing the buffers once.
func (v *leafValues) appendFromDictionary(dict *leafValues, idx []uint32) error {
	size := uint32(dict.len())
	for _, k := range idx {
		if k >= size {
			return fmt.Errorf("dictionary index %d of a %d-value dictionary", k, size)
		}
	}
	switch v.phys {
	case format.Boolean:
		for _, k := range idx {
			v.bools = append(v.bools, dict.bools[k])
		}
	case format.Int32:
		v.i32 = slices.Grow(v.i32, len(idx))
		for _, k := range idx {
			v.i32 = append(v.i32, dict.i32[k])
		}
	case format.Int64:
		v.i64 = slices.Grow(v.i64, len(idx))
		for _, k := range idx {
			v.i64 = append(v.i64, dict.i64[k])
		}
	case format.Float:
		v.f32 = slices.Grow(v.f32, len(idx))
		for _, k := range idx {
			v.f32 = append(v.f32, dict.f32[k])
		}
	case format.Double:
		v.f64 = slices.Grow(v.f64, len(idx))
		for _, k := range idx {
			v.f64 = append(v.f64, dict.f64[k])
		}
	case format.ByteArray:
		total := uint64(len(v.data))
		for _, k := range idx {
			total += uint64(dict.offs[k+1] - dict.offs[k])
		}
		if total > math.MaxUint32 {
			return errors.New("more than 4 GiB of values in one batch")
		}
		v.data = slices.Grow(v.data, int(total)-len(v.data))
		v.offs = slices.Grow(v.offs, len(idx))
		for _, k := range idx {
			v.data = append(v.data, dict.data[dict.offs[k]:dict.offs[k+1]]...)
			v.offs = append(v.offs, uint32(len(v.data)))
		}
	default:
		v.data = slices.Grow(v.data, len(idx)*v.size)
		for _, k := range idx {
			v.data = append(v.data, dict.bytesAt(int(k))...)
		}
	}
	return nil
}

// split returns the first n values, sharing memory with v, and the rest,
// copied so that v's buffers may be handed out.
func (v *leafValues) split(n int) (head, tail leafValues) {
	head, tail = leafValues{phys: v.phys, size: v.size}, leafValues{phys: v.phys, size: v.size}
	switch v.phys {
	case format.Boolean:
		head.bools, tail.bools = v.bools[:n], append([]bool(nil), v.bools[n:]...)
	case format.Int32:
		head.i32, tail.i32 = v.i32[:n], append([]int32(nil), v.i32[n:]...)
	case format.Int64:
		head.i64, tail.i64 = v.i64[:n], append([]int64(nil), v.i64[n:]...)
	case format.Float:
		head.f32, tail.f32 = v.f32[:n], append([]float32(nil), v.f32[n:]...)
	case format.Double:
		head.f64, tail.f64 = v.f64[:n], append([]float64(nil), v.f64[n:]...)
	case format.ByteArray:
		cut := v.offs[n]
		head.data, head.offs = v.data[:cut], v.offs[:n+1]
		tail.data = append([]byte(nil), v.data[cut:]...)
		tail.offs = make([]uint32, len(v.offs)-n)
		for k, o := range v.offs[n:] {
			tail.offs[k] = o - cut
		}
	default:
		head.data, tail.data = v.data[:n*v.size], append([]byte(nil), v.data[n*v.size:]...)
	}
	return head, tail
}

// decodePlain appends n PLAIN-encoded values from src.
func (v *leafValues) decodePlain(src []byte, n int) error {
	width := map[format.Type]int{format.Int32: 4, format.Int64: 8, format.Float: 4, format.Double: 8,
		format.Int96: 12, format.FixedLenByteArray: v.size}[v.phys]
	if v.phys == format.Boolean {
		if len(src)*8 < n {
			return fmt.Errorf("%d PLAIN booleans need %d bytes, the page has %d", n, (n+7)/8, len(src))
		}
		for i := range n {
			v.bools = append(v.bools, src[i>>3]>>(i&7)&1 == 1)
		}
		return nil
	}
	if v.phys == format.ByteArray {
		v.data = slices.Grow(v.data, len(src)-4*n)
		v.offs = slices.Grow(v.offs, n)
		for range n {
			if len(src) < 4 {
				return errors.New("PLAIN byte array runs past the page")
			}
			l := binary.LittleEndian.Uint32(src)
			if uint64(l) > uint64(len(src)-4) {
				return fmt.Errorf("PLAIN byte array of %d bytes runs past the page", l)
			}
			if err := v.appendByteArray(src[4 : 4+l]); err != nil {
				return err
			}
			src = src[4+l:]
		}
		return nil
	}
	if len(src) < n*width {
		return fmt.Errorf("%d PLAIN values need %d bytes, the page has %d", n, n*width, len(src))
	}
	return v.appendFixed(src[:n*width], n)
}

// appendFixed appends n little-endian fixed-width values (or raw bytes for
// FIXED_LEN_BYTE_ARRAY and INT96).
func (v *leafValues) appendFixed(src []byte, n int) error {
	switch v.phys {
	case format.Int32:
		for i := range n {
			v.i32 = append(v.i32, int32(binary.LittleEndian.Uint32(src[4*i:])))
		}
	case format.Int64:
		for i := range n {
			v.i64 = append(v.i64, int64(binary.LittleEndian.Uint64(src[8*i:])))
		}
	case format.Float:
		for i := range n {
			v.f32 = append(v.f32, math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:])))
		}
	case format.Double:
		for i := range n {
			v.f64 = append(v.f64, math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:])))
		}
	case format.Int96, format.FixedLenByteArray:
		v.data = append(v.data, src...)
	default:
		return fmt.Errorf("fixed-width values of type %s", v.phys)
	}
	return nil
}

// decodeByteStreamSplit appends n BYTE_STREAM_SPLIT values: byte k of
// value i is at src[k*n+i].
func (v *leafValues) decodeByteStreamSplit(src []byte, n int) error {
	width := map[format.Type]int{format.Int32: 4, format.Int64: 8, format.Float: 4, format.Double: 8,
		format.FixedLenByteArray: v.size}[v.phys]
	if width == 0 {
		return fmt.Errorf("BYTE_STREAM_SPLIT on %s", v.phys)
	}
	if len(src) < n*width {
		return fmt.Errorf("%d BYTE_STREAM_SPLIT values need %d bytes, the page has %d", n, n*width, len(src))
	}
	joined := make([]byte, n*width)
	for k := range width {
		stream := src[k*n : (k+1)*n]
		for i, b := range stream {
			joined[i*width+k] = b
		}
	}
	return v.appendFixed(joined, n)
}
