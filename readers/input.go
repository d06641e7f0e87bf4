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
	formatBy    formatSource // where format came from
	offset      int64        // offset in r's stream of r's next byte (after a BOM)
	crLines     bool         // lines end in a lone CR (read through crToLF)
	closers     []func() error
}

// formatSourceName says where a format came from, for messages.
func formatSourceName(s formatSource) string {
	if s == formatByFlag {
		return "--from"
	}
	return "name"
}

// stdinName is how stdin is named, on the command line and in messages.
const stdinName = "-"

// ioBufSize is the read-ahead of each input. Text readers read in larger
// chunks, which bufio passes straight through.
const ioBufSize = 64 << 10

// zstdMaxMemory bounds what a zstd frame may make the decoder allocate, so a
// hostile frame header cannot exhaust memory.
const zstdMaxMemory = 1 << 30

// formatSource says where an input's format came from, for the hints that
// second-guess a format guessed from a name.
type formatSource uint8

const (
	formatByFlag  formatSource = iota // --from
	formatByName                      // the file name's extension
	formatBySniff                     // the first bytes
)

// openInput opens name (or stdin for "-"), undoes gzip or zstd found by
// magic bytes, and settles the format: forced, else from the name, else
// sniffed. Text is decoded to UTF-8 (opts.Encoding, or UTF-16 found by its
// byte order mark or its zero bytes), a UTF-8 byte order mark is dropped,
// and lines ending in a lone CR are read as lines. A spreadsheet or an
// archive is refused with what to do instead.
func openInput(name string, stdin io.Reader, opts Options) (*input, error) {
	forced := opts.Format
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
	in.format, in.formatBy = forced, formatByFlag
	if in.format == "" {
		in.format, _, _ = rows.FormatFromPath(name)
		in.formatBy = formatByName
	}
	if head, err = in.peekText(); err != nil {
		return nil, err
	}
	if what := notAnExport(head); what != "" {
		return nil, inputErr(name, 0, "%s", what)
	}
	if head, err = in.decodeText(opts.Encoding, head); err != nil {
		return nil, err
	}
	if in.format == "" {
		in.format, in.formatBy = Sniff(head), formatBySniff
	}
	if opts.Delimiter != 0 && in.format == rows.TSV {
		// A delimiter is asked for: the text is CSV split by it. Tabs
		// in a sniffed first line do not make it TSV, but a name or
		// --from that says TSV contradicts the delimiter.
		if in.formatBy != formatBySniff {
			return nil, inputErr(name, 0, "--delimiter splits CSV, and this input is TSV by its %s; use --from csv with --delimiter", formatSourceName(in.formatBy))
		}
		in.format = rows.CSV
	}
	if isText(in.format) {
		if bytes.HasPrefix(head, utf8BOM) {
			if _, err := in.r.Discard(len(utf8BOM)); err == nil {
				in.offset = int64(len(utf8BOM))
				head = head[len(utf8BOM):]
			}
		}
		if crLineEnds(head) {
			in.r = bufio.NewReaderSize(newCRToLF(in.r, in.format, csvDelimiter(opts)), ioBufSize)
			in.crLines = true
		}
	}
	ok = true
	return in, nil
}

// peekText peeks at the start of in: past any magic number, and for what
// may be text, to the end of its first line (see peekLine), which sniffing
// the format, the encoding and the line end all need.
func (in *input) peekText() ([]byte, error) {
	head, err := peekHead(in.r)
	if err == nil && in.maybeText(head) {
		head, err = peekLine(in.r)
	}
	if err != nil {
		return nil, wrapErr(in.name, err)
	}
	return head, nil
}

// decodeText puts a decoder to UTF-8 in front of text input that is not
// UTF-8: the encoding named (by --encoding), else UTF-16 when detected. A
// binary format (by name, flag or magic number) is left alone. It returns
// the head of what is read next.
func (in *input) decodeText(named string, head []byte) ([]byte, error) {
	if !in.maybeText(head) {
		return head, nil
	}
	e, err := lookupEncoding(named)
	if err != nil {
		return nil, inputErr(in.name, 0, "%v", err)
	}
	if e.enc == nil {
		var found bool
		if e, found = detectUTF16(head); !found {
			return head, nil
		}
	}
	in.decodeTo(e)
	return in.peekText()
}

