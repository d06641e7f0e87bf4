package ioc

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Domain names are two or more labels separated by dots or defanged dots,
// the last of which (the TLD) is letters only or punycode (xn--...): a
// dotted run ending in digits is a version or an address, not a name. The
// value is lower case, without the trailing dot of a fully qualified name,
// and in punycode when the name was written in Unicode (that is how
// resolvers and VirusTotal know it). Leading '-' and trailing '-' and '_'
// are punctuation (--evil.com), not part of the name; a leading '_' is
// (_dmarc.evil.com).

// tryDomain reads the dotted name around the separator t[ss:se] and
// reports it if it is a candidate. It returns the end of the dotted run,
// name or not, so that the main loop resumes after it.
func (e *Extractor) tryDomain(t []byte, lo, ss, se int) int {
	start := labelStart(t, lo, ss)
	if start == ss {
		return se
	}
	if end, ok := e.encodedURLAt(t, lo, start); ok {
		return end // the host of "https%3A%2F%2Fevil.com%2Fx"
	}
	end := labelEnd(t, se)
	if end == se {
		return se
	}
	for {
		k := dotBefore(t, start)
		if k == 0 || start-k <= lo {
			break
		}
		j := labelStart(t, lo, start-k)
		if j == start-k {
			break
		}
		start = j
	}
	last := se // start of the last label
	for {
		k := dotAt(t, end)
		if k == 0 {
			break
		}
		j := labelEnd(t, end+k)
		if j == end+k {
			break
		}
		last, end = end+k, j
	}
	if mayBeTLD(t[last:end]) {
		e.reportName(t, start, end)
	}
	return end
}

// regexEscapedBefore reports whether the name t[start:end], its dots
// regex-escaped (evil\.com), follows a regex-escaped dot too: a pattern's
// "any subdomain" (a proxy's bypass list .*\.evil\.com, *\.evil\.com),
// not a Windows path's component after '\'.
func regexEscapedBefore(t []byte, start, end int) bool {
	return start >= 2 && t[start-1] == '.' && t[start-2] == '\\' && bytes.Contains(t[start:end], []byte(`\.`))
}

// mayBeTLD is a cheap test of the last label of a dotted run before the
// name is built: most dotted runs in logs end in a number (times,
// versions) or in letters and digits (18:19:43.318Z), which are no TLD.
// It asks validTLD, after the trimming of trailing '-' and '_' that
// reportName does; a label with non-ASCII bytes is left to idna, and
// punycode in upper case to buildName, which lower-cases it first.
func mayBeTLD(l []byte) bool {
	for len(l) > 0 && (l[len(l)-1] == '-' || l[len(l)-1] == '_') {
		l = l[:len(l)-1]
	}
	for _, c := range l {
		if c >= utf8.RuneSelf {
			return true // becomes punycode
		}
	}
	if len(l) > 4 && lower(l[0]) == 'x' && lower(l[1]) == 'n' && l[2] == '-' && l[3] == '-' {
		return true
	}
	return validTLD(l, 2)
}

// smtpReplyCode returns how many bytes at t[start:end] are an SMTP reply's
// code and '-' before a host's name, as a server's multi-line reply writes
// them ("250-mail.evil.com Hello", hMailServer's "SENT: 250-mail…"): a
// completion, a greeting, a closing or a failure code (2xx, 4xx, 5xx) at
// a token's start, before a letter. 0 when there is none.
func smtpReplyCode(t []byte, start, end int) int {
	if end-start < 6 || t[start+3] != '-' || !isAlpha(t[start+4]) {
		return 0
	}
	c := t[start]
	if c != '2' && c != '4' && c != '5' || !isDigit(t[start+1]) || !isDigit(t[start+2]) {
		return 0
	}
	if start > 0 && (isAlnum(t[start-1]) || t[start-1] == '.' || t[start-1] == '-') {
		return 0
	}
	return 4
}

// emptyLabelAfter reports whether the dotted run t[start:end], in
// capitals, goes on with ".." and a capital or a digit: one token with an
// empty label, a SEED stream code's NET.STA..CHA, which no host name has
// (a sentence's ".." ends it, after a name too).
func emptyLabelAfter(t []byte, start, end int) bool {
	if end+2 >= len(t) || t[end] != '.' || t[end+1] != '.' || !isUpper(t[end+2]) && !isDigit(t[end+2]) {
		return false
	}
	for _, c := range t[start:end] {
		if isLower(c) {
			return false // a SEED code is in capitals: "see evil.com..and more" ends a sentence
		}
	}
	return true
}

