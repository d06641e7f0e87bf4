package ioc

import (
	"bytes"
	"net/netip"
)

// Turning the parts of a URL into its value, screening it, and reporting
// it with its host and the URLs embedded in it.

// buildURL writes the URL's value into e.val and its host's into e.host,
// and screens both.
func (e *Extractor) buildURL(t []byte, u urlParts) (hostType Type, hostReason, reason string, ok bool) {
	// Host first: its value goes into the URL's.
	hb := t[u.host:u.hostEnd]
	e.host = e.host[:0]
	switch {
	case len(hb) == 0:
		hostType, hostReason = Unknown, ""
	case u.bracketed:
		e.tmp = appendRefanged(e.tmp[:0], hb[1:len(hb)-1])
		a, err := netip.ParseAddr(str(e.tmp))
		if err != nil {
			return 0, "", "", false
		}
		e.host, hostType, hostReason = e.v6Value(e.host, a)
	default:
		if v, a, amb, isIP := parseV4(e.host, hb); isIP {
			e.host, hostType, hostReason = v, IPv4, e.screenV4Value(a, amb)
			break
		}
		v, _, valid := buildName(e.host[:0], hb, 1)
		e.host = v
		if !valid {
			return 0, "", "", false
		}
		hostType, hostReason = DNS, e.screenName(v, false, false)
		if d := bytes.LastIndexByte(v, '.'); d > 0 && snakeLabel(v[:d]) || !u.lookable && (titleCase(hb) || reverseDNSName(v) && bytes.IndexByte(t[u.start:u.scheme], '-') >= 0) {
			// No registry allows '_' in a domain: Ray's gcs://_ray_pkg_<hex>.zip
			// names a package in its store, no host to look up on its own;
			// nor is a package's name in title case, as N4 reads one in text
			// (Windows' ms-resource://Microsoft.Windows.Photos/…), or in
			// reverse-DNS order under an app's scheme of joined words (an
			// Android app link's android-app://com.google.android.gm/;
			// ldap://com.evil.org.ru/ is a host).
			hostType, hostReason = Unknown, ""
		}
	}

	v := e.val[:0]
	if u.realScheme != "" {
		v = append(v, u.realScheme...)
	} else {
		v = appendLower(v, t[u.start:u.scheme])
	}
	v = append(v, "://"...)
	if u.userEnd > u.user || u.atLen > 0 {
		v = appendRefanged(v, t[u.user:u.userEnd])
		v = append(v, '@')
	}
	if hostType == IPv6 {
		v = append(v, '[')
		v = append(v, e.host...)
		v = append(v, ']')
	} else {
		v = append(v, e.host...)
	}
	p := u.hostEnd
	if u.hostDot {
		p++
	}
	if u.escaped {
		v = appendUnescaped(v, t[p:u.end])
	} else {
		v = appendRefanged(v, t[p:u.end])
	}
	e.val = v

	switch {
	case !u.lookable:
		reason = ReasonUnsupportedScheme
	case hostReason != "":
		reason = hostReason
	case e.cfg.SkipList.has(URL, v):
		reason = ReasonSkipList
	}
	return hostType, hostReason, reason, true
}

// maxEmbedded bounds the URLs reported from inside one URL, so that text
// made of nested URLs costs linear time.
const maxEmbedded = 8