// maybeText reports whether in is text: by the format given or named, or,
// when there is none, by its first bytes.
func (in *input) maybeText(head []byte) bool {
	if in.format != "" {
		return isText(in.format)
	}
	return !isBinary(Sniff(head))
}

// isBinary reports whether f is a format with its own magic number.
func isBinary(f rows.Format) bool { return f.Info().Binary }

// isText reports whether f is one of the line-based formats.
func isText(f rows.Format) bool {
	return f == rows.CSV || f == rows.TSV || f == rows.JSONL
}

// peekHead returns what br has buffered once it holds at least one byte, or
// more while those bytes could still be the start of a magic number. It
// does not wait for a fixed count, so sniffing a slow stream (tail -f of a
// short header) does not hang.
func peekHead(br *bufio.Reader) ([]byte, error) {
	return peekUntil(br, func(head []byte) bool { return !maybeMagic(head) })
}

// peekLine returns what br has buffered once it holds the first line
// (firstLine), the end of the input, or a full buffer. The parsers need
// that line before anything else, so waiting for it costs nothing. What is
// decided from the head (format, encoding, line end) looks at that line
// only, so that it is the same however the input arrives.
func peekLine(br *bufio.Reader) ([]byte, error) {
	return peekUntil(br, func(head []byte) bool {
		_, complete := firstLineLen(head)
		return complete
	})
}

// firstLineEnd is the index in head of the first CR or LF after the first
// byte that is not white space, or -1.
func firstLineEnd(head []byte) int {
	start := skipSpace(head, 0)
	if i := bytes.IndexAny(head[start:], "\r\n"); i >= 0 {
		return start + i
	}
	return -1
}

// firstLineLen is the length of the first line of head with its line end,
// and whether head holds all of it. A CR line end includes the byte after
// it (an LF, or the next line of a file whose lines end in CR), and so
// does any line end after a zero byte (the LF of UTF-16 is two bytes).
func firstLineLen(head []byte) (n int, complete bool) {
	i := firstLineEnd(head)
	if i < 0 {
		return len(head), false
	}
	n = i + 1
	if head[i] == '\r' || bytes.IndexByte(head[:i], 0) >= 0 {
		n = i + 2
	}
	if n > len(head) {
		return len(head), false
	}
	return n, true
}

// firstLine is head's first line (firstLineLen), or all of head.
func firstLine(head []byte) []byte {
	n, _ := firstLineLen(head)
	return head[:n]
}

// peekUntil peeks at br, byte by byte as they arrive, until enough says the
// head is enough, the input ends or the buffer is full.
func peekUntil(br *bufio.Reader, enough func(head []byte) bool) ([]byte, error) {
	for n := 1; n <= br.Size(); n = br.Buffered() + 1 {
		_, err := br.Peek(n)
		head, _ := br.Peek(br.Buffered())
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if err != nil || enough(head) {
			return head, nil
		}
	}
	return br.Peek(br.Buffered())
}

// maybeMagic reports whether head is a proper prefix of a magic number (or
// of a byte order mark), or too short to tell text's kind (white space
// only, a '[' that may open a JSON array, the first bytes of UTF-16), so
// that more bytes are needed to tell.
func maybeMagic(head []byte) bool {
	text := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(text) == 0 || (text[0] == '[' && len(bytes.TrimLeft(text[1:], " \t\r\n")) == 0) {
		return true
	}

	skippable := []byte{0x50, 0x2a, 0x4d, 0x18}
	if len(head) > 0 && head[0]&0xf0 == 0x50 {
		skippable[0] = head[0]
	}
	for _, m := range [][]byte{parquetMagic, arrowFileMagic, arrowStreamMagic, gzipMagic, zstdMagic, skippable, utf8BOM,
		utf16LEBOM, utf16BEBOM, zipMagic, emptyZipMagic, oleMagic} {
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
