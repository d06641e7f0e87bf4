package ioc

import (
	"bytes"
	"slices"
	"unicode"
	"unicode/utf8"
)

// The context rules for versions: which dotted quads are versions, not
// addresses (V1-V3).

// versionWord reports whether the lower-case last word of a key, or the
// word before a dotted quad, names a version (any key ending in "version"
// or "build" does: FileVersion, agent_version, AppBuild).
func versionWord(w []byte) bool {
	switch string(w) {
	case "ver", "vers", "v", "build", "firmware", "release", "rev", "revision",
		"versione", "wersja", "verze", "versie", // Italian's, Polish's, Czech's, Dutch's, in ASCII (localVersionWords' others are not; Finnish's "versio" is a host's company, Versio)
		"vrmf": // IBM's version, release, modification and fix level: MQ's VRMF(9.3.0.15)
		return true
	}
	if hasSuffix(w, "version") || hasSuffix(w, "versions") || hasSuffix(w, "build") {
		return true // FileVersion, App Center's AppBuild, Raygun's appBuild
	}
	return len(w) > 0 && w[len(w)-1] >= utf8.RuneSelf && localWordIs(w, localVersionWords)
}

// The words for a version and for a user in the languages logs are
// written in, lower case, as keys or the word before a value: Russian's
// "до версии 26.1.0.112", Korean's "사용자=h.kim". (Words written in ASCII,
// German's Version, are English's or in keyWordIs.)
var (
	localVersionWords = []string{"версия", "версии", "версию", "версией", "versión", "versão", "versione", "wersja", "verze", "sürüm", "版本", "バージョン", "버전", "גרסה", "الإصدار", "إصدار"}
	localUserWords    = []string{"пользователь", "пользователя", "учётная запись", "usuário", "kullanıcı", "用户", "用户名", "使用者", "ユーザー", "ユーザー名", "ユーザ", "사용자", "사용자명", "משתמש", "المستخدم", "مستخدم"}
)

// localWordIs reports whether the word w, lower-cased by Unicode's rules,
// is one of words.
func localWordIs(w []byte, words []string) bool {
	var buf [64]byte
	lw := buf[:0]
	for _, r := range string(w) {
		lw = utf8.AppendRune(lw, unicode.ToLower(r))
	}
	return slices.Contains(words, string(lw))
}

// versionQualified reports whether key's last word qualifies a version
// word before it (SPDX's versionInfo, Android's versionName,
// version_string, the TPM's ManufacturerVersionFull20: a number word is
// no word of its own), or is an image's tag (container_image_tag,
// imageTag).
func versionQualified(key []byte) bool {
	var buf [maxKeyLook]byte
	var prev, last []byte
	for ws, we := nextKeyWord(key, 0); ws < len(key); ws, we = nextKeyWord(key, we) {
		w := key[ws:we]
		for len(w) > 0 && isDigit(w[len(w)-1]) {
			w = w[:len(w)-1] // Full20 is Full
		}
		if len(w) > 0 {
			prev, last = last, w
		}
	}
	if len(prev) == 0 || len(prev) > len(buf) {
		return false
	}
	p := appendLower(buf[:0], prev)
	if string(p) == "image" {
		var lbuf [8]byte
		return len(last) == 3 && string(appendLower(lbuf[:0], last)) == "tag" // an image's tag is its version: Falco's container.image.tag=3.8.2.1
	} else if !versionWord(p) {
		return false
	}
	var qbuf [maxKeyLook]byte
	if len(last) > len(qbuf) {
		return false
	}
	q := appendLower(qbuf[:0], last)
	return versionQualifier(q) || hasSuffix(p, "version") && versionStateQualifier(q)
}

// spacedVersionLabel reports whether the key t[ks:ke] is the second word
// of a label of two, written with a space, that names a version: a version
// word and a word qualifying it (versionQualified's: "Version number:",
// "Build string"), or a word naming the software and "number" (Tomcat's
// VersionLoggerListener: "Server number: 9.0.86.0", a product's
// "Software number"; "Server name" may name a host, so only "number").
func spacedVersionLabel(t []byte, ks, ke int) bool {
	if ks < 2 || t[ks-1] != ' ' || ke-ks > 8 {
		return false
	}
	var buf, kbuf [16]byte
	first := wordBefore(buf[:0], t, endOfWordBefore(t, ks))
	if len(first) == 0 {
		return false
	}
	k := appendLower(kbuf[:0], t[ks:ke])
	switch {
	case versionWord(first):
		return versionQualifier(k)
	case string(k) == "number":
		switch string(first) {
		case "server", "software", "product", "kernel", "package":
			return true
		}
	}
	return false
}

// versionQualifier reports whether the lower-case word w, after a version
// word, still names the version (versionInfo, version_string, "Build
// number").
func versionQualifier(w []byte) bool {
	switch string(w) {
	case "info", "string", "str", "text", "name", "number", "code", "label", "tag", "full", "raw", "value", "id":
		return true
	}
	return false
}

// camelVerKey reports whether key's last word, split as camel case
// splits it, is "Ver" or "Rev" after another (IEEE 2030.5's swVer,
// mfVer, a firmware's fwRev): a version's abbreviation, where the whole
// last run ("swver") is no word versionWord knows. ("Server" is one word.)
func camelVerKey(key []byte) bool {
	var last []byte
	n := 0
	for ws, we := nextKeyWord(key, 0); ws < len(key); ws, we = nextKeyWord(key, we) {
		last = key[ws:we]
		n++
	}
	return n >= 2 && len(last) == 3 && isUpper(last[0]) && (equalFold(last, "ver") || equalFold(last, "rev"))
}

// versionStateQualifier reports whether the lower-case word w, after a
// word ending in "version" (not "build", "release" or "rev", whose
// "target" may be a host), says which of its versions: StanForD's
// ApplicationVersionCreated, a FirmwareVersionInstalled, version_min.
func versionStateQualifier(w []byte) bool {
	switch string(w) {
	case "created", "modified", "installed", "current", "latest", "running", "required", "target", "previous", "min", "max", "minimum", "maximum":
		return true
	}
	return false
}

// rangeWord reports whether w joins a version to the next one ("2.4.1.0 to
// 2.5.0.3"), or sets one against the other, as a mismatch is reported
// ("expecting library version 8.6.1.6, got 8.5.3.1", "8.6.1.6 vs 8.5.3.1").
func rangeWord(w []byte) bool {
	switch string(w) {
	case "to", "and", "or", "-", "->", "=>", "got", "vs", "versus":
		return true
	}
	return false
}

// rangeGap reports whether the text between two quads is only a word
// that joins a version to the next one (rangeWord), with spaces and
// quotes around it.
func rangeGap(g []byte) bool {
	g = bytes.Trim(g, " \t\"'")
	return rangeWord(g)
}

