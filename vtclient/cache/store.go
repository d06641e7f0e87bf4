package cache

import (
	"context"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// Store is the cache as its users see it, whichever backend keeps it: a
// SQLite file on one machine (*Cache) or a PostgreSQL database shared by
// many (*PG). Both keep the same rules: TTLs, refresh, hash aliases,
// claims with leases, verified answers, validated imports, the daily
// ledger; the pipeline and the CLI never ask which one they have.
type Store interface {
	// Get looks up one observable; see Cache.Get.
	Get(ctx context.Context, t ioc.Type, observable string, withRaw bool) (vtclient.Result, bool, error)
	// GetMany looks up several at once; see Cache.GetMany.
	GetMany(ctx context.Context, keys []Key, withRaw bool) ([]vtclient.Result, error)
	// Claim re-checks keys for answers and claims the others for this
	// store's owner; see Cache.Claim and "Claims and leases" in doc.go.
	Claim(ctx context.Context, keys []Key, withRaw, refresh bool) ([]Claim, error)
	// Release gives up claims without an answer; see Cache.Release.
	Release(ctx context.Context, keys []Key) error
	// Put queues an answer to be stored; see Cache.Put.
	Put(ctx context.Context, r vtclient.Result) error
	// Flush stores every queued answer now.
	Flush(ctx context.Context) error
	// Close flushes, gives up this owner's claims and closes the store.
	Close() error

	// The daily-quota ledger, shared by every process using the store.
	vtclient.Ledger

	// Stats counts what the store holds; see Stats.
	Stats(ctx context.Context) (Stats, error)
	// Export writes every stored answer as JSONL; see Cache.Export.
	Export(ctx context.Context, w io.Writer) (int, error)
	// Import stores the answers of a JSONL file; see Cache.Import.
	Import(ctx context.Context, r io.Reader, name string) (ImportReport, error)
	// Purge deletes answers fetched more than olderThan ago (0: all).
	Purge(ctx context.Context, olderThan time.Duration) (int, error)

	// Name is what messages call the store: the file's path, or the
	// database URL without its password.
	Name() string
	// Limiter is a request limiter for the key keyID that every process
	// using the store draws from, so that a rate is the key's and not each
	// process's; nil when the store keeps none (a file of one machine).
	// It fits vtclient.Config.Limiter.
	Limiter(keyID string, r rate.Limit, burst int) vtclient.Limiter
}

var (
	_ Store = (*Cache)(nil)
	_ Store = (*PG)(nil)
)

// EnvTarget is the environment variable that names the cache when no
// --cache is given: a file path or a postgres:// URL.
const EnvTarget = "VTENRICH_CACHE"

// DefaultTarget is the cache to use when none is named: $VTENRICH_CACHE
// when set, else DefaultPath.
func DefaultTarget() (string, error) {
	if t := strings.TrimSpace(os.Getenv(EnvTarget)); t != "" {
		return t, nil
	}
	return DefaultPath()
}

// IsDatabase reports whether target names a PostgreSQL database (a
// postgres:// or postgresql:// URL) rather than a file.
func IsDatabase(target string) bool {
	t := strings.ToLower(strings.TrimSpace(target))
	return strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://")
}

// Open opens the cache target names: a PostgreSQL database for a
// postgres:// or postgresql:// URL (see OpenPG), else the SQLite file at
// that path (see OpenFile).
func Open(target string, opts Options) (Store, error) {
	if IsDatabase(target) {
		p, err := OpenPG(strings.TrimSpace(target), opts)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
	c, err := OpenFile(target, opts)
	if err != nil {
		return nil, err // not a non-nil Store holding a nil *Cache
	}
	return c, nil
}

// Limiter implements Store: a file is one machine's, whose processes each
// pace their own requests.
func (c *Cache) Limiter(string, rate.Limit, int) vtclient.Limiter { return nil }
