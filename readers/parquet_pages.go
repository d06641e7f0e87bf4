package readers

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go/encoding/delta"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// columnReader reads the pages of one column chunk in order and hands out
// their levels and values a number of rows at a time. Page checksums are
// not verified, as Arrow's and DuckDB's readers do not by default: a wrong
// checksum over data that decodes is more often a writer's bug than damage.
type columnReader struct {
	leaf     *pqLeaf
	md       *columnMetaData
	r        *bufio.Reader
	left     int64 // bytes of the chunk not yet read
	maxPage  int   // largest uncompressed page accepted
	dict     *leafValues
	valuesIn int64 // levels read so far, against md.NumValues

	// decoded and not yet handed out
	defs, reps []uint8
	vals       leafValues
	rowStarts  int // entries starting a row among defs/reps
	done       bool

	raw, page []byte // reused page buffers
	idx       []uint32
}

// newColumnReader reads the chunk md of leaf from ra, whose data ends at
// end. The chunk ends after md.NumValues levels; its byte size in the
// metadata only bounds the reading when that count is missing, because
// some writers (old Impala) stored a wrong size and readers allow it.
func newColumnReader(ra io.ReaderAt, leaf *pqLeaf, md *columnMetaData, end int64, maxPage int) *columnReader {
	start := md.chunkStart()
	n := md.TotalCompressedSize
	if md.NumValues > 0 {
		n = end - start
	}
	return &columnReader{leaf: leaf, md: md, left: n, maxPage: maxPage,
		r:    bufio.NewReaderSize(io.NewSectionReader(ra, start, n), 64<<10),
		vals: newLeafValues(leaf)}
}

// fill reads pages until rows whole rows are buffered (or the chunk ends):
// a row is whole once the next row has started.
func (c *columnReader) fill(rows int) error {
	for !c.done && c.rowStarts <= rows {
		if err := c.readPage(); err != nil {
			return err
		}
	}
	return nil
}

// levelChunk is the levels and values of some rows of one column.
type levelChunk struct {
	defs, reps []uint8 // nil when the column has no such levels
	n          int     // entries
	vals       leafValues
}

// take hands out the next rows rows (fewer at the end of the chunk), after
// fill(rows).
func (c *columnReader) take(rows int) (levelChunk, int) {
	n := len(c.defs)
	end, got := n, c.rowStarts
	if c.rowStarts > rows { // row `rows` starts at the rows-th row start
		seen := 0
		for i := range n {
			if c.reps == nil || c.reps[i] == 0 {
				if seen == rows {
					end = i
					break
				}
				seen++
			}
		}
		got = rows
	}
	values := end
	if c.leaf.maxDef > 0 {
		values = 0
		for _, d := range c.defs[:end] {
			if int16(d) == c.leaf.maxDef {
				values++
			}
		}
	}
	out := levelChunk{n: end}
	out.vals, c.vals = c.vals.split(values)
	if c.leaf.maxDef > 0 {
		out.defs = c.defs[:end]
	}
	if c.leaf.maxRep > 0 {
		out.reps = c.reps[:end]
	}
	c.defs = append([]uint8(nil), c.defs[end:]...)
	if c.reps != nil {
		c.reps = append([]uint8(nil), c.reps[end:]...)
	}
	c.rowStarts -= got
	return out, got
}

// readPage reads and decodes the next page; at the end of the chunk it
// marks the reader done.
func (c *columnReader) readPage() error {
	if c.left == 0 || c.md.NumValues > 0 && c.valuesIn >= c.md.NumValues {
		c.done = true
		return nil
	}
	h, err := c.header()
	if err != nil {
		return err
	}
	if h.CompressedPageSize < 0 || int64(h.CompressedPageSize) > c.left {
		return fmt.Errorf("page of %d bytes runs past the column chunk's %d bytes left", h.CompressedPageSize, c.left)
	}
	if h.UncompressedPageSize < 0 || int(h.UncompressedPageSize) > c.maxPage {
		return fmt.Errorf("page of %d bytes uncompressed, more than the %d a page may hold here", h.UncompressedPageSize, c.maxPage)
	}
	c.raw = grow(c.raw, int(h.CompressedPageSize))
	if _, err := io.ReadFull(c.r, c.raw); err != nil {
		return fmt.Errorf("reading a page: %w", err)
	}
	c.left -= int64(h.CompressedPageSize)
	switch h.Type {
	case format.DictionaryPage:
		return c.dictionaryPage(h)
	case format.DataPage:
		return c.dataPageV1(h)
	case format.DataPageV2:
		return c.dataPageV2(h)
	}
	return nil // index pages and unknown page types carry no rows
}

