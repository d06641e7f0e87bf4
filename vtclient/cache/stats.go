package cache

import (
	"context"
	"database/sql"
	"math"
	"os"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// Stats describes a cache for `vtenrich cache stats`.
type Stats struct {
	Path string
	// FileSize is the bytes on disk: the database file and its WAL.
	FileSize int64
	// Objects counts stored answers; a file reachable by three hashes is
	// one object and three entries.
	Objects int
	// Types counts entries (keys a lookup can hit) per IoC type, in
	// ioc.Types order, for the types that have any.
	Types []TypeStats
	// Oldest and Newest are the earliest and latest fetch times (zero when
	// the cache is empty).
	Oldest, Newest time.Time
	// Pending counts results Put but not yet written.
	Pending int
	// Quota is the ledger for the last seven UTC days, newest first.
	Quota []QuotaUse
	// SchemaVersion is the version of the file's schema.
	SchemaVersion int
}

// TypeStats counts the entries of one IoC type.
type TypeStats struct {
	Type ioc.Type
	// Found and NotFound count entries by outcome, fresh or not.
	Found, NotFound int
	// Expired counts those older than their outcome's TTL: Get misses
	// them, and a lookup would fetch them again.
	Expired int
}

// QuotaUse is one ledger row: requests sent with a key on a UTC day.
type QuotaUse struct {
	KeyID string
	Day   string
	Used  int
}

// Stats counts what the cache holds.
func (c *Cache) Stats(ctx context.Context) (Stats, error) {
	s := Stats{Path: c.path, Pending: c.q.len()}
	if err := c.live(); err != nil {
		return s, err
	}
	if err := c.uses.write(ctx, c); err != nil { // the ledger rows must be whole
		return s, err
	}
	for _, f := range []string{c.path, c.path + "-wal"} {
		if st, err := os.Stat(f); err == nil {
			s.FileSize += st.Size()
		}
	}
	tx, err := c.r.BeginTx(ctx, nil) // one snapshot for every number
	if err != nil {
		return s, err
	}
	defer tx.Rollback()
	var oldest, newest *int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), min(fetched_at), max(fetched_at) FROM objects`).Scan(&s.Objects, &oldest, &newest); err != nil {
		return s, err
	}
	if oldest != nil {
		s.Oldest, s.Newest = time.Unix(0, *oldest).UTC(), time.Unix(0, *newest).UTC()
	}
	now := c.opts.Now()
	rows, err := tx.QueryContext(ctx, `SELECT k.type, o.found, count(*),
			sum(o.fetched_at <= CASE WHEN o.found THEN ?1 ELSE ?2 END)
		FROM keys k JOIN objects o ON o.id = k.object_id GROUP BY k.type, o.found`,
		cutoff(now, c.opts.FoundTTL), cutoff(now, c.opts.NotFoundTTL))
	if err != nil {
		return s, err
	}
	defer rows.Close()
	byType := map[ioc.Type]*TypeStats{}
	for rows.Next() {
		var (
			name           string
			found          bool
			count, expired int
		)
		if err := rows.Scan(&name, &found, &count, &expired); err != nil {
			return s, err
		}
		byType = addTypeStats(byType, name, found, count, expired)
	}
	if err := rows.Err(); err != nil {
		return s, err
	}
	for _, t := range ioc.Types {
		if ts := byType[t]; ts != nil {
			s.Types = append(s.Types, *ts)
		}
	}
	if s.Quota, err = quotaSince(ctx, tx, vtclient.Day(now.AddDate(0, 0, -6))); err != nil {
		return s, err
	}
	err = tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&s.SchemaVersion)
	return s, err
}

// addTypeStats adds one row of the per-type counts to byType. A type this
// vtenrich does not know (written by a newer one) is not counted.
func addTypeStats(byType map[ioc.Type]*TypeStats, name string, found bool, count, expired int) map[ioc.Type]*TypeStats {
	t, err := ioc.ParseType(name)
	if err != nil {
		return byType
	}
	ts := byType[t]
	if ts == nil {
		ts = &TypeStats{Type: t}
		byType[t] = ts
	}
	if found {
		ts.Found += count
	} else {
		ts.NotFound += count
	}
	ts.Expired += expired
	return byType
}

// cutoff is the fetch time (Unix ns) at or before which an entry with ttl
// is stale at now; a TTL of Forever has none.
func cutoff(now time.Time, ttl time.Duration) int64 {
	if ttl < 0 {
		return math.MinInt64
	}
	return now.Add(-ttl).UnixNano()
}

func quotaSince(ctx context.Context, tx *sql.Tx, day string) ([]QuotaUse, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key_id, day, used FROM ledger WHERE day >= ? ORDER BY day DESC, key_id`, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var q []QuotaUse
	for rows.Next() {
		var u QuotaUse
		if err := rows.Scan(&u.KeyID, &u.Day, &u.Used); err != nil {
			return nil, err
		}
		q = append(q, u)
	}
	return q, rows.Err()
}
