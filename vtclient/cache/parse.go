package cache

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// errSkip marks a well-formed line that holds nothing to store.
var errSkip = errors.New("nothing to import")

// refusal is the error of a line that was read but holds something wrong
// to store; so are errors wrapping vtclient.ErrMismatchedAnswer. reason
// is what is wrong, without the particulars, for the import's summary.
type refusal struct{ msg, reason string }

func (e *refusal) Error() string { return e.msg }

// reasonOf is the reason a refusal is counted under in the summary.
func reasonOf(err error) string {
	var r *refusal
	if errors.As(err, &r) && r.reason != "" {
		return r.reason
	}
	if errors.Is(err, vtclient.ErrMismatchedAnswer) {
		return "answers for another observable"
	}
	return err.Error()
}

// refused reports whether a line's error is a refusal, not a bad line.
func refused(err error) bool {
	var r *refusal
	return errors.As(err, &r) || errors.Is(err, vtclient.ErrMismatchedAnswer)
}

// importLine is every shape Import accepts, decoded in one pass.
type importLine struct {
	line                       // an export line
	ID         string          `json:"id"`         // a bare v3 object
	Attributes json.RawMessage `json:"attributes"` // a bare v3 object
	Error      json.RawMessage `json:"error"`      // an API error response
}

// parseLine turns one import line into entries to store.
func (c *base) parseLine(b []byte) ([]*entry, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var l importLine
	if err := json.Unmarshal(b, &l); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return nil, fmt.Errorf("not JSON: %w", err)
		}
		return nil, err // a field of the wrong type: the message names it
	}
	switch {
	case l.Outcome != "":
		e, err := c.exportEntry(&l.line)
		if err != nil {
			return nil, err
		}
		return []*entry{e}, nil
	case l.Data != nil:
		return c.responseEntries(l.Data)
	case l.ID != "" && l.Attributes != nil:
		e, err := c.objectEntry(b)
		if err != nil {
			return nil, err
		}
		return []*entry{e}, nil
	case l.Error != nil:
		return nil, errSkip // e.g. a saved NotFoundError: it names no object
	}
	return nil, errors.New(`neither a cache export line, an API response {"data":...} nor a v3 object`)
}

// responseEntries handles the data member of an API response: one object,
// or a list of them.
func (c *base) responseEntries(data json.RawMessage) ([]*entry, error) {
	switch bytes.TrimSpace(data)[0] {
	case '{':
		e, err := c.objectEntry(data)
		if err != nil {
			return nil, err
		}
		return []*entry{e}, nil
	case '[':
		var objs []json.RawMessage
		if err := json.Unmarshal(data, &objs); err != nil {
			return nil, err
		}
		var entries []*entry
		for i, o := range objs {
			e, err := c.objectEntry(o)
			if errors.Is(err, errSkip) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("data[%d]: %w", i, err)
			}
			entries = append(entries, e)
		}
		if len(entries) == 0 {
			return nil, errSkip
		}
		return entries, nil
	}
	return nil, errSkip // "data": null
}

// objectEntry stores a v3 object under the key a lookup would use.
func (c *base) objectEntry(data []byte) (*entry, error) {
	var o struct {
		Type       string `json:"type"`
		ID         string `json:"id"`
		Attributes struct {
			URL string `json:"url"`
		} `json:"attributes"`
	}
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, err
	}
	if o.ID == "" {
		return nil, errors.New("object without an id")
	}
	var t ioc.Type
	obs := o.ID
	switch o.Type {
	case "file":
		t = ioc.SHA256
	case "domain":
		t = ioc.DNS
	case "ip_address":
		a, err := netip.ParseAddr(o.ID)
		if err != nil {
			return nil, fmt.Errorf("ip_address object with id %q: %w", o.ID, err)
		}
		t = ioc.IPv4
		if !a.Unmap().Is4() {
			t = ioc.IPv6
		}
	case "url":
		// A URL's id is a hash of it; the lookup key is the URL itself.
		t, obs = ioc.URL, o.Attributes.URL
		if obs == "" {
			return nil, errors.New("url object without attributes.url")
		}
	default:
		return nil, errSkip // comments, analyses, ...: nothing a lookup returns
	}
	r, err := vtclient.FromObject(t, obs, data)
	if err != nil {
		return nil, err
	}
	// A saved response says nothing of when it was fetched: count it as
	// fetched now, or an import would often be stale on arrival.
	r.FetchedAt = c.opts.Now()
	e, _, err := newEntry(r, r.FetchedAt)
	if err != nil {
		return nil, err
	}
	if err := c.checkKeys(e); err != nil {
		return nil, err
	}
	return e, nil
}