// header reads a page header, checking its Thrift encoding first.
func (c *columnReader) header() (*format.PageHeader, error) {
	window := 1 << 10
	for {
		peek, err := c.r.Peek(int(min(int64(window), c.left)))
		if err != nil && len(peek) == 0 {
			return nil, fmt.Errorf("reading a page header: %w", err)
		}
		n, werr := thriftStructLen(peek)
		if errors.Is(werr, errThriftShort) && int64(len(peek)) < c.left && len(peek) == window {
			window *= 4 // a header with large statistics
			if window > c.r.Size() {
				c.r = bufio.NewReaderSize(c.r, window)
			}
			continue
		}
		if werr != nil {
			return nil, fmt.Errorf("page header: %w", werr)
		}
		h := &format.PageHeader{}
		if err := thrift.Unmarshal(new(thrift.CompactProtocol), peek[:n], h); err != nil {
			return nil, fmt.Errorf("page header: %w", err)
		}
		_, _ = c.r.Discard(n)
		c.left -= int64(n)
		return h, nil
	}
}

// grow returns b resized to n bytes, reusing its memory when it can.
func grow(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n)
	}
	return b[:n]
}

// dictionaryPage decodes the dictionary every later dictionary-encoded
// page refers to.
func (c *columnReader) dictionaryPage(h *format.PageHeader) error {
	if !h.DictionaryPageHeader.Valid {
		return errors.New("dictionary page without its header")
	}
	dh := h.DictionaryPageHeader.V
	page, err := decompress(c.md.Codec, nil, c.raw, int(h.UncompressedPageSize))
	if err != nil {
		return fmt.Errorf("dictionary page: %w", err)
	}
	n := int(dh.NumValues)
	if n < 0 || n > len(page)*8+1 && c.leaf.physical != format.ByteArray || n > len(page)+1 {
		return fmt.Errorf("dictionary page claims %d values in %d bytes", n, len(page))
	}
	dict := newLeafValues(c.leaf)
	if err := dict.decodePlain(page, n); err != nil {
		return fmt.Errorf("dictionary page: %w", err)
	}
	c.dict = &dict
	return nil
}

// dataPageV1 decodes a data page whose levels and values are compressed
// together.
func (c *columnReader) dataPageV1(h *format.PageHeader) error {
	if !h.DataPageHeader.Valid {
		return errors.New("data page without its header")
	}
	dh := h.DataPageHeader.V
	page, err := decompress(c.md.Codec, c.page, c.raw, int(h.UncompressedPageSize))
	if err != nil {
		return fmt.Errorf("data page: %w", err)
	}
	c.page = page
	n := int(dh.NumValues)
	if err := c.checkCount(n, len(page)); err != nil {
		return err
	}
	var reps, defs []uint8
	if c.leaf.maxRep > 0 {
		if reps, page, err = levelsV1(page, dh.RepetitionLevelEncoding, c.leaf.maxRep, n); err != nil {
			return fmt.Errorf("repetition levels: %w", err)
		}
	}
	if c.leaf.maxDef > 0 {
		if defs, page, err = levelsV1(page, dh.DefinitionLevelEncoding, c.leaf.maxDef, n); err != nil {
			return fmt.Errorf("definition levels: %w", err)
		}
	}
	return c.addPage(n, defs, reps, dh.Encoding, page)
}

// dataPageV2 decodes a data page whose levels are stored uncompressed
// before the (maybe compressed) values.
func (c *columnReader) dataPageV2(h *format.PageHeader) error {
	if !h.DataPageHeaderV2.Valid {
		return errors.New("data page v2 without its header")
	}
	dh := h.DataPageHeaderV2.V
	rl, dl := int(dh.RepetitionLevelsByteLength), int(dh.DefinitionLevelsByteLength)
	if rl < 0 || dl < 0 || rl+dl > len(c.raw) || rl+dl > int(h.UncompressedPageSize) {
		return fmt.Errorf("data page v2 level lengths %d+%d do not fit its %d bytes", rl, dl, len(c.raw))
	}
	n := int(dh.NumValues)
	if err := c.checkCount(n, int(h.UncompressedPageSize)); err != nil {
		return err
	}
	var reps, defs []uint8
	var err error
	if c.leaf.maxRep > 0 {
		if reps, err = decodeHybrid[uint8](nil, c.raw[:rl], bitsFor(c.leaf.maxRep), n); err != nil {
			return fmt.Errorf("repetition levels: %w", err)
		}
	}
	if c.leaf.maxDef > 0 {
		if defs, err = decodeHybrid[uint8](nil, c.raw[rl:rl+dl], bitsFor(c.leaf.maxDef), n); err != nil {
			return fmt.Errorf("definition levels: %w", err)
		}
	}
	values := c.raw[rl+dl:]
	size := int(h.UncompressedPageSize) - rl - dl
	compressed := !dh.IsCompressed.Valid || dh.IsCompressed.V
	if compressed && c.md.Codec != format.Uncompressed && (len(values) > 0 || size > 0) {
		if values, err = decompress(c.md.Codec, c.page, values, size); err != nil {
			return fmt.Errorf("data page v2: %w", err)
		}
		c.page = values
	}
	return c.addPage(n, defs, reps, dh.Encoding, values)
}

