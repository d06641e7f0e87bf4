package cache

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrCacheFull is wrapped by the errors of a Cache whose file system has no
// room for its writes (SQLITE_FULL, ENOSPC, a disk quota). Answers that
// could not be written are kept in a side file (see FullError); a caller
// should stop asking VirusTotal for more, since they could not be kept.
var ErrCacheFull = errors.New("no space left for the cache")

// FullError is a write that failed for lack of space.
type FullError struct {
	// Path is the cache file.
	Path string
	// Unsaved is the side file that keeps the answers the cache could not
	// take, in the export format; the next Open imports and removes it.
	Unsaved string
	// Err is the error of the write.
	Err error
}

// Error names the cache file, the side file and what to do.
func (e *FullError) Error() string {
	return fmt.Sprintf("cache %s: no space left on its file system (%v); answers it could not store are kept in %s and imported by the next run: free some space, or use another --cache",
		e.Path, e.Err, e.Unsaved)
}

// Is makes errors.Is(err, ErrCacheFull) true.
func (e *FullError) Is(target error) bool { return target == ErrCacheFull }

// Unwrap returns the write's error.
func (e *FullError) Unwrap() error { return e.Err }

// isFull reports whether err is a write that failed for lack of space.
func isFull(err error) bool {
	if err == nil {
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) ||
		strings.Contains(err.Error(), "database or disk is full")
}

// unsavedPath is the side file of unsaved answers: next to the cache, so
// that it is found again by whoever opens the cache, and on the same file
// system, which often has a few blocks left when SQLite cannot grow.
func (c *Cache) unsavedPath() string { return c.path + ".unsaved.jsonl" }

// saveUnsaved appends entries to the side file, one export line each, and
// syncs it. The file is locked while written, so that a process importing
// it (importUnsaved) never reads half a line or removes lines it has not
// read.
func (c *Cache) saveUnsaved(entries []*entry) error { return appendUnsaved(c.unsavedPath(), entries) }

// appendUnsaved appends entries to the side file at path: see saveUnsaved.
func appendUnsaved(path string, entries []*entry) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, e := range entries {
		l, err := e.line()
		if err != nil {
			return err
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return err
		}
		current, err := lockCurrent(f, path)
		if err == nil && current {
			if _, err = f.Write(buf.Bytes()); err == nil {
				err = f.Sync()
			}
		}
		if cerr := f.Close(); err == nil { // closing drops the lock
			err = cerr
		}
		if err != nil || current {
			return err
		}
		// An importer removed the file between our open and our lock:
		// append to a new one.
	}
}

// lockCurrent locks f (opened from path) and reports whether it is still
// the file at path.
func lockCurrent(f *os.File, path string) (bool, error) {
	if err := lockFile(f); err != nil {
		return false, err
	}
	fst, err := f.Stat()
	if err != nil {
		return false, err
	}
	pst, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(fst, pst), nil
}

// importUnsaved imports the side file a run left when the disk was full,
// and removes it once every line is in the cache. Failing to, it leaves it
// for the next Open and says so.
func (c *Cache) importUnsaved() {
	c.importSideFile(c.unsavedPath(), c.Import, c.writeError)
}

// importSideFile imports the side file at path through imp and removes
// it; see importUnsaved. describe turns a failure into what the warning
// says.
func (c *base) importSideFile(path string, imp func(context.Context, io.Reader, string) (ImportReport, error), describe func(error) error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		c.opts.Warn(fmt.Sprintf("cache %s: cannot read the unsaved answers in %s: %v", c.name, path, err))
		return
	}
	defer f.Close()
	current, err := lockCurrent(f, path)
	if err != nil || !current {
		return // another process is importing it, or already has
	}
	rep, err := imp(context.Background(), f, path)
	if err == nil {
		err = os.Remove(path)
	}
	if err != nil {
		c.opts.Warn(fmt.Sprintf("cache %s: importing the unsaved answers in %s: %v; kept for the next run", c.name, path, describe(err)))
		return
	}
	c.opts.Warn(fmt.Sprintf("cache %s: imported %d answers it could not store before, from %s", c.name, rep.Imported+rep.Skipped, path))
}

// line is e as a line of an export (and of the side file).
func (e *entry) line() (*line, error) {
	l := &line{
		Type: e.keys[0].Type.String(), Observable: e.keys[0].Observable,
		Outcome: outcomeNotFound, FetchedAt: e.fetched.UTC().Round(time.Nanosecond),
		Result: e.summary,
	}
	if e.found {
		l.Outcome = outcomeFound
	}
	for _, k := range e.keys[1:] {
		l.Aliases = append(l.Aliases, lineKey{k.Type.String(), k.Observable})
	}
	if e.raw != nil {
		var err error
		if l.Data, err = decompress(e.raw); err != nil {
			return nil, err
		}
	}
	return l, nil
}
