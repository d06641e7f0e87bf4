package cache

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/klauspost/compress/zstd"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/vtclient"
)

// maxRaw bounds a decompressed raw object, so a corrupt or hostile imported
// row cannot make a Get allocate gigabytes. Real v3 objects are well under
// a few MiB.
const maxRaw = 256 << 20

// zcodec is one zstd encoder and decoder for the whole process: they are
// costly to create (hundreds of KiB of tables each) and their EncodeAll and
// DecodeAll are safe for concurrent use.
type zcodec struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
}

// The encoder's level is SpeedFastest: on the real 18 KB file object
// (compacted) it takes 130 µs against SpeedDefault's 227 for 3.5% more
// bytes (5,559 against 5,369); at the default level compressing the
// answers took 1.15 of 13.2 CPU s in a profile of 10,000 lookups.
var codec = sync.OnceValues(func() (*zcodec, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithLowerEncoderMem(true))
	if err != nil {
		return nil, err
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxRaw))
	if err != nil {
		return nil, err
	}
	return &zcodec{enc: enc, dec: dec}, nil
})

func compress(raw []byte) ([]byte, error) {
	z, err := codec()
	if err != nil {
		return nil, err
	}
	return z.enc.EncodeAll(raw, make([]byte, 0, len(raw)/4)), nil
}

func decompress(b []byte) ([]byte, error) {
	z, err := codec()
	if err != nil {
		return nil, err
	}
	return z.dec.DecodeAll(b, nil)
}

// Key identifies a cache entry: an IoC type and a normalised observable.
type Key struct {
	Type       ioc.Type
	Observable string
}

// entry is one result ready to be written: everything encoded, so that the
// flusher's transactions do no CPU work while holding the write lock.
type entry struct {
	keys    []Key // keys[0] is the key it was looked up by
	found   bool
	fetched time.Time
	summary []byte // the Result as compact JSON
	raw     []byte // zstd of the compact v3 object, nil when none

	result vtclient.Result // what a Get of a still-queued entry returns

	clamped bool // imported with a fetch time in the future, set to now
}

// newEntry encodes r for storage. ok is false for results that are not
// cached: errors, screened and not-in-cache answers.
func newEntry(r vtclient.Result, now time.Time) (e *entry, ok bool, err error) {
	switch r.Status.Outcome {
	case vtclient.Found, vtclient.NotFound:
	default:
		return nil, false, nil
	}
	if r.Type == ioc.Unknown || r.Observable == "" {
		return nil, false, fmt.Errorf("cache: result without type or observable (%v %q)", r.Type, r.Observable)
	}
	if err := vtclient.VerifyResult(r); err != nil {
		return nil, false, fmt.Errorf("cache: not storing it: %w", err)
	}
	e = &entry{found: r.Found(), fetched: r.FetchedAt}
	if e.fetched.IsZero() {
		e.fetched = now
	}
	e.keys = keysOf(r, e.found)
	// The raw object as the API sends it is indented; compact it so that it
	// is smaller and fits on one line of an export (the client has done so
	// already, and checked it).
	switch {
	case r.RawIsCompact():
	case len(r.Raw) > 0:
		// A raw object that is not JSON is dropped rather than the whole
		// result: the summary is what lookups need, and the quota for it is
		// already spent.
		if compact, err := vtclient.CompactJSON(r.Raw); err == nil {
			r.Raw = compact
		} else {
			r.Raw = nil
		}
	}
	if len(r.Raw) > 0 {
		if e.raw, err = compress(r.Raw); err != nil {
			return nil, false, err
		}
	}
	r.FromCache, r.FetchedAt = false, e.fetched
	r.Included = nil // the run's --include values: not the answer's
	if e.summary, err = json.Marshal(&r); err != nil {
		return nil, false, fmt.Errorf("cache: encoding result for %q: %w", r.Observable, err)
	}
	e.result = r
	return e, true, nil
}

// keysOf lists the keys a result is stored under: the one it was looked up
// by and, for a file VirusTotal knows, its MD5, SHA-1 and SHA-256, so that a
// later lookup by any of them is a hit. The other hashes count only when
// the result's hash of the asked type is the one asked: the hashes of an
// answer for another file must never answer offline for hashes never asked.
func keysOf(r vtclient.Result, found bool) []Key {
	keys := []Key{{r.Type, r.Observable}}
	if !found || !vtclient.HashesVerified(r) {
		return keys
	}
	for _, k := range []Key{{ioc.MD5, r.MD5}, {ioc.SHA1, r.SHA1}, {ioc.SHA256, r.SHA256}} {
		k.Observable = strings.ToLower(k.Observable)
		if k.Observable != "" && k != keys[0] {
			keys = append(keys, k)
		}
	}
	return keys
}

