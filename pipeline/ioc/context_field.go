package ioc

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The context rules for field names and code: dotted names that are keys,
// query fields, types, placeholders or code, not hosts (N2, N4).

// isFieldName reports whether the dotted name t[start:end] is the name of
// a field rather than a value: a JSON object key or part of one
// ("host.name":, "app.kubernetes.io/name":), a key before '='
// (host.name=WS01), or a key glued to ':' and a value (host.name:WS01,
// dns.question.name:"x"; evil.com:8080 and "evil.com: it" are names). The
// local part of an e-mail address (j.kim@x.com: .kim is a TLD) is no
// name either.
func isFieldName(t []byte, start, end int) bool {
	if end < len(t) {
		switch c := t[end]; c {
		case '@':
			// the local part of an e-mail address: first.name@x.com; not a
			// WebDAV UNC host's \\host@SSL\ or \\host@8080\, nor a Kerberos
			// service principal's host (ldap/dc01.x.de@X.DE)
			return domainAfter(t, end+1) && !spnHost(t, start, end)
		case ' ', '\t':
			if comparedAfter(t, end) {
				return true // a query's field: httpRequest.country != "DE"
			}
			if fieldStateAfter(t, start, end) {
				return true // a record's field and its state: Dynamics' "account.name is empty"
			}
			if end+6 <= len(t) && string(t[end:end+6]) == " FROM " && fieldListBefore(t, start) {
				return true // a query's last field: SELECT crm.customers.email FROM …
			}
			if mailboxAfter(t, end) {
				return true // a mailbox's display name: git's "n.wang <n.wang@x.net>"
			}
		case '#', '+', '%', '!', '$', '*', '^', '~', '_', '-':
			if localPartGoesOn(t, end) {
				return true // first.name+tag@x.com, a guest's x.y_contoso.com#EXT#@z.com
			}
		case '[', '(':
			if _, real := defangAt(t, end); real == "@" {
				return true // first.name[at]x.com
			}
		case ',':
			if fieldListBefore(t, start) {
				return true // a query's list of fields: NRQL's FACET request.headers.host, request.uri; SELECT id, j.user.email, …
			}
		case '=':
			return end+1 >= len(t) || t[end+1] != '='
		case '/':
			if yamlLabelKey(t, start, end) {
				return true // app.kubernetes.io/name: x, a Kubernetes label's key in YAML
			}
			if goMapLabelKey(t, start, end) {
				return true // map[kubernetes.io/hostname:worker-03], a label's key as Go prints a map
			}
			if labelListKey(t, start, end) {
				return true // "app.kubernetes.io/name=x,app.kubernetes.io/part-of=y", a label's key in a selector or a list
			}
		case ':':
			if urnNamespace(t, start) {
				return true // a URN's part: an XML namespace's "urn:mtconnect.org:MTConnectStreams:2.2"
			}
			if start > 1 && t[start-1] == ':' && isAlnum(t[start-2]) {
				// A field of a ':'-separated record, not a key (Thunderbird's
				// IMAP log "0x7f3a…:imap.evil.com:NA:SendData:"), but for the
				// logger after a level (Python's "ERROR:flask.app:…").
				w, ok := levelBefore(t, start-1)
				return ok && (w == 0 || !isAlnum(t[w-1]))
			}
			if start > 1 && t[start-1] == '@' && (isWordByte(t[start-2]) || t[start-2] == '.' || t[start-2] == '-') {
				return false // a mailbox's or a login's host: a combolist's user@evil.com:password, git@evil.com:org/repo (Datadog's "@dns.question.name:x" is a field)
			}
			if netNTLMUser(t, end) {
				return true // NetNTLMv2's user::domain:challenge:…, as hashcat and Responder write it
			}
			if end+1 < len(t) {
				n := t[end+1]
				if n == '=' && end+2 < len(t) && t[end+2] != '=' {
					return true // a filter's field and ":=" (Typesense's filter_by "user.email:=j.kim@x.com")
				}
				// (a name with '-' in a label is a host's, no field path's:
				// acme.sh's "shop.acme-corp-sso.com:Verify error:…")
				if n == ' ' && plainLoggerName(t, start, end) {
					return true // a logger before ": ": discord.py's "[WARNING ] discord.ext.commands.bot: …"
				}
				return (isAlpha(n) || n == '"' || n == '\'' || n == '_') && !serviceAfter(t, end+1) && !recordAfter(t, end+1) && !hyphenBetweenLetters(t[start:end])
			}
			return false
		}
	}
	return jsonKeyAt(t, start, end) || pairNameAt(t, start, end) || sqlTableAt(t, start) || typeValue(t, start, end) || fieldsArrayElement(t, start, end) || plainLoggerName(t, start, end) || taskName(t, start, end) || kafkaTopicNTP(t, start, end) || variableIsValue(t, start, end) || oauthScope(t, start) || fieldListParam(t, start, end) ||
		schemaWordBefore(t, start, end) || prefName(t, start, end) || severityTagName(t, start, end) || phraseCode(t, start, end) ||
		userAgentMetadata(t, start, end) || kafkaResourcePattern(t, start) || auditObjectName(t, start) || rotatedLater(t, start, end) ||
		fieldCodeMessage(t, start, end) || typedResourceName(t, start, end) || dbObjectQuoted(t, start, end) || syslogHeaderID(t, start, end) ||
		keyNamed(t, start, end) || syslogEventName(t, start, end) || syslogTagName(t, start, end) || urnNamespace(t, start) || appProductToken(t, start, end)
}

// appProductToken reports whether the name t[start:end] is an app's
// name and its version, "name/1.2.3", as the whole value of a key naming
// an app, an SDK or a product (Hydrawise's "app":"hydrawise.android/3.12.0"):
// a product token. A user agent's or a client's is written by whoever
// sends the request, so it proves nothing. A path after the version
// ("cdn.evil.com/1.2/x.js") makes it a link.
func appProductToken(t []byte, start, end int) bool {
	if end+4 >= len(t) || t[end] != '/' || !isDigit(t[end+1]) {
		return false
	}
	i, dots := digitsAndDots(t, end+1, 24)
	if dots == 0 || i < len(t) && t[i] != '"' && t[i] != ' ' && t[i] != '\'' && t[i] != ',' && t[i] != ';' {
		return false
	}
	ks, ke, sep := fieldKey(t, start)
	if !sep || ks == ke {
		return false
	}
	return appKeyName(t[ks:ke])
}

// appKeyName reports whether key names an app, an SDK or a product (not
// a user agent or a client, which the request's sender writes).
func appKeyName(key []byte) bool {
	for _, w := range [...]string{"app", "application", "sdk", "product"} {
		if keyIs(key, w) {
			return true
		}
	}
	return false
}

// plainLoggerName reports whether the name t[start:end] is a logger's
// (loggerName) written in one case: a field's name, not reported. A
// logger in mixed case (.NET's "Brunswick.Sync.Lanes.Network") is left to
// inCode, which screens it as code, as a class's name is.
func plainLoggerName(t []byte, start, end int) bool {
	return loggerName(t, start, end) && !caseMixed(t[start:end])
}

// syslogTagName reports whether the name t[start:end] is a BSD syslog
// message's tag, the program's name before its process id, after the
// header's time and host ("Mar 12 10:07:02 um-3 griffin.cloud[904]: …"):
// a process, not a host. A script's name (backup.sh[9921]:) is left to
// the screen, which gives it its reason, file-extension.
func syslogTagName(t []byte, start, end int) bool {
	if start < 4 || t[start-1] != ' ' || end+4 >= len(t) || t[end] != '[' {
		return false
	}
	if d := bytes.LastIndexByte(t[start:end], '.'); d >= 0 && end-start-d <= 8 {
		var buf [8]byte
		if fileExtTLDs[string(appendLower(buf[:0], t[start+d+1:end]))] {
			return false
		}
	}
	i := end + 1
	for i < len(t) && i-end <= 8 && isDigit(t[i]) {
		i++
	}
	if i == end+1 || i+2 >= len(t) || t[i] != ']' || t[i+1] != ':' || t[i+2] != ' ' {
		return false
	}
	h := start - 1 // the host before, and the time before it
	for h > 0 && start-h < 256 && t[h-1] != ' ' {
		h--
	}
	return h > 1 && h < start-1 && t[h-1] == ' ' && (isDigit(t[h-2]) || t[h-2] == 'Z')
}

// urnNamespace reports whether the name at t[start] is inside a URN that
// is an XML namespace or schema, as xmlNamespaceAt reads a URL
// (MTConnect's xmlns:m="urn:mtconnect.org:MTConnectStreams:2.2"): a
// vocabulary's name. A URN elsewhere may hold a host's name (NENA's
// "urn:emergency:uid:callid:<id>:bcf01.esinet.example.net") or a domain
// an analyst would look up (Peppol's "urn:cen.eu:en16931:2017").
func urnNamespace(t []byte, start int) bool {
	if start < 4 || t[start-1] != ':' {
		return false
	}
	b := start
	for b > 0 && start-b < 256 && t[b-1] != ' ' && t[b-1] != '"' && t[b-1] != '\'' {
		b--
	}
	return start-b >= 4 && equalFold(t[b:b+4], "urn:") && xmlNamespaceAt(t, b)
}

// syslogEventName reports whether the name t[start:end] is the first word
// of a syslog message, right after its tag ("app[pid]: "), with key=value
// pairs after it, an outcome word between at most: the event's name (an
// AMC portal's "amc-portal[2291]: auth.fail user=appr_553 src:…"), as
// under an "event" key.
func syslogEventName(t []byte, start, end int) bool {
	if start < 5 || t[start-1] != ' ' || end+2 >= len(t) || t[end] != ' ' {
		return false
	}
	if t[start-2] == '-' && t[start-3] == ' ' {
		if !rfc5424MessageAt(t, start) {
			return false
		}
	} else {
		if t[start-2] != ':' || t[start-3] != ']' {
			return false
		}
		o := bytes.LastIndexByte(t[max(0, start-16):start-3], '[')
		if o < 0 {
			return false
		}
		o += max(0, start-16)
		for i := o + 1; i < start-3; i++ {
			if !isDigit(t[i]) {
				return false // the process id in brackets
			}
		}
	}
	k := end + 1 // the next word is a key glued to '=' or ':'
	w, state := statusWordAt(t, k)
	if w == 0 {
		w = switchStateAt(t, k)
	}
	if w > 0 {
		k += w + 1 // the event's outcome first: a turnstile's "gatectl[1188]: cfg.save ok file=…"
	}
	b := k
	for k < len(t) && k-b < maxKeyLook && isKeyByte(t[k]) {
		k++
	}
	if k == b || k == len(t) || t[k] != '=' && t[k] != ':' {
		return false
	}
	// A record's new state before an indicator's field is a feed's or a
	// resolver's record of a host: "ddns[2211]: c2.duckdns.org updated
	// ip=…", "feedsync[883]: evil.com created type=domain-name".
	return !state || !indicatorFieldKey(t[b:k])
}

// indicatorFieldKey reports whether key names a field of a record about
// a host or an indicator (ip, domain, ttl, type, list, feed…).
func indicatorFieldKey(key []byte) bool {
	for _, w := range [...]string{"ip", "ipv4", "ipv6", "addr", "address", "host", "domain", "src", "dst", "ttl", "list", "type", "source", "category", "feed", "url", "ioc", "indicator", "record", "value"} {
		if keyIs(key, w) {
			return true
		}
	}
	return false
}

// rfc5424MessageAt reports whether the message of an RFC 5424 syslog line
// starts at t[start], after its header and a nil structured data ("<134>1
// TIMESTAMP HOST APP PROCID MSGID - message").
func rfc5424MessageAt(t []byte, start int) bool {
	ls := bytes.LastIndexByte(t[max(0, start-512):start], '\n') + 1 + max(0, start-512)
	if ls >= start || t[ls] != '<' {
		return false
	}
	i := ls + 1
	for i < start && isDigit(t[i]) {
		i++
	}
	if i+2 >= start || t[i] != '>' || t[i+1] != '1' || t[i+2] != ' ' {
		return false
	}
	return bytes.Count(t[i+2:start], []byte{' '}) == 7 // TIMESTAMP HOST APP PROCID MSGID and "-" between single blanks
}

// statusWordAt returns the length of the outcome word at t[i] followed by
// a space ("ok", "failed", "done"…), 0 if there is none; state is true
// for a record's or a job's new state (a dispatch's "load.delivery
// confirmed load=…"). No verdict on traffic (blocked, denied) is one.
func statusWordAt(t []byte, i int) (n int, state bool) {
	if n := spacedWordAt(t, i, outcomeWords[:]); n > 0 {
		return n, false
	}
	n = spacedWordAt(t, i, recordStateWords[:])
	return n, n > 0
}

// The words statusWordAt reads: an event's outcome, and a record's or a
// job's new state.
var (
	outcomeWords     = [...]string{"ok", "failed", "done", "error", "success", "succeeded", "completed", "started", "connected", "disconnected", "up", "down", "joined", "opened", "queued", "fetched", "loaded", "saved"}
	recordStateWords = [...]string{"confirmed", "created", "updated", "deleted", "finished", "scheduled", "skipped", "cancelled", "canceled", "expired", "processed", "synced", "published"}
	switchStateWords = [...]string{"on", "off", "enabled", "disabled", "online", "offline", "active", "inactive"}
)