// checkCount bounds a page's level count: no encoding stores more than
// eight levels a byte except runs, and no real writer puts more than a few
// million values in one page.
func (c *columnReader) checkCount(n, size int) error {
	if n < 0 || n > 1<<26 && n/8 > size {
		return fmt.Errorf("page claims %d values in %d bytes", n, size)
	}
	c.valuesIn += int64(n)
	return nil
}

// bitsFor is the bit width of levels up to max.
func bitsFor(max int16) int {
	w := 0
	for max > 0 {
		w++
		max >>= 1
	}
	return w
}

// levelsV1 decodes the levels at the start of a v1 data page and returns
// the rest of the page.
func levelsV1(page []byte, enc format.Encoding, max int16, n int) ([]uint8, []byte, error) {
	width := bitsFor(max)
	switch enc {
	case format.RLE:
		if len(page) < 4 {
			return nil, nil, errors.New("page ends before the levels' length")
		}
		l := binary.LittleEndian.Uint32(page)
		if uint64(l) > uint64(len(page)-4) {
			return nil, nil, fmt.Errorf("%d bytes of levels run past the page", l)
		}
		levels, err := decodeHybrid[uint8](nil, page[4:4+l], width, n)
		return levels, page[4+l:], err
	case format.BitPacked: // deprecated: big-endian bit order, no length
		size := (n*width + 7) / 8
		if size > len(page) {
			return nil, nil, errors.New("bit-packed levels run past the page")
		}
		levels := make([]uint8, n)
		for i := range n {
			for b := range width {
				bit := i*width + b
				levels[i] = levels[i]<<1 | page[bit/8]>>(7-bit%8)&1
			}
		}
		return levels, page[size:], nil
	}
	return nil, nil, fmt.Errorf("level encoding %s is not supported", enc)
}

// addPage decodes the values of a data page of n levels and buffers them.
func (c *columnReader) addPage(n int, defs, reps []uint8, enc format.Encoding, src []byte) error {
	if defs == nil && c.leaf.maxDef > 0 || reps == nil && c.leaf.maxRep > 0 {
		return errors.New("page without the levels its column needs")
	}
	values := n
	if defs != nil {
		values = 0
		for _, d := range defs {
			if int16(d) > c.leaf.maxDef {
				return fmt.Errorf("definition level %d above the column's %d", d, c.leaf.maxDef)
			}
			if int16(d) == c.leaf.maxDef {
				values++
			}
		}
	}
	for _, r := range reps {
		if int16(r) > c.leaf.maxRep {
			return fmt.Errorf("repetition level %d above the column's %d", r, c.leaf.maxRep)
		}
	}
	if err := c.decodeValues(enc, src, values); err != nil {
		return fmt.Errorf("%s values: %w", enc, err)
	}
	if defs == nil {
		defs = make([]uint8, n)
	}
	c.defs = append(c.defs, defs...)
	if reps != nil {
		c.reps = append(c.reps, reps...)
		for _, r := range reps {
			if r == 0 {
				c.rowStarts++
			}
		}
	} else {
		c.rowStarts += n
	}
	return nil
}

// decodeValues appends n values of encoding enc from src.
func (c *columnReader) decodeValues(enc format.Encoding, src []byte, n int) error {
	v := &c.vals
	switch enc {
	case format.Plain:
		return v.decodePlain(src, n)
	case format.PlainDictionary, format.RLEDictionary:
		if c.dict == nil {
			return errors.New("dictionary-encoded page without a dictionary page")
		}
		if n == 0 {
			return nil
		}
		if len(src) == 0 {
			return errors.New("no dictionary indices")
		}
		idx, err := decodeHybrid(c.idx[:0], src[1:], int(src[0]), n)
		c.idx = idx
		if err != nil {
			return err
		}
		return v.appendFromDictionary(c.dict, idx)
	case format.RLE:
		if v.phys != format.Boolean || len(src) < 4 {
			return fmt.Errorf("RLE values of type %s", v.phys)
		}
		l := binary.LittleEndian.Uint32(src)
		if uint64(l) > uint64(len(src)-4) {
			return errors.New("RLE values run past the page")
		}
		bits, err := decodeHybrid[uint8](nil, src[4:4+l], 1, n)
		for _, b := range bits {
			v.bools = append(v.bools, b == 1)
		}
		return err
	case format.ByteStreamSplit:
		return v.decodeByteStreamSplit(src, n)
	case format.DeltaBinaryPacked, format.DeltaLengthByteArray, format.DeltaByteArray:
		return c.decodeDelta(enc, src, n)
	}
	return fmt.Errorf("encoding %s is not supported", enc)
}

