package cache

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pgReserve counts one request of key $1 on day $2 unless $3 (> 0) are
// counted already, in one statement: the row lock makes processes take
// turns, so two can never both take the last unit. No row back means the
// quota is used up.
const pgReserve = `INSERT INTO ledger AS l (key_id, day, used) VALUES ($1, $2, 1)
	ON CONFLICT (key_id, day) DO UPDATE SET used = l.used + 1 WHERE $3 <= 0 OR l.used < $3
	RETURNING used`

// Reserve implements vtclient.Ledger across every process and machine
// using the database. A retry after a lost commit may count one request
// twice: the safe side of a quota.
func (p *PG) Reserve(ctx context.Context, keyID, day string, limit int) (bool, error) {
	if err := checkKeyID(keyID); err != nil {
		return false, err
	}
	if err := p.writable(); err != nil {
		return false, err
	}
	ok := false
	err := p.retry(ctx, func(ctx context.Context) error {
		var used int
		err := p.pool.QueryRow(ctx, pgReserve, keyID, day, limit).Scan(&used)
		ok = err == nil
		if errors.Is(err, pgx.ErrNoRows) {
			err = nil
		}
		return err
	})
	return ok, err
}

// Refund implements vtclient.Ledger. It is retried only while the
// statement surely never reached the database: a retry after a lost
// commit could give back a unit twice and let the quota be overrun, so
// such a refund is dropped instead (the count stays one too high: the
// safe side), with a warning.
func (p *PG) Refund(ctx context.Context, keyID, day string) error {
	if err := checkKeyID(keyID); err != nil {
		return err
	}
	if err := p.writable(); err != nil {
		return err
	}
	var unsure error
	err := p.retry(ctx, func(ctx context.Context) error {
		_, err := p.pool.Exec(ctx, `UPDATE ledger SET used = used - 1 WHERE key_id = $1 AND day = $2 AND used > 0`, keyID, day)
		if err != nil && transient(err) && !pgconn.SafeToRetry(err) {
			unsure = err
			return nil
		}
		return err
	})
	if unsure != nil {
		p.opts.Warn(fmt.Sprintf("cache %s: a request that was never sent still counts in today's quota: the database was lost while giving it back (%v)", p.name, p.t.redacted(unsure)))
	}
	return err
}

// Used implements vtclient.Ledger.
func (p *PG) Used(ctx context.Context, keyID, day string) (int, error) {
	if err := p.live(); err != nil {
		return 0, err
	}
	var used int
	err := p.retry(ctx, func(ctx context.Context) error {
		err := p.pool.QueryRow(ctx, `SELECT used FROM ledger WHERE key_id = $1 AND day = $2`, keyID, day).Scan(&used)
		if errors.Is(err, pgx.ErrNoRows) {
			used, err = 0, nil
		}
		return err
	})
	return used, err
}
