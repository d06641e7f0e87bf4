// Package cache is vtenrich's persistent lookup cache and quota ledger,
// behind one interface, Store, with two backends: one SQLite file (Cache;
// by default <user cache dir>/vtenrich/cache.db) shared by every vtenrich
// process on the machine, or a PostgreSQL database (PG) shared by every
// process on every machine that reaches it, which also keeps each API
// key's rate limiter. Open picks the backend from its target. Most of this
// comment is about the file; "PostgreSQL" below says what differs.
//
// Why SQLite through modernc.org/sqlite: it is pure Go, so vtenrich stays a
// static binary with no cgo, and SQLite in WAL mode gives what a cache shared
// by `xargs -P 4 vtenrich ...` needs: readers that never wait for writers,
// one writer at a time across processes (BEGIN IMMEDIATE with a busy
// timeout), and a file that survives kill -9 and power loss intact.
//
// A cache entry is keyed by (IoC type, normalised observable); callers
// normalise, the cache compares bytes. The value is the mapped
// vtclient.Result as compact JSON (a warm hit never parses the large raw
// object), the raw v3 object compressed with zstd, the outcome (found or not
// found) and the fetch time. A file is stored once and reached by its MD5,
// SHA-1 and SHA-256 (see schema.go).
//
// # Durability
//
// Writes are queued by Put and committed by a background flusher in small
// batched transactions, at most Options.FlushInterval (200 ms) after they
// arrive; Put blocks rather than let more than two batches wait. So kill -9
// loses at most the last fraction of a second of results, plus the lookups
// still in flight, and the next run requests nothing already stored.
//
// synchronous=FULL, not the NORMAL usual with WAL. Both survive a process
// crash: a commit has been written to the WAL by write(2) before it
// returns, and the kernel keeps it. They differ on power loss or a kernel
// panic: NORMAL syncs the WAL only at checkpoints, so the commits since the
// last checkpoint can vanish, the file still consistent; FULL syncs at
// every commit. Here a vanished commit is quota spent for nothing (results
// fetched again, ledger counts gone so --daily-quota can be overrun), and
// FULL is cheap because commits are few: the flusher commits at most about
// five times a second however many results arrive, and the ledger once per
// API request, which the rate limit keeps to a handful per second. An
// fsync costs a millisecond or two on an SSD.
//
// # Claims and leases: each observable fetched once across processes
//
// Processes sharing the file (xargs -P 4 vtenrich ...) coordinate through
// claims, so that an observable is fetched by one of them and the others
// wait for its answer instead of spending quota on it:
//
//	claims, err := c.Claim(ctx, keys, withRaw, refresh) // just before fetching
//	// Answered: use claims[i].Result.
//	// Claimed:  fetch it; then Put the answer (Success or NotFound), or
//	//           Release the key if the lookup failed (any other Status:
//	//           Put ignores those, so the claim would stay until Close)
//	//           or the run is stopping.
//	// Busy:     another owner is fetching it: Claim it again later, with
//	//           back-off (say 50 ms doubling to 1 s), until it is
//	//           Answered, or Claimed because that owner released it or
//	//           died.
//
// Claim re-checks each key for a fresh answer and claims the unanswered
// ones in one write transaction (BEGIN IMMEDIATE), so two processes never
// both get Claimed for one key while a lease is live. Put's transaction
// deletes the claim it answers, so another process sees the claim or the
// answer, never neither. A file's MD5, SHA-1 and SHA-256 are one
// observable once the file is known (an answer for it is stored, even a
// stale one): claiming one claims all three. Two processes asking for a
// file that no answer links yet, one by MD5 and one by SHA-256, cannot
// know they ask for the same file, and both fetch it.
//
// Each open Cache is one owner, with a random id. Its claims carry a
// lease, Options.Lease (30 s by default) from the last renewal; a goroutine
// renews them every Lease/3 while the Cache is open, and Close releases
// what is left. A process killed with kill -9 cannot release: its claims
// live until their lease ends, then the next Claim by another process
// takes them over. So each observable the killed process held is fetched
// at most once more, after at most one lease of waiting.
//
// Why 30 s. The lease only has to outlive the gaps between renewals, not
// the lookups: a claim held for minutes by a process waiting on a 4/min
// rate limit is renewed all along. A renewal is a transaction, which can
// wait up to the busy timeout (10 s) for another process's write lock, so
// a renewal every Lease/3 must still land in time when it waits that long:
// Lease/3 + 10 s < Lease needs Lease > 15 s; 30 s leaves a margin for a
// loaded machine. Shorter would only save waiting after a kill -9, which is
// rare, at the risk of a live owner losing its claim (one request made
// twice); longer makes others wait longer after one. The cost is one small
// UPDATE every 10 s per process that holds claims, none when it holds none.
// At the free key's 4 lookups a minute, 30 s of waiting is two requests'
// worth of time and no quota.
//
// Lease times use the local clock: the file is on a local disk (WAL mode
// needs one), so every process reads the same clock. Claim, Release and
// renewal commit with synchronous=NORMAL: a claim needs no durability (a
// power loss that loses one also ends its owner), and skipping the fsync
// makes a Claim cost tens of microseconds.
//
// # A full disk, a corrupt entry, a read-only file
//
// When a write fails for lack of space (SQLITE_FULL, ENOSPC, EDQUOT), the
// answers it held are appended to <cache>.unsaved.jsonl (the export format,
// fsynced, under flock so that an importing process never loses a line),
// they stay visible to Get and Claim, and the writing methods return a
// *FullError (errors.Is ErrCacheFull) naming both files: the caller should
// stop fetching, since nothing more can be kept. The next Open imports the
// side file and removes it.
//
// An entry whose summary or raw object cannot be decoded is a miss for
// Get, GetMany and Claim, reported once through Options.Warn with its key:
// it is fetched again, and the new answer replaces it.
//
// A cache whose file or folder cannot be written (a read-only mount), or
// Options.ReadOnly, is opened read-only: readers only (mode=ro, or
// immutable=1 where not even the -shm file can be made), so Get, GetMany,
// Stats, Export and Used work, and the methods that write return
// ErrReadOnly.
//
// # PostgreSQL
//
// OpenPG (a postgres:// or postgresql:// URL, schema=NAME for the schema,
// vtenrich by default) keeps the same rules with the database's means:
//
//   - The schema is created and migrated by vtenrich (pgMigrations), in one
//     transaction under pg_advisory_xact_lock, so processes starting at once
//     on a new database take turns.
//   - A claim takes its rows with INSERT ... ON CONFLICT DO UPDATE ... WHERE
//     the lease ended or the claim is the owner's own, then re-checks for an
//     answer, so a Put that committed between GetMany and the claim is seen.
//     Put's transaction stores the answers and deletes their claims; writers
//     of one key take turns through transaction-scoped advisory locks taken
//     in one order. Leases end at the database's clock_timestamp() plus
//     Lease: the machines' clocks never enter.
//   - Durability is the database's: a commit is what its configuration makes
//     durable (synchronous_commit), and results are committed within
//     FlushInterval as for a file.
//   - A lost database (a restart, a fail-over, a broken connection) is
//     retried with back-off for Options.Retry (a minute); every operation is
//     safe to run again, or errs on the side of the quota (a ledger count or
//     rate slot taken twice). Past that, operations fail with an
//     *UnavailableError (errors.Is ErrCacheFull: stop fetching) and the
//     unstored answers go to a local side file in Options.UnsavedDir, which
//     the next OpenPG of the same database imports.
//   - Limiter gives each API key one request limiter in the database for
//     every process (GCRA; see pgLimiter): --rate becomes the key's.
//
// Never open the cache file with os.Open (or copy it) while a Cache is open
// in the same process: closing any descriptor of a file drops every POSIX
// lock the process holds on it, SQLite's included, and another process could
// then corrupt the file. Use Export to copy a cache.
package cache
