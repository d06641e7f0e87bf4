package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vtenrich/vtenrich/vtclient"
)

var _ vtclient.Ledger = (*Cache)(nil)

// Reserve implements vtclient.Ledger across processes: the check and the
// increment run in one BEGIN IMMEDIATE transaction, which holds the file's
// write lock from its first statement, so two processes can never both take
// the last unit of a quota.
func (c *Cache) Reserve(ctx context.Context, keyID, day string, limit int) (bool, error) {
	if err := checkKeyID(keyID); err != nil {
		return false, err
	}
	if err := c.live(); err != nil {
		return false, err
	}
	tx, err := c.w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
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

// Used implements vtclient.Ledger.
func (c *Cache) Used(ctx context.Context, keyID, day string) (int, error) {
	if err := c.live(); err != nil {
		return 0, err
	}
	var used int
	err := c.r.QueryRowContext(ctx, `SELECT used FROM ledger WHERE key_id = ? AND day = ?`, keyID, day).Scan(&used)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return used, err
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
