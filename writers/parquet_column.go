package writers

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding/delta"
	"github.com/parquet-go/parquet-go/encoding/rle"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

const (
	// pageBytes is the size at which a column's page is encoded and
	// compressed: large enough for zstd to find the repeats of a column,
	// small enough that 40 columns' open pages stay a few tens of MB.
	pageBytes = 256 << 10
	// plainDictBytes bounds the dictionary of a column that Arrow gives as
	// plain values; before that, once dictTrialBytes of values were looked
	// up, a dictionary holding over half of those bytes is ended: the
	// values are too diverse for it to pay (timestamps, messages), and the
	// column's later pages are PLAIN. Measured on the bench corpus, this
	// rule beats any fixed bound alone: 1 MiB cut the dictionary of a
	// repetitive command-line column short, 4 MiB let near-unique columns
	// keep theirs too long (larger files either way).
	plainDictBytes = 8 << 20
	dictTrialBytes = 1 << 20
	// arrowDictBytes bounds the dictionary of a column that Arrow gives
	// dictionary-encoded (the VT columns): its values repeat by design (50k
	// answers over millions of rows), but a row group meets most of them
	// for the first time early on, so the ratio test above would end it.
	arrowDictBytes = 32 << 20
)

// leafColumn builds the chunk of one leaf column in the open row group: it
// gathers the levels and values of a page, encodes and compresses the page
// once it holds pageBytes, and at the end of the group puts the dictionary
// page in front. Values arrive already in their PLAIN form (or as
// dictionary indexes), straight from the Arrow buffers: nothing goes
// through a per-value parquet.Value for flat columns.
//
// Pages are data pages v2: levels RLE-encoded and uncompressed, values
// compressed and encoded RLE_DICTIONARY, DELTA_BINARY_PACKED (integers,
// where it pays) or PLAIN. Byte-array columns start each row group
// dictionary-encoded and fall back to PLAIN for the rest of the group when
// the dictionary does not pay or outgrows its bound, as Parquet writers
// commonly do.
type leafColumn struct {
	leaf  *leafInfo
	codec compress.Codec // nil: uncompressed

	// The page being filled.
	def, rep []byte  // levels, one byte per value; unused when the max level is 0
	plain    []byte  // PLAIN values (booleans one byte each, packed at flush)
	idx      []int32 // dictionary indexes, when the page is dictionary-encoded
	values   int     // values in the page, nulls included
	nulls    int
	rows     int

	// The row group's dictionary (byte-array columns only).
	dict      *dictTable
	dictLimit int   // bytes the dictionary page may hold; 0: no dictionary
	dictOn    bool  // values go to the dictionary (else PLAIN)
	lookedUp  int64 // bytes of the values looked up in the dictionary, repeats included
	// gen changes whenever dictionary indexes handed out stop being valid
	// (a new row group, a fallback to PLAIN), so that callers caching
	// them (dictShredder) know to drop their cache.
	gen int

	// The chunk so far.
	pages        [][]byte // encoded data pages, header included
	dictPages    int      // data pages that are dictionary-encoded
	plainPages   int
	deltaPages   int // INT32 and INT64 pages, DELTA_BINARY_PACKED
	numValues    int64
	uncompressed int64 // bytes of the pages before compression, headers included
	compressed   int64
	stats        columnStats
}

// pageScratch holds the buffers a page is encoded and compressed in, shared
// by all columns through scratchPool: 40 columns keeping their own would
// hold over 100 MB.
type pageScratch struct {
	levels, body, z []byte
	int32s          []int32 // a page's INT32 values, for DELTA_BINARY_PACKED
	int64s          []int64 // or its INT64 values
}

var scratchPool = sync.Pool{New: func() any { return new(pageScratch) }}

// newLeafColumn starts the column of leaf.
func newLeafColumn(leaf *leafInfo, codec compress.Codec) *leafColumn {
	c := &leafColumn{leaf: leaf, codec: codec, stats: columnStats{kind: leaf.stats}}
	if leaf.physical == format.ByteArray {
		c.dictLimit = plainDictBytes
		if leaf.arrowDict {
			c.dictLimit = arrowDictBytes
		}
		c.dict = newDictTable()
	}
	c.resetGroup()
	return c
}

