package ioc

import "bytes"

// Names that end in a real TLD but are the vocabulary of security tools:
// anti-virus and EDR detection names (Trojan.Win32.Agent.co, Win32/Agent.abc,
// W32.Sality.AE) and field names of detection rules and queries (Suricata's
// "http.host;", EQL's process.name : "x"). An analyst reads them as what
// they are; looking them up asks VirusTotal about a site nobody visited.

// avPlatform reports whether l is a platform label of detection names
// (Kaspersky's Trojan.Win32.Agent.co, Symantec's W32.Sality.AE,
// Backdoor.MSIL.x): a label no host name uses. A switch, not a map: it is
// asked of most names.
func avPlatform(l []byte) bool {
	switch string(l) {
	case "win32", "win64", "w32", "w64", "msil", "androidos", "o97m", "w97m", "x97m":
		return true
	}
	return false
}

// osPlatform reports whether l names an operating system that detection
// names start with (Apple's XProtect: MACOS.ADLOAD.AB, OSX.Dok.B; Linux.
// Mirai.x). Hosts use these labels too (macos.example.com), so they count
// only when written with a capital, as detection names are and host names
// are not.
func osPlatform(l []byte) bool {
	switch string(l) {
	case "macos", "osx", "linux", "unix", "android":
		return true
	}
	return false
}

// avSlashPrefixes are the platform and type words written before a '/' in
// detection names (ESET's Win32/Agent.abc, Microsoft's Trojan:Win32/Emotet.PA,
// Fortinet's W32/Generic.AC, Avira's TR/Spy.Agent, Palo Alto's Virus/Win32.x).
var avSlashPrefixes = map[string]bool{
	"win32": true, "win64": true, "w32": true, "w64": true, "msil": true,
	"androidos": true, "android": true, "linux": true, "osx": true, "macos": true,
	"js": true, "vbs": true, "vba": true, "html": true, "php": true, "java": true,
	"bat": true, "script": true, "powershell": true, "python": true, "perl": true,
	"o97m": true, "w97m": true, "x97m": true, "multi": true, "unix": true,
	"tr": true, "bds": true, "worm": true, "heur": true, "pua": true, "adware": true,
	"spr": true, "troj": true, "mal": true, "riskware": true, "virus": true,
}

// avColonPrefixes are the prefixes glued by ':' to Kaspersky's and
// Bitdefender's detection names (HEUR:Trojan.Win32.x, Gen:Variant.x,
// not-a-virus:AdWare.x).
var avColonPrefixes = map[string]bool{
	"heur": true, "gen": true, "uds": true, "pdm": true, "hoax": true, "not-a-virus": true,
}

// threatTypeLabel reports whether a first label names a kind of malware,
// as detection names start (Trojan., Backdoor., PUA., Net-Worm.).
func threatTypeLabel(l []byte) bool {
	switch string(l) {
	case "backdoor", "worm", "virus", "ransom", "exploit", "adware", "riskware",
		"hacktool", "spyware", "rootkit", "pua", "pup", "not-a-virus",
		"dropper", "downloader", "malware", "ransomware", "keylogger", "coinminer", "infostealer":
		return true
	}
	return hasPrefix(l, "trojan") || hasSuffix(l, "-worm")
}

// detectionName reports whether the name t[start:end] (v normalised) is an
// anti-virus or EDR detection name: glued after a platform or type and '/'
// (Win32/Agent.abc) or after a prefix and ':' (HEUR:Trojan.x.ai); of three
// labels or more with a platform for first or second label, not the last
// (Trojan.Win32.Agent.co, w32.sality.ae: a host such as
// dl.cdn.win32.evil.org is a name); or of three labels or more,
// written with capitals, whose first names a kind of malware
// (PUA.Win.Adware.ai) or second (ClamAV's Win.Dropper.AgentTesla); or
// glued by ':' after such a name (Win.Dropper.AgentTesla::1201.sbx.tg).
func detectionName(t []byte, start, end int, v []byte) bool {
	if start > 0 && (t[start-1] == '/' || t[start-1] == ':') {
		var buf [16]byte
		w := wordBefore(buf[:0], t, start-1)
		if t[start-1] == '/' && avSlashPrefixes[string(w)] || t[start-1] == ':' && avColonPrefixes[string(w)] {
			return true
		}
		if t[start-1] == ':' && detectionBefore(t, start-1) {
			return true
		}
	}
	if bytesCount(v, '.') < 2 {
		return false // most names have two or three labels: one test
	}
	d := bytesIndex(v, '.')
	first, rest := v[:d], v[d+1:]
	second := rest[:bytesIndex(rest, '.')] // not the last label: two dots or more
	if avPlatform(first) || avPlatform(second) {
		return true
	}
	if osPlatform(first) && isUpper(t[start]) {
		return true // XProtect's MACOS.POSEIDON.AG, OSX.Dok.B: capitalised, as no host is written
	}
	if !threatTypeLabel(first) && !threatTypeLabel(second) {
		return false
	}
	return hasUpper(t[start:end])
}

