package ioc

// Percent-encoding leaves residue around indicators that query strings and
// encoded paths carry: "%5C%5C93.184.216.34%5Cpub" (an encoded UNC path),
// "next=%2F%2Fcdn-bad.org", "q=site%3Aevil.com", and whole URLs encoded as
// a parameter ("url=https%3A%2F%2Fevil.com%2Fx&reason=0"). The hex digits
// of an escape are letters and digits, so without care they are read into
// the indicator (2fcdn-bad.org, %2093.184... as 2093.184...). The rules:
//
//   - an escape ending right before an address or a name is a boundary,
//     and its two hex digits are not part of what follows;
//   - a URL encoded whole ("scheme%3A%2F%2F...") is decoded once and is a
//     URL; it ends at the first unencoded '&' (the next parameter) or at
//     anything that cannot be in a URL;
//   - a URL glued after an escape ("wget%20http://...") is inside encoded
//     text, and ends at an encoded space, tab, newline, quote or angle
//     bracket (parseURL).

// separatorEscape reports whether t[i:i+3] is the percent escape of a
// separator: ASCII punctuation, white space or a control character ("%2F",
// "%5C", "%20", "%40"). Encoders leave letters and digits as they are, so
// "100%decent.com" holds no escape.
func separatorEscape(t []byte, i int) bool {
	if i < 0 || i+2 >= len(t) || t[i] != '%' || !isHex(t[i+1]) || !isHex(t[i+2]) {
		return false
	}
	c := hexVal(t[i+1])<<4 | hexVal(t[i+2])
	return c < 0x80 && !isAlnum(c)
}

// escapeEndsAt reports whether t[i-3:i] is a separator's escape.
func escapeEndsAt(t []byte, i int) bool {
	return i >= 3 && separatorEscape(t, i-3)
}

// escapeDigitsAt returns how many bytes at t[i:end] are hex digits of a
// separator's escape whose '%' is t[i-1], with more of the word after
// them: the digits a label run swallowed. Text encoded twice writes the
// '%' of the first escape as %25 ("%252Fcdn-bad.org"): its two digits
// count too. 0 when there are none.
func escapeDigitsAt(t []byte, i, end int) int {
	if i == 0 || i+2 >= end || !separatorEscape(t, i-1) {
		return 0
	}
	if t[i] == '2' && t[i+1] == '5' && i+4 < end && isHex(t[i+2]) && isHex(t[i+3]) {
		if c := hexVal(t[i+2])<<4 | hexVal(t[i+3]); c < 0x80 && !isAlnum(c) {
			return 4
		}
	}
	return 2
}

// encodedQuote reports whether t[i:] is the escape of a quote, an angle
// bracket, a brace, '|' or '`' ("%22", "%3C", "%7D"...): in a URL encoded
// whole, the end of the quoted text or JSON it was (an encoded space, by contrast, is one the URL
// holds: a path's "a%20b").
func encodedQuote(t []byte, i int) bool {
	if i+2 < len(t) && t[i] == '%' && (t[i+1] == '7' || t[i+1] == '6') {
		switch lower(t[i+2]) {
		case 'b', 'c', 'd': // %7B %7C %7D: { | }, which end a URL in text (U1)
			return t[i+1] == '7'
		case '0': // %60: `
			return t[i+1] == '6'
		}
	}
	return encodedBreak(t, i) && !(t[i+1] == '2' && t[i+2] == '0') // a space stays; a CR, LF, tab never
}

// encodedBreak reports whether t[i:] is the escape of a character that
// ends a URL in running text (space, tab, newline, quotes, angle brackets).
func encodedBreak(t []byte, i int) bool {
	if i+2 >= len(t) || t[i] != '%' {
		return false
	}
	switch lower(t[i+1]) {
	case '0':
		c := lower(t[i+2])
		return c == '9' || c == 'a' || c == 'd'
	case '2':
		c := t[i+2]
		return c == '0' || c == '2' || c == '7'
	case '3':
		c := lower(t[i+2])
		return c == 'c' || c == 'e'
	}
	return false
}

// encodedSep is the percent-encoded scheme separator "://".
const encodedSep = "%3a%2f%2f"

// encodedSepAt reports whether t[i:] starts with "%3A%2F%2F" (any case).
func encodedSepAt(t []byte, i int) bool {
	return i+len(encodedSep) <= len(t) && equalFold(t[i:i+len(encodedSep)], encodedSep)
}

// encodedURLBefore looks for a percent-encoded scheme separator ending in
// the hex digits at t[ls:ls+2] (where a label run that starts a host
// begins, having swallowed them) and returns where the URL's scheme
// starts. Nothing is read below lo.
func encodedURLBefore(t []byte, lo, ls int) (start, sep int, ok bool) {
	sep = ls + 2 - len(encodedSep)
	if sep-2 < lo {
		return 0, 0, false
	}
	start, ok = encodedSchemeStart(t, lo, sep)
	return start, sep, ok
}