// resetGroup readies the column for a new row group.
func (c *leafColumn) resetGroup() {
	clear(c.pages) // the written pages may go; the slice stays for the next group
	c.pages = c.pages[:0]
	c.dictPages, c.plainPages, c.deltaPages = 0, 0, 0
	c.numValues, c.uncompressed, c.compressed = 0, 0, 0
	c.stats.reset()
	c.dictOn = c.dictLimit > 0
	c.lookedUp = 0
	if c.dict != nil {
		c.dict.reset()
	}
	c.gen++
}

// size is what the column holds in memory for the open row group: its
// encoded pages, the page being filled and the dictionary.
func (c *leafColumn) size() int64 {
	n := c.compressed + int64(c.pageSize())
	if c.dict != nil {
		n += int64(len(c.dict.plain))
	}
	return n
}

// pageSize is the uncompressed size of the page being filled.
func (c *leafColumn) pageSize() int {
	return len(c.def) + len(c.rep) + len(c.plain) + 4*len(c.idx)
}

// levels records the levels of one value.
func (c *leafColumn) levels(rep, def int) {
	if c.leaf.maxRep > 0 {
		c.rep = append(c.rep, byte(rep))
		if rep == 0 {
			c.rows++
		}
	} else {
		c.rows++
	}
	if c.leaf.maxDef > 0 {
		c.def = append(c.def, byte(def))
	}
	c.values++
}

// addNull records a value absent at definition level def.
func (c *leafColumn) addNull(rep, def int) {
	c.levels(rep, def)
	c.nulls++
	c.stats.nulls++
}

// addBytes records a byte-array value, through the dictionary while the
// column has one.
func (c *leafColumn) addBytes(rep int, b []byte) {
	if c.dictOn {
		if k, ok := c.dictIndex(b); ok {
			c.addIndex(rep, k)
			return
		}
	}
	c.levels(rep, int(c.leaf.maxDef))
	c.plain = binary.LittleEndian.AppendUint32(c.plain, uint32(len(b)))
	c.plain = append(c.plain, b...)
	c.stats.addBytes(b)
}

// addIndex records a value by its index in the dictionary, which dictIndex
// handed out under the current gen.
func (c *leafColumn) addIndex(rep int, k int32) {
	c.levels(rep, int(c.leaf.maxDef))
	c.idx = append(c.idx, k)
}

// dictIndex returns the index of b in the dictionary, adding it if new; ok
// is false when the column no longer has a dictionary (the value then goes
// in PLAIN). Adding past the dictionary's bound, or to a dictionary that
// does not pay (see plainDictBytes), ends it for the row group: the page so
// far is written dictionary-encoded and the next ones PLAIN.
func (c *leafColumn) dictIndex(b []byte) (k int32, ok bool) {
	if !c.dictOn {
		return 0, false
	}
	return c.dictIndexHashed(b, c.dict.hash(b))
}

// dictIndexHashed is dictIndex with b's hash (dictTable.hash) known.
func (c *leafColumn) dictIndexHashed(b []byte, h uint64) (k int32, ok bool) {
	if !c.dictOn {
		return 0, false
	}
	n := c.dict.len()
	c.lookedUp += int64(4 + len(b))
	k, ok = c.dict.lookupHashed(b, h, c.dictLimit)
	switch {
	case !ok:
		c.endDictionary()
	case int(k) == n: // new: the first time the chunk has this value
		c.stats.addBytes(b)
		if !c.leaf.arrowDict && c.lookedUp >= dictTrialBytes && 2*int64(len(c.dict.plain)) > c.lookedUp {
			// The value goes PLAIN like the ones after it (the dictionary
			// page keeps an entry no row uses, which readers allow).
			c.endDictionary()
			return 0, false
		}
	}
	return k, ok
}

// endDictionary switches the column to PLAIN for the rest of the row group.
func (c *leafColumn) endDictionary() {
	c.flushPage()
	c.dictOn = false
	c.gen++
}