// isVersion reports whether the dotted quad t[start:end] is a version
// rather than an address: after a product token (Chrome/120.0.0.0), after a
// key or word that names a version (Version=4.0.0.0, firmware 2.4.1.0), as
// a folder of a Windows path (...\Pester\3.4.0.0\...), or joined to a
// version just read ("2.4.1.0 to 2.5.0.3").
func (e *Extractor) isVersion(t []byte, start, end int) bool {
	if preReleaseAfter(t, end) {
		return true // a pre-release's suffix: V8 11.8.172.17-electron.0
	}
	if commitAfter(t, start, end) {
		return true // a release and its build's commit: RoomOS's "RoomOS 11.14.1.5 8e3c2b7f1d0"
	}
	if start >= 3 && t[start-3] == '%' && encodedVersionKey(t, start) {
		return true // a query's key and value percent-encoded: Jira's jql=…fixVersion%20%3D%20%222.4.1.7%22
	}
	if start == 0 {
		return false
	}
	if t[start-1] == ':' && imageReferenceTag(t, start, end) {
		return true // an image reference's tag: Cromwell's "docker":"us.gcr.io/broad-gatk/gatk:4.5.0.0"
	}
	if start > 6 && string(t[start-3:start]) == " - " && propertyGetKey(t, start-3) {
		return true // ASCOM's trace: "DriverVersion              Get - 6.6.1.0"
	}
	if t[start-1] == ':' && mavenCoordinateVersion(t, start) {
		return true // a Maven coordinate's version, group:artifact:version: Gradle's "Could not find com.acme.ledger:fx-rates:4.2.0.1."
	}
	if t[start-1] == ':' && productVersionListItem(t, start, end) {
		return true // Proofpoint's engine=ICAP:2.0.272,Aquarius:18.0.1011,FMLib:17.11.176.26
	}
	switch t[start-1] {
	case '-', '_':
		// After a version word (release-7.4.1.0, build_10.0.1.2), or glued
		// into a name on both sides (Agent-4.18.2.1-x64.msi, jdk-17.0.9.9-hotspot),
		// or in a version key's value (sw_version=POS-22.4.1.3).
		var buf [16]byte
		if w := wordBefore(buf[:0], t, start-1); versionWord(w) || runtimeWord(w) || // a runtime's name glued to its version: Erlang's "[erts-13.2.2.5]"
			start > 1 && isAlnum(t[start-2]) && end+1 < len(t) && (t[end] == '-' || t[end] == '_') && isAlnum(t[end+1]) {
			return true
		}
		if start > 1 && isAlpha(t[start-2]) && t[start-1] == '-' && (slashAt(t, end) && slashBefore(t, start-1) || end < len(t) && t[end] == '\\' && windowsFolderVersion(t, start)) {
			return true // a package's folder in a path: a gem's …/gems/activerecord-7.1.3.2/lib/…, a kiosk's C:\…\app-6.4.3.0\Kiosk.exe
		}
		if packageVersion(t, start, end) {
			return true // a package named with its version: Bundler's "Could not find rack-3.0.9.1 in …"
		}
		ks, ke, ok := tokenValueKey(t, start)
		if !ok {
			ks, ke, ok = quotedValueKey(t, start) // "firmware_version":"cam-1.18.2.60"
		}
		if !ok {
			ks, ke, ok = gluedTokenKey(t, start) // TrueNAS's "current version: TrueNAS-SCALE-22.12.4.1"
		}
		var kbuf [maxKeyLook]byte // (a long key: "integrationVersion":"campspot-connector-3.14.2.7")
		return ok && ke-ks <= len(kbuf) && versionWord(lastWord(kbuf[:0], t[ks:ke]))
	case '/', 'F', 'f': // a slash, or its escape %2F
		return productVersion(t, start, end)
	case '@':
		// a .NET package and its version (Snyk's System.Data.SQLite.Core@1.0.118.0);
		// root@1.2.3.4 is an account at an address
		k := start - 1
		for k > 0 && start-1-k < 64 && (isAlnum(t[k-1]) || t[k-1] == '-' || t[k-1] == '.') {
			k--
		}
		return k < start-1 && bytes.IndexByte(t[k:start-1], '.') >= 0 && productToken(t[k:start-1])
	case '\\':
		return windowsPathAt(t, start) && !inRegistryPath(t, start) && !mupHost(t, start)
	case '|':
		return headerVersion(t, start, end)
	case '(':
		// a key glued before its value in brackets, as IBM MQ writes its
		// inserts: VRMF(9.3.0.15), Host(10.1.1.1); or a build in brackets
		// after its version (Crashlytics' "appVersion":"5.3.0 (5.3.0.203)")
		if backtraceGemVersion(t, start, end) {
			return true // a gem's version in a Rails backtrace: "activerecord (7.1.3.2) lib/active_record/…rb:57:in"
		}
		if optionStart(t, start-1, 0) == start-1 { // (Rust's Some(1.2.3.4): the key is before it, read below)
			var buf [16]byte
			return versionWord(wordBefore(buf[:0], t, start-1)) || buildOfVersionBefore(t, start)
		}
	case '#':
		// a version word glued to it by '#', a record's field id: FIAS's
		// Link Description "LD|DA240414|V#8.14.6.0|", "Build#10.1.2.3"
		var buf [16]byte
		return start > 1 && isAlpha(t[start-2]) && versionWord(wordBefore(buf[:0], t, start-1))
	case '[':
		// a key glued before its value in brackets (Gravitee's
		// "version[1.4.2.0]"), or DCMTK's dump: (0018,1020) LO [2.1.0.12]  # 8, 1 SoftwareVersions;
		// or after a label's ": " (F Prime's "Project Version: [2.1.0.14]")
		var buf [16]byte
		if start > 3 && t[start-2] == ' ' && t[start-3] == ':' {
			return versionWord(wordBefore(buf[:0], t, start-3))
		}
		return isAlnum(t[max(start-2, 0)]) && versionWord(wordBefore(buf[:0], t, start-1)) || dcmdumpKeyword(t, end)
	case '"':
		if ks, ke, ok := phpSerializedKey(t, start); ok && ke-ks <= maxKeyLook {
			var buf [maxKeyLook]byte
			if versionWord(lastWord(buf[:0], t[ks:ke])) {
				return true // PHP's serialize(): s:7:"version";s:7:"4.1.2.0"; (WordPress's options)
			}
		}
	case '=', ':', '\'', ' ', '\t', '>':
	case '<':
		// a value in angle brackets after its word: OCS Inventory's
		// "Loading plug-in <…ComHTTP.dll> version <2.10.1.0>"
		var buf [16]byte
		return start > 2 && t[start-2] == ' ' && end < len(t) && t[end] == '>' && versionWord(wordBefore(buf[:0], t, start-2))
	default:
		return false // ',' '(' '[' ... : no key or word right before
	}
	ks, ke, sep := fieldKey(t, start)
	if ks == ke {
		ks, ke, sep = arrayKey(t, start) // "newValue":"[\"14.5.0.0\"]"
	}
	if ks == ke {
		ks, ke, sep = erlangTupleKey(t, start) // Couchbase's {erl_version,"13.2.2.5"}
	}
	if ks == ke {
		ks, ke = cellLabelBefore(t, start) // Veeva's audit row: …,"Software Version","4.2.1.0","4.2.2.0",…
	}
	ks, ke = unwrapValue(t, ks, ke)
	if e.verEnd > 0 && e.verEnd < start && start-e.verEnd <= 8 && rangeGap(t[e.verEnd:start]) {
		return true // an arrow joins it to the last version: firmware 1.6.6.2 -> 1.6.7.0
	}
	if ks == ke || ke-ks > maxKeyLook {
		return false // (Defender's InitiatingProcessVersionInfoFileVersion is 39 bytes)
	}
	if switchV(t, ks, ke) {
		return false // a command's switch: mstsc's /v:server, grep -v, not ?v=1.2.3.4
	}
	var buf [maxKeyLook]byte
	key := t[ks:ke]
	if ke-ks == 1 && lower(t[ks]) == 's' && ks > 0 && t[ks-1] == '/' { // Jira's "Fix Version/s:"
		k := ks - 1
		for k > 0 && ks-1-k < 24 && isAlnum(t[k-1]) {
			k--
		}
		key = t[k : ks-1]
	}
	w := namedLastWord(buf[:0], key)
	if keyIs(key, "text") && ks > 0 && t[ks-1] == '#' {
		if ns, ne, ok := pairName(t, ks-1); ok && ne-ns <= len(buf) {
			w = lastWord(buf[:0], t[ns:ne]) // {"@Name":"FileVersion","#text":"8.0.10.0"}
		}
	} else if pairValueKey(key) {
		if ns, ne, ok := pairName(t, ks); ok && ne-ns <= 2*maxKeyLook {
			w = lastWord(buf[:0], t[ns:ne]) // {"name":"OS_VERSION","value":"14.2.1.0"}, TR-069's <Name>…DeviceInfo.SoftwareVersion</Name>
		}
	} else if changeSideKey(key) {
		if ns, ne, ok := changeField(t, ks); ok && ne-ns <= len(buf) {
			w = lastWord(buf[:0], t[ns:ne]) // {"field":"agentVersion","from":"1.148.0.3"}
		} else if os, oe, ok := enclosingObjectKey(t, ks); ok && oe-os <= len(buf) {
			w = namedLastWord(buf[:0], t[os:oe]) // the field's object: Snipe-IT's "_snipeit_firmware_version_4":{"old":"2.4.1.0","new":"2.5.0.3"}
		}
	}
	if ls, le, ok := cefLabel(t, ks, ke); ok && le-ls <= len(buf) {
		w = lastWord(buf[:0], t[ls:le]) // cs2Label=ProductVersion cs2=10.7.0.6
	}
	if versionWord(w) || versionQualified(key) || spacedVersionLabel(t, ks, ke) || siblingVersionKey(t, ks, ke) || sep && versionOfLabel(t, ks) ||
		camelVerKey(key) && smallQuadAt(t, start) && (end == len(t) || t[end] != ':' && t[end] != '/') { // (fwRev=185.220.101.4 is a reverse lookup's address)
		return true
	}
	if oidKey(key) {
		return true // an object identifier's value, no address: AD's "Syntax (OID): 2.5.5.12"
	}
	if sep && t[start-1] == '"' && ks > 0 && t[ks-1] == '"' && oidObjectMember(t, ks) {
		return true // a member of an OID's object: sslyze's "oid":{"dotted_string":"2.5.4.3"}
	}
	if !sep && (copulaVersion(t, ks, ke) || browserWord(w) || runtimeWord(t[ks:ke]) || versionListItem(t, ks) || firstListItem(t, ks, ke, start)) {
		return true
	}
	if !sep && t[start-1] == ' ' && ke+1 == start {
		if ts, te, ok := elementTextTag(t, ks); ok && te-ts <= 2*maxKeyLook && (versionWord(lastWord(buf[:0], t[ts:te])) || versionQualified(t[ts:te])) {
			return true // a product's name and its version as a version element's text: StanForD's <MachineApplicationVersion>Opti5G 4.12.30.1<
		}
	}
	if !sep && t[start-1] == ' ' && ks > 0 && t[ks-1] == '"' {
		// a phrase quoted under a version key, the quad its second word
		// (the cheap test first): Logstash's "jruby.version"=>"jruby 9.4.5.0 (3.1.4) …"
		if qs, qe, ok := quotedPhraseKey(t, start); ok && qe-qs <= 2*maxKeyLook && (versionWord(lastWord(buf[:0], t[qs:qe])) ||
			appQuotedVersion(t, qs, qe, ks, ke, start, end)) { // an app's name and version: app="StallPOS 5.8.1.4 [a91c0e7d2f]", "sdk":"twilio-php 8.0.1.2"
			return true
		}
	}
	if !sep && e.verEnd > 0 && rangeWord(t[ks:ke]) {
		// The word is all there is between this quad and the last version.
		j := ks
		for j > 0 && (t[j-1] == ' ' || t[j-1] == '"' || t[j-1] == '\'' || t[j-1] == ',') {
			j--
		}
		return j == e.verEnd
	}
	return false
}

