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

	"github.com/bits-and-blooms/bloom/v3"
	"github.com/klauspost/compress/zstd"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// runStore remembers, on disk, the outcomes of the observables the
// resolver has let go of to stay within its memory (see resolver.rotate),
// so that one seen again later in the run is neither looked up again nor
// counted again. It lives only as long as the run: a temporary SQLite file
// with no journal and no syncs, removed when the run ends, since a crash
// loses nothing worth keeping (the persistent cache has every answer).
//
// An outcome the persistent cache holds is stored as a mark only ("in the
// cache"); the others (every outcome under --no-cache and --dry-run,
// failures, NotInCache) are stored whole, the raw object compressed.
//
// Most observables are seen once, so most lookups find nothing: a Bloom
// filter of the stored keys answers those without touching the file. Rows
// are keyed by a 64-bit hash of the key (SQLite's fastest B-tree, an
// integer rowid), with the key beside it to check.
type runStore struct {
	dir  string
	path string
	db   *sql.DB
	put  *sql.Stmt
	get  *sql.Stmt
	zenc *zstd.Encoder
	zdec *zstd.Decoder
	seed maphash.Seed
	key  []byte // scratch

	// filters hold the stored keys; each is sized for twice its
	// predecessor's keys, so any number fits at about 1% false positives.
	filters []*bloom.BloomFilter
	room    uint // keys the last filter was sized for
	inLast  uint // keys added to it
}

// firstFilter is the number of keys the first Bloom filter is sized for.
const firstFilter = 1 << 18

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
	s.seed = maphash.MakeSeed()
	if _, err := db.Exec(`CREATE TABLE seen (h INTEGER PRIMARY KEY, t INTEGER NOT NULL, v TEXT NOT NULL,
		in_cache INTEGER NOT NULL, summary BLOB, raw BLOB)`); err != nil {
		return s.fail(err)
	}
	if s.put, err = db.Prepare(`INSERT OR IGNORE INTO seen (h, t, v, in_cache, summary, raw) VALUES (?, ?, ?, ?, ?, ?)`); err != nil {
		return s.fail(err)
	}
	if s.get, err = db.Prepare(`SELECT t, v, in_cache, summary, raw FROM seen WHERE h = ?`); err != nil {
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

func (s *runStore) fail(err error) error {
	s.close()
	return fmt.Errorf("the run's store of observables (%s): %w", s.path, err)
}

// How an outcome is stored (the in_cache column).
const (
	storedWhole   = 0 // the Result as JSON, the raw object beside it
	storedInCache = 1 // nothing: the persistent cache has it
	storedBare    = 2 // the few fields of a bare outcome, as JSON
)

// bareOutcome is what a bare outcome (resolver's bare) holds but its
// observable and type.
type bareOutcome struct {
	Status       string `json:"s,omitempty"`
	ResponseCode int    `json:"c,omitempty"`
	VerboseMsg   string `json:"m,omitempty"`
	Verdict      string `json:"v,omitempty"`
}

// keep stores the outcomes of lks (res[i] for lks[i]) in one transaction,
// in the order of their hashes (SQLite's B-tree takes sorted keys far
// faster). inCache marks the ones the persistent cache holds.
func (s *runStore) keep(lks []lookup, res []*vtclient.Result, inCache func(*vtclient.Result) bool) error {
	if err := s.open(); err != nil {
		return err
	}
	hashes := make([]int64, len(lks))
	order := make([]int, len(lks))
	for i, lk := range lks {
		hashes[i] = s.hash(lk)
		s.remember()
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(hashes[a], hashes[b]) })
	tx, err := s.db.Begin()
	if err != nil {
		return s.wrap(err)
	}
	defer tx.Rollback()
	put := tx.Stmt(s.put)
	for _, i := range order {
		lk, r := lks[i], res[i]
		how, summary, raw := storedWhole, []byte(nil), []byte(nil)
		switch {
		case inCache(r):
			how = storedInCache
		case bare(r):
			how = storedBare
			summary, err = json.Marshal(bareOutcome{r.Status, r.ResponseCode, r.VerboseMsg, r.Verdict})
		default:
			summary, err = json.Marshal(r)
			if len(r.Raw) > 0 {
				raw = s.zenc.EncodeAll(r.Raw, nil)
			}
		}
		if err != nil {
			return s.wrap(err)
		}
		if _, err := put.Exec(hashes[i], int(lk.typ), lk.value, how, summary, raw); err != nil {
			return s.wrap(err)
		}
	}
	return s.wrap(tx.Commit())
}

// lookup answers each key of lks from the store.
func (s *runStore) lookup(ctx context.Context, lks []lookup) ([]stored, error) {
	out := make([]stored, len(lks))
	if s.db == nil {
		return out, nil // nothing was ever let go of
	}
	for i, lk := range lks {
		h := s.hash(lk)
		if !s.mayHold() {
			continue
		}
		var t int
		var v string
		var how int
		var summary, raw []byte
		err := s.get.QueryRowContext(ctx, h).Scan(&t, &v, &how, &summary, &raw)
		switch {
		case err == sql.ErrNoRows:
			continue
		case err != nil:
			return nil, s.wrap(err)
		case t != int(lk.typ) || v != lk.value:
			continue // another key with the same hash: this one was never stored
		}
		out[i] = stored{seen: true, inCache: how == storedInCache}
		r := &vtclient.Result{Observable: lk.value, Type: lk.typ}
		switch how {
		case storedInCache:
			continue
		case storedBare:
			var b bareOutcome
			if err := json.Unmarshal(summary, &b); err != nil {
				return nil, s.wrap(err)
			}
			r.Status, r.ResponseCode, r.VerboseMsg, r.Verdict = b.Status, b.ResponseCode, b.VerboseMsg, b.Verdict
		default:
			if err := json.Unmarshal(summary, r); err != nil {
				return nil, s.wrap(err)
			}
			r.Type = lk.typ
		}
		if raw != nil {
			if r.Raw, err = s.zdec.DecodeAll(raw, nil); err != nil {
				return nil, s.wrap(err)
			}
		}
		out[i].result = r
	}
	return out, nil
}

// hash keys lk in s.key and returns its 64-bit hash.
func (s *runStore) hash(lk lookup) int64 {
	s.key = append(append(s.key[:0], byte(lk.typ)), lk.value...)
	return int64(maphash.Bytes(s.seed, s.key))
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
