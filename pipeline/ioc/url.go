package ioc

import "bytes"

// URLs need a scheme and "://" (or a defanged "[:]//", "[://]", or ":\/\/"
// as JSON escapes it); the scheme may be defanged too (hxxp, hXXps, fxp). The host is a name, an
// IPv4 address or a bracketed IPv6 address, optionally after user info and
// before a port. Path, query and fragment run to the first character that
// cannot be in a URL in running text (space, quotes, <>, \, ^, `, {|},
// non-ASCII); a URL that follows a single quote ends at the next one
// (PowerShell: DownloadString('http://...')). Trailing . , ; : ! ? ' * are
// punctuation of the sentence, and so is a ) that has no partner in the
// URL, while balanced ones (wiki/Foo_(bar)) are kept; a ] with no partner
// ends the URL wherever it stands (see readPath).
//
// The value has the scheme and host normalised (lower case, refanged,
// punycode, no trailing dot) and the rest as written, refanged, with the
// escapes that JSON and CEF write into URLs read back: "\/" is '/' (JSON
// text, where "http:\/\/evil.com\/x" is common) and "\=" is '=' (CEF
// extension values). No other backslash is part of a URL. The host
// is part of the URL, not an observable of its own, unless Config.URLHosts
// is set (or URLs are not wanted at all). Nothing else inside a URL is
// reported either (its path may name files and domains, but a lookup of
// the URL covers them and quota is scarce), except URLs embedded in it: a
// redirector's target (?u=http://evil/...) is an indicator of its own.

// urlParts are the spans of a URL in the text.
type urlParts struct {
	start, end    int // the whole URL
	scheme        int // end of the scheme (start of the separator)
	sepEnd        int // end of "://"
	user, userEnd int // user info (user == userEnd: none), userEnd at '@'
	atLen         int // length of the '@' (or "[at]")
	host, hostEnd int
	hostDot       bool // a root-label dot follows the host
	portEnd       int
	bracketed     bool // IPv6 literal host
	realScheme    string
	lookable      bool
	escaped       bool // the text holds "\/" or "\=" escapes to read back
}

// lookableScheme reports whether the scheme name w, in any case, is one
// VirusTotal looks URLs up by (scheme).
func lookableScheme(w []byte) bool {
	var name [16]byte
	if len(w) > len(name) {
		return false
	}
	_, ok := scheme(appendLower(name[:0], w))
	return ok
}

// scheme maps a lower-case scheme name to its real name (defanged hxxp,
// hxxps, h**p, h**ps, fxp, fxps refanged) and whether VirusTotal looks such URLs up.
func scheme(name []byte) (real string, lookable bool) {
	switch string(name) {
	case "http", "hxxp", "h**p":
		return "http", true
	case "https", "hxxps", "h**ps":
		return "https", true
	case "ftp", "fxp":
		return "ftp", true
	case "fxps":
		return "ftps", false
	}
	return "", false
}

// schemeSep finds the scheme separator whose colon is t[p]: "://",
// "[:]//", "[://]" or JSON's ":\/\/".
func schemeSep(t []byte, p int) (ss, se int, ok bool) {
	switch {
	case p+4 < len(t) && t[p+1] == '\\' && t[p+2] == '/' && t[p+3] == '\\' && t[p+4] == '/':
		return p, p + 5, true
	case p > 0 && t[p-1] == '[' && p+3 < len(t) && t[p+1] == '/' && t[p+2] == '/' && t[p+3] == ']':
		return p - 1, p + 4, true // "[://]", which contains "://": first
	case p > 0 && t[p-1] == '[' && p+3 < len(t) && t[p+1] == ']' && t[p+2] == '/' && t[p+3] == '/':
		return p - 1, p + 4, true
	case p+2 < len(t) && t[p+1] == '/' && t[p+2] == '/':
		return p, p + 3, true
	}
	return 0, 0, false
}

