package ioc

import (
	"bytes"
	"net/netip"
	"strings"
	"sync"
)

// Whole values are observables given on their own: a `vtenrich lookup`
// argument, a skip-list entry, a column that holds one observable a row.
// They are refanged, normalised and screened like the ones Scan finds in
// text, with two differences: the value must be all of the input (after
// trimming white space), and the look-alike rules for names in running
// text (file-extension, code-identifier) do not apply, because whoever put
// readme.md alone in a lookup or a DNS-query column meant the domain.

// classifyOrder is the order Classify tries types in: a 32-digit hex
// string is also a valid host label, and a hash is what it means.
var classifyOrder = [...]Type{MD5, SHA1, SHA256, URL, IPv4, IPv6, DNS}

// Classify returns the type of the whole value s (Unknown if it is none).
// A value of the type may still be screened: Classify("10.0.0.1") is
// IPv4, and Check says it is private. Classify(s) == t implies that
// Check(t, s, nil) does not say ReasonInvalid.
func Classify(s string) Type {
	e := extractors.Get().(*Extractor)
	defer extractors.Put(e)
	return e.Classify([]byte(s))
}

// extractors keeps Extractors for the package-level Classify and Check,
// which callers use once a row: an Extractor's buffers and caches are
// worth reusing.
var extractors = sync.Pool{New: func() any { return NewExtractor(Config{}) }}

// Classify is the allocation-free form of the package's Classify.
func (e *Extractor) Classify(b []byte) Type {
	for _, t := range classifyOrder {
		if _, reason := e.Check(t, b); reason != ReasonInvalid {
			return t
		}
	}
	return Unknown
}

// Check validates the whole value s as an observable of type t and returns
// its normalised form and the reason it is screened ("" if it is to be
// looked up). A value that is not a t comes back trimmed, with
// ReasonInvalid. cfg may be nil; only its SkipList matters.
func Check(t Type, s string, cfg *Config) (value, reason string) {
	e := extractors.Get().(*Extractor)
	defer extractors.Put(e)
	e.cfg.SkipList = nil
	if cfg != nil {
		e.cfg.SkipList = cfg.SkipList
	}
	v, reason := e.Check(t, []byte(s))
	e.cfg.SkipList = nil
	if reason == ReasonInvalid {
		return strings.TrimSpace(s), reason
	}
	return string(v), reason
}

// Check is the allocation-free form of the package's Check: the value it
// returns is valid until the Extractor is used again.
func (e *Extractor) Check(t Type, b []byte) ([]byte, string) {
	v, reason := e.check(t, b)
	if e.cfg.NoScreen && lookable(reason) {
		reason = ""
	}
	return v, reason
}

// lookable reports whether VirusTotal can look up a value screened for
// reason, if asked to anyway (Config.NoScreen).
func lookable(reason string) bool {
	switch reason {
	case ReasonInvalid, ReasonPartOfLongerHex, ReasonUnsupportedScheme:
		return false
	}
	return true
}

func (e *Extractor) check(t Type, b []byte) ([]byte, string) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, ReasonInvalid
	}
	switch t {
	case MD5, SHA1, SHA256:
		return e.checkHash(t, b)
	case IPv4, IPv6:
		return e.checkIP(t, b)
	case DNS:
		return e.checkName(b)
	case URL:
		return e.checkURL(b)
	}
	return nil, ReasonInvalid
}

// checkIP accepts dotted IPv4 (defanged or not), IPv6 (bracketed, with a
// zone, or with "[:]"), and IPv4-mapped IPv6 as IPv4.
func (e *Extractor) checkIP(t Type, b []byte) ([]byte, string) {
	if t == IPv4 && bytes.IndexByte(b, ':') < 0 {
		v, a, amb, ok := parseV4(e.val[:0], b)
		e.val = v
		if !ok {
			return nil, ReasonInvalid
		}
		return v, e.screenV4Value(a, amb)
	}
	if len(b) > 2 && b[0] == '[' && b[len(b)-1] == ']' && b[1] != '.' {
		b = b[1 : len(b)-1]
	}
	e.tmp = appendRefanged(e.tmp[:0], b)
	a, err := netip.ParseAddr(str(e.tmp))
	if err != nil || !a.Is6() {
		return nil, ReasonInvalid
	}
	v, typ, reason := e.v6Value(e.val[:0], a)
	e.val = v
	if typ != t && !(t == IPv6 && typ == IPv4) {
		return nil, ReasonInvalid
	}
	if t == IPv6 && typ == IPv4 {
		// An IPv4-mapped address asked for as IPv6 keeps its IPv6 form.
		e.val = a.WithZone("").AppendTo(e.val[:0])
	}
	return e.val, reason
}

// checkName accepts a host name of one or more labels, with an optional
// trailing root dot, or in the wire form of Windows DNS debug logs.
func (e *Extractor) checkName(b []byte) ([]byte, string) {
	if len(b) > 1 && b[0] == '(' {
		// A name in Windows DNS debug-log form, "(3)www(4)evil(3)com(0)".
		d, end, ok := appendWireName(e.tmp[:0], b, 0)
		e.tmp = d
		if !ok || end != len(b) {
			return nil, ReasonInvalid
		}
		b = d
	}
	if len(b) > 1 && b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	v, defanged, ok := buildName(e.val[:0], b, 1)
	e.val = v
	if !ok {
		return nil, ReasonInvalid
	}
	return v, e.screenName(v, defanged, false)
}

// checkURL accepts one URL, the whole of b; a URL encoded whole
// ("https%3A%2F%2Fevil.com%2Fx") is decoded once first.
func (e *Extractor) checkURL(b []byte) ([]byte, string) {
	i := 0
	for i < len(b) && isAlpha(b[i]) {
		i++
	}
	if encodedSepAt(b, i) {
		return e.checkEncodedURL(b)
	}
	p := bytes.IndexByte(b, ':')
	if p < 0 {
		return nil, ReasonInvalid
	}
	ss, se, ok := schemeSep(b, p)
	if !ok {
		return nil, ReasonInvalid
	}
	u, ok := parseURL(b, 0, ss, se, len(b), true)
	if !ok || u.start != 0 || u.end != len(b) {
		return nil, ReasonInvalid
	}
	_, _, reason, ok := e.buildURL(b, u)
	if !ok {
		return nil, ReasonInvalid
	}
	return e.val, reason
}

// checkEncodedURL accepts a URL encoded whole: a scheme, "%3A%2F%2F" and
// the rest, decoded once.
func (e *Extractor) checkEncodedURL(b []byte) ([]byte, string) {
	i := 0
	for i < len(b) && isAlpha(b[i]) {
		i++
	}
	if i < 2 || !encodedSepAt(b, i) {
		return nil, ReasonInvalid
	}
	d := e.dec[:0]
	for j := 0; j < len(b); {
		if c, ok := decodeEscape(b, j); ok {
			d = append(d, c)
			j += 3
			continue
		}
		d = append(d, b[j])
		j++
	}
	e.dec = d
	return e.checkURL(d)
}