// spacedWordAt returns the length of the word of words at t[i] followed by
// a space, 0 if there is none.
func spacedWordAt(t []byte, i int, words []string) int {
	for _, w := range words {
		if len(t)-i > len(w) && string(t[i:i+len(w)]) == w && t[i+len(w)] == ' ' {
			return len(w)
		}
	}
	return 0
}

// switchStateAt returns the length of a switch's state at t[i] followed
// by a space and a key that sets the switch (a helideck's "deck.lighting
// on mode=GREEN"), 0 if there is none. Before any other key the word is
// a host's ("c2.evil.com on port=8443", "relay.evil.net online since=…",
// a monitor's "online state=up", an RPZ's "enabled value=NXDOMAIN").
func switchStateAt(t []byte, i int) int {
	n := spacedWordAt(t, i, switchStateWords[:])
	if n == 0 {
		return 0
	}
	k := i + n + 1
	b := k
	for k < len(t) && k-b < maxKeyLook && isKeyByte(t[k]) {
		k++
	}
	if k == b || k == len(t) || t[k] != '=' {
		return 0
	}
	for _, s := range [...]string{"mode", "setpoint", "sp", "brightness", "intensity", "speed", "dimmer"} {
		if keyIs(t[b:k], s) {
			return n
		}
	}
	return 0
}

// keyNamed reports whether the name t[start:end] is a key that a message
// names: quoted after the word "key" or "property" (a missing translation's
// "Missing key 'checkout.cta.save' in de", "unknown property
// \"server.port\""), or a missing key as i18next logs one, "missingKey
// <language> <namespace> <key>".
func keyNamed(t []byte, start, end int) bool {
	if start < 5 {
		return false
	}
	if q := t[start-1]; (q == '\'' || q == '"') && end < len(t) && t[end] == q && t[start-2] == ' ' {
		var buf [16]byte
		w := wordBefore(buf[:0], t, start-2)
		return string(w) == "key" || string(w) == "property"
	}

	if t[start-1] != ' ' || !bytes.Contains(t[max(0, start-64):start], []byte("missingKey")) {
		return false // (the cheap test first: nearly every name has no such word before it)
	}
	k := start - 1
	for range 3 { // the language and the namespace between
		b, _, ok := spacedWordBefore(t, k+1, isTokenByte, " ")
		if !ok {
			return false
		}
		if string(t[b:k]) == "missingKey" {
			return true
		}
		k = b - 1
		if k < 1 || t[k] != ' ' {
			return false
		}
	}
	return false
}

// syslogHeaderID reports whether the name t[start:end] is the MSGID
// field of an RFC 5424 syslog header, "<PRI>1 TIMESTAMP HOSTNAME APP-NAME
// PROCID MSGID …" (GE's ADMS: "<131>1 2024-03-12T09:25:42.118Z adms-int01
// PowerOn 6201 INT.WEATHER - …"): a message type's name; the HOSTNAME
// field is a host, and an APP-NAME that is a file's name is screened as
// one (OPNsense's configd.py).
func syslogHeaderID(t []byte, start, end int) bool {
	if start < 12 || t[0] != '<' || end >= len(t) || t[end] != ' ' {
		return false
	}
	i := 1
	for i < len(t) && i < 5 && isDigit(t[i]) {
		i++
	}
	if i == 1 || i+2 >= len(t) || t[i] != '>' || t[i+1] != '1' || t[i+2] != ' ' {
		return false
	}
	field := 0 // the timestamp is field 0
	for k := i + 3; k < start && field <= 4; k++ {
		if t[k] == ' ' {
			field++
		}
	}
	return t[start-1] == ' ' && field == 4
}

// typedResourceName reports whether the quoted name t[start:end] is the
// "name" member of an object whose type member, a key ending in "type",
// says it is a topic, a queue, a table, a collection or a consumer group
// (OPA's Kafka input, "resourcePattern":{"name":"payments.events",
// "resourceType":"TOPIC"}): a schema's name, no host.
func typedResourceName(t []byte, start, end int) bool {
	if start < 8 || t[start-1] != '"' || end >= len(t) || t[end] != '"' {
		return false
	}
	ks, ke, sep := fieldKey(t, start)
	if !sep || !keyIs(t[ks:ke], "name") {
		return false
	}
	open, ok := objectOpen(t, ks)
	if !ok {
		return false
	}
	obj := t[open:min(len(t), end+256)]
	if c := bytes.IndexByte(obj[end-open:], '}'); c >= 0 {
		obj = obj[:end-open+c]
	}
	return typeMemberIs(obj, func(v []byte) bool {
		for _, kind := range [...]string{"topic", "queue", "table", "collection", "group", "stream"} {
			if equalFold(v, kind) {
				return true
			}
		}
		return false
	})
}

// fieldCodeMessage reports whether the name t[start:end] ends in a field's
// code of an NCIC or Nlets message, fields written ".XXX/value" in
// capitals ("QW.WA0340000.NAM/FORD, KEVIN J.SEX/M.RAC/W.DOB/19890412"):
// its last label, two to four capitals, comes before '/', and two more
// such codes stand near it. J.SEX is a name's initial and a field.
func fieldCodeMessage(t []byte, start, end int) bool {
	if end >= len(t) || t[end] != '/' {
		return false
	}
	d := bytes.LastIndexByte(t[start:end], '.')
	if d < 0 || end-(start+d+1) < 2 || end-(start+d+1) > 4 {
		return false
	}
	for _, c := range t[start+d+1 : end] {
		if !isUpper(c) {
			return false
		}
	}
	lo, hi := max(0, start-200), min(len(t), end+200)
	if q := bytes.LastIndexAny(t[lo:start], "\"\n"); q >= 0 {
		lo += q + 1 // the message: its quotes or its line
	}
	if q := bytes.IndexAny(t[end:hi], "\"\n"); q >= 0 {
		hi = end + q
	}
	near := t[lo:hi]
	codes := 0
	for i := 0; i+5 < len(near); i++ {
		if near[i] == '.' && isUpper(near[i+1]) && isUpper(near[i+2]) && isUpper(near[i+3]) && near[i+4] == '/' {
			codes++
		}
	}
	return codes >= 3
}

// rotatedLater reports whether the name t[start:end], its last label a
// word of four letters or more, comes back later in the line with a
// rotation's number glued after a dot, as log files are rotated: LSF's "Switched lsb.events; 48213 records moved to
// lsb.events.1" names a file twice, no host.
func rotatedLater(t []byte, start, end int) bool {
	name := t[start:end]
	if d := bytes.LastIndexByte(name, '.'); d < 0 || len(name)-d-1 < 4 {
		return false // com, net, io: a host's TLD; a log's name ends in a word (events, messages)
	}
	rest := t[end:min(len(t), end+160)]
	for {
		i := bytes.Index(rest, name)
		if i < 0 {
			return false
		}
		j := i + len(name)
		if j+1 < len(rest) && rest[j] == '.' && isDigit(rest[j+1]) && (i == 0 || !isAlnum(rest[i-1]) && rest[i-1] != '.' && rest[i-1] != '-') {
			return true
		}
		rest = rest[j:]
	}
}

// kafkaResourcePattern reports whether the name at t[start] is the name
// of a Kafka ACL's resource pattern, "Type:PATTERN:name" (the
// authorizer's "resource = Topic:LITERAL:payments.events").
func kafkaResourcePattern(t []byte, start int) bool {
	if start < 12 || t[start-1] != ':' {
		return false
	}
	for _, p := range [...]string{":LITERAL:", ":PREFIXED:", ":MATCH:"} {
		if k := start - len(p); k > 4 && string(t[k:start]) == p {
			var buf [16]byte
			switch string(wordBefore(buf[:0], t, k)) {
			case "topic", "group", "cluster", "transactionalid", "delegationtoken":
				return true
			}
		}
	}
	return false
}

// auditObjectName reports whether the name at t[start] follows, after a
// comma, the type of a database object in capitals, as pgaudit's CSV
// writes an object ("AUDIT: OBJECT,5,1,READ,SELECT,TABLE,public.events,…").
func auditObjectName(t []byte, start int) bool {
	if start < 6 || t[start-1] != ',' {
		return false
	}
	w := start - 1
	for w > 0 && start-1-w < 20 && (isUpper(t[w-1]) || t[w-1] == ' ') {
		w--
	}
	if w == 0 || t[w-1] != ',' {
		return false
	}
	switch string(t[w : start-1]) {
	case "TABLE", "VIEW", "MATERIALIZED VIEW", "INDEX", "SEQUENCE", "FUNCTION", "SCHEMA", "FOREIGN TABLE":
		return true
	}
	return false
}

// userAgentMetadata reports whether the name t[start:end] is the value of
// a word/value token (the word in lower case) in a user agent whose
// earlier tokens give products and their dotted versions: aws-cli's "aws-cli/2.15.30 Python/3.11.8 …
// command/s3.ls" names the command run (.ls is a TLD), not a host.
func userAgentMetadata(t []byte, start, end int) bool {
	if start < 4 || t[start-1] != '/' || end < len(t) && t[end] != ' ' && t[end] != '"' {
		return false
	}
	w := start - 1
	for w > 0 && start-1-w < 24 && (isLower(t[w-1]) || t[w-1] == '-') {
		w--
	}
	if w == start-1 || w == 0 || t[w-1] != ' ' {
		return false // a word in lower case at a token's start (Squid's DIRECT/host is a hierarchy's host)
	}
	for k := w - 1; k > 1 && w-k < 160; k-- {
		switch c := t[k]; {
		case c == '"' || c == '\n' || c == '\'':
			return false // the user agent's start: no product token before
		case c == '/' && isAlpha(t[k-1]) && k+3 < w && isDigit(t[k+1]) && dottedVersionAt(t[k+1:w]):
			return true // a product and its version: Python/3.11.8 (not a status, TCP_MISS/200)
		}
	}
	return false
}

// dottedVersionAt reports whether v starts with digits, a dot and a digit.
func dottedVersionAt(v []byte) bool {
	i := 0
	for i < len(v) && isDigit(v[i]) {
		i++
	}
	return i > 0 && i+1 < len(v) && v[i] == '.' && isDigit(v[i+1])
}

// phraseCode reports whether the name t[start:end], in brackets after the
// words it codes, is the code of that phrase: its labels (and their parts
// between '-'), three letters or more each and in lower case, begin words
// of the clause just before the bracket, in order (Stalwart's "result =
// SPF check failed (spf.fail)"). A host in brackets names something the clause does not:
// "mail server (mail.evil.com)", "Google DNS (dns.google)".
func phraseCode(t []byte, start, end int) bool {
	if start < 2 || t[start-1] != '(' || end >= len(t) || t[end] != ')' || t[start-2] != ' ' {
		return false
	}
	name := t[start:end]
	for _, c := range name {
		if isUpper(c) {
			return false // a code is written in lower case; an assembly's name (Umbraco.Cms.Api.Delivery) is code
		}
	}
	text := t[max(0, start-96) : start-1]
	if c := bytes.LastIndexAny(text, "\n=,:;("); c >= 0 {
		text = text[c+1:] // the clause
	}
	for i := 0; i < len(name); {
		j := i
		for j < len(name) && name[j] != '.' && name[j] != '-' {
			j++
		}
		k := wordStartingWith(text, name[i:j])
		if j-i < 3 || k < 0 {
			return false
		}
		text = text[k+j-i:] // the next part begins a later word
		i = j + 1
	}
	return true
}

// wordStartingWith returns where the first word of text that begins
// with part, in any case, starts; -1 if none does.
func wordStartingWith(text, part []byte) int {
	for k := 0; k+len(part) <= len(text); k++ {
		if (k == 0 || !isAlpha(text[k-1])) && bytes.EqualFold(text[k:k+len(part)], part) {
			return k
		}
	}
	return -1
}

// severityTagName reports whether the name t[start:end] is an event's or
// a component's, in angle brackets after its severity and ':', as
// ExtremeXOS writes its log ("<Erro:EPM.Upgrade.Fail>", "<Noti:…>").
func severityTagName(t []byte, start, end int) bool {
	if end >= len(t) || t[end] != '>' || start < 6 || t[start-1] != ':' {
		return false
	}
	w := alphaRunBefore(t, start-1, 9)
	if w == 0 || t[w-1] != '<' {
		return false
	}
	var buf [9]byte
	uw := buf[:0]
	for _, c := range t[w : start-1] {
		uw = append(uw, c&^0x20) // letters only: upper case, as levelWord reads them
	}
	switch string(uw) {
	case "CRIT", "ERRO", "WARN", "NOTI", "INFO", "SUMM", "VERB", "DEBU": // ExtremeXOS's abbreviations
		return true
	}
	return levelWord(uw)
}

// prefName reports whether the name t[start:end] is a Mozilla
// preference's, the first argument of user_pref("…", …) (prefCallAt):
// identity.fxaccounts.account.device.name is a setting, not a host.
func prefName(t []byte, start, end int) bool {
	return start > 0 && prefCallAt(t, start-1) && end+1 < len(t) && t[end] == '"' && t[end+1] == ','
}

// hyphenBetweenLetters reports whether name joins two letters with '-',
// as host names do (acme-corp-sso.com) and field paths and module names
// do not; a date's "1991-05" in an iSCSI name is no such hyphen.
func hyphenBetweenLetters(name []byte) bool {
	for i := 1; i+1 < len(name); i++ {
		if name[i] == '-' && isAlpha(name[i-1]) && isAlpha(name[i+1]) {
			return true
		}
	}
	return false
}

