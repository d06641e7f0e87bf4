package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/vtclient"
)

// includeType is the type of an --include column (README, "--include").
type includeType int

const (
	incString includeType = iota // strings as they are, other values as JSON text
	incJSON                      // every value as JSON text
	incInt
	incFloat
	incBool
	incTime // a number of Unix seconds
)

var includeTypes = map[string]includeType{
	"string": incString, "json": incJSON, "int": incInt, "float": incFloat, "bool": incBool, "time": incTime,
}

// includePath is one --include PATH[:TYPE]: an attribute path of the v3
// object, as vt-cli's --include takes it, added as a column named PATH.
type includePath struct {
	name  string   // the column: PATH as given
	segs  []string // PATH split at dots
	list  bool     // PATH has a wildcard: a list column, one item per match
	typ   includeType
	index int // in Result.Included
}

// parseIncludes reads the --include list.
func parseIncludes(list []string) ([]*includePath, error) {
	var out []*includePath
	typed := func(spec string) bool { return strings.Contains(spec, ":") }
	type asked struct {
		p    *includePath
		spec string // the spec that set its type
	}
	seen := map[string]asked{}
	for _, spec := range list {
		p, err := parseInclude(spec)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[p.name]; ok {
			// The same path twice is one column, of the type given, if
			// any: two types for it are a mistake, said.
			switch {
			case typed(spec) && typed(prev.spec) && prev.p.typ != p.typ:
				return nil, fmt.Errorf("--include %q and %q ask for one column %q of two types; give it once", prev.spec, spec, p.name)
			case typed(spec) && !typed(prev.spec):
				prev.p.typ = p.typ
				seen[p.name] = asked{prev.p, spec}
			}
			continue
		}
		seen[p.name] = asked{p, spec}
		p.index = len(out)
		out = append(out, p)
	}
	return out, nil
}

func parseInclude(spec string) (*includePath, error) {
	path, typ, typed := strings.Cut(strings.TrimSpace(spec), ":")
	p := &includePath{name: path, segs: strings.Split(path, ".")}
	for _, s := range p.segs {
		if s == "" {
			return nil, fmt.Errorf("--include %q: an empty element in the path (want names separated by dots, such as pe_info.imphash)", spec)
		}
		if strings.Contains(s, "*") {
			p.list = true
		}
	}
	last := p.segs[len(p.segs)-1]
	switch t, ok := includeTypes[typ]; {
	case typed && !ok:
		return nil, fmt.Errorf("--include %q: unknown type %q (want string, json, int, float, bool or time)", spec, typ)
	case typed:
		p.typ = t
	case last == "date" || strings.HasSuffix(last, "_date"):
		p.typ = incTime // VirusTotal's dates are Unix seconds under *_date names
	}
	return p, nil
}

// arrowType is the column's type: the value type, or a list of it.
func (p *includePath) arrowType() arrow.DataType {
	var t arrow.DataType
	switch p.typ {
	case incInt:
		t = arrow.PrimitiveTypes.Int64
	case incFloat:
		t = arrow.PrimitiveTypes.Float64
	case incBool:
		t = arrow.FixedWidthTypes.Boolean
	case incTime:
		t = &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}
	default:
		t = arrow.BinaryTypes.String
	}
	if p.list {
		return arrow.ListOf(t)
	}
	return t
}