// packageVersion reports whether the quad t[start:end] is glued by '-' to
// a word of three lower-case letters or more that starts a token in
// running text, and the token ends with it: a package and its version as gems, archives and
// packages are named (rack-3.0.9.1). A word that names a host or an
// address (host-, peer-, gw-) glues an address.
func packageVersion(t []byte, start, end int) bool {
	if t[start-1] != '-' || end < len(t) && !valueCloser(t[end]) {
		return false
	}
	w := start - 1
	for w > 0 && start-1-w < 32 && isLower(t[w-1]) {
		w--
	}
	if start-1-w < 3 || w > 0 && t[w-1] != ' ' && t[w-1] != '(' {
		return false // (a quoted value's key says what it holds: "peer":"cam-7.2.3.7")
	}
	switch string(t[w : start-1]) {
	case "host", "peer", "server", "node", "client", "addr", "address", "src", "dst", "source", "dest", "remote", "local", "gateway", "proxy", "relay":
		return false
	}
	return true
}

// siblingVersionKey reports whether the key t[ks:ke] of a key=value
// record is another key of the same record with "ver" glued after it, and
// the record has a "ver" key of its own: Aspera's ascp log, "peer=… ver=…
// peerver=4.2.8.155" (the peer's version; "server" is no such key).
func siblingVersionKey(t []byte, ks, ke int) bool {
	if ke-ks < 5 || !equalFold(t[ke-3:ke], "ver") || ke >= len(t) || t[ke] != '=' {
		return false
	}
	switch w := t[max(ks, ke-8):ke]; {
	case keyEndsWith(w, "server", "driver", "receiver", "observer", "resolver", "approver", "failover", "cover", "over"):
		return false // words that end in "ver" (server=1.2.3.4)
	}
	line := t[max(0, ks-512):min(len(t), ke+512)]
	var buf [maxKeyLook + 2]byte
	prefix := append(append(buf[:0], ' '), t[ks:ke-3]...)
	prefix = append(prefix, '=')
	return bytes.Contains(line, []byte(" ver=")) && bytes.Contains(line, prefix)
}

// gluedTokenKey returns the key of the unquoted value whose token holds
// the quad at t[start] glued after '-' or '_': the token runs back over
// letters, digits, '-', '_' and '.' to its start, where fieldKey reads the
// key written with ':' or '=' (TrueNAS's "current version:
// TrueNAS-SCALE-22.12.4.1").
func gluedTokenKey(t []byte, start int) (ks, ke int, ok bool) {
	k := start - 1
	for k > 0 && start-k < maxKeyLook && (isAlnum(t[k-1]) || t[k-1] == '-' || t[k-1] == '_' || t[k-1] == '.') {
		k--
	}
	ks, ke, sep := fieldKey(t, k)
	return ks, ke, sep && ks < ke
}

// changeSideKey reports whether key names one side of a change, the value
// before or after it ("from", "to", "old", "new", "before", "after",
// "previous", "current"): the field changed is named elsewhere.
func changeSideKey(key []byte) bool {
	for _, w := range [...]string{"to", "from", "old", "new", "before", "after", "previous", "current"} {
		if keyIs(key, w) {
			return true
		}
	}
	return false
}

// namedLastWord is lastWord of key without a number that ends it after
// '_', '-' or '.', a custom field's or a copy's index (Snipe-IT's
// "_snipeit_firmware_version_4" is version).
func namedLastWord(buf []byte, key []byte) []byte {
	n := len(key)
	for n > 0 && isDigit(key[n-1]) {
		n--
	}
	if n > 1 && n < len(key) && (key[n-1] == '_' || key[n-1] == '-' || key[n-1] == '.') && isAlpha(key[n-2]) {
		key = key[:n-1]
	}
	return lastWord(buf, key)
}

// cellLabelBefore returns the last word of the quoted CSV cell right
// before the quoted cell at t[start], when that cell is a label of words
// (letters and spaces, "Software Version"), or before the quad cell
// right before it: a row that names a field and then gives its old and
// new values, as audit trails export a change.
func cellLabelBefore(t []byte, start int) (ks, ke int) {
	if start < 5 || t[start-1] != '"' || t[start-2] != ',' || t[start-3] != '"' {
		return 0, 0
	}
	if p := start - 3; p > 0 && isDigit(t[p-1]) {
		// the cell before holds the old value: "Version","1.0.0.7","1.0.0.8"
		for p > 0 && start-3-p < 16 && (isDigit(t[p-1]) || t[p-1] == '.') {
			p--
		}
		if p == 0 || t[p-1] != '"' || bytes.Count(t[p:start-3], []byte{'.'}) != 3 {
			return 0, 0
		}
		start = p
		if start < 5 || t[start-1] != '"' || t[start-2] != ',' || t[start-3] != '"' {
			return 0, 0
		}
	}
	ke = start - 3
	k := ke
	for k > 0 && ke-k < 48 && (isAlpha(t[k-1]) || t[k-1] == ' ') {
		k--
	}
	if k == ke || k == 0 || t[k-1] != '"' || t[k] == ' ' {
		return 0, 0
	}
	ks = ke
	for ks > k && t[ks-1] != ' ' {
		ks--
	}
	return ks, ke
}

// erlangTupleKey returns the atom that keys the quoted value at t[start]
// in an Erlang tuple, {key,"value"}, as Erlang's property lists print
// (Couchbase's "{erl_version,\"13.2.2.5\"}").
func erlangTupleKey(t []byte, start int) (ks, ke int, ok bool) {
	if start < 4 || t[start-1] != '"' || t[start-2] != ',' {
		return 0, 0, false
	}
	ke = start - 2
	ks = ke
	for ks > 0 && ke-ks < maxKeyLook && (isLower(t[ks-1]) || isDigit(t[ks-1]) || t[ks-1] == '_') {
		ks--
	}
	return ks, ke, ks < ke && ks > 0 && t[ks-1] == '{'
}

// dcmdumpKeyword reports whether the bracketed value ending at t[end] is an
// element of a DICOM dataset as DCMTK's dcmdump writes it, "(gggg,eeee) VR
// [value]  # length, multiplicity Keyword", and its keyword, after the
// value, names a version (SoftwareVersions).
func dcmdumpKeyword(t []byte, end int) bool {
	if end >= len(t) || t[end] != ']' {
		return false
	}
	i := spacesFrom(t, end+1)
	if i >= len(t) || t[i] != '#' {
		return false
	}
	i = spacesFrom(t, i+1)
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	if i >= len(t) || t[i] != ',' {
		return false
	}
	i = spacesFrom(t, i+1)
	for i < len(t) && (isDigit(t[i]) || t[i] == '-' || t[i] == 'n') {
		i++ // a multiplicity: 1, 2-n
	}
	k := spacesFrom(t, i)
	if k == i {
		return false
	}
	e := k
	for e < len(t) && e-k < maxKeyLook && isAlnum(t[e]) {
		e++
	}
	var buf [maxKeyLook]byte
	return e > k && versionWord(lastWord(buf[:0], t[k:e]))
}

// buildOfVersionBefore reports whether the quad at t[start], in brackets,
// is the full build of the version written right before the bracket: it
// starts with that version's first number (Crashlytics' "5.3.0
// (5.3.0.203)"; Home Assistant's "2024.5.3 (192.168.20.10)" names an
// address).
func buildOfVersionBefore(t []byte, start int) bool {
	b, e, ok := versionBefore(t, start)
	if !ok || t[start-1] != '(' {
		return false
	}
	d := bytes.IndexByte(t[b:e], '.')
	return d > 0 && start+d < len(t) && string(t[start:start+d+1]) == string(t[b:b+d+1])
}

