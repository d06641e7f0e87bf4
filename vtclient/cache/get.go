package cache

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// Get looks up one observable (already normalised by the caller). ok is
// false for a miss: not stored, stored but older than the TTL of its
// outcome, or stored corrupt (reported to Options.Warn once, naming the
// key, and replaced by the next Put of it). A hit has FromCache set and FetchedAt the time VirusTotal
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

// GetMany looks up several observables at once. results[i] answers
// keys[i]: a hit has FromCache set, a miss is the zero Result. The keys go
// to SQLite as one JSON array, joined in one statement: per-statement
// overhead, not the B-tree search, is most of what a single Get costs.
func (c *Cache) GetMany(ctx context.Context, keys []Key, withRaw bool) ([]vtclient.Result, error) {
	if err := c.live(); err != nil {
		return nil, err
	}
	results := make([]vtclient.Result, len(keys))
	arg := make([][2]string, 0, len(keys))
	idx := make([]int, 0, len(keys)) // arg[j] asks for keys[idx[j]]
	for i, k := range keys {
		if r, ok := c.getPending(k, withRaw); ok {
			results[i] = r
			continue
		}
		if !jsonSafe(k.Observable) {
			r, _, err := c.Get(ctx, k.Type, k.Observable, withRaw)
			if err != nil {
				return nil, err
			}
			results[i] = r
			continue
		}
		arg = append(arg, [2]string{k.Type.String(), k.Observable})
		idx = append(idx, i)
	}
	if len(arg) == 0 {
		return results, nil
	}
	js, err := json.Marshal(arg)
	if err != nil {
		return nil, err
	}
	stmt := c.getManyStmt
	if withRaw {
		stmt = c.getManyRawStmt
	}
	rows, err := stmt.QueryContext(ctx, js)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	now := c.opts.Now()
	for rows.Next() {
		var (
			j            int
			found        bool
			fetched      int64
			summary, raw sql.RawBytes // decoded before Next: no copy needed
		)
		if err := rows.Scan(&j, &found, &fetched, &summary, &raw); err != nil {
			return nil, err
		}
		if j < 0 || j >= len(idx) || !c.opts.fresh(found, time.Unix(0, fetched), now) {
			continue
		}
		i := idx[j]
		r, err := decode(keys[i], fetched, summary, raw, withRaw)
		if err != nil {
			c.warnCorrupt(keys[i], err) // a miss: looked up again
			continue
		}
		results[i] = r
	}
	return results, rows.Err()
}

// jsonSafe reports whether s survives a trip through JSON into SQLite
// unchanged: encoding/json replaces invalid UTF-8, and SQLite text stops
// at NUL. Observables that do not are looked up one by one.
func jsonSafe(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
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
		c.warnCorrupt(k, err) // a miss: looked up again
		return vtclient.Result{}, false, nil
	}
	return r, true, nil
}
