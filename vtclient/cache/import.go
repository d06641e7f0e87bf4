package cache

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// maxLineErrors is how many bad lines an ImportReport describes.
const maxLineErrors = 100

// maxLine bounds one import line. A v3 file object with all its
// relationships can run to megabytes, far past bufio.Scanner's 64 KiB. A
// variable so that tests can lower it.
var maxLine = 64 << 20

// ImportReport says what Import did.
type ImportReport struct {
	// Imported counts answers stored.
	Imported int
	// Skipped counts lines that were well formed but held nothing to store:
	// API error responses, objects of other kinds (comments, analyses),
	// and answers older than the one already stored.
	Skipped int
	// Refused counts lines that were read but not stored because what they
	// hold is wrong: an observable that is not valid for its type (by the
	// rules of extraction), or an answer that is not for the observable it
	// is filed under (another file's hashes, another IP's object).
	// Refusals describes the first hundred, each with its line number.
	Refused  int
	Refusals []*LineError
	// Clamped counts answers whose fetched_at was in the future (a clock
	// ahead where the export was made): imported as fetched now, so they
	// go stale no later than their TTL says.
	Clamped int
	// Bad counts lines that could not be read; Errors describes the first
	// hundred of them, each with its line number.
	Bad    int
	Errors []*LineError
}

// LineError is a bad line of an import.
type LineError struct {
	Name string // the input's name, as given to Import
	Line int    // 1-based
	Err  error
}

// Error reads "name:line: what is wrong".
func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err) }

// Unwrap returns the cause.
func (e *LineError) Unwrap() error { return e.Err }

// Import reads JSONL from r, plain or compressed with gzip or zstd, and
// stores every answer in it. A line is one of:
//
//   - a line of Export (any version of it this package can read);
//   - a raw API response {"data":{...}} as vt-cli or vt-py save it, or
//     {"data":[...]} with several objects; type and observable come from
//     data.type and data.id (attributes.url for URLs), and files are also
//     stored under the MD5, SHA-1 and SHA-256 of their attributes;
//   - a bare v3 object {"type":...,"id":...,"attributes":{...}}.
//
// Raw objects carry no fetch time and count as fetched at the import. Bad
// lines do not stop the import: they are counted and described, with their
// line numbers, in the report. name labels those errors (a file name). The
// error is for failures to read r or write the cache; lines are written in
// transactions of a few hundred, so an import that fails midway keeps what
// it stored.
func (c *Cache) Import(ctx context.Context, r io.Reader, name string) (ImportReport, error) {
	if err := c.writable(); err != nil {
		return ImportReport{}, err
	}
	return c.importFrom(ctx, r, name, func(ctx context.Context, batch []*entry) (int, error) {
		n, err := c.write(ctx, batch)
		return n, c.writeError(err)
	})
}

// importFrom is Import for every backend: it reads, checks and parses the
// lines of r and stores their entries through write, a few hundred per
// call (one transaction).
func (c *base) importFrom(ctx context.Context, r io.Reader, name string, write func(context.Context, []*entry) (int, error)) (ImportReport, error) {
	var rep ImportReport
	in, closeIn, err := decompressed(r)
	if err != nil {
		return rep, fmt.Errorf("cache: import %s: %w", name, err)
	}
	defer closeIn()
	var (
		batch []*entry
		buf   []byte
	)
	flush := func() error {
		n, err := write(ctx, batch)
		rep.Imported += n
		rep.Skipped += len(batch) - n
		batch = batch[:0]
		return err
	}
	for lineNo := 1; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		var tooLong bool
		buf, tooLong, err = readLine(in, buf[:0])
		if err == io.EOF && len(buf) == 0 {
			break
		}
		if err != nil && err != io.EOF {
			return rep, fmt.Errorf("cache: import %s:%d: %w", name, lineNo, err)
		}
		var entries []*entry
		lerr := fmt.Errorf("line longer than %d bytes", maxLine)
		if !tooLong {
			entries, lerr = c.parseLine(bytes.TrimSpace(buf))
		}
		switch {
		case errors.Is(lerr, errSkip):
			rep.Skipped++
		case refused(lerr):
			rep.Refused++
			if len(rep.Refusals) < maxLineErrors {
				rep.Refusals = append(rep.Refusals, &LineError{Name: name, Line: lineNo, Err: lerr})
			}
		case lerr != nil:
			rep.Bad++
			if len(rep.Errors) < maxLineErrors {
				rep.Errors = append(rep.Errors, &LineError{Name: name, Line: lineNo, Err: lerr})
			}
		}
		for _, e := range entries {
			if e.clamped {
				rep.Clamped++
			}
		}
		batch = append(batch, entries...)
		if len(batch) >= maxBatch {
			if err := flush(); err != nil {
				return rep, err
			}
		}
		if err == io.EOF {
			break
		}
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// readLine appends the next line of br (without its newline) to buf. A line
// longer than maxLine is read to its end but not kept: tooLong says so.
func readLine(br *bufio.Reader, buf []byte) (line []byte, tooLong bool, err error) {
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong && len(buf)+len(frag) <= maxLine {
			buf = append(buf, frag...)
		} else {
			tooLong, buf = true, buf[:0]
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			if tooLong {
				return buf, true, nil
			}
			return buf[:len(buf)-1], false, nil
		default:
			return buf, tooLong, err
		}
	}
}

// decompressed recognises gzip and zstd by their magic numbers, so that a
// shared export can travel compressed and be imported as it is.
func decompressed(r io.Reader) (*bufio.Reader, func(), error) {
	br := bufio.NewReaderSize(r, 1<<20)
	magic, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, err
		}
		return bufio.NewReaderSize(zr, 1<<20), func() { zr.Close() }, nil
	case bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
		if err != nil {
			return nil, nil, err
		}
		return bufio.NewReaderSize(zr, 1<<20), zr.Close, nil
	}
	return br, func() {}, nil
}
