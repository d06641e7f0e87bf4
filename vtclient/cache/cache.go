package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"time"

	"modernc.org/sqlite" // also registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrClosed is returned by every method of a closed Cache.
var ErrClosed = errors.New("cache: closed")

// ErrReadOnly is wrapped by the errors of the methods that write, on a
// cache opened read-only.
var ErrReadOnly = errors.New("the cache is read-only: it serves --offline, cache stats and cache export; use a writable --cache to look anything up")

// busyTimeoutMS is how long a statement waits for another process's write
// lock before failing with SQLITE_BUSY. Writers hold the lock for one small
// batch (milliseconds), so 10 s only runs out when something is badly stuck.
const busyTimeoutMS = 10000

// Cache is an open cache file. It is safe for concurrent use, and any number
// of processes may have the same file open.
type Cache struct {
	base
	path string

	w *sql.DB // the writer: one connection, every transaction BEGIN IMMEDIATE
	r *sql.DB // readers: WAL readers never wait for the writer
	// wSync is the writer connection's synchronous setting as last set
	// (beginOnWriter); it is read and written only by whoever holds that
	// one connection.
	wSync string

	getStmt, getRawStmt         *sql.Stmt // on r
	getManyStmt, getManyRawStmt *sql.Stmt // on r
	ws                          writeStmts
	cs                          claimStmts // on w

	lease lease
	uses  useCounts // ledger counts of keys without a limit, not yet written

	readOnly  bool // opened read-only: no writer, no flusher, no leases
	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

// DefaultPath is where the cache lives unless --cache says otherwise:
// <os.UserCacheDir()>/vtenrich/cache.db.
func DefaultPath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache: no user cache directory (use --cache PATH): %w", err)
	}
	return filepath.Join(dir, "vtenrich", "cache.db"), nil
}

// OpenFile opens the SQLite cache file at path, creating it (mode 0600, missing parent
// directories 0700) and bringing its schema up to date as needed. Close it
// to flush queued results.
//
// A cache that exists but cannot be written (the file or its folder is not
// writable, as on a team's read-only mount), or Options.ReadOnly, is opened
// read-only: Get, GetMany, Stats, Export and Used work (see openReadOnly);
// Put, Claim, Release, Reserve, Import and Purge return ErrReadOnly.
func OpenFile(path string, opts Options) (*Cache, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	c := &Cache{path: abs, lease: lease{owner: newOwner()}}
	c.init(abs, opts)
	c.readOnly = c.opts.ReadOnly || !canWrite(abs)
	if c.readOnly {
		if err := c.openReadOnly(); err != nil {
			c.closeDBs()
			return nil, fmt.Errorf("cache %s (read-only): %w", abs, err)
		}
		return c, nil
	}
	if err := createPrivate(abs); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	if err := c.open(); err != nil {
		c.closeDBs()
		return nil, fmt.Errorf("cache %s: %w", abs, err)
	}
	c.importUnsaved()
	c.q.start(c, c.opts.FlushInterval)
	c.lease.start(c)
	return c, nil
}

// common are the per-connection settings of every connection: opening an
// existing cache must not need the write lock, or a busy writer elsewhere
// would starve it. synchronous=FULL: see "Durability" in doc.go.
var common = "_busy_timeout=" + fmt.Sprint(busyTimeoutMS) + "&_synchronous=FULL&_foreign_keys=0"

func (c *Cache) open() error {
	var err error
	if c.w, err = sql.Open("sqlite", dsn(c.path, common+"&_txlock=immediate")); err != nil {
		return err
	}
	c.w.SetMaxOpenConns(1)
	c.w.SetConnMaxIdleTime(0)
	ctx := context.Background()
	// Setting up a new file (auto_vacuum, the switch to WAL) takes locks
	// not every step of which waits through the busy handler: when several
	// processes create the cache at once, one can get SQLITE_BUSY. Retry
	// for as long as the busy timeout.
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		err = setUp(ctx, c.w)
		if !isBusy(err) || time.Since(start) > busyTimeoutMS*time.Millisecond {
			break
		}
	}
	if err != nil {
		return err
	}
	if err := migrate(ctx, c.w); err != nil {
		return err
	}
	if err := c.prepareWrites(); err != nil {
		return err
	}
	if err := privateSidecars(c.path); err != nil {
		return err
	}
	if c.r, err = sql.Open("sqlite", dsn(c.path, common+"&_query_only=1")); err != nil {
		return err
	}
	return c.prepareReads()
}

