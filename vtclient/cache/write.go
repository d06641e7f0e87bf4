package cache

import (
	"context"
	"database/sql"
	"errors"
)

// writeStmts are the statements of writeEntry, prepared once on the writer
// connection.
type writeStmts struct {
	lookup, insert, link, unlink *sql.Stmt
	// drop and dropVia delete an owner's claim on a key, and those it made
	// through the key (a file's other hashes): by Put's transaction, and
	// Release (dropClaims).
	drop, dropVia *sql.Stmt
}

// The claim statements seek by key: written as one OR, SQLite took the
// owner index and compared every claim the owner held (375 at 600/s and
// 500 ms of latency) on every answer stored, 40% of a lookup run's CPU.
// "+owner" keeps the owner index out of the plan (TestDropClaimSeeksByKey).
const (
	dropClaimSQL    = `DELETE FROM claims WHERE type = ?2 AND observable = ?3 AND +owner = ?1`
	dropViaClaimSQL = `DELETE FROM claims WHERE via_type = ?2 AND via_observable = ?3 AND +owner = ?1`
)

// dropClaims deletes owner's claims on k and through k, with drop and
// dropVia prepared in the caller's transaction.
func dropClaims(ctx context.Context, drop, dropVia *sql.Stmt, owner string, k Key) error {
	for _, st := range []*sql.Stmt{drop, dropVia} {
		if _, err := st.ExecContext(ctx, owner, k.Type.String(), k.Observable); err != nil {
			return err
		}
	}
	return nil
}

func (c *Cache) prepareWrites() error {
	var err error
	for _, p := range []struct {
		s   **sql.Stmt
		sql string
	}{
		{&c.ws.lookup, `SELECT o.id, o.fetched_at FROM keys k JOIN objects o ON o.id = k.object_id
			WHERE k.type = ? AND k.observable = ?`},
		{&c.ws.insert, `INSERT INTO objects (type, observable, found, fetched_at, summary, raw) VALUES (?, ?, ?, ?, ?, ?)`},
		{&c.ws.link, `INSERT INTO keys (type, observable, object_id) VALUES (?, ?, ?)
			ON CONFLICT (type, observable) DO UPDATE SET object_id = excluded.object_id`},
		{&c.ws.unlink, `DELETE FROM objects WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM keys WHERE object_id = ?1)`},
		{&c.ws.drop, dropClaimSQL},
		{&c.ws.dropVia, dropViaClaimSQL},
	} {
		if *p.s, err = c.w.Prepare(p.sql); err != nil {
			return err
		}
	}
	return c.prepareClaims()
}

// write stores entries in one transaction on the writer connection and
// returns how many it stored (the others had newer answers stored). The
// same transaction deletes this Cache's claims on their keys, so another
// process sees the claim or the answer, never neither.
func (c *Cache) write(ctx context.Context, entries []*entry) (int, error) {
	tx, done, err := c.beginOnWriter(ctx, syncFull)
	if err != nil {
		return 0, err
	}
	defer done()
	defer tx.Rollback()
	ws := writeStmts{
		lookup:  tx.StmtContext(ctx, c.ws.lookup),
		insert:  tx.StmtContext(ctx, c.ws.insert),
		link:    tx.StmtContext(ctx, c.ws.link),
		unlink:  tx.StmtContext(ctx, c.ws.unlink),
		drop:    tx.StmtContext(ctx, c.ws.drop),
		dropVia: tx.StmtContext(ctx, c.ws.dropVia),
	}
	n := 0
	for _, e := range entries {
		ok, err := ws.writeEntry(ctx, e)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
		for _, k := range e.keys {
			if err := dropClaims(ctx, ws.drop, ws.dropVia, c.lease.owner, k); err != nil {
				return 0, err
			}
		}
	}
	return n, tx.Commit()
}

// writeEntry stores e under each of its keys whose current entry was not
// fetched later than e, and reports whether it stored e under any. Objects
// left with no key are deleted, so a refreshed file replaces its old object
// under all three hashes.
func (ws *writeStmts) writeEntry(ctx context.Context, e *entry) (bool, error) {
	fetched := e.fetched.UnixNano()
	keys := make([]Key, 0, len(e.keys))
	var old []int64
	for _, k := range e.keys {
		var id, at int64
		err := ws.lookup.QueryRowContext(ctx, k.Type.String(), k.Observable).Scan(&id, &at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return false, err
		case at > fetched:
			continue // a newer answer is stored: keep it
		default:
			old = append(old, id)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return false, nil
	}
	res, err := ws.insert.ExecContext(ctx, e.keys[0].Type.String(), e.keys[0].Observable, e.found, fetched, e.summary, e.raw)
	if err != nil {
		return false, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return false, err
	}
	for _, k := range keys {
		if _, err := ws.link.ExecContext(ctx, k.Type.String(), k.Observable, id); err != nil {
			return false, err
		}
	}
	for _, o := range old {
		if _, err := ws.unlink.ExecContext(ctx, o); err != nil {
			return false, err
		}
	}
	return true, nil
}