// tryURL reads a URL whose scheme separator is t[ss:se] and reports it,
// its host if wanted, and the URLs embedded in it. It returns the URL's end.
func (e *Extractor) tryURL(t []byte, lo, ss, se, limit int) (int, bool) {
	if wrappedURLAt(t, se) {
		return 0, false // the URL is the one it wraps, read next
	}
	u, reason, ok := e.reportURL(t, lo, ss, se, limit)
	if !ok {
		return 0, false
	}
	if reason == ReasonVirusTotal {
		return u.end, true // a VirusTotal link: nothing in it is an indicator
	}
	// URLs embedded in this one's path or query (a redirector's target),
	// and in those, found left to right by one loop.
	found := 0
	for p := u.portEnd; p < u.end && found < maxEmbedded; {
		i := bytes.IndexAny(t[p:u.end], ":%")
		if i < 0 {
			break
		}
		base := p
		p += i
		if t[p] == '%' {
			// A percent-encoded target (?url=https%3A%2F%2Fevil.com%2Fx&...,
			// OAuth's redirect_uri=), decoded once as U2 says.
			if start, ok := encodedSchemeStart(t, base, p); ok {
				if end, ok := e.tryEncodedURL(t, start, p); ok {
					found++
					p = max(end, p+1)
					continue
				}
			}
			p++
			continue
		}
		if ss, se, ok := schemeSep(t[:u.end], p); ok {
			if v, _, ok := e.reportURL(t, base, ss, se, u.end); ok {
				found++
				p = max(v.portEnd, p+1)
				continue
			}
		}
		p++
	}
	return u.end, true
}

// wrappedURLAt reports whether a URL VirusTotal looks up starts at t[i],
// right after another scheme's separator: a player's or a tool's scheme
// wrapped around it (TuneIn's and Sonos' "aac://http://stream.evil.net/x",
// "view-source://https://…"). The wrapped URL is the link.
func wrappedURLAt(t []byte, i int) bool {
	j := i
	for j < len(t) && j-i <= 5 && isAlpha(t[j]) {
		j++
	}
	if j == i || j >= len(t) || t[j] != ':' || !lookableScheme(t[i:j]) {
		return false
	}
	_, _, ok := schemeSep(t, j)
	return ok
}

// opcSecurityPolicyURI reports whether the URL u names an OPC UA security
// policy, whatever key it stands under: the standard names each policy by
// a URI under http://opcfoundation.org/UA/SecurityPolicy# (a wind farm
// server's "policy=…#Aes128_Sha256_RsaOaep"), which no client fetches.
func opcSecurityPolicyURI(t []byte, u urlParts) bool {
	const host, path = "opcfoundation.org", "/UA/SecurityPolicy#"
	h := t[u.host:u.hostEnd]
	p := max(u.hostEnd, u.portEnd)
	return len(h) == len(host) && equalFold(h, host) && u.end-p > len(path) && string(t[p:p+len(path)]) == path
}

// reportURL parses, screens and reports one URL and, if wanted (or if
// VirusTotal cannot look the URL up), its host. It returns the URL's parts
// and a reason not to look inside it: its screening reason, or
// ReasonVirusTotal for an XML namespace, which is not reported at all.
func (e *Extractor) reportURL(t []byte, lo, ss, se, limit int) (urlParts, string, bool) {
	u, ok := parseURL(t, lo, ss, se, limit, false)
	if !ok {
		return u, "", false
	}
	if xmlNamespaceAt(t, u.start) || publicDTDAt(t, u.start) || jsonKeyAt(t, u.start, u.end) || vocabularyKeyAt(t, u.start) || opcSecurityPolicyURI(t, u) {
		// A name in URL form, not a link: a namespace, a DTD's, a JSON
		// object's key (a claim named by a URL: LTI's
		// "https://purl.imsglobal.org/spec/lti/claim/roles":, an OIDC
		// provider's namespaced claims). Nothing in it is reported. The
		// hex runs before it are reported first, as emit does for a URL
		// reported (they were dropped with the namespace's).
		e.flushHashes(u.start)
		e.dropHashes(u.end)
		return u, ReasonVirusTotal, true
	}
	hostType, hostReason, reason, ok := e.buildURL(t, u)
	if !ok {
		return u, "", false
	}
	e.emit(URL, e.val, reason, u.start, u.end)
	if !fileURL(t, u) {
		// The URL is what is looked up, not the hex in it. A file: URL is
		// a local path written as a URL, where a hash is what it is in
		// any path (Ghidra's file:///C:/x.bin?MD5=<hex>).
		e.dropHashes(u.end)
	}
	// A URL VirusTotal cannot look up (ldap://, tcp://, ws://) is screened,
	// and its host is looked up in its place.
	if (e.emitHosts || !u.lookable) && hostType != Unknown {
		hs, he := u.host, u.hostEnd
		if u.bracketed {
			hs, he = hs+1, he-1
		}
		e.emit(hostType, e.host, hostReason, hs, he)
	}
	if !u.lookable && !fileURL(t, u) && bytes.IndexByte(t[u.host:u.hostEnd], '.') < 0 {
		e.socketAddressPeer(t, u)
	}
	return u, reason, true
}