// escapeAt is the length of the escape at t[i] that a URL may hold ("\/"
// and "\=", read as '/' and '='; JSON's "\u0026" and "\u003d", which Go's
// encoder writes for '&' and '=' (step-ca's "?tenant=acme\u0026kind=x509")),
// 0 if there is none. escapedByte says what it stands for.
func escapeAt(t []byte, i int) int {
	if i+1 >= len(t) || t[i] != '\\' {
		return 0
	}
	if t[i+1] == '/' || t[i+1] == '=' {
		return 2
	}
	if i+5 < len(t) && t[i+1] == 'u' && t[i+2] == '0' && t[i+3] == '0' &&
		(t[i+4] == '2' && t[i+5] == '6' || t[i+4] == '3' && lower(t[i+5]) == 'd') {
		return 6
	}
	return 0
}

// escapedByte is the byte that the escape e (escapeAt's) stands for.
func escapedByte(e []byte) byte {
	switch {
	case len(e) == 2:
		return e[1]
	case e[4] == '2':
		return '&'
	}
	return '='
}

// slashAt reports whether a path starts at t[i]: '/' or an escaped "\/".
func slashAt(t []byte, i int) bool {
	return i < len(t) && (t[i] == '/' || t[i] == '\\' && i+1 < len(t) && t[i+1] == '/')
}

// parseURL finds the parts of the URL whose scheme separator is t[ss:se],
// reading no further than limit and not below lo. whole means t[lo:limit]
// is one value given on its own: no quote rule and no trimming. The parts
// are read in order, each by its own function: scheme, user info, host,
// port, then path, query and fragment.
func parseURL(t []byte, lo, ss, se, limit int, whole bool) (u urlParts, ok bool) {
	if !u.readScheme(t, lo, ss, se) {
		return u, false
	}
	t = t[:limit]
	u.readUser(t)
	if !u.readHost(t) {
		return u, false
	}
	u.readPort(t)
	end := u.readPath(t, whole)
	if u.hostDot && end == u.hostEnd+1 {
		// Nothing followed the root dot after all: it ends the sentence.
		end, u.hostDot, u.portEnd = u.hostEnd, false, u.hostEnd
	}
	if end == se {
		return u, false
	}
	u.end = end
	return u, true
}

// maxSchemeLen bounds a scheme's name: Sonos' x-rincon-mp3radio is 17.
const maxSchemeLen = 24

// readScheme reads the scheme before the separator t[ss:se] (2 to 16
// letters, words joined by '-' with digits in them up to maxSchemeLen,
// or the "h**p" defang), not below lo and not glued to a word, but for a
// bracketed field's one-letter tag before a scheme looked up (SIA DC-09's
// "[Vhttps://…]").
func (u *urlParts) readScheme(t []byte, lo, ss, se int) bool {
	j := ss
	for j > lo && ss-j < 2 && isDigit(t[j-1]) {
		j-- // a scheme's closing digits (s3://); not an escape's ("\x20https://")
	}
	for j > lo && ss-j <= 16 && isAlpha(t[j-1]) {
		j--
	}
	if j < ss && !isAlpha(t[j]) {
		return false // digits alone
	}
	if j-1 > lo && (t[j-1] == '-' && isAlnum(t[j-2]) || isDigit(t[j-1])) && !lookableScheme(t[j:ss]) {
		// a scheme of words joined by '-', digits in them (RFC 3986
		// allows both): Android's app links, android-app://<package>/,
		// chrome-extension://, Sonos' x-rincon-mp3radio://; not a word
		// glued before a scheme looked up, "redirect-https://…"
		k := j
		for k > lo && ss-k < maxSchemeLen && (isAlnum(t[k-1]) || t[k-1] == '-') {
			k--
		}
		for k < j && !isAlpha(t[k]) {
			k++ // a scheme starts with a letter
		}
		if k < j && (k == lo || !isAlnum(t[k-1]) && t[k-1] != '-') {
			j = k
		}
	}
	tagged := ss-j >= 5 && j > lo && t[j-1] == '[' && isUpper(t[j]) && lookableScheme(t[j+1:ss])
	if tagged {
		j++ // a bracketed field's tag glued before it: SIA DC-09's "[Vhttps://…]" (the video verification field)
	}
	if ss-j <= 2 && j-3 >= lo && lower(t[j-1]) == '*' && t[j-2] == '*' && lower(t[j-3]) == 'h' {
		j -= 3 // "h**p", "h**ps"
	}
	escape := escapedWhitespaceScheme(t, lo, j, ss)
	if escape {
		j++ // "\nhttp://": an escaped line end, then the scheme
	}
	if ss-j < 2 || ss-j > maxSchemeLen || j > lo && isAlpha(t[j-1]) && !escape && !tagged {
		return false
	}
	u.start, u.scheme, u.sepEnd = j, ss, se
	u.escaped = se-ss == 5 && t[ss+1] == '\\'
	var name [maxSchemeLen]byte
	sch := appendLower(name[:0], t[j:ss])
	u.realScheme, u.lookable = scheme(sch)
	return true
}

