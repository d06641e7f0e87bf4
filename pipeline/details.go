package pipeline

import (
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// detailFields are the extra VT columns read from a result's Details: the
// richer context of the object the lookup already fetched (README, "VT
// columns"). None is in the default set.
var detailFields = []vtField{
	detailList("vt_engines", "Engines", "engines", func(d *vtclient.Details) []string { return d.Engines }),
	detailInt("vt_votes_harmless", "VotesHarmless", "votes_harmless", anyType, func(d *vtclient.Details) int64 { return d.VotesHarmless }),
	detailInt("vt_votes_malicious", "VotesMalicious", "votes_malicious", anyType, func(d *vtclient.Details) int64 { return d.VotesMalicious }),
	detailTime("vt_last_modification_date", "LastModificationDate", "last_modification_date", func(d *vtclient.Details) time.Time { return d.LastModificationDate }),

	detailString("vt_threat_label", "ThreatLabel", "threat_label", func(d *vtclient.Details) string { return d.ThreatLabel }),
	detailList("vt_threat_categories", "ThreatCategories", "threat_categories", func(d *vtclient.Details) []string { return d.ThreatCategories }),
	detailList("vt_threat_names", "ThreatNames", "threat_names", func(d *vtclient.Details) []string { return d.ThreatNames }),
	detailString("vt_type_description", "TypeDescription", "type_description", func(d *vtclient.Details) string { return d.TypeDescription }),
	detailString("vt_type_tag", "TypeTag", "type_tag", func(d *vtclient.Details) string { return d.TypeTag }),
	detailString("vt_meaningful_name", "MeaningfulName", "meaningful_name", func(d *vtclient.Details) string { return d.MeaningfulName }),
	detailList("vt_names", "Names", "names", func(d *vtclient.Details) []string { return d.Names }),
	detailInt("vt_size", "Size", "size", ioc.Type.IsHash, func(d *vtclient.Details) int64 { return d.Size }),
	detailTime("vt_first_submission_date", "FirstSubmissionDate", "first_submission_date", func(d *vtclient.Details) time.Time { return d.FirstSubmissionDate }),
	detailTime("vt_last_submission_date", "LastSubmissionDate", "last_submission_date", func(d *vtclient.Details) time.Time { return d.LastSubmissionDate }),
	detailInt("vt_times_submitted", "TimesSubmitted", "times_submitted", fileOrURL, func(d *vtclient.Details) int64 { return d.TimesSubmitted }),
	detailString("vt_signature", "Signature", "signature", func(d *vtclient.Details) string { return d.Signature }),
	detailList("vt_signers", "Signers", "signers", func(d *vtclient.Details) []string { return d.Signers }),
	detailList("vt_sandbox_verdicts", "SandboxVerdicts", "sandbox_verdicts", func(d *vtclient.Details) []string { return d.SandboxVerdicts }),

	detailString("vt_last_final_url", "LastFinalUrl", "last_final_url", func(d *vtclient.Details) string { return d.LastFinalURL }),
	detailString("vt_title", "Title", "title", func(d *vtclient.Details) string { return d.Title }),
	detailList("vt_categories", "Categories", "categories", func(d *vtclient.Details) []string { return d.Categories }),
	detailInt("vt_last_http_response_code", "LastHttpResponseCode", "last_http_response_code", nil, func(d *vtclient.Details) int64 { return d.LastHTTPResponseCode }),

	detailString("vt_registrar", "Registrar", "registrar", func(d *vtclient.Details) string { return d.Registrar }),
	detailTime("vt_creation_date", "CreationDate", "creation_date", func(d *vtclient.Details) time.Time { return d.CreationDate }),
	detailInt("vt_popularity_rank", "PopularityRank", "popularity_rank", nil, func(d *vtclient.Details) int64 { return d.PopularityRank }),
	detailString("vt_popularity_source", "PopularitySource", "popularity_source", func(d *vtclient.Details) string { return d.PopularitySource }),

	detailInt("vt_asn", "ASN", "asn", nil, func(d *vtclient.Details) int64 { return d.ASN }),
	detailString("vt_as_owner", "ASOwner", "as_owner", func(d *vtclient.Details) string { return d.ASOwner }),
	detailString("vt_country", "Country", "country", func(d *vtclient.Details) string { return d.Country }),
	detailString("vt_network", "Network", "network", func(d *vtclient.Details) string { return d.Network }),
	detailString("vt_continent", "Continent", "continent", func(d *vtclient.Details) string { return d.Continent }),
}

// Where a number counts even when it is zero (a file of 0 bytes, no votes).
func anyType(ioc.Type) bool { return true }

func fileOrURL(t ioc.Type) bool { return t.IsHash() || t == ioc.URL }

// detailString is a string column of the details; empty is null.
func detailString(snake, seed, detail string, get func(*vtclient.Details) string) vtField {
	return vtField{snake: snake, seed: seed, extra: true, detail: detail, str: func(r *vtclient.Result) (string, bool) {
		if r.Details == nil {
			return "", false
		}
		s := get(r.Details)
		return s, s != ""
	}}
}

// detailInt is an int64 column of the details. With counts, zero is a
// value for the types it applies to; without (nil), zero means absent (no
// ASN, no response code, no rank).
func detailInt(snake, seed, detail string, counts func(ioc.Type) bool, get func(*vtclient.Details) int64) vtField {
	return vtField{snake: snake, seed: seed, kind: kindInt, extra: true, detail: detail, num: func(r *vtclient.Result) (int64, bool) {
		if r.Details == nil {
			return 0, false
		}
		n := get(r.Details)
		if counts == nil {
			return n, n != 0
		}
		return n, counts(r.Type)
	}}
}

// detailTime is a timestamp column of the details; the zero time is null.
func detailTime(snake, seed, detail string, get func(*vtclient.Details) time.Time) vtField {
	return vtField{snake: snake, seed: seed, kind: kindTime, extra: true, detail: detail, when: func(r *vtclient.Result) (time.Time, bool) {
		if r.Details == nil {
			return time.Time{}, false
		}
		t := get(r.Details)
		return t, !t.IsZero()
	}}
}

// detailList is a list-of-strings column of the details; empty is null.
func detailList(snake, seed, detail string, get func(*vtclient.Details) []string) vtField {
	return vtField{snake: snake, seed: seed, kind: kindList, extra: true, detail: detail, list: func(r *vtclient.Result) []string {
		if r.Details == nil {
			return nil
		}
		return get(r.Details)
	}}
}