// decode rebuilds the Result of a stored entry for the key it was asked by.
// Its errors name the key; callers treat them as misses (warnCorrupt).
func decode(k Key, fetched int64, summary, raw []byte, withRaw bool) (vtclient.Result, error) {
	var r vtclient.Result
	// goccy/go-json decodes a summary in less than half the time of
	// encoding/json (4 µs against 9), which is a quarter of a warm hit; it
	// is already in the module graph through Arrow. Everything else uses
	// encoding/json.
	//
	// The details (a file's names and engine verdicts: kilobytes) are cut
	// out and kept as JSON, decoded only if a column reads them
	// (Result.LoadDetails): a warm run with the default columns decodes no
	// more than before them. And goccy's strings share one copy of the bytes
	// decoded, which a result held for the run keeps alive: without the
	// details, it is no bigger than before them either.
	core, details := splitDetails(summary)
	if err := gojson.Unmarshal(core, &r); err != nil {
		return r, fmt.Errorf("corrupt entry for %v %q: %w", k.Type, k.Observable, err)
	}
	if details != nil {
		r.SetDetailsJSON(bytes.Clone(details)) // summary is the driver's buffer
		if withRaw {                           // the rare, heavy read: give all of it
			if err := r.LoadDetails(); err != nil {
				return r, fmt.Errorf("corrupt entry for %v %q: %w", k.Type, k.Observable, err)
			}
		}
	}
	// An alias hit (looked up by SHA-1, stored from an MD5 lookup) answers
	// for the observable that was asked.
	r.Type, r.Observable = k.Type, k.Observable
	r.FromCache = true
	r.FetchedAt = time.Unix(0, fetched).UTC()
	if withRaw && raw != nil {
		var err error
		if r.Raw, err = decompress(raw); err != nil {
			return r, fmt.Errorf("corrupt raw object for %v %q: %w", k.Type, k.Observable, err)
		}
		upgrade(&r)
	}
	return r, nil
}

// upgrade fills what a result stored by an older version lacks from its
// raw object: Details (before them, a summary had none).
func upgrade(r *vtclient.Result) {
	if !r.Found() || r.HasDetails() || len(r.Raw) == 0 {
		return
	}
	// A raw object that does not map leaves the details empty, as a
	// malformed relationship does: the summary still answers.
	r.Details, _ = vtclient.MapDetails(r.Type, r.Raw)
}

// detailsKey starts the details member of a summary. Its quotes cannot
// occur unescaped inside a JSON string, so its first match is the member.
var detailsKey = []byte(`"details":{`)

// splitDetails cuts the details object out of a summary: the summary
// without it, and the object; details is nil when there is none (answers
// stored before Details) or the summary is not what Marshal writes.
func splitDetails(summary []byte) (core, details []byte) {
	i := bytes.Index(summary, detailsKey)
	if i < 1 {
		return summary, nil
	}
	start := i + len(detailsKey) - 1
	end := objectEnd(summary, start)
	if end < 0 {
		return summary, nil
	}
	// Drop the member and the comma that joins it to its neighbours.
	before, after := summary[:i], summary[end:]
	switch {
	case before[len(before)-1] == ',':
		before = before[:len(before)-1]
	case len(after) > 0 && after[0] == ',':
		after = after[1:]
	}
	core = make([]byte, 0, len(before)+len(after))
	return append(append(core, before...), after...), summary[start:end]
}

// objectEnd is the index just past the JSON object that starts at b[i]
// ('{'), or -1 when it does not end. Most of a summary is the text of
// strings, crossed with IndexByte from quote to quote.
func objectEnd(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"': // to the closing quote: one not escaped by an odd run of backslashes
			for {
				k := bytes.IndexByte(b[i+1:], '"')
				if k < 0 {
					return -1
				}
				i += 1 + k
				n := 0
				for j := i - 1; b[j] == '\\'; j-- {
					n++
				}
				if n%2 == 0 {
					break
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}
