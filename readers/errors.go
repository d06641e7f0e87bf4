package readers

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
)

// InputError is a problem at a known place of an input file. Its message
// leads with the place, like a compiler's, so a person can jump to it:
//
//	app.csv:12: row has 5 fields, header has 7
//	app.csv:40: column "port": invalid UTF-8 (byte offset 5123)
type InputError struct {
	File   string // file name, or "-" for stdin
	Line   int64  // 1-based line of a text input; 0 when not applicable
	Column string // column concerned; "" when none
	Offset int64  // byte offset in the decompressed input; -1 when not applicable
	Reason string // what is wrong, in words
	Err    error  // underlying error, if any
	Hint   string // what the person may do about it; "" when nothing
}

// Error formats the place, then the reason.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(e.Line, 10))
	}
	b.WriteString(": ")
	if e.Column != "" {
		fmt.Fprintf(&b, "column %q: ", e.Column)
	}
	b.WriteString(e.Reason)
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " (byte offset %d)", e.Offset)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap gives the underlying error to errors.Is and errors.As.
func (e *InputError) Unwrap() error { return e.Err }

// ErrSchemaMismatch is wrapped by Open's error when the files of one stream
// do not share their columns.
var ErrSchemaMismatch = errors.New("input files have different columns")

// MaxColumns is the most columns an input may have. Every column costs
// about 1 KiB of memory before its first value (its buffers and its entries
// in the schemas of the reader, the join and the writer), so a header of a
// million fields, as a file with an unrecognised line end or a binary file
// read as CSV gives, would take gigabytes; 100,000 columns stay within
// about 200 MB.
const MaxColumns = 100_000

// tooManyColumns is the error for an input wider than MaxColumns.
func tooManyColumns(file string, line int64) *InputError {
	return inputErr(file, line, "more than %d columns: vtenrich reads at most %d (is the line end or the delimiter wrong? --from tsv, --from csv)",
		MaxColumns, MaxColumns)
}

// inputErr builds an InputError without an offset, the most common kind.
func inputErr(file string, line int64, reason string, args ...any) *InputError {
	return &InputError{File: file, Line: line, Offset: -1, Reason: fmt.Sprintf(reason, args...)}
}

// wrapErr names the file in err unless err already carries a place (an
// InputError, or the os package's PathError of a failed open).
func wrapErr(file string, err error) error {
	var (
		ie *InputError
		pe *fs.PathError
	)
	if err == nil || errors.As(err, &ie) || errors.As(err, &pe) {
		return err
	}
	return &InputError{File: file, Offset: -1, Reason: "read failed", Err: err}
}

// maxBadRowSamples is how many skipped rows BadRows describes one by one.
const maxBadRowSamples = 10

// badRowLog counts the rows skipped under SkipBadRows across the files of
// a stream.
type badRowLog struct {
	mu     sync.Mutex
	report BadRowReport
}

// add records one skipped row.
func (l *badRowLog) add(e *InputError) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.report.Count++
	if len(l.report.First) < maxBadRowSamples {
		l.report.First = append(l.report.First, e.Error())
	}
}

// snapshot copies the report so the caller may keep it.
func (l *badRowLog) snapshot() BadRowReport {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := l.report
	r.First = append([]string(nil), r.First...)
	return r
}

// handle applies the bad-row policy to one bad row: under SkipBadRows it
// is counted and nil is returned; otherwise the row's error comes back,
// to stop the stream.
func (l *badRowLog) handle(policy BadRowPolicy, e *InputError) error {
	if policy == SkipBadRows {
		l.add(e)
		return nil
	}
	return e
}

// fieldLimit describes the MaxFieldBytes a field or line went past, and
// how to raise it.
func fieldLimit(n int) string {
	if n >= MaxFieldLimit {
		return byteSize(n) + " (the most --max-field allows)"
	}
	return fmt.Sprintf("%s (raise the limit with --max-field, up to %s)", byteSize(n), byteSize(MaxFieldLimit))
}

// byteSize writes n in MiB or GiB when it is a whole number of them.
func byteSize(n int) string {
	switch {
	case n > 0 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n > 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