// alphaRunBefore returns where the run of letters ending at t[end]
// starts, reading back at most max letters.
func alphaRunBefore(t []byte, end, max int) int {
	w := end
	for w > 0 && end-w < max && isAlpha(t[w-1]) {
		w--
	}
	return w
}

// schemaWordBefore reports whether the name t[start:end] follows a word
// naming a field of a schema (field, column, property, attribute,
// parameter) or a table: in quotes after it ("Required field 'assay.date'"), or
// right after it where the word starts a message (Benchling's "Field
// assay.date changed type Text -> Date"). In prose ("visit the field
// evil.date") the word starts nothing, and the name stays one.
func schemaWordBefore(t []byte, start, end int) bool {
	s := start
	quoted := s > 0 && (t[s-1] == '\'' || t[s-1] == '"' || t[s-1] == '`')
	if quoted {
		if end >= len(t) || t[end] != t[s-1] {
			return false
		}
		s--
	}
	if s < 2 || t[s-1] != ' ' {
		return false
	}
	we := s - 1
	ws := alphaRunBefore(t, we, 10)
	var buf [10]byte
	switch string(appendLower(buf[:0], t[ws:we])) {
	case "field", "column", "property", "attribute", "parameter",
		"table",                                          // SAS's "NOTE: Table WORK.REVIEW created"
		"right",                                          // macOS Authorization Services' "right 'system.install.software'"
		"subject", "topic", "queue", "stream", "channel", // a message broker's: NATS's Subject "payments.card.events"
		"route": // a web framework's: Symfony's Matched route "frontend.checkout.finish.page"
	default:
		return false
	}
	if quoted || ws == 0 {
		return true
	}
	switch t[ws-1] {
	case '"', '\'', '(', '\n', '\t':
		return true
	case ' ':
		return ws >= 2 && (t[ws-2] == ':' || t[ws-2] == ',' || t[ws-2] == ';')
	}
	return false
}

// spnHost reports whether the name t[start:end] is the host of a Kerberos
// service principal name, service class first and realm in capitals after
// '@' (klist's ldap/nwdc01.nordwind-logistik.de@NORDWIND-LOGISTIK.DE,
// HTTP/web.x.com@X.COM): a host, where a mailbox's local part is none.
func spnHost(t []byte, start, end int) bool {
	if start < 3 || t[start-1] != '/' || !isAlpha(t[start-2]) {
		return false
	}
	k := start - 1
	for k > 0 && start-k < 24 && isAlnum(t[k-1]) {
		k--
	}
	if k > 0 && !valueOpener(t[k-1]) && t[k-1] != '\t' {
		return false // a path's folder, not a service class at a value's start
	}
	return kerberosRealmAt(t, end+1)
}

// kerberosRealmAt reports whether a Kerberos realm starts at t[i]: a
// dotted name in capitals (CORP.ACME-CORP.COM), not the start of a word
// in lower case nor an address.
func kerberosRealmAt(t []byte, i int) bool {
	r, letters := i, false
	for r < len(t) && (isUpper(t[r]) || isDigit(t[r]) || t[r] == '.' || t[r] == '-') {
		letters = letters || isUpper(t[r])
		r++
	}
	return letters && (r == len(t) || !isLower(t[r])) && bytes.IndexByte(t[i:r], '.') > 0 // not an address: PgBouncer's db/user@10.20.4.11
}

// typeValue reports whether the name t[start:end] is the whole value of a
// key whose last word is "type", "event" or "model" (typeKeyWords), after
// '=', a quote or ": ", or of a command-line switch so named after a space
// (a CloudEvent's attributes as Knative prints them, "type:
// dev.knative.sources.ping"): the name of a type, an
// application's model (NetBox's "changed_object_type":"dcim.site", Django's
// "content_type":"auth.user"), or of an event (Teleport's
// "event":"session.network"), not a host.
func typeValue(t []byte, start, end int) bool {
	if end < len(t) && t[end] != '"' && t[end] != '\'' && t[end] != ',' && t[end] != ';' && t[end] != ' ' && t[end] != '\t' && t[end] != '\r' && t[end] != '\n' && t[end] != '}' && t[end] != ')' && // (Photon's "{(String)queue=ranked.games}")
		!(t[end] == '\\' && end+1 < len(t) && t[end+1] == '"') { // (a JSON string's escaped quote: Elasticsearch's slowlog source)
		return false // the whole value (a host before a path, "@type":"type.googleapis.com/…", stays U7's)
	}
	var ks, ke int
	switch {
	case start < 2:
		return false
	case t[start-1] == '"' || t[start-1] == '\'' || t[start-1] == '=' || t[start-1] == ' ' && t[start-2] == ':': // (a Python dict's quotes: a Celery result's {'queue': 'badge.events'})
		var sep bool
		if ks, ke, sep = fieldKey(t, start); !sep {
			return false
		}
	case t[start-1] == ' ':
		var ok bool
		if ks, ke, ok = switchBefore(t, start-1); !ok {
			return false // containerd-shim's "-namespace k8s.io"
		}
	default:
		return false
	}
	if ls, le, ok := cefLabel(t, ks, ke); ok {
		// a CEF custom field's label is its key (Genetec's "cs4Label=Field
		// cs4=cardholder.email"), its last word whole: labels are prose, and
		// a threat feed's "MISP Attribute" or an "Attack Subtype" holds an
		// indicator, and a bare "Event" or "Type" label may hold anything
		if equalFold(t[ls:le], "type") || equalFold(t[ls:le], "event") {
			return false
		}
		var last []byte
		for a, b := nextKeyWord(t[ls:le], 0); a < le-ls; a, b = nextKeyWord(t[ls:le], b) {
			last = t[ls+a : ls+b]
		}
		for _, w := range [...]string{"field", "type", "event", "queue", "topic", "model", "logger"} {
			if equalFold(last, w) {
				return true
			}
		}
		return false
	}
	return keyEndsWith(t[ks:ke], typeKeyWords...) || wordNameKey(t[ks:ke], namedKeyWords...) || keyIs(t[ks:ke], "ns") // MongoDB's namespace, "ns":"telemetry.events"
}

// switchBefore returns the name of the command-line switch that ends at
// t[end], a space before its value ("-namespace k8s.io", "--queue x"):
// letters, '-' and '_' after one or two '-' at a token's start.
func switchBefore(t []byte, end int) (ks, ke int, ok bool) {
	ks = end
	for ks > 0 && end-ks < maxKeyLook && (isAlpha(t[ks-1]) || t[ks-1] == '_' || t[ks-1] == '-' && ks > 1 && isAlpha(t[ks-2])) {
		ks--
	}
	d := ks
	for d > 0 && ks-d < 2 && t[d-1] == '-' {
		d--
	}
	return ks, end, d < ks && ks < end && (d == 0 || t[d-1] == ' ' || t[d-1] == '"' || t[d-1] == '\t')
}

// typeKeyWords end the keys whose whole value is a type's or a code
// object's name, not a host: type (changed_object_type, contentType),
// event (audit_event), a data model (Odoo's "model: res.company",
// res_model), a task queue's task (Celery's message header "task"), a
// schema's field (commercetools' error {"field":"shippingAddress.email"}),
// an SDK (Sentry's "sdk":"sentry.java.android"), a route (Symfony's
// "route":"frontend.checkout.finish.page"), a logger (zap's
// "logger":"pydio.grpc.jobs"), a message queue or topic (a worker's
// --queue=ledger.events), a namespace (containerd's "-namespace
// k8s.io": Kubernetes' namespace of containers, no host), a trait, a
// fact's kind (Caldera's "trait":"host.user.name"), a database's
// collection (MongoDB Atlas' "collection":"sessions.live") and an object's
// property or attribute (Axway's audit "property=account.email").
var typeKeyWords = []string{"type", "event", "model", "task", "field", "sdk", "route", "logger", "queue", "topic", "namespace", "trait", "collection", "property", "attribute"}

// namedKeyWords, before "name" (task_name, loggerName, Imperva's
// "parameter_name":"billingAddress.email"), end keys of the same kind.
var namedKeyWords = []string{"task", "logger", "field", "parameter", "param", "property", "attribute", "column"}

// keyEndsWith reports whether key ends in one of words, in any case.
func keyEndsWith(key []byte, words ...string) bool {
	for _, w := range words {
		if len(key) >= len(w) && equalFold(key[len(key)-len(w):], w) {
			return true
		}
	}
	return false
}

// pluralKeyEndsWith is keyEndsWith for key without a plural's 's'
// ("scopes", "fields").
func pluralKeyEndsWith(key []byte, words ...string) bool {
	if len(key) > 0 && lower(key[len(key)-1]) == 's' {
		key = key[:len(key)-1]
	}
	return keyEndsWith(key, words...)
}

// wordNameKey reports whether key ends in one of words and then "name",
// with or without a separator between them (task_name, taskName,
// parameter-name).
func wordNameKey(key []byte, words ...string) bool {
	if len(key) < 8 || !equalFold(key[len(key)-4:], "name") {
		return false
	}
	key = key[:len(key)-4]
	if c := key[len(key)-1]; c == '_' || c == '-' || c == '.' {
		key = key[:len(key)-1]
	}
	return keyEndsWith(key, words...)
}

// taskName reports whether the dotted name t[start:end] names a task of a
// task queue, a module's function, as Celery writes one: glued to the
// task's id in brackets ("Task notify.email[<uuid>] received",
// "Received task: notify.email[<uuid>]"), or in brackets after the name
// of the schedule's entry that runs it ("Sending due task weekly-digest
// (notify.email)"). A host is never glued to a UUID in brackets.
func taskName(t []byte, start, end int) bool {
	if end < len(t) && t[end] == '[' && uuidAt(t, end+1) && end+37 < len(t) && t[end+37] == ']' {
		return true
	}
	if start < 7 || t[start-1] != '(' || end >= len(t) || t[end] != ')' || t[start-2] != ' ' {
		return false
	}
	j := start - 2
	k := j
	for k > 0 && j-k < 64 && t[k-1] != ' ' {
		k-- // the entry's name: any token
	}
	if k == j || k == 0 || t[k-1] != ' ' {
		return false
	}
	var buf [8]byte
	return keyIs(wordBefore(buf[:0], t, k-1), "task")
}

