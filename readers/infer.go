package readers

import (
	"strconv"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Kinds of text value, as bits, that InferTypes can turn into a type.
const (
	kindInt = 1 << iota
	kindFloat
	kindBool
	kindAll = kindInt | kindFloat | kindBool
)

// typer applies InferTypes: each string column of the first batch becomes
// int64, float64 or bool when every non-empty value of that batch is one,
// and later batches are converted the same way. Columns that first appear
// later (JSONL) stay strings: there is no first batch to learn from.
type typer struct {
	types []arrow.DataType // per column of the first batch; nil keeps it a string
	cache map[*arrow.Schema]*arrow.Schema
}

// newTyper learns the column types from the first batch.
func newTyper(rec arrow.Record) *typer {
	t := &typer{types: make([]arrow.DataType, rec.NumCols()), cache: map[*arrow.Schema]*arrow.Schema{}}
	for i, col := range rec.Columns() {
		if s, ok := col.(*array.String); ok {
			t.types[i] = inferType(s)
		}
	}
	return t
}

// inferType is the narrowest type all non-empty values of s fit, or nil.
func inferType(s *array.String) arrow.DataType {
	kinds, seen := kindAll, false
	for i := 0; i < s.Len() && kinds != 0; i++ {
		if v := s.Value(i); !s.IsNull(i) && v != "" {
			kinds &= valueKinds(v)
			seen = true
		}
	}
	switch {
	case !seen:
		return nil
	case kinds&kindInt != 0:
		return arrow.PrimitiveTypes.Int64
	case kinds&kindFloat != 0:
		return arrow.PrimitiveTypes.Float64
	case kinds&kindBool != 0:
		return arrow.FixedWidthTypes.Boolean
	}
	return nil
}

// valueKinds says which types v can be read as without losing how it was
// written: integers only in canonical form (no sign, no leading zeros, so
// "007" stays an identifier), floats in JSON number syntax, and an integer
// too large for int64 is not silently rounded into a float.
func valueKinds(v string) int {
	switch v {
	case "true", "false", "True", "False", "TRUE", "FALSE":
		return kindBool
	}
	end, err := scanNumber(v, 0)
	if err != nil || end != len(v) || v == "-0" {
		return 0
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return kindInt | kindFloat
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil && !isIntSyntax(v) {
		return kindFloat
	}
	return 0
}

// isIntSyntax reports whether a JSON number has no fraction or exponent.
func isIntSyntax(v string) bool {
	for i := range len(v) {
		if c := v[i]; c == '.' || c == 'e' || c == 'E' {
			return false
		}
	}
	return true
}

// schema is in with the inferred types applied.
func (t *typer) schema(in *arrow.Schema) *arrow.Schema {
	if out, ok := t.cache[in]; ok {
		return out
	}
	fields := in.Fields()
	for i := range fields {
		if i < len(t.types) && t.types[i] != nil {
			fields[i].Type = t.types[i]
		}
	}
	md := in.Metadata()
	out := arrow.NewSchema(fields, &md)
	t.cache[in] = out
	return out
}

// apply converts the inferred columns of c, taking over c.rec. A value that
// does not fit is an error naming its line and column.
func (t *typer) apply(file string, c *chunk) (arrow.Record, error) {
	defer c.rec.Release()
	cols := make([]arrow.Array, c.rec.NumCols())
	defer func() {
		for _, col := range cols {
			if col != nil {
				col.Release()
			}
		}
	}()
	for i, col := range c.rec.Columns() {
		s, ok := col.(*array.String)
		if i >= len(t.types) || t.types[i] == nil || !ok {
			col.Retain()
			cols[i] = col
			continue
		}
		arr, bad := convert(s, t.types[i])
		if bad >= 0 {
			e := inputErr(file, lineOf(c, bad),
				"value %q is not %s like the values of the first batch; drop --infer-types to read every column as text",
				clip(s.Value(bad), 40), t.types[i])
			e.Column = c.rec.ColumnName(i)
			return nil, e
		}
		cols[i] = arr
	}
	return array.NewRecord(t.schema(c.rec.Schema()), cols, c.rec.NumRows()), nil
}

// lineOf is the input line of row i of c, or 0 if unknown.
func lineOf(c *chunk, i int) int64 {
	if i < len(c.lines) {
		return c.lines[i]
	}
	return 0
}

// clip shortens s for a message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// convert parses s as typ; empty values and nulls become nulls. It returns
// the index of the first value that does not parse, or -1.
func convert(s *array.String, typ arrow.DataType) (arrow.Array, int) {
	mem := memory.DefaultAllocator
	var (
		b     array.Builder
		parse func(v string) bool
	)
	switch typ.ID() {
	case arrow.INT64:
		ib := array.NewInt64Builder(mem)
		b, parse = ib, func(v string) bool {
			if valueKinds(v)&kindInt == 0 {
				return false
			}
			n, _ := strconv.ParseInt(v, 10, 64)
			ib.UnsafeAppend(n)
			return true
		}
	case arrow.FLOAT64:
		fb := array.NewFloat64Builder(mem)
		b, parse = fb, func(v string) bool {
			if valueKinds(v)&kindFloat == 0 {
				return false
			}
			f, _ := strconv.ParseFloat(v, 64)
			fb.UnsafeAppend(f)
			return true
		}
	case arrow.BOOL:
		bb := array.NewBooleanBuilder(mem)
		b, parse = bb, func(v string) bool {
			if valueKinds(v)&kindBool == 0 {
				return false
			}
			bb.UnsafeAppend(v[0] == 't' || v[0] == 'T')
			return true
		}
	default: // inferType picks none other; keep the column as it is
		s.Retain()
		return s, -1
	}
	defer b.Release()
	b.Reserve(s.Len())
	for i := range s.Len() {
		v := s.Value(i)
		if s.IsNull(i) || v == "" {
			b.UnsafeAppendBoolToBitmap(false)
			continue
		}
		if !parse(v) {
			return nil, i
		}
	}
	return b.NewArray(), -1
}
