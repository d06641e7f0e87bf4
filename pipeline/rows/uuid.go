package rows

import "github.com/apache/arrow/go/v17/arrow"

// A UUID column is 16-byte fixed-size binary whose field metadata names
// Arrow's canonical UUID extension type, as Arrow IPC carries an extension
// type a reader has not registered. Readers mark Parquet's UUID columns so;
// writers render them as UUIDs in text (550e8400-e29b-41d4-a716-446655440000,
// as DuckDB does) and keep Parquet's UUID type, where a plain fixed-size
// binary column would be base64 and BLOB.
const (
	extensionNameKey = "ARROW:extension:name"
	uuidExtension    = "arrow.uuid"
)

// UUIDField returns f marked as a UUID column.
func UUIDField(f arrow.Field) arrow.Field {
	keys := append([]string{extensionNameKey}, f.Metadata.Keys()...)
	values := append([]string{uuidExtension}, f.Metadata.Values()...)
	f.Metadata = arrow.NewMetadata(keys, values)
	return f
}

// IsUUID reports whether f is a UUID column (see UUIDField).
func IsUUID(f arrow.Field) bool {
	fsb, ok := f.Type.(*arrow.FixedSizeBinaryType)
	if !ok || fsb.ByteWidth != 16 {
		return false
	}
	i := f.Metadata.FindKey(extensionNameKey)
	return i >= 0 && f.Metadata.Values()[i] == uuidExtension
}