// commitAfter reports whether a space and an abbreviated commit, 7 to 12
// lower-case hex digits with a letter and a digit, follow the quad
// t[start:end] and end a token, or close square brackets after a
// product's capitalised name: a release written with the commit it was
// built from.
func commitAfter(t []byte, start, end int) bool {
	if end+8 > len(t) || t[end] != ' ' {
		return false
	}
	i := end + 1
	var closer byte
	if t[i] == '[' {
		// in brackets after a product's capitalised name: Arnold's
		// "Arnold 7.2.5.2 [c5c2b6d5] windows x86_64" ("addr 8.8.8.8 [<id>]"
		// is an address and its session)
		var buf [16]byte
		if w := wordBefore(buf[:0], t, start-1); start < 2 || t[start-1] != ' ' || len(w) < 3 || !isUpper(t[start-1-len(w)]) {
			return false
		}
		closer = ']'
		i++
		if c := bytes.IndexByte(t[i:min(len(t), i+14)], ']'); c < 0 || !platformWordAt(t, i+c+1) && !(smallQuadAt(t, start) && productPhraseBefore(t, start-1)) {
			// a build's platform after it, "[c5c2b6d5] windows x86_64", or a
			// version's small parts, DataWedge's "11.3.28.0 [8e3c2b7f1d] ready"
			// ("Blocked 185.220.101.4 [3fa9c1b2]" is an address and an id)
			return false
		}
	}
	h := i
	letter, digit := false, false
	for i < len(t) && i-h < 12 && (isDigit(t[i]) || 'a' <= t[i] && t[i] <= 'f') {
		letter = letter || !isDigit(t[i])
		digit = digit || isDigit(t[i])
		i++
	}
	n := i - h
	if closer != 0 {
		return n >= 7 && n <= 12 && letter && digit && i < len(t) && t[i] == closer
	}
	return n >= 7 && n <= 12 && letter && digit && (i == len(t) || !isAlnum(t[i]) && t[i] != '.' && t[i] != '-')
}

// productPhraseBefore reports whether the words before the space at t[sp]
// name a product: one word with a capital past its first letter or a
// digit (DataWedge), or two or three capitalised words whose last may be
// an address's (DVC Analytics Server); no word of an action (Blocked,
// Dropped), and no address's word alone or first (Host, C2 Callback).
func productPhraseBefore(t []byte, sp int) bool {
	var buf [16]byte
	var first, last []byte // the nearest word's bounds are kept in last
	words, k := 0, sp
	for words < 3 && k >= 2 && t[k] == ' ' {
		b := k
		for b > 0 && k-b < 16 && isAlnum(t[b-1]) {
			b--
		}
		if b == k || !isUpper(t[b]) {
			break
		}
		w := appendLower(buf[:0], t[b:k])
		if hasSuffix(w, "ed") {
			return false
		}
		if words == 0 {
			last = t[b:k]
		}
		first = t[b:k]
		words++
		k = b - 1
	}
	if words == 0 {
		return false
	}
	if addressWord(appendLower(buf[:0], first)) {
		return false // "C2 Callback 5.45.62.18 [<id>]", "Host 5.45.62.18 [<id>]"
	}
	if words >= 2 {
		return true
	}
	return productCased(last)
}

// productCased reports whether the word w has a capital past its first
// letter or a digit, as products write their names (DataWedge, PySide2,
// OpenSSL), where a word for a role or a part (relay, Host) has neither.
func productCased(w []byte) bool {
	for i, c := range w {
		if isDigit(c) || i > 0 && isUpper(c) {
			return true
		}
	}
	return false
}

// platformWordAt reports whether a blank and a platform's name (an OS or
// an architecture) start at t[i], as a build string names its target.
func platformWordAt(t []byte, i int) bool {
	if i >= len(t) || t[i] != ' ' {
		return false
	}
	for _, w := range [...]string{"windows", "linux", "darwin", "macos", "freebsd", "x86_64", "amd64", "arm64", "aarch64"} {
		if len(t)-i-1 >= len(w) && equalFold(t[i+1:i+1+len(w)], w) {
			return true
		}
	}
	return false
}

// encodedVersionKey reports whether a key naming a version stands before
// t[start] with its separator percent-encoded between: '=' or ':' (%3D,
// %3A), and blanks and quotes (%20, %22, %27) around it.
func encodedVersionKey(t []byte, start int) bool {
	k, sep := start, false
	for k >= 3 && t[k-3] == '%' {
		c := t[k-1]
		if 'a' <= c && c <= 'f' {
			c -= 'a' - 'A' // %3d is %3D
		}
		switch string([]byte{t[k-2], c}) {
		case "20", "22", "27":
		case "3D", "3A":
			sep = true
		default:
			return false
		}
		k -= 3
	}
	b := k
	for b > 0 && k-b < maxKeyLook && isAlnum(t[b-1]) {
		b--
	}
	var buf [maxKeyLook]byte
	return sep && b < k && versionWord(lastWord(buf[:0], t[b:k]))
}

// slashBefore reports whether the word that ends at t[i] (before a '-')
// starts a path's component: a '/' before it, within 64 bytes.
func slashBefore(t []byte, i int) bool {
	k := i
	for k > 0 && i-k < 64 && (isAlnum(t[k-1]) || t[k-1] == '-' || t[k-1] == '_' || t[k-1] == '.') {
		k--
	}
	return k > 0 && k < i && t[k-1] == '/'
}

// versionListItem reports whether the word starting at t[ks], right
// before a quad, names a product in a list of "product version" items
// under a key naming versions (Scrapy's "Versions: lxml 5.2.1.0, libxml2
// 2.12.6, …"): back over whole items, each a name, a space and a version
// and then ", ", to the key and its ':' or '=', or to the list's opening
// bracket when no key names it (see the '(' case). Anything else between
// ends the list.
func versionListItem(t []byte, ks int) bool {
	p := ks
	items, plain := 0, 0 // the items read before this one, and those whose version is plainly one
	for range 16 {
		e := endOfWordBefore(t, p)
		if e == 0 || e == p && t[e-1] != '=' && t[e-1] != ':' && t[e-1] != '(' {
			return false // glued to what is before, but for a key's separator or the list's bracket
		}
		switch t[e-1] {
		case '(':
			// a list in brackets, no key: ftrack's "(ftrack-python-api
			// 2.5.4, Python 3.7.9, PySide2 5.15.2.1)": every item before
			// plainly a version, and this one's name a product's, with a
			// capital or a digit ("(accel-ppp 1.12.0, relay 10.255.0.12)"
			// names a relay's address)
			return items > 0 && plain == items && productNameAt(t, ks)
		case ':', '=':
			k := e - 1
			b := k
			for b > 0 && k-b < maxKeyLook && isKeyByte(t[b-1]) {
				b--
			}
			var buf [maxKeyLook]byte
			return b < k && versionWord(lastWord(buf[:0], t[b:k]))
		case ',':
			e-- // the item before: a name, a space, a version
			if e > 2 && t[e-1] == ')' {
				// a remark in brackets after the item's version:
				// "wkhtmltopdf 0.12.6 (with patched qt), Qt 5.15.2.1"
				o := bytes.LastIndexByte(t[max(0, e-24):e], '(')
				if o < 0 {
					return false
				}
				o += max(0, e-24)
				for _, c := range t[o:e] {
					if isDigit(c) {
						return false // a remark, no number: "(with patched qt)", "(x64)" has one digit too few to matter, but an address would
					}
				}
				e = o
				for e > 0 && t[e-1] == ' ' {
					e--
				}
			}
			vs := e
			for vs > 0 && e-vs < 32 && (isAlnum(t[vs-1]) || t[vs-1] == '.' || t[vs-1] == '-' || t[vs-1] == '+') {
				vs--
			}
			if vs == e || !isDigit(t[vs]) || vs < 2 || t[vs-1] != ' ' {
				return false
			}
			ns := vs - 1
			for ns > 0 && vs-1-ns < 32 && (isAlnum(t[ns-1]) || t[ns-1] == '-' || t[ns-1] == '_' || t[ns-1] == '.') {
				ns--
			}
			if ns == vs-1 {
				return false
			}
			p = ns
			items++
			if dots := bytesCount(t[vs:e], '.'); dots >= 1 && dots <= 2 {
				plain++ // 2.5.4, 3.7.9: no address has so few parts
			}
		default:
			if !isAlnum(t[e-1]) {
				return false
			}
			letter := false
			for p = e; p > 0 && e-p < 32 && isAlnum(t[p-1]); p-- {
				letter = letter || isAlpha(t[p-1])
			} // a product's name of more words: SatNOGS' "GNU Radio 3.10.9.2"
			if !letter {
				return false // a number is a value: "version=2 via proxy 193.42.33.17" ends the list at "2"
			}
			if items > 0 && plain == items && listIntroWord(t[p:e]) && productNameAt(t, ks) {
				// a list in prose after a word that introduces one, as the
				// bracket case: "started with Python 3.11.8, OpenCV 4.9.0.80"
				return true
			}
		}
	}
	return false
}

