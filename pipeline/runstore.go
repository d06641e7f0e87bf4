package pipeline

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bits-and-blooms/bloom/v3"
	"github.com/klauspost/compress/zstd"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// runStore remembers, on disk, the outcomes of the observables the
// resolver has let go of to stay within its memory (see resolver, "Memory"),
// so that one seen again later in the run is neither looked up again nor
// counted again. It lives only as long as the run: a temporary SQLite file
// with no journal and no syncs, removed when the run ends, since a crash
// loses nothing worth keeping (the persistent cache has every answer).
//
// A row is keyed by a 128-bit hash of the observable: 64 bits as SQLite's
// integer rowid (its fastest B-tree), 64 more to check, so a row is about
// 30 bytes. An outcome the persistent cache holds is a mark only ("in the
// cache"); a bare one (resolver's bare: not found, not in the cache,
// failed, a dry run's) the index of its kind, the kinds kept in memory (a
// handful); only the others are stored whole, the raw object compressed.
// Most observables are seen once, so most lookups find nothing: a Bloom
// filter of the stored keys answers those without touching the file.
type runStore struct {
	dir    string
	path   string
	db     *sql.DB
	put    *sql.Stmt // storeBatch rows
	get    *sql.Stmt // storeBatch keys
	zenc   *zstd.Encoder
	zdec   *zstd.Decoder
	seeds  [2]maphash.Seed
	key    []byte // scratch
	kinds  []bareOutcome
	kindOf map[bareOutcome]int

	// filters hold the stored keys; each is sized for twice its
	// predecessor's keys, so any number fits at about 1% false positives.
	filters []*bloom.BloomFilter
	room    uint // keys the last filter was sized for
	inLast  uint // keys added to it
}

// firstFilter is the number of keys the first Bloom filter is sized for.
const firstFilter = 1 << 18

// storeBatch is how many rows one statement inserts, or keys it looks up:
// per-statement overhead, not the B-tree, is most of what one row costs.
const storeBatch = 64

// How an outcome is stored (the how column); a bare one's kind is
// storedBare plus the kind's index.
const (
	storedWhole   = 0 // the Result as JSON, the raw object beside it
	storedInCache = 1 // nothing: the persistent cache has it
	storedBare    = 2
)

// bareOutcome is what a bare outcome holds but its observable and type.
type bareOutcome struct {
	Status       vtclient.Status
	ResponseCode int
	VerboseMsg   string
	Verdict      string
}

// stored is what the run store gives back for one key: nothing (never
// seen), a mark that the persistent cache has the answer, or the outcome.
type stored struct {
	seen    bool
	inCache bool
	result  *vtclient.Result
}

// open creates the store's file on first use.
func (s *runStore) open() error {
	if s.db != nil {
		return nil
	}
	f, err := os.CreateTemp(s.dir, "vtenrich-seen-*.db")
	if err != nil {
		return fmt.Errorf("creating the run's store of observables: %w", err)
	}
	f.Close()
	s.path = f.Name()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(s.path)+
		"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=cache_size(-8192)&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return s.fail(err)
	}
	db.SetMaxOpenConns(1)
	s.db = db
	s.seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
	s.kindOf = map[bareOutcome]int{}
	if _, err := db.Exec(`CREATE TABLE seen (h INTEGER PRIMARY KEY, h2 INTEGER NOT NULL, how INTEGER NOT NULL,
		summary BLOB, raw BLOB)`); err != nil {
		return s.fail(err)
	}
	if s.put, err = db.Prepare(insertRows(storeBatch)); err != nil {
		return s.fail(err)
	}
	keys := strings.Repeat(",?", storeBatch)[1:]
	if s.get, err = db.Prepare(`SELECT h, h2, how, summary, raw FROM seen WHERE h IN (` + keys + `)`); err != nil {
		return s.fail(err)
	}
	if s.zenc, err = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1)); err != nil {
		return s.fail(err)
	}
	if s.zdec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1)); err != nil {
		return s.fail(err)
	}
	return nil
}

// insertRows is the statement that inserts n rows.
func insertRows(n int) string {
	return `INSERT OR IGNORE INTO seen (h, h2, how, summary, raw) VALUES ` + strings.Repeat(",(?,?,?,?,?)", n)[1:]
}

func (s *runStore) fail(err error) error {
	s.close()
	return fmt.Errorf("the run's store of observables (%s): %w", s.path, err)
}

// keep stores the outcomes of lks (res[i] for lks[i]) in one transaction,
// in the order of their hashes (SQLite's B-tree takes sorted keys far
// faster). inCache marks the ones the persistent cache holds.
func (s *runStore) keep(lks []lookup, res []*vtclient.Result, inCache func(*vtclient.Result) bool) error {
	if err := s.open(); err != nil {
		return err
	}
	hashes := make([][2]int64, len(lks))
	order := make([]int, len(lks))
	for i, lk := range lks {
		hashes[i] = s.hash(lk)
		s.remember()
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(hashes[a][0], hashes[b][0]) })
	tx, err := s.db.Begin()
	if err != nil {
		return s.wrap(err)
	}
	defer tx.Rollback()
	put := tx.Stmt(s.put)
	args := make([]any, 0, 5*storeBatch)
	for _, i := range order {
		r := res[i]
		how, summary, raw := storedWhole, []byte(nil), []byte(nil)
		switch {
		case inCache(r):
			how = storedInCache
		case bare(r):
			how = storedBare + s.kind(bareOutcome{r.Status, r.ResponseCode, r.VerboseMsg, r.Verdict})
		default:
			if summary, err = json.Marshal(r); err != nil {
				return s.wrap(err)
			}
			if len(r.Raw) > 0 {
				raw = s.zenc.EncodeAll(r.Raw, nil)
			}
		}
		args = append(args, hashes[i][0], hashes[i][1], how, summary, raw)
		if len(args) == cap(args) {
			if _, err := put.Exec(args...); err != nil {
				return s.wrap(err)
			}
			args = args[:0]
		}
	}
	if len(args) > 0 { // the last rows: a statement of their own size
		if _, err := tx.Exec(insertRows(len(args)/5), args...); err != nil {
			return s.wrap(err)
		}
	}
	return s.wrap(tx.Commit())
}

