package cache

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// createPrivate makes sure the cache file exists before SQLite opens it,
// creating it with mode 0600 and any missing parent directories with 0700:
// the cache tells which indicators an analyst investigated, which is
// nobody else's business. The modes are set with chmod, so they do not
// depend on the umask. An existing file is left as it is (not even opened:
// see the package comment on POSIX locks).
func createPrivate(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}

// privateSidecars keeps the -wal and -shm files no more open than the
// database file: they hold the same data. SQLite itself creates them with
// the database file's mode (fchmod after open, umask-independent); this
// repairs files left by another tool.
func privateSidecars(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	want := st.Mode().Perm()
	for _, side := range []string{path + "-wal", path + "-shm"} {
		st, err := os.Stat(side)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if st.Mode().Perm()&^want != 0 {
			if err := os.Chmod(side, st.Mode().Perm()&want); err != nil {
				return err
			}
		}
	}
	return nil
}
