package cache

import (
	"context"
	"errors"
	"hash/fnv"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/vtenrich/vtenrich/vtclient"
)

// Put implements Store, as Cache.Put does: r is queued, and the flusher
// stores it within Options.FlushInterval. When the database stays out of
// reach for longer than Options.Retry, the queued answers go to the side
// file and Put returns an *UnavailableError (errors.Is ErrCacheFull).
func (p *PG) Put(ctx context.Context, r vtclient.Result) error {
	if r.FromCache {
		return nil
	}
	if err := p.writable(); err != nil {
		return err
	}
	return p.put(ctx, r)
}

// Flush implements Store: it stores every queued answer now.
func (p *PG) Flush(ctx context.Context) error {
	if err := p.live(); err != nil {
		return err
	}
	return p.q.flush(ctx)
}

// write implements sink: it stores a batch in one transaction, retried
// while the database is away. A retry after a commit whose answer was
// lost stores the same answers again, which changes nothing.
func (p *PG) write(ctx context.Context, batch []*entry) (int, error) {
	var n int
	err := p.retry(ctx, func(ctx context.Context) error {
		var err error
		n, err = p.writeOnce(ctx, batch)
		return err
	})
	return n, err
}

// keyLocks are the advisory lock ids of every key of a batch, sorted, so
// that two writers of overlapping batches take them in one order and
// never deadlock.
func keyLocks(batch []*entry) []int64 {
	var ids []int64
	for _, e := range batch {
		for _, k := range e.keys {
			h := fnv.New64a()
			h.Write([]byte(k.Type.String()))
			h.Write([]byte{0})
			h.Write([]byte(k.Observable))
			ids = append(ids, int64(h.Sum64()))
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// stored is what a key leads to while a batch is being written: the
// object and its fetch time, from the database or from an entry earlier
// in the batch.
type stored struct {
	id      int64  // the object's id in the database, 0 for one of the batch
	entry   *entry // the entry of the batch it will be, or nil
	fetched int64
}

// writeOnce is the transaction of write, with the rules of the SQLite
// writer (writeEntry): an entry is stored under each of its keys whose
// current answer was not fetched later; objects no key reaches any more
// are deleted; this owner's claims on the keys go in the same
// transaction, so another process sees the claim or the answer, never
// neither. Every key of the batch is locked first (a transaction-scoped
// advisory lock), so writers of one key take turns as SQLite's single
// writer makes them. The statements go in three pipelined batches, so a
// transaction costs about five round trips whatever its size.
func (p *PG) writeOnce(ctx context.Context, batch []*entry) (int, error) {
	tx, err := p.pool.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(id) FROM unnest($1::bigint[]) AS id`, keyLocks(batch)); err != nil {
		return 0, err
	}
	state, err := p.storedFor(ctx, tx, batch)
	if err != nil {
		return 0, err
	}
	// Decide, entry by entry in batch order, which keys each one takes.
	type plan struct {
		e    *entry
		keys []Key
	}
	var plans []plan
	var orphans []int64        // objects in the database that may lose their last key
	var orphanEntries []*entry // entries of this batch that may
	for _, e := range batch {
		pl := plan{e: e}
		fetched := e.fetched.UnixNano()
		for _, k := range e.keys {
			cur, ok := state[k]
			if ok && cur.fetched > fetched {
				continue // a newer answer is stored: keep it
			}
			if ok && cur.entry != nil {
				orphanEntries = append(orphanEntries, cur.entry)
			} else if ok {
				orphans = append(orphans, cur.id)
			}
			state[k] = stored{entry: e, fetched: fetched}
			pl.keys = append(pl.keys, k)
		}
		if len(pl.keys) > 0 {
			plans = append(plans, pl)
		}
	}
	// The objects, and their ids.
	ids := map[*entry]int64{}
	b := &pgx.Batch{}
	for _, pl := range plans {
		e := pl.e
		b.Queue(`INSERT INTO objects (type, observable, found, fetched_at, summary, raw) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			e.keys[0].Type.String(), pgText(e.keys[0].Observable), e.found, e.fetched.UnixNano(), e.summary, e.raw).
			QueryRow(func(row pgx.Row) error {
				var id int64
				err := row.Scan(&id)
				ids[e] = id
				return err
			})
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return 0, err
	}
	for _, e := range orphanEntries {
		if id, ok := ids[e]; ok {
			orphans = append(orphans, id)
		}
	}
	// The keys, in batch order; then the objects left without one; then
	// this owner's claims on every key of the batch.
	b = &pgx.Batch{}
	for _, pl := range plans {
		types, observables := pgKeys(pl.keys)
		b.Queue(`INSERT INTO keys (type, observable, object_id) SELECT w.type, w.observable, $3
			FROM unnest($1::text[], $2::text[]) AS w(type, observable)
			ON CONFLICT (type, observable) DO UPDATE SET object_id = excluded.object_id`, types, observables, ids[pl.e])
	}
	if len(orphans) > 0 {
		b.Queue(`DELETE FROM objects o WHERE o.id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM keys k WHERE k.object_id = o.id)`, orphans)
	}
	var all []Key
	for _, e := range batch {
		all = append(all, e.keys...)
	}
	types, observables := pgKeys(all)
	b.Queue(pgDrop, p.owner, types, observables)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return 0, err
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, err
	}
	return len(plans), nil
}

// storedFor reads what every key of a batch leads to now, in one
// statement.
func (p *PG) storedFor(ctx context.Context, tx pgx.Tx, batch []*entry) (map[Key]stored, error) {
	var keys []Key
	for _, e := range batch {
		keys = append(keys, e.keys...)
	}
	types, observables := pgKeys(keys)
	rows, err := tx.Query(ctx, `SELECT w.i, o.id, o.fetched_at
		FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(type, observable, i)
		JOIN keys k ON k.type = w.type AND k.observable = w.observable
		JOIN objects o ON o.id = k.object_id`, types, observables)
	if err != nil {
		return nil, err
	}
	state := map[Key]stored{}
	var i, id, fetched int64
	_, err = pgx.ForEachRow(rows, []any{&i, &id, &fetched}, func() error {
		if i < 1 || int(i) > len(keys) {
			return errors.New("cache: the database answered for a key it was not asked about")
		}
		state[keys[i-1]] = stored{id: id, fetched: fetched}
		return nil
	})
	return state, err
}