// socketAddressPeer reports the address and port right after the host of
// a URL VirusTotal cannot look up, when the host is empty or one label:
// the peer a transport names there, as Java prints a socket's address
// (ActiveMQ's "tcp:///185.243.115.84:50812@61616", "tcp://mq-prod-02/
// 10.20.12.8:61616@41222"). A file: URL's third slash starts a local path.
func (e *Extractor) socketAddressPeer(t []byte, u urlParts) {
	p := max(u.hostEnd, u.portEnd)
	if p >= u.end || t[p] != '/' {
		return
	}
	p++
	q := p
	for q < u.end && q-p < 4 && isDigit(t[q]) {
		q++
	}
	if q == p || q+1 >= u.end || t[q] != '.' {
		return
	}
	r := q
	for r < u.end && (isDigit(t[r]) || t[r] == '.') {
		r++
	}
	if r < u.end && t[r] == ':' {
		e.tryIPv4(t, p, q, q+1)
	}
}

// fileURL reports whether the URL u is a file: URL.
func fileURL(t []byte, u urlParts) bool {
	return u.scheme-u.start == 4 && equalFold(t[u.start:u.scheme], "file")
}

// appendUnescaped appends the rest of a URL that holds escapes ("\/",
// "\=", "\u0026"), refanged and with the escapes read back.
func appendUnescaped(dst, b []byte) []byte {
	base := len(dst)
	dst = appendRefanged(dst, b)
	w := base
	for r := base; r < len(dst); r++ {
		if n := escapeAt(dst, r); n > 0 {
			dst[w] = escapedByte(dst[r : r+n])
			w++
			r += n - 1
			continue
		}
		dst[w] = dst[r]
		w++
	}
	return dst[:w]
}

// xmlNamespaceAt reports whether the URL starting at t[start] is in the
// value of an XML attribute that names a namespace or a schema (xmlns="...",
// xmlns:xsi="...", targetNamespace="...", xsi:schemaLocation="..."): a
// name in URL form, not a link anything was fetched from.
func xmlNamespaceAt(t []byte, start int) bool {
	j := start - 1 // back to the quote that opens the attribute's value
	if j < 0 || t[j] != '"' && t[j] != '\'' && t[j] != ' ' {
		return false
	}
	for j >= 0 && start-j < 256 && t[j] != '"' && t[j] != '\'' && t[j] != '<' && t[j] != '>' {
		j--
	}
	if j > 0 && t[j] == '"' {
		j = escapeBefore(t, j) // an escaped quote: XML in a JSON string (xmlns=\"http://…\")
	}
	if j < 1 || t[j] != '"' && t[j] != '\'' && t[j] != '\\' || t[j-1] != '=' {
		return false
	}
	j--
	k := j
	for k > 0 && j-k < 40 && (isWordByte(t[k-1]) || t[k-1] == ':' || t[k-1] == '-' || t[k-1] == '.') {
		k--
	}
	var buf [40]byte
	name := appendLower(buf[:0], t[k:j])
	return string(name) == "xmlns" || hasPrefix(name, "xmlns:") ||
		hasSuffix(name, "schemalocation") || string(name) == "targetnamespace"
}