// reportName reports the dotted run t[start:end] if it is a domain name.
func (e *Extractor) reportName(t []byte, start, end int) {
	if start >= 1 && start-1 == e.nameEnd && t[start-1] == '\\' && start+1 < end && (t[start] == 'n' || t[start] == 'r' || t[start] == 't') {
		// "evil.com\nwww.evil.com": JSON's escaped line break right after
		// a name (crt.sh's name_value lists), not a Windows path
		start++
	}
	start += escapeDigitsAt(t, start, end) // "%2Fcdn-bad.org": the digits belong to the escape
	start += smtpReplyCode(t, start, end)  // "250-mail.evil.com": a multi-line reply's code
	for start < end && t[start] == '-' {
		start++
	}
	glued := end
	for end > start && (t[end-1] == '-' || t[end-1] == '_') {
		end--
	}
	if end < glued && glued < len(t) && (t[glued] == '[' || t[glued] == '(') {
		return // a token goes on past the hyphen: SoftEther's session "SID-J.KIM-[L2TP]-14"
	}
	if emptyLabelAfter(t, start, end) {
		return // a token with an empty label, no host: a SEED stream code's NET.STA..CHA (SeisComP's "UW.ICE..HHZ")
	}
	if isFieldName(t, start, end) || isUserName(t, start, end) || inPath(t, start) && !regexEscapedBefore(t, start, end) || relativeSourceFile(t, start, end) || inSpacedPath(t, start, end) || ciscoMAC(t[start:end]) || folderPathStart(t, start, end) || lineUser(t, start, end) {
		return
	}
	v, defanged, ok := buildName(e.val[:0], t[start:end], 2)
	e.val = v
	if !ok {
		return
	}
	if !defanged && queryFieldName(t, start, end, v) && !e.underPublicSuffix(v) {
		return
	}
	// A mailbox's domain (r.nowak@polmet-sa.pl) is no file, whatever its
	// TLD: the file-extension screen is for names read from text alone.
	reason := e.screenName(v, defanged, !mailboxDomain(t, start))
	if reason == "" && !defanged {
		switch {
		case detectionName(t, start, end, v):
			reason = ReasonDetectionName
		case inCode(t, start, end, v), syslogSelector(v), e.versionedPackage(t, end, v):
			reason = ReasonCodeIdentifier
		case versionName(t, start, v), abbreviatedVersion(t[start:end]):
			return // "Build 49.15.nc", Brother's "Ver.ZA": a version that happens to end in a TLD
		case e.registrableUnderscore(v):
			return // no registry's: a field path or an identifier
		}
	}
	e.emit(DNS, v, reason, start, end)
	e.nameEnd = end
	switch reason {
	case ReasonUnknownTLD, ReasonFileExtension, ReasonCodeIdentifier, ReasonDetectionName:
		// Probably not a name at all (a file, a class): a hash in it, as in
		// d41d8cd98f00b204e9800998ecf8427e.exe, is still a hash.
	default:
		// A real name: a hex label in it (DNS tunnelling, CDN shards) is
		// part of the name, not a file hash; and so is hex in the path of a
		// protocol-relative reference, which a URL's would be
		// (Contentful's "//assets.ctfassets.net/<space>/<id>/<hex>/q1.xlsx").
		e.dropHashes(max(end, protocolRelativePathEnd(t, start, end)))
	}
}

// protocolRelativePathEnd returns where the path ends after the host
// t[start:end] of a protocol-relative reference ("//host/path", no scheme
// before the slashes), or 0 where the host is not one's or no path follows.
// The path runs to a blank, a quote, '<' or '>', or a JSON escape.
func protocolRelativePathEnd(t []byte, start, end int) int {
	if start < 2 || t[start-1] != '/' || t[start-2] != '/' || start > 2 && (t[start-3] == ':' || t[start-3] == '/') ||
		end >= len(t) || t[end] != '/' {
		return 0
	}
	p := end
	for p < len(t) && p-end < 2048 && !strings.ContainsRune(" \t\n\"'<>\\", rune(t[p])) {
		p++
	}
	return p
}

