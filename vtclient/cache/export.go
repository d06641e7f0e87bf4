package cache

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Export writes every stored answer (fresh or not) to w as JSONL, one object
// per line in the format Import reads back (see line), in the order they
// were stored, and returns how many lines it wrote. A corrupt entry is left
// out (a corrupt raw object: exported without it), with a warning naming
// it. Queued results are
// flushed first. It reads one snapshot, so concurrent writers do not tear
// it.
func (c *Cache) Export(ctx context.Context, w io.Writer) (int, error) {
	if err := c.Flush(ctx); err != nil {
		return 0, err
	}
	tx, err := c.r.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT o.type, o.observable, o.found, o.fetched_at, o.summary, o.raw,
			(SELECT json_group_array(json_array(k.type, k.observable)) FROM keys k WHERE k.object_id = o.id)
		FROM objects o ORDER BY o.id`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	x := c.newExporter(w)
	for rows.Next() {
		var (
			l            line
			found        bool
			fetched      int64
			raw, keyJSON []byte
		)
		if err := rows.Scan(&l.Type, &l.Observable, &found, &fetched, &l.Result, &raw, &keyJSON); err != nil {
			return x.n, err
		}
		var keys [][2]string
		if err := json.Unmarshal(keyJSON, &keys); err != nil {
			return x.n, err
		}
		if err := x.add(&l, found, fetched, raw, keys); err != nil {
			return x.n, err
		}
	}
	if err := rows.Err(); err != nil {
		return x.n, err
	}
	return x.finish()
}

// exporter writes export lines for every backend: it checks each stored
// answer and encodes it as Import reads it back.
type exporter struct {
	b   *base
	bw  *bufio.Writer
	enc *json.Encoder
	n   int // lines written
}

func (c *base) newExporter(w io.Writer) *exporter {
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false) // "<" in a URL stays "<"
	return &exporter{b: c, bw: bw, enc: enc}
}

// add writes one stored object: l holds its type, observable and summary
// (Result); keys are every key that reaches it. An object no key reaches
// is left out; so is one whose summary is corrupt, and a corrupt raw
// object is left out of its line, each with a warning naming it.
func (x *exporter) add(l *line, found bool, fetched int64, raw []byte, keys [][2]string) error {
	if !primaryFirst(l, keys) {
		return nil // no key reaches it: nothing a lookup could hit
	}
	l.Outcome = outcomeNotFound
	if found {
		l.Outcome = outcomeFound
	}
	l.FetchedAt = time.Unix(0, fetched).UTC()
	if !json.Valid(l.Result) {
		x.b.opts.Warn(fmt.Sprintf("cache %s: corrupt entry for %s %q (its result is not JSON): not exported", x.b.name, l.Type, l.Observable))
		return nil
	}
	if raw != nil {
		var err error
		if l.Data, err = decompress(raw); err != nil || !json.Valid(l.Data) {
			// The result is what lookups use: export it alone.
			x.b.opts.Warn(fmt.Sprintf("cache %s: corrupt raw object for %s %q: exported without it", x.b.name, l.Type, l.Observable))
			l.Data = nil
		}
	}
	if err := x.enc.Encode(l); err != nil {
		return err
	}
	x.n++
	return nil
}

// finish flushes what is buffered and returns how many lines were written.
func (x *exporter) finish() (int, error) { return x.n, x.bw.Flush() }

// primaryFirst sets l's aliases to keys other than its type/observable. When
// the key the object was looked up by now leads to a newer answer, another
// of its keys takes that place. It reports false for an object no key
// reaches.
func primaryFirst(l *line, keys [][2]string) bool {
	if len(keys) == 0 {
		return false
	}
	own := -1
	for i, k := range keys {
		if k[0] == l.Type && k[1] == l.Observable {
			own = i
		}
	}
	if own < 0 {
		own = 0
		l.Type, l.Observable = keys[0][0], keys[0][1]
	}
	for i, k := range keys {
		if i != own {
			l.Aliases = append(l.Aliases, lineKey{k[0], k[1]})
		}
	}
	return true
}
