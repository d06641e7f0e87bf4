package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// PG is a cache kept in a PostgreSQL database, shared by every process on
// every machine that opens the same URL and schema. It keeps the rules of
// the SQLite Cache (see the package comment and doc.go) with the
// database's clock for leases and the global rate limit. It is safe for
// concurrent use.
type PG struct {
	base
	t     pgTarget
	pool  *pgxpool.Pool
	owner string // this PG's id in claims: random, plus the pid

	readOnly bool
	lease    pgLease
	down     atomic.Bool // the database was lost and not yet back: see retry

	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

// pgxConn is what running the migrations needs of a pool or connection.
type pgxConn interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Begin(ctx context.Context) (pgx.Tx, error)
}

// DefaultConnectTimeout bounds connecting to the database when the URL's
// connect_timeout does not say.
const DefaultConnectTimeout = 10 * time.Second

// OpenPG opens the cache in the PostgreSQL database at url (postgres:// or
// postgresql://, with libpq's parameters and schema=NAME, default
// DefaultSchema), creating its schema and tables or bringing them up to
// date (versioned migrations, see pgMigrations). Close it to store what is
// queued and give up its claims.
//
// A database that cannot be reached is an error at once, naming the host
// and never the password. Once open, an operation that loses the database
// (a restart, a fail-over) retries with back-off for Options.Retry (a
// minute by default); past that it fails with an *UnsavedError, and the
// answers it could not store are kept in a local side file (see
// Options.UnsavedDir) that the next Open of the same database imports.
func OpenPG(url string, opts Options) (*PG, error) {
	t, err := parsePGTarget(url)
	if err != nil {
		return nil, err
	}
	p := &PG{t: t, owner: newOwner(), readOnly: opts.ReadOnly}
	p.init(t.display, opts)
	cfg, err := pgxpool.ParseConfig(t.conn)
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", t.display, t.redacted(err))
	}
	cc := cfg.ConnConfig
	cc.RuntimeParams["search_path"] = pgx.Identifier{t.schema}.Sanitize()
	if cc.RuntimeParams["application_name"] == "" {
		cc.RuntimeParams["application_name"] = "vtenrich"
	}
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = DefaultConnectTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), cc.ConnectTimeout+5*time.Second)
	defer cancel()
	if p.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, fmt.Errorf("cache %s: %w", t.display, t.redacted(err))
	}
	if err := p.pool.Ping(ctx); err != nil {
		p.pool.Close()
		return nil, fmt.Errorf("cache: cannot connect to the PostgreSQL database at %s (%s): %w", t.host, t.display, t.redacted(err))
	}
	if !p.readOnly {
		if err := pgMigrate(ctx, p.pool, t.schema); err != nil {
			p.pool.Close()
			return nil, fmt.Errorf("cache %s: %w", t.display, t.redacted(err))
		}
	} else if err := p.checkVersion(ctx); err != nil {
		p.pool.Close()
		return nil, err
	}
	if p.readOnly {
		return p, nil
	}
	p.importSideFile(p.unsavedPath(), p.Import, func(err error) error { return err })
	p.q.start(p, p.opts.FlushInterval)
	p.lease.start(p)
	return p, nil
}

// checkVersion makes sure a read-only cache's schema exists and is not
// newer than this vtenrich.
func (p *PG) checkVersion(ctx context.Context) error {
	var v int
	if err := p.pool.QueryRow(ctx, `SELECT version FROM schema_version`).Scan(&v); err != nil {
		return fmt.Errorf("cache %s (read-only): no cache schema %s: %w", p.name, p.t.schema, p.t.redacted(err))
	}
	if v > len(pgMigrations) {
		return fmt.Errorf("cache %s: schema version %d is newer than this vtenrich knows (%d): upgrade vtenrich", p.name, v, len(pgMigrations))
	}
	return nil
}

// Close stores what is queued, gives up this owner's claims and closes
// the connections. Later calls return the first call's result.
func (p *PG) Close() error {
	p.closeOnce.Do(func() {
		err := errors.Join(p.q.stop(), p.lease.stop(p))
		p.closed.Store(true)
		p.pool.Close()
		p.closeErr = err
	})
	return p.closeErr
}

// live returns ErrClosed once Close has run.
func (p *PG) live() error {
	if p.closed.Load() {
		return ErrClosed
	}
	return nil
}

// writable returns ErrClosed once Close has run, and ErrReadOnly for a
// cache opened read-only.
func (p *PG) writable() error {
	if err := p.live(); err != nil {
		return err
	}
	if p.readOnly {
		return fmt.Errorf("cache %s: %w", p.name, ErrReadOnly)
	}
	return nil
}

// unsavedPath is the local side file of the answers this database could
// not take: in Options.UnsavedDir, named after the host, database and
// schema (hashed), so that the next Open of the same cache on this
// machine finds it.
func (p *PG) unsavedPath() string {
	dir := p.opts.UnsavedDir
	if dir == "" {
		if d, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(d, "vtenrich")
		} else {
			dir = os.TempDir()
		}
	}
	sum := sha256.Sum256([]byte(p.t.display))
	return filepath.Join(dir, "pg-"+hex.EncodeToString(sum[:6])+".unsaved.jsonl")
}

// saveUnsaved implements sink: the side file is made private, as the
// cache file is.
func (p *PG) saveUnsaved(batch []*entry) error {
	path := p.unsavedPath()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return appendUnsaved(path, batch)
}

// aside implements sink: a batch goes to the side file once the database
// has been out of reach for longer than the retries wait.
func (p *PG) aside(err error) (bool, error) {
	var ue *UnavailableError
	if errors.As(err, &ue) {
		return true, err
	}
	return false, err
}
