//go:build unix

package cache

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// TestFileModes: whatever the umask, the cache and its WAL and shared
// memory files are the user's alone, and so is a directory made for them.
func TestFileModes(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "new", "vtenrich")
	path := filepath.Join(dir, "cache.db")
	c := openAt(t, path, Options{})
	put(t, c, found(ioc.DNS, "evil.example.net", 1))
	flush(t, c)
	want := map[string]os.FileMode{dir: 0o700, filepath.Dir(dir): 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600}
	for f, mode := range want {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v", f, st.Mode().Perm(), mode)
		}
	}
}

func TestSidecarsAreRepaired(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	openAt(t, path, Options{})
	if err := os.Chmod(path+"-wal", 0o644); err != nil {
		t.Fatal(err)
	}
	openAt(t, path, Options{})
	if st, _ := os.Stat(path + "-wal"); st.Mode().Perm() != 0o600 {
		t.Errorf("-wal left %v", st.Mode().Perm())
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/home/u/.cache")
	t.Setenv("HOME", "/home/u")
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(p, filepath.Join("vtenrich", "cache.db")) || !filepath.IsAbs(p) {
		t.Errorf("DefaultPath = %q", p)
	}
}

func TestSchemaFromTheFuture(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c := openAt(t, path, Options{})
	if _, err := c.w.ExecContext(context.Background(), `UPDATE schema_version SET version = 99`); err != nil {
		t.Fatal(err)
	}
	if c2, err := OpenFile(path, Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a newer schema: %v", err)
		if c2 != nil {
			c2.Close()
		}
	}
}
