package pipeline

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/readers"
)

// Stats counts what a run did. The counters are live: the progress display
// reads them while the run goes on; the summary prints them at the end.
type Stats struct {
	Start time.Time

	RowsIn      atomic.Int64 // rows read
	RowsOut     atomic.Int64 // rows written
	Observables atomic.Int64 // observables found, screened ones included
	Unique      atomic.Int64 // unique observables to look up
	CacheHits   atomic.Int64 // unique observables served by the cache
	LookedUp    atomic.Int64 // unique observables answered by VirusTotal
	NotFound    atomic.Int64 // ... of which VirusTotal did not know
	Failed      atomic.Int64 // lookups that ended in an error
	NotInCache  atomic.Int64 // --offline misses
	Interrupted atomic.Int64 // lookups not made because the run was stopped
	Pending     atomic.Int64 // lookups queued for the API, not yet answered
	Waits       atomic.Int64 // times a lookup waited for another process fetching it
	LetGo       atomic.Int64 // outcomes moved to the run's store on disk, to stay within --max-memory
	Spilled     atomic.Int64 // batches spilled to disk while waiting on lookups
	SpillBytes  atomic.Int64 // bytes written to the spill file

	// BadRows reports input rows skipped under --on-bad-row skip.
	BadRows readers.BadRowReport

	// APICalls and Retries are copied from the client at the end of a run.
	APICalls int64
	Retries  int64

	mu       sync.Mutex
	screened map[string]int64   // by reason
	types    map[ioc.Type]int64 // unique observables by type
	missing  map[ioc.Type]int64 // --dry-run: not in cache, by type
}

// NewStats starts the counters of a run (pass it in Config.Stats to watch it).
func NewStats() *Stats { return &Stats{Start: time.Now()} }

func (s *Stats) screen(reason string) { bump(&s.mu, &s.screened, reason) }

// screenAll adds a batch's counts of screened observables at once: one
// lock per batch, not one per observable.
func (s *Stats) screenAll(counts map[string]int64) {
	if len(counts) == 0 {
		return
	}
	s.mu.Lock()
	if s.screened == nil {
		s.screened = map[string]int64{}
	}
	for reason, n := range counts {
		s.screened[reason] += n
	}
	s.mu.Unlock()
}

func (s *Stats) countType(t ioc.Type) { bump(&s.mu, &s.types, t) }

func (s *Stats) countMissing(t ioc.Type) { bump(&s.mu, &s.missing, t) }

// bump adds one to (*m)[k] under mu, making the map on first use.
func bump[K comparable](mu *sync.Mutex, m *map[K]int64, k K) {
	mu.Lock()
	if *m == nil {
		*m = map[K]int64{}
	}
	(*m)[k]++
	mu.Unlock()
}

// Incomplete reports whether some lookups failed or were not made: the
// output is complete but not every observable has an answer (exit code 3).
func (s *Stats) Incomplete() bool {
	return s.Failed.Load()+s.NotInCache.Load()+s.Interrupted.Load() > 0
}

// Summary is the end-of-run report, as --stats prints it and --stats-json
// writes it.
type Summary struct {
	RowsIn        int64            `json:"rows_in"`
	RowsOut       int64            `json:"rows_out"`
	Observables   int64            `json:"observables_found"`
	Screened      int64            `json:"screened"`
	ScreenedBy    map[string]int64 `json:"screened_by_reason"`
	Unique        int64            `json:"unique"`
	UniqueByType  map[string]int64 `json:"unique_by_type"`
	FromCache     int64            `json:"from_cache"`
	LookedUp      int64            `json:"looked_up"`
	NotFound      int64            `json:"not_found"`
	Failed        int64            `json:"failed"`
	NotInCache    int64            `json:"not_in_cache"`
	Interrupted   int64            `json:"interrupted"`
	APICalls      int64            `json:"api_calls"`
	Retries       int64            `json:"retries"`
	Spilled       int64            `json:"spilled_batches"`
	SpillBytes    int64            `json:"spilled_bytes"`
	LetGo         int64            `json:"observables_let_go"`
	WallSeconds   float64          `json:"wall_seconds"`
	MissingByType map[string]int64 `json:"missing_by_type,omitempty"`
}

// Summary takes a consistent copy of the counters.
func (s *Stats) Summary() Summary {
	s.mu.Lock()
	defer s.mu.Unlock()
	sum := Summary{
		RowsIn: s.RowsIn.Load(), RowsOut: s.RowsOut.Load(),
		Observables: s.Observables.Load(), ScreenedBy: maps.Clone(s.screened),
		Unique: s.Unique.Load(), UniqueByType: byName(s.types),
		FromCache: s.CacheHits.Load(), LookedUp: s.LookedUp.Load(), NotFound: s.NotFound.Load(),
		Failed: s.Failed.Load(), NotInCache: s.NotInCache.Load(), Interrupted: s.Interrupted.Load(),
		APICalls: s.APICalls, Retries: s.Retries,
		Spilled: s.Spilled.Load(), SpillBytes: s.SpillBytes.Load(), LetGo: s.LetGo.Load(),
		WallSeconds:   time.Since(s.Start).Seconds(),
		MissingByType: byName(s.missing),
	}
	if sum.ScreenedBy == nil {
		sum.ScreenedBy = map[string]int64{}
	}
	for _, n := range s.screened {
		sum.Screened += n
	}
	return sum
}

func byName(m map[ioc.Type]int64) map[string]int64 {
	out := make(map[string]int64, len(m))
	for t, n := range m {
		out[t.String()] = n
	}
	return out
}

// WriteText prints the summary for people, as --stats does on stderr.
func (s Summary) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "rows:        %d in, %d out\n", s.RowsIn, s.RowsOut)
	fmt.Fprintf(&b, "observables: %d found, %d screened%s, %d unique to look up%s\n",
		s.Observables, s.Screened, counts(s.ScreenedBy), s.Unique, counts(s.UniqueByType))
	fmt.Fprintf(&b, "lookups:     %d from cache, %d looked up (%d not found), %d failed",
		s.FromCache, s.LookedUp, s.NotFound, s.Failed)
	if s.NotInCache > 0 {
		fmt.Fprintf(&b, ", %d not in cache", s.NotInCache)
	}
	if s.Interrupted > 0 {
		fmt.Fprintf(&b, ", %d interrupted", s.Interrupted)
	}
	fmt.Fprintf(&b, "\napi:         %d calls, %d retries\n", s.APICalls, s.Retries)
	if s.LetGo > 0 {
		fmt.Fprintf(&b, "memory:      %d observables' outcomes moved to disk to stay within --max-memory\n", s.LetGo)
	}
	if s.Spilled > 0 {
		fmt.Fprintf(&b, "memory:      spilled %d batches (%d bytes compressed) while waiting on lookups\n", s.Spilled, s.SpillBytes)
	}
	fmt.Fprintf(&b, "time:        %s\n", time.Duration(s.WallSeconds*float64(time.Second)).Round(time.Millisecond))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the summary for machines (--stats-json).
func (s Summary) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// counts renders " (a 3, b 1)" sorted by count, then name.
func counts(m map[string]int64) string {
	if len(m) == 0 {
		return ""
	}
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return int(m[b] - m[a])
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
