package readers

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Arrow's IPC reader turns the flatbuffer schema into Go values with
// make([]T, n) for n read straight from the flatbuffer (fields, children,
// custom metadata). Flatbuffers do not check such counts against the
// buffer, so four hostile bytes can ask for hundreds of GiB, and running out
// of memory cannot be recovered. checkSchemaFB walks the same tables first
// and checks that every vector fits in the buffer it claims to be in.

// Flatbuffer field slots (see Arrow's Message.fbs, Schema.fbs, File.fbs).
const (
	fbMessageHeaderType = 1 // Message.header_type
	fbMessageHeader     = 2 // Message.header
	fbHeaderSchema      = 1 // MessageHeader.Schema
	fbFooterSchema      = 1 // Footer.schema
	fbSchemaFields      = 1 // Schema.fields
	fbSchemaMetadata    = 2 // Schema.custom_metadata
	fbFieldName         = 0 // Field.name
	fbFieldTypeType     = 2 // Field.type_type
	fbFieldType         = 3 // Field.type
	fbFieldChildren     = 5 // Field.children
	fbFieldMetadata     = 6 // Field.custom_metadata
	fbTypeUnion         = 14
	fbUnionTypeIDs      = 1 // Union.typeIds
	fbKeyValueKey       = 0
	fbKeyValueValue     = 1
)

// errFlatbuffer reports a flatbuffer that points outside itself.
var errFlatbuffer = errors.New("arrow/ipc: corrupt schema metadata (a flatbuffer offset or count is out of range)")

// fb reads a flatbuffer with bounds checks.
type fb []byte

// u32 reads the uint32 at at.
func (b fb) u32(at int) (int, error) {
	if at < 0 || at > len(b)-4 {
		return 0, errFlatbuffer
	}
	return int(binary.LittleEndian.Uint32(b[at:])), nil
}

// deref follows the uoffset stored at at.
func (b fb) deref(at int) (int, error) {
	off, err := b.u32(at)
	if err != nil || off > len(b) {
		return 0, errFlatbuffer
	}
	return at + off, nil
}

// field returns the position of slot i of the table at tab, or 0 when the
// slot is absent.
func (b fb) field(tab, i int) (int, error) {
	soff, err := b.u32(tab)
	if err != nil {
		return 0, err
	}
	vt := tab - int(int32(uint32(soff)))
	if vt < 0 || vt > len(b)-4 {
		return 0, errFlatbuffer
	}
	vtSize := int(binary.LittleEndian.Uint16(b[vt:]))
	if vtSize < 4 || vt+vtSize > len(b) {
		return 0, errFlatbuffer
	}
	if 4+2*i+2 > vtSize {
		return 0, nil
	}
	off := int(binary.LittleEndian.Uint16(b[vt+4+2*i:]))
	if off == 0 {
		return 0, nil
	}
	return tab + off, nil
}

// child returns the table or vector that slot i of tab refers to; 0 when
// the slot is absent.
func (b fb) child(tab, i int) (int, error) {
	at, err := b.field(tab, i)
	if err != nil || at == 0 {
		return 0, err
	}
	return b.deref(at)
}

// vector checks the vector of n elements of size bytes at v and returns n.
func (b fb) vector(v, size int) (int, error) {
	n, err := b.u32(v)
	if err != nil || n > (len(b)-v-4)/size {
		return 0, errFlatbuffer
	}
	return n, nil
}

// tables calls f on each table of the vector of tables in slot i of tab.
func (b fb) tables(tab, i int, f func(t int) error) error {
	v, err := b.child(tab, i)
	if err != nil || v == 0 {
		return err
	}
	n, err := b.vector(v, 4)
	if err != nil {
		return err
	}
	for k := range n {
		t, err := b.deref(v + 4 + 4*k)
		if err != nil {
			return err
		}
		if err := f(t); err != nil {
			return err
		}
	}
	return nil
}

// bytesIn checks the string or scalar vector in slot i of tab.
func (b fb) bytesIn(tab, i, size int) error {
	v, err := b.child(tab, i)
	if err != nil || v == 0 {
		return err
	}
	_, err = b.vector(v, size)
	return err
}

// keyValues checks a custom_metadata vector.
func (b fb) keyValues(tab, i int) error {
	return b.tables(tab, i, func(kv int) error {
		if err := b.bytesIn(kv, fbKeyValueKey, 1); err != nil {
			return err
		}
		return b.bytesIn(kv, fbKeyValueValue, 1)
	})
}

// schema checks a Schema table.
func (b fb) schema(tab int) error {
	if err := b.tables(tab, fbSchemaFields, func(f int) error { return b.arrowField(f, 0) }); err != nil {
		return err
	}
	return b.keyValues(tab, fbSchemaMetadata)
}

// arrowField checks a Field table and its children.
func (b fb) arrowField(tab, depth int) error {
	if depth > maxNesting {
		return fmt.Errorf("arrow/ipc: schema nested more than %d levels", maxNesting)
	}
	if err := b.bytesIn(tab, fbFieldName, 1); err != nil {
		return err
	}
	at, err := b.field(tab, fbFieldTypeType)
	if err != nil {
		return err
	}
	if at != 0 && at < len(b) && b[at] == fbTypeUnion {
		typ, err := b.child(tab, fbFieldType)
		if err != nil {
			return err
		}
		if typ != 0 {
			if err := b.bytesIn(typ, fbUnionTypeIDs, 4); err != nil {
				return err
			}
		}
	}
	if err := b.tables(tab, fbFieldChildren, func(c int) error { return b.arrowField(c, depth+1) }); err != nil {
		return err
	}
	return b.keyValues(tab, fbFieldMetadata)
}

// checkSchemaMessage checks the metadata of an IPC stream message when it
// is a schema.
func checkSchemaMessage(meta []byte) error {
	b := fb(meta)
	msg, err := b.deref(0)
	if err != nil {
		return err
	}
	at, err := b.field(msg, fbMessageHeaderType)
	if err != nil || at == 0 || at >= len(b) || b[at] != fbHeaderSchema {
		return err
	}
	return b.schemaIn(msg, fbMessageHeader)
}

// checkFooter checks the schema in the footer of an IPC file (the bytes
// between the body and the footer length).
func checkFooter(footer []byte) error {
	b := fb(footer)
	root, err := b.deref(0)
	if err != nil {
		return err
	}
	return b.schemaIn(root, fbFooterSchema)
}

// schemaIn checks the Schema table in slot i of tab, if there is one.
func (b fb) schemaIn(tab, i int) error {
	sch, err := b.child(tab, i)
	if err != nil || sch == 0 {
		return err
	}
	return b.schema(sch)
}