// firstListItem reports whether the quad at t[start] is the first item's
// version of a list in prose after a word that introduces one, a
// product's name right before it and another item, a name and a version,
// after it ("started with OpenCV 4.9.0.80, Tesseract 5.3.4"): the later
// items vouch for the list where none stands before.
func firstListItem(t []byte, ks, ke, start int) bool {
	if ke+1 != start || ks < 2 || t[ks-1] != ' ' || !smallQuadAt(t, start) || !versionListAfter(t, start) {
		return false
	}
	var nbuf [16]byte
	if ke-ks > len(nbuf) || addressWord(withoutVersionSuffix(appendLower(nbuf[:0], t[ks:ke]))) {
		return false
	}
	if !productCased(t[ks:ke]) {
		return false // (a plain capitalised word may name a host's owner: Mullvad, Sliver)
	}
	// the next item's version plainly one, two or three numbers ("Google
	// 8.8.8.8, Cloudflare 1.1.1.1" lists addresses)
	i, _ := digitsAndDots(t, start, 24)
	i += 2
	for i < len(t) && t[i] != ' ' {
		i++
	}
	if _, dots := digitsAndDots(t, i+1, 24); dots < 1 || dots > 2 {
		return false
	}
	var wbuf [16]byte
	switch string(withoutVersionSuffix(appendLower(wbuf[:0], bytes.TrimLeft(t[start:i], "0123456789., ")))) {
	case "tls", "ssl", "http", "score", "confidence", "cvss", "risk", "dtls", "quic", "ike", "ipsec", "mtu", "cipher", "credssp":
		return false // a session's protocol or an alert's score after it: "with NordVPN 185.…, TLS 1.3"
	}
	var buf [16]byte
	return listIntroWord(wordBefore(buf[:0], t, ks-1))
}

// withoutVersionSuffix returns the lower-case word w without a trailing
// "v" and digits (TLSv1, RDPv10, IKEv2): the protocol's name.
func withoutVersionSuffix(w []byte) []byte {
	n := len(w)
	for n > 0 && isDigit(w[n-1]) {
		n--
	}
	if n < len(w) && n > 1 && w[n-1] == 'v' {
		return w[:n-1]
	}
	return w
}

// listIntroWord reports whether w introduces a list of components and
// their versions in prose ("started with", "using", "running").
func listIntroWord(w []byte) bool {
	switch string(w) {
	case "with", "using", "running", "requires", "includes", "bundles":
		return true
	}
	return false
}

// backtraceGemVersion reports whether the quad t[start:end], in brackets
// after a word and a space, is followed by a file's path and line, as
// Rails writes a gem's frame in a backtrace ("activerecord (7.1.3.2)
// lib/active_record/base.rb:57:in `x'"): a host's address in brackets is
// followed by no source file.
func backtraceGemVersion(t []byte, start, end int) bool {
	if start < 3 || t[start-2] != ' ' || !isAlpha(t[start-3]) || end+2 >= len(t) || t[end] != ')' || t[end+1] != ' ' {
		return false
	}
	i := end + 2
	j := i
	for j < len(t) && j-i < 256 && t[j] != ' ' && t[j] != ':' {
		j++
	}
	if j == i || j+1 >= len(t) || t[j] != ':' || !isDigit(t[j+1]) || bytes.IndexByte(t[i:j], '/') < 0 {
		return false
	}
	return true
}

// windowsFolderVersion reports whether the quad at t[start], glued by '-'
// to a word, ends a folder's name in a Windows path (a kiosk's
// "C:\ProgramData\…\app-6.4.3.0\Kiosk.exe"): a package's version, where a
// host's word glues its address ("host-45.1.2.3").
func windowsFolderVersion(t []byte, start int) bool {
	cs := componentStart(t, start)
	if cs >= start-1 || !windowsPathAt(t, cs) || !smallQuadAt(t, start) {
		return false // (a loot folder per target: "dump-185.220.101.4\lsass.dmp")
	}
	var buf [16]byte
	return !addressWord(appendLower(buf[:0], t[cs:start-1]))
}

// productNameAt reports whether the word at t[ks] is written as products
// write their names: a capital first (Kakadu), or a digit or a capital
// past its first letter (PySide2, OpenSSL), where a word for a role or a
// part (relay) is not; and no word of an address's (IP, Host, Peer).
func productNameAt(t []byte, ks int) bool {
	e := ks
	for e < len(t) && e-ks < 32 && isAlnum(t[e]) {
		e++
	}
	if e-ks <= 10 {
		var buf [10]byte
		if addressWord(appendLower(buf[:0], t[ks:e])) {
			return false // "running iOS 17.4, IP 185.220.101.4": an address's word, no product
		}
	}
	if e-ks >= 2 && isUpper(t[ks]) && smallQuadAfter(t, e) {
		return true // Cantaloupe's "with TurboJPEG 3.0.1, Kakadu 8.4.1.0", wkhtmltopdf's "Qt 5.15.2.1"
	}
	return productCased(t[ks:e])
}

// appQuotedVersion reports whether the quad t[start:end] follows, in a
// quoted value under an app's, an SDK's or a product's key t[qs:qe], the
// name t[ks:ke] and a space: the app's version. The quad's parts are
// small, a version's; it ends the value or a bracket or a space follows
// (a port or a path makes it an address); the name is a product's (a
// capital past its first letter or a digit), or, under an SDK's key, a
// package's with '-' (twilio-php); never a file's (nc.exe) or an
// address's or a tool's word (relay, ssh, openvpn).
func appQuotedVersion(t []byte, qs, qe, ks, ke, start, end int) bool {
	if !appKeyName(t[qs:qe]) || ke+1 != start || ke-ks > 20 {
		return false
	}
	if !smallQuadAt(t, start) && !(keyIs(t[qs:qe], "sdk") && bytes.IndexByte(t[ks:ke], '-') > 0 && quadPartsUnder(t, start, 100, 20)) {
		return false
	}
	for _, part := range bytes.Split(t[ks:ke], []byte{'-'}) {
		var pbuf [16]byte
		if len(part) <= len(pbuf) && addressWord(appendLower(pbuf[:0], part)) {
			return false // "grpc-proxy 45.9.74.32", "remote-relay 5.42.92.51"
		}
	}
	if end < len(t) && t[end] != '"' && t[end] != '\'' && t[end] != ' ' {
		return false
	}
	if end+1 < len(t) && t[end] == ' ' && isDigit(t[end+1]) {
		return false // a port after a space: "nc 23.94.51.7 4444"
	}
	name := t[ks:ke] // (its address's words were read above, '-' by '-')
	if bytes.IndexByte(name, '.') >= 0 {
		return false
	}
	if keyIs(t[qs:qe], "sdk") && bytes.IndexByte(name, '-') > 0 {
		return true // a package's name: "twilio-php 8.0.1.2", "square-java-sdk 37.1.0.2"
	}
	return productNameAt(t, ks)
}

// smallQuadAfter reports whether the quad after the word ending at t[e]
// and a space has the small parts of a version, the first under 30 and
// the others under 100 (8.4.1.0), where most public addresses have a
// part past 100: a capitalised word before it names a product only then
// ("Source 185.220.101.4" names an address).
func smallQuadAfter(t []byte, e int) bool {
	return e+1 < len(t) && t[e] == ' ' && smallQuadAt(t, e+1)
}

// smallQuadAt reports whether the quad at t[i] has a version's small
// parts, the first under 30 and the others under 100 (5.2.0.14).
func smallQuadAt(t []byte, i int) bool { return quadPartsUnder(t, i, 30, 100) }

// quadPartsUnder reports whether the quad at t[i] has its first part
// under first and every other under rest.
func quadPartsUnder(t []byte, i, first, rest int) bool {
	for part := 0; part < 4; part++ {
		n, j := 0, i
		for j < len(t) && j-i < 3 && isDigit(t[j]) {
			n = n*10 + int(t[j]-'0')
			j++
		}
		if j == i || part == 0 && n >= first || part > 0 && n >= rest {
			return false
		}
		if part < 3 {
			if j >= len(t) || t[j] != '.' {
				return false
			}
			j++
		}
		i = j
	}
	return true
}