// kind is the index of a bare outcome's kind, added if new.
func (s *runStore) kind(b bareOutcome) int {
	k, ok := s.kindOf[b]
	if !ok {
		k = len(s.kinds)
		s.kinds = append(s.kinds, b)
		s.kindOf[b] = k
	}
	return k
}

// lookup answers each key of lks from the store, the keys the Bloom
// filters may hold storeBatch at a time.
func (s *runStore) lookup(ctx context.Context, lks []lookup) ([]stored, error) {
	out := make([]stored, len(lks))
	if s.db == nil {
		return out, nil // nothing was ever let go of
	}
	var at []int // indexes in lks of the keys asked about
	var hs [][2]int64
	ask := func() error {
		if len(at) == 0 {
			return nil
		}
		err := s.query(ctx, lks, at, hs, out)
		at, hs = at[:0], hs[:0]
		return err
	}
	for i, lk := range lks {
		h := s.hash(lk)
		if !s.mayHold() {
			continue
		}
		at, hs = append(at, i), append(hs, h)
		if len(at) == storeBatch {
			if err := ask(); err != nil {
				return nil, err
			}
		}
	}
	if err := ask(); err != nil {
		return nil, err
	}
	return out, nil
}

// query looks up the keys lks[at[j]], of hashes hs[j], in one statement
// and fills their answers in out.
func (s *runStore) query(ctx context.Context, lks []lookup, at []int, hs [][2]int64, out []stored) error {
	args := make([]any, storeBatch)
	for j := range args {
		args[j] = hs[min(j, len(hs)-1)][0] // the statement has storeBatch places: repeat the last
	}
	rows, err := s.get.QueryContext(ctx, args...)
	if err != nil {
		return s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var h, h2 int64
		var how int
		var summary, raw []byte
		if err := rows.Scan(&h, &h2, &how, &summary, &raw); err != nil {
			return s.wrap(err)
		}
		for j, i := range at {
			if hs[j] != [2]int64{h, h2} {
				continue
			}
			r, err := s.decode(lks[i], how, summary, raw)
			if err != nil {
				return err
			}
			out[i] = stored{seen: true, inCache: how == storedInCache, result: r}
		}
	}
	return s.wrap(rows.Err())
}

// decode rebuilds a stored outcome; nil for one the cache holds.
func (s *runStore) decode(lk lookup, how int, summary, raw []byte) (*vtclient.Result, error) {
	r := &vtclient.Result{Observable: lk.value, Type: lk.typ}
	switch {
	case how == storedInCache:
		return nil, nil
	case how >= storedBare && how-storedBare < len(s.kinds):
		b := s.kinds[how-storedBare]
		r.Status, r.ResponseCode, r.VerboseMsg, r.Verdict = b.Status, b.ResponseCode, b.VerboseMsg, b.Verdict
	case how == storedWhole:
		if err := json.Unmarshal(summary, r); err != nil {
			return nil, s.wrap(err)
		}
		r.Type = lk.typ
		if raw != nil {
			var err error
			if r.Raw, err = s.zdec.DecodeAll(raw, nil); err != nil {
				return nil, s.wrap(err)
			}
		}
	default:
		return nil, s.wrap(fmt.Errorf("%s: unknown kind %d", lk.value, how))
	}
	return r, nil
}

// hash keys lk in s.key and returns its two 64-bit hashes.
func (s *runStore) hash(lk lookup) [2]int64 {
	s.key = append(append(s.key[:0], byte(lk.typ)), lk.value...)
	return [2]int64{int64(maphash.Bytes(s.seeds[0], s.key)), int64(maphash.Bytes(s.seeds[1], s.key))}
}

// remember adds s.key to the Bloom filters.
func (s *runStore) remember() {
	if len(s.filters) == 0 || s.inLast >= s.room {
		s.room = max(firstFilter, 2*s.room)
		s.filters = append(s.filters, bloom.NewWithEstimates(s.room, 0.01))
		s.inLast = 0
	}
	s.filters[len(s.filters)-1].Add(s.key)
	s.inLast++
}

// mayHold reports whether s.key may be stored: false is certain.
func (s *runStore) mayHold() bool {
	for _, f := range s.filters {
		if f.Test(s.key) {
			return true
		}
	}
	return false
}

func (s *runStore) wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("the run's store of observables (%s): %w", s.path, err)
}

// keyOf is the persistent cache's key of lk.
func keyOf(lk lookup) cache.Key { return cache.Key{Type: lk.typ, Observable: lk.value} }

// close removes the store.
func (s *runStore) close() error {
	var err error
	if s.db != nil {
		err = s.db.Close()
		s.db = nil
	}
	if s.zenc != nil {
		s.zenc.Close()
	}
	if s.zdec != nil {
		s.zdec.Close()
	}
	if s.path != "" {
		os.Remove(s.path)
		s.path = ""
	}
	return err
}