// addPlain records a fixed-width value already in its PLAIN form.
func (c *leafColumn) addPlain(rep int, b []byte) {
	c.levels(rep, int(c.leaf.maxDef))
	c.plain = append(c.plain, b...)
}

// addInt32 records an INT32 value.
func (c *leafColumn) addInt32(rep int, v int32) {
	c.levels(rep, int(c.leaf.maxDef))
	c.plain = binary.LittleEndian.AppendUint32(c.plain, uint32(v))
	c.stats.addInt32(v)
}

// addInt64 records an INT64 value.
func (c *leafColumn) addInt64(rep int, v int64) {
	c.levels(rep, int(c.leaf.maxDef))
	c.plain = binary.LittleEndian.AppendUint64(c.plain, uint64(v))
	c.stats.addInt64(v)
}

// addFloat records a FLOAT value.
func (c *leafColumn) addFloat(rep int, v float32) {
	c.levels(rep, int(c.leaf.maxDef))
	c.plain = binary.LittleEndian.AppendUint32(c.plain, math.Float32bits(v))
	c.stats.addFloat(float64(v))
}

// addDouble records a DOUBLE value.
func (c *leafColumn) addDouble(rep int, v float64) {
	c.levels(rep, int(c.leaf.maxDef))
	c.plain = binary.LittleEndian.AppendUint64(c.plain, math.Float64bits(v))
	c.stats.addFloat(v)
}

// addBool records a BOOLEAN value (packed into bits when the page ends).
func (c *leafColumn) addBool(rep int, v bool) {
	c.levels(rep, int(c.leaf.maxDef))
	b := byte(0)
	if v {
		b = 1
	}
	c.plain = append(c.plain, b)
	c.stats.addBool(v)
}

// endFullPage writes the page if it is full; callers ask between rows,
// since a page may not split a row.
func (c *leafColumn) endFullPage() {
	if c.pageSize() >= pageBytes {
		c.flushPage()
	}
}

// flushPage encodes, compresses and keeps the page being filled.
func (c *leafColumn) flushPage() {
	if c.values == 0 {
		return
	}
	scratch := scratchPool.Get().(*pageScratch)
	defer scratchPool.Put(scratch)
	levels := scratch.levels[:0]
	var repLen, defLen int
	if c.leaf.maxRep > 0 {
		levels = appendLevels(levels, c.rep, c.leaf.maxRep)
		repLen = len(levels)
	}
	if c.leaf.maxDef > 0 {
		levels = appendLevels(levels, c.def, c.leaf.maxDef)
		defLen = len(levels) - repLen
	}
	scratch.levels = levels

	if len(c.idx) > 0 && c.values-c.nulls != len(c.idx) {
		// A page is dictionary-encoded or PLAIN, never both: endDictionary
		// ends the page first. Writing it would drop values.
		panic(fmt.Sprintf("column %q: a page of %d values mixes %d dictionary indexes with PLAIN values", c.leaf.name(), c.values-c.nulls, len(c.idx)))
	}
	encoding := format.Plain
	body := c.plain
	switch {
	case len(c.idx) > 0:
		encoding = format.RLEDictionary
		scratch.body, _ = (&rle.DictionaryEncoding{}).EncodeInt32(scratch.body[:0], c.idx)
		body = scratch.body
		c.dictPages++
	case c.leaf.physical == format.Boolean:
		scratch.body = packBits(scratch.body[:0], c.plain)
		body = scratch.body
		c.plainPages++
	case (c.leaf.physical == format.Int32 || c.leaf.physical == format.Int64) && len(c.plain) > 0 &&
		deltaPays(scratch, c.leaf.physical, c.plain):
		encoding = format.DeltaBinaryPacked
		body = scratch.body
		c.deltaPages++
	default:
		c.plainPages++
	}
	if int64(len(levels))+int64(len(body)) > math.MaxInt32 {
		// One row's values alone: the header's sizes are 32-bit.
		panic(fmt.Sprintf("column %q: a page of %d bytes is past Parquet's 2 GiB", c.leaf.name(), len(levels)+len(body)))
	}
	stored := c.compress(body, scratch)

	header := format.PageHeader{
		Type:                 format.DataPageV2,
		UncompressedPageSize: int32(len(levels) + len(body)),
		CompressedPageSize:   int32(len(levels) + len(stored)),
		DataPageHeaderV2: thrift.New(format.DataPageHeaderV2{
			NumValues:                  int32(c.values),
			NumNulls:                   int32(c.nulls),
			NumRows:                    int32(c.rows),
			Encoding:                   encoding,
			DefinitionLevelsByteLength: int32(defLen),
			RepetitionLevelsByteLength: int32(repLen),
			IsCompressed:               thrift.New(c.codec != nil),
		}),
	}
	page := appendHeader(make([]byte, 0, 64+len(levels)+len(stored)), &header)
	headerLen := len(page)
	page = append(append(page, levels...), stored...)
	c.pages = append(c.pages, page)
	c.numValues += int64(c.values)
	c.uncompressed += int64(headerLen) + int64(header.UncompressedPageSize)
	c.compressed += int64(len(page))

	c.def, c.rep, c.plain, c.idx = c.def[:0], c.rep[:0], c.plain[:0], c.idx[:0]
	c.values, c.nulls, c.rows = 0, 0, 0
}

