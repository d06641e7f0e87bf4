//go:build unix

package cache

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock on f, released when f is
// closed. flock, not fcntl: closing another descriptor of the file does not
// drop it (the side file is not the database, whose fcntl locks SQLite
// owns).
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}
