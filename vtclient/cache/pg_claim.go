package cache

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// The statements of a claim. Times are the database's: clock_timestamp()
// is read when the statement reaches the row, after any lock wait.
const (
	// pgAliases lists the other keys of the object a key reaches: a known
	// file's three hashes are claimed together.
	pgAliases = `SELECT k2.type, k2.observable FROM keys k1 JOIN keys k2 ON k2.object_id = k1.object_id
		WHERE k1.type = $1 AND k1.observable = $2`
	// pgTake claims keys ($1, $2) for owner $3 through key ($5, $6), for a
	// lease of $4: a key nobody claims, whose lease ended, or that the
	// owner already holds through the same key. It returns a row per key
	// taken: fewer rows than keys means another owner holds one.
	pgTake = `INSERT INTO claims AS c (type, observable, owner, expires, via_type, via_observable)
		SELECT w.type, w.observable, $3, clock_timestamp() + $4::interval, $5, $6
		FROM unnest($1::text[], $2::text[]) AS w(type, observable)
		ON CONFLICT (type, observable) DO UPDATE SET owner = excluded.owner, expires = excluded.expires,
			via_type = excluded.via_type, via_observable = excluded.via_observable
		WHERE c.expires <= clock_timestamp()
			OR (c.owner = excluded.owner AND c.via_type = excluded.via_type AND c.via_observable = excluded.via_observable)
		RETURNING 1`
	// pgHeldUntil is when the live claims of other owners on keys end.
	pgHeldUntil = `SELECT max(c.expires) FROM claims c JOIN unnest($1::text[], $2::text[]) AS w(type, observable)
			ON c.type = w.type AND c.observable = w.observable
		WHERE c.expires > clock_timestamp()
			AND NOT (c.owner = $3 AND c.via_type = $4 AND c.via_observable = $5)`
	// pgAnswer is the stored answer of one key.
	pgAnswer = `SELECT o.found, o.fetched_at, o.summary, %s FROM keys k JOIN objects o ON o.id = k.object_id
		WHERE k.type = $1 AND k.observable = $2`
	// pgDrop deletes an owner's claims on keys, and those it made through
	// them (a file's other hashes): by Put's transaction, and Release.
	pgDrop = `DELETE FROM claims c USING unnest($2::text[], $3::text[]) AS w(type, observable)
		WHERE c.owner = $1 AND (c.type = w.type AND c.observable = w.observable
			OR c.via_type = w.type AND c.via_observable = w.observable)`
)

// Claim implements Store, as Cache.Claim does, with PostgreSQL's means:
// answered keys are found by GetMany (no transaction); each other key is
// claimed in a transaction of its own that takes the claim rows of the
// key and its aliases with one INSERT ... ON CONFLICT DO UPDATE ... WHERE
// (the row lock makes two owners' claims of one key take turns, and the
// WHERE lets only an expired lease, or the owner's own claim, be taken),
// then re-checks for an answer: a Put that committed after GetMany looked
// (storing the answer and deleting its claim in one transaction) is seen
// then, and the claim is rolled back. So two processes never both get
// Claimed for one key while a lease is live, and a key answered a moment
// ago comes back Answered.
func (p *PG) Claim(ctx context.Context, keys []Key, withRaw, refresh bool) ([]Claim, error) {
	if err := p.writable(); err != nil {
		return nil, err
	}
	claims := make([]Claim, len(keys))
	hits, err := p.GetMany(ctx, keys, withRaw)
	if err != nil {
		return nil, err
	}
	todo := answered(claims, hits, p.since(refresh))
	if len(todo) == 0 {
		return claims, nil
	}
	p.lease.mu.RLock() // see pgLease.renew
	defer p.lease.mu.RUnlock()
	for _, i := range todo {
		// Safe to retry: a claim this owner took through the same key is
		// taken again.
		err := p.retry(ctx, func(ctx context.Context) error {
			var err error
			claims[i], err = p.claimOne(ctx, keys[i], withRaw, refresh)
			return err
		})
		if err != nil {
			return nil, err
		}
		if claims[i].State == Claimed {
			p.lease.held.Store(true)
		}
	}
	return claims, nil
}

// claimOne claims one key, and its aliases, in a transaction of its own.
func (p *PG) claimOne(ctx context.Context, k Key, withRaw, refresh bool) (Claim, error) {
	tx, err := p.pool.Begin(ctx)
	if err != nil {
		return Claim{}, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	group := []Key{k}
	if k.Type.IsHash() {
		if group, err = pgAliasesOf(ctx, tx, k); err != nil {
			return Claim{}, err
		}
	}
	types, observables := pgKeys(group)
	via := []any{k.Type.String(), pgText(k.Observable)}
	tag, err := tx.Exec(ctx, pgTake, types, observables, p.owner, p.opts.Lease, via[0], via[1])
	if err != nil {
		return Claim{}, err
	}
	if int(tag.RowsAffected()) < len(group) {
		var until *time.Time
		err := tx.QueryRow(ctx, pgHeldUntil, types, observables, p.owner, via[0], via[1]).Scan(&until)
		if err != nil {
			return Claim{}, err
		}
		c := Claim{State: Busy, Until: time.Now()} // released since: ask again soon
		if until != nil {
			c.Until = *until
		}
		return c, nil // the rollback undoes what was taken
	}
	raw := "NULL::bytea"
	if withRaw {
		raw = "o.raw"
	}
	var (
		found        bool
		fetched      int64
		summary, obj []byte
	)
	err = tx.QueryRow(ctx, fmt.Sprintf(pgAnswer, raw), via...).Scan(&found, &fetched, &summary, &obj)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return Claim{}, err
	case p.counts(found, fetched, p.opts.Now(), refresh):
		r, err := decode(k, fetched, summary, obj, withRaw)
		if err == nil {
			return Claim{State: Answered, Result: r}, nil // the rollback undoes the claim
		}
		p.warnCorrupt(k, err) // a corrupt entry is a miss: fetched again
	}
	if err := tx.Commit(ctx); err != nil {
		return Claim{}, err
	}
	return Claim{State: Claimed}, nil
}

// pgAliasesOf lists k and the other keys of the object k reaches.
func pgAliasesOf(ctx context.Context, tx pgx.Tx, k Key) ([]Key, error) {
	rows, err := tx.Query(ctx, pgAliases, k.Type.String(), pgText(k.Observable))
	if err != nil {
		return nil, err
	}
	group := []Key{k}
	var name, obs string
	_, err = pgx.ForEachRow(rows, []any{&name, &obs}, func() error {
		t, err := ioc.ParseType(name)
		if err != nil {
			return nil // written by a newer vtenrich: not ours to claim
		}
		if a := (Key{t, fromPGText(obs)}); a != k {
			group = append(group, a)
		}
		return nil
	})
	return group, err
}

// Release implements Store, as Cache.Release does. Safe to retry: it
// deletes this owner's rows only.
func (p *PG) Release(ctx context.Context, keys []Key) error {
	if err := p.writable(); err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	types, observables := pgKeys(keys)
	return p.retry(ctx, func(ctx context.Context) error {
		_, err := p.pool.Exec(ctx, pgDrop, p.owner, types, observables)
		return err
	})
}
