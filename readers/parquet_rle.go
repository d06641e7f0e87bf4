package readers

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// decodeHybrid decodes n values of bitWidth bits from Parquet's RLE /
// bit-packed hybrid encoding (levels, dictionary indices, RLE booleans),
// appending them to dst. It stops at n values whatever the runs claim, so
// a run header cannot make it allocate more than the page's value count.
func decodeHybrid[T uint8 | uint32](dst []T, src []byte, bitWidth, n int) ([]T, error) {
	if bitWidth < 0 || bitWidth > 32 {
		return dst, fmt.Errorf("bit width %d", bitWidth)
	}
	if bitWidth == 0 {
		for range n {
			dst = append(dst, 0)
		}
		return dst, nil
	}
	byteWidth := (bitWidth + 7) / 8
	mask := uint64(1)<<bitWidth - 1
	for left := n; left > 0; {
		header, k := binary.Uvarint(src)
		if k <= 0 {
			return dst, errors.New("RLE data ends before all its values")
		}
		src = src[k:]
		if header&1 == 0 { // a run of one value
			count := header >> 1
			if len(src) < byteWidth {
				return dst, errors.New("RLE run ends before its value")
			}
			var raw [4]byte
			copy(raw[:], src[:byteWidth])
			src = src[byteWidth:]
			value := T(binary.LittleEndian.Uint32(raw[:]) & uint32(mask))
			take := min(count, uint64(left))
			for range take {
				dst = append(dst, value)
			}
			left -= int(take)
			continue
		}
		groups := header >> 1
		size := groups * uint64(bitWidth) // bytes: 8 values per group
		if size > uint64(len(src)) {
			// Writers may end the last group early; decode what is there.
			size = uint64(len(src))
		}
		packed := src[:size]
		src = src[size:]
		values := min(groups*8, uint64(left), size*8/uint64(bitWidth))
		if values == 0 {
			return dst, errors.New("bit-packed run without values")
		}
		for i := range values {
			bit := i * uint64(bitWidth)
			var word uint64
			for b := bit / 8; b < min(uint64(len(packed)), (bit+uint64(bitWidth)+7)/8+1); b++ {
				word |= uint64(packed[b]) << ((b - bit/8) * 8)
			}
			dst = append(dst, T((word>>(bit%8))&mask))
		}
		left -= int(values)
	}
	return dst, nil
}
