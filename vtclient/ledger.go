package vtclient

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"
)

// Ledger counts the requests sent with each API key per UTC day, so that
// --daily-quota holds across runs and across processes sharing a cache.
// Keys are identified by KeyID, never by the key itself.
type Ledger interface {
	// Reserve records one request for keyID on day ("2006-01-02", UTC) if
	// fewer than limit are recorded, and reports whether it did. limit <= 0
	// means no limit: the request is recorded and ok is true.
	Reserve(ctx context.Context, keyID, day string, limit int) (ok bool, err error)
	// Refund takes back one request Reserve recorded for keyID on day, for
	// a request that was never sent: the connection could not be made, or
	// the run stopped between the reservation and the sending. A request
	// that went out keeps its unit, answered or not: VirusTotal may have
	// counted it.
	Refund(ctx context.Context, keyID, day string) error
	// Used is the number of requests recorded for keyID on day.
	Used(ctx context.Context, keyID, day string) (int, error)
}

// KeyID is the identifier of an API key in ledgers and stats: a SHA-256
// prefix, so that no file or output ever holds the key.
func KeyID(apiKey string) string {
	sum := sha256.Sum256([]byte("vtenrich-key:" + apiKey))
	return hex.EncodeToString(sum[:12])
}

// Day is the UTC day of t in the ledger's format. VirusTotal's daily quota
// resets at 00:00 UTC.
func Day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// MemoryLedger is a Ledger for one process (used with --no-cache).
type MemoryLedger struct {
	mu   sync.Mutex
	used map[string]int
}

// Reserve implements Ledger.
func (l *MemoryLedger) Reserve(_ context.Context, keyID, day string, limit int) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.used == nil {
		l.used = make(map[string]int)
	}
	k := keyID + "/" + day
	if limit > 0 && l.used[k] >= limit {
		return false, nil
	}
	l.used[k]++
	return true, nil
}

// Used implements Ledger.
func (l *MemoryLedger) Used(_ context.Context, keyID, day string) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.used[keyID+"/"+day], nil
}

// Refund implements Ledger.
func (l *MemoryLedger) Refund(_ context.Context, keyID, day string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if k := keyID + "/" + day; l.used[k] > 0 {
		l.used[k]--
	}
	return nil
}
