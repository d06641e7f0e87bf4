//go:build unix

package cache

import (
	"os"
	"path/filepath"
	"syscall"
)

// canWrite reports whether this process can write the cache at path: the
// file (when it exists), and its folder, unless the -wal and -shm files
// SQLite needs exist and are writable. access(2) answers for the real user
// and honours read-only mounts (EROFS), even for root.
func canWrite(path string) bool {
	ok := func(p string) bool { return syscall.Access(p, 2 /* W_OK */) == nil }
	if _, err := os.Stat(path); err != nil {
		return true // to be created: Open says if it cannot be
	}
	if !ok(path) {
		return false
	}
	return ok(filepath.Dir(path)) || ok(path+"-wal") && ok(path+"-shm")
}
