package writers

import (
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// Wrapper types hold their values in a child array and say which slot of
// the child a row is: unions (a value of one of several types per row),
// run-end encoding (runs of one value) and extension types (a storage type
// under another name). In CSV, TSV and JSON a row of such a column is
// written as the value it stands for, in the form of the child's type: a
// union row holding the int32 5 is 5, a run-end-encoded string column reads
// like a plain one, and an extension column like its storage. What is lost
// is only the wrapper's own bookkeeping (which union member, where the runs
// end, the extension's name), which Arrow and Parquet output keep.

// wrappedFunc returns the rendering of a wrapper type dt, with each child
// type rendered by render (textFunc or jsonFunc); nil when dt is not a
// wrapper. The recursion goes from a type to its children only, so it ends
// with the type's depth.
func wrappedFunc(dt arrow.DataType, render func(arrow.DataType) appendFunc) appendFunc {
	switch dt := dt.(type) {
	case arrow.UnionType:
		return unionFunc(dt, render)
	case *arrow.RunEndEncodedType:
		value := render(dt.Encoded())
		return func(dst []byte, a arrow.Array, i int) []byte {
			r := a.(*array.RunEndEncoded)
			return value(dst, r.Values(), r.GetPhysicalIndex(i))
		}
	case arrow.ExtensionType:
		storage := render(dt.StorageType())
		return func(dst []byte, a arrow.Array, i int) []byte {
			if e, ok := a.(array.ExtensionArray); ok {
				a = e.Storage()
			}
			// else: the child of a union or list built as the storage type
			return storage(dst, a, i)
		}
	}
	return nil
}

// unionFunc renders the member value a union row holds.
func unionFunc(dt arrow.UnionType, render func(arrow.DataType) appendFunc) appendFunc {
	members := make([]appendFunc, len(dt.Fields()))
	for k, f := range dt.Fields() {
		members[k] = render(f.Type)
	}
	return func(dst []byte, a arrow.Array, i int) []byte {
		child, at := unionMember(a, i)
		return members[a.(array.Union).ChildID(i)](dst, child, at)
	}
}

// unionMember is the child array and slot holding row i of a union.
func unionMember(a arrow.Array, i int) (arrow.Array, int) {
	switch u := a.(type) {
	case *array.SparseUnion:
		return u.Field(u.ChildID(i)), i
	case *array.DenseUnion:
		return u.Field(u.ChildID(i)), int(u.ValueOffset(i))
	}
	return a, i
}

// wrappedSlot is the child array and slot that row i of a wrapper array
// stands for; ok is false for any other array.
func wrappedSlot(a arrow.Array, i int) (child arrow.Array, at int, ok bool) {
	switch a := a.(type) {
	case *array.Dictionary:
		return a.Dictionary(), a.GetValueIndex(i), true
	case array.Union:
		child, at := unionMember(a, i)
		return child, at, true
	case *array.RunEndEncoded:
		return a.Values(), a.GetPhysicalIndex(i), true
	case array.ExtensionArray:
		return a.Storage(), i, true
	}
	return nil, 0, false
}