// compress returns body compressed with the column's codec (body itself
// when there is none), in scratch.z.
func (c *leafColumn) compress(body []byte, scratch *pageScratch) []byte {
	if c.codec == nil {
		return body
	}
	out, err := c.codec.Encode(scratch.z[:0], body)
	if err != nil {
		// The codecs vtenrich uses cannot fail on valid input; a failure is
		// a bug, reported as the panic recoverTo turns into an error.
		panic(fmt.Sprintf("compressing a page of column %q: %v", c.leaf.name(), err))
	}
	scratch.z = out
	return out
}

// dictionaryPage is the encoded dictionary page of the row group, nil when
// no page of the chunk is dictionary-encoded.
func (c *leafColumn) dictionaryPage() []byte {
	if c.dictPages == 0 {
		return nil
	}
	scratch := scratchPool.Get().(*pageScratch)
	defer scratchPool.Put(scratch)
	plain := c.dict.plain
	stored := c.compress(plain, scratch)
	header := format.PageHeader{
		Type:                 format.DictionaryPage,
		UncompressedPageSize: int32(len(plain)),
		CompressedPageSize:   int32(len(stored)),
		DictionaryPageHeader: thrift.New(format.DictionaryPageHeader{
			NumValues: int32(c.dict.len()),
			Encoding:  format.Plain,
		}),
	}
	page := appendHeader(make([]byte, 0, 64+len(stored)), &header)
	headerLen := len(page)
	page = append(page, stored...)
	c.uncompressed += int64(headerLen) + int64(len(plain))
	c.compressed += int64(len(page))
	return page
}

// metadata describes the finished chunk, which starts at offset in the
// file with the dictionary page (if any) of dictLen bytes.
func (c *leafColumn) metadata(offset, dictLen int64) format.ColumnChunk {
	encodings := []format.Encoding{format.RLE}
	var stats []format.PageEncodingStats
	if c.dictPages > 0 {
		encodings = append(encodings, format.Plain, format.RLEDictionary)
		stats = append(stats,
			format.PageEncodingStats{PageType: format.DictionaryPage, Encoding: format.Plain, Count: 1},
			format.PageEncodingStats{PageType: format.DataPageV2, Encoding: format.RLEDictionary, Count: int32(c.dictPages)})
	}
	if c.plainPages > 0 {
		if c.dictPages == 0 {
			encodings = append(encodings, format.Plain)
		}
		stats = append(stats, format.PageEncodingStats{PageType: format.DataPageV2, Encoding: format.Plain, Count: int32(c.plainPages)})
	}
	if c.deltaPages > 0 {
		encodings = append(encodings, format.DeltaBinaryPacked)
		stats = append(stats, format.PageEncodingStats{PageType: format.DataPageV2, Encoding: format.DeltaBinaryPacked, Count: int32(c.deltaPages)})
	}
	md := format.ColumnMetaData{
		Type:                  c.leaf.physical,
		Encoding:              encodings,
		PathInSchema:          c.leaf.path,
		Codec:                 codecID(c.codec),
		NumValues:             c.numValues,
		TotalUncompressedSize: c.uncompressed,
		TotalCompressedSize:   c.compressed,
		DataPageOffset:        offset + dictLen,
		Statistics:            c.stats.format(),
		EncodingStats:         stats,
	}
	if dictLen > 0 {
		md.DictionaryPageOffset = offset
	}
	return format.ColumnChunk{FileOffset: offset, MetaData: md}
}

