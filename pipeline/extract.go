package pipeline

import (
	"context"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/vtclient"
)

// found is a batch with the observables of its rows: occurrence k is the
// observable ids[k] in source row rowOf[k]; rowOf ascends, and a row lists
// each observable once.
type found struct {
	batch *rows.Batch
	rowOf []int32
	ids   []uint32
	// maxID is the highest lookup id referenced (-1 if none): the batch is
	// ready to write once the resolver's watermark passes it. A row alone is
	// ready once the watermark passes the ids of its own and earlier rows
	// (see waiting.readyRows).
	maxID int64
	// screened holds the outcomes of the batch's screened observables
	// (--keep-screened), by id&^screenedBit: they are known the moment they
	// are seen, and travel with their rows, spilled or not.
	screened []*vtclient.Result
}

// screenedBit marks ids of screened observables (--keep-screened), which
// live in their batch, outside the lookup ids.
const screenedBit = 1 << 31

// deduper turns scanned batches, in batch order, into found batches: one id
// per unique observable in first-seen order, new ones queued for lookup.
type deduper struct {
	keep     bool // --keep-screened
	resolved bool // extract-only: ids need no lookup
	res      *resolver
	stats    *Stats
	rows     int64             // rows deduped so far
	rowIDs   []uint32          // scratch: ids seen in the current row
	screened map[string]uint32 // scratch: the batch's screened observables
}

// run gives the candidates of each scanned batch their ids, in order.
func (d *deduper) run(ctx context.Context, in <-chan *scanned, out chan<- *found) error {
	for s := range in {
		f, err := d.dedup(ctx, s)
		if err != nil {
			return err
		}
		select {
		case out <- f:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// dedup gives every candidate of s its id.
func (d *deduper) dedup(ctx context.Context, s *scanned) (*found, error) {
	// Each candidate is at most one occurrence: sized once, not grown.
	f := &found{batch: s.batch, maxID: -1, rowOf: make([]int32, 0, len(s.cands)), ids: make([]uint32, 0, len(s.cands))}
	d.stats.RowsIn.Add(int64(s.batch.NumRows()))
	d.stats.Observables.Add(s.found)
	d.stats.screenAll(s.dropped)
	clear(d.screened)
	row := int32(-1)
	for i := range s.cands {
		c := &s.cands[i]
		if c.row != row {
			row, d.rowIDs = c.row, d.rowIDs[:0]
		}
		d.note(f, c, s.value(c))
	}
	d.rows += int64(s.batch.NumRows())
	s.release()
	if err := d.res.Publish(ctx, d.resolved, d.rows); err != nil {
		return nil, err
	}
	return f, nil
}

// note records one candidate: screened ones are kept with the batch, the
// others deduplicated into the resolver's ids.
func (d *deduper) note(f *found, c *candidate, value []byte) {
	var id uint32
	if c.reason != "" {
		d.stats.screen(c.reason)
		key := string(rune(c.typ)) + string(value)
		sid, ok := d.screened[key]
		if !ok {
			if d.screened == nil {
				d.screened = map[string]uint32{}
			}
			sid = uint32(len(f.screened))
			d.screened[key] = sid
			f.screened = append(f.screened, &vtclient.Result{
				Observable: string(value), Type: c.typ, Status: vtclient.StatusScreened(c.reason)})
		}
		id = sid | screenedBit
	} else {
		id, _ = d.res.Add(c.typ, value)
		f.maxID = max(f.maxID, int64(id))
	}
	for _, seen := range d.rowIDs {
		if seen == id {
			return // one output row per (row, observable)
		}
	}
	d.rowIDs = append(d.rowIDs, id)
	f.rowOf = append(f.rowOf, c.row)
	f.ids = append(f.ids, id)
}
