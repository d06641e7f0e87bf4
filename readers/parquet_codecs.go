package readers

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
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

// decompress decodes src, compressed with codec, into dst[:size].
func decompress(codec format.CompressionCodec, dst, src []byte, size int) ([]byte, error) {
	if cap(dst) < size {
		dst = make([]byte, size)
	}
	dst = dst[:size]
	var err error
	switch codec {
	case format.Uncompressed:
		if len(src) != size {
			return nil, fmt.Errorf("uncompressed page holds %d bytes, its header says %d", len(src), size)
		}
		copy(dst, src)
		return dst, nil
	case format.Snappy:
		err = snappyDecode(dst, src)
	case format.Gzip:
		err = readExactly(dst, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }, src)
	case format.Brotli:
		err = readExactly(dst, func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }, src)
	case format.Zstd:
		err = zstdDecode(dst, src)
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

// zstdDecoders are reused: a decoder allocates its window buffers once.
var zstdDecoders = sync.Pool{New: func() any {
	d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
	if err != nil {
		return err
	}
	return d
}}

// zstdDecode decodes zstd frames into exactly len(dst) bytes.
func zstdDecode(dst, src []byte) error {
	got := zstdDecoders.Get()
	d, ok := got.(*zstd.Decoder)
	if !ok {
		return got.(error)
	}
	defer zstdDecoders.Put(d)
	return readExactly(dst, func(r io.Reader) (io.Reader, error) { return d, d.Reset(r) }, src)
}

// readExactly decodes src with a streaming decoder and checks that it
// yields exactly len(dst) bytes. Gzip members concatenated one after the
// other are one stream, as gunzip reads them.
func readExactly(dst []byte, open func(io.Reader) (io.Reader, error), src []byte) error {
	r, err := open(bytes.NewReader(src))
	if err != nil {
		return err
	}
	if _, err := io.ReadFull(r, dst); err != nil {
		return fmt.Errorf("data ends before the %d bytes the page header gives: %w", len(dst), err)
	}
	var one [1]byte
	if n, _ := r.Read(one[:]); n > 0 {
		return fmt.Errorf("data decodes to more than the %d bytes the page header gives", len(dst))
	}
	return nil
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