// extractIncluded finds every path's values in a v3 object: the values of
// Result.Included, in the order of paths. Paths start at the attributes;
// _id and _type are the object's id and type, as in vt-cli's output. A
// malformed object matches nothing.
func extractIncluded(raw []byte, paths []*includePath) [][]json.RawMessage {
	out := make([][]json.RawMessage, len(paths))
	var o struct {
		ID         string          `json:"id"`
		Type       string          `json:"type"`
		Attributes json.RawMessage `json:"attributes"`
	}
	if json.Unmarshal(raw, &o) != nil {
		return out
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(o.Attributes, &top) != nil || top == nil {
		top = map[string]json.RawMessage{}
	}
	top["_id"], _ = json.Marshal(o.ID)
	top["_type"], _ = json.Marshal(o.Type)
	for i, p := range paths {
		walkObject(top, p.segs, func(v json.RawMessage) { out[i] = append(out[i], v) })
	}
	return out
}

// walk emits the values that segs names under v. Arrays are crossed
// item by item: by a "*" element, or, as vt-cli does, where a name
// follows ("crowdsourced_yara_results.rule_name" is the rule name of
// every result). "**" stands for any number of levels (at least one when
// it ends the path: every value below).
func walk(v json.RawMessage, segs []string, emit func(json.RawMessage)) {
	if len(segs) == 0 {
		// Nulls too: the lists of two paths through the same objects
		// (engine names, their results) stay aligned item by item.
		if t := bytes.TrimSpace(v); len(t) > 0 {
			emit(t)
		}
		return
	}
	switch firstByte(v) {
	case '{':
		var m map[string]json.RawMessage
		if json.Unmarshal(v, &m) == nil {
			walkObject(m, segs, emit)
		}
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(v, &items) != nil {
			return
		}
		for _, it := range items {
			switch c := firstByte(it); {
			case segs[0] == "*":
				walk(it, segs[1:], emit)
			case segs[0] == "**" && len(segs) == 1 && c != '{' && c != '[':
				walk(it, nil, emit)
			default: // crossed as if it were not there
				walk(it, segs, emit)
			}
		}
	}
}

// walkObject follows segs[0] into the keys of m that it matches, in key
// order.
func walkObject(m map[string]json.RawMessage, segs []string, emit func(json.RawMessage)) {
	any := segs[0] == "**"
	if any && len(segs) > 1 {
		walkObject(m, segs[1:], emit) // no level at all
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if any || globMatch(segs[0], k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch c := firstByte(m[k]); {
		case !any:
			walk(m[k], segs[1:], emit)
		case c == '{' || c == '[':
			walk(m[k], segs, emit) // one level more, and maybe others
		case len(segs) == 1:
			walk(m[k], nil, emit) // a value below: "**" ends the path
		}
	}
}

// globMatch matches one path element against a pattern where "*" stands
// for any run of characters.
func globMatch(pattern, s string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == s
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(s, part)
		if i < 0 {
			return false
		}
		s = s[i+len(part):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

func isNull(v json.RawMessage) bool { return string(bytes.TrimSpace(v)) == "null" }

func firstByte(v json.RawMessage) byte {
	t := bytes.TrimSpace(v)
	if len(t) == 0 {
		return 0
	}
	return t[0]
}

// includeText is a value as a string column holds it: a JSON string as it is,
// anything else as its JSON text (or, with asJSON, everything as JSON
// text).
func includeText(v json.RawMessage, asJSON bool) string {
	if !asJSON && firstByte(v) == '"' {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	var b bytes.Buffer
	if json.Compact(&b, v) != nil {
		return string(v)
	}
	return b.String()
}

// number reads a JSON number; ok is false for anything else.
func number(v json.RawMessage) (f float64, ok bool) {
	if c := firstByte(v); c != '-' && (c < '0' || c > '9') {
		return 0, false
	}
	return f, json.Unmarshal(v, &f) == nil
}

// integer reads a JSON number that is a whole int64.
func integer(v json.RawMessage) (int64, bool) {
	var n int64
	if json.Unmarshal(v, &n) == nil {
		return n, true
	}
	f, ok := number(v)
	if !ok || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// boolean reads true or false.
func boolean(v json.RawMessage) (bool, bool) {
	switch string(bytes.TrimSpace(v)) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// unixSeconds reads a date as VirusTotal writes it: whole Unix seconds.
func unixSeconds(v json.RawMessage) (time.Time, bool) {
	n, ok := integer(v)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(n, 0).UTC(), true
}

// includeField is the VT column of an --include path.
func includeField(p *includePath) vtField {
	f := vtField{snake: p.name, seed: p.name, extra: true, incl: p}
	one := func(r *vtclient.Result) (json.RawMessage, bool) {
		if v := p.values(r); len(v) == 1 && !isNull(v[0]) {
			return v[0], true
		}
		return nil, false
	}
	switch {
	case p.list:
		f.kind = kindIncluded
	case p.typ == incInt:
		f.kind, f.num = kindInt, func(r *vtclient.Result) (int64, bool) {
			v, ok := one(r)
			return orZero(ok, v, integer)
		}
	case p.typ == incFloat:
		f.kind, f.flt = kindFloat, func(r *vtclient.Result) (float64, bool) {
			v, ok := one(r)
			return orZero(ok, v, number)
		}
	case p.typ == incBool:
		f.kind, f.boolean = kindBool, func(r *vtclient.Result) (bool, bool) {
			v, ok := one(r)
			return orZero(ok, v, boolean)
		}
	case p.typ == incTime:
		f.kind, f.when = kindTime, func(r *vtclient.Result) (time.Time, bool) {
			v, ok := one(r)
			return orZero(ok, v, unixSeconds)
		}
	default:
		f.str = func(r *vtclient.Result) (string, bool) {
			switch v := p.values(r); {
			case len(v) == 0 || len(v) == 1 && isNull(v[0]):
				return "", false
			case len(v) == 1:
				return includeText(v[0], p.typ == incJSON), true
			default: // a path without "*" that crossed a list: its values as a JSON array
				var b bytes.Buffer
				b.WriteByte('[')
				for i, x := range v {
					if i > 0 {
						b.WriteByte(',')
					}
					b.WriteString(includeText(x, true))
				}
				b.WriteByte(']')
				return b.String(), true
			}
		}
	}
	return f
}

// values are the path's matches in r.
func (p *includePath) values(r *vtclient.Result) []json.RawMessage {
	if p.index < len(r.Included) {
		return r.Included[p.index]
	}
	return nil
}

// orZero converts v when there is one.
func orZero[T any](ok bool, v json.RawMessage, conv func(json.RawMessage) (T, bool)) (T, bool) {
	if !ok {
		var zero T
		return zero, false
	}
	return conv(v)
}

// appendIncludedList appends the list of a wildcard path's values, each
// converted to the path's type (a value that is not of it is a null
// item); false when nothing matched.
func appendIncludedList(lb *array.ListBuilder, p *includePath, r *vtclient.Result) bool {
	values := p.values(r)
	if len(values) == 0 {
		return false
	}
	lb.Append(true)
	vb := lb.ValueBuilder()
	for _, v := range values {
		var ok bool
		switch b := vb.(type) {
		case *array.Int64Builder:
			var n int64
			if n, ok = integer(v); ok {
				b.Append(n)
			}
		case *array.Float64Builder:
			var x float64
			if x, ok = number(v); ok {
				b.Append(x)
			}
		case *array.BooleanBuilder:
			var x bool
			if x, ok = boolean(v); ok {
				b.Append(x)
			}
		case *array.TimestampBuilder:
			var t time.Time
			if t, ok = unixSeconds(v); ok {
				b.Append(arrow.Timestamp(t.Unix()))
			}
		case *array.StringBuilder:
			if ok = !isNull(v); ok {
				b.Append(includeText(v, p.typ == incJSON))
			}
		}
		if !ok {
			vb.AppendNull()
		}
	}
	return true
}

// includedBytes estimates the memory of a result's --include values.
func includedBytes(inc [][]json.RawMessage) int64 {
	var n int64
	for _, vs := range inc {
		n += 24
		for _, v := range vs {
			n += 24 + int64(len(v))
		}
	}
	return n
}
