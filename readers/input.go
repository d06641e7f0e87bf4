package readers

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// input is one opened input file: its decompressed bytes behind a bufio
// reader, the format found for it, and what to close afterwards.
type input struct {
	name        string
	r           *bufio.Reader // decompressed bytes
	file        *os.File      // the named file; nil for stdin
	compression string        // "gzip", "zstd" or ""
	format      rows.Format
	offset      int64 // offset in r's stream of r's next byte (after a BOM)
	closers     []func() error
}

// stdinName is how stdin is named, on the command line and in messages.
const stdinName = "-"

// ioBufSize is the read-ahead of each input. Text readers read in larger
// chunks, which bufio passes straight through.
const ioBufSize = 64 << 10

// zstdMaxMemory bounds what a zstd frame may make the decoder allocate, so a
// hostile frame header cannot exhaust memory.
const zstdMaxMemory = 1 << 30

// openInput opens name (or stdin for "-"), undoes gzip or zstd found by
// magic bytes, and settles the format: forced, else from the name, else
// sniffed. A UTF-8 byte order mark before text is dropped.
func openInput(name string, stdin io.Reader, forced rows.Format) (*input, error) {
	in := &input{name: name}
	ok := false
	defer func() {
		if !ok {
			in.close()
		}
	}()
	var raw io.Reader = stdin
	if name != stdinName {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		in.file = f
		in.closers = append(in.closers, f.Close)
		raw = f
	}
	if raw == nil {
		return nil, inputErr(name, 0, "no stdin to read")
	}
	br := bufio.NewReaderSize(raw, ioBufSize)
	head, err := peekHead(br)
	if err != nil {
		return nil, wrapErr(name, err)
	}
	in.r = br
	if in.compression = compression(head); in.compression != "" {
		dec, err := in.decompress(br)
		if err != nil {
			return nil, err
		}
		in.r = bufio.NewReaderSize(dec, ioBufSize)
	}
	in.format = forced
	if in.format == "" {
		in.format, _, _ = rows.FormatFromPath(name)
	}
	head, err = peekHead(in.r)
	if err != nil {
		return nil, wrapErr(name, err)
	}
	if in.format == "" {
		in.format = Sniff(head)
	}
	if isText(in.format) && bytes.HasPrefix(head, utf8BOM) {
		if _, err := in.r.Discard(len(utf8BOM)); err == nil {
			in.offset = int64(len(utf8BOM))
		}
	}
	ok = true
	return in, nil
}

// isText reports whether f is one of the line-based formats.
func isText(f rows.Format) bool {
	return f == rows.CSV || f == rows.TSV || f == rows.JSONL
}

// peekHead returns what br has buffered once it holds at least one byte, or
// more while those bytes could still be the start of a magic number. It
// does not wait for a fixed count, so sniffing a slow stream (tail -f of a
// short header) does not hang.
func peekHead(br *bufio.Reader) ([]byte, error) {
	for n := 1; ; n = br.Buffered() + 1 {
		_, err := br.Peek(n)
		head, _ := br.Peek(br.Buffered())
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if err != nil || !maybeMagic(head) {
			return head, nil
		}
	}
}

// maybeMagic reports whether head is a proper prefix of a magic number (or
// of a byte order mark), so that more bytes are needed to tell.
func maybeMagic(head []byte) bool {
	for _, m := range [][]byte{parquetMagic, arrowFileMagic, arrowStreamMagic, gzipMagic, zstdMagic, utf8BOM} {
		if len(head) < len(m) && bytes.HasPrefix(m, head) {
			return true
		}
	}
	return false
}

// decompress wraps r in the decoder named by in.compression.
func (in *input) decompress(r io.Reader) (io.Reader, error) {
	raw := &countingReader{r: r}
	var dec io.Reader
	switch in.compression {
	case "gzip":
		z, err := gzip.NewReader(raw)
		if err != nil {
			return nil, &InputError{File: in.name, Offset: -1, Reason: "gzip header is corrupt or truncated", Err: err}
		}
		in.closers = append(in.closers, z.Close)
		dec = z
	case "zstd":
		z, err := zstd.NewReader(raw, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(zstdMaxMemory))
		if err != nil {
			return nil, &InputError{File: in.name, Offset: -1, Reason: "zstd decoder", Err: err}
		}
		in.closers = append(in.closers, func() error { z.Close(); return nil })
		dec = z
	}
	return &decodeReader{name: in.name, kind: in.compression, dec: dec, raw: raw}, nil
}

// close releases decoders and the file, in reverse order of opening.
func (in *input) close() error {
	var first error
	for i := len(in.closers) - 1; i >= 0; i-- {
		if err := in.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	in.closers = nil
	return first
}

// countingReader counts the bytes read through it: the compressed offset
// that decode errors report.
type countingReader struct {
	r io.Reader
	n int64
}

// Read reads from the wrapped reader and counts.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// decodeReader turns decoder failures into errors that name the file and
// where in the compressed and decompressed streams the damage was met.
type decodeReader struct {
	name string
	kind string // "gzip" or "zstd"
	dec  io.Reader
	raw  *countingReader
	out  int64 // decompressed bytes produced
	err  error // sticky
}

// Read decompresses into p.
func (d *decodeReader) Read(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n, err := d.dec.Read(p)
	d.out += int64(n)
	switch {
	case err == nil, err == io.EOF:
		return n, err
	case errors.Is(err, io.ErrUnexpectedEOF):
		d.err = &InputError{File: d.name, Offset: -1, Err: err, Reason: fmt.Sprintf(
			"%s stream ends unexpectedly at compressed byte offset %d (decompressed byte offset %d): truncated or corrupt",
			d.kind, d.raw.n, d.out)}
	default:
		// The decoder reads ahead, so the compressed offset is where reading
		// had got to, at most one buffer past the damage.
		d.err = &InputError{File: d.name, Offset: -1, Err: err, Reason: fmt.Sprintf(
			"corrupt %s data near compressed byte offset %d (decompressed byte offset %d)", d.kind, d.raw.n, d.out)}
	}
	return n, d.err
}