// decodeDelta decodes the DELTA_* encodings with parquet-go's decoders,
// after checking the value count in their header against n (the decoders
// size their output by it).
func (c *columnReader) decodeDelta(enc format.Encoding, src []byte, n int) error {
	if err := checkDeltaCount(src, n); err != nil {
		return err
	}
	v := &c.vals
	var err error
	switch {
	case enc == format.DeltaBinaryPacked && v.phys == format.Int32:
		// Decoded as INT64, then wrapped to 32 bits: writers (DuckDB's
		// v2 pages) compute INT32 deltas in 64 bits, so a first value or
		// a delta may lie outside int32 and a miniblock be 33 bits wide,
		// which parquet-go's INT32 decoder refuses or misreads. The
		// spec's arithmetic wraps, and the low 32 bits are the value.
		var out []int64
		if out, err = deltaBinaryPacked.DecodeInt64(nil, src); err == nil && len(out) < n {
			err = fmt.Errorf("%d values decoded, %d expected", len(out), n)
		}
		for i := 0; err == nil && i < n; i++ {
			v.i32 = append(v.i32, int32(out[i]))
		}
	case enc == format.DeltaBinaryPacked && v.phys == format.Int64:
		var out []int64
		if out, err = deltaBinaryPacked.DecodeInt64(nil, src); err == nil {
			err = keepN(&v.i64, out, n)
		}
	case enc != format.DeltaBinaryPacked && v.phys == format.ByteArray:
		var data []byte
		var offs []uint32
		if enc == format.DeltaLengthByteArray {
			data, offs, err = deltaLengthByteArray.DecodeByteArray(nil, src, nil)
		} else {
			data, offs, err = deltaByteArray.DecodeByteArray(nil, src, nil)
		}
		if err == nil && len(offs) < n+1 {
			err = fmt.Errorf("%d values decoded, %d expected", len(offs)-1, n)
		}
		for i := 0; err == nil && i < n; i++ {
			err = v.appendByteArray(data[offs[i]:offs[i+1]])
		}
	case enc == format.DeltaByteArray && v.phys == format.FixedLenByteArray:
		var data []byte
		if data, err = deltaByteArray.DecodeFixedLenByteArray(nil, src, v.size); err == nil {
			if len(data) < n*v.size {
				err = fmt.Errorf("%d values decoded, %d expected", len(data)/v.size, n)
			} else {
				v.data = append(v.data, data[:n*v.size]...)
			}
		}
	default:
		err = fmt.Errorf("%s on %s", enc, v.phys)
	}
	return err
}

// parquet-go's DELTA decoders (safe for concurrent use).
var (
	deltaBinaryPacked    delta.BinaryPackedEncoding
	deltaLengthByteArray delta.LengthByteArrayEncoding
	deltaByteArray       delta.ByteArrayEncoding
)

// keepN appends the first n of out to dst.
func keepN[T any](dst *[]T, out []T, n int) error {
	if len(out) < n {
		return fmt.Errorf("%d values decoded, %d expected", len(out), n)
	}
	*dst = append(*dst, out[:n]...)
	return nil
}

// checkDeltaCount reads the total value count in a DELTA_BINARY_PACKED
// header (which also starts the other DELTA encodings).
func checkDeltaCount(src []byte, n int) error {
	for range 2 { // block size, miniblocks per block
		_, k := binary.Uvarint(src)
		if k <= 0 {
			return errors.New("DELTA header ends early")
		}
		src = src[k:]
	}
	total, k := binary.Uvarint(src)
	if k <= 0 || total > uint64(n)+1<<16 {
		return fmt.Errorf("DELTA header claims %d values, the page %d", total, n)
	}
	return nil
}

// rowsWithin is how many whole rows from the start of the buffer hold at
// most limit bytes of byte-array values (after fill).
func (c *columnReader) rowsWithin(limit int) int {
	rows, v := 0, 0
	for i := range len(c.defs) {
		if i > 0 && (c.reps == nil || c.reps[i] == 0) {
			if int(c.vals.offs[v]) > limit {
				return rows
			}
			rows++
		}
		if c.leaf.maxDef == 0 || int16(c.defs[i]) == c.leaf.maxDef {
			v++
		}
	}
	return rows
}
