package writers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// AtomicFile is an output file that appears at its path only once it is
// complete: bytes go to a temporary file in the same folder, and Commit
// renames it over the destination. A run that fails, or is killed before
// Commit, never leaves a truncated file that looks finished, and an older
// file at the path survives until the new one replaces it.
//
// Paths that are not regular files (/dev/stdout, a named pipe) are written
// in place: renaming over them would replace the device or pipe itself.
type AtomicFile struct {
	f      *os.File
	path   string // final destination
	temp   string // "" when writing in place
	closed bool
}

// CreateAtomic starts writing the file at path. A symbolic link at path is
// followed, so the file it points to is what gets replaced, as os.Create
// would write through it.
func CreateAtomic(path string) (*AtomicFile, error) {
	dest := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		dest = resolved
	}
	if info, err := os.Stat(dest); err == nil && !info.Mode().IsRegular() {
		f, err := os.OpenFile(dest, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, err
		}
		return &AtomicFile{f: f, path: dest}, nil
	}
	dir, base := filepath.Split(dest)
	if dir == "" {
		dir = "."
	}
	// The temp file is created with mode 0666 less the umask, as os.Create
	// makes a new file, so the committed file has the permissions users
	// expect. The name is hidden and says what it belongs to.
	for try := 0; ; try++ {
		temp := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatInt(time.Now().UnixNano()+int64(try), 36))
		f, err := os.OpenFile(temp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			return &AtomicFile{f: f, path: dest, temp: temp}, nil
		}
		if !errors.Is(err, fs.ErrExist) || try == 100 {
			return nil, fmt.Errorf("creating the output file %s: %w", path, err)
		}
	}
}

// Write writes to the temporary file.
func (a *AtomicFile) Write(p []byte) (int, error) { return a.f.Write(p) }

// Name is the destination path.
func (a *AtomicFile) Name() string { return a.path }

// Commit makes the file durable and puts it at its path: fsync, keep the
// permissions of a file being replaced, rename, fsync the folder. On error
// the temporary file is removed and the destination left as it was.
func (a *AtomicFile) Commit() error {
	if a.closed {
		return fmt.Errorf("output file %s: already committed or aborted", a.path)
	}
	a.closed = true
	if a.temp == "" {
		return a.f.Close()
	}
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if info, serr := os.Stat(a.path); err == nil && serr == nil {
		err = os.Chmod(a.temp, info.Mode().Perm())
	}
	if err == nil {
		err = os.Rename(a.temp, a.path)
	}
	if err != nil {
		os.Remove(a.temp)
		return fmt.Errorf("writing the output file %s: %w", a.path, err)
	}
	// The rename is durable once the folder is synced. Some file systems
	// cannot sync a folder; the data itself is already on disk, so that is
	// not worth failing a finished run for.
	if d, derr := os.Open(filepath.Dir(a.path)); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Abort discards what was written; the destination keeps what it had.
// Calling Abort after Commit does nothing, so `defer f.Abort()` is safe.
func (a *AtomicFile) Abort() error {
	if a.closed {
		return nil
	}
	a.closed = true
	err := a.f.Close()
	if a.temp != "" {
		if rerr := os.Remove(a.temp); err == nil {
			err = rerr
		}
	}
	return err
}
