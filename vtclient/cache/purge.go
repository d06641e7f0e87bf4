package cache

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/vtenrich/vtenrich/vtclient"
)

// ledgerKeep is how many days of ledger rows Purge keeps: enough for stats
// and any monthly view; older days can no longer limit anything.
const ledgerKeep = 62

// Purge deletes the answers fetched more than olderThan ago (0: all of
// them), fresh or not, and returns how many entries (keys) it removed. It
// leaves the quota ledger alone, but for days long past: emptying the cache
// must not reset --daily-quota. The space is given back to the file system
// (incremental vacuum and a WAL checkpoint), so the file shrinks.
func (c *Cache) Purge(ctx context.Context, olderThan time.Duration) (int, error) {
	if err := c.writable(); err != nil {
		return 0, err
	}
	if err := c.Flush(ctx); err != nil {
		return 0, err
	}
	now := c.opts.Now()
	before := int64(math.MaxInt64)
	if olderThan > 0 {
		before = now.Add(-olderThan).UnixNano()
	}
	tx, done, err := c.beginOnWriter(ctx, syncFull)
	if err != nil {
		return 0, err
	}
	defer done()
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM keys WHERE object_id IN (SELECT id FROM objects WHERE fetched_at < ?)`, before)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	for _, st := range []struct {
		sql string
		arg any
	}{
		{`DELETE FROM objects WHERE fetched_at < ?`, before},
		{`DELETE FROM ledger WHERE day < ?`, vtclient.Day(now.AddDate(0, 0, -ledgerKeep))},
	} {
		if _, err := tx.ExecContext(ctx, st.sql, st.arg); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	done() // shrink needs the writer
	return int(n), c.shrink(ctx)
}

// shrink moves free pages to the end of the file and truncates them away
// (incremental vacuum: unlike VACUUM it neither rewrites the whole file nor
// needs every other process to let go of it), then checkpoints the WAL into
// the file and truncates the WAL too. A checkpoint that readers hold back
// is only partial; the next one finishes it, so that is not an error.
func (c *Cache) shrink(ctx context.Context) error {
	// Each row of incremental_vacuum is one page freed: read them all, or
	// only the first page is.
	rows, err := c.w.QueryContext(ctx, `PRAGMA incremental_vacuum`)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	var busy, logPages, done int
	return c.w.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done)
}
