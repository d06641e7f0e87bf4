package vtclient

import (
	"fmt"
	"strings"
)

// Outcome is what became of one observable: the part of a Status that
// code branches on.
type Outcome uint8

// The outcomes of a lookup. The zero Outcome is Unresolved.
const (
	// Unresolved: nothing was looked up (extract runs, --dry-run).
	Unresolved Outcome = iota
	// Found: VirusTotal knows the observable; the columns hold its object.
	Found
	// NotFound: VirusTotal does not know it (a 404).
	NotFound
	// NotInCache: --offline and the cache has no answer.
	NotInCache
	// Failed: the lookup failed or was not made; Status.Code names why.
	Failed
	// Screened: never looked up; Status.Code is the screening reason.
	Screened
)

// Status is the outcome of a lookup and, for Failed and Screened, its code:
// the VirusTotal or vtenrich error code (QuotaExceededError, Interrupted,
// ...) or the screening reason. String gives the text of the status
// column, which is all the output ever shows of it; code branches on
// Outcome, never on that text.
type Status struct {
	Outcome Outcome
	Code    string
}

// The statuses without a code, and the prefixes of those with one.
var (
	StatusSuccess    = Status{Outcome: Found}
	StatusNotFound   = Status{Outcome: NotFound}
	StatusNotInCache = Status{Outcome: NotInCache}
)

const (
	errorPrefix    = "Error: "
	screenedPrefix = "Screened: "
)

// StatusError is the Status of a lookup that failed with the given code.
func StatusError(code string) Status { return Status{Outcome: Failed, Code: code} }

// StatusScreened is the Status of an observable screened out for reason.
func StatusScreened(reason string) Status { return Status{Outcome: Screened, Code: reason} }

// String is the status column's text: "Success", "NotFound",
// "NotInCache", "Error: <code>", "Screened: <reason>", or "" when nothing
// was looked up.
func (s Status) String() string {
	switch s.Outcome {
	case Found:
		return "Success"
	case NotFound:
		return "NotFound"
	case NotInCache:
		return "NotInCache"
	case Failed:
		return errorPrefix + s.Code
	case Screened:
		return screenedPrefix + s.Code
	}
	return ""
}

// ParseStatus reads a status text as String writes it (the cache stores it
// so, and versions before the typed Status stored the same text).
func ParseStatus(text string) (Status, error) {
	switch {
	case text == "":
		return Status{}, nil
	case text == "Success":
		return StatusSuccess, nil
	case text == "NotFound":
		return StatusNotFound, nil
	case text == "NotInCache":
		return StatusNotInCache, nil
	case strings.HasPrefix(text, errorPrefix):
		return StatusError(text[len(errorPrefix):]), nil
	case strings.HasPrefix(text, screenedPrefix):
		return StatusScreened(text[len(screenedPrefix):]), nil
	}
	return Status{}, fmt.Errorf("unknown status %q", text)
}

// MarshalText writes String, so that JSON holds the status as text.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (s *Status) UnmarshalText(b []byte) error {
	st, err := ParseStatus(string(b))
	if err != nil {
		return err
	}
	*s = st
	return nil
}