// vocabularyKeyAt reports whether the URL starting at t[start] is the
// value of a key whose URL names a vocabulary, as an XML namespace does,
// not a link: quoted, a JSON document's "$schema", JSON-LD's "@context"
// (UltraDNS's "@context":"http://schemas.ultradns.com/SBPool.jsonschema"),
// OData's "@odata.context" (Graph's "…/v1.0/$metadata#…"), a schemaKey's;
// or, quoted or
// not, a WS-Management resource URI (WinRM's "ResourceUri:
// http://schemas.microsoft.com/powershell/Microsoft.PowerShell", a CIM
// class's), which no client fetches; or, after a separator or a space, the
// value of an identifierKey (an algorithm's or a security policy's URI).
func vocabularyKeyAt(t []byte, start int) bool {
	if start > 0 && t[start-1] == '"' && bytes.Contains(t[max(0, start-256):start], []byte("@context")) {
		if as, ae, ok := arrayKey(t, start); ok && keyIs(t[as:ae], "@context") {
			return true // a JSON-LD context's array of IRIs
		}
	}
	ks, ke, sep := fieldKey(t, start)
	if ks == ke {
		return false
	}
	key := t[ks:ke]
	if identifierKey(key) {
		return true // XML-DSig's Algorithm="http://www.w3.org/2001/04/xmlenc#sha256", OPC UA's "SecurityPolicy http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256"
	}
	var buf [40]byte
	if keyEndsWith(key, "algorithm") {
		return true // a key ending in the word: ruby-saml's idp_cert_fingerprint_algorithm=http://www.w3.org/2000/09/xmldsig#sha1, signatureAlgorithm
	}
	if keyIs(key, "uri") && keyIs(wordBefore(buf[:0], t, endOfWordBefore(t, ks)), "algorithm") {
		return true // OpenSAML's "signature algorithm URI: http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
	}
	if jsonLDContext(t, start, ks, ke) {
		return true // JSON-LD's "@context":["https://geojson.org/…context.jsonld",{"@vocab":"https://api.weather.gov/ontology#"}]
	}
	if !sep {
		return false
	}
	if keyIs(key, "resourceuri") {
		return true
	}
	if namespaceLabel(t, ks, ke) {
		return true // an OPC UA server's "Namespace ns=4 registered: http://www.euromap.org/euromap77/"
	}
	return start > 0 && t[start-1] == '"' && (keyIs(key, "$schema") || keyIs(key, "@context") || keyIs(key, "@odata.context") || schemaKey(key))
}

// schemaKey reports whether key names a schema by its URI: CloudEvents'
// "dataschema" (Twilio's "https://events-schemas.twilio.com/…/1"),
// OpenTelemetry's "schemaUrl", a "schema" or "schema_uri", XBRL's "schemaRef",
// DataCite's "schemaVersion" (its kernel's URI).
func schemaKey(key []byte) bool {
	return keyEndsWith(key, "schema", "schemaurl", "schema_url", "schemauri", "schema_uri", "schemaref", "schemaversion", "schema_version")
}

// namespaceLabel reports whether the key at t[ks:ke] ends a label that
// names an XML or OPC UA namespace: "Namespace URI:", or "Namespace"
// and its OPC UA index before the key (an OPC UA server's "Namespace
// ns=4 registered: <uri>"). A Kubernetes namespace is a plain name
// ("namespace prod url: <url>" keeps its URL).
func namespaceLabel(t []byte, ks, ke int) bool {
	if ks < 10 || t[ks-1] != ' ' {
		return false
	}
	if keyIs(t[ks:ke], "uri") {
		return equalFold(t[ks-10:ks-1], "namespace") && (ks == 10 || !isAlnum(t[ks-11]))
	}
	b := ks - 1 // the index: ns=4
	for b > 0 && ks-1-b < 8 && isDigit(t[b-1]) {
		b--
	}
	if b == ks-1 || b < 13 || string(t[b-3:b]) != "ns=" || t[b-4] != ' ' {
		return false
	}
	return equalFold(t[b-13:b-4], "namespace") && (b == 13 || !isAlnum(t[b-14]))
}

