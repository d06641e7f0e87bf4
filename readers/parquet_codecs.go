package readers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
	"github.com/pierrec/lz4/v4"
)

// Page decompression. Each page header gives the uncompressed size, so
// every codec decodes into a buffer of exactly that size and fails when the
// data would run past it: a page that claims 1 KiB and inflates to 1 GiB
// stops at 1 KiB, and no decoder allocates by a length of its own.

// blockRatio bounds how much a block codec can inflate: LZ4 at most 255
// times, snappy about 21 times. A header claiming more is corrupt, and is
// refused before its buffer is allocated.
const blockRatio = 256

// decompress decodes src, compressed with codec, into dst[:size]. Block
// codecs (snappy, LZ4) are checked against blockRatio before dst is sized;
// stream codecs (gzip, brotli, zstd), which can inflate a thousandfold,
// grow dst as data comes, so a header that lies costs only what the data
// really inflates to.
func decompress(codec format.CompressionCodec, dst, src []byte, size int) ([]byte, error) {
	switch codec {
	case format.Gzip, format.Brotli, format.Zstd:
		return decompressStream(codec, dst, src, size)
	case format.Uncompressed:
		if len(src) != size {
			return nil, fmt.Errorf("uncompressed page holds %d bytes, its header says %d", len(src), size)
		}
	default:
		if size > blockRatio*len(src)+64 {
			return nil, fmt.Errorf("%s: %d bytes cannot inflate to the %d the page header says", codec, len(src), size)
		}
	}
	if cap(dst) < size {
		dst = make([]byte, size)
	}
	dst = dst[:size]
	var err error
	switch codec {
	case format.Uncompressed:
		copy(dst, src)
		return dst, nil
	case format.Snappy:
		err = snappyDecode(dst, src)
	case format.Lz4Raw:
		err = lz4Block(dst, src)
	case format.Lz4:
		err = lz4Hadoop(dst, src)
	default:
		return nil, fmt.Errorf("compression codec %s is not supported", codec)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", codec, err)
	}
	return dst, nil
}

// snappyDecode decodes a snappy block of exactly len(dst) bytes.
func snappyDecode(dst, src []byte) error {
	n, err := s2.DecodedLen(src)
	if err != nil {
		return err
	}
	if n != len(dst) {
		return fmt.Errorf("block decodes to %d bytes, the page header says %d", n, len(dst))
	}
	_, err = s2.Decode(dst, src)
	return err
}

// decompressStream decodes a gzip, brotli or zstd page into exactly size
// bytes, growing dst as the data inflates.
func decompressStream(codec format.CompressionCodec, dst, src []byte, size int) ([]byte, error) {
	var open func(io.Reader) (io.Reader, error)
	switch codec {
	case format.Gzip:
		open = func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }
	case format.Brotli:
		open = func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }
	default:
		got := zstdDecoders.Get()
		d, ok := got.(*zstd.Decoder)
		if !ok {
			return nil, got.(error)
		}
		defer zstdDecoders.Put(d)
		open = func(r io.Reader) (io.Reader, error) { return d, d.Reset(r) }
	}
	out, err := readExactly(dst, open, src, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", codec, err)
	}
	return out, nil
}

// zstdDecoders are reused: a decoder allocates its window buffers once.
var zstdDecoders = sync.Pool{New: func() any {
	d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
	if err != nil {
		return err
	}
	return d
}}

// readExactly decodes src with a streaming decoder and checks that it
// yields exactly size bytes, growing dst from a few times src's size.
// Gzip members concatenated one after the other are one stream, as gunzip
// reads them.
func readExactly(dst []byte, open func(io.Reader) (io.Reader, error), src []byte, size int) ([]byte, error) {
	r, err := open(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	dst = dst[:0]
	for len(dst) < size {
		if len(dst) == cap(dst) {
			dst = slices.Grow(dst, min(size, max(2*cap(dst), 8*len(src)+64<<10))-len(dst))
		}
		n, err := r.Read(dst[len(dst):min(size, cap(dst))])
		dst = dst[:len(dst)+n]
		if err == io.EOF && len(dst) < size || err != nil && err != io.EOF {
			return nil, fmt.Errorf("data ends after %d of the %d bytes the page header gives: %v", len(dst), size, err)
		}
	}
	var one [1]byte
	if n, _ := r.Read(one[:]); n > 0 {
		return nil, fmt.Errorf("data decodes to more than the %d bytes the page header gives", size)
	}
	return dst, nil
}

// lz4Block decodes one LZ4 block (LZ4_RAW) of exactly len(dst) bytes.
func lz4Block(dst, src []byte) error {
	if len(dst) == 0 && len(src) <= 1 {
		return nil
	}
	n, err := lz4.UncompressBlock(src, dst)
	if err != nil {
		return err
	}
	if n != len(dst) {
		return fmt.Errorf("block decodes to %d bytes, the page header says %d", n, len(dst))
	}
	return nil
}

// lz4Hadoop decodes the deprecated LZ4 codec. Hadoop wrote it as frames of
// [uncompressed length, compressed length (both 4-byte big-endian), LZ4
// block]; other writers wrote a bare LZ4 block. Like Arrow C++, try the
// Hadoop framing first and fall back to a bare block.
func lz4Hadoop(dst, src []byte) error {
	if err := lz4HadoopFrames(dst, src); err == nil {
		return nil
	}
	if err := lz4Block(dst, src); err != nil {
		return errors.New("data is neither Hadoop-framed LZ4 nor an LZ4 block")
	}
	return nil
}

// lz4HadoopFrames decodes Hadoop's framing, which must fill dst exactly.
func lz4HadoopFrames(dst, src []byte) error {
	out := 0
	for len(src) > 0 {
		if len(src) < 8 {
			return errors.New("truncated Hadoop LZ4 frame header")
		}
		raw := int(binary.BigEndian.Uint32(src))
		packed := int(binary.BigEndian.Uint32(src[4:]))
		src = src[8:]
		if packed > len(src) || raw > len(dst)-out {
			return errors.New("Hadoop LZ4 frame lengths out of range")
		}
		n, err := lz4.UncompressBlock(src[:packed], dst[out:out+raw])
		if err != nil || n != raw {
			return errors.New("bad Hadoop LZ4 frame")
		}
		out += raw
		src = src[packed:]
	}
	if out != len(dst) {
		return errors.New("Hadoop LZ4 frames do not fill the page")
	}
	return nil
}
