package vtclient

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unsafe"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// Details is the richer context of an object VirusTotal knows, mapped from
// the same object as the detection counts, so it costs no extra request.
// Which fields are filled depends on the object's type (README, "VT
// columns"); a field the object lacks stays zero. Every string here comes
// from the answer and may be attacker-influenced (a file name, a page
// title): writers neutralise spreadsheet formulas and the lookup table
// escapes control characters.
type Details struct {
	// Every type.
	Engines              []string  `json:"engines,omitempty"` // "<engine>: <verdict>", engines that flag it, by name
	VotesHarmless        int64     `json:"votes_harmless,omitempty"`
	VotesMalicious       int64     `json:"votes_malicious,omitempty"`
	LastModificationDate time.Time `json:"last_modification_date,omitzero"`

	// Files (submission dates and count: URLs too).
	ThreatLabel         string    `json:"threat_label,omitempty"`
	ThreatCategories    []string  `json:"threat_categories,omitempty"`
	ThreatNames         []string  `json:"threat_names,omitempty"`
	TypeDescription     string    `json:"type_description,omitempty"`
	TypeTag             string    `json:"type_tag,omitempty"`
	MeaningfulName      string    `json:"meaningful_name,omitempty"`
	Names               []string  `json:"names,omitempty"`
	Size                int64     `json:"size,omitempty"`
	FirstSubmissionDate time.Time `json:"first_submission_date,omitzero"`
	LastSubmissionDate  time.Time `json:"last_submission_date,omitzero"`
	TimesSubmitted      int64     `json:"times_submitted,omitempty"`
	Signature           string    `json:"signature,omitempty"` // "Signed", the verifier's complaint, or "Unsigned"
	Signers             []string  `json:"signers,omitempty"`
	SandboxVerdicts     []string  `json:"sandbox_verdicts,omitempty"` // "<sandbox>: <category> (<classifications>)"

	// URLs (Categories: domains too).
	LastFinalURL         string   `json:"last_final_url,omitempty"`
	Title                string   `json:"title,omitempty"`
	LastHTTPResponseCode int64    `json:"last_http_response_code,omitempty"`
	Categories           []string `json:"categories,omitempty"` // "<vendor>: <category>", by vendor

	// Domains.
	Registrar        string    `json:"registrar,omitempty"`
	CreationDate     time.Time `json:"creation_date,omitzero"`
	PopularityRank   int64     `json:"popularity_rank,omitempty"` // the best (lowest) rank of any list
	PopularitySource string    `json:"popularity_source,omitempty"`

	// IP addresses.
	ASN       int64  `json:"asn,omitempty"`
	ASOwner   string `json:"as_owner,omitempty"`
	Country   string `json:"country,omitempty"`
	Network   string `json:"network,omitempty"`
	Continent string `json:"continent,omitempty"`
}

// detailAttributes are the attributes Details are made of, decoded in the
// same pass as the rest of the object.
type detailAttributes struct {
	LastAnalysisResults map[string]struct {
		Category string  `json:"category"`
		Result   *string `json:"result"`
	} `json:"last_analysis_results"`
	TotalVotes struct {
		Harmless  int64 `json:"harmless"`
		Malicious int64 `json:"malicious"`
	} `json:"total_votes"`
	LastModificationDate int64 `json:"last_modification_date"`

	PopularThreatClassification struct {
		SuggestedThreatLabel  string       `json:"suggested_threat_label"`
		PopularThreatCategory []countValue `json:"popular_threat_category"`
		PopularThreatName     []countValue `json:"popular_threat_name"`
	} `json:"popular_threat_classification"`
	TypeDescription     string   `json:"type_description"`
	TypeTag             string   `json:"type_tag"`
	MeaningfulName      string   `json:"meaningful_name"`
	Names               []string `json:"names"`
	Size                int64    `json:"size"`
	FirstSubmissionDate int64    `json:"first_submission_date"`
	LastSubmissionDate  int64    `json:"last_submission_date"`
	TimesSubmitted      int64    `json:"times_submitted"`
	SignatureInfo       *struct {
		Verified string `json:"verified"`
		Signers  string `json:"signers"`
	} `json:"signature_info"`
	SandboxVerdicts map[string]struct {
		Category              string   `json:"category"`
		SandboxName           string   `json:"sandbox_name"`
		MalwareClassification []string `json:"malware_classification"`
		MalwareNames          []string `json:"malware_names"`
	} `json:"sandbox_verdicts"`

	LastFinalURL         string            `json:"last_final_url"`
	Title                string            `json:"title"`
	LastHTTPResponseCode int64             `json:"last_http_response_code"`
	Categories           map[string]string `json:"categories"`

	Registrar       string `json:"registrar"`
	CreationDate    int64  `json:"creation_date"`
	PopularityRanks map[string]struct {
		Rank int64 `json:"rank"`
	} `json:"popularity_ranks"`

	ASN       int64  `json:"asn"`
	ASOwner   string `json:"as_owner"`
	Country   string `json:"country"`
	Network   string `json:"network"`
	Continent string `json:"continent"`
}

