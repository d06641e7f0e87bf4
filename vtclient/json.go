package vtclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	gojson "github.com/goccy/go-json"
)

// Every answer is compacted and decoded: at a premium key's 600 answers a
// second that is CPU that counts, so goccy/go-json does it, in a quarter
// of encoding/json's time. It is not encoding/json, though: it keeps
// invalid UTF-8 where encoding/json writes U+FFFD, refuses numbers past
// float64's range that encoding/json keeps as text, and panics on some
// truncated text (it reads past the end into a pooled buffer, so whether
// depends on what that buffer held). So encoding/json takes over wherever
// goccy fails, and the results are encoding/json's: FuzzFromObjectDecoders
// and FuzzCompactJSON hold the two to the same output.

// decodeObject decodes an answer's JSON into v as encoding/json would, with
// goccy/go-json where it can (BenchmarkDecodeObject: 105 µs against 394
// for the real 34 KB file object; 58 against 230 for a 10 KB domain one).
// goccy's strings point into its copy of data: whatever keeps one of them
// keeps the whole answer, so what outlives the decoding must be copied out
// (ownStrings).
func decodeObject(data []byte, v any) error { return decodeWith(goccyUnmarshal, data, v) }

// decodeWith decodes with fast, and with encoding/json what fast cannot.
func decodeWith(fast func([]byte, any) error, data []byte, v any) error {
	if utf8.Valid(data) && fast(data, v) == nil {
		return nil
	}
	reflect.ValueOf(v).Elem().SetZero() // what fast filled before it failed
	return json.Unmarshal(data, v)
}

// goccyUnmarshal is goccy/go-json's decoder, its panics recovered as
// errors. (It reads past the end of some truncated text into a pooled
// buffer, so whether it panics depends on what that buffer held before.)
var goccyUnmarshal = recovered(gojson.Unmarshal)

// errDecoderPanic is a decoder's panic, recovered.
var errDecoderPanic = errors.New("vtclient: the JSON decoder panicked")

func recovered(unmarshal func([]byte, any) error) func([]byte, any) error {
	return func(data []byte, v any) (err error) {
		defer func() {
			if recover() != nil {
				err = errDecoderPanic
			}
		}()
		return unmarshal(data, v)
	}
}

// CompactJSON returns src compacted, as json.Compact would, in half its
// time.
func CompactJSON(src []byte) ([]byte, error) {
	var dst bytes.Buffer
	if utf8.Valid(src) && goccyCompact(&dst, src) == nil {
		return dst.Bytes(), nil
	}
	dst.Reset()
	err := json.Compact(&dst, src)
	return dst.Bytes(), err
}

// goccyCompact is goccy/go-json's Compact, its panics recovered as errors.
// (dst must be empty: goccy does not keep what it held.)
func goccyCompact(dst *bytes.Buffer, src []byte) (err error) {
	defer func() {
		if recover() != nil {
			err = errDecoderPanic
		}
	}()
	return gojson.Compact(dst, src)
}

// ownStrings copies every string reachable from v (a pointer) through
// exported fields, pointers and slices, so that none points into a
// decoder's buffer: a Result held for the run would keep its whole answer
// (10-20 KB) alive through one of them. Times are left as they are.
func ownStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			v.SetString(strings.Clone(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			ownStrings(v.Elem())
		}
	case reflect.Slice:
		if k := v.Type().Elem().Kind(); k == reflect.String || k == reflect.Pointer || k == reflect.Struct {
			for i := range v.Len() {
				ownStrings(v.Index(i))
			}
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return
		}
		t := v.Type()
		for i := range v.NumField() {
			if t.Field(i).IsExported() {
				ownStrings(v.Field(i))
			}
		}
	}
}

// dataMember returns the value of the member "data" of the JSON object
// compact, which CompactJSON made (so valid and without blanks), as
// decoding it into struct{ Data json.RawMessage } would: the key matched
// without regard to case, the last of several winning, nil when there is
// none. It is a slice of compact, not a copy. ok is false when compact
// is no object or a key at its top level is escaped: the caller decodes
// those. An answer is read once by the decoder of its object, not also by
// one of its envelope (2.4% of a lookup run's CPU in a profile at 600
// answers a second, and a copy of the answer).
func dataMember(compact []byte) (data []byte, ok bool) {
	if len(compact) < 2 || compact[0] != '{' {
		return nil, false
	}
	i := 1
	for i < len(compact) && compact[i] != '}' {
		if compact[i] == ',' {
			i++
		}
		if i >= len(compact) || compact[i] != '"' {
			return nil, false
		}
		end := bytes.IndexByte(compact[i+1:], '"')
		if end < 0 {
			return nil, false
		}
		key := compact[i+1 : i+1+end]
		if bytes.IndexByte(key, '\\') >= 0 {
			return nil, false // an escaped key: only a decoder reads it right
		}
		i += end + 2
		if i >= len(compact) || compact[i] != ':' {
			return nil, false
		}
		i++
		vend := skipCompactValue(compact, i)
		if vend < 0 {
			return nil, false
		}
		if bytes.EqualFold(key, []byte("data")) {
			data = compact[i:vend]
		}
		i = vend
	}
	if i != len(compact)-1 {
		return nil, false
	}
	return data, true
}

// skipCompactValue returns the end of the JSON value that starts at i of
// valid compact JSON, or -1 where the text is not that.
func skipCompactValue(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return -1
			}
		case '{', '[':
			depth++
			continue
		case '}', ']':
			depth--
			if depth < 0 {
				return -1
			}
		case ',', ':':
			if depth == 0 {
				return -1
			}
			continue
		default:
			// a number or literal: its last byte is the value's end
			if depth == 0 {
				for i+1 < len(b) && !strings.ContainsRune(",}]", rune(b[i+1])) {
					i++
				}
				return i + 1
			}
			continue
		}
		if depth == 0 {
			return i + 1
		}
	}
	return -1
}
