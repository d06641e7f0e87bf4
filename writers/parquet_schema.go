package writers

import (
	"encoding/binary"
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// Arrow → Parquet type mapping. Each Arrow field becomes a Parquet node and
// a shredder that turns its values into leaf column values with repetition
// and definition levels (the Dremel encoding Parquet stores):
//
//	int8/16/32, uint8/16/32   INT32 with INT(bits, signed) annotation
//	int64, uint64             INT64 with INT(64, signed)
//	float16, float32          FLOAT (float16 widened)
//	float64                   DOUBLE
//	bool                      BOOLEAN
//	string, large_string      BYTE_ARRAY with STRING annotation
//	binary, large_binary      BYTE_ARRAY; fixed_size_binary: FIXED_LEN_BYTE_ARRAY
//	timestamp                 INT64 TIMESTAMP(unit, isAdjustedToUTC = has a zone);
//	                          seconds are stored as milliseconds (Parquet has no seconds)
//	date32, date64            INT32 DATE (date64 is whole days by definition)
//	time32, time64            TIME(MILLIS) INT32, TIME(MICROS|NANOS) INT64
//	duration                  INT64 count of the type's unit
//	decimal128                DECIMAL on INT32/INT64 (precision ≤ 9/18) or 16-byte FLBA;
//	                          decimal256 on 32-byte FLBA
//	list, large_list, fixed_size_list   3-level LIST
//	struct                    group, fields in order
//	map                       MAP of required keys
//	dictionary                its value type, dictionary-encoded
//	null                      INT32 with UNKNOWN (always null) annotation
//
// A nullable Arrow field is an optional node, a non-nullable one required.
//
// Column names go into the file as they are, the empty name included: the
// Parquet format allows any string, and parquet-go and Arrow's reader give
// back "" (DuckDB shows such a column under its placeholder name C0), so no
// renaming scheme is needed.

// shredder writes the values of one field into leaf columns.
type shredder interface {
	// shred appends row i of a at repetition level rep; def counts the
	// optional and repeated ancestors that are present.
	shred(a arrow.Array, i int, rep, def int, cols []*leafColumn)
	// null appends, to every leaf below, a value saying that the field is
	// absent at this level.
	null(rep, def int, cols []*leafColumn)
}

// mapping builds nodes and shredders, numbering the leaf columns in the
// order Parquet stores them (depth first).
type mapping struct {
	leaves    int
	path      []string // for errors
	bad       *badNull
	arrowDict []int // leaves that Arrow holds dictionary-encoded
}

// required returns the null report of a non-nullable field, nil for a
// nullable one.
func (m *mapping) required(optional bool) *requiredNull {
	if optional {
		return nil
	}
	return &requiredNull{path: joinPath(m.path), bad: m.bad}
}

func (m *mapping) field(f arrow.Field, repeated int) (parquet.Node, shredder, error) {
	m.path = append(m.path, f.Name)
	defer func() { m.path = m.path[:len(m.path)-1] }()
	node, sh, err := m.node(f.Type, repeated, f.Nullable)
	if err != nil {
		return nil, nil, err
	}
	if rows.IsUUID(f) {
		node = parquet.UUID() // the same 16 bytes, typed as Parquet's UUID
	}
	if f.Nullable || f.Type.ID() == arrow.NULL {
		node = parquet.Optional(node)
	} else {
		node = parquet.Required(node)
	}
	return node, sh, nil
}

func (m *mapping) node(dt arrow.DataType, repeated int, optional bool) (parquet.Node, shredder, error) {
	switch dt := dt.(type) {
	case *arrow.StructType:
		if dt.NumFields() == 0 {
			return nil, nil, m.errorf("a struct without fields has no Parquet form")
		}
		names := make([]string, dt.NumFields())
		nodes := make([]parquet.Node, dt.NumFields())
		sh := &structShredder{optional: optional, req: m.required(optional), fields: make([]shredder, dt.NumFields())}
		for k, f := range dt.Fields() {
			var err error
			if nodes[k], sh.fields[k], err = m.field(f, repeated); err != nil {
				return nil, nil, err
			}
			names[k] = f.Name
		}
		return newGroup(names, nodes), sh, nil
	case *arrow.MapType:
		key, keys, err := m.field(arrow.Field{Name: "key", Type: dt.KeyType()}, repeated+1)
		if err != nil {
			return nil, nil, err
		}
		value, values, err := m.field(dt.ItemField(), repeated+1)
		if err != nil {
			return nil, nil, err
		}
		entries := &structShredder{fields: []shredder{keys, values}}
		return parquet.Map(key, value), &listShredder{optional: optional, req: m.required(optional), level: repeated + 1, elem: entries}, nil
	case *arrow.ListType, *arrow.LargeListType, *arrow.FixedSizeListType:
		elemField := dt.(arrow.ListLikeType).ElemField()
		elem, sh, err := m.field(elemField, repeated+1)
		if err != nil {
			return nil, nil, err
		}
		return parquet.List(elem), &listShredder{optional: optional, req: m.required(optional), level: repeated + 1, elem: sh}, nil
	case *arrow.DictionaryType:
		node, value, err := m.leaf(dt.ValueType)
		if err != nil {
			return nil, nil, err
		}
		col := m.next()
		if bytes := bytesFunc(dt.ValueType); bytes != nil {
			m.arrowDict = append(m.arrowDict, col)
			return node, &dictShredder{flatLeaf: flatLeaf{col: col, optional: optional, req: m.required(optional)}, bytes: bytes}, nil
		}
		leaf := &leafShredder{flatLeaf: flatLeaf{col: col, optional: optional, req: m.required(optional)}, deep: true,
			value: func(a arrow.Array, i int) parquet.Value {
				d := a.(*array.Dictionary)
				return value(d.Dictionary(), d.GetValueIndex(i))
			}}
		return node, leaf, nil
	case *arrow.NullType:
		return parquet.Leaf(nullInt32{parquet.Int32Type}), &nullShredder{col: m.next()}, nil
	}
	node, value, err := m.leaf(dt)
	if err != nil {
		return nil, nil, err
	}
	if bytes := bytesFunc(dt); bytes != nil {
		return node, &bytesShredder{flatLeaf: flatLeaf{col: m.next(), optional: optional, req: m.required(optional)}, bytes: bytes}, nil
	}
	leaf := leafShredder{flatLeaf: flatLeaf{col: m.next(), optional: optional, req: m.required(optional)}, value: value}
	switch dt := dt.(type) {
	case *arrow.Int64Type:
		return node, &int64Shredder{leafShredder: leaf, mult: 1}, nil
	case *arrow.TimestampType:
		mult := int64(1)
		if dt.Unit == arrow.Second {
			mult = 1000 // as timestampLeaf stores it
		}
		return node, &int64Shredder{leafShredder: leaf, mult: mult}, nil
	}
	return node, &leaf, nil
}

// bytesFunc returns how to read the bytes of a string or binary type's
// values (the Parquet BYTE_ARRAY types), nil for any other type.
func bytesFunc(dt arrow.DataType) func(a arrow.Array, i int) []byte {
	switch dt.ID() {
	case arrow.STRING:
		return func(a arrow.Array, i int) []byte { return stringBytes(a.(*array.String).Value(i)) }
	case arrow.LARGE_STRING, arrow.STRING_VIEW:
		value := stringFunc(dt)
		return func(a arrow.Array, i int) []byte { return stringBytes(value(a, i)) }
	case arrow.BINARY, arrow.LARGE_BINARY, arrow.BINARY_VIEW:
		return binaryValue
	}
	return nil
}

// nullInt32 is the column type of Arrow's null type: INT32 annotated
// UNKNOWN (always null), as Arrow C++ and PyArrow write it. parquet-go's own
// NullType writes the same schema element but a column chunk whose type is
// -1, which DuckDB refuses ("TProtocolException: Invalid data") and no
// reader can read; an INT32 column whose values are all null is valid.
type nullInt32 struct{ parquet.Type }

// LogicalType is UNKNOWN.
func (nullInt32) LogicalType() *format.LogicalType {
	return &format.LogicalType{Value: new(format.NullType)}
}

// String names the type in schema dumps.
func (nullInt32) String() string { return "NULL" }

func (m *mapping) next() int {
	m.leaves++
	return m.leaves - 1
}

func (m *mapping) errorf(format string, args ...any) error {
	return fmt.Errorf("writers: parquet: column %q: %s", joinPath(m.path), fmt.Sprintf(format, args...))
}

func joinPath(path []string) string {
	s := ""
	for k, p := range path {
		if k > 0 {
			s += "."
		}
		s += p
	}
	return s
}

// valueFunc converts row i of an array to a Parquet value.
type valueFunc func(a arrow.Array, i int) parquet.Value

// leaf maps a flat Arrow type.
func (m *mapping) leaf(dt arrow.DataType) (parquet.Node, valueFunc, error) {
	switch dt := dt.(type) {
	case *arrow.BooleanType:
		return parquet.Leaf(parquet.BooleanType), func(a arrow.Array, i int) parquet.Value {
			return parquet.BooleanValue(a.(*array.Boolean).Value(i))
		}, nil
	case *arrow.Int8Type:
		return parquet.Int(8), int32Value[int8, *array.Int8], nil
	case *arrow.Int16Type:
		return parquet.Int(16), int32Value[int16, *array.Int16], nil
	case *arrow.Int32Type:
		return parquet.Int(32), int32Value[int32, *array.Int32], nil
	case *arrow.Int64Type:
		return parquet.Int(64), int64Value[int64, *array.Int64], nil
	case *arrow.Uint8Type:
		return parquet.Uint(8), int32Value[uint8, *array.Uint8], nil
	case *arrow.Uint16Type:
		return parquet.Uint(16), int32Value[uint16, *array.Uint16], nil
	case *arrow.Uint32Type:
		// The bits of the uint32; the UINT(32) annotation says how to read them.
		return parquet.Uint(32), int32Value[uint32, *array.Uint32], nil
	case *arrow.Uint64Type:
		return parquet.Uint(64), int64Value[uint64, *array.Uint64], nil
	case *arrow.Float16Type:
		return parquet.Leaf(parquet.FloatType), func(a arrow.Array, i int) parquet.Value {
			return parquet.FloatValue(a.(*array.Float16).Value(i).Float32())
		}, nil
	case *arrow.Float32Type:
		return parquet.Leaf(parquet.FloatType), func(a arrow.Array, i int) parquet.Value {
			return parquet.FloatValue(a.(*array.Float32).Value(i))
		}, nil
	case *arrow.Float64Type:
		return parquet.Leaf(parquet.DoubleType), func(a arrow.Array, i int) parquet.Value {
			return parquet.DoubleValue(a.(*array.Float64).Value(i))
		}, nil
	case *arrow.StringType:
		// The common case (every CSV column) without a second indirect call.
		return parquet.String(), func(a arrow.Array, i int) parquet.Value {
			return parquet.ByteArrayValue(stringBytes(a.(*array.String).Value(i)))
		}, nil
	case *arrow.LargeStringType, *arrow.StringViewType:
		value := stringFunc(dt)
		return parquet.String(), func(a arrow.Array, i int) parquet.Value {
			return parquet.ByteArrayValue(stringBytes(value(a, i)))
		}, nil
	case *arrow.BinaryType, *arrow.LargeBinaryType, *arrow.BinaryViewType:
		return parquet.Leaf(parquet.ByteArrayType), func(a arrow.Array, i int) parquet.Value {
			return parquet.ByteArrayValue(binaryValue(a, i))
		}, nil
	case *arrow.FixedSizeBinaryType:
		return parquet.Leaf(parquet.FixedLenByteArrayType(dt.ByteWidth)), func(a arrow.Array, i int) parquet.Value {
			return parquet.FixedLenByteArrayValue(binaryValue(a, i))
		}, nil
	case *arrow.TimestampType:
		return timestampLeaf(dt)
	case *arrow.Date32Type:
		return parquet.Date(), int32Value[arrow.Date32, *array.Date32], nil
	case *arrow.Date64Type:
		return parquet.Date(), func(a arrow.Array, i int) parquet.Value {
			ms := int64(a.(*array.Date64).Value(i))
			return parquet.Int32Value(int32(floorDiv(ms, 86_400_000)))
		}, nil
	case *arrow.Time32Type:
		mult := int32(1)
		if dt.Unit == arrow.Second {
			mult = 1000
		}
		// Not adjusted to UTC: an Arrow time has no zone, and readers
		// (DuckDB) take an adjusted one for TIME WITH TIME ZONE.
		return parquet.TimeAdjusted(parquet.Millisecond, false), func(a arrow.Array, i int) parquet.Value {
			return parquet.Int32Value(int32(a.(*array.Time32).Value(i)) * mult)
		}, nil
	case *arrow.Time64Type:
		unit := parquet.Microsecond
		if dt.Unit == arrow.Nanosecond {
			unit = parquet.Nanosecond
		}
		return parquet.TimeAdjusted(unit, false), int64Value[arrow.Time64, *array.Time64], nil
	case *arrow.DurationType:
		return parquet.Leaf(parquet.Int64Type), int64Value[arrow.Duration, *array.Duration], nil
	case *arrow.Decimal128Type:
		return decimal128Leaf(dt)
	case *arrow.Decimal256Type:
		return parquet.Decimal(int(dt.Scale), int(dt.Precision), parquet.FixedLenByteArrayType(32)),
			func(a arrow.Array, i int) parquet.Value {
				words := a.(*array.Decimal256).Value(i).Array() // little-endian words
				b := make([]byte, 32)
				for w := 0; w < 4; w++ {
					binary.BigEndian.PutUint64(b[(3-w)*8:], words[w])
				}
				return parquet.FixedLenByteArrayValue(b)
			}, nil
	}
	return nil, nil, m.errorf("Arrow type %s has no Parquet form here; write csv, jsonl or arrow instead", dt)
}

// int32Value stores an integer of up to 32 bits as Parquet INT32.
func int32Value[T ~int8 | ~int16 | ~int32 | ~uint8 | ~uint16 | ~uint32, A valuer[T]](a arrow.Array, i int) parquet.Value {
	return parquet.Int32Value(int32(a.(A).Value(i)))
}

// int64Value stores a 64-bit integer as Parquet INT64.
func int64Value[T ~int64 | ~uint64, A valuer[T]](a arrow.Array, i int) parquet.Value {
	return parquet.Int64Value(int64(a.(A).Value(i)))
}

func timestampLeaf(dt *arrow.TimestampType) (parquet.Node, valueFunc, error) {
	units := map[arrow.TimeUnit]parquet.TimeUnit{
		arrow.Second:      parquet.Millisecond,
		arrow.Millisecond: parquet.Millisecond,
		arrow.Microsecond: parquet.Microsecond,
		arrow.Nanosecond:  parquet.Nanosecond,
	}
	mult := int64(1)
	if dt.Unit == arrow.Second {
		mult = 1000
	}
	return parquet.TimestampAdjusted(units[dt.Unit], dt.TimeZone != ""), func(a arrow.Array, i int) parquet.Value {
		return parquet.Int64Value(int64(a.(*array.Timestamp).Value(i)) * mult)
	}, nil
}

func decimal128Leaf(dt *arrow.Decimal128Type) (parquet.Node, valueFunc, error) {
	scale, precision := int(dt.Scale), int(dt.Precision)
	switch {
	case precision <= 9:
		return parquet.Decimal(scale, precision, parquet.Int32Type), func(a arrow.Array, i int) parquet.Value {
			return parquet.Int32Value(int32(a.(*array.Decimal128).Value(i).LowBits()))
		}, nil
	case precision <= 18:
		return parquet.Decimal(scale, precision, parquet.Int64Type), func(a arrow.Array, i int) parquet.Value {
			return parquet.Int64Value(int64(a.(*array.Decimal128).Value(i).LowBits()))
		}, nil
	}
	return parquet.Decimal(scale, precision, parquet.FixedLenByteArrayType(16)), func(a arrow.Array, i int) parquet.Value {
		n := a.(*array.Decimal128).Value(i)
		b := make([]byte, 16)
		binary.BigEndian.PutUint64(b, uint64(n.HighBits()))
		binary.BigEndian.PutUint64(b[8:], n.LowBits())
		return parquet.FixedLenByteArrayValue(b)
	}, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