// prepareReads sizes the reader pool and prepares Get's statements.
func (c *Cache) prepareReads() error {
	var err error
	n := max(4, runtime.GOMAXPROCS(0))
	c.r.SetMaxOpenConns(n)
	c.r.SetMaxIdleConns(n)
	const sel = `SELECT o.found, o.fetched_at, o.summary%s FROM keys k JOIN objects o ON o.id = k.object_id WHERE k.type = ? AND k.observable = ?`
	if c.getStmt, err = c.r.Prepare(fmt.Sprintf(sel, ", NULL")); err != nil {
		return err
	}
	if c.getRawStmt, err = c.r.Prepare(fmt.Sprintf(sel, ", o.raw")); err != nil {
		return err
	}
	const selMany = `SELECT j.key, o.found, o.fetched_at, o.summary%s FROM json_each(?) j
		JOIN keys k ON k.type = j.value ->> 0 AND k.observable = j.value ->> 1
		JOIN objects o ON o.id = k.object_id`
	if c.getManyStmt, err = c.r.Prepare(fmt.Sprintf(selMany, ", NULL")); err != nil {
		return err
	}
	if c.getManyRawStmt, err = c.r.Prepare(fmt.Sprintf(selMany, ", o.raw")); err != nil {
		return err
	}
	return nil
}

// isBusy reports whether err is SQLite's SQLITE_BUSY or SQLITE_LOCKED.
func isBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff // the primary code of an extended one
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

// dsn is the driver's name for path with query parameters. The path goes in
// a file: URI so that '?' or '#' in a directory name cannot be mistaken for
// parameters.
func dsn(path, query string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows: file:///C:/...
	}
	return u.String() + "?" + query
}

// Path is the absolute path of the cache file.
func (c *Cache) Path() string { return c.path }

// Close flushes queued results and closes the file. Later calls return the
// first call's result.
func (c *Cache) Close() error {
	c.closeOnce.Do(func() {
		// The queue first: its last transaction deletes the claims of the
		// answers it writes; then whatever claims are left.
		err := errors.Join(c.q.stop(), c.lease.stop(c), c.uses.write(context.Background(), c))
		c.closed.Store(true)
		c.closeErr = errors.Join(err, c.closeDBs())
	})
	return c.closeErr
}

// writable returns ErrClosed once Close has run, and ErrReadOnly for a
// cache opened read-only.
func (c *Cache) writable() error {
	if err := c.live(); err != nil {
		return err
	}
	if c.readOnly {
		return fmt.Errorf("cache %s: %w", c.path, ErrReadOnly)
	}
	return nil
}

// writeError is err of a write, as a *FullError when it failed for lack
// of space.
func (c *Cache) writeError(err error) error {
	var fe *FullError
	if isFull(err) && !errors.As(err, &fe) {
		return &FullError{Path: c.path, Unsaved: c.unsavedPath(), Err: err}
	}
	return err
}

// aside sets the batch of a write that failed for lack of space aside in
// the side file (see writeQueue).
func (c *Cache) aside(err error) (bool, error) {
	if !isFull(err) {
		return false, err
	}
	return true, c.writeError(err)
}

// live returns ErrClosed once Close has run.
func (c *Cache) live() error {
	if c.closed.Load() {
		return ErrClosed
	}
	return nil
}

func (c *Cache) closeDBs() error {
	var errs []error
	stmts := append([]*sql.Stmt{c.getStmt, c.getRawStmt, c.getManyStmt, c.getManyRawStmt,
		c.ws.lookup, c.ws.insert, c.ws.link, c.ws.unlink, c.ws.drop}, c.cs.all()...)
	for _, s := range stmts {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	// Readers first: the last connection to close checkpoints the WAL into
	// the database file and removes it, and that should be the writer.
	for _, db := range []*sql.DB{c.r, c.w} {
		if db != nil {
			errs = append(errs, db.Close())
		}
	}
	return errors.Join(errs...)
}
