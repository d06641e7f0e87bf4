package ioc

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Match is one candidate observable found by Extractor.Scan.
type Match struct {
	// Type is the kind of observable.
	Type Type
	// Value is the refanged, normalised observable: lower-case host names
	// and hashes, canonical IP addresses, punycode for international names.
	// It points into the Extractor's scratch space and is valid only until
	// the callback returns; copy it (string(m.Value)) to keep it.
	Value []byte
	// Reason is "" when the observable is to be looked up, else the
	// screening reason (one of Reasons).
	Reason string
	// Start and End are the byte span of the observable in the scanned
	// text, defanged form and all, so that text[Start:End] is what was read.
	Start, End int
}

// Extractor finds observables in text. It keeps scratch buffers between
// calls so that scanning allocates nothing per candidate; an Extractor is
// therefore not safe for concurrent use. Creating one is cheap: use one per
// goroutine.
type Extractor struct {
	cfg       Config
	emitHosts bool // report URL hosts as observables of their own

	fn   func(*Match)
	text []byte
	m    Match

	val  []byte // the value being built for the main scanners
	host []byte // a URL's host value
	hval []byte // a hash value
	tmp  []byte // refanged text handed to parsers

	blank  []byte  // the text with JSON's whitespace escapes blanked (blankEscapes)
	dec    []byte  // a percent-encoded URL, decoded
	decPos []int32 // where each byte of dec (and its end) is in the text

	verEnd  int    // end of the last dotted quad read as a version (0: none)
	nameEnd int    // end of the last name reported (-1: none)
	pkg     []byte // the last name read as a package with its version (empty: none); see versionedPackage

	// The hash scanner runs lazily ahead of the main loop: hs:he is the
	// next hex run of 32 or more digits at or after hcur, found but not yet
	// reported (hs < 0: not looked for yet).
	hcur, hs, he int

	tlds     map[uint64]tldInfo // what is known of the TLDs seen, by nameHash
	tldFront [1 << tldFrontBits]struct {
		key  uint64 // nameHash of the TLD; 0 (the empty name) marks a free slot
		info tldInfo
	}
	suffixes    map[uint64]bool // which names seen are public suffixes, likewise
	suffixFront [1 << suffixFrontBits]struct {
		key uint64 // nameHash of the name; 0 marks a free slot
		ok  bool
	}
}

// NewExtractor returns an Extractor for cfg.
func NewExtractor(cfg Config) *Extractor {
	return &Extractor{
		cfg:       cfg,
		emitHosts: cfg.URLHosts || !cfg.Types.Has(URL),
		val:       make([]byte, 0, 256),
		host:      make([]byte, 0, 256),
		hval:      make([]byte, 0, 128),
		tmp:       make([]byte, 0, 256),
		tlds:      make(map[uint64]tldInfo),
		suffixes:  make(map[uint64]bool),
	}
}

// Scan reports every candidate observable in text to fn, in input order
// (by Start; a match found inside another's span comes after it). Screened
// candidates are reported too, with their Reason, so that callers can
// count and show them. The *Match and its Value are reused: fn must copy
// what it keeps.
//
// How text is read, in short (doc.go has the details): the main loop jumps
// from anchor to anchor ('.', ':', the ']' or ')' ending "[dot]" or
// "(dot)", and the 'D' of " DOT "), expands each anchor left and right into an IPv4 address, a
// domain name, a URL or an IPv6 address, and resumes after what it read;
// hashes are found by a separate stride scan for hex runs that the main
// loop merges in by position.
func (e *Extractor) Scan(text []byte, fn func(*Match)) {
	if nothingToScan(text) {
		return // no anchor, and too short for a hash: most fields of a log
	}
	// The escapes that stand for blanks or brackets are blanked in a copy
	// (e.blank), made once, when the first of them is found. Most fields
	// hold no backslash, so neither JSON's whitespace escapes nor its
	// escapes of '<' and '>': one search rules both out.
	copied := false
	writable := func() {
		if !copied {
			e.blank = append(e.blank[:0], text...)
			text, copied = e.blank, true
		}
	}
	backslash := bytes.IndexByte(text, '\\')
	if backslash >= 0 && hasWhitespaceEscape(text, backslash) {
		writable()
		blankEscapes(text)
	}
	if bytes.Contains(text, syslogEscapePrefix) {
		writable()
		blankSyslogEscapes(text)
	}
	if backslash >= 0 && bytes.Contains(text[backslash:], angleEscapePrefix) {
		writable()
		blankAngleEscapes(text)
	}
	e.fn, e.text = fn, text
	e.hcur, e.hs, e.verEnd, e.nameEnd, e.pkg = 0, -1, 0, -1, e.pkg[:0]
	lo := 0 // left expansions never reach below lo: that text is done
	for i := 0; i < len(text); {
		j := nextAnchor(text, i)
		if j < 0 {
			break
		}
		next := j + 1
		switch text[j] {
		case '.':
			ss, se := j, j+1
			if j > 0 && closer(text[j-1]) != 0 && j+1 < len(text) && text[j+1] == closer(text[j-1]) {
				ss, se = j-1, j+2 // "[.]", "(.)", "{.}"
			} else if j > 0 && text[j-1] == '\\' {
				ss = j - dotBefore(text, j+1) + 1 // "\.", or JSON's "\\." after a label
			}
			// Nothing can be read unless a label follows (most '.' in
			// text end a sentence or a line).
			if se < len(text) && (class[text[se]]&cLabel != 0 || text[se] >= 0x80) {
				next = max(next, e.atDot(text, lo, ss, se))
			}
		case ':':
			if colonMayStart(text, j) {
				next = max(next, e.atColon(text, lo, j))
			}
		case ']', '}', ')': // may end "[dot]", "{dot}" or "(dot)", or ')' a "(3)www(3)evil(3)com(0)"
			if dotBefore(text, j+1) == 5 {
				next = max(next, e.atDot(text, lo, j-4, j+1))
			} else if p := wireStart(text, lo, j); p >= 0 {
				if end, ok := e.tryWireName(text, p); ok {
					next = max(next, end)
				}
			}
		default: // the 'D' of " DOT ", or a byte that only looked like one
			if !(text[j] == 'D' && j > lo && dotAt(text, j-1) == 5 && j+4 < len(text) && class[text[j+4]]&cLabel != 0) {
				i = next // lo stays: the letter may start a label
				continue
			}
			next = max(next, e.atDot(text, lo, j-1, j+4))
		}
		lo, i = next, next
	}
	e.flushHashes(len(text) + 1)
	e.fn, e.text = nil, nil
}

