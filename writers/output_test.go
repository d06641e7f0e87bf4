package writers

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestAtomicCommitCreatesTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the destination exists before Commit: %v", err)
	}
	f.Write([]byte("a,b\n"))
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "a,b\n" {
		t.Errorf("content %q", got)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v, want only out.csv", names)
	}
	// Same permissions as os.Create gives a new file (0666 less umask).
	ref, err := os.Create(filepath.Join(dir, "ref"))
	if err != nil {
		t.Fatal(err)
	}
	ref.Close()
	refInfo, _ := os.Stat(ref.Name())
	info, _ := os.Stat(path)
	if info.Mode() != refInfo.Mode() {
		t.Errorf("mode %v, os.Create gives %v", info.Mode(), refInfo.Mode())
	}
	if err := f.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
}

func TestAtomicFailureKeepsTheOldFile(t *testing.T) {
	for _, existing := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.parquet")
		if existing {
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		f, err := CreateAtomic(path)
		if err != nil {
			t.Fatal(err)
		}
		// A writer that fails part-way: the second batch has a column the
		// first did not.
		w, err := New(f, stringSchema("a"), Options{Format: rows.Parquet})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(&rows.Joined{Batch: &rows.Batch{Record: recordFromJSON(t, stringSchema("a"), `[{"a":"1"}]`)}}); err != nil {
			t.Fatal(err)
		}
		err = w.Write(&rows.Joined{Batch: &rows.Batch{Record: recordFromJSON(t, stringSchema("a", "b"), `[{"a":"1","b":"2"}]`)}})
		if err == nil {
			t.Fatal("the failing write succeeded")
		}
		if err := f.Abort(); err != nil {
			t.Fatal(err)
		}
		names := dirNames(t, dir)
		switch {
		case existing:
			if got, _ := os.ReadFile(path); string(got) != "old" || len(names) != 1 {
				t.Errorf("after a failure the folder holds %v and out.parquet %q; want only the old file", names, got)
			}
		case len(names) != 0:
			t.Errorf("after a failure the folder holds %v, want nothing", names)
		}
	}
}

func TestAtomicCommitReplacesKeepingMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	f, err := CreateAtomic(link)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("new"))
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("the link's target holds %q, want new", got)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a file")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the replaced file's 0600", info.Mode().Perm())
	}
}

func TestAtomicDeviceIsWrittenInPlace(t *testing.T) {
	f, err := CreateAtomic(os.DevNull)
	if err != nil {
		t.Skipf("no %s: %v", os.DevNull, err)
	}
	f.Write([]byte("x"))
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(os.DevNull); err != nil || info.Mode().IsRegular() {
		t.Fatalf("%s was replaced: %v %v", os.DevNull, info, err)
	}
}
