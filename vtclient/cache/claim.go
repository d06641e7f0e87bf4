package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// ClaimState is what Claim found for a key.
type ClaimState int

const (
	// Answered: a fresh answer is stored; Claim.Result holds it, with
	// FromCache set. Nothing to fetch.
	Answered ClaimState = iota
	// Claimed: this Cache now owns the lookup. Its owner must fetch it and
	// Put the answer (Success or NotFound), or Release the key (an error
	// result, which Put ignores; a stopped run); until then other
	// processes that ask get Busy.
	Claimed
	// Busy: another live owner (another process, or this one through
	// another hash of the same file) is fetching it. Ask again later;
	// Claim.Until is when its lease ends unless renewed.
	Busy
)

// String names the state for messages and tests.
func (s ClaimState) String() string {
	switch s {
	case Answered:
		return "Answered"
	case Claimed:
		return "Claimed"
	case Busy:
		return "Busy"
	}
	return "ClaimState(?)"
}

// Claim is the answer of Cache.Claim for one key.
type Claim struct {
	State ClaimState
	// Result is the stored answer when State is Answered.
	Result vtclient.Result
	// Until is the end of the other owner's lease when State is Busy.
	Until time.Time
}

// Claim asks, for each key, whether it still has to be fetched, and claims
// the ones that do for this Cache. claims[i] answers keys[i].
//
// Everything happens in one write transaction (BEGIN IMMEDIATE, which takes
// the file's write lock first), so the re-check for an answer and the claim
// are one step for every process sharing the file: two processes can never
// both get Claimed for one key while its lease is live, and a key answered
// by another process a moment ago comes back Answered, not Claimed.
//
// A fresh answer is Answered (by any of a file's hashes once the file is
// known: MD5, SHA-1 and SHA-256 of one file are one observable, and
// claiming one claims all three). With refresh, answers fetched before this
// Cache was opened do not count, so processes that all --refresh still
// fetch each observable once. A corrupt entry counts as no answer (and is
// reported to Options.Warn). Otherwise, when another owner holds a live
// claim on the key (or on another hash of the same file) it is Busy; else
// it is Claimed, taking over a claim whose lease expired (its owner was
// killed). A key this Cache already holds through the same key is Claimed
// again: deduplicating its own keys is the caller's job.
//
// Claim the keys about to be fetched, not a whole backlog: a claim makes
// every other process wait for this one's rate limit. Keys answered by
// this Cache's own Puts not yet written cost no write transaction, nor,
// in a batch, keys answered in the database (found as GetMany does).
func (c *Cache) Claim(ctx context.Context, keys []Key, withRaw, refresh bool) ([]Claim, error) {
	if err := c.writable(); err != nil {
		return nil, err
	}
	claims := make([]Claim, len(keys))
	// Answered keys first, without the write lock: an answer stays an
	// answer, so only the others need the transaction's re-check. This
	// Cache's own Puts not yet written are seen only here. A batch asks
	// the readers too, in one query; a single key does not, since the
	// transaction re-checks it anyway and its caller has most often just
	// found it missing (the pipeline asks the cache before it queues a
	// lookup): in a lookup run at 600/s that read was 116 µs of a claim's
	// 290 (the readers busy with the pipeline's batches).
	hits, err := c.answersBeforeClaim(ctx, keys, withRaw)
	if err != nil {
		return nil, err
	}
	todo := answered(claims, hits, c.since(refresh))
	if len(todo) == 0 {
		return claims, nil
	}
	c.lease.mu.Lock() // see lease.renew
	defer c.lease.mu.Unlock()
	err = c.claimTx(ctx, func(tx *sql.Tx) error {
		cs := c.cs.in(ctx, tx)
		now := c.opts.Now()
		for _, i := range todo {
			var err error
			if claims[i], err = c.claimOne(ctx, cs, keys[i], withRaw, refresh, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, c.writeError(err)
	}
	for _, cl := range claims {
		if cl.State == Claimed {
			c.lease.held = true
			break
		}
	}
	return claims, nil
}

// answersBeforeClaim is what Claim knows of keys before its transaction:
// this Cache's Puts not yet written and, for a batch, the readers' answers.
func (c *Cache) answersBeforeClaim(ctx context.Context, keys []Key, withRaw bool) ([]vtclient.Result, error) {
	if len(keys) > 1 {
		return c.GetMany(ctx, keys, withRaw)
	}
	if err := c.live(); err != nil {
		return nil, err
	}
	hits := make([]vtclient.Result, len(keys))
	for i, k := range keys {
		hits[i], _ = c.getPending(k, withRaw)
	}
	return hits, nil
}

// claimOne re-checks one key for an answer and claims it when there is
// none and no live claim of another owner; it runs inside Claim's
// transaction.
func (c *Cache) claimOne(ctx context.Context, cs claimStmts, k Key, withRaw, refresh bool, now time.Time) (Claim, error) {
	stmt := cs.answer
	if withRaw {
		stmt = cs.answerRaw
	}
	var (
		objID        int64
		found        bool
		fetched      int64
		summary, raw []byte
	)
	err := stmt.QueryRowContext(ctx, k.Type.String(), k.Observable).Scan(&objID, &found, &fetched, &summary, &raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		objID = 0
	case err != nil:
		return Claim{}, err
	case c.counts(found, fetched, now, refresh):
		r, err := decode(k, fetched, summary, raw, withRaw)
		if err == nil {
			return Claim{State: Answered, Result: r}, nil
		}
		c.warnCorrupt(k, err) // a corrupt entry is a miss: fetched again
	}
	group := []Key{k}
	if objID != 0 && k.Type.IsHash() {
		if group, err = cs.aliases(ctx, k, objID); err != nil {
			return Claim{}, err
		}
	}
	owner := c.lease.owner
	var busyUntil int64
	for _, g := range group {
		var (
			holder       string
			expires      int64
			viaT, viaObs string
		)
		err := cs.holder.QueryRowContext(ctx, g.Type.String(), g.Observable).Scan(&holder, &expires, &viaT, &viaObs)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return Claim{}, err
		case expires <= now.UnixNano():
			// expired: its owner is gone (or stalled longer than a
			// lease); take it over
		case holder != owner || viaT != k.Type.String() || viaObs != k.Observable:
			// live, and someone else's, or ours through another hash of
			// the file: its answer will answer this key too
			busyUntil = max(busyUntil, expires)
		}
	}
	if busyUntil != 0 {
		return Claim{State: Busy, Until: time.Unix(0, busyUntil)}, nil
	}
	expires := now.Add(c.opts.Lease).UnixNano()
	for _, g := range group {
		if _, err := cs.take.ExecContext(ctx, g.Type.String(), g.Observable, owner, expires, k.Type.String(), k.Observable); err != nil {
			return Claim{}, err
		}
	}
	return Claim{State: Claimed}, nil
}

// Release gives up this Cache's claims on keys without an answer (the
// lookup failed, or the run is stopping), so that a process waiting for
// them takes over at its next Claim instead of at the end of the lease.
// Claims made through keys on a file's other hashes go with them. Keys not
// claimed by this Cache are left alone.
func (c *Cache) Release(ctx context.Context, keys []Key) error {
	if err := c.writable(); err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	err := c.claimTx(ctx, func(tx *sql.Tx) error {
		drop, dropVia := tx.StmtContext(ctx, c.ws.drop), tx.StmtContext(ctx, c.ws.dropVia)
		for _, k := range keys {
			if err := dropClaims(ctx, drop, dropVia, c.lease.owner, k); err != nil {
				return err
			}
		}
		return nil
	})
	return c.writeError(err)
}

// claimTx runs f in a write transaction whose commit is not synced to disk
// (synchronous=NORMAL). Claims need no durability: a power loss that could
// lose a claim also ends its owner, and a lost claim costs at most one
// lookup made twice. Skipping the fsync makes a Claim cost microseconds
// rather than a disk flush. The answers that follow keep synchronous=FULL.
func (c *Cache) claimTx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, done, err := c.beginOnWriter(ctx, syncNormal)
	if err != nil {
		return err
	}
	defer done()
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// The writer connection's synchronous settings: FULL for answers and the
// quota ledger (see "Durability" in doc.go), NORMAL for claims.
const (
	syncFull   = "FULL"
	syncNormal = "NORMAL"
)

// beginOnWriter begins a write transaction (BEGIN IMMEDIATE: see Open's
// DSN) on the writer's one connection with the given synchronous setting;
// done gives the connection back, after the transaction has ended. The
// setting is changed only when it differs from the last one set: setting
// it both ways around each claim was a quarter of a claim's cost, at 600
// lookups a second. A connection the pool replaced starts at FULL (the
// DSN), so a stale wSync can only make a claim sync, never an answer not.
// done may be called more than once; until it is, nothing else can use
// the writer.
func (c *Cache) beginOnWriter(ctx context.Context, mode string) (tx *sql.Tx, done func(), err error) {
	conn, err := c.w.Conn(ctx) // the writer's only connection: pragma and transaction on it
	if err != nil {
		return nil, nil, err
	}
	if c.wSync != mode {
		c.wSync = "" // unknown until the pragma has run
		if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = "+mode); err != nil {
			conn.Close()
			return nil, nil, err
		}
		c.wSync = mode
	}
	if tx, err = conn.BeginTx(ctx, nil); err != nil {
		conn.Close()
		return nil, nil, err
	}
	var once sync.Once
	return tx, func() { once.Do(func() { conn.Close() }) }, nil
}

// claimStmts are the statements of claimOne, prepared once on the writer.
type claimStmts struct {
	answer, answerRaw, aliasesOf, holder, take *sql.Stmt
}

func (c *Cache) prepareClaims() error {
	const sel = `SELECT o.id, o.found, o.fetched_at, o.summary, %s FROM keys k JOIN objects o ON o.id = k.object_id
		WHERE k.type = ? AND k.observable = ?`
	for _, p := range []struct {
		s   **sql.Stmt
		sql string
	}{
		{&c.cs.answer, fmt.Sprintf(sel, "NULL")},
		{&c.cs.answerRaw, fmt.Sprintf(sel, "o.raw")},
		{&c.cs.aliasesOf, `SELECT type, observable FROM keys WHERE object_id = ?`},
		{&c.cs.holder, `SELECT owner, expires, via_type, via_observable FROM claims WHERE type = ? AND observable = ?`},
		{&c.cs.take, `INSERT INTO claims (type, observable, owner, expires, via_type, via_observable) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (type, observable) DO UPDATE SET owner = excluded.owner, expires = excluded.expires,
				via_type = excluded.via_type, via_observable = excluded.via_observable`},
	} {
		var err error
		if *p.s, err = c.w.Prepare(p.sql); err != nil {
			return err
		}
	}
	return nil
}

// in binds the statements to a transaction.
func (cs claimStmts) in(ctx context.Context, tx *sql.Tx) claimStmts {
	return claimStmts{
		answer:    tx.StmtContext(ctx, cs.answer),
		answerRaw: tx.StmtContext(ctx, cs.answerRaw),
		aliasesOf: tx.StmtContext(ctx, cs.aliasesOf),
		holder:    tx.StmtContext(ctx, cs.holder),
		take:      tx.StmtContext(ctx, cs.take),
	}
}

func (cs claimStmts) all() []*sql.Stmt {
	return []*sql.Stmt{cs.answer, cs.answerRaw, cs.aliasesOf, cs.holder, cs.take}
}

// aliases lists every key of the stored object objID, k first: the hashes
// of a file are claimed together.
func (cs claimStmts) aliases(ctx context.Context, k Key, objID int64) ([]Key, error) {
	rows, err := cs.aliasesOf.QueryContext(ctx, objID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	group := []Key{k}
	for rows.Next() {
		var name, obs string
		if err := rows.Scan(&name, &obs); err != nil {
			return nil, err
		}
		t, err := ioc.ParseType(name)
		if err != nil {
			continue // written by a newer vtenrich: not ours to claim
		}
		if a := (Key{t, obs}); a != k {
			group = append(group, a)
		}
	}
	return group, rows.Err()
}

// answered marks Answered the claims whose hit is an answer fresh enough
// (fetched since since) and returns the indexes of the others, which need
// a claim. Both backends read answers this way before they take the write
// lock or open a transaction: an answer stays an answer.
func answered(claims []Claim, hits []vtclient.Result, since time.Time) (todo []int) {
	for i, r := range hits {
		if r.FromCache && !r.FetchedAt.Before(since) {
			claims[i] = Claim{State: Answered, Result: r}
			continue
		}
		todo = append(todo, i)
	}
	return todo
}