// addressWord reports whether the lower-case word w names an address or
// the role of a host, so that the quad after it is an address whatever
// list it stands in ("with OpenVPN 2.6.8, peer IPv4 185.220.101.4").
func addressWord(w []byte) bool {
	switch string(w) {
	case "ip", "ipv4", "ipv6", "addr", "address", "c2", "cnc", "wan", "lan", "peer", "host", "server", "gateway", "gw",
		"dns", "vpn", "nat", "proxy", "public", "remote", "src", "dst", "relay", "node", "client", "router", "resolver",
		"nameserver", "listener", "teamserver", "beacon", "upstream", "origin", "target", "endpoint",
		"source", "from", "destination", "sender", "location", "attacker", "callback", "sinkhole", "exit", "outbound", "inbound",
		"contacted", "primary", "fallback", "backup", "blocked", "banned", "controller", "clientip", "srcip", "dstip",
		"via", "hop", "tor", "to", "at", "ext", "fwd", // a chain's or a route's
		"ssh", "rdp", "vnc", "telnet", "smb", "ftp", "sftp", "http", "https", "anydesk", "teamviewer", // a remote session's protocol or tool
		"openvpn", "wireguard", "mstsc", "putty", "plink", "nc", "ncat", "netcat", "socat", "rclone", "tunnel", "proxychains",
		"remoteip", "localip", "peerip", "nordvpn", "protonvpn", "mullvad", "expressvpn", "surfshark",
		"nordlynx", "lightway", "anyconnect", "globalprotect", "zerotier", "openconnect", "tailscale", // a VPN's endpoint
		"cobaltstrike", "sliver", "havoc", "mythic", "bruteratel", "teamserver2": // a C2 framework's server
		return true
	}
	return false
}

// browserWord reports whether w, lower case, names a web browser, whose
// version its name and a space may give: e-mail services' client names
// (Postmark's and Salesforce Marketing Cloud's "Chrome 122.0.0.0", the
// frozen version Chrome's user agent has sent since 101).
func browserWord(w []byte) bool {
	switch string(w) {
	case "chrome", "chromium", "firefox", "edge", "safari", "opera", "brave", "vivaldi", "yabrowser", "msie":
		return true
	}
	return false
}

// runtimeWord reports whether the word key, whole, names a language's
// runtime, a framework or a library whose name and a space may give its
// version: a server's banner ("=> Rails 6.1.7.7 application starting"),
// not a file's extension (x.php).
func runtimeWord(key []byte) bool {
	var buf [16]byte
	if len(key) > len(buf) {
		return false
	}
	switch string(appendLower(buf[:0], key)) {
	case "rails", "ruby", "python", "java", "openjdk", "nodejs", "php", "perl", "golang", "dotnet",
		"django", "flask", "spring", "electron", "openssl", "libressl", "boringssl", "openssh",
		"sqlite", "zlib", "libcurl", // libraries: BRAdmin's "database SQLite 3.45.1.0"
		"jruby", "jython", "pypy", "graalvm", "mono", "luajit", // other runtimes: Looker's banner "starting on jruby 9.4.5.0"
		"openresty", "powershell", // OpenResty's versions and Windows PowerShell's have four numbers
		"erts", "erlang", "otp": // Erlang's run-time system: Couchbase's "[erts-13.2.2.5]"
		return true
	}
	return false
}

// copulaVersion reports whether the word t[ks:ke] before a quad is "is"
// or "was" (and "now" after it) after a version word: prose's "the latest
// version is 6.3.1.1", "firmware was 2.4.1.0", "version is now 3.2.0.1".
func copulaVersion(t []byte, ks, ke int) bool {
	var buf [16]byte
	if keyIs(t[ks:ke], "now") && ks > 1 && t[ks-1] == ' ' {
		ke = ks - 1
		ks = ke - len(wordBefore(buf[:0], t, ke))
	}
	if !keyIs(t[ks:ke], "is") && !keyIs(t[ks:ke], "was") || ks < 2 || t[ks-1] != ' ' {
		return false
	}
	return versionWord(wordBefore(buf[:0], t, ks-1))
}

// oidObjectMember reports whether the member whose key starts at t[ks] is
// in an object an OID's key holds (sslyze's "oid":{"dotted_string":…}).
func oidObjectMember(t []byte, ks int) bool {
	oks, oke, ok := enclosingObjectKey(t, ks)
	return ok && oidKey(t[oks:oke])
}

// oidKey reports whether key's last word is OID, an object identifier's
// (AD's "Syntax (OID):", 5136's AttributeSyntaxOID, "oid"), or an LDAP
// attribute's syntax, always an OID (attributeSyntax: 2.5.5.12).
func oidKey(key []byte) bool {
	key = bytes.TrimSuffix(key, []byte(")"))
	n := len(key)
	if n >= 15 && equalFold(key[n-15:], "attributesyntax") {
		return true
	}
	if n < 3 || !equalFold(key[n-3:], "oid") {
		return false
	}
	return n == 3 || !isAlpha(key[n-4]) || string(key[n-3:]) == "OID" && isLower(key[n-4])
}

// switchV reports whether the key t[ks:ke] is a command's switch v, written
// after '/' or '-' (mstsc /v:server, grep -v 8.8.8.8), the separator read
// as part of the key or not.
func switchV(t []byte, ks, ke int) bool {
	k := ks
	for k < ke && (t[k] == '-' || t[k] == '/') {
		k++
	}
	return ke-k == 1 && lower(t[k]) == 'v' && (k > ks || ks > 0 && (t[ks-1] == '/' || t[ks-1] == '-'))
}

// preReleaseAfter reports whether a semantic version's pre-release or
// build suffix follows t[:end]: '-', letters, '.' and a digit
// ("-electron.0", "-beta.2", "-rc.1").
func preReleaseAfter(t []byte, end int) bool {
	if end >= len(t) || t[end] != '-' {
		return false
	}
	j := end + 1
	for j < len(t) && j-end < 16 && isAlpha(t[j]) {
		j++
	}
	if j > end+1 && j+1 < len(t) && t[j] == '.' && isDigit(t[j+1]) {
		return true
	}
	// A pre-release word alone, digits after it or not: Maven's
	// 1.4.3.0-SNAPSHOT, 2.0.1.0-rc1, 4.1.0.2-beta
	w := t[end+1 : j]
	for j < len(t) && j-end < 20 && isDigit(t[j]) {
		j++
	}
	if j < len(t) && (isWordByte(t[j]) || t[j] == '.' || t[j] == '-') {
		return false
	}
	for _, pre := range [...]string{"snapshot", "alpha", "beta", "rc", "preview", "nightly", "dev"} {
		if equalFold(w, pre) {
			return true
		}
	}
	// a package's release, "r" and its number: OpenWrt's and Alpine's 1.8.14.1-r2
	return len(w) == 1 && lower(w[0]) == 'r' && j > end+2
}

// productVersion reports whether t[start:end] follows a product token and
// a slash, as in a user agent ("Chrome/120.0.0.0", "Chrome\/120.0.0.0" in
// JSON, "Chrome%2F120.0.0.0" URL-encoded). A token with an underscore is not a product (Squid's
// "HIER_DIRECT/1.2.3.4"), nor is one inside a path ("/api/ip/8.8.8.8"), and
// an address followed by a port is not a version (ASA's
// "outside/1.2.3.4(443)", OpenVPN's "user/1.2.3.4:51234").
func productVersion(t []byte, start, end int) bool {
	j := start
	slash := j > 0 && t[j-1] == '/'
	encoded := !slash && j >= 3 && equalFold(t[j-3:j], "%2f") // Akamai's Chrome%2F124.0.0.0
	if !slash && !encoded || end < len(t) && (t[end] == '(' || end+1 < len(t) && (t[end] == ':' || t[end] == '/') && isDigit(t[end+1])) {
		return false
	}
	if encoded {
		j -= 3
	} else {
		j--
		if j > 0 && t[j-1] == '\\' {
			j--
		}
	}
	k := j
	for k > 0 && j-k < 64 && (isAlnum(t[k-1]) || t[k-1] == '-' || t[k-1] == '.') && !encodedSpaceBefore(t, k) {
		k--
	}
	if k == j || !isAlpha(t[k]) || !productToken(t[k:j]) && !(slash && appProductToken(t, k, j) && smallQuadAt(t, start)) { // (an app key's whole value: "app":"atc.level5.kiosk/5.2.0.14"; "evilhost.net/45.137.21.9" is a host's address)
		return false
	}
	if k > 0 && !encodedSpaceBefore(t, k) {
		switch t[k-1] {
		case ' ', '\t', '(', ')', '"', '\'', '+', ';', ',', '=', '[',
			'>',      // an element's text: an RSS feed's <generator>acme-feedkit/4.2.0.1</generator>
			'%', '*': // a pattern's wildcard: SQL's LIKE '%HeadlessChrome/120.0.0.0%'
		case '/':
			// a package and its version in a registry's path
			// (/repository/nuget-hosted/Acme.Shop.Core/1.4.3.0): dotted
			// capitalised words only, not a word (/api/ip/8.8.8.8)
			return bytes.IndexByte(t[k:j], '.') >= 0
		default:
			return false
		}
	}
	return true
}