// detectionBefore reports whether the colons ending at t[c] follow a
// detection name of three labels or more (Win.Dropper.AgentTesla::...),
// which what they glue on continues.
func detectionBefore(t []byte, c int) bool {
	for c > 0 && t[c] == ':' && t[c-1] == ':' {
		c--
	}
	ps := c
	for ps > 0 && c-ps < 64 && (isAlnum(t[ps-1]) || t[ps-1] == '.' || t[ps-1] == '-' || t[ps-1] == '_') {
		ps--
	}
	if c-ps >= 64 || bytesCount(t[ps:c], '.') < 2 || t[ps] == '.' || t[c-1] == '.' {
		return false
	}
	var buf [64]byte
	return detectionName(t, ps, c, appendLower(buf[:0], t[ps:c]))
}

// wordBefore returns, lower-cased into buf, the word of letters, digits
// and '-' that ends at t[i] (exclusive), or nothing when there is none or
// it is longer than buf.
func wordBefore(buf []byte, t []byte, i int) []byte {
	j := i
	for j > 0 && i-j <= cap(buf) && (isAlnum(t[j-1]) || t[j-1] == '-') {
		j--
	}
	if i-j > cap(buf) || j == i {
		return buf[:0]
	}
	return appendLower(buf[:0], t[j:i])
}

// snakeLabel reports whether the last label of the dotted text v has '_'
// between letters or digits: a field written in snake case (Cortex XDM's
// xdm.network.dns.dns_question.name). Before a TLD that label would be the
// registrable domain's, which no registry allows an '_' in; a subdomain's
// may hold one (cdn_01.evil.app is a name).
func snakeLabel(v []byte) bool {
	for i := len(v) - 2; i > 0 && v[i] != '.'; i-- {
		if v[i] == '_' && isAlnum(v[i-1]) && isAlnum(v[i+1]) {
			return true
		}
	}
	return false
}

// queryOperatorAfter reports whether what follows t[:end] compares or lists
// a query's field: an operator (=, !=, <, >, contains, in, matches...), a
// comma, a pipe or a closing bracket.
func queryOperatorAfter(t []byte, end int) bool {
	i := spacesFrom(t, end)
	if i == len(t) {
		return false
	}
	if bytes.IndexByte([]byte("=!<>,|)]"), t[i]) >= 0 {
		return true
	}
	j := i
	for j < len(t) && isAlpha(t[j]) {
		j++
	}
	for _, op := range [...]string{"contains", "in", "matches", "like", "exists", "is", "startswith", "endswith", "regexp", "not"} {
		if equalFold(t[i:j], op) {
			return true
		}
	}
	return false
}

// fieldNamespaces are the first labels of field names in detection rules
// and queries: ECS field sets (process.name, dns.question.name), the data
// models of Cortex (xdm.source.host.hostname) and SentinelOne's Deep
// Visibility (src.process.name, endpoint.name), and Suricata's and
// Cloudflare's protocol fields (http.host, file.data, ssh.software,
// http.request.domains). Chronicle's and OCSF's (principal, target,
// device, actor) are also common first labels of hosts.
var fieldNamespaces = map[string]bool{
	"xdm": true, "src": true, "tgt": true, "endpoint": true,
	"agent": true, "client": true, "cloud": true, "container": true, "destination": true,
	"dll": true, "dns": true, "email": true, "event": true, "file": true, "group": true,
	"host": true, "http": true, "http2": true, "log": true, "network": true, "observer": true,
	"process": true, "registry": true, "rule": true, "server": true, "service": true,
	"source": true, "threat": true, "tls": true, "url": true, "user": true, "winlog": true,
	"ssh": true, "smb": true, "ftp": true, "smtp": true, "krb5": true, "sip": true, "quic": true,
}

