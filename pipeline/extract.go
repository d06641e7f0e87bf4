package pipeline

import (
	"github.com/vtenrich/vtenrich/pipeline/ioc"
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
	// (see joinStage.readyRows).
	maxID int64
}

// screenedBit marks ids of screened observables (--keep-screened), which
// live outside the lookup ids: they are resolved the moment they are seen.
const screenedBit = 1 << 31

// deduper turns scanned batches, in batch order, into found batches: one id
// per unique observable in first-seen order, new ones queued for lookup.
type deduper struct {
	keep     bool    // --keep-screened
	resolved bool    // extract-only: ids need no lookup
	screened ioc.Set // screened observables kept for output
	res      *resolver
	stats    *Stats
	rowIDs   []uint32 // scratch: ids seen in the current row
}

// dedup gives every candidate of s its id.
func (d *deduper) dedup(s *scanned) *found {
	f := &found{batch: s.batch, maxID: -1}
	d.stats.RowsIn.Add(int64(s.batch.NumRows()))
	d.stats.Observables.Add(s.found)
	d.stats.screenAll(s.dropped)
	row := int32(-1)
	for i := range s.cands {
		c := &s.cands[i]
		if c.row != row {
			row, d.rowIDs = c.row, d.rowIDs[:0]
		}
		d.note(f, c, s.value(c))
	}
	d.res.Publish(d.resolved)
	s.release()
	return f
}

// note records one candidate: screened ones are kept under their own ids,
// the others deduplicated into the resolver's ids.
func (d *deduper) note(f *found, c *candidate, value []byte) {
	var id uint32
	if c.reason != "" {
		d.stats.screen(c.reason)
		sid, added := d.screened.Add(c.typ, value)
		if added {
			d.res.AddScreened(&vtclient.Result{
				Observable: string(value), Type: c.typ, Status: vtclient.StatusScreened(c.reason)})
		}
		id = sid | screenedBit
	} else {
		lid, added := d.res.Add(c.typ, value)
		if added {
			d.stats.Unique.Add(1)
			d.stats.countType(c.typ)
		}
		id = lid
		f.maxID = max(f.maxID, int64(lid))
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
