package cache

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// seedReadOnly makes a closed cache with two answers and a ledger row.
func seedReadOnly(t *testing.T, path string) {
	t.Helper()
	c, err := OpenFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	put(t, c, found(ioc.DNS, "evil.example.net", 1), notFound(ioc.IPv4, "198.51.100.7"))
	if _, err := c.Reserve(context.Background(), vtclient.KeyID("k"), vtclient.Day(time.Now()), 10); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

// checkReadOnly checks that c serves reads (Get, GetMany, Stats, Export,
// Used) and refuses every write with ErrReadOnly.
func checkReadOnly(t *testing.T, c *Cache) {
	t.Helper()
	ctx := context.Background()
	if _, ok := get(t, c, ioc.DNS, "evil.example.net", true); !ok {
		t.Error("Get: miss")
	}
	rs, err := c.GetMany(ctx, []Key{{ioc.DNS, "evil.example.net"}, {ioc.IPv4, "198.51.100.7"}}, false)
	if err != nil || !rs[0].FromCache || !rs[1].FromCache {
		t.Errorf("GetMany: %v", err)
	}
	s, err := c.Stats(ctx)
	if err != nil || s.Objects != 2 || len(s.Quota) != 1 {
		t.Errorf("Stats: %+v, %v", s, err)
	}
	var out bytes.Buffer
	if n, err := c.Export(ctx, &out); n != 2 || err != nil {
		t.Errorf("Export: %d, %v", n, err)
	}
	if n, err := c.Used(ctx, vtclient.KeyID("k"), vtclient.Day(time.Now())); n != 1 || err != nil {
		t.Errorf("Used: %d, %v", n, err)
	}
	for name, err := range map[string]error{
		"Put":     c.Put(ctx, found(ioc.DNS, "new.example.net", 2)),
		"Release": c.Release(ctx, []Key{{ioc.DNS, "x.example.net"}}),
		"Claim":   second(c.Claim(ctx, []Key{{ioc.DNS, "x.example.net"}}, false, false)),
		"Reserve": second(c.Reserve(ctx, vtclient.KeyID("k"), vtclient.Day(time.Now()), 10)),
		"Refund":  c.Refund(ctx, vtclient.KeyID("k"), vtclient.Day(time.Now())),
		"Import":  second(c.Import(ctx, strings.NewReader(""), "in")),
		"Purge":   second(c.Purge(ctx, 0)),
	} {
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), c.Path()) {
			t.Errorf("%s on a read-only cache: %v", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// TestReadOnlyOption: Options.ReadOnly opens the cache without writing to
// it, whoever runs the test (root writes through file modes).
func TestReadOnlyOption(t *testing.T) {
	for _, modes := range [][]string{readOnlyModes, {"immutable=1"}} {
		t.Run(modes[0], func(t *testing.T) {
			defer func(m []string) { readOnlyModes = m }(readOnlyModes)
			readOnlyModes = modes
			path := filepath.Join(t.TempDir(), "cache.db")
			seedReadOnly(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c := openAt(t, path, Options{ReadOnly: true})
			checkReadOnly(t, c)
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the cache file changed")
			}
		})
	}
	if _, err := OpenFile(filepath.Join(t.TempDir(), "absent.db"), Options{ReadOnly: true}); err == nil {
		t.Error("a read-only Open of a missing cache succeeded")
	}
}

// TestReadOnlyFolder: a cache whose file and folder are not writable (a
// shared read-only mount) is opened read-only by itself and serves reads.
func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which chmod does not stop from writing; TestReadOnlyOption covers the read-only open")
	}
	dir := filepath.Join(t.TempDir(), "shared")
	path := filepath.Join(dir, "cache.db")
	seedReadOnly(t, path)
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(f, 0o400); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	c := openAt(t, path, Options{})
	if !c.readOnly {
		t.Fatal("not opened read-only")
	}
	checkReadOnly(t, c)
}