// escapedWhitespaceScheme reports whether the scheme word t[j:ss] follows a
// backslash and starts with the letter of an escaped line end or tab
// (\n, \r, \t) before a scheme VirusTotal looks up, which the word is not
// ("line 1\nhttp://evil.com/x", written escaped outside JSON too).
func escapedWhitespaceScheme(t []byte, lo, j, ss int) bool {
	if j-1 < lo || t[j-1] != '\\' || ss-j < 3 || ss-j > 16 {
		return false
	}
	if !escapeLetter(t[j]) {
		return false
	}
	return !lookableScheme(t[j:ss]) && lookableScheme(t[j+1:ss])
}

// readUser reads user info: up to an '@' (or "[at]") before the path
// starts. u.host is where the host starts, with or without it.
func (u *urlParts) readUser(t []byte) {
	se := u.sepEnd
	u.host = se
	for i := se; i < len(t) && i-se < 256; i++ {
		c := t[i]
		if c == '@' {
			u.user, u.userEnd, u.atLen, u.host = se, i, 1, i+1
			return
		}
		if closer(c) != 0 {
			if n, real := defangAt(t, i); real == "@" {
				u.user, u.userEnd, u.atLen, u.host = se, i, n, i+n
				return
			}
		}
		if c == '/' || c == '?' || c == '#' || class[c]&cURL == 0 {
			return
		}
	}
}

// readHost reads the host: a bracketed IPv6 address, or labels joined by
// dots (defanged ones too), and a root dot right before what follows a
// host. false means a URL that needs a host has none.
func (u *urlParts) readHost(t []byte) bool {
	h := u.host
	u.hostEnd = h
	if h+1 < len(t) && t[h] == '[' && (isHex(t[h+1]) || t[h+1] == ':') {
		close := bytes.IndexByte(t[h:min(len(t), h+maxV6Len+2)], ']')
		if close < 0 {
			return false
		}
		u.hostEnd, u.bracketed = h+close+1, true
	} else if i := labelEnd(t, h); i > h {
		for {
			k := dotAt(t, i)
			if k == 0 {
				break
			}
			j := labelEnd(t, i+k)
			if j == i+k {
				break
			}
			i = j
		}
		u.hostEnd = i
		if i+1 < len(t) && t[i] == '.' && (slashAt(t, i+1) || t[i+1] == '?' || t[i+1] == '#' ||
			t[i+1] == ':' && i+2 < len(t) && isDigit(t[i+2])) {
			u.hostDot = true
		}
	}
	return u.hostEnd > u.host || !u.lookable
}

// readPort reads ":digits" (or a defanged "[:]digits") after the host.
func (u *urlParts) readPort(t []byte) {
	p := u.hostEnd
	if u.hostDot {
		p++
	}
	q := p
	if q+1 < len(t) && t[q] == ':' && isDigit(t[q+1]) {
		q++
	} else if q+3 < len(t) && t[q] == '[' && t[q+1] == ':' && t[q+2] == ']' && isDigit(t[q+3]) {
		q += 3
	}
	if q > p {
		for q < len(t) && isDigit(t[q]) {
			q++
		}
		p = q
	}
	u.portEnd = p
}

