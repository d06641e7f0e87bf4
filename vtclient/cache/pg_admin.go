package cache

import (
	"context"
	"io"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// Import implements Store, as Cache.Import does: the same lines, checks
// and rules, written through the same transactions as Put's.
func (p *PG) Import(ctx context.Context, r io.Reader, name string) (ImportReport, error) {
	if err := p.writable(); err != nil {
		return ImportReport{}, err
	}
	return p.importFrom(ctx, r, name, p.write)
}

// snapshot runs f in a read-only REPEATABLE READ transaction: every
// statement in it sees the database as it was at the first, so an export
// or the stats are not torn by writers. Not retried: it may have written
// part of its output.
func (p *PG) snapshot(ctx context.Context, f func(pgx.Tx) error) error {
	tx, err := p.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return p.t.redacted(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	return p.t.redacted(f(tx))
}

// Export implements Store, as Cache.Export does.
func (p *PG) Export(ctx context.Context, w io.Writer) (int, error) {
	if err := p.Flush(ctx); err != nil {
		return 0, err
	}
	x := p.newExporter(w)
	err := p.snapshot(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT o.type, o.observable, o.found, o.fetched_at, o.summary, o.raw,
				ARRAY(SELECT k.type FROM keys k WHERE k.object_id = o.id ORDER BY k.type, k.observable),
				ARRAY(SELECT k.observable FROM keys k WHERE k.object_id = o.id ORDER BY k.type, k.observable)
			FROM objects o ORDER BY o.id`)
		if err != nil {
			return err
		}
		var (
			l                  line
			found              bool
			fetched            int64
			summary, raw       []byte
			types, observables []string
		)
		_, err = pgx.ForEachRow(rows, []any{&l.Type, &l.Observable, &found, &fetched, &summary, &raw, &types, &observables}, func() error {
			one := line{Type: l.Type, Observable: fromPGText(l.Observable), Result: summary}
			keys := make([][2]string, len(types))
			for i := range types {
				keys[i] = [2]string{types[i], fromPGText(observables[i])}
			}
			return x.add(&one, found, fetched, raw, keys)
		})
		return err
	})
	if err != nil {
		return x.n, err
	}
	return x.finish()
}

// Stats implements Store: what Cache.Stats counts, from one snapshot.
// FileSize is the space the schema's tables and indexes take.
func (p *PG) Stats(ctx context.Context) (Stats, error) {
	s := Stats{Path: p.name, Pending: p.q.len()}
	if err := p.live(); err != nil {
		return s, err
	}
	now := p.opts.Now()
	err := p.snapshot(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
			p.t.schema).Scan(&s.FileSize); err != nil {
			return err
		}
		var oldest, newest *int64
		if err := tx.QueryRow(ctx, `SELECT count(*), min(fetched_at), max(fetched_at) FROM objects`).Scan(&s.Objects, &oldest, &newest); err != nil {
			return err
		}
		if oldest != nil {
			s.Oldest, s.Newest = time.Unix(0, *oldest).UTC(), time.Unix(0, *newest).UTC()
		}
		rows, err := tx.Query(ctx, `SELECT k.type, o.found, count(*),
				count(*) FILTER (WHERE o.fetched_at <= CASE WHEN o.found THEN $1::bigint ELSE $2::bigint END)
			FROM keys k JOIN objects o ON o.id = k.object_id GROUP BY k.type, o.found`,
			cutoff(now, p.opts.FoundTTL), cutoff(now, p.opts.NotFoundTTL))
		if err != nil {
			return err
		}
		byType := map[ioc.Type]*TypeStats{}
		var (
			name           string
			found          bool
			count, expired int
		)
		if _, err := pgx.ForEachRow(rows, []any{&name, &found, &count, &expired}, func() error {
			byType = addTypeStats(byType, name, found, count, expired)
			return nil
		}); err != nil {
			return err
		}
		for _, t := range ioc.Types {
			if ts := byType[t]; ts != nil {
				s.Types = append(s.Types, *ts)
			}
		}
		rows, err = tx.Query(ctx, `SELECT key_id, day, used FROM ledger WHERE day >= $1 ORDER BY day DESC, key_id`,
			vtclient.Day(now.AddDate(0, 0, -6)))
		if err != nil {
			return err
		}
		var u QuotaUse
		if _, err := pgx.ForEachRow(rows, []any{&u.KeyID, &u.Day, &u.Used}, func() error {
			s.Quota = append(s.Quota, u)
			return nil
		}); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT version FROM schema_version`).Scan(&s.SchemaVersion)
	})
	return s, err
}

// Purge implements Store, as Cache.Purge does. The space is not given
// back at once: PostgreSQL's autovacuum reuses it, and VACUUM FULL (which
// locks the tables) is the administrator's call.
func (p *PG) Purge(ctx context.Context, olderThan time.Duration) (int, error) {
	if err := p.writable(); err != nil {
		return 0, err
	}
	if err := p.Flush(ctx); err != nil {
		return 0, err
	}
	now := p.opts.Now()
	before := int64(math.MaxInt64)
	if olderThan > 0 {
		before = now.Add(-olderThan).UnixNano()
	}
	var n int64
	err := p.retry(ctx, func(ctx context.Context) error {
		tx, err := p.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		tag, err := tx.Exec(ctx, `DELETE FROM keys WHERE object_id IN (SELECT id FROM objects WHERE fetched_at < $1)`, before)
		if err != nil {
			return err
		}
		n = tag.RowsAffected()
		if _, err := tx.Exec(ctx, `DELETE FROM objects WHERE fetched_at < $1`, before); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM ledger WHERE day < $1`, vtclient.Day(now.AddDate(0, 0, -ledgerKeep))); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	return int(n), err
}
