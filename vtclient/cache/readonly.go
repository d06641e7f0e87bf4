package cache

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// readOnlyModes are the ways openReadOnly tries, in order. mode=ro reads
// the file and its WAL like any reader, but needs the -shm file to exist
// or be creatable. Where it can be neither (a read-only mount of a cache
// that was closed cleanly, so has no -wal and -shm), immutable=1 reads the
// database file alone, with no locks: right for a file nobody can change,
// blind to a WAL. A variable so that tests can try the fallback alone.
var readOnlyModes = []string{"mode=ro", "immutable=1"}

// openReadOnly opens the reader pool without a writer: no schema set-up or
// migration (an older schema reads fine: reads need version 1 only), no
// side-file import, no flusher, no leases.
func (c *Cache) openReadOnly() error {
	if _, err := os.Stat(c.path); err != nil {
		return err // nothing to read, and nothing may be created
	}
	var errs []error
	for _, mode := range readOnlyModes {
		r, err := sql.Open("sqlite", dsn(c.path, common+"&_query_only=1&"+mode))
		if err != nil {
			return err
		}
		var v int
		err = r.QueryRow(`SELECT version FROM schema_version`).Scan(&v)
		if err != nil {
			r.Close()
			errs = append(errs, fmt.Errorf("%s: %w", mode, err))
			continue
		}
		if v > len(migrations) {
			r.Close()
			return fmt.Errorf("cache schema version %d is newer than this vtenrich knows (%d): upgrade vtenrich", v, len(migrations))
		}
		c.r = r
		if mode == "immutable=1" {
			if st, err := os.Stat(c.path + "-wal"); err == nil && st.Size() > 0 {
				c.opts.Warn(fmt.Sprintf("cache %s: read-only and its WAL file cannot be read from here: the answers stored last (in %s-wal) may be missing", c.path, c.path))
			}
		}
		if _, err := os.Stat(c.unsavedPath()); err == nil {
			c.opts.Warn(fmt.Sprintf("cache %s: read-only, so the answers a full disk kept in %s are not imported", c.path, c.unsavedPath()))
		}
		return c.prepareReads()
	}
	return errors.Join(errs...)
}