// identifierKey reports whether key, written with a separator or as the
// word before the value, names an algorithm or a security policy, whose
// URI identifies it as a namespace does and is never fetched: XML-DSig's
// and XML Encryption's Algorithm attribute, OPC UA's SecurityPolicy (and
// its SecurityPolicyUri).
func identifierKey(key []byte) bool {
	if len(key) > 40 {
		return false
	}
	var buf [40]byte
	k := appendLower(buf[:0], key)
	if i := bytesIndex(k, ':'); i < len(k) {
		k = k[i+1:] // a prefixed attribute: ds:Algorithm
	}
	switch string(k) {
	case "algorithm", "securitypolicy", "securitypolicyuri", "security_policy", "security_policy_uri",
		"namespaceuri", "namespace_uri", "namespaceurl": // OPC UA's NamespaceUri, an XML namespace's URI
		return true
	case "feature": // an XML parser's feature: Xerces' `the feature "http://apache.org/xml/features/disallow-doctype-decl"`
		return true
	case "authncontextclassref", "authncontextdeclref": // SAML's authentication context: SPID's https://www.spid.gov.it/SpidL2
		return true
	}
	return false
}

// publicDTDAt reports whether the URL starting at t[start] is the system
// identifier after a public one in a document type declaration
// (<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">,
// every property list's): a standard DTD's name, as a namespace is. A
// SYSTEM identifier alone, or an entity's (XXE's <!ENTITY % x SYSTEM
// "http://…">), is a link the parser may fetch, and stays one.
func publicDTDAt(t []byte, start int) bool {
	j := start - 1
	if j < 0 || t[j] != '"' && t[j] != '\'' {
		return false
	}
	j = escapeBefore(t, j) // HTML in a JSON string: PUBLIC \"-//W3C//…\" \"http://…\"
	for j > 0 && (t[j-1] == ' ' || t[j-1] == '\t' || t[j-1] == '\n') {
		j--
	}
	if j == 0 || t[j-1] != '"' && t[j-1] != '\'' {
		return false // the public identifier's closing quote
	}
	q := t[j-1]
	j -= 2
	for j >= 0 && start-j < 256 && t[j] != q && t[j] != '<' && t[j] != '>' {
		j--
	}
	if j < 0 || t[j] != q {
		return false
	}
	j = escapeBefore(t, j)
	for j > 0 && (t[j-1] == ' ' || t[j-1] == '\t' || t[j-1] == '\n') {
		j--
	}
	if j < 6 || !equalFold(t[j-6:j], "public") {
		return false
	}
	d := bytes.LastIndex(t[max(0, j-256):j], []byte("<!DOCTYPE"))
	return d >= 0 && bytes.IndexByte(t[max(0, j-256)+d:j], '>') < 0
}

// escapeBefore returns where the quote t[j] starts when JSON escapes it
// (\"): at its backslash; else j.
func escapeBefore(t []byte, j int) int {
	if j > 0 && t[j-1] == '\\' {
		return j - 1
	}
	return j
}

func hasPrefix(w []byte, prefix string) bool {
	return len(w) >= len(prefix) && string(w[:len(prefix)]) == prefix
}

// jsonLDContext reports whether the URL at t[start], under the key
// t[ks:ke], is a JSON-LD vocabulary's IRI: "@vocab"'s, or any string
// inside "@context", an element of its array or a term's definition in
// its object (the National Weather Service's
// "@context":["https://geojson.org/geojson-ld/geojson-context.jsonld",{"wx":"https://api.weather.gov/ontology#"}]).
func jsonLDContext(t []byte, start, ks, ke int) bool {
	if keyIs(t[ks:ke], "@vocab") {
		return true
	}
	if !bytes.Contains(t[max(0, start-512):start], []byte("@context")) {
		return false // (the cheap test first)
	}
	if open, ok := objectOpen(t, ks); ok {
		if oks, oke, ok := objectKey(t, open); ok && keyIs(t[oks:oke], "@context") {
			return true
		}
	}
	return false
}
