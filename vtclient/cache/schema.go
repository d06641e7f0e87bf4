package cache

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations[i] takes the schema from version i to i+1. Append only: a
// released migration never changes, because caches written by it exist.
//
// Version 1:
//
//   - objects holds one answer of VirusTotal: the mapped Result as compact
//     JSON (summary), the zstd-compressed v3 object (raw, NULL for "not
//     found" and for results without one), whether it was found, and when it
//     was fetched (Unix nanoseconds, UTC). type/observable is the key it was
//     looked up by, kept for Export. raw is the last column so that reading
//     a summary never touches raw's overflow pages.
//   - keys maps every (type, observable) a lookup can use to its object. A
//     file has three rows (MD5, SHA-1, SHA-256) and one object: the raw
//     object, often tens of KiB, is stored once, and a refresh replaces it
//     for all three in one place. The price is a primary-key join on every
//     Get, which costs microseconds.
//   - ledger counts requests per API key id per UTC day (vtclient.Ledger).
//
// Version 2:
//
//   - claims says which open Cache (owner) is fetching an observable, until
//     when (expires, Unix nanoseconds by the local clock), and through which
//     key it claimed it (via: a file known under three hashes is claimed
//     under all three through the one that was asked). See Claim.
//
// Types are stored by name (ioc.Type.String), not number, so the file does
// not depend on the order of Go constants and reads well in sqlite3.
var migrations = []string{
	`CREATE TABLE objects (
		id         INTEGER PRIMARY KEY,
		type       TEXT    NOT NULL,
		observable TEXT    NOT NULL,
		found      INTEGER NOT NULL,
		fetched_at INTEGER NOT NULL,
		summary    BLOB    NOT NULL,
		raw        BLOB
	);
	CREATE INDEX objects_fetched_at ON objects (fetched_at);
	CREATE TABLE keys (
		type       TEXT    NOT NULL,
		observable TEXT    NOT NULL,
		object_id  INTEGER NOT NULL,
		PRIMARY KEY (type, observable)
	) WITHOUT ROWID;
	CREATE INDEX keys_object_id ON keys (object_id);
	CREATE TABLE ledger (
		key_id TEXT    NOT NULL,
		day    TEXT    NOT NULL,
		used   INTEGER NOT NULL,
		PRIMARY KEY (key_id, day)
	) WITHOUT ROWID;`,
	`CREATE TABLE claims (
		type           TEXT    NOT NULL,
		observable     TEXT    NOT NULL,
		owner          TEXT    NOT NULL,
		expires        INTEGER NOT NULL,
		via_type       TEXT    NOT NULL,
		via_observable TEXT    NOT NULL,
		PRIMARY KEY (type, observable)
	) WITHOUT ROWID;
	CREATE INDEX claims_owner ON claims (owner);
	CREATE INDEX claims_via ON claims (via_type, via_observable);`,
}

// setUp gives the file its persistent settings, which only a new file
// needs: auto_vacuum=INCREMENTAL (it must precede the first table and the
// switch to WAL) lets Purge return pages to the file system without a full
// VACUUM, which would need the file to itself; and WAL mode. On an existing
// WAL file both are reads.
func setUp(ctx context.Context, db *sql.DB) error {
	var pages int
	if err := db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		return err
	}
	if pages == 0 {
		if _, err := db.ExecContext(ctx, `PRAGMA auto_vacuum = INCREMENTAL`); err != nil {
			return err
		}
	}
	var mode string
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") {
		// WAL needs memory shared between processes, which network file
		// systems do not give; without it several processes are unsafe.
		return fmt.Errorf("cannot use WAL mode (journal mode is %q): put the cache on a local file system", mode)
	}
	return nil
}

// migrate brings the schema up to date inside one write transaction, so that
// processes opening a new cache at the same moment run each migration once.
func migrate(ctx context.Context, db *sql.DB) error {
	var v int
	if db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v) == nil && v == len(migrations) {
		return nil // up to date: no write lock needed
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	switch err := tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v); err {
	case nil:
	case sql.ErrNoRows:
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return err
		}
	default:
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("cache schema version %d is newer than this vtenrich knows (%d): upgrade vtenrich or use another --cache", v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("cache schema migration %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, len(migrations)); err != nil {
		return err
	}
	return tx.Commit()
}
