package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/vtenrich/vtenrich/vtclient"
)

var _ vtclient.Ledger = (*Cache)(nil)

// Reserve implements vtclient.Ledger across processes: the check and the
// increment run in one BEGIN IMMEDIATE transaction, which holds the file's
// write lock from its first statement, so two processes can never both take
// the last unit of a quota.
//
// Without a limit there is nothing to check: the request is counted in
// memory and the counts are written at most once per useWriteInterval (and
// by Flush and Close), so a premium key at 600 requests/s does not pay a
// synchronous transaction per request. A crash loses at most that
// interval's counts, of a key that has no limit to enforce.
func (c *Cache) Reserve(ctx context.Context, keyID, day string, limit int) (bool, error) {
	if err := checkKeyID(keyID); err != nil {
		return false, err
	}
	if err := c.writable(); err != nil {
		return false, err
	}
	ok, err := c.reserve(ctx, keyID, day, limit)
	return ok, c.writeError(err)
}

func (c *Cache) reserve(ctx context.Context, keyID, day string, limit int) (bool, error) {
	if limit <= 0 {
		return true, c.uses.note(ctx, c, keyID, day)
	}
	if err := c.uses.write(ctx, c); err != nil { // the check must see every count
		return false, err
	}
	tx, done, err := c.beginOnWriter(ctx, syncFull)
	if err != nil {
		return false, err
	}
	defer done()
	defer tx.Rollback()
	var used int
	err = tx.QueryRowContext(ctx, `SELECT used FROM ledger WHERE key_id = ? AND day = ?`, keyID, day).Scan(&used)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	if limit > 0 && used >= limit {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO ledger (key_id, day, used) VALUES (?, ?, 1)
		ON CONFLICT (key_id, day) DO UPDATE SET used = used + 1`, keyID, day); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// Refund implements vtclient.Ledger: it takes one request back from the
// day's count, from the counts not yet written when there are some (keys
// without a limit), else from the file.
func (c *Cache) Refund(ctx context.Context, keyID, day string) error {
	if err := checkKeyID(keyID); err != nil {
		return err
	}
	if err := c.writable(); err != nil {
		return err
	}
	if c.uses.refund(keyID, day) {
		return nil
	}
	tx, done, err := c.beginOnWriter(ctx, syncFull)
	if err != nil {
		return c.writeError(err)
	}
	defer done()
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE ledger SET used = used - 1 WHERE key_id = ? AND day = ? AND used > 0`, keyID, day); err != nil {
		return c.writeError(err)
	}
	return c.writeError(tx.Commit())
}

// Used implements vtclient.Ledger.
func (c *Cache) Used(ctx context.Context, keyID, day string) (int, error) {
	if err := c.live(); err != nil {
		return 0, err
	}
	var used int
	err := c.r.QueryRowContext(ctx, `SELECT used FROM ledger WHERE key_id = ? AND day = ?`, keyID, day).Scan(&used)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return used + c.uses.unwritten(keyID, day), err
}

// useWriteInterval is how long unlimited-key counts may stay in memory.
const useWriteInterval = time.Second

// useCounts holds ledger counts not yet written (keys without a limit).
type useCounts struct {
	mu      sync.Mutex
	counts  map[[2]string]int // (key id, day) → requests
	written time.Time         // when the counts were last written
}

// note counts one request and writes the counts when they are older than
// useWriteInterval.
func (u *useCounts) note(ctx context.Context, c *Cache, keyID, day string) error {
	u.mu.Lock()
	if u.counts == nil {
		u.counts = map[[2]string]int{}
		u.written = time.Now()
	}
	u.counts[[2]string{keyID, day}]++
	due := time.Since(u.written) >= useWriteInterval
	u.mu.Unlock()
	if due {
		return u.write(ctx, c)
	}
	return nil
}

// refund takes one request back from the unwritten counts, and reports
// whether there was one to take.
func (u *useCounts) refund(keyID, day string) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	k := [2]string{keyID, day}
	if u.counts[k] == 0 {
		return false
	}
	u.counts[k]--
	return true
}

func (u *useCounts) unwritten(keyID, day string) int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.counts[[2]string{keyID, day}]
}

// write adds the counts in memory to the ledger in one transaction.
func (u *useCounts) write(ctx context.Context, c *Cache) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.written = time.Now()
	if len(u.counts) == 0 {
		return nil
	}
	tx, done, err := c.beginOnWriter(ctx, syncFull)
	if err != nil {
		return err
	}
	defer done()
	defer tx.Rollback()
	for k, n := range u.counts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ledger (key_id, day, used) VALUES (?, ?, ?)
			ON CONFLICT (key_id, day) DO UPDATE SET used = used + excluded.used`, k[0], k[1], n); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	clear(u.counts)
	return nil
}

// keyIDLen is the length of every vtclient.KeyID.
var keyIDLen = len(vtclient.KeyID("any"))

// checkKeyID refuses anything that is not shaped like vtclient.KeyID (lower
// hex digits of its length), so that a caller's slip can never write an API
// key (64 hex digits) into the file.
func checkKeyID(id string) error {
	ok := len(id) == keyIDLen
	for i := 0; ok && i < len(id); i++ {
		ok = '0' <= id[i] && id[i] <= '9' || 'a' <= id[i] && id[i] <= 'f'
	}
	if !ok {
		return fmt.Errorf("cache: ledger key id must be vtclient.KeyID(apiKey), not %d characters of something else", len(id))
	}
	return nil
}