// readPath reads the path, query and fragment after the port and returns
// where the URL ends: at a byte no URL holds, a closing quote matching one
// before the URL, a comma in the path (a CSV field ends), a comma right
// after the '?' (an empty query, then the next field), IIS's ";+", a ']'
// that closes no '[' of the URL (RFC 3986 allows brackets only around an
// IPv6 host: CMTrace's "...intunewin.bin]LOG]!>" closes the log's own
// "<![LOG["), or an encoded space when the URL is glued after an escape;
// then sentence punctuation is trimmed unless the value is whole.
func (u *urlParts) readPath(t []byte, whole bool) int {
	end := u.portEnd
	if end >= len(t) || !(slashAt(t, end) || t[end] == '?' || t[end] == '#' ||
		t[end] == '[' && end+2 < len(t) && t[end+1] == '/' && t[end+2] == ']') {
		return end
	}
	j := u.start
	var quote byte
	if !whole && quotedBefore(t, j) {
		quote = '\''
	}
	// Glued after an escape, a URL is inside encoded text
	// ("wget%20http://..."): it ends at an encoded space or quote.
	encoded := !whole && escapeEndsAt(t, j)
	// The value of a key in a record of ';'-separated pairs
	// (BeyondTrust's ...;url=https://...;vendor_group=x) ends at the
	// next pair: ";word=". Elsewhere ';' stays in the URL (matrix
	// parameters, ;jsessionid=).
	pairs := !whole && semicolonPairBefore(t, j)
	// USD writes an asset path between '@'s ("@https://cdn.x.com/a.usdz@"):
	// the path's '@' closes it.
	atWrapped := !whole && j > 0 && t[j-1] == '@' && (j == 1 || !isWordByte(t[j-2]))
	query := false
	brackets := 0 // '[' not yet closed
	for end < len(t) {
		c := t[end]
		if class[c]&cURLPlain != 0 {
			end++ // nearly every byte of a URL
			continue
		}
		if c == quote ||
			(c == ';' || c == ',') && end+1 < len(t) && t[end+1] == '+' ||
			c == ',' && (!query || t[end-1] == '?' || schemeAfter(t, end+1)) ||
			c == ']' && brackets == 0 ||
			c == ';' && (pairs && keyAt(t, end+1) || symbolPathElementAt(t, end+1)) ||
			c == '&' && htmlDelimiterAt(t, end) ||
			encoded && encodedBreak(t, end) {
			// "...html;+like" is an IIS log's "; like"; a comma in a
			// path ends a CSV field, and so does one before another URL
			// (Plaso's short and long columns: "...?client_id...,https://...").
			break
		}
		switch c {
		case '?':
			query = true
		case '[':
			brackets++
		case ']':
			brackets--
		}
		if class[c]&cURL != 0 {
			end++
		} else if k := escapeAt(t, end); k > 0 {
			end += k
			u.escaped = true
		} else {
			break
		}
	}
	if atWrapped {
		// the '@' that closes it ends the token ("…/a.usdz@ for …"); one
		// inside the URL ("?u=x@y.com") stays
		for k := end - 1; k > u.portEnd; k-- {
			if t[k] == '@' && (k+1 == len(t) || class[t[k+1]]&cURL == 0 || t[k+1] == '<') {
				end = k
				break
			}
		}
	}
	if !whole {
		end = trimURL(t, u.portEnd, end)
	}
	return end
}

// symbolPathElementAt reports whether an element of a Windows symbol path
// starts at t[i] ("srv*", "cache*", "symsrv*"): after ';' in WinDbg's
// "Symbol search path is: srv*C:\Symbols*https://…/symbols;srv*…", the
// next element, not the URL's.
func symbolPathElementAt(t []byte, i int) bool {
	for _, e := range [...]string{"srv*", "cache*", "symsrv*"} {
		if len(t)-i >= len(e) && equalFold(t[i:i+len(e)], e) {
			return true
		}
	}
	return false
}