// buildName appends to dst the normalised form of b, a run of labels and
// (defanged) dots, and reports whether b is a host name of at least
// minLabels labels and whether any dot was defanged. ASCII names, nearly
// all of them, take one pass that copies, lower-cases and checks at once.
func buildName(dst, b []byte, minLabels int) (out []byte, defanged, ok bool) {
	base := len(dst)
	dst = slices.Grow(dst, len(b))[:base+len(b)]
	w, ls, labels := base, base, 0
	for i := 0; i < len(b); {
		c := b[i]
		if class[c]&cLabel != 0 {
			dst[w] = lower(c)
			w++
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			return buildNameUnicode(dst[:base], b, minLabels)
		}
		k := dotAt(b, i)
		if k == 0 || !validLabel(dst[ls:w]) {
			return dst[:w], false, false
		}
		defanged = defanged || k > 1
		labels++
		dst[w] = '.'
		w++
		ls = w
		i += k
	}
	dst = dst[:w]
	labels++
	ok = labels >= minLabels && w-base <= 253 && validLabel(dst[ls:w]) && validTLD(dst[ls:w], labels)
	return dst, defanged, ok
}

// validLabel checks an ASCII label's length and edges.
func validLabel(l []byte) bool {
	return len(l) > 0 && len(l) <= 63 && l[0] != '-' && l[len(l)-1] != '-'
}

// buildNameUnicode is buildName for names with non-ASCII letters, which
// idna turns into punycode.
func buildNameUnicode(dst, b []byte, minLabels int) (out []byte, defanged, ok bool) {
	base := len(dst)
	labels := 0
	for i := 0; ; {
		j := labelEnd(b, i)
		if j == i {
			return dst, false, false
		}
		dst = appendLower(dst, b[i:j])
		labels++
		if j == len(b) {
			break
		}
		k := dotAt(b, j)
		if k == 0 {
			return dst, false, false
		}
		defanged = defanged || k > 1
		dst = append(dst, '.')
		i = j + k
	}
	if labels < minLabels {
		return dst, false, false
	}
	a, err := idna.Lookup.ToASCII(string(dst[base:]))
	if err != nil {
		return dst, false, false
	}
	dst = append(dst[:base], a...)
	return dst, defanged, validName(dst[base:], minLabels)
}

// validName checks an ASCII name: label lengths, hyphens at label edges, a
// TLD of letters or punycode, 253 bytes at most.
func validName(v []byte, minLabels int) bool {
	if len(v) == 0 || len(v) > 253 || v[len(v)-1] == '.' {
		return false // (idna drops ignorable runes: "a.b.\u034f" ends in a dot)
	}
	labels := 0
	for len(v) > 0 {
		l := v
		i := bytes.IndexByte(v, '.')
		if i >= 0 {
			l, v = v[:i], v[i+1:]
		} else {
			v = nil
		}
		labels++
		if !validLabel(l) {
			return false
		}
		if len(v) == 0 && !validTLD(l, labels) {
			return false
		}
	}
	return labels >= minLabels
}

// validTLD checks the last label of a name of n labels. A one-label name
// (a bare hostname) needs a letter somewhere; a TLD needs letters only, or
// punycode.
func validTLD(l []byte, n int) bool {
	if n == 1 {
		for _, c := range l {
			if isAlpha(c) {
				return true
			}
		}
		return false
	}
	if len(l) > 4 && string(l[:4]) == "xn--" {
		for _, c := range l[4:] {
			if !isAlnum(c) && c != '-' {
				return false
			}
		}
		return true
	}
	if len(l) < 2 {
		return false
	}
	for _, c := range l {
		if !isAlpha(c) {
			return false
		}
	}
	return true
}

// mailboxDomain reports whether the name at t[start] follows a mailbox's
// local part and '@' (j.kim@x.pl), not a package's (socket.io@4.7.5 has
// no name after it) nor a WebDAV host's.
func mailboxDomain(t []byte, start int) bool {
	return start >= 2 && t[start-1] == '@' && (isAlnum(t[start-2]) || t[start-2] == '_' || t[start-2] == '-')
}
