package vtclient

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// GUIBase is the root of the permalinks written to the Permalink column.
const GUIBase = "https://www.virustotal.com/gui/"

// URLID is the identifier of a URL in /api/v3/urls/{id}: the unpadded
// URL-safe base64 of the URL exactly as given.
func URLID(u string) string { return base64.RawURLEncoding.EncodeToString([]byte(u)) }

// Collection is the API collection ("files", "urls", "domains",
// "ip_addresses") that holds objects of type t, or "" for unknown types.
func Collection(t ioc.Type) string {
	switch {
	case t.IsHash():
		return "files"
	case t == ioc.URL:
		return "urls"
	case t == ioc.DNS:
		return "domains"
	case t == ioc.IPv4 || t == ioc.IPv6:
		return "ip_addresses"
	}
	return ""
}

// objectTypes maps a collection to the "type" of its objects and to the
// path element of its GUI permalinks.
var objectTypes = map[string]struct{ typ, gui string }{
	"files":        {"file", "file"},
	"urls":         {"url", "url"},
	"domains":      {"domain", "domain"},
	"ip_addresses": {"ip_address", "ip-address"},
}

// object is the part of a v3 object that the VT columns are made of.
type object struct {
	Type       string `json:"type"`
	ID         string `json:"id"`
	Attributes struct {
		LastAnalysisStats map[string]int64 `json:"last_analysis_stats"`
		LastAnalysisDate  int64            `json:"last_analysis_date"`
		Reputation        int64            `json:"reputation"`
		Tags              []string         `json:"tags"`
		MD5               string           `json:"md5"`
		SHA1              string           `json:"sha1"`
		SHA256            string           `json:"sha256"`
		URL               string           `json:"url"` // a URL object's URL, for verify
		detailAttributes
	} `json:"attributes"`
	Relationships map[string]struct {
		// Data is an array for to-many relationships and an object (or
		// null) for to-one relationships.
		Data json.RawMessage `json:"data"`
	} `json:"relationships"`
}

// related is an item of a relationship: a descriptor (type and id) with the
// related object's attributes when the API includes them.
type related struct {
	Type       string `json:"type"`
	ID         string `json:"id"`
	Attributes struct {
		HostName  string `json:"host_name"`
		IPAddress string `json:"ip_address"`
	} `json:"attributes"`
}

// FromObject maps a v3 object (the "data" member of a response) for the
// observable of type t to a successful Result. Raw holds a copy of data.
// An object that is not the observable's (see object.verify) is an error
// wrapping ErrMismatchedAnswer.
//
// Total counts every engine of the last analysis, whatever its category
// (timeout, type-unsupported and failure too), as the v2 "total" the seed
// used did: it equals the number of last_analysis_results. Malicious,
// Suspicious, Harmless and Undetected are the categories of the same name.
func FromObject(t ioc.Type, observable string, data []byte) (Result, error) {
	return fromObject(t, observable, data, decodeObject, false)
}

// fromAnswer is FromObject for an answer the client has just compacted:
// data is its own, so it becomes Raw as it is, not copied (a copy of every
// answer, 20 KB at 600 a second).
func fromAnswer(t ioc.Type, observable string, data []byte) (Result, error) {
	return fromObject(t, observable, data, decodeObject, true)
}

// fromObject is FromObject with the JSON decoder given.
func fromObject(t ioc.Type, observable string, data []byte, unmarshal func([]byte, any) error, owned bool) (Result, error) {
	res := Result{Observable: observable, Type: t}
	coll := Collection(t)
	if coll == "" {
		return res, fmt.Errorf("vtclient: no VirusTotal collection for IoC type %v", t)
	}
	var o object
	if err := unmarshal(data, &o); err != nil {
		return res, fmt.Errorf("vtclient: decoding %s object: %w", objectTypes[coll].typ, err)
	}
	if o.ID == "" {
		return res, errors.New("vtclient: object has no id")
	}
	want := objectTypes[coll]
	if o.Type != "" && o.Type != want.typ {
		return res, fmt.Errorf("vtclient: %w: got a %q object for a %v lookup", ErrMismatchedAnswer, o.Type, t)
	}
	if err := o.verify(t, observable); err != nil {
		return res, fmt.Errorf("vtclient: %w", err)
	}
	a := &o.Attributes
	st := a.LastAnalysisStats
	res.Status, res.ResponseCode = StatusSuccess, ResponseFound
	res.Resource = o.ID
	res.Permalink = GUIBase + want.gui + "/" + o.ID
	res.Malicious, res.Suspicious = st["malicious"], st["suspicious"]
	res.Harmless, res.Undetected = st["harmless"], st["undetected"]
	res.Positives = res.Malicious
	for _, n := range st {
		res.Total += n
	}
	res.Reputation = a.Reputation
	if a.LastAnalysisDate > 0 {
		res.LastAnalysisDate = time.Unix(a.LastAnalysisDate, 0).UTC()
		res.ScanID = o.ID + "-" + strconv.FormatInt(a.LastAnalysisDate, 10)
	}
	res.Tags = a.Tags
	if coll == "files" {
		res.MD5, res.SHA1, res.SHA256 = a.MD5, a.SHA1, a.SHA256
	}
	res.Verdict = DefaultVerdictRule.Verdict(&res)
	res.Details = a.details(coll)
	o.mapRelationships(coll, &res)
	res.Raw = data
	if !owned {
		res.Raw = bytes.Clone(data)
	}
	ownStrings(reflect.ValueOf(&res))
	return res, nil
}

// mapRelationships fills ResolvedDomains and ResolvedIPs. (DetectedURLs
// need a request of their own: see detectedURLs.)
func (o *object) mapRelationships(coll string, res *Result) {
	for _, it := range o.relatedItems("resolutions") {
		switch coll {
		case "ip_addresses":
			// A resolution's id is "<ip><host name>"; its attributes, when
			// present, say the same.
			host := it.Attributes.HostName
			if host == "" && strings.HasPrefix(it.ID, o.ID) {
				host = it.ID[len(o.ID):]
			}
			res.ResolvedDomains = appendNew(res.ResolvedDomains, host)
		case "domains":
			ip := it.Attributes.IPAddress
			if ip == "" && strings.HasSuffix(it.ID, o.ID) {
				ip = it.ID[:len(it.ID)-len(o.ID)]
			}
			res.ResolvedIPs = appendNew(res.ResolvedIPs, ip)
		}
	}
}

// relatedItems decodes a relationship's items; malformed or missing
// relationships yield none, since they are extras and the object's own
// verdict is still good.
func (o *object) relatedItems(name string) []related {
	rel, ok := o.Relationships[name]
	if !ok || len(rel.Data) == 0 {
		return nil
	}
	var items []related
	if json.Unmarshal(rel.Data, &items) == nil {
		return items
	}
	var one related
	if json.Unmarshal(rel.Data, &one) == nil && one.ID != "" {
		return []related{one}
	}
	return nil
}

// appendNew appends s to list unless it is empty or already there.
func appendNew(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
