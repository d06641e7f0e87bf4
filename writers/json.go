package writers

import (
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// jsonFunc returns how JSON renders values of type dt: strings escaped,
// numbers as numbers (NaN and infinities, which JSON lacks, as null), times
// as RFC 3339 strings, bytes as base64 strings (like encoding/json), lists
// and list views as arrays, structs and maps as objects, and dictionary,
// union, run-end-encoded and extension values as the value they stand for.
func jsonFunc(dt arrow.DataType) appendFunc {
	switch dt := dt.(type) {
	case *arrow.StringType, *arrow.LargeStringType, *arrow.StringViewType:
		value := stringFunc(dt)
		return func(dst []byte, a arrow.Array, i int) []byte {
			return appendJSONString(dst, value(a, i))
		}
	case *arrow.Float16Type, *arrow.Float32Type, *arrow.Float64Type:
		return floatFunc(dt, "null", "null", "null")
	case *arrow.DictionaryType:
		return dictionaryFunc(jsonFunc(dt.ValueType))
	case *arrow.StructType:
		return structJSON(dt)
	case *arrow.MapType:
		return mapJSON(dt)
	case arrow.ListLikeType:
		return listJSON(dt)
	case *arrow.Decimal128Type, *arrow.Decimal256Type:
		return scalarFunc(dt) // a JSON number with the exact digits
	case *arrow.BinaryType, *arrow.LargeBinaryType, *arrow.FixedSizeBinaryType, *arrow.BinaryViewType:
		return quoted(scalarFunc(dt)) // base64 needs no escaping
	}
	if f := wrappedFunc(dt, jsonFunc); f != nil {
		return f
	}
	if f := scalarFunc(dt); f != nil {
		return f
	}
	if _, nested := dt.(arrow.NestedType); nested {
		// A nested type no case above knows: Arrow's text, never textFunc,
		// which would hand it back here.
		return quotedEscaped(valueStr)
	}
	// Times, intervals and anything exotic, as its text in a JSON string.
	return quotedEscaped(textFunc(dt))
}

// fieldJSONFunc is jsonFunc for a column, a UUID column (rows.IsUUID) as
// a string of its canonical text.
func fieldJSONFunc(f arrow.Field) appendFunc {
	if rows.IsUUID(f) {
		return quoted(uuidText)
	}
	return jsonFunc(f.Type)
}

// quoted wraps text that needs no escaping in quotes.
func quoted(text appendFunc) appendFunc {
	return func(dst []byte, a arrow.Array, i int) []byte {
		dst = append(dst, '"')
		dst = text(dst, a, i)
		return append(dst, '"')
	}
}

// quotedEscaped renders text as a JSON string.
func quotedEscaped(text appendFunc) appendFunc {
	return func(dst []byte, a arrow.Array, i int) []byte {
		start := len(dst)
		dst = text(dst, a, i)
		return appendJSONStringInPlace(dst, start)
	}
}

// nullable renders null slots as JSON null, for values inside lists,
// structs and maps.
func nullable(f appendFunc) appendFunc {
	return func(dst []byte, a arrow.Array, i int) []byte {
		if isNull(a, i) {
			return append(dst, "null"...)
		}
		return f(dst, a, i)
	}
}

func listJSON(dt arrow.ListLikeType) appendFunc {
	elem := nullable(fieldJSONFunc(dt.ElemField())) // a list of UUIDs too
	return func(dst []byte, a arrow.Array, i int) []byte {
		l := a.(array.ListLike)
		values := l.ListValues()
		start, end := l.ValueOffsets(i)
		dst = append(dst, '[')
		for k := start; k < end; k++ {
			if k > start {
				dst = append(dst, ',')
			}
			dst = elem(dst, values, int(k))
		}
		return append(dst, ']')
	}
}

func structJSON(dt *arrow.StructType) appendFunc {
	keys := make([][]byte, dt.NumFields())
	fields := make([]appendFunc, dt.NumFields())
	for k, f := range dt.Fields() {
		keys[k] = appendJSONKey(nil, f.Name)
		fields[k] = nullable(fieldJSONFunc(f)) // a UUID member too
	}
	return func(dst []byte, a arrow.Array, i int) []byte {
		s := a.(*array.Struct)
		dst = append(dst, '{')
		for k := range fields {
			if k > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, keys[k]...)
			dst = fields[k](dst, s.Field(k), i)
		}
		return append(dst, '}')
	}
}

// mapJSON renders a map as an object; keys that are not strings become the
// string of their text.
func mapJSON(dt *arrow.MapType) appendFunc {
	key := quotedEscaped(fieldTextFunc(dt.KeyField()))
	item := nullable(fieldJSONFunc(dt.ItemField()))
	return func(dst []byte, a arrow.Array, i int) []byte {
		m := a.(*array.Map)
		keys, items := m.Keys(), m.Items()
		start, end := m.ValueOffsets(i)
		dst = append(dst, '{')
		for k := start; k < end; k++ {
			if k > start {
				dst = append(dst, ',')
			}
			dst = key(dst, keys, int(k))
			dst = append(dst, ':')
			dst = item(dst, items, int(k))
		}
		return append(dst, '}')
	}
}

// appendJSONKey appends `"name":`.
func appendJSONKey(dst []byte, name string) []byte {
	dst = appendJSONString(dst, name)
	return append(dst, ':')
}

// jsonSafe marks the ASCII bytes that JSON strings carry unescaped.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// appendJSONString appends s as a JSON string. Unlike encoding/json it does
// not escape <, > and &: the output is data, not HTML. Invalid UTF-8 becomes
// U+FFFD, as in encoding/json, so the output always parses.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = appendJSONBody(dst, s)
	return append(dst, '"')
}

// appendJSONStringInPlace turns dst[start:], raw text just appended, into a
// JSON string. The common case, text with nothing to escape, shifts the
// bytes by one to make room for the opening quote and allocates nothing.
func appendJSONStringInPlace(dst []byte, start int) []byte {
	raw := dst[start:]
	if i := jsonSafePrefix(raw); i == len(raw) {
		dst = append(dst, 0)
		copy(dst[start+1:], dst[start:len(dst)-1])
		dst[start] = '"'
		return append(dst, '"')
	}
	// Escaping rewrites the bytes; work from a copy of them.
	return appendJSONString(dst[:start], string(raw))
}

// jsonSafePrefix is the length of the leading run of bytes that need no
// escaping.
func jsonSafePrefix[S string | []byte](s S) int {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf || !jsonSafe[b] {
			return i
		}
	}
	return len(s)
}

const hexDigits = "0123456789abcdef"

func appendJSONBody(dst []byte, s string) []byte {
	done := 0
	for i := jsonSafePrefix(s); i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[done:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			done = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[done:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but not valid JavaScript source: escape as
			// encoding/json does.
			dst = append(dst, s[done:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		done = i
	}
	return append(dst, s[done:]...)
}