func codecID(c compress.Codec) format.CompressionCodec {
	if c == nil {
		return format.Uncompressed
	}
	return c.CompressionCodec()
}

// deltaPays encodes an INT32 or INT64 page as DELTA_BINARY_PACKED into
// scratch.body and reports whether to keep it: when the values change
// slowly (row numbers, sorted timestamps) their deltas take a few bits
// each; random small values (counters of engines) take as many bits as
// deltas as their PLAIN bytes take after zstd, and PLAIN then compresses
// better.
func deltaPays(scratch *pageScratch, physical format.Type, plain []byte) bool {
	scratch.body = appendDelta(scratch.body[:0], scratch, physical, plain)
	return 16*len(scratch.body) <= len(plain)
}

// appendDelta encodes the PLAIN little-endian INT32 or INT64 values of a
// page as DELTA_BINARY_PACKED: small or slowly changing integers (counters,
// row numbers, timestamps) shrink to a few bits each before compression,
// where PLAIN gives zstd 8 bytes a value to work through.
//
// The values are decoded into scratch's slices, which pages reuse: made
// afresh, they were 7% of what an enrichment to Parquet allocated.
func appendDelta(dst []byte, scratch *pageScratch, physical format.Type, plain []byte) []byte {
	var err error
	enc := &delta.BinaryPackedEncoding{}
	if physical == format.Int32 {
		values := slices.Grow(scratch.int32s[:0], len(plain)/4)[:len(plain)/4]
		for i := range values {
			values[i] = int32(binary.LittleEndian.Uint32(plain[4*i:]))
		}
		scratch.int32s = values
		dst, err = enc.EncodeInt32(dst, values)
	} else {
		values := slices.Grow(scratch.int64s[:0], len(plain)/8)[:len(plain)/8]
		for i := range values {
			values[i] = int64(binary.LittleEndian.Uint64(plain[8*i:]))
		}
		scratch.int64s = values
		dst, err = enc.EncodeInt64(dst, values)
	}
	if err != nil {
		panic(fmt.Sprintf("DELTA_BINARY_PACKED: %v", err)) // any int32 or int64 encodes
	}
	return dst
}

// appendLevels appends levels in the RLE / bit-packing hybrid, with the
// bit width of max.
func appendLevels(dst, levels []byte, max byte) []byte {
	enc := rle.Encoding{BitWidth: bitWidth(max)}
	start := len(dst)
	// EncodeLevels writes from dst[:0]; give it the tail to fill.
	out, err := enc.EncodeLevels(dst[start:], levels)
	if err != nil {
		panic(fmt.Sprintf("encoding levels: %v", err)) // levels never exceed max
	}
	return append(dst[:start], out...)
}

func bitWidth(max byte) int {
	n := 0
	for ; max > 0; max >>= 1 {
		n++
	}
	return n
}

// packBits packs booleans held one per byte into PLAIN's bits, first value
// in the lowest bit.
func packBits(dst, bools []byte) []byte {
	for i := 0; i < len(bools); i += 8 {
		var b byte
		for k, v := range bools[i:min(i+8, len(bools))] {
			b |= v << k
		}
		dst = append(dst, b)
	}
	return dst
}

// appendHeader appends a page header in Thrift's compact protocol.
func appendHeader(dst []byte, h *format.PageHeader) []byte {
	b, err := thrift.Marshal(new(thrift.CompactProtocol), h)
	if err != nil {
		panic(fmt.Sprintf("encoding a page header: %v", err)) // a fixed struct: cannot fail
	}
	return append(dst, b...)
}