// countValue is an item of popular_threat_category and popular_threat_name.
type countValue struct {
	Count int64  `json:"count"`
	Value string `json:"value"`
}

// details maps the attributes of an object from collection coll. Fields
// that belong to other types are left out even when an object has an
// attribute of that name: a file's creation_date is its compile time, not
// a registration, and only domains get one.
func (a *detailAttributes) details(coll string) *Details {
	d := &Details{
		Engines:       a.engines(),
		VotesHarmless: a.TotalVotes.Harmless, VotesMalicious: a.TotalVotes.Malicious,
		LastModificationDate: unixTime(a.LastModificationDate),
	}
	switch coll {
	case "files":
		a.fileDetails(d)
	case "urls":
		d.FirstSubmissionDate, d.LastSubmissionDate = unixTime(a.FirstSubmissionDate), unixTime(a.LastSubmissionDate)
		d.TimesSubmitted = a.TimesSubmitted
		d.LastFinalURL, d.Title, d.LastHTTPResponseCode = a.LastFinalURL, a.Title, a.LastHTTPResponseCode
		d.Categories = vendorValues(a.Categories)
	case "domains":
		d.Registrar, d.CreationDate = a.Registrar, unixTime(a.CreationDate)
		d.Categories = vendorValues(a.Categories)
		for src, r := range a.PopularityRanks {
			// The best rank; on a tie the source first by name, so the
			// column does not depend on map order.
			if r.Rank > 0 && (d.PopularityRank == 0 || r.Rank < d.PopularityRank ||
				r.Rank == d.PopularityRank && src < d.PopularitySource) {
				d.PopularityRank, d.PopularitySource = r.Rank, src
			}
		}
	case "ip_addresses":
		d.ASN, d.ASOwner, d.Country, d.Network, d.Continent = a.ASN, a.ASOwner, a.Country, a.Network, a.Continent
	}
	return d
}

func (a *detailAttributes) fileDetails(d *Details) {
	ptc := &a.PopularThreatClassification
	d.ThreatLabel = ptc.SuggestedThreatLabel
	d.ThreatCategories, d.ThreatNames = values(ptc.PopularThreatCategory), values(ptc.PopularThreatName)
	d.TypeDescription, d.TypeTag, d.MeaningfulName = a.TypeDescription, a.TypeTag, a.MeaningfulName
	d.Names, d.Size = a.Names, a.Size
	d.FirstSubmissionDate, d.LastSubmissionDate = unixTime(a.FirstSubmissionDate), unixTime(a.LastSubmissionDate)
	d.TimesSubmitted = a.TimesSubmitted
	if si := a.SignatureInfo; si != nil {
		// signature_info holds the version resources of every PE file;
		// "verified" is there only when the file carries a signature, and
		// says "Signed" when it checks out (else the verifier's complaint).
		d.Signature = si.Verified
		if d.Signature == "" {
			d.Signature = "Unsigned"
		}
		for _, s := range strings.Split(si.Signers, ";") {
			if s = strings.TrimSpace(s); s != "" {
				d.Signers = append(d.Signers, s)
			}
		}
	}
	for name, v := range a.SandboxVerdicts {
		if v.SandboxName != "" {
			name = v.SandboxName
		}
		s := name + ": " + v.Category
		if more := append(append([]string(nil), v.MalwareClassification...), v.MalwareNames...); len(more) > 0 {
			s += " (" + strings.Join(more, ", ") + ")"
		}
		d.SandboxVerdicts = append(d.SandboxVerdicts, s)
	}
	sort.Strings(d.SandboxVerdicts)
}