// uuidAt reports whether t[i:] starts with a UUID in its text form
// (8-4-4-4-12 hex digits).
func uuidAt(t []byte, i int) bool {
	if i+36 > len(t) {
		return false
	}
	for n, c := range t[i : i+36] {
		switch n {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

// dbObjectQuoted reports whether the quoted name t[start:end] follows a
// word by which a database's messages name a table or another object,
// "relation" above all (PostgreSQL's `relation "audit.events" does not
// exist`, `permission denied for table "x.y"`, `index "x.y"`, `view`,
// `sequence`): a schema and an object, not a host.
func dbObjectQuoted(t []byte, start, end int) bool {
	if start < 8 || t[start-1] != '"' || end >= len(t) || t[end] != '"' {
		return false
	}
	k := start - 1
	if t[k-1] == '\\' {
		k-- // escaped in JSON text
	}
	if t[k-1] != ' ' {
		return false
	}
	var buf [16]byte
	switch string(wordBefore(buf[:0], t, k-1)) {
	case "relation", "table", "view", "sequence", "index":
		return true
	}
	return false
}

// sqlTableAt reports whether the name at t[start] is the table a SQL
// statement names, schema first (FROM crm.customers c JOIN finance.cards
// p): after FROM, JOIN, INTO, UPDATE or TABLE, in a text that holds a
// statement's verb in the same case ("traffic from evil.com" is prose).
func sqlTableAt(t []byte, start int) bool {
	if start < 6 || t[start-1] != ' ' {
		return false
	}
	switch lower(t[start-2]) {
	case 'm', 'n', 'o', 'e': // from, join, into, update, table: the cheap test first
	default:
		return false
	}
	b, e, ok := spacedWordBefore(t, start, isAlpha, " ")
	w := t[b:e]
	if !ok || len(w) < 4 || len(w) > 6 {
		return false
	}
	if !equalFold(w, "from") && !equalFold(w, "join") && !equalFold(w, "into") && !equalFold(w, "update") && !equalFold(w, "table") {
		return false
	}
	verbs := sqlVerbs
	if isUpper(w[0]) {
		verbs = sqlVerbsUpper
	}
	for _, v := range verbs {
		if bytes.Contains(t, v) {
			return true
		}
	}
	return false
}

var (
	sqlVerbs      = [][]byte{[]byte("select "), []byte("insert "), []byte("update "), []byte("delete ")}
	sqlVerbsUpper = [][]byte{[]byte("SELECT "), []byte("INSERT "), []byte("UPDATE "), []byte("DELETE ")}
)

// yamlLabelKey reports whether the name t[start:end] begins a YAML key
// with a path, as Kubernetes writes its labels and annotations
// (app.kubernetes.io/name: x, helm.sh/chart: y): the name starts its line
// (after indentation or a list's "- "), and a word after '/' ends at ':'
// and a space.
func yamlLabelKey(t []byte, start, end int) bool {
	k := end + 1
	for k < len(t) && k-end < 64 && (isWordByte(t[k]) || t[k] == '-' || t[k] == '.') {
		k++
	}
	if k == end+1 || k >= len(t) || t[k] != ':' || k+1 < len(t) && t[k+1] != ' ' {
		return false
	}
	b := start
	for b > 0 && (t[b-1] == ' ' || t[b-1] == '\t' || t[b-1] == '-' && b >= 2 && t[b-2] == ' ' || t[b-1] == '"' || t[b-1] == '\'') {
		b--
	}
	return b == 0 || t[b-1] == '\n' || t[b-1] == '-' && b == 1
}

// labelListKey reports whether the name t[start:end] begins a label's
// key with a path in a list of key=value labels or a label selector, as
// Kubernetes' tools write one (KubeArmor's "Labels":"app.kubernetes.io/
// name=x,app.kubernetes.io/part-of=y", kubectl's -l and label arguments):
// one word after '/', then '=' or "!=" and a value, the name at a value's
// or an item's start or after -l or --selector. A host's path holds a
// folder or a file there, and '=' comes only after '?'.
func labelListKey(t []byte, start, end int) bool {
	k := end + 1
	for k < len(t) && k-end < 64 && (isWordByte(t[k]) || t[k] == '-' || t[k] == '.') {
		k++
	}
	if k == end+1 || k+1 >= len(t) {
		return false
	}
	if t[k] == '!' {
		k++
	}
	if t[k] != '=' || k+1 >= len(t) || t[k+1] == '=' {
		return false
	}
	if start == 0 {
		return true
	}
	switch t[start-1] {
	case ',', '"', '\'', '{', '(':
		return true // (not after '=': OpenSSL's subject, commonName=gw.x.com/organizationName=…, holds a host)
	case ' ':
		// kubectl's selector switch; after another space the name may be
		// a request's host and path (GET evil.com/dl=1)
		return start >= 3 && string(t[start-3:start]) == "-l " || start >= 11 && string(t[start-11:start]) == "--selector "
	}
	return false
}

// goMapLabelKey reports whether the name t[start:end] begins a key with a
// path in a map as Go's fmt prints one, "map[k:v k:v]": the name opens the
// map or follows a space in it, and a word after '/' ends at ':'
// (OpenEBS's "labels {map[kubernetes.io/hostname:worker-03]}").
func goMapLabelKey(t []byte, start, end int) bool {
	k := end + 1
	for k < len(t) && k-end < 64 && (isWordByte(t[k]) || t[k] == '-' || t[k] == '.') {
		k++
	}
	if k == end+1 || k >= len(t) || t[k] != ':' {
		return false
	}
	o := bytes.LastIndex(t[max(0, start-512):start], []byte("map["))
	if o < 0 {
		return false
	}
	o += max(0, start-512) + 4
	if o != start && t[start-1] != ' ' || bytes.IndexByte(t[o:start], ']') >= 0 {
		return false
	}
	return true
}

// serviceAfter reports whether a port's service name, as lsof, netstat -a
// and Process Monitor write a port (evil.com:https, x.net:mdns), starts at
// t[i] and ends there: the name before the colon is a host, not a key.
func serviceAfter(t []byte, i int) bool {
	j := i
	for j < len(t) && j-i < 16 && (isAlnum(t[j]) || t[j] == '-') {
		j++
	}
	if j < len(t) && (isWordByte(t[j]) || t[j] == '.' || t[j] == ':' || t[j] == '=') {
		return false
	}
	var buf [16]byte
	switch string(appendLower(buf[:0], t[i:j])) {
	case "http", "https", "http-alt", "ssh", "smtp", "smtps", "submission", "domain", "mdns", "llmnr",
		"ftp", "ftps", "telnet", "imap", "imaps", "pop3", "pop3s", "ldap", "ldaps", "kerberos", "ntp",
		"snmp", "syslog", "microsoft-ds", "netbios-ssn", "ms-wbt-server", "socks", "sip", "irc", "xmpp-client":
		return true
	}
	return false
}

// recordAfter reports whether a DNS record's type and class follow the
// name before t[i-1], as resolvers write a question or an answer
// (MikroTik's name:A:IN, name:AAAA:IN:300=addr): the name is the record's
// owner, not a key. The class must follow, so host.name:A stays a key.
func recordAfter(t []byte, i int) bool {
	j := i
	for j < len(t) && j-i < 10 && isAlnum(t[j]) {
		j++
	}
	if j == i || j+3 > len(t) || t[j] != ':' || !isUpperWord(t[i:j]) {
		return false
	}
	switch string(t[j+1 : j+3]) {
	case "IN", "CH", "HS":
		return j+3 == len(t) || !isWordByte(t[j+3])
	}
	return false
}

// isUpperWord reports whether w is made of capital letters and digits,
// starting with a letter (a DNS record type: A, AAAA, TXT, NSEC3).
func isUpperWord(w []byte) bool {
	if len(w) == 0 || !isUpper(w[0]) {
		return false
	}
	for _, c := range w {
		if !isUpper(c) && !isDigit(c) {
			return false
		}
	}
	return true
}

// domainAfter reports whether a host follows an '@' at t[i-1], so that
// the name before it is a mailbox's or an account's local part: a dotted
// name (or a defanged dot), an IPv4 address (MySQL's 'n.wang'@'10.20.6.14'),
// or a single word (Postgres's user@database, a prompt's user@host). Not
// a package's version or tag (socket.io@4.7.5, @latest), nor a WebDAV
// host's @SSL\ or @8080\ (\\host@SSL\share: the name is the host).
func domainAfter(t []byte, i int) bool {
	j := i
	letters := false
	for j < len(t) && (class[t[j]]&cLabel != 0 || t[j] >= 0x80) {
		letters = letters || !isDigit(t[j])
		j++
	}
	if j == i {
		return false
	}
	if j < len(t) && t[j] == '.' && !letters {
		dots, k := 1, j+1
		for ; k < len(t) && (class[t[k]]&cLabel != 0 || t[k] == '.' || t[k] >= 0x80); k++ {
			if !isDigit(t[k]) && t[k] != '.' {
				return true // 163.com
			}
			if t[k] == '.' {
				dots++
			}
		}
		return dots == 3 // an IPv4 address; three numbers are a version
	}
	if j < len(t) && (t[j] == '.' || t[j] == '[' || t[j] == '(') {
		return true
	}
	if !letters || j < len(t) && (t[j] == '\\' || t[j] == '@') {
		return false // a port, or WebDAV's @SSL\
	}
	var buf [8]byte
	switch string(appendLower(buf[:0], t[i:min(j, i+8)])) {
	case "latest", "next", "beta", "alpha", "canary", "rc", "stable", "dev":
		return false // an npm dist-tag
	case "ssl":
		return false // WebDAV's host@SSL, at the end of a value too (event 4648)
	}
	return true
}

// comparedAfter reports whether spaces and a comparison of a query
// language (!=, ==, =~, !~, <=, >=, <>, or "in (" a list) follow t[:end]:
// what is compared is a field. A single '=' with spaces is left out: "url = evil.com" in prose.
func comparedAfter(t []byte, end int) bool {
	i := end
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i+1 >= len(t) {
		return false
	}
	switch lower(t[i]) {
	case 'l', 'i', 'r', 'n': // like, ilike, rlike, not, is: the cheap test first
		if sqlWordOperator(t, i) {
			return true // request.headers.host NOT LIKE '%.x.com', x.y IS NULL
		}
	}
	switch string(t[i : i+2]) {
	case "!=", "==", "=~", "!~", "<=", ">=", "<>":
		return true
	case "in":
		// a list's membership: Falco's proc.name in (curl, wget), KQL's
		// in ("a", "b"); a list has a comma ("evil.com in (roughly) 3 s"
		// is prose)
		j := i + 2
		for j < len(t) && t[j] == ' ' {
			j++
		}
		if j == i+2 || j >= len(t) || t[j] != '(' {
			return false
		}
		for k := j + 1; k < len(t) && k-j < 128 && t[k] != ')'; k++ {
			if t[k] == ',' {
				return true
			}
		}
	}
	return false
}

// queryClauseBefore reports whether the word before the name at t[start],
// after spaces, is a query's clause that lists fields, written in capitals
// as queries write them: SELECT, FACET (NRQL), DISTINCT, GROUP BY and
// ORDER BY ("Blocked BY evil.biz," is prose).
func queryClauseBefore(t []byte, start int) bool {
	b, e, ok := spacedWordBefore(t, start, isUpper, " ")
	if !ok {
		return false
	}
	switch string(t[b:e]) {
	case "SELECT", "FACET", "DISTINCT":
		return true
	case "BY":
		g := b
		for g > 0 && t[g-1] == ' ' {
			g--
		}
		return g < b && g >= 5 && (string(t[g-5:g]) == "GROUP" || string(t[g-5:g]) == "ORDER")
	}
	return false
}

// fieldListBefore reports whether the name at t[start] is in a query's
// list of fields: right after the clause (queryClauseBefore), or after
// other fields of the list, each a bare identifier and a comma
// ("SELECT id, j.user.email, j.event.action FROM"). A quoted or spaced
// item ends the list: "SELECT 'evil.com', x" selects a literal, and prose
// has words between its commas.
func fieldListBefore(t []byte, start int) bool {
	p := start
	for range 16 {
		if queryClauseBefore(t, p) {
			return true
		}
		e := endOfWordBefore(t, p) // back over the blanks after the comma
		if e == 0 || t[e-1] != ',' {
			return false
		}
		e--
		b := e
		for b > 0 && e-b < 128 && (isWordByte(t[b-1]) || t[b-1] == '.' || t[b-1] == '*') {
			b--
		}
		if b == e || b > 0 && !(t[b-1] == ' ' || t[b-1] == ',') {
			return false
		}
		p = b
	}
	return false
}

// sqlWordOperator reports whether SQL's comparison in words starts at
// t[i]: LIKE, ILIKE, RLIKE or NOT LIKE before a quoted pattern, NOT IN
// before a list, IS NULL or IS NOT NULL. No name is followed by one in
// prose ("sites like evil.com" has the name after the word).
func sqlWordOperator(t []byte, i int) bool {
	w, j := wordAt(t, i)
	if equalFold(w, "not") {
		w, j = wordAt(t, spacesFrom(t, j))
		if equalFold(w, "in") {
			k := spacesFrom(t, j)
			return k < len(t) && t[k] == '('
		}
	}
	switch {
	case equalFold(w, "like") || equalFold(w, "ilike") || equalFold(w, "rlike"):
		k := spacesFrom(t, j)
		return k > j && k < len(t) && (t[k] == '\'' || t[k] == '"')
	case equalFold(w, "is"):
		w, j = wordAt(t, spacesFrom(t, j))
		if equalFold(w, "not") {
			w, _ = wordAt(t, spacesFrom(t, j))
		}
		return equalFold(w, "null")
	}
	return false
}

// fieldStateAfter reports whether the name t[start:end], in lower case
// and ending in a field's leaf (fieldLeaf: name, email, id…), is followed
// by "is" and a field's state (empty, blank, missing, required, invalid,
// undefined): a plug-in's "account.name is empty, copying from parent".
func fieldStateAfter(t []byte, start, end int) bool {
	d := bytes.LastIndexByte(t[start:end], '.')
	if d < 0 || !fieldLeaf(t[start+d+1:end]) || bytes.IndexFunc(t[start:end], unicode.IsUpper) >= 0 {
		return false
	}
	w, j := wordAt(t, spacesFrom(t, end))
	if !equalFold(w, "is") {
		return false
	}
	w, j = wordAt(t, spacesFrom(t, j))
	if equalFold(w, "not") {
		w, _ = wordAt(t, spacesFrom(t, j))
	}
	for _, state := range [...]string{"empty", "blank", "missing", "required", "invalid", "undefined", "null", "set"} {
		if equalFold(w, state) {
			return true
		}
	}
	return false
}

// mailboxAfter reports whether a space and an address in angle brackets
// follow t[:end] ("n.wang <n.wang@acmecorp.net>"): the name before is the
// mailbox's display name (RFC 5322's name-addr), as git writes an author.
func mailboxAfter(t []byte, end int) bool {
	i := end + 1
	if i >= len(t) || t[end] != ' ' || t[i] != '<' {
		return false
	}
	for k := i + 1; k < len(t) && k-i < 128; k++ {
		switch t[k] {
		case '@':
			return k > i+1
		case '>', ' ', '"':
			return false
		}
	}
	return false
}

// localPartGoesOn reports whether the name ending at t[end] goes on, in
// characters an e-mail address's local part may hold and names may not
// (RFC 5322's atext, less the ones that end a field or start a URL's
// query), to an '@' and a domain: the name is then part of a local part.
func localPartGoesOn(t []byte, end int) bool {
	for i := end; i < len(t) && i-end < 64; i++ {
		switch c := t[i]; {
		case c == '@':
			return i > end && domainAfter(t, i+1)
		case c == '%' && i+2 < len(t) && t[i+1] == '4' && t[i+2] == '0':
			return domainAfter(t, i+3) // %40, an encoded '@': login_hint=j.weber%40acme.com
		case isAlnum(c), c == '.':
		default:
			switch c {
			case '#', '+', '%', '!', '$', '*', '^', '~', '_', '-':
			default:
				return false
			}
		}
	}
	return false
}

// jsonKeyAt reports whether t[start:end] is inside a JSON object key: a
// quoted string opened after '{' or ',' (or at the start of the text, a
// fragment of an object) and followed by ':'. Escaped JSON
// in JSON (\"key\":) counts too.
func jsonKeyAt(t []byte, start, end int) bool {
	if start == 0 || t[start-1] != '"' && t[start-1] != '/' && t[start-1] != '.' && t[start-1] != '_' && t[start-1] != '@' && t[start-1] != ':' {
		return false // a key's names start it, or follow a separator in it, or OData's '@' ("@odata.id":), or a URI's scheme (itsme's "tag:sixdots.be,2016-06:claim_city_of_birth":)
	}
	if t[start-1] == '@' && start > 1 && t[start-2] != '"' {
		return false // a mailbox's domain: a map keyed by address holds data (Shopware's "recipients":{"m.kowalski@x.pl":"…"})
	}
	q := end
	for q < len(t) && q-end < maxKeyLook && t[q] != '"' && t[q] != ' ' {
		q++
	}
	if q >= len(t) || t[q] != '"' {
		return false
	}
	q++ // a \" (a key inside a JSON string) is closed the same way
	for q < len(t) && t[q] == ' ' {
		q++
	}
	if q >= len(t) || t[q] != ':' && !(t[q] == '=' && q+1 < len(t) && t[q+1] == '>') {
		return false // ':' or Ruby's and Perl's "=>": Logstash's {"pipeline.id"=>"main"}
	}
	o := start
	for o > 0 && start-o < maxKeyLook && t[o-1] != '"' && t[o-1] != ' ' {
		o--
	}
	if o == 0 || t[o-1] != '"' {
		return false
	}
	o--
	if o > 0 && t[o-1] == '\\' {
		o--
	}
	for o > 0 && (t[o-1] == ' ' || t[o-1] == '\t') {
		o--
	}
	return o == 0 || t[o-1] == '{' || t[o-1] == ','
}

// codeObject reports whether a name is a Terraform reference (var.name)
// or a member of an object of browser
// scripts rather than a host: its first label is this or self, or window,
// document, location, navigator or console (or Node-RED's msg) and its
// next label one of that object's members (window.location.host,
// console.info, msg.payload.host; a Kubernetes admission request's
// request.object.metadata.name), so that hosts such as
// console.amazonaws.com and location.example.org stay names. rest is the
// name after the first label, from its dot.
func codeObject(first, rest []byte) bool {
	switch string(first) {
	case "this", "self":
		return true
	case "var", "local":
		// Terraform's variable and local value references, one label
		// after the namespace: infracost's "var.name", "local.site"
		return len(rest) > 1 && bytesIndex(rest[1:], '.') == len(rest)-1
	case "vars":
		// Mule's variables in DataWeave, a variable and its member or
		// more: "vars.customer.email" (vars.io stays a name)
		return len(rest) > 1 && bytesIndex(rest[1:], '.') < len(rest)-1
	case "window", "document", "location", "navigator", "console", "msg", "request", "input":
	default:
		return false
	}
	if len(rest) == 0 {
		return false
	}
	member := rest[1:]
	if i := bytesIndex(member, '.'); i < len(member) {
		member = member[:i]
	}
	return browserMembers[string(first)+"."+string(member)]
}

// browserMembers are the members of window, document, location, navigator
// and console (and Node-RED's msg) that scripts and the logs quoting them use, in lower case
// (names are normalised before inCode sees them).
var browserMembers = func() map[string]bool {
	m := map[string]bool{}
	for obj, members := range map[string]string{
		"window": "location document navigator console history screen localstorage sessionstorage open close name origin top parent self " +
			"opener frames performance crypto external chrome onload onerror postmessage atob btoa fetch settimeout setinterval alert " +
			"eval status event innerwidth innerheight outerwidth outerheight scrollx scrolly devicepixelratio indexeddb caches " +
			"customelements getcomputedstyle matchmedia requestanimationframe addeventlistener removeeventlistener dispatchevent",
		"document": "location cookie domain referrer url body head title documentelement write writeln forms links images scripts " +
			"createelement getelementbyid getelementsbytagname getelementsbyclassname queryselector queryselectorall currentscript " +
			"readystate characterset lastmodified defaultview activeelement hidden visibilitystate addeventlistener execcommand",
		"location": "href host hostname origin pathname search hash protocol port replace assign reload tostring",
		"navigator": "useragent language languages platform vendor appname appversion appcodename product cookieenabled sendbeacon " +
			"clipboard serviceworker geolocation webdriver plugins mimetypes online hardwareconcurrency devicememory connection " +
			"mediadevices permissions credentials storage useragentdata donottrack maxtouchpoints",
		"console": "log info warn error debug dir dirxml table trace assert group groupcollapsed groupend time timeend timelog count countreset clear profile profileend",
		"msg":     "payload topic req res _msgid headers statuscode responseurl filename parts error", // Node-RED's message
		// a Kubernetes admission request as policies read it: Kyverno's
		// request.object.metadata.labels.team, Gatekeeper's input.review.object
		"request": "object oldobject userinfo operation dryrun namespace kind resource subresource options " +
			"imp site app device user regs source", // and an OpenRTB bid request's objects: Prebid Server's "request.site or request.app must be defined"
		"input": "review parameters",
	} {
		for _, member := range strings.Fields(members) {
			m[obj+"."+member] = true
		}
	}
	return m
}()

// reverseDNSName reports whether the name v is an identifier in
// reverse-DNS order, as N4 reads one: a reverseDNSRoot first, three
// labels or more (com.google.android.gm), or any first label before
// .android (se.izettle.android).
func reverseDNSName(v []byte) bool {
	i := bytesIndex(v, '.')
	if i < len(v) && bytesCount(v, '.') >= 2 && hasSuffix(v, ".android") {
		return true // an Android application's id under any root (Zettle's se.izettle.android): .android is Google's own TLD, where no one registers a host
	}
	return i < len(v) && reverseDNSRoot(v[:i]) && bytesCount(v, '.') >= 2
}

// reverseDNSRoot reports whether a first label starts reverse-DNS
// identifiers (Java packages, Android and Apple application ids):
// com.android.chrome, org.apache.catalina.
func reverseDNSRoot(l []byte) bool {
	switch string(l) {
	case "com", "org", "net", "io", "edu", "gov":
		return true
	}
	return false
}

// syslogSelector reports whether the name v is a syslog facility and
// severity (local0.info, auth.notice, daemon.err): the <local0.info> that
// syslog servers write as a message's priority, and rsyslog's selectors;
// after one label too, Fluentd's in_syslog tag (syslog.authpriv.info).
func syslogSelector(v []byte) bool {
	if d := bytesIndex(v, '.'); d < len(v) {
		if e := d + 1 + bytesIndex(v[d+1:], '.'); e < len(v) && bytesIndex(v[e+1:], '.') == len(v)-e-1 {
			v = v[d+1:] // three labels: the tag's own first
		}
	}
	d := bytesIndex(v, '.')
	if d == len(v) || bytesIndex(v[d+1:], '.') < len(v)-d-1 {
		return false // one dot
	}
	switch string(v[:d]) {
	case "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console",
		"local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7":
	default:
		return false
	}
	switch string(v[d+1:]) {
	case "emerg", "alert", "crit", "err", "error", "warning", "warn", "notice", "info", "debug", "panic", "none":
		return true
	}
	return false
}

// inCode reports whether the name t[start:end] (v normalised) is a member
// access in code rather than a host: a variable's ($item.Name, $_.Name), a
// call (log.Info(, self.app.run(), a browser object's
// (window.location.host), a reverse-DNS identifier (com.android.chrome), or
// a name whose last label is capitalised after a lower-case label
// (server.Host, and the missing space of "files.It") or a logger's level
// in capitals after its channel (freepbx.INFO): host names are written in
// one case.
func inCode(t []byte, start, end int, v []byte) bool {
	if start > 0 && t[start-1] == '$' && !dollarField(t, start, end) || end < len(t) && t[end] == '(' && !addressInBrackets(t, end+1) {
		return true // (a host and its address in brackets is no call: Finacle's "sftp.x.org.in(103.77.42.186):22")
	}
	if start > 2 && t[start-1] == ':' && t[start-2] == ':' && isAlnum(t[start-3]) {
		return true // after a scope's "::": Strapi's content type api::news.news, PHP's and Rust's paths
	}
	if start > 3 && t[start-1] == '.' && t[start-2] == ']' && (isAlnum(t[start-3]) || t[start-3] == '"' || t[start-3] == '\'') {
		return true // a member after an index or a selector's bracket: ENOVIA MQL's from[EBOM].to.name, items[0].x.y (not a defanged "[.]")
	}
	if dotNetProduct(t[start:end]) {
		return true
	}
	first := v
	if i := bytesIndex(v, '.'); i < len(v) {
		first = v[:i]
	}
	if codeObject(first, v[len(first):]) || reverseDNSName(v) {
		return true
	}
	return caseMixed(t[start:end]) || channelLevel(t[start:end]) || controlParameter(t, start, end) || monologChannel(t, start, end) || templateVariable(t, start, end) ||
		glogSource(t, start, end) || sourceLineFunction(t, start, end) || stackFrameSource(t, start, end) || jsStackFrameFunction(t, start, end) || filterField(t, end) || seastarSource(t, start, end) || pythonRepr(t, start) || pythonModule(t, start, end) || statsdMetric(t, end) ||
		queryAlias(t[max(0, start-queryReach):min(len(t), end+queryReach)], t[start:end])
}

// dollarField reports whether the name t[start:end], after '$', is a
// field of a record delimited by '$' rather than a variable's member: glued
// to a word or a number before the '$' and followed by another, as an
// eSIM activation code writes its SM-DP+ server ("LPA:1$smdp.evil.io$K2-…",
// GSMA SGP.22); "$item.Name" is a variable.
func dollarField(t []byte, start, end int) bool {
	return start >= 2 && isAlnum(t[start-2]) && end < len(t) && t[end] == '$'
}

// glogSource reports whether the name t[start:end] is the source file
// of glog's (and Abseil's) line prefix, "Lmmdd hh:mm:ss.uuuuuu threadid
// file:line] msg", or of Chromium's, "[pid:tid:date,time:LEVEL
// file:line] msg" (Crashpad's "[4420:4424:20240312,091402.118:ERROR
// settings.cc:379]"): Triton's "I0514 09:58:02.118203 1 server.cc:307]" (.cc
// is a TLD, left off the file extensions).
func glogSource(t []byte, start, end int) bool {
	i := lineNumberAfter(t, end)
	if i < 0 || i == len(t) || t[i] != ']' || start < 24 || t[start-1] != ' ' {
		return false
	}
	if w, ok := levelBefore(t, start-1); ok && w > 0 && t[w-1] == ':' {
		// Chromium's and Crashpad's prefix: "[pid:tid:date,time:LEVEL file:line]"
		o := bytes.LastIndexByte(t[max(0, w-48):w], '[')
		return o >= 0 && bytes.IndexByte(t[max(0, w-48)+o:w], ' ') < 0
	}
	j := endOfWordBefore(t, start)
	k := digitsBefore(t, j) // the thread id
	if k == j || k == 0 || t[k-1] != ' ' {
		return false
	}
	j = endOfWordBefore(t, k)
	k = j
	for k > 0 && j-k < 15 && (isDigit(t[k-1]) || t[k-1] == ':' || t[k-1] == '.') {
		k-- // the time
	}
	if j-k < 8 || t[k+2] != ':' || t[k+5] != ':' || k < 6 || t[k-1] != ' ' {
		return false
	}
	l := k - 6 // the level's letter and the month and day
	switch t[l] {
	case 'I', 'W', 'E', 'F':
	default:
		return false
	}
	return isDigit(t[l+1]) && isDigit(t[l+2]) && isDigit(t[l+3]) && isDigit(t[l+4]) && (l == 0 || !isAlnum(t[l-1]))
}

// lineNumberAfter returns where the line number that ':' at t[end]
// starts ends, or -1 when no digit follows the ':' (a source file's
// "server.cc:307").
func lineNumberAfter(t []byte, end int) int {
	if end+1 >= len(t) || t[end] != ':' || !isDigit(t[end+1]) {
		return -1
	}
	return digitsFrom(t, end+1)
}

// sourceLineFunction reports whether the name t[start:end] is a source
// file before its line and its function in brackets, all in angle
// brackets, as Apache Traffic Server's debug output names where it logs:
// "<HostDB.cc:1120 (dnsEvent)>" ("evil.cc:443 (timeout)" is a host, its
// port and a word).
func sourceLineFunction(t []byte, start, end int) bool {
	i := lineNumberAfter(t, end)
	if start == 0 || t[start-1] != '<' || i < 0 || i+2 >= len(t) || t[i] != ' ' || t[i+1] != '(' {
		return false
	}
	j := i + 2
	for j < len(t) && j-i < 64 && (isWordByte(t[j]) || t[j] == ':') {
		j++ // the function, its class's scope too: (HostDBContinuation::dnsEvent)
	}
	return j > i+2 && j+1 < len(t) && t[j] == ')' && t[j+1] == '>'
}

// filterField reports whether the name t[start:end] is the field of a
// filter expression, before a comparison operator of OData's or SCIM's
// (eq, ne, gt, ge, lt, le, co, sw, ew) between blanks, '+' or "%20": a
// query string's "filter=event.id+eq+'…'" (Cvent's API). The operand after
// the operator is a value, read as one.
func filterField(t []byte, end int) bool {
	sep := func(i int) int { // the separator's length at t[i]
		switch {
		case i < len(t) && (t[i] == ' ' || t[i] == '+'):
			return 1
		case i+2 < len(t) && t[i] == '%' && t[i+1] == '2' && t[i+2] == '0':
			return 3
		}
		return 0
	}
	n := sep(end)
	if n == 0 || end+n+2 > len(t) {
		return false
	}
	switch string(t[end+n : end+n+2]) {
	case "eq", "ne", "gt", "ge", "lt", "le", "co", "sw", "ew":
	default:
		return false
	}
	return sep(end+n+2) > 0
}

// jsStackFrameFunction reports whether the name t[start:end] is the
// function of a JavaScript stack frame, after "at " and before its source
// in brackets, which ends in a line and a column: Chrome's "at
// utag.loader.SC (utag.js:1:9210)". A host in a sentence's brackets has
// no line and column after it.
func jsStackFrameFunction(t []byte, start, end int) bool {
	if start < 3 || string(t[start-3:start]) != "at " || end+2 >= len(t) || t[end] != ' ' || t[end+1] != '(' {
		return false
	}
	c := bytes.IndexByte(t[end+2:min(len(t), end+2+256)], ')')
	if c < 0 {
		return false
	}
	src := t[end+2 : end+2+c] // "utag.js:1:9210"
	i := len(src)
	for part := 0; part < 2; part++ {
		d := i
		for d > 0 && isDigit(src[d-1]) {
			d--
		}
		if d == i || d == 0 || src[d-1] != ':' {
			return false
		}
		i = d - 1
	}
	return i > 0 && bytes.ContainsAny(src[:i], "./") && bytes.IndexFunc(src[:i], unicode.IsLetter) >= 0 // a file's name, not a time ("(10:42:17)")
}

// stackFrameSource reports whether the name t[start:end] is the source
// file of a stack frame, in brackets right after its method and before
// its line, the file named for the class the method is in: Java's and
// Gosu's "at acme.cc.rules.X.doRule(X.gs:118)" (.gs is a TLD, left off
// the file extensions). A call's host and port ("dial(evil.com:443)")
// names no class before it.
func stackFrameSource(t []byte, start, end int) bool {
	i := lineNumberAfter(t, end)
	if start < 2 || t[start-1] != '(' || !isWordByte(t[start-2]) || i < 0 || i == len(t) || t[i] != ')' {
		return false
	}
	dot := bytes.IndexByte(t[start:end], '.')
	if dot <= 0 || bytes.IndexByte(t[start+dot+1:end], '.') >= 0 {
		return false // File.ext, one dot
	}
	base := t[start : start+dot]
	frame := t[max(0, start-256) : start-1]
	for k := bytes.Index(frame, base); k >= 0; {
		if n := k + len(base); n < len(frame) && (frame[n] == '.' || frame[n] == '$') && (k == 0 || !isWordByte(frame[k-1])) {
			return true // the class, then its method or an inner class: X.doRule, X$1.run
		}
		next := bytes.Index(frame[k+1:], base)
		if next < 0 {
			break
		}
		k += 1 + next
	}
	return false
}

// addressInBrackets reports whether an IP address in brackets starts at
// t[i] and closes with ')': digits and dots, or hex digits and colons.
func addressInBrackets(t []byte, i int) bool {
	j, dots, colons := i, 0, 0
	for j < len(t) && j-i < 46 && (isHex(t[j]) || t[j] == '.' || t[j] == ':') {
		switch t[j] {
		case '.':
			dots++
		case ':':
			colons++
		}
		j++
	}
	return j < len(t) && t[j] == ')' && (dots == 3 || colons >= 2)
}

// seastarSource reports whether the name t[start:end] is the source file
// of Seastar's line prefix (Redpanda, ScyllaDB): "INFO  2024-05-14
// 09:11:58,102 [shard 0:main] main - application.cc:432 - …", between
// " - " after the logger and ":<line> - ".
func seastarSource(t []byte, start, end int) bool {
	i := lineNumberAfter(t, end)
	if start < 3 || string(t[start-3:start]) != " - " || i < 0 || i+3 > len(t) || string(t[i:i+3]) != " - " {
		return false
	}
	w := t[max(0, start-96):start] // the line's prefix before it
	if nl := bytes.LastIndexByte(w, '\n'); nl >= 0 {
		w = w[nl+1:]
	}
	return bytes.Contains(w, []byte("[shard "))
}

// variableIsValue reports whether the name t[start:end], of three labels
// or more in lower case and a field's leaf (fieldLeaf), is a variable
// whose value a log states after "is" in quotes: F5 APM's
// "session.server.network.name is 'portal.acme-corp.com'".
func variableIsValue(t []byte, start, end int) bool {
	if end+5 > len(t) || string(t[end:end+4]) != " is " || t[end+4] != '\'' && t[end+4] != '"' {
		return false
	}
	name := t[start:end]
	d := bytes.LastIndexByte(name, '.')
	if d < 0 || bytesCount(name, '.') < 2 || !fieldLeaf(name[d+1:]) {
		return false
	}
	for _, c := range name {
		if isUpper(c) {
			return false
		}
	}
	return true
}

// oauthScope reports whether the name at t[start] is part of an OAuth
// scope, a value under a key naming scopes, whole or after a resource and
// ':' or a context and '/' (Slack's "scopes":["users:read.email"], Okta's
// "scope":"okta.users.read okta.logs.read", SMART on FHIR's
// "user/Patient.read"): a permission, not a host.
func oauthScope(t []byte, start int) bool {
	if start == 0 || t[start-1] != ':' && t[start-1] != '"' && t[start-1] != ' ' && t[start-1] != '/' && t[start-1] != ',' && t[start-1] != '=' || // (SMART on FHIR's "user/Patient.read", Zoho's "A,B", PingFederate's "scope=a.b")
		!bytes.Contains(t[max(0, start-160):start], []byte("cope")) {
		return false // no scope or Scope key within reach: nearly all text, found at once
	}
	v := start
	for v > 0 && start-v < 64 && t[v-1] != '"' && t[v-1] != ' ' && t[v-1] != '=' {
		v-- // the scope's start: "users:" before "read.email"
	}
	k := v
	for k > 0 && start-k < 256 && t[k-1] != '"' && t[k-1] != '=' && t[k-1] != ':' && t[k-1] != '[' {
		k-- // the value's start, past the scopes before it ("okta.users.read okta.logs.read")
	}
	if k > 0 && t[k-1] == '"' && k > 1 && t[k-2] == '[' {
		k-- // an array's element: "scopes":["users:read.email", …]
	}
	if as, ae, ok := arrayKey(t, v); ok && scopeKey(t[as:ae]) {
		return true
	}
	ks, ke, sep := fieldKey(t, k)
	return sep && scopeKey(t[ks:ke])
}

// scopeKey reports whether key names OAuth scopes: scope, scopes,
// oauth_scopes, grantedScopes.
func scopeKey(key []byte) bool { return pluralKeyEndsWith(key, "scope") }

// fieldsArrayElement reports whether the name t[start:end] is a whole
// string element of an array under a key ending in "fields" or "field"
// (HiBob's "fields":["root.email","work.site"]): field names; or in
// "permissions", a permission's name (a browser extension's manifest,
// "permissions":["identity","identity.email"]; a host permission is a
// pattern, "*://evil.com/*", not a whole name).
func fieldsArrayElement(t []byte, start, end int) bool {
	if start == 0 || t[start-1] != '"' || end >= len(t) || t[end] != '"' {
		return false
	}
	as, ae, ok := arrayKey(t, start)
	return ok && (pluralKeyEndsWith(t[as:ae], "field") || keyIs(t[as:ae], "permissions"))
}

// fieldListParam reports whether the name at t[start] is in the list of
// fields a query parameter names by an API's convention: Solr's fl
// ("fl=id,name,price,image.link&"), JSON:API's include and fields
// ("?include=staff.training"), and the select, expand and sort of
// OData ("$select") and REST APIs. The element must end the list's
// element there (",", "&", a space, a quote or the end): a path after it
// ("include=evil.ru/shell.txt") is a remote file, not a field.
func fieldListParam(t []byte, start, end int) bool {
	if start < 3 || t[start-1] != ',' && t[start-1] != '=' && t[start-1] != '-' {
		return false
	}
	if end < len(t) && t[end] != ',' && t[end] != '&' && t[end] != ' ' && t[end] != '"' && t[end] != '\'' {
		return false
	}
	for _, c := range t[start:end] {
		if c == '-' || isDigit(c) {
			return false // a field's path has neither; a host's name may ("?include=evil-c2.ru")
		}
	}
	k := start
	for k > 0 && start-k < 256 && (isWordByte(t[k-1]) || t[k-1] == '.' || t[k-1] == ',' || t[k-1] == '*' || t[k-1] == '-') {
		k--
	}
	if k < 3 || t[k-1] != '=' {
		return false
	}
	b := k - 1
	for b > 0 && k-1-b < 8 && isLower(t[b-1]) {
		b--
	}
	if b > 0 && t[b-1] == '$' {
		b-- // OData's $select, $expand
	}
	if b == 0 || t[b-1] != '&' && t[b-1] != '?' && t[b-1] != '{' && t[b-1] != ' ' {
		return false
	}
	switch string(bytes.TrimPrefix(t[b:k-1], []byte{'$'})) {
	case "fl", "fields", "include", "select", "expand", "sort", "orderby":
		return true
	}
	return false
}

// kafkaTopicNTP reports whether the name t[start:end] is the topic of a
// partition as Redpanda names one, namespace/topic/partition in braces
// ("{kafka/payments.card.events/0}"): a topic, not a host.
func kafkaTopicNTP(t []byte, start, end int) bool {
	if start < 7 || string(t[start-6:start]) != "kafka/" || t[start-7] != '{' || end+2 >= len(t) || t[end] != '/' || !isDigit(t[end+1]) {
		return false
	}
	i := digitsFrom(t, end+1)
	return i < len(t) && t[i] == '}'
}

// pythonModule reports whether the name t[start:end] is a Python
// module's dotted path, three labels or more: after "settings module",
// without '-'; quoted after "imports"
// (Pants' "imports `acme.ledger.rates.io`"), after an "import" statement's
// word, between "from" and "import", or after "module named" (Python's
// "No module named 'acme.io'"). In prose ("imports cdn.evil.com") a name
// stays a name.
func pythonModule(t []byte, start, end int) bool {
	q := start
	if q > 0 && (t[q-1] == '`' || t[q-1] == '\'' || t[q-1] == '"') {
		q--
	}
	if q < 5 || t[q-1] != ' ' {
		return false
	}
	var buf [8]byte
	w := wordBefore(buf[:0], t, q-1)
	switch string(w) {
	case "imports":
		return q < start && bytesCount(t[start:end], '.') >= 2 // quoted: "Dropper imports cdn.evil.com" is prose
	case "import":
		ws := q - 1 - len(w) // the statement's start: a traceback's "    import acme.ledger.io"
		for ws > 0 && t[ws-1] == ' ' {
			ws--
		}
		return bytesCount(t[start:end], '.') >= 2 && (ws == 0 || t[ws-1] == '\n' || t[ws-1] == ';')
	case "named":
		return q-1 >= len(w)+8 && t[q-2-len(w)] == ' ' && string(wordBefore(buf[:0], t, q-2-len(w))) == "module"
	case "module":
		// Django's settings module, three labels or more and no '-', which
		// no module's name has ("Using settings module ifta.settings.live");
		// another "module" may be a Go module's host or an implant's
		// ("second-stage module stage2.evil.net")
		ws := q - 1 - len(w)
		return ws > 9 && t[ws-1] == ' ' && string(wordBefore(buf[:0], t, ws-1)) == "settings" &&
			bytesCount(t[start:end], '.') >= 2 && bytes.IndexByte(t[start:end], '-') < 0 && (end == len(t) || t[end] != '/' && t[end] != '@')
	case "from":
		e := end
		if e < len(t) && t[e] == t[q] && q < start {
			e++ // the closing quote
		}
		return hasPrefix(t[e:], " import ")
	}
	return false
}

// pythonRepr reports whether the name at t[start] is a qualified name in
// Python's repr of a function, a method, a class or a module ("<function
// Session.post at 0x7f…>", "<bound method Client.send of …>").
func pythonRepr(t []byte, start int) bool {
	for _, p := range [...]string{"<function ", "<bound method ", "<class '", "<module '"} {
		if start >= len(p) && string(t[start-len(p):start]) == p {
			return true
		}
	}
	return false
}

// statsdMetric reports whether the name ending at t[end] is a metric's in
// StatsD's line protocol, "name:value|type" (its value a number, its type
// c, g, ms, h, s or d, or DogStatsD's tags and sample rate after '|'):
// TorchServe's "WorkerThreadTime.ms:1.0|#Level:Host". A host's port is
// never a fraction, nor followed by a metric's type.
func statsdMetric(t []byte, end int) bool {
	i := end
	if i+3 >= len(t) || t[i] != ':' {
		return false
	}
	i++
	if t[i] == '-' || t[i] == '+' {
		i++
	}
	d := i
	for i < len(t) && (isDigit(t[i]) || t[i] == '.') {
		i++
	}
	if i == d || i+1 >= len(t) || t[i] != '|' {
		return false
	}
	i++
	switch t[i] {
	case '#', '@':
		return true
	case 'c', 'g', 'h', 's', 'd':
		i++
	case 'm':
		if i+1 >= len(t) || t[i+1] != 's' {
			return false
		}
		i += 2
	default:
		return false
	}
	return i == len(t) || !isAlpha(t[i])
}

// queryReach bounds where queryAlias looks for a binding, before and after
// the name: a query's clauses, not a whole log.
const queryReach = 2048

// queryAlias reports whether name (as written) is a member of a variable
// its query binds: Cypher's u.name after (u:User) or [r:MemberOf], SQL's
// u.name after FROM users u or JOIN devices AS d. Hunt queries pasted into
// tickets and database audit logs are full of them; a host has no binding.
// Only a short variable (four letters at most) is asked, with its members
// (LINQ's o.ShipTo.City, a JSON column's u.address.city).
func queryAlias(t, name []byte) bool {
	dot := bytesIndex(name, '.')
	if dot == 0 || dot > 4 {
		return false
	}
	v := name[:dot]
	for _, c := range v {
		if !isAlnum(c) && c != '_' {
			return false
		}
	}
	for i := 0; ; {
		j := bytes.Index(t[i:], v)
		if j < 0 {
			return false
		}
		p := i + j
		i = p + 1
		e := p + len(v)
		if p == 0 || e >= len(t) || isWordByte(t[p-1]) {
			continue
		}
		switch {
		case (t[p-1] == '(' || t[p-1] == '[') && (t[e] == ':' || t[e] == ')' || t[e] == ']' || t[e] == ' ' || t[e] == '{'):
			if holdsKeyword(t, "match", "MATCH") || holdsKeyword(t, "merge", "MERGE") {
				return true // Cypher: MATCH (u:User), (u), [r:MemberOf]
			}
		case t[p-1] == ' ' && !isWordByte(t[e]) && t[e] != '.' && sqlTableBefore(t, p-1):
			if holdsKeyword(t, "select", "SELECT") || holdsKeyword(t, "update", "UPDATE") || holdsKeyword(t, "delete", "DELETE") {
				return true // SQL: FROM users u, JOIN devices AS d
			}
		case t[p-1] == ' ' && p >= 5 && string(t[p-5:p-1]) == "from" && e+4 <= len(t) && string(t[e:e+4]) == " in ":
			if holdsKeyword(t, "select", "SELECT") {
				return true // LINQ's range variable: RavenDB's "from o in docs.Orders select new { o.ShipTo.City }"
			}
		}
	}
}

// holdsKeyword reports whether t holds a query's keyword, in lower or
// upper case: prose that says "from box x" is no query.
func holdsKeyword(t []byte, lc, uc string) bool {
	return bytes.Contains(t, []byte(lc)) || bytes.Contains(t, []byte(uc))
}

// sqlTableBefore reports whether the text ending at t[:i] (before an
// alias) is FROM or JOIN, a table's name, and AS or nothing.
func sqlTableBefore(t []byte, i int) bool {
	word := func(i int) (int, int) { // the word ending at t[:i], after spaces
		for i > 0 && t[i-1] == ' ' {
			i--
		}
		s := i
		for s > 0 && (isWordByte(t[s-1]) || t[s-1] == '.' || t[s-1] == '"' || t[s-1] == '`') {
			s--
		}
		return s, i
	}
	s, e := word(i)
	if equalFold(t[s:e], "as") {
		s, e = word(s)
	}
	if s == e {
		return false
	}
	s, e = word(s)
	return equalFold(t[s:e], "from") || equalFold(t[s:e], "join")
}

// templateVariable reports whether the name t[start:end] is a template's
// placeholder, between "{{" and "}}" (or a filter's '|') as Mustache,
// Liquid, Jinja and Go write them: Zendesk's {{ticket.requester.name}},
// Tines' and Torq's {{ .alert.host.name }}; or between "${", "@{" or "#{"
// and "}", as shells, Verdaccio and Ruby do (${env.home}, @{bytes.in}); or
// glued between "{" and "}", as format strings write a field's path.
func templateVariable(t []byte, start, end int) bool {
	k := start
	if k > 0 && t[k-1] == '.' {
		k-- // Go's text/template names a field from the dot: {{ .alert.host.name }}
	}
	for k > 0 && t[k-1] == ' ' {
		k--
	}
	if k >= 2 && t[k-1] == '{' && (t[k-2] == '$' || t[k-2] == '@' || t[k-2] == '#') {
		// ${env.HOME}, Verdaccio's @{bytes.in}, Ruby's #{user.name}
		return end < len(t) && t[end] == '}'
	}
	if k >= 1 && t[k-1] == '{' && (k == 1 || t[k-2] != '{') && k == start {
		// a format string's {field.path}, glued to its braces, its leaf a
		// field's: Klarna's order_id={checkout.order.id}, Python's and
		// .NET's {user.name} ({evil.com} is a name)
		d := bytes.LastIndexByte(t[start:end], '.')
		return end < len(t) && t[end] == '}' && (end+1 == len(t) || t[end+1] != '}') && d > 0 && fieldLeaf(t[start+d+1:end])
	}
	if k < start && k >= 1 && t[k-1] == '<' && end < len(t) && t[end] == '>' {
		return true // the node Go's template names in an error: "executing \"config.yaml\" at <.db.host>: map has no entry"
	}
	if k < 2 || t[k-1] != '{' || t[k-2] != '{' {
		return false
	}
	for end < len(t) && t[end] == ' ' {
		end++
	}
	return end < len(t) && (t[end] == '|' || end+1 < len(t) && t[end] == '}' && t[end+1] == '}')
}

// channelLevel reports whether name is a logger's channel and level, as
// Monolog and other PSR-3 loggers write them: a lower-case channel, then
// the level in capitals ([freepbx.INFO], app.ERROR).
func channelLevel(name []byte) bool {
	d := bytes.LastIndexByte(name, '.')
	if d < 1 || !isLower(name[0]) {
		return false
	}
	return levelWord(name[d+1:])
}

// monologChannel reports whether the name t[start:end] is Monolog's
// channel and level in capitals too, where its line writes them: after the
// bracketed time, before ": " (Xibo's "[2025-03-11 03:00:01] CMS.INFO:
// Task Run…"). A channel in lower case is channelLevel's anywhere.
func monologChannel(t []byte, start, end int) bool {
	if start < 2 || t[start-1] != ' ' || t[start-2] != ']' || end+1 >= len(t) || t[end] != ':' || t[end+1] != ' ' {
		return false
	}
	name := t[start:end]
	d := bytes.IndexByte(name, '.')
	return d > 0 && d == bytes.LastIndexByte(name, '.') && levelWord(name[d+1:])
}

// levelWord reports whether w is a log level in capitals.
func levelWord(w []byte) bool {
	switch string(w) {
	case "DEBUG", "INFO", "NOTICE", "WARNING", "WARN", "ERROR", "CRITICAL", "ALERT", "EMERGENCY", "FATAL", "TRACE",
		"NOTIFICATION": // Oracle's ODL
		return true
	}
	return false
}

// levelBefore returns where the log level in capitals that ends at t[k]
// starts, and whether there is one (the word before may be glued to it:
// callers say what may stand before).
func levelBefore(t []byte, k int) (w int, ok bool) {
	w = k
	for w > 0 && k-w < 12 && isUpper(t[w-1]) { // (ODL's NOTIFICATION)
		w--
	}
	return w, levelWord(t[w:k])
}

// titleLevelBefore is levelBefore for a level written in title case
// (Info, Warning) or in lower case (debug, as electron-log writes it).
func titleLevelBefore(t []byte, k int) (w int, ok bool) {
	w = alphaRunBefore(t, k, 12)
	if w == k || isUpper(t[k-1]) {
		return k, false // (in capitals: levelBefore's)
	}
	var buf [12]byte
	up := buf[:0]
	for _, c := range t[w:k] {
		up = append(up, c&^0x20)
	}
	return w, levelWord(up)
}

// levelInBracketBefore reports whether the blank at t[k] follows a level
// in capitals inside a bracket opened before it, a process id and blanks
// between at most: "[ 4821 DEBUG " (ShotGrid Toolkit's log prefix).
func levelInBracketBefore(t []byte, k int) bool {
	w, ok := levelBefore(t, k)
	if !ok || w == k || w == 0 || t[w-1] != ' ' {
		return false
	}
	p := spacesBefore(t, w, 8)
	if d := digitsBefore(t, p); d < p {
		p = spacesBefore(t, d, 8) // the process id
	}
	return p > 0 && t[p-1] == '['
}

// timeBracketBefore reports whether the bracket closing at t[c] holds a
// time ("[09:12:01 14-May-24 EDT]", its text starting hh:mm), and where
// the text before it (and the blanks between) ends.
func timeBracketBefore(t []byte, c int) (int, bool) {
	o := bytes.LastIndexByte(t[max(0, c-48):c], '[')
	if o < 0 {
		return c, false
	}
	o += max(0, c-48)
	if c-o < 6 || !isDigit(t[o+1]) || !isDigit(t[o+2]) || t[o+3] != ':' || !isDigit(t[o+4]) {
		return c, false
	}
	return spacesBefore(t, o, 8), true
}

// spacesBefore returns where the blanks (at most n) that end at t[k]
// start.
func spacesBefore(t []byte, k, n int) int {
	j := k
	for j > 0 && k-j < n && t[j-1] == ' ' {
		j--
	}
	return j
}

// messageIDBefore returns where a bracketed message id that closes at
// t[c] (']') starts with its brackets and the spaces before them, so that
// what precedes it is read next: a message id is capitals, digits, '-'
// and '_', with a digit (Oracle's ODL "[NCLS-SECURITY-05054]"). Anything
// else returns c, the bracket itself.
func messageIDBefore(t []byte, c int) int {
	o := c
	digit := false
	for o > 0 && c-o < 32 && (isUpper(t[o-1]) || isDigit(t[o-1]) || t[o-1] == '-' || t[o-1] == '_' || t[o-1] == '.') { // (or a time in seconds: ROS 2's [1710234845.118203412])
		o--
		digit = digit || isDigit(t[o])
	}
	if !digit && o < c || o < 2 || t[o-1] != '[' {
		return c // (an empty id, "[]", as Oracle's ODL writes one, counts)
	}
	k := o - 1
	for k > 0 && o-1-k < 8 && t[k-1] == ' ' {
		k--
	}
	if k == 0 || t[k-1] != ']' {
		return c
	}
	return k - 1
}

// levelColonAt reports whether a space, a log level in capitals and ':'
// start at t[i] (" INFO:").
func levelColonAt(t []byte, i int) bool {
	if i >= len(t) || t[i] != ' ' {
		return false
	}
	j := i + 1
	for j < len(t) && j-i <= 9 && isUpper(t[j]) {
		j++
	}
	return j < len(t) && t[j] == ':' && levelWord(t[i+1:j])
}

// loggerName reports whether the dotted name t[start:end] stands where a
// log line names its logger: in brackets after the level (CKAN's and
// log4j's "INFO  [ckanext.xloader.jobs] …", Redash's "[WARNING][redash.x]"),
// or after the time and before the level (Scrapy's "09:12:11
// [scrapy.core.engine] INFO: …"), or between " - " after the
// time and before the line number or the level, as Python's logging
// cookbook formats it ("%(asctime)s - %(name)s - %(levelname)s": Synapse's
// "09:14:05,317 - synapse.http.site - 373 - INFO - …"), or first on the
// line before the level and the time (Galaxy's "galaxy.tools DEBUG
// 2024-03-12 …"). It is a module's path, not a host.
func loggerName(t []byte, start, end int) bool {
	if hyphenBetweenLetters(t[start:end]) {
		return false // a module's path has no '-': lego's "[INFO] [vpn.acme-corp.com] acme: …" names a host
	}
	if start > 4 && t[start-1] == ' ' && t[start-2] == ']' && end+1 < len(t) && t[end] == ':' && t[end+1] == ' ' {
		// after the level in brackets, padded, and before ": ": discord.py's
		// "[2024-03-12 09:14:05] [WARNING ] discord.ext.commands.bot: …"
		k := start - 2
		for k > 0 && t[k-1] == ' ' {
			k--
		}
		if w, ok := levelBefore(t, k); ok && w > 0 && t[w-1] == '[' {
			return true
		}
	}
	if start > 4 && t[start-1] == ' ' && end+1 < len(t) && t[end] == ':' && t[end+1] == ' ' {
		// after the level, itself after the time, and before ": ": Python's
		// "%(asctime)s %(levelname)s %(name)s: %(message)s" ("…,441 INFO lockout.tools: card …"),
		// an ISO time in UTC too ("…:44.120Z WARN automation.cloud: relay …")
		if w, ok := levelBefore(t, start-1); ok && w > 1 && t[w-1] == ' ' && (isDigit(t[w-2]) || t[w-2] == 'Z' && w > 2 && isDigit(t[w-3])) {
			return true
		}
	}
	if start > 4 && t[start-1] == '\t' && end < len(t) && t[end] == '\t' {
		// a tab-separated field after the level, itself after the time:
		// zap's console encoder (RudderStack's "…903Z\tINFO\tjobsdb.gw\tjobsdb/migration.go:312\t…")
		if w, ok := levelBefore(t, start-1); ok && w > 1 && t[w-1] == '\t' && (isDigit(t[w-2]) || t[w-2] == 'Z') {
			return true
		}
	}
	if start == 0 && end+2 < len(t) && t[end] == ' ' {
		// the line's first field, then the level and the time: Galaxy's
		// "%(name)s %(levelname)s %(asctime)s" ("galaxy.tools DEBUG 2024-03-12 …")
		n := end + 1
		for n < len(t) && n-end <= 9 && isUpper(t[n]) {
			n++
		}
		if n > end+1 && levelWord(t[end+1:n]) && n+1 < len(t) && t[n] == ' ' && isDigit(t[n+1]) {
			return true
		}
	}
	if start > 8 && t[start-1] == ' ' && end < len(t) && t[end] == ']' && levelInBracketBefore(t, start-1) {
		return true // the last of a bracket's fields, after the level: ShotGrid Toolkit's "[ 4821 DEBUG sgtk.core.util]"
	}
	if start >= 2 && t[start-1] == '[' && end < len(t) && t[end] == ']' {
		k := spacesBefore(t, start-1, 8)
		if k > 0 && t[k-1] == ']' {
			if tb, ok := timeBracketBefore(t, k-1); ok {
				// the level unbracketed before a bracketed time: Niagara's
				// "INFO [09:12:01 14-May-24 EDT][bacnet.network]"
				w, ok := levelBefore(t, tb)
				return ok && w < tb && (w == 0 || !isAlnum(t[w-1]))
			}
			k = messageIDBefore(t, k-1) // Oracle's ODL: "[WARNING] [NCLS-SECURITY-05054] [javax.enterprise.system.ssl.security]"
			k = spacesBefore(t, k, 8)   // the level padded in its brackets: openHAB's "[INFO ] [sensors.live]"
			w, ok := levelBefore(t, k)  // the level bracketed too: Redash's "[PID:18][WARNING][redash.query_runner.pg]"
			if !ok {
				w, ok = titleLevelBefore(t, k) // in title case: Omniverse Kit's "[8,412ms] [Info] [omni.kit.app]"
			}
			w = spacesBefore(t, w, 8)
			return ok && w > 0 && t[w-1] == '['
		}
		if k > 2 && t[k-1] == ')' {
			// the thread in brackets between the level and the logger: Home
			// Assistant's "ERROR (MainThread) [homeassistant.components.rest]"
			if o := bytes.LastIndexByte(t[max(0, k-40):k-1], '('); o >= 0 {
				if o += max(0, k-40); o > 1 && t[o-1] == ' ' && bytes.IndexByte(t[o:k], ' ') < 0 {
					w, ok := levelBefore(t, o-1)
					return ok && (w == 0 || !isAlnum(t[w-1]))
				}
			}
		}
		w, ok := levelBefore(t, k)
		if ok && (w == 0 || !isAlnum(t[w-1])) {
			return true
		}
		// before the level and its colon, right after the time: Scrapy's
		// "%(asctime)s [%(name)s] %(levelname)s: …", and an ISO time's
		// "…:12.345Z [relay.agent.network] INFO: …" (Lightspeed Relay)
		return start >= 3 && t[start-2] == ' ' && (isDigit(t[start-3]) || t[start-3] == 'Z' && start >= 4 && isDigit(t[start-4])) && levelColonAt(t, end+1)
	}
	if start > 3 && t[start-1] == ' ' && t[start-2] == ']' && end < len(t) && t[end] == ' ' {
		// after the level and a bracketed field, unbracketed: AWX's
		// "INFO     [-] awx.main.tasks.jobs job 15519 …" (%(levelname)-8s [%(guid)s] %(name)s)
		o := start - 2
		for o > 0 && start-2-o < 40 && t[o-1] != '[' && t[o-1] != ' ' {
			o--
		}
		if o > 1 && t[o-1] == '[' {
			k := o - 1
			for k > 0 && o-1-k < 12 && t[k-1] == ' ' {
				k--
			}
			if w, ok := levelBefore(t, k); ok && k < o-1 && (w == 0 || !isAlnum(t[w-1])) {
				return true
			}
		}
	}
	if start > 1 && t[start-1] == ' ' && end+3 <= len(t) && string(t[end:end+3]) == " - " {
		// after the level and before " - ", log4net's and log4j's
		// "%-5level %logger - %message": HP Web Jetadmin's "[19] INFO
		// HP.Imaging.Wjp.Alerts.Email - Alert digest …"
		k := endOfWordBefore(t, start)
		if w, ok := levelBefore(t, k); ok && w > 1 && t[w-1] == ' ' {
			// the level after the thread in brackets or the time, as the
			// pattern writes it: "WARNING evil.com - …" in prose is a name
			p := endOfWordBefore(t, w)
			return p > 0 && (t[p-1] == ']' || isDigit(t[p-1]) || t[p-1] == 'Z' && p > 1 && isDigit(t[p-2])) // (an ISO time in UTC ends in Z)
		}
	}
	if start < 4 || string(t[start-3:start]) != " - " || !isDigit(t[start-4]) || end+3 > len(t) || string(t[end:end+3]) != " - " {
		return false
	}
	// The line number or the level next, or the level after a few more
	// fields of one token each: arXiv's "+0000 - arxiv.base.app - <request
	// id> - [arxiv:null] - INFO: …".
	p := end + 3
	for i := 0; i < 4; i++ {
		f0 := spacesFrom(t, p) // the format's padding: Nornir's "%(name)s -  %(levelname)s"
		n := f0
		for n < len(t) && n-f0 < 64 && t[n] != ' ' {
			n++
		}
		f := t[f0:n]
		dashed := n+3 <= len(t) && string(t[n:n+3]) == " - "
		if len(f) == 0 {
			return false
		}
		if dashed && (i == 0 && isDigit(f[0]) && digitsBefore(t, n) == f0 || levelWord(f)) {
			return true
		}
		if f[len(f)-1] == ':' && levelWord(f[:len(f)-1]) {
			return i > 0
		}
		if !dashed {
			return false
		}
		p = n + 3
	}
	return false
}

// caseMixed reports whether the last label of name is capitalised (an
// upper-case letter, then lower-case only) and the label before it starts
// in lower case (server.Host, objHTTP.Open), or every label is capitalised: the product and
// application names of firewalls (Google.Drive, Apple.Store). A host name
// written by hand capitalises the words before its TLD, not the TLD
// (Amazon.com), or a short TLD as the rest (Evil.Com). An arXiv subject
// class (cs.CR, subjectClass) is one too.
func caseMixed(name []byte) bool {
	if titleCase(name) {
		return true
	}
	d := len(name) - 1
	for d >= 0 && name[d] != '.' {
		d--
	}
	last := name[d+1:]
	if d >= 1 && subjectClass(name[:d], last) {
		return true
	}
	if d < 1 || !capitalised(last) {
		return false
	}
	p := d
	for p > 0 && name[p-1] != '.' {
		p--
	}
	for _, r := range string(name[p:d]) {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r) // server.Host, objHTTP.Open: a camel-case variable's member; Russian's г.Москва, a city's abbreviation
		}
	}
	return false
}

// controlParameter reports whether the name t[start:end], in capitals, is
// a process-control tag's parameter as DCS logs write one (Yokogawa
// CENTUM's "FIC1021.SV", DeltaV's "FIC-7102/PID1/SP.CV"): two labels (or
// three, an area's prefix first: "ELX3.TIC2105.SV"), the
// last a parameter's mnemonic that is a TLD too (set value, manipulated
// value, current value), the first a tag with a digit, or a block's
// parameter after a path of capitals. A host written in capitals has no
// digit in its name (EVIL.SV).
func controlParameter(t []byte, start, end int) bool {
	name := t[start:end]
	d := bytes.LastIndexByte(name, '.')
	if d <= 0 {
		return false
	}
	switch string(name[d+1:]) {
	case "SV", "MV", "CV":
	default:
		return false
	}
	if a := bytes.IndexByte(name, '.'); a < d {
		// an area's or a unit's prefix before the tag (an electrolyser
		// HMI's "ELX3.TIC2105.SV"): capitals and digits, one label
		if bytes.IndexByte(name[a+1:d], '.') >= 0 || !isaTag(name[a+1:d]) {
			return false
		}
		digit := false
		for _, c := range name[:a] {
			if !isUpper(c) && !isDigit(c) {
				return false
			}
			digit = digit || isDigit(c)
		}
		// an area is numbered (ELX3, U2); a host's first label is a word (WWW, MAIL, NS1, MX2, SMTP)
		return digit && isAlpha(name[0]) && !hostLabelWord(name[:a])
	}
	if isaTag(name[:d]) {
		return true
	}
	for _, c := range name[:d] {
		if !isUpper(c) && !isDigit(c) {
			return false
		}
	}
	return start >= 3 && t[start-1] == '/' && isDigit(t[start-2]) // a block's: DeltaV's PID1/SP.CV
}

// hostLabelWord reports whether the first label of a name in capitals,
// a number after it or not, is a host's common one (WWW, MAIL, NS1, MX2).
func hostLabelWord(l []byte) bool {
	for len(l) > 0 && isDigit(l[len(l)-1]) {
		l = l[:len(l)-1]
	}
	for _, w := range [...]string{"WWW", "MAIL", "NS", "MX", "SMTP", "VPN", "LOGIN", "WEB", "API", "CDN", "DNS", "FTP", "SRV", "HOST"} {
		if string(l) == w {
			return true
		}
	}
	return false
}

// isaTag reports whether tag is written as instrument tags are (ISA 5.1):
// two to four capitals, an optional '-', then two to five digits and an
// optional letter (FIC1021, TIC-101A); "C2SRV1" is none.
func isaTag(tag []byte) bool {
	i := 0
	for i < len(tag) && isUpper(tag[i]) {
		i++
	}
	if i < 2 || i > 4 {
		return false
	}
	if i < len(tag) && tag[i] == '-' {
		i++
	}
	d := i
	for i < len(tag) && isDigit(tag[i]) {
		i++
	}
	if i-d < 2 || i-d > 5 {
		return false
	}
	if i < len(tag) && isUpper(tag[i]) {
		i++
	}
	return i == len(tag)
}

// subjectClass reports whether first.last is a subject class as arXiv
// writes its categories (cs.CR, math.AG, astro-ph.EP): one of arXiv's
// archives, then two to four capitals.
func subjectClass(first, last []byte) bool {
	if len(last) < 2 || len(last) > 4 {
		return false
	}
	for _, c := range last {
		if !isUpper(c) {
			return false
		}
	}
	switch string(first) { // arXiv's archives: a host's name in lower case before a TLD in capitals (phish.RU) is none
	case "cs", "math", "physics", "astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph",
		"nlin", "nucl-ex", "nucl-th", "quant-ph", "q-bio", "q-fin", "stat", "eess", "econ":
		return true
	}
	return false
}

// capitalised reports whether the label l is a capital letter and then
// lower-case letters only, in any script (Host, Москва).
func capitalised(l []byte) bool {
	if len(l) == 0 || l[0] < utf8.RuneSelf && !isUpper(l[0]) {
		return false // most labels: lower case, ASCII
	}
	n := 0
	for _, r := range string(l) {
		if n == 0 && !unicode.IsUpper(r) || n > 0 && !unicode.IsLower(r) {
			return false
		}
		n++
	}
	return n >= 2
}

// dotNetProduct reports whether name is a product of the .NET family, its
// last label "NET" in capitals after one not all in capitals
// (Sitecore.NET, Telerik.NET): a host name written by hand keeps its TLD
// in the case of the rest (EVIL.NET, Evil.Net).
func dotNetProduct(name []byte) bool {
	n := len(name)
	if n < 6 || string(name[n-4:]) != ".NET" {
		return false
	}
	for _, c := range name[:n-4] {
		if isLower(c) {
			return true
		}
	}
	return false
}

// titleCase reports whether every label of name is a capital letter and
// lower-case letters after it (the labels before the last in PascalCase
// too, or an acronym before a word, or in capitals: a brand's
// OPENLANE.Docs, or with digits: a numbered part's Pump1), two labels or more, the last a word
// of four letters or more, or of three after two labels or more that is
// not a TLD written by hand (Google.Drive, AcmeRooms.Weather,
// Microsoft.NETCore.App; Evil.Com, Evil.Ru, Login.Evil.Com are names whose
// writer capitalised a short TLD as the rest).
func titleCase(name []byte) bool {
	if len(name) == 0 || !isUpper(name[0]) {
		return false // most names are in lower case
	}
	d := len(name)
	for d > 0 && name[d-1] != '.' {
		d--
	}
	short := len(name)-d < 4
	if short && (len(name)-d < 3 || handTLD(name[d:])) {
		return false
	}
	labels := 0
	for i := 0; i < len(name); {
		j := i
		for j < len(name) && name[j] != '.' {
			j++
		}
		if j-i < 2 || !isUpper(name[i]) {
			return false
		}
		lowers := false
		for _, c := range name[i+1 : j] {
			// a capital or a digit inside a label before the last:
			// PascalCase or an acronym before a word, a .NET namespace's
			// (AcmeRooms.Weather, Microsoft.NETCore.App), a SCADA point's
			// numbered station and pump (Wastewater.LS07.Pump1.Auto),
			// never a host written by hand
			if !isLower(c) && !(j < len(name) && (isUpper(c) || isDigit(c))) {
				return false
			}
			lowers = lowers || isLower(c)
		}
		if !lowers && j == len(name) {
			return false // a TLD in capitals (EVIL.NET) is a host's written in capitals
		}
		labels++
		i = j + 1
	}
	return labels >= 2 && (!short || labels >= 3) // Evil.Com; but Microsoft.NETCore.App
}

// handTLD reports whether the capitalised three-letter label l is a TLD
// people write by hand after a capitalised name (Evil.Com, Secure.Login.Net).
func handTLD(l []byte) bool {
	var buf [3]byte
	switch string(appendLower(buf[:0], l)) {
	case "com", "net", "org", "edu", "gov", "mil", "int", "biz", "xyz", "top":
		return true
	}
	return false
}

// ciscoMAC reports whether name is a MAC address as Cisco writes it: three
// groups of four hex digits (0050.56ab.cafe).
func ciscoMAC(name []byte) bool {
	if len(name) != 14 || name[4] != '.' || name[9] != '.' {
		return false
	}
	for i, c := range name {
		if i != 4 && i != 9 && !isHex(c) {
			return false
		}
	}
	return true
}
