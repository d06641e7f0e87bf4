package cache

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

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

// LineError is a bad or refused line of an import, or entry of a JSON
// array (vt-cli's --format json).
type LineError struct {
	Name  string // the input's name, as given to Import
	Line  int    // 1-based; 0 for an entry of a JSON array
	Entry int    // 1-based index in the JSON array(s); 0 for a line
	Err   error
}

// Error reads "name:line: what is wrong" or "name: entry n: what is wrong".
func (e *LineError) Error() string {
	if e.Entry > 0 {
		return fmt.Sprintf("%s: entry %d: %v", e.Name, e.Entry, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *LineError) Unwrap() error { return e.Err }

// RefusedSummary sums the refusals up in one line, grouped by reason, with
// the first places of each: "3 not a valid sha256_hash (entries 2, 5, 9);
// 1 answers for another observable (line 4)". "" when none.
func (rep *ImportReport) RefusedSummary() string {
	if rep.Refused == 0 {
		return ""
	}
	var order []string
	count, places := map[string]int{}, map[string][]string{}
	kind := "line"
	for _, e := range rep.Refusals {
		r := reasonOf(e.Err)
		if count[r] == 0 {
			order = append(order, r)
		}
		count[r]++
		n := e.Line
		if e.Entry > 0 {
			kind, n = "entry", e.Entry
		}
		if len(places[r]) < 5 {
			places[r] = append(places[r], fmt.Sprint(n))
		}
	}
	plural := map[string]string{"line": "lines", "entry": "entries"}
	var parts []string
	for _, r := range order {
		k := kind
		if count[r] > 1 {
			k = plural[kind]
		}
		more := ""
		if count[r] > len(places[r]) {
			more = ", ..."
		}
		parts = append(parts, fmt.Sprintf("%d %s (%s %s%s)", count[r], r, k, strings.Join(places[r], ", "), more))
	}
	if listed := len(rep.Refusals); rep.Refused > listed {
		parts = append(parts, fmt.Sprintf("%d more not described", rep.Refused-listed))
	}
	return strings.Join(parts, "; ")
}

// Import reads answers from r, plain or compressed with gzip or zstd, and
// stores every one. r is JSONL, a line being one of:
//
//   - a line of Export (any version of it this package can read);
//   - a raw API response {"data":{...}} as vt-py saves it, or
//     {"data":[...]} with several objects; type and observable come from
//     data.type and data.id (attributes.url for URLs), and files are also
//     stored under the MD5, SHA-1 and SHA-256 of their attributes;
//   - a bare v3 object {"type":...,"id":...,"attributes":{...}};
//
// or, when its first character is "[", vt-cli's --format json output: a
// JSON array (or several in a row) of objects with "_id", "_type" and the
// attributes at the top level, read one entry at a time, never whole.
//
// Raw objects carry no fetch time and count as fetched at the import. Bad
// lines or entries do not stop the import: they are counted and described,
// with their line or entry numbers, in the report. name labels those
// errors (a file name). The error is for failures to read r or write the
// cache; answers are written in transactions of a few hundred, so an
// import that fails midway keeps what it stored.
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
// lines or array entries of r and stores their entries through write, a
// few hundred per call (one transaction).
func (c *base) importFrom(ctx context.Context, r io.Reader, name string, write func(context.Context, []*entry) (int, error)) (ImportReport, error) {
	in, closeIn, err := decompressed(r)
	if err != nil {
		return ImportReport{}, fmt.Errorf("cache: import %s: %w", name, err)
	}
	defer closeIn()
	imp := &importer{c: c, write: write, ctx: ctx, name: name}
	if firstNonSpace(in) == '[' {
		err = imp.arrays(in)
	} else {
		err = imp.lines(in)
	}
	if err == nil {
		err = imp.flush()
	}
	return imp.rep, err
}

// importer stores what an import reads, in batches, and keeps its report.
type importer struct {
	c     *base
	write func(context.Context, []*entry) (int, error)
	ctx   context.Context
	name  string
	rep   ImportReport
	batch []*entry
}

// add counts what one line or entry gave, and stores its answers.
func (imp *importer) add(entries []*entry, lerr error, line, entry int) error {
	rep := &imp.rep
	switch {
	case errors.Is(lerr, errSkip):
		rep.Skipped++
	case refused(lerr):
		rep.Refused++
		if len(rep.Refusals) < maxLineErrors {
			rep.Refusals = append(rep.Refusals, &LineError{Name: imp.name, Line: line, Entry: entry, Err: lerr})
		}
	case lerr != nil:
		rep.Bad++
		if len(rep.Errors) < maxLineErrors {
			rep.Errors = append(rep.Errors, &LineError{Name: imp.name, Line: line, Entry: entry, Err: lerr})
		}
	}
	for _, e := range entries {
		if e.clamped {
			rep.Clamped++
		}
	}
	imp.batch = append(imp.batch, entries...)
	if len(imp.batch) >= maxBatch {
		return imp.flush()
	}
	return nil
}

// flush writes the batch.
func (imp *importer) flush() error {
	if len(imp.batch) == 0 {
		return nil
	}
	n, err := imp.write(imp.ctx, imp.batch)
	imp.rep.Imported += n
	imp.rep.Skipped += len(imp.batch) - n
	imp.batch = imp.batch[:0]
	return err
}

// lines imports JSONL.
func (imp *importer) lines(in *bufio.Reader) error {
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		if err := imp.ctx.Err(); err != nil {
			return err
		}
		var tooLong bool
		var err error
		buf, tooLong, err = readLine(in, buf[:0])
		if err == io.EOF && len(buf) == 0 {
			return nil
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("cache: import %s:%d: %w", imp.name, lineNo, err)
		}
		var entries []*entry
		lerr := fmt.Errorf("line longer than %d bytes", maxLine)
		if !tooLong {
			entries, lerr = imp.c.parseLine(bytes.TrimSpace(buf))
		}
		if aerr := imp.add(entries, lerr, lineNo, 0); aerr != nil {
			return aerr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// arrays imports JSON arrays of vt-cli objects, one entry at a time. JSON
// that is not well formed ends the import there: nothing after it can be
// told apart, so it is one bad entry, named with its byte offset.
func (imp *importer) arrays(in *bufio.Reader) error {
	dec := json.NewDecoder(in)
	n := 0
	bad := func(err error) error {
		return imp.add(nil, fmt.Errorf("not JSON at byte %d: %w", dec.InputOffset(), err), 0, n+1)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return bad(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return bad(fmt.Errorf("a %v between arrays", tok))
		}
		for dec.More() {
			if err := imp.ctx.Err(); err != nil {
				return err
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return bad(err)
			}
			n++
			entries, lerr := imp.c.vtcliEntry(raw)
			if err := imp.add(entries, lerr, 0, n); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil { // the closing ]
			return bad(err)
		}
	}
}

// firstNonSpace peeks at the first character of the input that is not
// white space (within its first 64 KiB).
func firstNonSpace(br *bufio.Reader) byte {
	b, _ := br.Peek(64 << 10)
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 {
		return t[0]
	}
	return 0
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
