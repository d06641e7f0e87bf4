package cache

import (
	"encoding/json"
	"time"
)

// Outcomes as Export writes them.
const (
	outcomeFound    = "found"
	outcomeNotFound = "not_found"
)

// line is one line of an export: one stored answer with its metadata.
//
//	{"type":"md5_hash","observable":"44d8...","outcome":"found",
//	 "fetched_at":"2026-01-02T03:04:05.123Z",
//	 "aliases":[{"type":"sha1_hash","observable":"..."},...],
//	 "result":{...the mapped columns...},"data":{...the v3 object...}}
//
// type and observable are the key it was looked up by; aliases are its
// other keys (a file's other hashes). result is the mapped Result, so that
// an import needs no mapping and gives identical lookups; data is the raw
// v3 object, absent for "not found" answers (and for results stored
// without one).
type line struct {
	Type       string          `json:"type"`
	Observable string          `json:"observable"`
	Outcome    string          `json:"outcome"`
	FetchedAt  time.Time       `json:"fetched_at"`
	Aliases    []lineKey       `json:"aliases,omitempty"`
	Result     json.RawMessage `json:"result,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
}

// lineKey is a key in an export line.
type lineKey struct {
	Type       string `json:"type"`
	Observable string `json:"observable"`
}