// productToken reports whether tok can name a product before its version:
// a word (Chrome, Safari), or dotted words each capitalised, as .NET and
// NuGet name packages (Acme.Shop.Core/1.4.3.0, DocuSign.eSign/6.8.0.0), or
// an application's id in reverse-DNS order (com.rubicon.driver/6.14.0.2); a
// host is written in lower case (cdn.example.com/1.2.3.4 is a path).
func productToken(tok []byte) bool {
	if len(tok) > 32 && bytes.IndexByte(tok, '.') < 0 {
		return false
	}
	if reverseDNSName(tok) {
		return true // an app's id in reverse-DNS order: Rubicon's app=com.rubicon.driver/6.14.0.2
	}
	for i, c := range tok {
		if c == '.' && (i+1 >= len(tok) || !capitalisedWord(tok[i+1:])) {
			return false
		}
	}
	return isUpper(tok[0]) || bytes.IndexByte(tok, '.') < 0
}

// capitalisedWord reports whether the word w starts (up to its next dot)
// with a capital, or with one lower-case letter before one as brands
// write theirs (DocuSign.eSign, iOS): a host's labels are in one case.
func capitalisedWord(w []byte) bool {
	return len(w) > 0 && (isUpper(w[0]) || len(w) > 1 && isLower(w[0]) && isUpper(w[1]))
}

// encodedSpaceBefore reports whether t[:k] ends in a percent-encoded space
// ("%20"), as user agents are written in CloudFront and S3 access logs.
func encodedSpaceBefore(t []byte, k int) bool {
	return k >= 3 && t[k-3] == '%' && t[k-2] == '2' && t[k-1] == '0'
}

// headerVersion reports whether t[start:end] is the device version of a
// CEF or LEEF header, its fourth field: CEF:0|Cybereason|Cybereason|23.1.82.1|,
// LEEF:2.0|Vendor|Product|4.2.0.1|. An escaped pipe (\|) is a field's text.
func headerVersion(t []byte, start, end int) bool {
	if end >= len(t) || t[end] != '|' {
		return false
	}
	pipes := 0
	for j := start - 1; j >= 0 && start-j < 256; j-- {
		if t[j] != '|' || j > 0 && t[j-1] == '\\' {
			continue
		}
		if pipes++; pipes < 3 {
			continue
		}
		k := j // the header's own version before this pipe: CEF:0, LEEF:1.0
		for k > 0 && j-k < 4 && (isDigit(t[k-1]) || t[k-1] == '.') {
			k--
		}
		return k < j && (bytes.HasSuffix(t[:k], []byte("CEF:")) || bytes.HasSuffix(t[:k], []byte("LEEF:")))
	}
	return false
}

// abbreviatedVersion reports whether the name as written, name, is a
// version word abbreviated with its dot and the version in capitals
// after it, as printers' firmware reports write it (Brother's "Main
// Firmware Ver.ZA", "Rev.B"); rev.ai in lower case is a name.
func abbreviatedVersion(name []byte) bool {
	d := bytesIndex(name, '.')
	if d == len(name) || bytesCount(name, '.') != 1 || !equalFold(name[:d], "ver") && !equalFold(name[:d], "rev") {
		return false
	}
	for _, c := range name[d+1:] {
		if !isUpper(c) && !isDigit(c) {
			return false
		}
	}
	return true
}

// versionName reports whether the name v, all of whose labels but the
// last are numbers, stands where V2 reads a version ("Build 49.15.nc",
// "version=7.1.cc"): a build number that ends in a TLD. Real names of
// numbers (163.com, 58.com) elsewhere stay names, but for three numbers or
// more before the TLD, which only a version and its qualifier write
// (JBoss's "EAP 7.4.14.GA").
func versionName(t []byte, start int, v []byte) bool {
	last := len(v)
	for last > 0 && v[last-1] != '.' {
		last--
	}
	for _, c := range v[:max(0, last-1)] {
		if !isDigit(c) && c != '.' {
			return false
		}
	}
	if bytesCount(v, '.') >= 3 {
		return true
	}
	if start == 0 {
		return false
	}
	ks, ke, _ := fieldKey(t, start)
	if ks == ke || ke-ks > 32 {
		return false
	}
	var buf [32]byte
	return versionWord(lastWord(buf[:0], t[ks:ke]))
}

// imageReferenceTag reports whether the quad t[start:end] is the tag that
// ends a container image's reference, "registry/path/name:tag": the token
// before ':' has a '/', lower-case path segments as references have, and
// either a registry's host first (a '.' or a port: us.gcr.io, quay.io,
// localhost:5000) or a key naming an image (Cromwell's "docker", "image":
// "broadinstitute/gatk:4.5.0.0"). A URL's path is no reference.
func imageReferenceTag(t []byte, start, end int) bool {
	if end < len(t) && !valueCloser(t[end]) && t[end] != ' ' && t[end] != '\t' && t[end] != ',' && t[end] != ';' {
		return false
	}
	c := start - 1
	ts := c
	for ts > 0 && c-ts < 256 && (isLowerAlnum(t[ts-1]) || t[ts-1] == '.' || t[ts-1] == '-' || t[ts-1] == '_' || t[ts-1] == '/') {
		ts--
	}
	if ts == c || t[ts] == '/' || ts > 0 && t[ts-1] == '/' {
		return false // a URL's path ("https://h/p:…") or no name
	}
	slash := bytes.IndexByte(t[ts:c], '/')
	if slash < 0 {
		return false
	}
	if ts > 0 && t[ts-1] == ':' {
		// a registry's port before the path: localhost:5000/app:4.1.0.2
		if slash == 0 || digitsBefore(t, ts+slash) != ts {
			return false
		}
		h := ts - 1
		for h > 0 && (isLowerAlnum(t[h-1]) || t[h-1] == '.' || t[h-1] == '-') {
			h--
		}
		return h < ts-1 && (h == 0 || t[h-1] != '/' && t[h-1] != ':')
	}
	if first := t[ts : ts+slash]; bytes.IndexByte(first, '.') >= 0 || string(first) == "localhost" {
		return true
	}
	ks, ke, _ := fieldKey(t, ts)
	var buf [maxKeyLook]byte
	if ks == ke || ke-ks > maxKeyLook {
		return false
	}
	w := lastWord(buf[:0], t[ks:ke])
	return bytesContains(w, "image") || string(w) == "docker" || string(w) == "container" || string(w) == "img"
}

// mavenCoordinateVersion reports whether the quad at t[start], after ':',
// is the version of a Maven coordinate, group:artifact:version (Gradle's
// and Maven's "Could not find com.acme.ledger:fx-rates:4.2.0.1"): the
// artifact before it, lower-case and glued, and a group of two labels or
// more before that, starting the token. A key and its address
// (outside:91.92.93.94, peer:…) have no artifact between.
func mavenCoordinateVersion(t []byte, start int) bool {
	a := start - 1
	for a > 0 && start-1-a < 64 && (isLowerAlnum(t[a-1]) || t[a-1] == '-' || t[a-1] == '_' || t[a-1] == '.') {
		a--
	}
	if a == start-1 || a == 0 || t[a-1] != ':' || !isLower(t[a]) {
		return false // (an artifact's name starts with a letter: curl's "--resolve evil.com:443:185.220.101.4" is a port)
	}
	g := a - 1
	for g > 0 && a-1-g < 128 && (isLowerAlnum(t[g-1]) || t[g-1] == '-' || t[g-1] == '_' || t[g-1] == '.') {
		g--
	}
	group := t[g : a-1]
	if len(group) < 3 || !isLower(group[0]) || bytes.IndexByte(group, '.') < 0 || group[len(group)-1] == '.' {
		return false
	}
	return g == 0 || !isWordByte(t[g-1]) && t[g-1] != ':' && t[g-1] != '/'
}

// isLowerAlnum reports whether c is a lower-case letter or a digit.
func isLowerAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// versionOfLabel reports whether the key at t[ks] ends a label whose head
// is a version word and "of" (Flyway's `Current version of schema
// "public": 4.2.0.0`, "Version of agent X:"): on the same line, within 64
// bytes, with no other key's separator between.
func versionOfLabel(t []byte, ks int) bool {
	from := max(0, ks-64)
	o := bytes.LastIndex(t[from:ks], []byte(" of "))
	if o < 0 {
		return false
	}
	o += from
	if bytes.ContainsAny(t[o:ks], "=:\n,;") {
		return false
	}
	var buf [16]byte
	return versionWord(wordBefore(buf[:0], t, o))
}

