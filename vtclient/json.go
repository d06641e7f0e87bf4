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
