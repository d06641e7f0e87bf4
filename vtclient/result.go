package vtclient

import (
	"encoding/json"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// Response codes, with the meaning they had in the v2 API the seed used.
const (
	ResponseFound    = 1
	ResponseNotFound = 0
	ResponseFailed   = -1
)

// Result is the outcome of one lookup, mapped to the VT columns (README, "VT columns").
// Fields other than Observable, Type, Status, ResponseCode and VerboseMsg are
// meaningful only when Status.Outcome is Found.
type Result struct {
	Observable   string   `json:"observable"`
	Type         ioc.Type `json:"-"`
	Status       Status   `json:"status"`
	ResponseCode int      `json:"response_code"`
	VerboseMsg   string   `json:"verbose_msg,omitempty"`

	Resource         string    `json:"resource,omitempty"`
	ScanID           string    `json:"scan_id,omitempty"`
	Permalink        string    `json:"permalink,omitempty"`
	Positives        int64     `json:"positives"`
	Malicious        int64     `json:"malicious"`
	Suspicious       int64     `json:"suspicious"`
	Harmless         int64     `json:"harmless"`
	Undetected       int64     `json:"undetected"`
	Total            int64     `json:"total"`
	Reputation       int64     `json:"reputation"`
	LastAnalysisDate time.Time `json:"last_analysis_date,omitzero"`
	MD5              string    `json:"md5,omitempty"`
	SHA1             string    `json:"sha1,omitempty"`
	SHA256           string    `json:"sha256,omitempty"`
	ResolvedDomains  []string  `json:"resolved_domains,omitempty"`
	ResolvedIPs      []string  `json:"resolved_ips,omitempty"`
	DetectedURLs     []string  `json:"detected_urls,omitempty"`
	// URLsChecked: the urls relationship was fetched (--detected-urls), so
	// no DetectedURLs means none, not unknown.
	URLsChecked bool     `json:"urls_checked,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	Verdict     string   `json:"verdict,omitempty"`
	// Details is the richer context of a found object (nil for other
	// outcomes, for answers cached by versions before it, and when no
	// column of the run needs it).
	Details *Details `json:"details,omitempty"`
	// detailsJSON holds the details undecoded (SetDetailsJSON).
	detailsJSON []byte

	// Included holds, for each --include path of the run, the JSON values
	// the path matched in the raw object. The pipeline fills it; the
	// persistent cache never stores it (it depends on the run's paths),
	// the run's own store of outcomes does.
	Included [][]json.RawMessage `json:"included,omitempty"`
	// Raw is the v3 object (the "data" member of the response), kept for
	// --raw and for the cache. Nil when not fetched or not asked for.
	Raw json.RawMessage `json:"-"`
	// FromCache is true when the result was served by the local cache.
	FromCache bool `json:"-"`
	// FetchedAt is when VirusTotal answered (zero for errors and screened).
	FetchedAt time.Time `json:"-"`
	// rawChecked says Raw is the client's: valid JSON, already compact.
	rawChecked bool
}

// RawIsCompact reports whether Raw is valid JSON that the client has
// already compacted, as it stands in the answer it came in, so that a
// store need not check and compact it again.
func (r *Result) RawIsCompact() bool { return r.rawChecked && len(r.Raw) > 0 }

// Found reports whether VirusTotal knows the observable.
func (r *Result) Found() bool { return r.Status.Outcome == Found }
