package writers

import (
	"reflect"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// orderedGroup is a Parquet group node whose fields keep the order they are
// given in. parquet.Group is a map and sorts its fields by name, which would
// reorder the columns of every file we write; the order of a file's columns
// is part of what the user gave us.
type orderedGroup []parquet.Field

// groupField names a node inside an orderedGroup.
type groupField struct {
	parquet.Node
	name string
}

func newGroup(names []string, nodes []parquet.Node) orderedGroup {
	g := make(orderedGroup, len(nodes))
	for k, n := range nodes {
		g[k] = &groupField{Node: n, name: names[k]}
	}
	return g
}

// Name is the field's name in its group.
func (f *groupField) Name() string { return f.name }

// Value is part of parquet.Field for writing Go values by reflection,
// which vtenrich never does; it finds map entries and returns the zero
// Value otherwise.
func (f *groupField) Value(base reflect.Value) reflect.Value {
	if base.Kind() == reflect.Map {
		return base.MapIndex(reflect.ValueOf(f.name))
	}
	return reflect.Value{}
}

// ID is the Parquet field id; vtenrich sets none.
func (g orderedGroup) ID() int { return 0 }

// String prints the schema, as parquet-go does for its own nodes.
func (g orderedGroup) String() string { return parquet.NewSchema("", g).String() }

// Type is the group type, the same value parquet.Group reports.
func (g orderedGroup) Type() parquet.Type { return parquet.Group{}.Type() }

// Optional reports false: optional groups wrap this node in parquet.Optional.
func (g orderedGroup) Optional() bool { return false }

// Repeated reports false.
func (g orderedGroup) Repeated() bool { return false }

// Required reports true.
func (g orderedGroup) Required() bool { return true }

// Leaf reports false: a group has fields.
func (g orderedGroup) Leaf() bool { return false }

// Fields returns the fields in the order they were given.
func (g orderedGroup) Fields() []parquet.Field { return g }

// Encoding is nil: encodings are set on leaves.
func (g orderedGroup) Encoding() encoding.Encoding { return nil }

// Compression is nil: the writer's codec applies.
func (g orderedGroup) Compression() compress.Codec { return nil }

// GoType is the struct type parquet-go would read rows into; field order
// does not matter there, so it is the sorted group's.
func (g orderedGroup) GoType() reflect.Type {
	m := make(parquet.Group, len(g))
	for _, f := range g {
		m[f.Name()] = f
	}
	return m.GoType()
}
