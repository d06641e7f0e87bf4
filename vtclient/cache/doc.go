// Package cache is vtenrich's persistent lookup cache and quota ledger: one
// SQLite file (by default <user cache dir>/vtenrich/cache.db) shared by every
// vtenrich process on the machine.
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
// Never open the cache file with os.Open (or copy it) while a Cache is open
// in the same process: closing any descriptor of a file drops every POSIX
// lock the process holds on it, SQLite's included, and another process could
// then corrupt the file. Use Export to copy a cache.
package cache
