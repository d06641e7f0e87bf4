package pipeline

import (
	"io"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/readers"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/writers"
)

// Mode is what a run does to the rows.
type Mode int

// The three jobs Run can do; each includes the one before.
const (
	// Convert copies rows from one format to another, adding nothing.
	Convert Mode = iota
	// Extract adds the observables found in each row (vtenrich extract).
	Extract
	// Enrich adds the VirusTotal columns of each observable (vtenrich).
	Enrich
)

// Config is everything one run needs. The CLI fills it from flags.
type Config struct {
	Mode Mode

	Inputs []string // files; none or "-" is Stdin
	// Source, when set, is read instead of Inputs and Stdin (rows that are
	// already in memory, such as the arguments of vtenrich lookup).
	Source readers.Reader
	Stdin  io.Reader // standard input
	Stdout io.Writer // where output goes when Output is ""
	Output string    // -o FILE, written atomically
	Read   readers.Options
	Write  writers.Options // Format "" follows Output's extension, then the input's

	IoC        ioc.Config // types, --url-hosts, --skip-list
	Columns    []string   // columns to scan (default: every text column)
	IoCColumn  string     // --ioc-column: one observable per row, no scanning
	TypeColumn string     // --type-column: the type of IoCColumn

	Join    JoinMode
	Naming  Naming
	Fields  []string // --fields; empty: every VT column
	Raw     bool     // --raw: add the raw VT object
	Include []string // --include: attribute paths added as columns
	// DetectedURLs: the client asks for each domain's and IP's URLs
	// (--detected-urls), so vt_detected_urls is filled and in the default
	// set, and cached answers fetched without them are asked again.
	DetectedURLs bool
	// Verdict is the verdict rule (--malicious-at, --suspicious-at); the
	// zero rule is vtclient.DefaultVerdictRule.
	Verdict      vtclient.VerdictRule
	KeepScreened bool // keep screened observables, with their reason
	OnlyAdded    bool // write only the added columns (vtenrich lookup)

	Lookups Lookups // Enrich only
	DryRun  bool    // check the cache, report what would be looked up, write nothing

	// MaxMemory bounds the rows held while they wait for lookups (default
	// 64 MiB); beyond it they spill to a temporary file in TempDir.
	MaxMemory int64
	TempDir   string

	// Stats, when set, receives the live counters (for a progress display).
	Stats *Stats
}