// productVersionListItem reports whether the quad t[start:end] is the
// version in one "Name:version" item of a comma-separated list whose other
// items are names and versions too, one of them plainly a version (no
// address's four numbers): Proofpoint's X-Proofpoint-Virus-Version,
// "engine=ICAP:2.0.272,Aquarius:18.0.1011,Hydra:6.0.619,FMLib:17.11.176.26".
func productVersionListItem(t []byte, start, end int) bool {
	ts := start - 1
	for ts > 0 && start-ts < maxTokenLook && t[ts-1] != ' ' && t[ts-1] != '=' && t[ts-1] != '"' && t[ts-1] != '\t' {
		ts--
	}
	te := end
	for te < len(t) && te-end < maxTokenLook && t[te] != ' ' && t[te] != '"' && t[te] != ';' && t[te] != '\t' {
		te++
	}
	plain := false
	items := 0
	for list := t[ts:te]; len(list) > 0; items++ {
		item := list
		if i := bytes.IndexByte(list, ','); i >= 0 {
			item, list = list[:i], list[i+1:]
		} else {
			list = nil
		}
		c := bytes.IndexByte(item, ':')
		if c <= 0 || c == len(item)-1 || !isAlpha(item[0]) {
			return false
		}
		v := item[c+1:]
		dots := 0
		for _, ch := range v {
			switch {
			case ch == '.':
				dots++
			case !isDigit(ch):
				return false
			}
		}
		if dots == 0 {
			return false
		}
		plain = plain || dots != 3
	}
	return items >= 2 && plain
}

// propertyGetKey reports whether " Get" or " Set" ends at t[e], after a
// property's name that names a version and the spaces that align it, as
// ASCOM drivers trace their properties ("DriverVersion              Get -
// 6.6.1.0").
func propertyGetKey(t []byte, e int) bool {
	if e < 5 || string(t[e-3:e]) != "Get" && string(t[e-3:e]) != "Set" || t[e-4] != ' ' {
		return false
	}
	k := e - 4
	for k > 0 && t[k-1] == ' ' {
		k--
	}
	b := k
	for b > 0 && k-b < maxKeyLook && isAlnum(t[b-1]) {
		b--
	}
	var buf [maxKeyLook]byte
	return b < k && versionWord(namedLastWord(buf[:0], t[b:k]))
}

// versionedPackage reports whether the name v, ending at t[end], is a
// package named with its version after a space (WhisperX's "Model was
// trained with pyannote.audio 0.0.1, yours is 3.1.1"): a version of three
// numbers, where a host's address has four and its port or TTL one. It
// keeps the name, so that the package's later mentions in the text are
// its too ("… unless you revert pyannote.audio to 0.x").
func (e *Extractor) versionedPackage(t []byte, end int, v []byte) bool {
	if len(e.pkg) > 0 && bytes.Equal(e.pkg, v) {
		return true
	}
	if end+6 > len(t) || t[end] != ' ' || !tripleVersionAt(t, end+1) || dottedDateAt(t, end+1) || !packageWordBefore(t, end-len(v)) && !versionListAfter(t, end+1) {
		return false
	}
	e.pkg = append(e.pkg[:0], v...)
	return true
}

// versionListAfter reports whether the version at t[i] goes on with ", ",
// a name and its version: a list of components and their versions (Kit's
// "Startup complete: omni.kit.app 105.1.2, USD 0.22.11").
func versionListAfter(t []byte, i int) bool {
	for i < len(t) && (isDigit(t[i]) || t[i] == '.') {
		i++
	}
	if i+2 >= len(t) || t[i] != ',' || t[i+1] != ' ' {
		return false
	}
	i += 2
	n := i
	for n < len(t) && n-i < 32 && (isAlnum(t[n]) || t[n] == '-' || t[n] == '.') {
		n++
	}
	return n > i && n+1 < len(t) && t[n] == ' ' && isDigit(t[n+1])
}

// packageWordBefore reports whether the name starting at t[start] follows
// a word that introduces a package and its version ("trained with",
// "using", "requires", "installed", "revert", "upgrade") or a list's mark
// (pnpm's "+ ", "- "): "login evil.io 1.2.3" names no package.
func packageWordBefore(t []byte, start int) bool {
	if start < 2 || t[start-1] != ' ' {
		return false
	}
	if c := t[start-2]; (c == '+' || c == '-' || c == '*') && (start == 2 || t[start-3] == ' ' || t[start-3] == '\n') {
		return true
	}
	if productTokenBefore(t, start-1) || versionItemBefore(t, start-1) {
		return true
	}
	var buf [16]byte
	k := start - 1
	for range 2 { // the word before, or the one before a product's name (CFEngine's "version CFEngine Promises.cf 3.21.4")
		w := wordBefore(buf[:0], t, k)
		switch string(w) {
		case "with", "using", "requires", "require", "installed", "install", "installing", "revert", "upgrade", "downgrade", "package", "module", "library", "version":
			return true
		}
		k -= len(w)
		if len(w) == 0 || k < 2 || t[k-1] != ' ' {
			return false
		}
		k--
	}
	return false
}

// elementTextTag returns the name of the XML element whose text starts at
// t[ks], right after its start tag: "<MachineApplicationVersion>Opti5G".
func elementTextTag(t []byte, ks int) (ts, te int, ok bool) {
	if ks < 3 || t[ks-1] != '>' {
		return 0, 0, false
	}
	te = ks - 1
	ts = te
	for ts > 0 && te-ts < 64 && (isWordByte(t[ts-1]) || t[ts-1] == '-' || t[ts-1] == '.' || t[ts-1] == ':') {
		ts--
	}
	return ts, te, ts < te && ts > 0 && t[ts-1] == '<' && isAlpha(t[ts])
}

// versionItemBefore reports whether the text before the space at t[sp]
// ends a list's item, a name and its version, and ", " (an overlay's
// "(widget v4.12.0.3, socket.io 4.7.5)"), the version plainly one (two
// or three numbers, or after "v"): the name after it is the next
// component.
func versionItemBefore(t []byte, sp int) bool {
	if sp < 6 || t[sp-1] != ',' {
		return false
	}
	k, dots := sp-1, 0
	for k > 0 && sp-1-k < 24 && (isDigit(t[k-1]) || t[k-1] == '.') {
		if t[k-1] == '.' {
			dots++
		}
		k--
	}
	if dots == 0 || !isDigit(t[k]) {
		return false
	}
	if k > 0 && (t[k-1] == 'v' || t[k-1] == 'V') {
		k-- // v4.12.0.3: a version, whatever its parts
	} else if dots > 2 {
		return false // "hosts 8.8.8.8, evil.io 1.2.3": an address ends the item
	}
	if k < 3 || t[k-1] != ' ' {
		return false
	}
	var buf [maxKeyLook]byte
	w := wordBefore(buf[:0], t, k-1)
	return len(w) >= 2 && isAlpha(w[0])
}

// productTokenBefore reports whether the text before the space at t[sp]
// ends in a product token, a name, "/" and a dotted version (a client's
// "tadpoles-web/2024.3.11 socket.io 4.7.5"): the name after it is the
// next component of the same list.
func productTokenBefore(t []byte, sp int) bool {
	k, dots := sp, 0
	for k > 0 && sp-k < 24 && (isDigit(t[k-1]) || t[k-1] == '.') {
		if t[k-1] == '.' {
			dots++
		}
		k--
	}
	if dots == 0 || k == sp || !isDigit(t[k]) || k < 3 || t[k-1] != '/' {
		return false
	}
	n := k - 1
	for n > 0 && k-1-n < 32 && (isAlnum(t[n-1]) || t[n-1] == '-' || t[n-1] == '_') {
		n--
	}
	if equalFold(t[n:k-1], "http") || equalFold(t[n:k-1], "mozilla") {
		return false // a request's protocol, a browser's token: a host may follow
	}
	return k-1-n >= 2 && isAlpha(t[n])
}

// dottedDateAt reports whether a date written with dots, day and month of
// one or two digits and a year of four, starts at t[i] (12.03.2024): no
// version.
func dottedDateAt(t []byte, i int) bool {
	for part := 0; part < 2; part++ {
		j := i
		for j < len(t) && j-i < 3 && isDigit(t[j]) {
			j++
		}
		if j == i || j-i > 2 || j >= len(t) || t[j] != '.' {
			return false
		}
		i = j + 1
	}
	return i+4 <= len(t) && isDigit(t[i]) && isDigit(t[i+1]) && isDigit(t[i+2]) && isDigit(t[i+3]) && (i+4 == len(t) || !isDigit(t[i+4]))
}

// tripleVersionAt reports whether a version of exactly three numbers
// (0.0.1, 3.10.13) starts at t[i] and ends there: not a dotted quad, nor
// glued to a word.
func tripleVersionAt(t []byte, i int) bool {
	for part := 0; part < 3; part++ {
		j := i
		for j < len(t) && j-i < 5 && isDigit(t[j]) {
			j++
		}
		if j == i || j-i > 4 {
			return false
		}
		if part < 2 {
			if j >= len(t) || t[j] != '.' {
				return false
			}
			i = j + 1
			continue
		}
		return j == len(t) || !isAlnum(t[j]) && !(t[j] == '.' && j+1 < len(t) && isDigit(t[j+1]))
	}
	return false
}