// engines lists "<engine>: <verdict>" for every engine that calls the
// object malicious or suspicious, by engine name; an engine that gives no
// verdict name is listed with its category.
func (a *detailAttributes) engines() []string {
	names := make([]string, 0, len(a.LastAnalysisResults))
	for name, r := range a.LastAnalysisResults {
		if r.Category == "malicious" || r.Category == "suspicious" {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, name := range names {
		r := a.LastAnalysisResults[name]
		verdict := r.Category
		if r.Result != nil && *r.Result != "" {
			verdict = *r.Result
		}
		out[i] = name + ": " + verdict
	}
	return out
}

// vendorValues lists "<vendor>: <value>" by vendor.
func vendorValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for vendor, v := range m {
		out = append(out, vendor+": "+v)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// values lists the values of popular_threat_* items in VirusTotal's order
// (most counted first).
func values(items []countValue) []string {
	var out []string
	for _, it := range items {
		if it.Value != "" {
			out = append(out, it.Value)
		}
	}
	return out
}

// unixTime is a VirusTotal date (Unix seconds, UTC), zero for none.
func unixTime(s int64) time.Time {
	if s <= 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// MapDetails maps the details of a v3 object for an observable of type t,
// for answers stored before Details existed (the cache keeps their raw
// objects). The object is not verified again: it was when first stored.
func MapDetails(t ioc.Type, data []byte) (*Details, error) {
	coll := Collection(t)
	if coll == "" {
		return nil, fmt.Errorf("vtclient: no VirusTotal collection for IoC type %v", t)
	}
	var o struct {
		Attributes detailAttributes `json:"attributes"`
	}
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, fmt.Errorf("vtclient: decoding %s object: %w", objectTypes[coll].typ, err)
	}
	return o.Attributes.details(coll), nil
}

// MemSize estimates the memory d holds (0 for nil), for budgets of results
// held in memory.
func (d *Details) MemSize() int64 {
	if d == nil {
		return 0
	}
	n := int64(unsafe.Sizeof(*d))
	for _, s := range []string{d.ThreatLabel, d.TypeDescription, d.TypeTag, d.MeaningfulName, d.Signature,
		d.LastFinalURL, d.Title, d.Registrar, d.PopularitySource, d.ASOwner, d.Country, d.Network, d.Continent} {
		n += int64(len(s))
	}
	for _, list := range [][]string{d.Engines, d.ThreatCategories, d.ThreatNames, d.Names, d.Signers,
		d.SandboxVerdicts, d.Categories} {
		for _, s := range list {
			n += 16 + int64(len(s))
		}
	}
	return n
}

// SetDetailsJSON holds r's details as their JSON object, decoded only by
// LoadDetails: a cache hit whose details no column reads costs a copy of
// bytes, not a decode of kilobytes of names and engine verdicts. b must be
// r's own (not a buffer reused); nil drops the details.
func (r *Result) SetDetailsJSON(b []byte) {
	r.detailsJSON = b
	if b != nil || r.Details != nil {
		r.Details = nil
	}
}

// HasDetails reports whether r has details, decoded or not.
func (r *Result) HasDetails() bool { return r.Details != nil || r.detailsJSON != nil }

// LoadDetails decodes the details SetDetailsJSON held into Details; a
// no-op when there are none or they are decoded already.
func (r *Result) LoadDetails() error {
	if r.detailsJSON == nil {
		return nil
	}
	d := new(Details)
	err := json.Unmarshal(r.detailsJSON, d)
	r.detailsJSON = nil
	if err != nil {
		return fmt.Errorf("vtclient: details of %q: %w", r.Observable, err)
	}
	r.Details = d
	return nil
}
