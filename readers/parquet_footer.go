package readers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// The footer structs keep only what the reader uses; the Thrift decoder
// skips the rest (statistics, indexes, encryption, sort order, ...). Every
// field is optional here and checked by hand, so that a field a writer left
// out where the spec says "required" but nothing needs it (a key-value
// entry without a value, as some writers emit) does not refuse the file.

// fileMeta is Parquet's FileMetaData.
type fileMeta struct {
	Schema    []format.SchemaElement `thrift:"2,optional"`
	NumRows   int64                  `thrift:"3,optional"`
	RowGroups []rowGroupMeta         `thrift:"4,optional"`
	KeyValues []keyValue             `thrift:"5,optional"`
	CreatedBy string                 `thrift:"6,optional"`
}

// keyValue is one key-value metadata entry.
type keyValue struct {
	Key   string `thrift:"1,optional"`
	Value string `thrift:"2,optional"`
}

// rowGroupMeta is a RowGroup.
type rowGroupMeta struct {
	Columns []columnChunkMeta `thrift:"1,optional"`
	NumRows int64             `thrift:"3,optional"`
}

// columnChunkMeta is a ColumnChunk.
type columnChunkMeta struct {
	FilePath string         `thrift:"1,optional"`
	MetaData columnMetaData `thrift:"3,optional"`
	// Encrypted columns carry crypto metadata (field 8).
	CryptoMetaData *struct{} `thrift:"8,optional"`
}

// columnMetaData is a ColumnMetaData.
type columnMetaData struct {
	Type                  format.Type             `thrift:"1,optional"`
	PathInSchema          []string                `thrift:"3,optional"`
	Codec                 format.CompressionCodec `thrift:"4,optional"`
	NumValues             int64                   `thrift:"5,optional"`
	TotalCompressedSize   int64                   `thrift:"7,optional"`
	DataPageOffset        int64                   `thrift:"9,optional"`
	DictionaryPageOffset  int64                   `thrift:"11,optional"`
	TotalUncompressedSize int64                   `thrift:"6,optional"`
}

// encryptedMagic ends a Parquet file whose footer is encrypted
// (parquetMagic, in format.go, ends the others).
var encryptedMagic = []byte("PARE")

// readFooter reads and decodes the footer of the size-byte file ra.
func readFooter(ra io.ReaderAt, size int64) (*fileMeta, error) {
	if size < 12 {
		return nil, fmt.Errorf("%d bytes are too few for a Parquet file", size)
	}
	var tail [8]byte
	if _, err := ra.ReadAt(tail[:], size-8); err != nil {
		return nil, err
	}
	switch {
	case bytes.Equal(tail[4:], encryptedMagic):
		return nil, errors.New("the footer is encrypted, and encrypted Parquet files are not supported")
	case !bytes.Equal(tail[4:], parquetMagic):
		return nil, errors.New("the file does not end with the Parquet magic bytes PAR1")
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n <= 0 || n > size-12 {
		return nil, fmt.Errorf("footer length %d does not fit in the %d-byte file", n, size)
	}
	footer := make([]byte, n)
	if _, err := ra.ReadAt(footer, size-8-n); err != nil {
		return nil, err
	}
	if _, err := thriftStructLen(footer); err != nil {
		return nil, fmt.Errorf("footer: %w", err)
	}
	meta := &fileMeta{}
	if err := thrift.Unmarshal(new(thrift.CompactProtocol), footer, meta); err != nil {
		return nil, fmt.Errorf("footer: %w", err)
	}
	return meta, nil
}

// keyValue returns the value of metadata key k, "" when absent.
func (m *fileMeta) keyValue(k string) string {
	for _, kv := range m.KeyValues {
		if kv.Key == k {
			return kv.Value
		}
	}
	return ""
}

// checkRowGroups checks what the reader relies on: each row group has a
// chunk per leaf column, in the schema's order, inside the file.
func (m *fileMeta) checkRowGroups(leaves []*pqLeaf, size int64) error {
	for g, rg := range m.RowGroups {
		if rg.NumRows < 0 {
			return fmt.Errorf("row group %d has %d rows", g, rg.NumRows)
		}
		if len(rg.Columns) != len(leaves) {
			return fmt.Errorf("row group %d has %d column chunks, the schema %d columns", g, len(rg.Columns), len(leaves))
		}
		for c, cc := range rg.Columns {
			md := &cc.MetaData
			switch {
			case cc.FilePath != "":
				return fmt.Errorf("row group %d column %q is in another file (%s), which is not supported", g, leaves[c].path, cc.FilePath)
			case cc.CryptoMetaData != nil:
				return fmt.Errorf("row group %d column %q is encrypted, which is not supported", g, leaves[c].path)
			case md.Type != leaves[c].physical:
				return fmt.Errorf("row group %d column %q is %s, the schema says %s", g, leaves[c].path, md.Type, leaves[c].physical)
			}
			start, n := md.chunkStart(), md.TotalCompressedSize
			if start < 0 || n < 0 || start > size || n > size-start {
				return fmt.Errorf("row group %d column %q: byte range %d+%d is outside the %d-byte file", g, leaves[c].path, start, n, size)
			}
		}
	}
	return nil
}

// chunkStart is where a column chunk's first page starts: its dictionary
// page if it has one. Some writers put 0 in dictionary_page_offset for
// none, and some put the dictionary after data_page_offset's page; the
// smaller positive offset is the start.
func (md *columnMetaData) chunkStart() int64 {
	if d := md.DictionaryPageOffset; d > 0 && d < md.DataPageOffset {
		return d
	}
	return md.DataPageOffset
}
