package readers

import (
	"bytes"
	"context"
	"encoding/base64"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Arrow's Parquet writers (and vtenrich's) store the Arrow schema in the
// footer under ARROW:schema, base64 of an IPC schema message: it says
// what Parquet alone cannot, such as a timestamp's time zone name, that
// an INT64 was a duration, or that a string column was large_string.
// restoreArrowTypes takes, for each top-level column, the stored type when
// Arrow can cast the column to it; anything else keeps the type the
// Parquet schema gives.

// restoreArrowTypes returns the schema with stored types restored, and per
// column the type to cast to (nil: none).
func restoreArrowTypes(sch *arrow.Schema, stored string) (*arrow.Schema, []arrow.DataType) {
	casts := make([]arrow.DataType, sch.NumFields())
	if stored == "" {
		return sch, casts
	}
	want := decodeArrowSchema(stored)
	if want == nil || want.NumFields() != sch.NumFields() {
		return sch, casts
	}
	fields := sch.Fields()
	for i, f := range fields {
		w := want.Field(i)
		if badType(w.Type, 0) != "" || w.Name != f.Name || arrow.TypeEqual(w.Type, f.Type) || !castable(f.Type, w.Type) {
			continue
		}
		casts[i] = w.Type
		fields[i].Type = w.Type
	}
	md := sch.Metadata()
	return arrow.NewSchema(fields, &md), casts
}

// decodeArrowSchema reads a stored schema; nil when it cannot.
func decodeArrowSchema(stored string) (sch *arrow.Schema) {
	raw, err := base64.StdEncoding.DecodeString(stored)
	if err != nil || len(raw) > 16<<20 {
		return nil
	}
	_ = guard(func() error {
		r, err := ipc.NewReader(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		defer r.Release()
		sch = r.Schema()
		return nil
	})
	return sch
}

// castable reports whether Arrow casts from to to, trying it on an empty
// array. Nested and dictionary types are left as the Parquet schema says.
func castable(from, to arrow.DataType) bool {
	if relabels(from, to) {
		return true
	}
	if _, nested := to.(arrow.NestedType); nested || to.ID() == arrow.DICTIONARY || to.ID() == arrow.EXTENSION {
		return false
	}
	empty := array.MakeArrayOfNull(memory.DefaultAllocator, from, 0)
	defer empty.Release()
	out, err := compute.CastArray(context.Background(), empty, compute.SafeCastOptions(to))
	if err != nil {
		return false
	}
	out.Release()
	return true
}

// castColumn casts arr to dt (nil: arr as it is), taking over arr.
func castColumn(arr arrow.Array, dt arrow.DataType) (arrow.Array, error) {
	if dt == nil {
		return arr, nil
	}
	defer arr.Release()
	if relabels(arr.DataType(), dt) {
		d := arr.Data()
		nd := array.NewData(dt, d.Len(), d.Buffers(), d.Children(), d.NullN(), d.Offset())
		defer nd.Release()
		return array.MakeFromData(nd), nil
	}
	return compute.CastArray(context.Background(), arr, compute.SafeCastOptions(dt))
}

// relabels reports whether from becomes to by its type's name alone, the
// values as they are: a timestamp given its time zone (Parquet stores the
// instant in UTC; ARROW:schema names the zone). Arrow's cast would do the
// same, but v17's panics on a timestamp cast that changes only the zone
// to anything but UTC, which made every file pyarrow or vtenrich wrote
// with a zoned timestamp unreadable.
func relabels(from, to arrow.DataType) bool {
	f, ok := from.(*arrow.TimestampType)
	t, ok2 := to.(*arrow.TimestampType)
	return ok && ok2 && f.Unit == t.Unit
}
