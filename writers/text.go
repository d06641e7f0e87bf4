package writers

import (
	"encoding/base64"
	"encoding/hex"
	"math"
	"strconv"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// appendFunc appends the rendering of row i of an array to dst. Callers
// handle nulls first: an appendFunc only sees valid slots.
type appendFunc func(dst []byte, arr arrow.Array, i int) []byte

// textFunc returns how CSV and TSV render values of type dt, before quoting:
// strings as they are, numbers in their shortest exact form, times in
// RFC 3339, bytes in base64, nested values (structs, maps, lists and list
// views) as compact JSON, and dictionary, union, run-end-encoded and
// extension values as the value they stand for (see text_wrapped.go). It is
// chosen once per column so the per-value cost is one indirect call.
func textFunc(dt arrow.DataType) appendFunc {
	switch dt := dt.(type) {
	case *arrow.StringType, *arrow.LargeStringType, *arrow.StringViewType:
		value := stringFunc(dt)
		return func(dst []byte, a arrow.Array, i int) []byte {
			return append(dst, value(a, i)...)
		}
	case *arrow.Float16Type, *arrow.Float32Type, *arrow.Float64Type:
		return floatFunc(dt, "NaN", "Inf", "-Inf")
	case *arrow.TimestampType, *arrow.Date32Type, *arrow.Date64Type,
		*arrow.Time32Type, *arrow.Time64Type:
		return timeFunc(dt)
	case *arrow.DictionaryType:
		return dictionaryFunc(textFunc(dt.ValueType))
	case *arrow.StructType, *arrow.MapType, arrow.ListLikeType:
		return jsonFunc(dt) // jsonFunc handles these itself: no cycle
	}
	if f := wrappedFunc(dt, textFunc); f != nil {
		return f
	}
	if f := scalarFunc(dt); f != nil {
		return f
	}
	return valueStr
}

// valueStr is Arrow's own text of a value: the form of the types no case
// above names (intervals, and any type a later Arrow adds). It never calls
// back into textFunc or jsonFunc.
func valueStr(dst []byte, a arrow.Array, i int) []byte { return append(dst, a.ValueStr(i)...) }

// scalarFunc covers the types whose text is the same in CSV and in JSON:
// integers, booleans, decimals and durations (a number of the type's unit).
// It returns nil for any other type.
func scalarFunc(dt arrow.DataType) appendFunc {
	switch dt.ID() {
	case arrow.INT8:
		return intText[int8, *array.Int8]
	case arrow.INT16:
		return intText[int16, *array.Int16]
	case arrow.INT32:
		return intText[int32, *array.Int32]
	case arrow.INT64:
		return intText[int64, *array.Int64]
	case arrow.UINT8:
		return uintText[uint8, *array.Uint8]
	case arrow.UINT16:
		return uintText[uint16, *array.Uint16]
	case arrow.UINT32:
		return uintText[uint32, *array.Uint32]
	case arrow.UINT64:
		return uintText[uint64, *array.Uint64]
	case arrow.BOOL:
		return func(dst []byte, a arrow.Array, i int) []byte {
			return strconv.AppendBool(dst, a.(*array.Boolean).Value(i))
		}
	case arrow.DURATION:
		return intText[arrow.Duration, *array.Duration]
	case arrow.DECIMAL128:
		scale := dt.(*arrow.Decimal128Type).Scale
		return func(dst []byte, a arrow.Array, i int) []byte {
			return append(dst, a.(*array.Decimal128).Value(i).ToString(scale)...)
		}
	case arrow.DECIMAL256:
		scale := dt.(*arrow.Decimal256Type).Scale
		return func(dst []byte, a arrow.Array, i int) []byte {
			return append(dst, a.(*array.Decimal256).Value(i).ToString(scale)...)
		}
	case arrow.BINARY, arrow.LARGE_BINARY, arrow.FIXED_SIZE_BINARY, arrow.BINARY_VIEW:
		return func(dst []byte, a arrow.Array, i int) []byte {
			return base64.StdEncoding.AppendEncode(dst, binaryValue(a, i))
		}
	}
	return nil
}

// stringFunc returns the accessor of a string-like type's values; nil for
// other types.
func stringFunc(dt arrow.DataType) func(a arrow.Array, i int) string {
	switch dt.ID() {
	case arrow.STRING:
		return func(a arrow.Array, i int) string { return a.(*array.String).Value(i) }
	case arrow.LARGE_STRING:
		return func(a arrow.Array, i int) string { return a.(*array.LargeString).Value(i) }
	case arrow.STRING_VIEW:
		return func(a arrow.Array, i int) string { return a.(*array.StringView).Value(i) }
	}
	return nil
}

// valuer is an Arrow array of T.
type valuer[T any] interface{ Value(i int) T }

// intText renders a signed integer array of any width.
func intText[T ~int8 | ~int16 | ~int32 | ~int64, A valuer[T]](dst []byte, a arrow.Array, i int) []byte {
	return strconv.AppendInt(dst, int64(a.(A).Value(i)), 10)
}

// uintText renders an unsigned integer array of any width.
func uintText[T ~uint8 | ~uint16 | ~uint32 | ~uint64, A valuer[T]](dst []byte, a arrow.Array, i int) []byte {
	return strconv.AppendUint(dst, uint64(a.(A).Value(i)), 10)
}

// binaryValue is the bytes of row i of any binary-like array.
func binaryValue(a arrow.Array, i int) []byte {
	switch a := a.(type) {
	case *array.Binary:
		return a.Value(i)
	case *array.LargeBinary:
		return a.Value(i)
	case *array.FixedSizeBinary:
		return a.Value(i)
	case *array.BinaryView:
		return a.Value(i)
	}
	return nil
}

// floatFunc renders floats like JSON and ECMAScript do: the shortest text
// that reads back to the same number, exponent form only for very small or
// very large magnitudes (1e-7, not 1e-07). nan, inf and ninf stand for the
// values neither JSON nor a plain decimal can express.
func floatFunc(dt arrow.DataType, nan, inf, ninf string) appendFunc {
	format := func(dst []byte, f float64, bits int) []byte {
		switch {
		case math.IsNaN(f):
			return append(dst, nan...)
		case math.IsInf(f, 1):
			return append(dst, inf...)
		case math.IsInf(f, -1):
			return append(dst, ninf...)
		}
		return appendFloat(dst, f, bits)
	}
	switch dt.ID() {
	case arrow.FLOAT16:
		return func(dst []byte, a arrow.Array, i int) []byte {
			return format(dst, float64(a.(*array.Float16).Value(i).Float32()), 32)
		}
	case arrow.FLOAT32:
		return func(dst []byte, a arrow.Array, i int) []byte {
			return format(dst, float64(a.(*array.Float32).Value(i)), 32)
		}
	}
	return func(dst []byte, a arrow.Array, i int) []byte {
		return format(dst, a.(*array.Float64).Value(i), 64)
	}
}

// appendFloat is encoding/json's float format (ES6 Number.toString).
func appendFloat(dst []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	fmt := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) ||
			bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			fmt = 'e'
		}
	}
	dst = strconv.AppendFloat(dst, f, fmt, -1, bits)
	if fmt == 'e' {
		// 1e-07 becomes 1e-7, as in JSON.
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// fractions holds the sub-second part of time layouts per Arrow unit, so
// that a millisecond column always shows three digits and a second column
// none: the text says how precise the value is.
var fractions = [...]string{
	arrow.Second:      "",
	arrow.Millisecond: ".000",
	arrow.Microsecond: ".000000",
	arrow.Nanosecond:  ".000000000",
}

// fieldTextFunc is textFunc for a column, a UUID column (rows.IsUUID) in
// its canonical text.
func fieldTextFunc(f arrow.Field) appendFunc {
	if rows.IsUUID(f) {
		return uuidText
	}
	return textFunc(f.Type)
}

// uuidText renders 16 bytes as a UUID: 8-4-4-4-12 lower-case hex digits.
func uuidText(dst []byte, a arrow.Array, i int) []byte {
	b := binaryValue(a, i)
	if len(b) != 16 {
		return base64.StdEncoding.AppendEncode(dst, b)
	}
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return append(dst, s[:]...)
}

// timeFunc renders timestamps in RFC 3339 (UTC with a 'Z' when the type has
// a time zone, no offset for zone-less wall-clock times), dates as
// YYYY-MM-DD and times of day as HH:MM:SS with the unit's fraction digits.
func timeFunc(dt arrow.DataType) appendFunc {
	switch dt := dt.(type) {
	case *arrow.TimestampType:
		layout := "2006-01-02T15:04:05" + fractions[dt.Unit]
		if dt.TimeZone != "" {
			layout += "Z07:00"
		}
		unit := dt.Unit
		return func(dst []byte, a arrow.Array, i int) []byte {
			return timestampTime(int64(a.(*array.Timestamp).Value(i)), unit).AppendFormat(dst, layout)
		}
	case *arrow.Date32Type:
		return func(dst []byte, a arrow.Array, i int) []byte {
			days := int64(a.(*array.Date32).Value(i))
			return time.Unix(days*86400, 0).UTC().AppendFormat(dst, time.DateOnly)
		}
	case *arrow.Date64Type:
		return func(dst []byte, a arrow.Array, i int) []byte {
			ms := int64(a.(*array.Date64).Value(i))
			return time.UnixMilli(ms).UTC().AppendFormat(dst, time.DateOnly)
		}
	case *arrow.Time32Type:
		unit, mult := dt.Unit, int64(dt.Unit.Multiplier())
		return func(dst []byte, a arrow.Array, i int) []byte {
			return appendTimeOfDay(dst, int64(a.(*array.Time32).Value(i))*mult, unit)
		}
	case *arrow.Time64Type:
		unit, mult := dt.Unit, int64(dt.Unit.Multiplier())
		return func(dst []byte, a arrow.Array, i int) []byte {
			return appendTimeOfDay(dst, int64(a.(*array.Time64).Value(i))*mult, unit)
		}
	}
	return nil
}

// appendTimeOfDay renders ns nanoseconds after midnight as hh:mm:ss with
// the unit's fraction digits. It counts hours past 23 instead of wrapping:
// SQL's TIME '24:00:00' (the end of a day, which DuckDB writes) is not
// midnight's 00:00:00.
func appendTimeOfDay(dst []byte, ns int64, unit arrow.TimeUnit) []byte {
	abs := uint64(ns) // in uint64, -math.MinInt64 does not overflow
	if ns < 0 {
		dst, abs = append(dst, '-'), -abs
	}
	sec := abs / 1e9
	dst = appendPadded(dst, sec/3600, 2)
	dst = appendPadded(append(dst, ':'), sec/60%60, 2)
	dst = appendPadded(append(dst, ':'), sec%60, 2)
	if digits := len(fractions[unit]) - 1; digits > 0 {
		frac := abs % 1e9
		for range 9 - digits {
			frac /= 10
		}
		dst = appendPadded(append(dst, '.'), frac, digits)
	}
	return dst
}

// appendPadded appends v in decimal with leading zeros to width digits.
func appendPadded(dst []byte, v uint64, width int) []byte {
	start := len(dst)
	dst = strconv.AppendUint(dst, v, 10)
	for len(dst)-start < width {
		dst = append(dst, 0)
		copy(dst[start+1:], dst[start:])
		dst[start] = '0'
	}
	return dst
}

// timestampTime converts without going through nanoseconds, so that second
// and millisecond timestamps far from 1970 do not overflow.
func timestampTime(v int64, unit arrow.TimeUnit) time.Time {
	switch unit {
	case arrow.Second:
		return time.Unix(v, 0).UTC()
	case arrow.Millisecond:
		return time.UnixMilli(v).UTC()
	case arrow.Microsecond:
		return time.UnixMicro(v).UTC()
	}
	return time.Unix(0, v).UTC()
}

// dictionaryFunc renders a dictionary-encoded value as the value it stands
// for.
func dictionaryFunc(value appendFunc) appendFunc {
	return func(dst []byte, a arrow.Array, i int) []byte {
		d := a.(*array.Dictionary)
		return value(dst, d.Dictionary(), d.GetValueIndex(i))
	}
}

// isNull reports whether row i is null, looking through wrappers (a valid
// dictionary index may point at a null entry; unions and run-end-encoded
// arrays have no validity bitmap of their own, their children hold the
// nulls) and at Arrow's null type, whose arrays have no validity bitmap and
// so claim every slot valid. Each step goes one level down a finite type.
func isNull(a arrow.Array, i int) bool {
	if a.IsNull(i) {
		return true
	}
	if _, null := a.(*array.Null); null {
		return true
	}
	if child, at, ok := wrappedSlot(a, i); ok {
		return isNull(child, at)
	}
	return false
}

// hidesNulls reports whether arrays of type dt can hold nulls that IsNull
// does not report, so that isNull must be asked.
func hidesNulls(dt arrow.DataType) bool {
	switch dt.ID() {
	case arrow.DICTIONARY, arrow.NULL, arrow.SPARSE_UNION, arrow.DENSE_UNION,
		arrow.RUN_END_ENCODED, arrow.EXTENSION:
		return true
	}
	return false
}