// trimURL drops the sentence punctuation at the end of t[start:end], never
// below min. Brackets are counted once, so that a URL ending in a
// thousand ')' costs a thousand steps, not a million; and from min, the
// path's start: a bracket in the authority (user info) pairs with none of
// the path's, which is read by itself alone (Check of the URL reads it so).
func trimURL(t []byte, min, end int) int {
	u := t[min:end]
	open := [2]int{bytes.Count(u, []byte{'('}), bytes.Count(u, []byte{'['})}
	shut := [2]int{bytes.Count(u, []byte{')'}), bytes.Count(u, []byte{']'})}
	for end > min {
		k := 0
		switch t[end-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			end--
			continue
		case '(', '[': // no URL ends by opening a bracket: WSO2's wire log, "…/p.js[\r][\n]"
			if t[end-1] == '[' {
				k = 1
			}
			open[k]--
			end--
			continue
		case ')':
		case ']':
			k = 1
		default:
			return end
		}
		if open[k] >= shut[k] {
			return end // balanced: part of the URL
		}
		shut[k]--
		end--
	}
	return end
}

// semicolonPairBefore reports whether the URL at t[start] is the value of
// a key=value pair that a ';' separates from the one before ("…;url=").
func semicolonPairBefore(t []byte, start int) bool {
	k := start - 1
	if k < 2 || t[k] != '=' {
		return false
	}
	ks := k
	for ks > 0 && k-ks < 32 && isWordByte(t[ks-1]) {
		ks--
	}
	return ks < k && ks > 0 && t[ks-1] == ';'
}

// htmlDelimiterAt reports whether t[i:] starts with an HTML entity for a
// byte that ends a URL (&lt; &gt; &quot; &apos; &#34; &#39;): a URL in
// escaped HTML inside XML, as ZAP's reports write it, ends there.
func htmlDelimiterAt(t []byte, i int) bool {
	for _, e := range [...]string{"&lt;", "&gt;", "&quot;", "&apos;", "&#34;", "&#39;"} {
		if len(t)-i >= len(e) && string(t[i:i+len(e)]) == e {
			return true
		}
	}
	return false
}

// keyAt reports whether a key and '=' start at t[i]: a word of letters,
// digits and '_', then '='.
func keyAt(t []byte, i int) bool {
	j := i
	for j < len(t) && j-i < 32 && isWordByte(t[j]) {
		j++
	}
	return j > i && j < len(t) && t[j] == '='
}

// schemeAfter reports whether a URL's scheme and its separator (schemeSep)
// start at t[i].
func schemeAfter(t []byte, i int) bool {
	j := i
	for j < len(t) && j-i < 12 && isAlpha(t[j]) {
		j++
	}
	if j == i || j >= len(t) || t[j] != ':' {
		return false
	}
	_, _, ok := schemeSep(t, j)
	return ok
}

// quotedBefore reports whether a single quote opens the token that holds
// the URL starting at t[j]: right before it, or before a scheme-like
// prefix glued to it ('script:https://...' in an mshta command line). The
// URL then ends at the next single quote.
func quotedBefore(t []byte, j int) bool {
	k := j
	for k > 0 && j-k < 16 && (isAlnum(t[k-1]) || t[k-1] == ':') {
		k--
	}
	if k > 0 && t[k-1] == '\'' && (k == j || t[j-1] == ':') {
		return true
	}
	return inQuotedLiteral(t, j)
}

// inQuotedLiteral reports whether the URL at t[j] is inside a string
// literal in single quotes that opened earlier on its line, after a space,
// '=' or '(' (SAP HANA's audit of "COMMENT ON TABLE … IS 'used for exfil
// to hxxps://paste-drop[.]cc/r/8KqZ2';301004;…"): an apostrophe inside
// a word (attacker's) opens none.
func inQuotedLiteral(t []byte, j int) bool {
	from := max(0, j-200)
	q := bytes.LastIndexByte(t[from:j], '\'')
	if q < 0 {
		return false
	}
	q += from
	if bytes.IndexByte(t[q:j], '\n') >= 0 || q == 0 {
		return false
	}
	switch t[q-1] {
	case ' ', '=', '(':
		return q+1 < j && t[q+1] != ' '
	}
	return false
}
