package cache

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// Get looks up one observable (already normalised by the caller). ok is
// false for a miss: not stored, or stored but older than the TTL of its
// outcome. A hit has FromCache set and FetchedAt the time VirusTotal
// answered; Raw is filled only when withRaw is true, so that lookups that
// do not need the raw object never decompress it. A hit by a file's other
// hash answers with the Type and Observable that were asked.
func (c *Cache) Get(ctx context.Context, t ioc.Type, observable string, withRaw bool) (vtclient.Result, bool, error) {
	if err := c.live(); err != nil {
		return vtclient.Result{}, false, err
	}
	k := Key{t, observable}
	if r, ok := c.getPending(k, withRaw); ok {
		return r, true, nil
	}
	stmt := c.getStmt
	if withRaw {
		stmt = c.getRawStmt
	}
	return c.scan(k, stmt.QueryRowContext(ctx, t.String(), observable), withRaw)
}

// GetMany looks up several observables in one read transaction, which is
// several times cheaper per key than as many Gets. results[i] answers
// keys[i]: a hit has FromCache set, a miss is the zero Result.
func (c *Cache) GetMany(ctx context.Context, keys []Key, withRaw bool) ([]vtclient.Result, error) {
	if err := c.live(); err != nil {
		return nil, err
	}
	stmt := c.getStmt
	if withRaw {
		stmt = c.getRawStmt
	}
	results := make([]vtclient.Result, len(keys))
	var tx *sql.Tx
	defer func() {
		if tx != nil {
			tx.Rollback() // read-only: nothing to commit
		}
	}()
	for i, k := range keys {
		if r, ok := c.getPending(k, withRaw); ok {
			results[i] = r
			continue
		}
		if tx == nil {
			var err error
			if tx, err = c.r.BeginTx(ctx, nil); err != nil {
				return nil, err
			}
			stmt = tx.StmtContext(ctx, stmt)
		}
		r, _, err := c.scan(k, stmt.QueryRowContext(ctx, k.Type.String(), k.Observable), withRaw)
		if err != nil {
			return nil, err
		}
		results[i] = r
	}
	return results, nil
}

func (c *Cache) scan(k Key, row *sql.Row, withRaw bool) (vtclient.Result, bool, error) {
	var (
		found        bool
		fetched      int64
		summary, raw []byte
	)
	switch err := row.Scan(&found, &fetched, &summary, &raw); {
	case errors.Is(err, sql.ErrNoRows):
		return vtclient.Result{}, false, nil
	case err != nil:
		return vtclient.Result{}, false, err
	}
	if !c.opts.fresh(found, time.Unix(0, fetched), c.opts.Now()) {
		return vtclient.Result{}, false, nil
	}
	r, err := decode(k, fetched, summary, raw, withRaw)
	if err != nil {
		return vtclient.Result{}, false, err
	}
	return r, true, nil
}

// getPending answers from results Put but not yet written, so that a Put is
// visible to Get at once.
func (c *Cache) getPending(k Key, withRaw bool) (vtclient.Result, bool) {
	e, ok := c.q.pendingGet(k)
	if !ok || !c.opts.fresh(e.found, e.fetched, c.opts.Now()) {
		return vtclient.Result{}, false
	}
	r := e.result
	r.Type, r.Observable = k.Type, k.Observable
	r.FromCache = true
	if !withRaw {
		r.Raw = nil
	}
	return r, true
}