// fieldLeaf reports whether a last label of a field name is also a TLD.
func fieldLeaf(l []byte) bool {
	switch string(l) {
	case "name", "host", "id", "email", "data", "app", "software", "domains",
		"city", "country", "phone", "date", "link": // an address's, a record's
		return true
	}
	return false
}

// queryFieldName reports whether the name t[start:end] (v normalised) is
// a field name of a detection rule or query rather than a host: a field
// namespace, then a leaf that is a TLD (file.name, http.host, host.id),
// in lower case as fields are written (server.Host is code: inCode), where
// a field is named, not as a field's value ("by host.id", "http.host;",
// process.name : "x"; but host="file.name" is a value).
func queryFieldName(t []byte, start, end int, v []byte) bool {
	l := len(v)
	for l > 0 && v[l-1] != '.' {
		l--
	}
	if !fieldLeaf(v[l:]) { // most names end in com, net, org: cheapest first
		return false
	}
	d := bytesIndex(v, '.')
	ns := string(v[:d])
	camel := camelLabelBeforeLeaf(t[start:end])
	if !fieldNamespaces[ns] && !snakeLabel(v[:l-1]) && !camel {
		return false
	}
	if string(v[l:]) == "domains" && ns != "http" {
		return false // Cloudflare's http.request.domains; client.evil.domains is a name
	}
	if (ns == "src" || ns == "tgt" || ns == "endpoint") && !queryOperatorAfter(t, end) {
		return false // S1QL's fields are compared or listed; src.evil.app in prose is a host
	}
	for _, c := range t[start:end] {
		if isUpper(c) && !camel || c == '-' {
			return false // fields are lower case but for a camel-case label, and no field has a '-'
		}
	}
	if start > 0 && (t[start-1] == '@' || t[start-1] == '/') || end < len(t) && t[end] == '/' {
		return false // a mailbox's domain, a URL's host, a host before its path
	}
	_, _, sep := fieldKey(t, start)
	return !sep || comparedInQuery(t, end)
}

// camelLabelBeforeLeaf reports whether the label right before the last of
// name, as written, is in lower camel case (OpenCTI's createdBy.name,
// GraphQL's objectLabel.value) and no other label has a capital: the
// field paths of JSON APIs. Registries fold case, and a host's label is
// not written so (brands capitalise their first letter: PayPal.com).
func camelLabelBeforeLeaf(name []byte) bool {
	last := bytes.LastIndexByte(name, '.')
	if last <= 0 {
		return false
	}
	ls := bytes.LastIndexByte(name[:last], '.') + 1
	label := name[ls:last]
	return len(label) >= 4 && isLower(label[0]) && hasUpper(label[1:]) && !hasUpper(name[:ls]) && !hasUpper(name[last:])
}

// hasUpper reports whether b holds an ASCII capital.
func hasUpper(b []byte) bool {
	for _, c := range b {
		if isUpper(c) {
			return true
		}
	}
	return false
}

// comparedInQuery reports whether a field name that starts a value is
// compared by the query the value holds: EQL's and KQL's "process.name :
// \"x\"" in a JSON string, or an operator (==, !=, like...). A name that is
// the whole value (host="file.name") stays a name.
func comparedInQuery(t []byte, end int) bool {
	i := spacesFrom(t, end)
	switch {
	case i == len(t):
		return false
	case t[i] == ':':
		return i > end // spaced as queries write it; evil.app:443 is a port
	case t[i] == ',' || t[i] == '|' || t[i] == ')' || t[i] == ']':
		return false // a list of values
	}
	return queryOperatorAfter(t, end)
}

// digitsFrom returns where the digits from t[i] end.
func digitsFrom(t []byte, i int) int {
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	return i
}

// digitsBefore returns where the digits that end at t[k] start.
func digitsBefore(t []byte, k int) int {
	for k > 0 && isDigit(t[k-1]) {
		k--
	}
	return k
}

// spacesFrom returns where the spaces from t[i] end.
func spacesFrom(t []byte, i int) int {
	for i < len(t) && t[i] == ' ' {
		i++
	}
	return i
}
