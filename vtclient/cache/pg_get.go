package cache

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// pgGetMany reads the stored objects of a list of keys in one statement:
// the keys go as two arrays, unnested with their position.
const pgGetMany = `SELECT w.i, o.found, o.fetched_at, o.summary, %s
	FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(type, observable, i)
	JOIN keys k ON k.type = w.type AND k.observable = w.observable
	JOIN objects o ON o.id = k.object_id`

// Get implements Store, as Cache.Get does.
func (p *PG) Get(ctx context.Context, t ioc.Type, observable string, withRaw bool) (vtclient.Result, bool, error) {
	rs, err := p.GetMany(ctx, []Key{{t, observable}}, withRaw)
	if err != nil {
		return vtclient.Result{}, false, err
	}
	return rs[0], rs[0].FromCache, nil
}

// GetMany implements Store, as Cache.GetMany does: answers not yet
// written come from the queue, the others in one statement.
func (p *PG) GetMany(ctx context.Context, keys []Key, withRaw bool) ([]vtclient.Result, error) {
	if err := p.live(); err != nil {
		return nil, err
	}
	results := make([]vtclient.Result, len(keys))
	var ask []Key
	var idx []int // ask[j] is keys[idx[j]]
	for i, k := range keys {
		if r, ok := p.getPending(k, withRaw); ok {
			results[i] = r
			continue
		}
		ask, idx = append(ask, k), append(idx, i)
	}
	if len(ask) == 0 {
		return results, nil
	}
	types, observables := pgKeys(ask)
	raw := "NULL::bytea"
	if withRaw {
		raw = "o.raw"
	}
	err := p.retry(ctx, func(ctx context.Context) error {
		rows, err := p.pool.Query(ctx, fmt.Sprintf(pgGetMany, raw), types, observables)
		if err != nil {
			return err
		}
		now := p.opts.Now()
		var (
			j            int64
			found        bool
			fetched      int64
			summary, obj []byte
		)
		_, err = pgx.ForEachRow(rows, []any{&j, &found, &fetched, &summary, &obj}, func() error {
			if j < 1 || int(j) > len(idx) || !p.opts.fresh(found, time.Unix(0, fetched), now) {
				return nil
			}
			i := idx[j-1]
			r, err := decode(keys[i], fetched, summary, obj, withRaw)
			if err != nil {
				p.warnCorrupt(keys[i], err) // a miss: looked up again
				return nil
			}
			results[i] = r
			return nil
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}