// nextAnchor returns the index of the next byte at or after i that the main
// loop looks at, or -1. It tests eight bytes at a time for the anchor
// bytes (the "has a zero byte" trick on the XOR with each), since anchors
// are a few percent of log text. A 'D' counts only after a space (" DOT "
// is its only use): upper-case text is common, " D" is not. The lowest
// flagged byte of each single-byte test is exact (borrows only run
// upward); the space-then-'D' test may flag a byte that is neither, which
// the main loop checks and passes over.
func nextAnchor(t []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var space uint64 // 0x80 if the byte before t[i] is a space
	if i > 0 && t[i-1] == ' ' {
		space = 0x80
	}
	for ; i+8 <= len(t); i += 8 {
		w := binary.LittleEndian.Uint64(t[i:])
		a := w ^ ('.' * ones)
		b := w ^ (':' * ones)
		c := (w | 0x20*ones) ^ ('}' * ones) // ']' or '}': they differ only in 0x20
		d := w ^ (')' * ones)
		s := w ^ (' ' * ones)
		f := w ^ ('D' * ones)
		spaces := (s - ones) &^ s & highs
		spaceD := (spaces<<8 | space) & (f - ones) &^ f
		space = spaces >> 56
		if m := ((a-ones)&^a | (b-ones)&^b | (c-ones)&^c | (d-ones)&^d | spaceD) & highs; m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(t); i++ {
		if class[t[i]]&cAnchor != 0 {
			return i
		}
	}
	return -1
}

// emit reports a main-loop match, after every hash that starts before it.
func (e *Extractor) emit(t Type, v []byte, reason string, start, end int) {
	if e.hs < start {
		e.flushHashes(start)
	}
	if !e.cfg.Types.Has(t) {
		return
	}
	e.m = Match{Type: t, Value: v, Reason: reason, Start: start, End: end}
	e.fn(&e.m)
}

// atDot looks at the dot separator t[ss:se]: an IPv4 address, else a
// domain name. It returns where the main loop resumes.
func (e *Extractor) atDot(t []byte, lo, ss, se int) int {
	if end, ok := e.tryIPv4(t, lo, ss, se); ok {
		return end
	}
	return e.tryDomain(t, lo, ss, se)
}

// colonMayStart reports whether the colon t[j] can be in a scheme
// separator ("://", "[:]//", "[://]", ":\/\/") or an IPv6 address (a hex digit or a
// colon on one side): most colons in logs ("key: value") are neither.
func colonMayStart(t []byte, j int) bool {
	if j > 0 && t[j-1] == ':' {
		return true
	}
	if j+1 >= len(t) {
		return false
	}
	c := t[j+1]
	return class[c]&cHex != 0 || c == ':' || c == '/' || c == ']' || c == '\\' && j+2 < len(t) && t[j+2] == '/'
}

// atColon looks at the colon t[p]: a URL's scheme separator, else an IPv6
// address. It returns where the main loop resumes.
func (e *Extractor) atColon(t []byte, lo, p int) int {
	if ss, se, ok := schemeSep(t, p); ok {
		if end, ok := e.tryURL(t, lo, ss, se, len(t)); ok {
			return end
		}
	}
	end, _ := e.tryIPv6(t, lo, p)
	return end
}

// hasWhitespaceEscape reports whether text is JSON text (it has a quoted
// key, or an escaped quote: JSON inside a JSON string) holding an escaped
// tab, line feed or carriage return (\t, \n or \r after an odd run of
// backslashes), which JSON leaves only to escapes (a backslash of a
// Windows path is written twice). Glued to an indicator it would read as
// part of it: Cloud DNS's "rdata":"x.\tIN\ta\t91.215.85.62" holds no
// address "t91.215.85.62".
func hasWhitespaceEscape(text []byte, first int) bool {
	// Cheapest first: most fields that hold a backslash (first, the
	// first's index) are Windows paths in a CSV column, no JSON text.
	if !bytes.Contains(text, []byte(`":`)) && !bytes.Contains(text, []byte(`\"`)) {
		return false
	}
	for i := first; i >= 0; i = nextByte(text, i, '\\') {
		n, esc := whitespaceEscapeAt(text, i)
		if esc {
			return !rawDrivePath(text)
		}
		i += n
	}
	return false
}

// whitespaceEscapeAt reports the length n of the run of backslashes at
// t[i], and whether it ends in an escaped tab, line feed or carriage
// return: an odd run, then t, n or r (an even run is escaped backslashes).
func whitespaceEscapeAt(t []byte, i int) (n int, esc bool) {
	n = 1
	for i+n < len(t) && t[i+n] == '\\' {
		n++
	}
	return n, n%2 == 1 && i+n < len(t) && escapeLetter(t[i+n])
}

// escapeLetter reports whether c, after a backslash, escapes a tab, a line
// feed or a carriage return.
func escapeLetter(c byte) bool { return c == 't' || c == 'n' || c == 'r' }

// rawDrivePath reports whether text holds a Windows path written with
// single backslashes after its drive (C:\x): a producer that does not
// escape them (invalid JSON, but written), where \n may start a folder.
func rawDrivePath(text []byte) bool {
	for i := bytes.Index(text, []byte(`:\`)); i >= 0; {
		// A drive is one letter on its own (C:\), not a word's last
		// ("Name:\t", "host:\t": a key and an escaped tab).
		if i > 0 && isAlpha(text[i-1]) && (i == 1 || !isAlnum(text[i-2]) && text[i-2] != '_') && (i+2 >= len(text) || text[i+2] != '\\') {
			return true
		}
		j := bytes.Index(text[i+2:], []byte(`:\`))
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// blankEscapes turns each whitespace escape of t (see hasWhitespaceEscape)
// into two spaces, in place: what it stands for, and the same length, so
// every offset into t stays true.
func blankEscapes(t []byte) {
	for i := bytes.IndexByte(t, '\\'); i >= 0; i = nextByte(t, i, '\\') {
		n, esc := whitespaceEscapeAt(t, i)
		if esc {
			t[i+n-1], t[i+n] = ' ', ' '
		}
		i += n
	}
}

// syslogEscapePrefix starts rsyslog's escapes of a tab, a line feed and
// a carriage return: "#011", "#012", "#015" (its control characters on
// receive, '#' and three octal digits; Purity's alerts are full of #012).
var syslogEscapePrefix = []byte("#01")

// blankSyslogEscapes turns each of rsyslog's escapes of a tab, a line
// feed or a carriage return in t into four spaces, in place: glued to an
// indicator, "https://x/?cid=1#012Purity" would read as its fragment.
func blankSyslogEscapes(t []byte) {
	for i := bytes.Index(t, syslogEscapePrefix); i >= 0 && i+3 < len(t); {
		if c := t[i+3]; c == '1' || c == '2' || c == '5' { // always three digits: #0122024-… is a line feed and a date
			copy(t[i:i+4], "    ")
		}
		j := bytes.Index(t[i+1:], syslogEscapePrefix)
		if j < 0 {
			return
		}
		i += 1 + j
	}
}

// angleEscapePrefix starts JSON's escapes of '<' and '>', "\u003c" and
// "\u003e", which Go's encoder writes for every angle bracket (HTML-safe
// JSON: Intercom's and Zendesk's webhooks hold HTML so).
var angleEscapePrefix = []byte(`\u003`)

// blankAngleEscapes turns each of JSON's escapes of '<' and '>' in t into
// six spaces, in place: they end what they touch as the brackets would,
// and glued to a name, "\u003ehelp.evil.com\u003c/a", would be read into
// it ("u003ehelp.evil.com").
func blankAngleEscapes(t []byte) {
	for i := bytes.Index(t, angleEscapePrefix); i >= 0 && i+5 < len(t); {
		if c := t[i+5] | 0x20; c == 'c' || c == 'e' {
			copy(t[i:i+6], "      ")
		}
		j := bytes.Index(t[i+1:], angleEscapePrefix)
		if j < 0 {
			return
		}
		i += 1 + j
	}
}

// nextByte is the index of the first c in t at or after from, or -1.
func nextByte(t []byte, from int, c byte) int {
	if from >= len(t) {
		return -1
	}
	if j := bytes.IndexByte(t[from:], c); j >= 0 {
		return from + j
	}
	return -1
}

// nothingToScan reports whether text can hold no observable: no anchor,
// and too short for a hash's 32 digits.
func nothingToScan(text []byte) bool { return len(text) < 32 && nextAnchor(text, 0) < 0 }
