package writers

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// The file around the column chunks: "PAR1", the row groups, then the
// footer (the Thrift FileMetaData, its length, "PAR1"). The schema is the
// parquet-go node tree that parquet_schema.go builds from the Arrow schema,
// flattened depth first into the footer's schema elements as parquet-go's
// own writer does.

// parquetMagic starts and ends every Parquet file.
const parquetMagic = "PAR1"

// leafInfo is what the file says of one leaf column.
type leafInfo struct {
	path           []string
	physical       format.Type
	maxDef, maxRep byte
	stats          statsKind
	arrowDict      bool // the Arrow column is dictionary-encoded
}

// name is the leaf's dotted path, for messages.
func (l *leafInfo) name() string { return strings.Join(l.path, ".") }

// fileSchema is the footer's view of a schema: its elements depth first,
// its leaf columns in order, and their sort orders.
type fileSchema struct {
	elements []format.SchemaElement
	leaves   []*leafInfo
	orders   []format.ColumnOrder
}

// newFileSchema flattens the node tree under root.
func newFileSchema(root parquet.Node) *fileSchema {
	s := &fileSchema{}
	s.walk("schema", root, nil, 0, 0, true)
	return s
}

func (s *fileSchema) walk(name string, node parquet.Node, path []string, def, rep byte, root bool) {
	t := node.Type()
	elem := format.SchemaElement{Name: name, FieldID: int32(node.ID())}
	if !root {
		path = append(path[:len(path):len(path)], name)
		switch {
		case node.Repeated():
			elem.RepetitionType = thrift.New(format.Repeated)
			def, rep = def+1, rep+1
		case node.Optional():
			elem.RepetitionType = thrift.New(format.Optional)
			def++
		default:
			elem.RepetitionType = thrift.New(format.Required)
		}
	}
	if lt := t.LogicalType(); lt != nil {
		elem.LogicalType = *lt
		// Older readers look for a decimal's scale and precision here.
		if d, ok := lt.Value.(*format.DecimalType); ok {
			elem.Scale.Set(d.Scale)
			elem.Precision.Set(d.Precision)
		}
	}
	if ct := t.ConvertedType(); ct != nil {
		elem.ConvertedType.Set(*ct)
	}
	if node.Leaf() {
		physical := *t.PhysicalType()
		elem.Type.Set(physical)
		if n := t.Length(); n > 0 && physical == format.FixedLenByteArray {
			elem.TypeLength.Set(int32(n))
		}
		s.elements = append(s.elements, elem)
		s.leaves = append(s.leaves, &leafInfo{path: path, physical: physical, maxDef: def, maxRep: rep, stats: statsOf(t, physical)})
		order := format.ColumnOrder{Value: new(format.TypeDefinedOrder)}
		if o := t.ColumnOrder(); o != nil {
			order = *o
		}
		s.orders = append(s.orders, order)
		return
	}
	elem.NumChildren.Set(int32(len(node.Fields())))
	s.elements = append(s.elements, elem)
	for _, f := range node.Fields() {
		s.walk(f.Name(), f, path, def, rep, false)
	}
}

// statsOf is the order of a leaf's values (see statsKind).
func statsOf(t parquet.Type, physical format.Type) statsKind {
	lt := t.LogicalType()
	switch physical {
	case format.ByteArray:
		return bytesStats
	case format.FixedLenByteArray:
		if lt != nil && lt.Value != nil {
			if _, decimal := lt.Value.(*format.DecimalType); decimal {
				return noStats // two's complement: byte-wise order is wrong for negatives
			}
		}
		return bytesStats
	case format.Boolean:
		return boolStats
	case format.Float:
		return floatStats
	case format.Double:
		return doubleStats
	case format.Int32, format.Int64:
		if lt != nil {
			switch v := lt.Value.(type) {
			case *format.NullType:
				return noStats
			case *format.IntType:
				if !v.IsSigned {
					if physical == format.Int32 {
						return uint32Stats
					}
					return uint64Stats
				}
			}
		}
		if physical == format.Int32 {
			return int32Stats
		}
		return int64Stats
	}
	return noStats
}

// fileLayout writes the parts of the file around the column chunks and
// keeps what the footer needs.
type fileLayout struct {
	out       *sink
	schema    *fileSchema
	metadata  []format.KeyValue
	offset    int64
	rowGroups []format.RowGroup
}

// start writes the leading magic bytes.
func (f *fileLayout) start() error {
	return f.write([]byte(parquetMagic))
}

func (f *fileLayout) write(b []byte) error {
	if _, err := f.out.Write(b); err != nil {
		return err
	}
	f.offset += int64(len(b))
	return nil
}

// writeRowGroup writes the finished chunks of columns, numRows rows.
func (f *fileLayout) writeRowGroup(columns []*leafColumn, dictPages [][]byte, numRows int) error {
	rg := format.RowGroup{NumRows: int64(numRows), FileOffset: f.offset, Ordinal: int16(len(f.rowGroups))}
	for k, c := range columns {
		start := f.offset
		if err := f.write(dictPages[k]); err != nil {
			return err
		}
		for _, page := range c.pages {
			if err := f.write(page); err != nil {
				return err
			}
		}
		chunk := c.metadata(start, int64(len(dictPages[k])))
		rg.Columns = append(rg.Columns, chunk)
		rg.TotalByteSize += chunk.MetaData.TotalUncompressedSize
		rg.TotalCompressedSize += chunk.MetaData.TotalCompressedSize
	}
	f.rowGroups = append(f.rowGroups, rg)
	return nil
}

// finish writes the footer.
func (f *fileLayout) finish() error {
	var rows int64
	for _, rg := range f.rowGroups {
		rows += rg.NumRows
	}
	meta := format.FileMetaData{
		Version:          2, // the format version whose features (data pages v2) the file uses
		Schema:           f.schema.elements,
		NumRows:          rows,
		RowGroups:        f.rowGroups,
		KeyValueMetadata: f.metadata,
		CreatedBy:        "vtenrich",
		ColumnOrders:     f.schema.orders,
	}
	footer, err := thrift.Marshal(new(thrift.CompactProtocol), &meta)
	if err != nil {
		return fmt.Errorf("encoding the footer: %w", err)
	}
	footer = binary.LittleEndian.AppendUint32(footer, uint32(len(footer)))
	return f.write(append(footer, parquetMagic...))
}
