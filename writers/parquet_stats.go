package writers

import (
	"bytes"
	"encoding/binary"
	"math"

	"github.com/parquet-go/parquet-go/format"
)

// statsKind is how a leaf column's values sort, which decides its min and
// max statistics. Readers prune row groups with these, so a wrong order
// silently drops rows from query results: a column whose order is not one
// of these plain ones (decimals in fixed-length bytes, Arrow's null type)
// gets its null count only.
type statsKind uint8

const (
	noStats     statsKind = iota
	bytesStats            // unsigned byte-wise: strings, binary, fixed-size binary
	int32Stats            // signed INT32: ints, dates, times, decimals on INT32
	uint32Stats           // INT32 holding an unsigned integer
	int64Stats            // signed INT64: ints, timestamps, durations, decimals on INT64
	uint64Stats           // INT64 holding an unsigned integer
	floatStats            // FLOAT, NaN left out
	doubleStats           // DOUBLE, NaN left out
	boolStats             // false before true
)

// columnStats accumulates a column chunk's statistics.
type columnStats struct {
	kind       statsKind
	has        bool // a min and max were seen
	minB, maxB []byte
	minI, maxI int64
	minU, maxU uint64
	minF, maxF float64
	nulls      int64
}

func (s *columnStats) reset() {
	*s = columnStats{kind: s.kind, minB: s.minB[:0], maxB: s.maxB[:0]}
}

func (s *columnStats) addBytes(b []byte) {
	if s.kind != bytesStats {
		return
	}
	switch {
	case !s.has:
		s.minB, s.maxB, s.has = append(s.minB[:0], b...), append(s.maxB[:0], b...), true
	case bytes.Compare(b, s.minB) < 0:
		s.minB = append(s.minB[:0], b...)
	case bytes.Compare(b, s.maxB) > 0:
		s.maxB = append(s.maxB[:0], b...)
	}
}

func (s *columnStats) addInt32(v int32) {
	if s.kind == uint32Stats {
		s.addUint(uint64(uint32(v)))
		return
	}
	s.addInt(int64(v))
}

func (s *columnStats) addInt64(v int64) {
	if s.kind == uint64Stats {
		s.addUint(uint64(v))
		return
	}
	s.addInt(v)
}

func (s *columnStats) addInt(v int64) { widen(&s.has, &s.minI, &s.maxI, v) }

func (s *columnStats) addUint(v uint64) { widen(&s.has, &s.minU, &s.maxU, v) }

func (s *columnStats) addFloat(v float64) {
	if !math.IsNaN(v) {
		widen(&s.has, &s.minF, &s.maxF, v)
	}
}

// widen extends [*lo, *hi] to take in v; *has is false until the first value.
func widen[T int64 | uint64 | float64](has *bool, lo, hi *T, v T) {
	switch {
	case !*has:
		*lo, *hi, *has = v, v, true
	case v < *lo:
		*lo = v
	case v > *hi:
		*hi = v
	}
}

func (s *columnStats) addBool(v bool) {
	n := int64(0)
	if v {
		n = 1
	}
	s.addInt(n)
}

// format is the Thrift form: min_value and max_value PLAIN-encoded (byte
// arrays without their length), and the null count.
func (s *columnStats) format() format.Statistics {
	st := format.Statistics{NullCount: s.nulls}
	if !s.has {
		return st
	}
	switch s.kind {
	case bytesStats:
		st.MinValue, st.MaxValue = bytes.Clone(s.minB), bytes.Clone(s.maxB)
	case int32Stats:
		st.MinValue = binary.LittleEndian.AppendUint32(nil, uint32(s.minI))
		st.MaxValue = binary.LittleEndian.AppendUint32(nil, uint32(s.maxI))
	case uint32Stats:
		st.MinValue = binary.LittleEndian.AppendUint32(nil, uint32(s.minU))
		st.MaxValue = binary.LittleEndian.AppendUint32(nil, uint32(s.maxU))
	case int64Stats:
		st.MinValue = binary.LittleEndian.AppendUint64(nil, uint64(s.minI))
		st.MaxValue = binary.LittleEndian.AppendUint64(nil, uint64(s.maxI))
	case uint64Stats:
		st.MinValue = binary.LittleEndian.AppendUint64(nil, s.minU)
		st.MaxValue = binary.LittleEndian.AppendUint64(nil, s.maxU)
	case floatStats, doubleStats:
		// The format asks for -0 as a minimum and +0 as a maximum, so
		// that a reader comparing with either zero keeps the group.
		lo, hi := s.minF, s.maxF
		if lo == 0 {
			lo = math.Copysign(0, -1)
		}
		if hi == 0 {
			hi = 0
		}
		if s.kind == floatStats {
			st.MinValue = binary.LittleEndian.AppendUint32(nil, math.Float32bits(float32(lo)))
			st.MaxValue = binary.LittleEndian.AppendUint32(nil, math.Float32bits(float32(hi)))
		} else {
			st.MinValue = binary.LittleEndian.AppendUint64(nil, math.Float64bits(lo))
			st.MaxValue = binary.LittleEndian.AppendUint64(nil, math.Float64bits(hi))
		}
	case boolStats:
		st.MinValue, st.MaxValue = []byte{byte(s.minI)}, []byte{byte(s.maxI)}
	}
	return st
}
