package readers

import (
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// The Parquet schema becomes an Arrow schema and a tree of pqNode, which
// says how each Arrow array is assembled from the definition and
// repetition levels of the leaf columns below it (Dremel's encoding):
//
//   - a value is present (not null) when the level is at least def;
//   - the entries of a leaf column that are slots of a node are those with
//     definition level >= slotDef and repetition level <= slotRep: the
//     levels of the node's nearest repeated ancestor;
//   - a list (or map) has an element at entries with definition level
//     >= elemDef, and a new element starts at repetition level rep.
//
// Lists follow the LIST annotation and its backward-compatibility rules;
// a repeated field outside a LIST is a list of required elements; MAP and
// MAP_KEY_VALUE groups are maps. A primitive's Arrow type follows its
// logical type, else its converted type, else its physical type; a logical
// type this reader does not know (GEOMETRY, GEOGRAPHY, VARIANT, a future
// one) falls back to the physical type, as the Parquet spec asks.

// nodeKind is how a node's array is built.
type nodeKind int

const (
	leafNode nodeKind = iota
	structNode
	listNode
	mapNode
)

// pqNode is one Arrow array of the schema and how to assemble it.
type pqNode struct {
	kind     nodeKind
	field    arrow.Field
	path     string
	def      int16 // definition level at which the value is present
	elemDef  int16 // list, map: level at which there is an element
	rep      int16 // list, map: repetition level of the elements
	slotDef  int16
	slotRep  int16
	leaf     int // leafNode: its column; others: the first column below
	children []*pqNode
}

// pqLeaf is a leaf column: where its values go and how they convert.
type pqLeaf struct {
	path       string
	physical   format.Type
	typeLength int
	maxDef     int16
	maxRep     int16
	arrow      arrow.DataType
	conv       convKind
}

// schemaTree is the flat schema list as a tree.
type schemaTree struct {
	elem     *format.SchemaElement
	children []*schemaTree
}

// parseSchemaTree rebuilds the tree from the depth-first list.
func parseSchemaTree(elems []format.SchemaElement) (*schemaTree, error) {
	if len(elems) == 0 {
		return nil, fmt.Errorf("the schema is empty")
	}
	at := 0
	var walk func(depth int) (*schemaTree, error)
	walk = func(depth int) (*schemaTree, error) {
		if depth > maxNesting {
			return nil, fmt.Errorf("the schema is nested more than %d levels", maxNesting)
		}
		if at >= len(elems) {
			return nil, fmt.Errorf("the schema lists fewer elements than its groups claim")
		}
		t := &schemaTree{elem: &elems[at]}
		at++
		n := int(t.elem.NumChildren.V)
		if n < 0 || n > len(elems)-at {
			return nil, fmt.Errorf("schema element %q claims %d children", t.elem.Name, n)
		}
		for range n {
			c, err := walk(depth + 1)
			if err != nil {
				return nil, err
			}
			t.children = append(t.children, c)
		}
		return t, nil
	}
	root, err := walk(0)
	if err != nil {
		return nil, err
	}
	if at != len(elems) {
		return nil, fmt.Errorf("the schema has %d elements outside its root", len(elems)-at)
	}
	return root, nil
}

// schemaBuilder numbers leaves while it builds nodes.
type schemaBuilder struct {
	leaves []*pqLeaf
	path   []string
}

// buildSchema maps a file's schema to Arrow.
func buildSchema(elems []format.SchemaElement) (*arrow.Schema, []*pqNode, []*pqLeaf, error) {
	root, err := parseSchemaTree(elems)
	if err != nil {
		return nil, nil, nil, err
	}
	b := &schemaBuilder{}
	var fields []arrow.Field
	var nodes []*pqNode
	for _, c := range root.children {
		n, err := b.field(c, 0, 0, 0, 0)
		if err != nil {
			return nil, nil, nil, err
		}
		fields = append(fields, n.field)
		nodes = append(nodes, n)
	}
	return arrow.NewSchema(fields, nil), nodes, b.leaves, nil
}

func (b *schemaBuilder) errorf(format string, args ...any) error {
	return fmt.Errorf("column %q: %s", strings.Join(b.path, "."), fmt.Sprintf(format, args...))
}

// field builds t, whose parent is present at definition level def and
// repetition level rep.
func (b *schemaBuilder) field(t *schemaTree, def, rep, slotDef, slotRep int16) (*pqNode, error) {
	b.path = append(b.path, t.elem.Name)
	defer func() { b.path = b.path[:len(b.path)-1] }()
	switch t.elem.RepetitionType.V {
	case format.Repeated:
		// A repeated field outside a LIST: a list of required elements.
		if def >= 255 || rep >= 255 {
			return nil, b.errorf("more than 255 nesting levels")
		}
		elem, err := b.content(t, def+1, rep+1, false, def+1, rep+1)
		if err != nil {
			return nil, err
		}
		return b.listOf(t, elem, def, def+1, rep+1, false, slotDef, slotRep), nil
	case format.Optional:
		if def >= 255 {
			return nil, b.errorf("more than 255 nesting levels")
		}
		return b.content(t, def+1, rep, true, slotDef, slotRep)
	}
	return b.content(t, def, rep, false, slotDef, slotRep)
}

// content builds t present at level def, without looking at its own
// repetition (the caller has counted it).
func (b *schemaBuilder) content(t *schemaTree, def, rep int16, nullable bool, slotDef, slotRep int16) (*pqNode, error) {
	e := t.elem
	if len(t.children) == 0 && e.Type.Valid {
		return b.leaf(t, def, rep, nullable, slotDef, slotRep)
	}
	if len(t.children) == 0 {
		return nil, b.errorf("a group without fields has no Arrow form")
	}
	lt := e.LogicalType.Value
	switch {
	case isLogical[*format.ListType](lt) || e.ConvertedType.Valid && e.ConvertedType.V == deprecated.List:
		return b.list(t, def, rep, nullable, slotDef, slotRep)
	case isLogical[*format.MapType](lt) || e.ConvertedType.Valid && (e.ConvertedType.V == deprecated.Map || e.ConvertedType.V == deprecated.MapKeyValue):
		return b.mapOf(t, def, rep, nullable, slotDef, slotRep)
	}
	return b.structOf(t, t.children, def, rep, nullable, slotDef, slotRep)
}

// isLogical reports whether the logical type is a T.
func isLogical[T format.LogicalTypeValue](lt format.LogicalTypeValue) bool {
	_, ok := lt.(T)
	return ok
}

// structOf builds a group as a struct of its fields.
func (b *schemaBuilder) structOf(t *schemaTree, children []*schemaTree, def, rep int16, nullable bool, slotDef, slotRep int16) (*pqNode, error) {
	n := &pqNode{kind: structNode, path: strings.Join(b.path, "."), def: def, slotDef: slotDef, slotRep: slotRep, leaf: len(b.leaves)}
	fields := make([]arrow.Field, 0, len(children))
	for _, c := range children {
		cn, err := b.field(c, def, rep, slotDef, slotRep)
		if err != nil {
			return nil, err
		}
		n.children = append(n.children, cn)
		fields = append(fields, cn.field)
	}
	n.field = arrow.Field{Name: t.elem.Name, Type: arrow.StructOf(fields...), Nullable: nullable}
	return n, nil
}

// list builds a LIST-annotated group. Its one child repeats; the element
// is, by the spec's backward-compatibility rules, the repeated field
// itself when it is a primitive, a group of several fields, or a group
// named "array" or "<list>_tuple"; else the repeated group's one field.
func (b *schemaBuilder) list(t *schemaTree, def, rep int16, nullable bool, slotDef, slotRep int16) (*pqNode, error) {
	if len(t.children) != 1 || t.children[0].elem.RepetitionType.V != format.Repeated {
		return nil, b.errorf("a LIST group must hold exactly one repeated field")
	}
	if def >= 255 || rep >= 255 {
		return nil, b.errorf("more than 255 nesting levels")
	}
	r := t.children[0]
	ed, er := def+1, rep+1
	var elem *pqNode
	var err error
	b.path = append(b.path, r.elem.Name)
	switch {
	case len(r.children) == 0, len(r.children) > 1, r.elem.Name == "array", r.elem.Name == t.elem.Name+"_tuple":
		elem, err = b.content(r, ed, er, false, ed, er)
	default:
		elem, err = b.field(r.children[0], ed, er, ed, er)
	}
	b.path = b.path[:len(b.path)-1]
	if err != nil {
		return nil, err
	}
	return b.listOf(t, elem, def, ed, er, nullable, slotDef, slotRep), nil
}

// listOf makes the list node of elem.
func (b *schemaBuilder) listOf(t *schemaTree, elem *pqNode, def, elemDef, rep int16, nullable bool, slotDef, slotRep int16) *pqNode {
	elemField := elem.field
	if elemField.Name == "" {
		elemField.Name = "element"
	}
	return &pqNode{kind: listNode, path: strings.Join(b.path, "."), def: def, elemDef: elemDef, rep: rep,
		slotDef: slotDef, slotRep: slotRep, leaf: elem.leaf, children: []*pqNode{elem},
		field: arrow.Field{Name: t.elem.Name, Type: arrow.ListOfField(elemField), Nullable: nullable}}
}

// mapOf builds a MAP group: a repeated group of a key and a value. A key
// the file declares optional (against the spec) is read as required, and a
// null one is refused at read time; a map without values is a list of its
// keys.
func (b *schemaBuilder) mapOf(t *schemaTree, def, rep int16, nullable bool, slotDef, slotRep int16) (*pqNode, error) {
	if len(t.children) != 1 || t.children[0].elem.RepetitionType.V != format.Repeated || len(t.children[0].children) == 0 || len(t.children[0].children) > 2 {
		return nil, b.errorf("a MAP group must hold one repeated group of a key and a value")
	}
	if def >= 255 || rep >= 255 {
		return nil, b.errorf("more than 255 nesting levels")
	}
	kv := t.children[0]
	ed, er := def+1, rep+1
	b.path = append(b.path, kv.elem.Name)
	defer func() { b.path = b.path[:len(b.path)-1] }()
	if len(kv.children) == 1 {
		key, err := b.field(kv.children[0], ed, er, ed, er)
		if err != nil {
			return nil, err
		}
		return b.listOf(t, key, def, ed, er, nullable, slotDef, slotRep), nil
	}
	entries, err := b.structOf(kv, kv.children, ed, er, false, ed, er)
	if err != nil {
		return nil, err
	}
	key, value := entries.children[0], entries.children[1]
	if _, nested := key.field.Type.(arrow.NestedType); nested {
		return nil, b.errorf("map keys of type %s are not supported", key.field.Type)
	}
	mt := arrow.MapOfWithMetadata(key.field.Type, key.field.Metadata, value.field.Type, value.field.Metadata)
	mt.SetItemNullable(value.field.Nullable)
	return &pqNode{kind: mapNode, path: strings.Join(b.path[:len(b.path)-1], "."), def: def, elemDef: ed, rep: er,
		slotDef: slotDef, slotRep: slotRep, leaf: entries.leaf, children: []*pqNode{entries},
		field: arrow.Field{Name: t.elem.Name, Type: mt, Nullable: nullable}}, nil
}

// leaf builds a primitive column.
func (b *schemaBuilder) leaf(t *schemaTree, def, rep int16, nullable bool, slotDef, slotRep int16) (*pqNode, error) {
	e := t.elem
	l := &pqLeaf{path: strings.Join(b.path, "."), physical: e.Type.V, typeLength: int(e.TypeLength.V), maxDef: def, maxRep: rep}
	if l.physical == format.FixedLenByteArray && (l.typeLength <= 0 || l.typeLength > 1<<20) {
		return nil, b.errorf("FIXED_LEN_BYTE_ARRAY of length %d", l.typeLength)
	}
	var err error
	if l.arrow, l.conv, err = leafType(e); err != nil {
		return nil, b.errorf("%v", err)
	}
	b.leaves = append(b.leaves, l)
	field := arrow.Field{Name: e.Name, Type: l.arrow, Nullable: nullable}
	if _, uuid := e.LogicalType.Value.(*format.UUIDType); uuid && l.conv == convFixed {
		field = rows.UUIDField(field) // text writers show it as a UUID, Parquet keeps the type
	}
	return &pqNode{kind: leafNode, path: l.path, def: def, slotDef: slotDef, slotRep: slotRep, leaf: len(b.leaves) - 1,
		field: field}, nil
}