// encodedSchemeStart returns where the scheme of a percent-encoded URL
// starts when an encoded separator ("%3A%2F%2F") is at t[sep]: the 2 to 16
// letters before it, after a non-letter. Nothing is read below lo.
func encodedSchemeStart(t []byte, lo, sep int) (int, bool) {
	if !encodedSepAt(t, sep) {
		return 0, false
	}
	start := sep
	for start > lo && sep-start <= 16 && isAlpha(t[start-1]) && !(start-3 >= lo && t[start-3] == '%' && isHex(t[start-2])) {
		start-- // not into an escape's digits: jndi%3Aldap%3A%2F%2F is ldap
	}
	if sep-start < 2 || sep-start > 16 || start > lo && isAlpha(t[start-1]) && !(start-3 >= lo && t[start-3] == '%') {
		return 0, false
	}
	return start, true
}

// encodedURLAt reports a URL encoded whole whose host starts at t[ls]
// (where a label run that swallowed the escape's digits begins), if there
// is one, and returns its end.
func (e *Extractor) encodedURLAt(t []byte, lo, ls int) (int, bool) {
	if ls <= lo || t[ls-1] != '%' {
		return 0, false
	}
	start, sep, ok := encodedURLBefore(t, lo, ls)
	if !ok {
		return 0, false
	}
	return e.tryEncodedURL(t, start, sep)
}

// tryEncodedURL reads the URL encoded whole from t[start:], whose encoded
// separator starts at sep, decodes it once, and reports it (and its host
// if wanted) with its span in t. It returns the end of the encoded URL.
func (e *Extractor) tryEncodedURL(t []byte, start, sep int) (int, bool) {
	// An encoded quote ends it (%22http%3A%2F%2Fx%2Fa.jsp%22%7D), and so
	// does an encoded space when the URL itself follows an escape: it is a
	// word of encoded text (wget%20http%3A%2F%2F1.2.3.4%2Fx%20-O%20...), as a
	// plain URL glued after an escape ends at one (U2).
	glued := start >= 3 && t[start-3] == '%'
	rawEnd := sep
	for rawEnd < len(t) && class[t[rawEnd]]&cURL != 0 && t[rawEnd] != '&' && !encodedQuote(t, rawEnd) && !(glued && encodedBreak(t, rawEnd)) {
		rawEnd++
	}
	// Decode into dec, noting where each decoded byte came from.
	e.dec, e.decPos = e.dec[:0], e.decPos[:0]
	for i := start; i < rawEnd; {
		c, n := t[i], 1
		if d, ok := decodeEscape(t, i); ok {
			c, n = d, 3
		}
		e.dec = append(e.dec, c)
		e.decPos = append(e.decPos, int32(i))
		i += n
	}
	e.decPos = append(e.decPos, int32(rawEnd))
	d := e.dec
	ss := 0
	for ss < len(d) && d[ss] != ':' {
		ss++
	}
	sss, sse, ok := schemeSep(d, ss)
	if !ok {
		return 0, false
	}
	u, ok := parseURL(d, 0, sss, sse, len(d), false)
	if !ok || u.start != 0 {
		return 0, false
	}
	hostType, hostReason, reason, ok := e.buildURL(d, u)
	if !ok {
		return 0, false
	}
	end := int(e.decPos[u.end])
	e.emit(URL, e.val, reason, start, end)
	e.dropHashes(end)
	if (e.emitHosts || !u.lookable) && hostType != Unknown {
		hs, he := u.host, u.hostEnd
		if u.bracketed {
			hs, he = hs+1, he-1
		}
		// Only a host written without escapes has a span of its own.
		if rs, re := int(e.decPos[hs]), int(e.decPos[he]); re-rs == he-hs {
			e.emit(hostType, e.host, hostReason, rs, re)
		}
	}
	return end, true
}

// decodeEscape decodes the percent escape at t[i] if it stands for a
// character that may be in a URL. '%' is one: decoded once, a parameter's
// "%2500" is the "%00" its URL holds, what the server redirects to. Escapes
// of spaces, quotes and the like stay as written: they are how a URL holds
// them.
func decodeEscape(t []byte, i int) (byte, bool) {
	if i+2 >= len(t) || t[i] != '%' || !isHex(t[i+1]) || !isHex(t[i+2]) {
		return 0, false
	}
	c := hexVal(t[i+1])<<4 | hexVal(t[i+2])
	if class[c]&cURL == 0 {
		return 0, false
	}
	return c, true
}

func hexVal(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