// exportEntry reads a line written by Export.
func (c *base) exportEntry(l *line) (*entry, error) {
	keys := make([]Key, 0, 1+len(l.Aliases))
	for _, k := range append([]lineKey{{l.Type, l.Observable}}, l.Aliases...) {
		t, err := ioc.ParseType(k.Type)
		if err != nil {
			return nil, err
		}
		if k.Observable == "" {
			return nil, fmt.Errorf("%s key without an observable", k.Type)
		}
		keys = append(keys, Key{t, k.Observable})
	}
	var found bool
	switch l.Outcome {
	case outcomeFound:
		found = true
	case outcomeNotFound:
	default:
		return nil, fmt.Errorf("outcome %q (want %q or %q)", l.Outcome, outcomeFound, outcomeNotFound)
	}
	if l.FetchedAt.IsZero() {
		return nil, errors.New("no fetched_at")
	}
	var r vtclient.Result
	switch {
	case l.Result != nil:
		if err := json.Unmarshal(l.Result, &r); err != nil {
			return nil, fmt.Errorf("result: %w", err)
		}
	case found && l.Data != nil:
		var err error
		if r, err = vtclient.FromObject(keys[0].Type, keys[0].Observable, l.Data); err != nil {
			return nil, err
		}
	case !found:
		r = vtclient.Result{Status: vtclient.StatusNotFound, ResponseCode: vtclient.ResponseNotFound}
	default:
		return nil, errors.New("found, but neither result nor data")
	}
	want := vtclient.StatusNotFound
	if found {
		want = vtclient.StatusSuccess
	}
	if r.Status != want {
		return nil, fmt.Errorf("outcome %q with result status %q", l.Outcome, r.Status.String())
	}
	if found && l.Result != nil && l.Data != nil {
		// The object must answer the key as the result says it does.
		if _, err := vtclient.FromObject(keys[0].Type, keys[0].Observable, l.Data); errors.Is(err, vtclient.ErrMismatchedAnswer) {
			return nil, err
		}
	}
	r.Type, r.Observable = keys[0].Type, keys[0].Observable
	r.Raw = []byte(l.Data)
	upgrade(&r) // an export by an older version
	// A clock ahead where the export was made must not keep an answer
	// fresh for longer than its TTL, nor shadow later lookups.
	now := c.opts.Now()
	r.FetchedAt = l.FetchedAt
	clamped := r.FetchedAt.After(now)
	if clamped {
		r.FetchedAt = now
	}
	e, _, err := newEntry(r, now)
	if err != nil {
		return nil, err
	}
	e.keys = keys
	e.clamped = clamped
	if err := c.checkKeys(e); err != nil {
		return nil, err
	}
	if err := checkAliases(r, e.keys); err != nil {
		return nil, err
	}
	return e, nil
}

// checkAliases makes sure an export line's other keys are the file's own
// hashes, verified (see keysOf): a line that files an answer under hashes
// it does not hold would serve it for files never asked.
func checkAliases(r vtclient.Result, keys []Key) error {
	if len(keys) < 2 {
		return nil
	}
	own := map[ioc.Type]string{ioc.MD5: r.MD5, ioc.SHA1: r.SHA1, ioc.SHA256: r.SHA256}
	for _, k := range keys[1:] {
		h, isHash := own[k.Type]
		if !isHash || !r.Found() || !vtclient.HashesVerified(r) || !strings.EqualFold(h, k.Observable) {
			return fmt.Errorf("%w: alias %v %q is not a verified hash of the file answered for %v %q",
				vtclient.ErrMismatchedAnswer, k.Type, k.Observable, r.Type, r.Observable)
		}
	}
	return nil
}

// checkKeys type-checks and normalises the keys of an imported entry by
// the rules of extraction (ioc.Check), then Options.Normalize, and drops
// duplicates that makes. A key that is not a valid observable of its type
// (a "hash" that is not hex, an IPv6 address filed as IPv4) refuses the
// line: no lookup would ever ask for it. Screened observables (a private
// IP) are valid and kept: the screening is a choice of the run.
func (c *base) checkKeys(e *entry) error {
	seen := make(map[Key]bool, len(e.keys))
	keys := e.keys[:0]
	for _, k := range e.keys {
		v, reason := ioc.Check(k.Type, k.Observable, nil)
		if reason == ioc.ReasonInvalid {
			return &refusal{fmt.Sprintf("%q is not a valid %v", k.Observable, k.Type), fmt.Sprintf("not a valid %v", k.Type)}
		}
		k.Observable = c.opts.Normalize(k.Type, v)
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	e.keys = keys
	return nil
}

// vtcliEntry reads an entry of vt-cli's --format json output: an object
// with _id, _type and the attributes at the top level. vt-cli lists a
// relationship it fetched under its name as the related objects' ids;
// resolutions and urls (the ones lookups map) go back where a v3 object
// has them.
func (c *base) vtcliEntry(b []byte) ([]*entry, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil || m == nil {
		return nil, errors.New("not an object with _id and _type (vt-cli --format json, without --identifiers-only)")
	}
	var typ, id string
	if json.Unmarshal(m["_type"], &typ) != nil || json.Unmarshal(m["_id"], &id) != nil || typ == "" || id == "" {
		return nil, errors.New("an object without _id or _type (is it vt-cli --format json output?)")
	}
	for _, k := range []string{"_id", "_type", "_context_attributes"} {
		delete(m, k)
	}
	rels := map[string]any{}
	if typ == "domain" || typ == "ip_address" {
		for name, relType := range map[string]string{"resolutions": "resolution", "urls": "url"} {
			var ids []string
			if json.Unmarshal(m[name], &ids) != nil || ids == nil {
				continue
			}
			items := make([]map[string]string, len(ids))
			for i, x := range ids {
				items[i] = map[string]string{"type": relType, "id": x}
			}
			rels[name] = map[string]any{"data": items}
			delete(m, name)
		}
	}
	obj, err := json.Marshal(map[string]any{"type": typ, "id": id, "attributes": m, "relationships": rels})
	if err != nil {
		return nil, err
	}
	e, err := c.objectEntry(obj)
	if err != nil {
		return nil, err
	}
	return []*entry{e}, nil
}
