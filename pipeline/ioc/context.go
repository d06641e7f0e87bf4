package ioc

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Some candidates are told apart only by what is written before them: a
// dotted quad after "Version=" is a version, hex after "IMPHASH=" is not a
// file hash. The key of a field is read back from where its value starts:
//
//	key=value   key: value   "key":"value"   key = 'value'   'key' => value
//
// and in prose, the word before the value ("firmware 2.4.1.0"). Reading
// context never consumes text, and looks back a bounded number of bytes.

// maxKeyLook bounds how far back fieldKey reads.
const maxKeyLook = 64

// isKeyByte reports whether c may be part of a field name.
func isKeyByte(c byte) bool {
	return isWordByte(c) || c == '.' || c == '-' || c == '$' || c == '@' || c >= utf8.RuneSelf // a key in any script: 사용자=, версия:
}

// fieldKey returns the key of the field whose value starts at t[i], as
// t[ks:ke], and whether it was written with '=' or ':' (else it is the
// word before the value, or nothing).
func fieldKey(t []byte, i int) (ks, ke int, sep bool) {
	if i > 0 && t[i-1] == '>' {
		ks, ke, ok := xmlKey(t, i-1)
		return ks, ke, ok
	}
	floor := max(0, i-maxKeyLook)
	j := quoteBefore(t, i, floor)
	for j > floor && (t[j-1] == ' ' || t[j-1] == '\t') {
		j--
	}
	if j-1 > floor && t[j-1] == '>' && t[j-2] == '=' && j < i {
		j-- // Ruby's and Perl's "key"=>"value" (Logstash): its '=' is read below
	}
	if k := dotLeaderStart(t, j, floor); k < j {
		// a dot leader between key and value: enum4linux's "Username ......... 'j.kim'"
		for j = k; j > floor && (t[j-1] == ' ' || t[j-1] == '\t'); j-- {
		}
		end := j
		for j > floor && isKeyByte(t[j-1]) {
			j--
		}
		return j, end, j < end
	}
	if j > floor && (t[j-1] == '=' || t[j-1] == ':' || t[j-1] == '-' && j < i && j-1 > floor && t[j-2] == ' ') {
		sep = true // '-' between spaces: "PublicKey_MD5   - <hex>", config dumps' key - value
		j--
		if j > floor && t[j-1] == '=' { // "==", a comparison
			j--
		}
		for j > floor && (t[j-1] == ' ' || t[j-1] == '\t') {
			j--
		}
		j = quoteBefore(t, j, floor)
	} else if j == i {
		return i, i, false // glued to something that is not a separator
	}
	end := j
	if j > floor && t[j-1] == ')' {
		j = qualifierStart(t, j-1, floor) // "SHA-256(Certificate)  <hex>"
	}
	for j > floor && isKeyByte(t[j-1]) {
		j--
	}
	if !sep && registryType(t[j:end]) {
		// reg query's "    CertHash    REG_BINARY    <hex>": the value's
		// name is its key, its type only says how it is written.
		k := j
		for k > floor && (t[k-1] == ' ' || t[k-1] == '\t') {
			k--
		}
		if k < j && k > floor && isKeyByte(t[k-1]) {
			end = k
			for j = k; j > floor && isKeyByte(t[j-1]); j-- {
			}
			return j, end, true
		}
	}
	return j, end, sep
}

// dotLeaderStart returns where a dot leader ending at t[j] starts, three
// dots or more with blanks between them or not (". . . ." too); j when
// there is none.
func dotLeaderStart(t []byte, j, floor int) int {
	k, dots := j, 0
	for k > floor && (t[k-1] == '.' || t[k-1] == ' ') {
		if t[k-1] == '.' {
			dots++
		}
		k--
	}
	if dots < 3 {
		return j
	}
	return k
}

// registryType reports whether w is a registry value's type as reg query
// writes it (REG_SZ, REG_BINARY, REG_DWORD_BIG_ENDIAN, ...).
func registryType(w []byte) bool {
	if len(w) < 6 || !bytes.HasPrefix(w, []byte("REG_")) {
		return false
	}
	for _, c := range w[4:] {
		if (c < 'A' || c > 'Z') && c != '_' {
			return false
		}
	}
	return true
}

// bracketOpens reports whether the value at t[i] (i >= 2) opens with a
// bracket after a space, as Cisco ASA (User <j.kim>) and Synology
// (User [m.li]) write every value, and prose a value it names (BattlEye's
// "Verified GUID (<hex>)"); a parenthesis may be glued to its key
// (Ruijie's "User(k.kim)").
func bracketOpens(t []byte, i int) bool {
	return (t[i-1] == '<' || t[i-1] == '[' || t[i-1] == '(') && t[i-2] == ' ' ||
		t[i-1] == '(' && isAlpha(t[i-2]) // glued to its key: Ruijie's User(k.kim)
}

// quoteBefore returns where the quote that ends at t[j] starts, or j when
// there is none: a plain quote, one escaped in JSON text (\"), doubled in a
// CSV field (""), or both (\"", JSON inside JSON inside a CSV field), or
// markdown's backtick.
func quoteBefore(t []byte, j, floor int) int {
	if j > floor && t[j-1] == '`' {
		return j - 1 // markdown's code span: merge commit `<hex>`
	}
	if j > floor+1 && bracketOpens(t, j) {
		return j - 1 // bracketed values: Cisco ASA's User <j.kim>, Synology's User [m.li]
	}
	if j <= floor || t[j-1] != '"' && t[j-1] != '\'' {
		return j
	}
	j--
	if j > floor && t[j] == '"' && t[j-1] == '"' {
		j--
	}
	if j > floor && t[j-1] == '\\' {
		j--
		if j > floor && t[j-1] == '"' {
			j-- // a JSON string holding a quoted string: Entra's "newValue":"\"<hex>\""
		}
	}
	return j
}

// qualifierStart returns where the parenthesised qualifier that closes at
// t[rp] opens, past the spaces before it, so that a key reads on through it
// ("SHA-256(Certificate)", "Hash (SHA256)"); rp itself when the brackets
// hold more than a key's words.
func qualifierStart(t []byte, rp, floor int) int {
	for k := rp - 1; k > floor; k-- {
		switch c := t[k]; {
		case c == '(':
			for k > floor && t[k-1] == ' ' {
				k--
			}
			return k
		case !isKeyByte(c) && c != ' ':
			return rp + 1
		}
	}
	return rp + 1
}

// xmlKey returns the key of an XML element's text that starts after the
// '>' at t[gt]: the element's Name attribute when it has one (Windows event
// XML's <Data Name='TargetUserName'>), else its name (<report_id>).
func xmlKey(t []byte, gt int) (ks, ke int, ok bool) {
	lt := gt - 1
	for lt >= 0 && gt-lt <= 2*maxKeyLook && t[lt] != '<' && t[lt] != '>' {
		lt--
	}
	if lt < 0 || t[lt] != '<' || lt+1 >= gt || !isAlpha(t[lt+1]) {
		return gt + 1, gt + 1, false
	}
	tag := t[lt+1 : gt]
	for i := 0; i+6 <= len(tag); i++ {
		if (tag[i] == ' ' || tag[i] == '\t') && keyIs(tag[i+1:i+5], "name") && tag[i+5] == '=' {
			// The attribute's quote as written, escaped in JSON text
			// (Name=\"x\") or doubled in a CSV field (Name=""x"").
			vs := i + 6
			if vs < len(tag) && tag[vs] == '\\' {
				vs++
			}
			if vs >= len(tag) || tag[vs] != '\'' && tag[vs] != '"' {
				continue
			}
			q := tag[vs]
			vs++
			if vs < len(tag) && tag[vs] == q {
				vs++
			}
			ve := vs
			for ve < len(tag) && tag[ve] != q && tag[ve] != '\\' {
				ve++
			}
			if ve < len(tag) && ve > vs {
				return lt + 1 + vs, lt + 1 + ve, true
			}
		}
	}
	ne := 0
	for ne < len(tag) && (isKeyByte(tag[ne]) || tag[ne] == ':') {
		ne++
	}
	return lt + 1, lt + 1 + ne, ne > 0
}

// lastWord returns the last word of a key, lower-cased into buf: the part
// after the last '.', '_', '-' or '$' ("agent.version" gives "version").
func lastWord(buf []byte, key []byte) []byte {
	i := len(key)
	if i > 0 && key[i-1] >= utf8.RuneSelf {
		for i > 0 && key[i-1] >= utf8.RuneSelf {
			i-- // a word in another script, lower-cased by localWordIs
		}
		return append(buf[:0], key[i:]...)
	}
	for i > 0 && isAlnum(key[i-1]) {
		i--
	}
	return appendLower(buf[:0], key[i:])
}

// hasSuffixFold reports whether lower-case w ends with suffix.
func hasSuffix(w []byte, suffix string) bool {
	return len(w) >= len(suffix) && string(w[len(w)-len(suffix):]) == suffix
}

// versionWord reports whether the lower-case last word of a key, or the
// word before a dotted quad, names a version (any key ending in "version"
// does: FileVersion, agent_version).
func versionWord(w []byte) bool {
	switch string(w) {
	case "ver", "vers", "v", "build", "firmware", "release", "rev", "revision":
		return true
	}
	if hasSuffix(w, "version") {
		return true
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
// no word of its own).
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
	if len(prev) == 0 || len(prev) > len(buf) || !versionWord(appendLower(buf[:0], prev)) {
		return false
	}
	switch string(appendLower(buf[:0], last)) {
	case "info", "string", "str", "text", "name", "number", "code", "label", "tag", "full", "raw", "value", "id":
		return true
	}
	return false
}

// rangeWord reports whether w joins a version to the next one ("2.4.1.0 to
// 2.5.0.3").
func rangeWord(w []byte) bool {
	switch string(w) {
	case "to", "and", "or", "-", "->", "=>":
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
	if start == 0 {
		return false
	}
	switch t[start-1] {
	case '-', '_':
		// After a version word (release-7.4.1.0, build_10.0.1.2), or glued
		// into a name on both sides (Agent-4.18.2.1-x64.msi, jdk-17.0.9.9-hotspot),
		// or in a version key's value (sw_version=POS-22.4.1.3).
		var buf [16]byte
		if versionWord(wordBefore(buf[:0], t, start-1)) ||
			start > 1 && isAlnum(t[start-2]) && end+1 < len(t) && (t[end] == '-' || t[end] == '_') && isAlnum(t[end+1]) {
			return true
		}
		ks, ke, ok := tokenValueKey(t, start)
		if !ok {
			ks, ke, ok = quotedValueKey(t, start) // "firmware_version":"cam-1.18.2.60"
		}
		return ok && ke-ks <= len(buf) && versionWord(lastWord(buf[:0], t[ks:ke]))
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
	case '=', ':', '"', '\'', ' ', '\t', '>':
	default:
		return false // ',' '(' '[' ... : no key or word right before
	}
	ks, ke, sep := fieldKey(t, start)
	if ks == ke {
		ks, ke, sep = arrayKey(t, start) // "newValue":"[\"14.5.0.0\"]"
	}
	ks, ke = unwrapValue(t, ks, ke)
	if e.verEnd > 0 && e.verEnd < start && start-e.verEnd <= 8 && rangeGap(t[e.verEnd:start]) {
		return true // an arrow joins it to the last version: firmware 1.6.6.2 -> 1.6.7.0
	}
	if ks == ke || ke-ks > 32 {
		return false
	}
	if switchV(t, ks, ke) {
		return false // a command's switch: mstsc's /v:server, grep -v, not ?v=1.2.3.4
	}
	var buf [32]byte
	key := t[ks:ke]
	if ke-ks == 1 && lower(t[ks]) == 's' && ks > 0 && t[ks-1] == '/' { // Jira's "Fix Version/s:"
		k := ks - 1
		for k > 0 && ks-1-k < 24 && isAlnum(t[k-1]) {
			k--
		}
		key = t[k : ks-1]
	}
	w := lastWord(buf[:0], key)
	if keyIs(key, "text") && ks > 0 && t[ks-1] == '#' {
		if ns, ne, ok := pairName(t, ks-1); ok && ne-ns <= len(buf) {
			w = lastWord(buf[:0], t[ns:ne]) // {"@Name":"FileVersion","#text":"8.0.10.0"}
		}
	} else if pairValueKey(key) {
		if ns, ne, ok := pairName(t, ks); ok && ne-ns <= 2*maxKeyLook {
			w = lastWord(buf[:0], t[ns:ne]) // {"name":"OS_VERSION","value":"14.2.1.0"}, TR-069's <Name>…DeviceInfo.SoftwareVersion</Name>
		}
	} else if keyIs(key, "to") || keyIs(key, "from") {
		if ns, ne, ok := changeField(t, ks); ok && ne-ns <= len(buf) {
			w = lastWord(buf[:0], t[ns:ne]) // {"field":"agentVersion","from":"1.148.0.3"}
		}
	}
	if ls, le, ok := cefLabel(t, ks, ke); ok && le-ls <= len(buf) {
		w = lastWord(buf[:0], t[ls:le]) // cs2Label=ProductVersion cs2=10.7.0.6
	}
	if versionWord(w) || versionQualified(key) {
		return true
	}
	if oidKey(key) {
		return true // an object identifier's value, no address: AD's "Syntax (OID): 2.5.5.12"
	}
	if oks, oke, ok := enclosingObjectKey(t, ks); ok && oidKey(t[oks:oke]) {
		return true // a member of an OID's object: sslyze's "oid":{"dotted_string":"2.5.4.3"}
	}
	if !sep && (copulaVersion(t, ks, ke) || browserWord(w)) {
		return true
	}
	if !sep {
		// a phrase quoted under a version key: Logstash's "jruby.version"=>"jruby 9.4.5.0 (3.1.4) …"
		if qs, qe, ok := quotedPhraseKey(t, start); ok && qe-qs <= 2*maxKeyLook && versionWord(lastWord(buf[:0], t[qs:qe])) {
			return true
		}
	}
	if !sep && e.verEnd > 0 && rangeWord(t[ks:ke]) {
		// The word is all there is between this quad and the last version.
		j := ks
		for j > 0 && (t[j-1] == ' ' || t[j-1] == '"' || t[j-1] == '\'') {
			j--
		}
		return j == e.verEnd
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

// quotedPhraseKey returns the key of the quoted phrase that holds t[start]
// after a word and a space ("jruby.version"=>"jruby 9.4.5.0 (3.1.4)"): the
// phrase runs back from start to its opening quote, within 48 bytes and
// without another quote, a bracket, ',', ';', '=' or ':'; ok is false
// when start opens the value (fieldKey's) or the quote follows no key.
func quotedPhraseKey(t []byte, start int) (ks, ke int, ok bool) {
	return valueKeyBefore(t, start, 48, '"', &phraseStops)
}

// The bytes that end the value valueKeyBefore reads back over (a quoted
// phrase's, an unquoted token's), and a crypt-form token.
var (
	phraseStops = byteSet("'{}[],;=:\n")
	tokenStops  = byteSet(" \t\"',;&|{}[]()<>/\\")
	cryptStops  = byteSet(" \t\r\n\"',;=|<>")
)

// byteSet is the set of the bytes of s, for a lookup per byte.
func byteSet(s string) (set [256]bool) {
	for i := 0; i < len(s); i++ {
		set[s[i]] = true
	}
	return set
}

// tokenValueKey returns the key of the unquoted key=value whose value
// holds t[s] further in, with no space, quote, bracket, ',', ';', '&',
// '|' or slash between: Queue-it's queueittoken=e_x~ts_1~h_<hex>, a
// version key's sw_version=POS-22.4.1.3. ok is false when s starts the
// value (fieldKey's) or no '=' comes first.
func tokenValueKey(t []byte, s int) (ks, ke int, ok bool) {
	return valueKeyBefore(t, s, maxTokenLook, '=', &tokenStops)
}

// valueKeyBefore reads back from t[s], within reach bytes, to the byte
// open that starts a value, stopping at any byte of stops, and returns the
// key before that value (fieldKey's, with a separator); ok is false when
// s is right after open, a stop comes first, or no key is there.
func valueKeyBefore(t []byte, s, reach int, open byte, stops *[256]bool) (ks, ke int, ok bool) {
	for k := s; k > max(0, s-reach); k-- {
		switch c := t[k-1]; {
		case c == open:
			if k == s {
				return 0, 0, false
			}
			ks, ke, sep := fieldKey(t, k)
			return ks, ke, sep && ks < ke
		case stops[c]:
			return 0, 0, false
		}
	}
	return 0, 0, false
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
	if k == j || !isAlpha(t[k]) || !productToken(t[k:j]) {
		return false
	}
	if k > 0 && !encodedSpaceBefore(t, k) {
		switch t[k-1] {
		case ' ', '\t', '(', ')', '"', '\'', '+', ';', ',', '=', '[':
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
// NuGet name packages (Acme.Shop.Core/1.4.3.0); a host is written in lower
// case (cdn.example.com/1.2.3.4 is a path).
func productToken(tok []byte) bool {
	if len(tok) > 32 && bytes.IndexByte(tok, '.') < 0 {
		return false
	}
	for i, c := range tok {
		if c == '.' && (i+1 >= len(tok) || !isUpper(tok[i+1])) {
			return false
		}
	}
	return isUpper(tok[0]) || bytes.IndexByte(tok, '.') < 0
}

// encodedSpaceBefore reports whether t[:k] ends in a percent-encoded space
// ("%20"), as user agents are written in CloudFront and S3 access logs.
func encodedSpaceBefore(t []byte, k int) bool {
	return k >= 3 && t[k-3] == '%' && t[k-2] == '2' && t[k-1] == '0'
}

// windowsPathAt reports whether t[start] begins a component of a Windows
// path: it follows a backslash (or JSON's "\\") that follows a path
// component, not the start of a UNC path ("\\host").
func windowsPathAt(t []byte, start int) bool {
	j := start
	for j > 0 && t[j-1] == '\\' {
		j--
	}
	n := start - j
	if n == 0 || n == 3 || n > 4 || j == 0 {
		return false
	}
	if n == 4 { // "\\\\", a separator escaped twice (JSON in a JSON string: STIX patterns)
		return isAlnum(t[j-1]) || t[j-1] == ':' && driveBefore(t, j-1)
	}
	switch c := t[j-1]; c {
	case ' ', '\t', '"', '\'', '=', '(', '[', '<', '>', ',', ';', '|', '{':
		return false // a path's start: "\foo" or the "\\host" of a UNC path
	case ':':
		return driveBefore(t, j-1) // "C:\x" is a path, "http:\\x" a typed URL
	}
	// "\\" after a word is JSON's escaped separator, unless the path goes
	// on with single ones: Defender's "file:_\\host\share" is a UNC path.
	return n == 1 || !singleSeparatorAfter(t, start)
}

// arnToken reports whether the token holding t[k] is an Amazon Resource
// Name (arn:partition:service:region:account:resource): what follows a
// '/' in its resource is a resource's name or path (a user, a role's
// path, an object's key), not a host; but some resources are named by a
// host: an OIDC or SAML provider (oidc-provider/token.actions.githubusercontent.com),
// an SES identity, a server certificate.
func arnToken(t []byte, k int) bool {
	for _, hostNamed := range [...]string{"oidc-provider/", "saml-provider/", "identity/", "server-certificate/"} {
		if k+1+len(hostNamed) <= len(t) && equalFold(t[k+1:k+1+len(hostNamed)], hostNamed) {
			return false // resources named by a host: an IdP's, SES's identity, a certificate's
		}
	}
	s := k
	for s > 0 && k-s < 256 && strings.IndexByte(" \t\r\n\"'=,;|([<{", t[s-1]) < 0 {
		s--
	}
	return k-s >= 4 && equalFold(t[s:s+4], "arn:")
}

// mupHost reports whether t[start] begins the host of a UNC path in the
// kernel's form, \Device\Mup\host\share (Prefetch files, ETW), or
// JSON's \\Device\\Mup\\host: a host, not a folder.
func mupHost(t []byte, start int) bool {
	j := start
	for j > 0 && start-j < 2 && t[j-1] == '\\' {
		j--
	}
	n := start - j
	if n == 0 || j < 3 || !equalFold(t[j-3:j], "mup") {
		return false
	}
	k := j - 3
	for k > 0 && j-3-k < n && t[k-1] == '\\' {
		k--
	}
	return j-3-k == n && k >= 6 && equalFold(t[k-6:k], "device")
}

// componentStart returns where the path component holding t[start] begins,
// for a name glued inside one (CBS's ...~amd64~~10.0.19041.3393.cat): back
// over the bytes a file name may hold to a backslash, or start when another
// byte (a space, a quote, a bracket) comes first.
func componentStart(t []byte, start int) int {
	for k := start; k > 0 && start-k < 256; k-- {
		switch c := t[k-1]; c {
		case '\\':
			return k
		case ' ', '\t', '"', '\'', '=', ',', ';', '|', '<', '>', '(', ')', '[', ']', '{', '}', '/', ':', '\n':
			return start
		}
	}
	return start
}

// singleSeparatorAfter reports whether the path component at t[start] is
// followed by a single backslash, not JSON's "\\" nor an escaped line end
// or tab (Kaspersky's "User: ACME\\j.kim\r\n": a user, not a UNC host).
func singleSeparatorAfter(t []byte, start int) bool {
	for i := start; i < len(t) && i-start < 256; i++ {
		switch c := t[i]; {
		case c == '\\':
			// not \\, an escaped line end, nor \" (an escaped quote ends the
			// value: \"C:\\Users\\upd.com\" in a JSON string's text)
			return i+1 < len(t) && t[i+1] != '\\' && t[i+1] != '"' && !escapedControlAt(t, i)
		case class[c]&cLabel != 0, c == '.':
		default:
			return false
		}
	}
	return false
}

// escapedControlAt reports whether the backslash at t[i] starts an escaped
// line end or tab (\r, \n, \t) that ends the text's value: one followed by
// another escape, a space, a quote or the end; \tools is a folder.
func escapedControlAt(t []byte, i int) bool {
	if i+1 >= len(t) || !escapeLetter(t[i+1]) {
		return false
	}
	return i+2 == len(t) || !isAlnum(t[i+2]) && t[i+2] != '.' && t[i+2] != '_' && t[i+2] != '-'
}

// inRegistryPath reports whether t[start] is in a registry key's path
// (HKEY_CURRENT_USER\..., HKLM\..., \REGISTRY\MACHINE\...): its
// components are key names, not folders of versions, and an address there
// is one (Terminal Server Client\Servers\185.174.101.12).
func inRegistryPath(t []byte, start int) bool {
	i := start
	for i > 0 && start-i < 512 && strings.IndexByte("[\"'=,\n\t>(", t[i-1]) < 0 {
		i--
	}
	// The nearest root before the value decides: "reg add HKLM\..." (the
	// hive may follow words), but THOR's "LOCATION: HKLM\... IMAGE: C:\..."
	// puts a file's path after the key.
	for p := start - 1; p >= i; p-- {
		if p > i && isAlnum(t[p-1]) {
			continue
		}
		if driveRoot(t[p:start]) {
			return false
		}
		if registryRoot(t[p:start]) {
			return true
		}
	}
	return false
}

// driveRoot reports whether path starts with a drive's root, "C:\".
func driveRoot(path []byte) bool {
	return len(path) >= 3 && isAlpha(path[0]) && path[1] == ':' && path[2] == '\\'
}

// registryRoot reports whether path starts with a registry hive.
func registryRoot(path []byte) bool {
	for len(path) > 0 && (path[0] == '\\' || path[0] == ' ') {
		path = path[1:]
	}
	var buf [10]byte
	head := appendLower(buf[:0], path[:min(len(path), 10)])
	for _, root := range [...]string{"hkey_", "hklm\\", "hkcu\\", "hku\\", "hkcr\\", "hkcc\\", "registry\\"} {
		if len(head) >= len(root) && string(head[:len(root)]) == root {
			return true
		}
	}
	return false
}

// driveBefore reports whether the colon t[c] follows a drive letter.
func driveBefore(t []byte, c int) bool {
	return c >= 1 && isAlpha(t[c-1]) && (c == 1 || !isWordByte(t[c-2]))
}

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
			if queryClauseBefore(t, start) {
				return true // a query's list of fields: NRQL's FACET request.headers.host, request.uri
			}
		case '=':
			return end+1 >= len(t) || t[end+1] != '='
		case '/':
			if yamlLabelKey(t, start, end) {
				return true // app.kubernetes.io/name: x, a Kubernetes label's key in YAML
			}
		case ':':
			if start > 1 && t[start-1] == '@' && (isWordByte(t[start-2]) || t[start-2] == '.' || t[start-2] == '-') {
				return false // a mailbox's or a login's host: a combolist's user@evil.com:password, git@evil.com:org/repo (Datadog's "@dns.question.name:x" is a field)
			}
			if netNTLMUser(t, end) {
				return true // NetNTLMv2's user::domain:challenge:…, as hashcat and Responder write it
			}
			if end+1 < len(t) {
				n := t[end+1]
				return (isAlpha(n) || n == '"' || n == '\'' || n == '_') && !serviceAfter(t, end+1) && !recordAfter(t, end+1)
			}
			return false
		}
	}
	return jsonKeyAt(t, start, end) || pairNameAt(t, start, end) || sqlTableAt(t, start) || typeValue(t, start, end)
}

// cryptFormatToken reports whether the hex at t[s] is inside a token
// written in crypt's or hashcat's form, "$" and a format's name and "$"
// first ($krb5tgs$23$*svc$REALM$spn*$<checksum>$…, $krb5asrep$, $NT$,
// $1$): a password hash or a ticket, a secret, not a file's digest.
func cryptFormatToken(t []byte, s int) bool {
	k := s
	for k > 0 && s-k < 512 && !cryptStops[t[k-1]] {
		k-- // back to the token's start; '/', '@', '*' and ':' are the token's (an SPN, a principal)
	}
	if k+2 >= s || t[k] != '$' {
		return false
	}
	j := k + 1
	for j < s && j-k < 16 && isAlnum(t[j]) {
		j++
	}
	return j > k+1 && j < s && t[j] == '$'
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
	r := end + 1
	for r < len(t) && (isUpper(t[r]) || isDigit(t[r]) || t[r] == '.' || t[r] == '-') {
		r++
	}
	return r > end+1 && (r == len(t) || !isLower(t[r])) && bytes.IndexByte(t[end+1:r], '.') > 0
}

// typeValue reports whether the name t[start:end] is the whole value of a
// key whose last word is "type" or "event": the name of a type, an
// application's model (NetBox's "changed_object_type":"dcim.site", Django's
// "content_type":"auth.user"), or of an event (Teleport's
// "event":"session.network"), not a host.
func typeValue(t []byte, start, end int) bool {
	if start == 0 || t[start-1] != '"' && t[start-1] != '=' || end < len(t) && t[end] != '"' && t[end] != ',' && t[end] != ' ' {
		return false // the whole value (a host before a path, "@type":"type.googleapis.com/…", stays U7's)
	}
	ks, ke, sep := fieldKey(t, start)
	return sep && (ke-ks >= 4 && equalFold(t[ke-4:ke], "type") || // type, changed_object_type, contentType
		ke-ks >= 5 && equalFold(t[ke-5:ke], "event")) // event, audit_event
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

// pairNameAt reports whether the name t[start:end] is the whole name of a
// name/value pair, the key its value is read by (OpenTelemetry's
// {"key":"service.name","value":{…}}, Jaeger's tags, a HAR header's
// {"name":"Host","value":…}): a string under a pair's name key
// (pairNameKey) in an object that holds a value key (pairValueKey). An
// object naming a thing has no value member ({"name":"evil.com",
// "type":"A"}), and a record's value one level down (Route 53's
// "ResourceRecords":[{"Value":…}]) is another object's.
func pairNameAt(t []byte, start, end int) bool {
	if start == 0 || t[start-1] != '"' || end >= len(t) || t[end] != '"' {
		return false
	}
	ks, ke, sep := fieldKey(t, start)
	if !sep || ks == ke || !pairNameKey(t[ks:ke]) {
		return false
	}
	open, ok := objectOpen(t, ks)
	return ok && objectHoldsKey(t, open, pairValueKey)
}

// objectHoldsKey reports whether the JSON object opening at t[open] has a
// member of its own (not a nested one) whose key is wanted, reading at
// most pairReach bytes of it.
func objectHoldsKey(t []byte, open int, wanted func(key []byte) bool) bool {
	depth := 0
	for p := open + 1; p < len(t) && p-open < pairReach; p++ {
		switch t[p] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return false // the object's end
			}
			depth--
		case '"':
			q := p + 1
			for q < len(t) && t[q] != '"' {
				if t[q] == '\\' {
					q++
				}
				q++
			}
			if q >= len(t) {
				return false
			}
			if k := spacesFrom(t, q+1); depth == 0 && k < len(t) && t[k] == ':' && wanted(t[p+1:q]) {
				return true
			}
			p = q
		}
	}
	return false
}

// pairReach bounds how far objectHoldsKey reads an object.
const pairReach = 2048

// netNTLMUser reports whether "::", a domain's word and ':' follow the
// name before t[end], as a NetNTLM hash line begins (J.WEBER::ACME:
// 1122334455667788:…): the name is the account's.
func netNTLMUser(t []byte, end int) bool {
	if end+2 >= len(t) || t[end+1] != ':' || !isAlnum(t[end+2]) {
		return false
	}
	j := end + 2
	for j < len(t) && j-end < 64 && (isAlnum(t[j]) || t[j] == '-' || t[j] == '.') {
		j++
	}
	return j < len(t) && t[j] == ':'
}

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

// wordAt returns the letters from t[i] and where they end.
func wordAt(t []byte, i int) (w []byte, end int) {
	end = i
	for end < len(t) && isAlpha(t[end]) {
		end++
	}
	return t[i:end], end
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

// iamUserBefore reports whether the '/' at t[k] follows "user" or "users"
// as a token of its own: an IAM user's principal (user/d.black).
func iamUserBefore(t []byte, k int) bool {
	for _, w := range [...]string{"user", "users"} {
		s := k - len(w)
		if s >= 0 && equalFold(t[s:k], w) && (s == 0 || !isKeyByte(t[s-1]) && t[s-1] != '/') {
			return true
		}
	}
	return false
}

// isUserName reports whether the dotted name t[start:end] is a whole value
// of a field that names a user account (user="j.weber", "suser":"j.weber",
// TargetUserName: j.weber): a user name, not a host, even when its last
// label is a TLD (.weber, .kim). A user name is first.last: two labels; a
// longer name (user=j.weber.evil.com) or one the value goes on after is a
// host. As with an e-mail's local part, a name followed by '@' is handled
// by isFieldName.
func isUserName(t []byte, start, end int) bool {
	// Cheapest tests first: nearly every name fails one of them.
	if start == 0 {
		return false
	}
	if k := start - len(cdataOpen); t[start-1] == '[' && k > 0 && string(t[k:start]) == cdataOpen {
		// <dc:creator><![CDATA[j.kim]]></dc:creator>: the element is the key
		return isUserName(t, k, end) && oneDot(t[start:end])
	}
	if t[start-1] == '/' {
		// an IAM principal without its ARN (PMapper's user/d.black)
		return iamUserBefore(t, start-1) && initialName(t[start:end]) && (end == len(t) || class[t[end]]&cLabel == 0 && t[end] != '/')
	}
	bracketed := start >= 2 && bracketOpens(t, start) // ASA's User <j.kim>, Synology's User [m.li]
	if !valueOpener(t[start-1]) && t[start-1] != '>' && !bracketed {
		return false
	}
	if end < len(t) {
		switch t[end] {
		case '>':
			if !bracketed || t[start-1] != '<' {
				return false
			}
		case '"', '\'', ' ', '\t', '\r', '\n', ',', ';', ']', '}', ')', '&', '|', '<':
		case '/': // a session's number after the user: Cisco confd's "user: k.kim/84"
			j := end + 1
			for j < len(t) && isDigit(t[j]) {
				j++
			}
			if j == end+1 || j < len(t) && !valueCloser(t[j]) {
				return false
			}
		case '.': // a sentence's end: "Analyst: t.bond. Host: …"
			if end+1 < len(t) && t[end+1] != ' ' {
				return false
			}
		case '\\': // an escape ends it: \" in JSON inside a JSON string, \r\n
			if !(end+1 < len(t) && t[end+1] == '"') && !escapedControlAt(t, end) {
				return false // DOMAIN\user: the domain is no user
			}
		default:
			return false
		}
	}
	if ps, pe, ok := arrayPairName(t, start); ok && userKey(t[ps:pe]) {
		return true // Canary's ["User","j.weber"]
	}
	if elementOpens(t, start) {
		if as, ae, ok := arrayKey(t, start); ok {
			as, ae = unwrapValue(t, as, ae)
			if ae-as > 1 && lower(t[ae-1]) == 's' {
				ae-- // an array's key is often plural: "users", "participants"
			}
			if userKey(t[as:ae]) || roleKey(t[as:ae]) && initialName(t[start:end]) {
				return oneDot(t[start:end]) // ldapdomaindump's "sAMAccountName": ["n.wang"]
			}
		}
	}
	if dnUser(t, start, end) || sudoUser(t, start, end) || displayNameUser(t, start, end) || spacedPrincipalUser(t, end) {
		return true // ForgeRock's "userId":"id=j.kim,ou=user,o=alpha,…", sudo's "sudo[4412]: d.kim : TTY=…"
	}
	cefKey := t[start-1] == '=' && start > 1 && isDigit(t[start-2]) // cs1=, whose label names it
	ofLabel := false
	if t[start-1] != '>' && !cefKey && !keyEndsLikeUser(t, start) { // XML's key is read by fieldKey alone
		if ofLabel = ofLabelUser(t, start) || tokenUser(t, start, end); !ofLabel {
			return false
		}
	}
	ks, ke, sep := fieldKey(t, start)
	if ks == ke {
		return false
	}
	ks, ke = unwrapValue(t, ks, ke)
	role := false
	if !userKey(t[ks:ke]) && !userByContext(t, ks, ke) && !ofLabel {
		// A key naming a role, or any key of an object a user key holds
		// (auditd's "actor":{"primary":"t.bond"}): a user's name when it
		// is shaped like one, looked at first (reading back to the
		// enclosing object is the costly part).
		// A plural user key (Deep Instinct's logged_in_users) is one too.
		if !initialName(t[start:end]) || !roleKey(t[ks:ke]) && !usersKey(t[ks:ke]) && !spacedRoleKey(t, ks, ke) && !inUserObject(t, ks) && !pairRoleName(t, ks, ke) {
			return false
		}
		role = true
	}
	// Without '=' or ':', the user word before the value is its key when
	// the value is quoted (F5's "Username 'j.weber'") or bracketed (ASA's
	// "User <j.kim>"), or, for a user key, in aligned columns (net user's
	// "User name    t.bond", two blanks or a tab between; not a listing's
	// "Administrator    j.smith"); in prose ("user j.weber") a name is a
	// name.
	aligned := !role && (t[start-1] == '\t' || start > 1 && t[start-1] == ' ' && t[start-2] == ' ')
	if !sep && t[start-1] != '"' && t[start-1] != '\'' && !bracketed && !aligned {
		return false
	}
	return oneDot(t[start:end]) && (!role || initialName(t[start:end]))
}

// elementOpens reports whether the quoted value at t[start] may be an
// array's element: its quote, escaped in JSON text or not (Gophish's
// "{\"username\":[\"h.kim\"]}"), after '[', ',' or a space.
func elementOpens(t []byte, start int) bool {
	if start < 2 || t[start-1] != '"' {
		return false
	}
	p := start - 2
	if t[p] == '\\' {
		if p == 0 {
			return false
		}
		p--
	}
	return t[p] == '[' || t[p] == ',' || t[p] == ' '
}

// cdataOpen opens an XML CDATA section, whose text is the element's value.
const cdataOpen = "<![CDATA["

// oneDot reports whether name has exactly one dot: a first.last user
// name, not a host under a key naming a user (user=j.weber.evil.com).
func oneDot(name []byte) bool {
	return bytesCount(name, '.') == 1
}

// userByContext reports whether the key t[ks:ke], itself no user key,
// names a user account by where it stands: a CEF field whose label names
// one (cs1Label="Affected User Name" cs1=a.green), a "name" in an object that is
// one ("user":{"domain":"ACME","name":"m.schmidt"}, ECS), or the value of a
// name/value pair whose name is one ({"@Name":"TargetUserName",
// "#text":"j.weber"}, EvtxECmd's payload).
func userByContext(t []byte, ks, ke int) bool {
	key := t[ks:ke]
	if ls, le, ok := cefLabel(t, ks, ke); ok {
		return userKey(t[ls:le]) // cs1Label="Affected User Name" cs1=a.green
	}
	switch {
	case keyIs(key, "name"):
		var buf [16]byte
		if w := wordBefore(buf[:0], t, endOfWordBefore(t, ks)); ks > 0 && t[ks-1] == ' ' && len(w) > 0 && userKey(w) {
			return true // "User name: j.weber", "Account Name: j.weber"
		}
		if oks, oke, ok := enclosingObjectKey(t, ks); ok {
			if usersKey(t[oks:oke]) {
				return true
			}
			// ECS's user.audit.name, user.target.name, user.effective.name,
			// user.changes.name (user.host.name is a host's); a map of users
			// by id, ScoutSuite's "users":{"AIDA…":{"name":…}} (a plural
			// key, and an id for a key: no word like "host")
			ecs, byID := ecsUserSet(t[oks:oke]), idLikeKey(t[oks:oke])
			if ecs || byID {
				if gks, gke, ok := enclosingObjectKey(t, oks); ok {
					g := t[gks:gke]
					if ecs && userKey(g) || byID && len(g) > 1 && lower(g[len(g)-1]) == 's' && usersKey(g) {
						return true
					}
				}
			}
		}
		return accountEntity(t, ks, nil)
	case keyIs(key, "value"):
		if ns, ne, ok := pairName(t, ks); ok && userKey(t[ns:ne]) {
			return true
		}
		return accountEntity(t, ks, nil) // a ServiceNow observable: {"value":"t.black","type":"USER-ACCOUNT"}
	case keyIs(key, "text") && ks > 0 && t[ks-1] == '#': // '#' is no key byte
		ns, ne, ok := pairName(t, ks-1)
		return ok && userKey(t[ns:ne])
	case len(key) > 4 && equalFold(key[len(key)-4:], "name"):
		return accountEntity(t, ks, key[:len(key)-4]) // Orca's {"asset_name":"d.black","asset_type":"AwsIamUser"}
	}
	return false
}

// accountReach is how far accountEntity reads back to the object's start:
// a cloud audit event names its resource last, after a kilobyte of
// request (Alibaba's ActionTrail: "resourceName":…,"resourceType":…}).
const accountReach = 4096

// accountEntity reports whether the object holding the member whose key
// starts at t[ks] says, by a type member anywhere in it (a key ending in
// "type"), that it is an account or a user: Sentinel's and Defender's
// entities ({"$id":"4","Name":"j.kim","UPNSuffix":"…","Type":"account"}), a
// ServiceNow observable ({"value":"t.black","type":"USER-ACCOUNT"}), a
// cloud asset ({"asset_name":"d.black","asset_type":"AwsIamUser"},
// Prisma's "resourceType":"IAM_USER"): the type's last word is "account"
// or "user". A name key with a prefix (asset_name) takes the type of the
// same prefix (asset_type), not another thing's.
func accountEntity(t []byte, ks int, prefix []byte) bool {
	open, ok := objectOpenWithin(t, ks, accountReach)
	if !ok {
		return false
	}
	vs, ve, ok := stringMember(t, open, min(len(t), open+2*accountReach), func(key []byte) bool {
		n := len(key) - 4
		return n >= 0 && equalFold(key[n:], "type") && (len(prefix) == 0 || n == len(prefix) && bytes.EqualFold(key[:n], prefix))
	})
	if !ok {
		return false
	}
	// The last word: lower-case letters after a capital (AwsIamUser), or
	// capitals (IAM_USER, USER-ACCOUNT).
	w := ve
	for w > vs && isLower(t[w-1]) {
		w--
	}
	if w == ve {
		for w > vs && isUpper(t[w-1]) {
			w--
		}
	} else if w > vs && isUpper(t[w-1]) {
		w--
	}
	return keyIs(t[w:ve], "account") || keyIs(t[w:ve], "user") || keyIs(t[w:ve], "username") // Sumo Logic's "_username"
}

// enclosingObjectKey returns the key of the JSON object whose member's key
// starts at t[ks] ("user" for the "name" of "user":{"id":1,"name":"x"}),
// reading back over the members before it; for an array's element, the
// array's key ("certificates" for "certificates":[{"md5":"..."}]); ok is
// false at the top level or past 512 bytes.
func enclosingObjectKey(t []byte, ks int) (oks, oke int, ok bool) {
	open, ok := objectOpen(t, ks)
	if !ok {
		return 0, 0, false
	}
	if oks, oke, sep := fieldKey(t, open); sep && oks < oke {
		return oks, oke, true
	}
	return arrayKey(t, open) // an array's element: "certificates":[{"md5":...}]
}

// objectOpen returns where the JSON object holding the member whose key
// starts at t[ks] opens, reading back over the members before it; ok is
// false in an array or past 512 bytes.
func objectOpen(t []byte, ks int) (open int, ok bool) { return objectOpenWithin(t, ks, 512) }

// objectOpenWithin is objectOpen reading back up to reach bytes.
func objectOpenWithin(t []byte, ks, reach int) (open int, ok bool) {
	depth := 0
	for j := ks - 1; j >= 0 && ks-j < reach; j-- {
		switch t[j] {
		case '}', ']':
			depth++
		case '[':
			if depth == 0 {
				return 0, false
			}
			depth--
		case '{':
			if depth == 0 {
				return j, true
			}
			depth--
		}
	}
	return 0, false
}

// keyEndsLikeUser is userKey's and roleKey's cheap first test, before
// fieldKey reads the key: the value at t[i] follows '=' or ':' (with
// quotes and spaces), or a word and a space, and the key or word ends as
// one of theirs may (userKeyEnd).
func keyEndsLikeUser(t []byte, i int) bool {
	floor := max(0, i-32) // aligned columns: Mimikatz's "User Name         : x"
	spaced := false
	if i > floor+1 && bracketOpens(t, i) {
		i-- // a bracketed value: Cisco ASA's User <j.kim>, Synology's User [m.li]
		if isAlpha(t[i-1]) {
			return userKeyEnd(t[i-1]) // glued to its key: Ruijie's User(k.kim)
		}
	}
	for i > floor && (t[i-1] == '"' || t[i-1] == '\'' || t[i-1] == ' ' || t[i-1] == '\t' || t[i-1] == '\\') {
		spaced = spaced || t[i-1] == ' ' || t[i-1] == '\t'
		i--
	}
	if k := dotLeaderStart(t, i, floor); k < i {
		for i = k; i > floor && t[i-1] == ' '; i-- {
		}
		return i > 0 && userKeyEnd(t[i-1]) // enum4linux's "Username ......... 'j.kim'"
	}
	if i > floor && (t[i-1] == '=' || t[i-1] == ':') {
		for i--; i > floor && (t[i-1] == '"' || t[i-1] == '\'' || t[i-1] == ' ' || t[i-1] == '\\'); i-- {
		}
	} else if !spaced || i == floor {
		return false // neither a separator nor a word and a space before the value
	}
	if i > 1 && lower(t[i-1]) == 's' {
		i-- // a plural: logged_in_users, whose value may be one name
	}
	return i > 0 && userKeyEnd(t[i-1])
}

// userKeyEnd reports whether c may end a key naming a user (userKey's
// words): a cheap test before reading the key.
func userKeyEnd(c byte) bool {
	if c >= utf8.RuneSelf {
		return true // a word in another script: 사용자
	}
	switch lower(c) {
	case 'r', 'e', 'n', 't', 'l', 'y', 'd', 'o': // user, usr, name, login, account, principal, author, actor, owner, identity, uid, created_by, assigned_to
		return true
	}
	return false
}

// valueOpener reports whether c may come right before a field's value:
// its separator, a quote, or a space after the separator.
func valueOpener(c byte) bool {
	switch c {
	case '=', ':', '"', '\'', ' ', '\t':
		return true
	}
	return false
}

// userKey reports whether a key names a user account: its last word ends
// in "user" (user, suser, duser) or is "username", "usr", "login",
// "account" or a person who acts in an audit log or a tracker ("author",
// "actor", "assignee", "reporter", "creator", "committer", "requester"), or
// is "name" after such a word (user.name, src_user_name, AccountName,
// usrName, author_name).
func userKey(key []byte) bool { return lastKeyWord(key, userWord) }

// ecsUserSet reports whether key is one of ECS's user field sets whose
// name is a user's: user.audit, user.target, user.effective, user.changes.
func ecsUserSet(key []byte) bool {
	return keyIs(key, "audit") || keyIs(key, "target") || keyIs(key, "effective") || keyIs(key, "changes")
}

// usersKey is userKey, a plural too: the key of an array of user objects
// (Jamf's "users":[{"name":"j.weber","uid":501}]).
func usersKey(key []byte) bool {
	if n := len(key); n > 1 && lower(key[n-1]) == 's' {
		key = key[:n-1]
	}
	return userKey(key)
}

// idLikeKey reports whether a key is an identifier, not a word: it holds
// a digit, or is in capitals throughout (AIDA5Q3X7OQ2LHNZ4KJ6E, u-1042).
func idLikeKey(key []byte) bool {
	upper := len(key) >= 8
	for _, c := range key {
		if isDigit(c) {
			return true
		}
		upper = upper && isUpper(c)
	}
	return upper
}

// inUserObject reports whether the member whose key starts at t[ks] is in
// an object a user key or a role key holds ("actor":{"primary":"t.bond"},
// a case's "owner":{"number":14,"name":"t.bond"}).
func inUserObject(t []byte, ks int) bool {
	oks, oke, ok := enclosingObjectKey(t, ks)
	return ok && (usersKey(t[oks:oke]) || roleKey(t[oks:oke]))
}

// roleKey reports whether a key names a role a person holds, whose value
// is a user's name only when shaped like one (initialName): an owner
// (Zscaler's odeviceowner; DNS's "owner" is a record's name), an
// administrator (ISE's AdminName), an operator, a principal (Spring
// Security's principal=; Kerberos's are user@REALM).
func roleKey(key []byte) bool { return lastKeyWord(key, roleWord) }

// The words whose key lastKeyWord recognises.
const (
	userWord = iota
	roleWord
)

// lastKeyWord reports whether the last word of key is one of the kind of
// words (keyWordIs), or "name" or "id" after one (user.name, user_id,
// AdminName).
func lastKeyWord(key []byte, kind int) bool {
	if len(key) == 0 || !userKeyEnd(key[len(key)-1]) {
		return false
	}
	var buf [maxKeyLook]byte
	var pbuf [maxKeyLook]byte
	var pw []byte // the previous word
	prev, last := false, false
	for i := 0; ; {
		ws, we := nextKeyWord(key, i)
		if ws == len(key) {
			return last
		}
		i = we
		w := appendLower(buf[:0], key[ws:we])
		prev = last
		switch string(w) {
		case "name", "id", "pretty", "display":
			last = prev // a form of the same field: AdminName, user_id, Xpanse's assigned_to_pretty
		case "by", "to":
			last = kind == roleWord && roleClosing(pw, w) // a value with an initial: signed_by is a domain
		default:
			// After a run of capitals the last one may be the prefix's
			// (UniFi's UNIFIadmin: UNIFI, admin), not the word's.
			last = keyWordIs(w, kind) || ws > 0 && len(w) > 2 && isUpper(key[ws-1]) && keyWordIs(w[1:], kind)
		}
		pw = append(pbuf[:0], w...)
	}
}

// roleClosing reports whether the lower-case word w, "by" or "to" after
// the word prev, names a person: who did something (dnf's Requested-By,
// created_by, OpManager's "Changed By"; not X-Powered-By) or to whom a
// case went (QRadar's assigned_to, "Assigned To").
func roleClosing(prev, w []byte) bool {
	switch string(w) {
	case "by":
		return actedWord(prev)
	case "to":
		return assignedWord(prev)
	}
	return false
}

// tokenUser reports whether the name t[start:end] ends a quoted value
// whose key names a user, or a role for a name with an initial (AWS's
// "principalId":"AROA3XFRBF23BRKGLASS:t.bond", a role's id and the
// session's name).
func tokenUser(t []byte, start, end int) bool {
	if start == 0 || t[start-1] != ':' || end >= len(t) || t[end] != '"' {
		return false
	}
	ks, ke, ok := quotedValueKey(t, start)
	return ok && (userKey(t[ks:ke]) || roleKey(t[ks:ke]) && initialName(t[start:end]))
}

// pairRoleName reports whether the key t[ks:ke] is a pair's "value" whose
// name names a role or who did something (MLflow's tags,
// {"key":"validation.approved_by","value":"s.love"}).
func pairRoleName(t []byte, ks, ke int) bool {
	if !keyIs(t[ks:ke], "value") {
		return false
	}
	ns, ne, ok := pairName(t, ks)
	return ok && roleKey(t[ns:ne])
}

// spacedPrincipalUser reports whether the name ending at t[end] is the
// user of a Kerberos principal written with spaces around '@' and the
// realm in capitals, as klist writes its client: "Client: t.bond @
// CORP.ACME-CORP.COM".
func spacedPrincipalUser(t []byte, end int) bool {
	if end+4 >= len(t) || t[end] != ' ' || t[end+1] != '@' || t[end+2] != ' ' || !isUpper(t[end+3]) {
		return false
	}
	r := end + 3
	for r < len(t) && (isUpper(t[r]) || isDigit(t[r]) || t[r] == '.' || t[r] == '-') {
		r++
	}
	return (r == len(t) || !isLower(t[r])) && bytes.IndexByte(t[end+3:r], '.') > 0
}

// displayNameUser reports whether the name t[start:end] is the login in
// angle brackets after a person's name, the value of a key naming a user:
// yum history's "User           : Jan Kim <j.kim>".
func displayNameUser(t []byte, start, end int) bool {
	if start < 2 || t[start-1] != '<' || end >= len(t) || t[end] != '>' {
		return false
	}
	k := start - 1
	for k > 0 && start-k < 48 && (isAlpha(t[k-1]) || t[k-1] == ' ' || t[k-1] == '-' || t[k-1] == '\'') {
		k--
	}
	for k < start-1 && t[k] == ' ' {
		k++
	}
	if k == start-1 || !isUpper(t[k]) {
		return false // a person's name, capitalised
	}
	ks, ke, sep := fieldKey(t, k)
	return sep && userKey(t[ks:ke])
}

// sudoUser reports whether the name t[start:end] is the user a sudo (or
// sudo-rs) log line starts with, before " : ": "sudo[4412]:    d.kim :
// TTY=pts/1 ; PWD=… ; USER=root ; COMMAND=…".
func sudoUser(t []byte, start, end int) bool {
	if end+2 >= len(t) || t[end] != ' ' || t[end+1] != ':' || t[end+2] != ' ' {
		return false
	}
	k := start
	for k > 0 && start-k < 16 && t[k-1] == ' ' {
		k--
	}
	if k == start || k == 0 || t[k-1] != ':' {
		return false
	}
	k--
	if k > 0 && t[k-1] == ']' { // the process id
		for k--; k > 0 && isDigit(t[k-1]); k-- {
		}
		if k == 0 || t[k-1] != '[' {
			return false
		}
		k--
	}
	return k >= 4 && equalFold(t[k-4:k], "sudo") && (k == 4 || !isWordByte(t[k-5])) ||
		k >= 7 && equalFold(t[k-7:k], "sudo-rs") && (k == 7 || !isWordByte(t[k-8]))
}

// dnUser reports whether the name t[start:end] is the first attribute's
// value of a distinguished name that a user key holds, or a role key for a
// name with an initial: ForgeRock's "userId":"id=j.kim,ou=user,o=alpha",
// "actor":"cn=t.bond,ou=people,dc=acme,dc=com".
func dnUser(t []byte, start, end int) bool {
	if start < 3 || t[start-1] != '=' || end >= len(t) || t[end] != ',' {
		return false
	}
	k := start - 1
	for k > 0 && start-1-k < 16 && isAlpha(t[k-1]) {
		k--
	}
	if k == start-1 || k == 0 || t[k-1] != '"' {
		return false // the DN's first attribute, at the value's start
	}
	ks, ke, ok := quotedValueKey(t, start)
	return ok && (userKey(t[ks:ke]) || roleKey(t[ks:ke]) && initialName(t[start:end]))
}

// ofLabelUser reports whether the value at t[start] follows a label of
// words and ':' whose head, before "of", names a user: Windows' NTLM
// events write "User identity of client process: j.kim" (and "Name of
// client process: C:\…" names no user).
func ofLabelUser(t []byte, start int) bool {
	ks := start
	for ks > 0 && t[ks-1] == ' ' {
		ks--
	}
	if ks == 0 || t[ks-1] != ':' {
		return false
	}
	ks--
	k := ks
	for k > 0 && ks-k < 48 && (isAlpha(t[k-1]) || t[k-1] == ' ') {
		k--
		if k >= 4 && t[k] == ' ' && string(t[k-3:k]) == " of" {
			var buf [maxKeyLook]byte
			return userKey(wordBefore(buf[:0], t, k-3))
		}
	}
	return false
}

// spacedRoleKey reports whether the key t[ks:ke] is the "By" or "To" of a
// key written in two words, after what a person did: OpManager's
// "Changed By: s.black", a tracker's "Assigned To: t.bond".
func spacedRoleKey(t []byte, ks, ke int) bool {
	if ke-ks != 2 || ks < 2 || t[ks-1] != ' ' {
		return false
	}
	var buf, kbuf [16]byte
	return roleClosing(wordBefore(buf[:0], t, ks-1), appendLower(kbuf[:0], t[ks:ke]))
}

// assignedWord reports whether the lower-case word w, before "to", hands
// a case or a task to a person.
func assignedWord(w []byte) bool {
	switch string(w) {
	case "assigned", "reassigned", "escalated", "delegated", "transferred":
		return true
	}
	return false
}

// actedWord reports whether the lower-case word w, before "by", says what
// a person did in an audit log or a tracker.
func actedWord(w []byte) bool {
	switch string(w) {
	case "created", "modified", "updated", "changed", "deleted", "requested", "approved", "rejected",
		"detected", "reported", "acknowledged", "dismissed", "escalated",
		"released", "restored", "quarantined", "uploaded", "shared",
		"submitted", "reviewed", "assigned", "opened", "closed", "resolved", "edited", "initiated",
		"performed", "executed", "invoked", "triggered", "launched", "granted", "revoked", "signed",
		"published", "scheduled", "imported", "exported", "added", "removed", "invited", "disabled", "enabled",
		// the verb itself: Recorded Future's status_change_by, last_update_by
		"change", "create", "update", "modify", "approve", "review", "close":
		return true
	}
	return false
}

// keyWordIs reports whether the lower-case word w is one of kind.
func keyWordIs(w []byte, kind int) bool {
	if kind == roleWord {
		switch string(w) {
		case "admin", "administrator", "operator", "principal", "moderator", "approver", "reviewer", "analyst",
			"uploader", "assigner", "inviter", "invitee", "modifier",
			"participant", "member", "attendee", // who joined: Teleport's "participants":["r.green"]
			"player",    // a game's account: ARK's "PlayerName: t.bond"
			"submitter", // Veracode's submitter="n.wang"; a DMARC report's Submitter: google.com is a domain
			"sender":    // who sent an event: a webhook's "sender":{"name":"t.bond"}
			return true
		}
		return hasSuffix(w, "owner")
	}
	// a key in one lower-case word: BloodHound's samaccountname, sourceusername
	if hasSuffix(w, "user") || hasSuffix(w, "username") || hasSuffix(w, "accountname") {
		return true
	}
	if w[len(w)-1] >= utf8.RuneSelf {
		return localWordIs(w, localUserWords)
	}
	switch string(w) {
	case "username", "usr", "login", "account", "identity",
		"benutzer", "benutzername", "utilisateur", "usuario", "utente", "utilizador", "gebruiker", "gebruikersnaam", "uzytkownik", "kontoname",
		"author", "actor", "assignee", "reporter", "creator", "committer", "requester", "requestor", "violator", "initiator":
		return true // the people who act in audit logs and trackers; Exchange's -Identity
	case "uid", "userid", "authid", "loginid", "logname", "uname":
		return true // LDAP's uid=j.kim, SASL's authid=j.kim, PAM's logname=j.weber, Grafana's uname=j.weber
	}
	return false
}

// initialName reports whether a first.last value starts with an initial
// (t.bond, s.keller): a person's account, where a domain's first label
// is rarely one letter (owner=evil.ru is a name).
func initialName(v []byte) bool {
	if len(v) < 3 || !isAlpha(v[0]) || v[1] != '.' {
		return false
	}
	// A surname, not a TLD of the short domains that start with a letter
	// and a dot (t.me, t.co, x.ai, x.com).
	switch last := string(v[2:]); {
	case len(last) <= 2:
		return false
	case last == "com" || last == "net" || last == "org" || last == "app" || last == "dev" || last == "xyz" || last == "info":
		return false
	}
	return true
}

// jsonKeyAt reports whether t[start:end] is inside a JSON object key: a
// quoted string opened after '{' or ',' (or at the start of the text, a
// fragment of an object) and followed by ':'. Escaped JSON
// in JSON (\"key\":) counts too.
func jsonKeyAt(t []byte, start, end int) bool {
	if start == 0 || t[start-1] != '"' && t[start-1] != '/' && t[start-1] != '.' && t[start-1] != '_' && t[start-1] != '@' {
		return false // a key's names start it, or follow a separator in it, or OData's '@' ("@odata.id":)
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

// inPath reports whether the name starting at t[start] is a component of
// a file path rather than a host: after a Windows path separator
// (windowsPathAt), glued inside a file's name (after '~' in a word: a
// servicing package's ...~amd64~~10.0.19041.3393.cat), or after a '/'
// that follows a path or a host, or starts
// an absolute path ("/usr/share/doc/README.md", "GET /download/setup.app",
// "cdn.example/files/update.app"). A "//" before the name makes it a host
// (a protocol-relative URL), and so does a plain word before the slash
// (Squid's "HIER_DIRECT/evil.com").
func inPath(t []byte, start int) bool {
	if windowsPathAt(t, start) {
		return !mupHost(t, start)
	}
	if start > 0 && !isAlnum(t[start-1]) {
		if cs := componentStart(t, start); cs < start && windowsPathAt(t, cs) && !mupHost(t, cs) {
			return true // glued inside a file's name: ...~amd64~~10.0.19041.3393.cat
		}
		if start >= 2 && t[start-1] == '~' && (isWordByte(t[start-2]) || t[start-2] == '~') {
			return true // a servicing package's name on its own (MFTECmd): Package_for_X~<token>~amd64~~19041.4170.1.10.cat
		}
	}
	if start == 0 || t[start-1] != '/' || start >= 2 && t[start-2] == '/' {
		return false
	}
	for k := start - 2; k >= 0 && start-k < 256; k-- {
		switch t[k] {
		case '/', '.', '\\':
			return true
		case ':':
			if k == start-2 {
				return driveBefore(t, k) // "C:/x.com", not "http:/x.com"
			}
			return arnToken(t, k) // an ARN's resource path: arn:aws:iam::123:user/d.black
		case ' ':
			if k == start-2 {
				return true // the slash starts the token: an absolute path
			}
			return spacedPathAt(t, k, false) // /Library/Application Support/x.app
		case '\t', '"', '\'', '=', ',', ';', '(', '[', '<', '>', '|', '{', '}':
			return k == start-2 // the slash starts the token: an absolute path
		}
	}
	return start == 1
}

// inSpacedPath reports whether the name t[start:end] is a component of a
// Unix path whose previous component holds a space, as macOS names its
// applications: /Applications/Google Chrome.app/Contents/MacOS/... (the
// name is capitalised; see spacedPathAt). The path goes on after it, or
// ends with it (/Users/x/build/Acme Agent.app at the end of a value); a
// path that goes on may be relative too (notarytool's
// AcmeAgent.zip/Acme Agent.app/Contents/…).
func inSpacedPath(t []byte, start, end int) bool {
	if start == 0 || t[start-1] != ' ' {
		return false
	}
	goesOn := end < len(t) && t[end] == '/'
	if !goesOn && end < len(t) && !valueCloser(t[end]) && !(t[end] == ':' && (end+1 == len(t) || t[end+1] == ' ')) {
		return false // a path ends before a value's closer, or before ": " (codesign's "…/Google Chrome.app: satisfies…")
	}
	return spacedPathAt(t, start-1, goesOn)
}

// valueCloser reports whether c may end a value: a quote, a separator,
// a closing bracket, a blank.
func valueCloser(c byte) bool {
	switch c {
	case '"', '\'', ',', ';', ')', ']', '}', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// spacedPathAt reports whether the space t[k] is inside a Unix path's
// component: the text before it is an absolute path (a token starting
// with '/', within 256 bytes; or any path, when relative allows it) whose
// last component is a capitalised word with no dot (/Applications/Google,
// /Users/j.doe/Library/Application), and a capitalised word follows. Hosts
// are written in lower case, so the capitals keep "GET /index evil.com/x"
// two tokens.
func spacedPathAt(t []byte, k int, relative bool) bool {
	c, ok := spacedWordStart(t, k)
	if !ok {
		return false
	}
	p := c - 1
	for ; p > 0 && c-p < 256; p-- {
		switch t[p-1] {
		case ' ':
			if _, ok := spacedWordStart(t, p-1); ok {
				continue // an earlier component with a space: /Applications/OpenVPN Connect/…
			}
			return t[p] == '/' || relative // the token is an absolute path
		case '\t', '"', '\'', '=', ',', ';', '(', '[', '<', '>', '|', '{', ':':
			return t[p] == '/' || relative // the token is an absolute path
		}
	}
	return p == 0 && (t[0] == '/' || relative)
}

// spacedWordStart returns where the word before the space at t[k] starts
// when the space is inside a path's component of capitalised words: a
// word after '/' that starts with a capital and holds a lower-case letter
// (not a command's switch, rundll32's /C), or any capitalised word after a
// '/' that ends a component (…/super/IBM Notifier.app), then one that
// starts with a capital.
func spacedWordStart(t []byte, k int) (c int, ok bool) {
	if k+1 >= len(t) || !isUpper(t[k+1]) {
		return 0, false
	}
	c = k
	lowerSeen := false
	for c > 0 && k-c < 64 && isAlnum(t[c-1]) {
		c--
		lowerSeen = lowerSeen || isLower(t[c])
	}
	inPath := c > 1 && isAlnum(t[c-2]) && k-c >= 2 // the slash ends a component: no switch; a word, not a letter
	return c, c < k && c > 0 && t[c-1] == '/' && isUpper(t[c]) && (lowerSeen || inPath)
}

// dnsDigestRecord reports whether the hex run at t[s] is the data of a DNS
// record that holds a digest of a key or a certificate, as zone files and
// dig write them: the record's type in capitals, then its number fields
// (SSHFP 1 1 <hex>, TLSA 3 1 1 <hex>, DS 2371 13 2 <hex>).
func dnsDigestRecord(t []byte, s int) bool {
	j := s
	for n := 0; n < 4; n++ {
		if b, _, ok := spacedWordBefore(t, j, isDigit, " \t"); ok {
			j = b // a number field
			continue
		}
		b, e, ok := spacedWordBefore(t, j, isUpper, " \t")
		if !ok || n == 0 {
			return false
		}
		switch string(t[b:e]) {
		case "SSHFP", "TLSA", "SMIMEA", "DS", "CDS", "DLV":
			return true
		}
		return false
	}
	return false
}

// spacedWordBefore returns the word of bytes in class that ends where the
// blanks (bytes of blanks, at least one) before t[i] start, as t[b:e]; ok
// is false when there are no blanks, no such word, or the word is glued to
// a word byte before it.
func spacedWordBefore(t []byte, i int, in func(byte) bool, blanks string) (b, e int, ok bool) {
	e = i
	for e > 0 && strings.IndexByte(blanks, t[e-1]) >= 0 {
		e--
	}
	b = e
	for b > 0 && in(t[b-1]) {
		b--
	}
	return b, e, e < i && b < e && (b == 0 || !isWordByte(t[b-1]))
}

// notFileHash reports whether the hex run starting at t[s] is, by the key
// of its field or the word before it, not a file's digest: an identifier,
// a secret, a fingerprint of something else (hashKeyExcluded). The key is
// the one written before the value ("IMPHASH=", "trace.id":), or before
// the token that holds it ("traceparent: 00-<hex>-...", and a quoted
// value's whole token: "DetectId":"ldt:<hex>:627", "image_id":"sha256:<hex>",
// "KeyName":"projects/x/keys/<hex>"); the word glued before it by '/'
// ("invocation-id/<hex>" in a user agent); the key of the array holding it
// ("/ID [<hex><hex>]"); when that key is the first of a JSON object or names
// only an algorithm, the object's own key counts too ("ja3":{"hash":"..."},
// "fingerprint":{"sha1":"...","sha256":"..."}). Hex that ends a key's name,
// glued after a word and right before '=', is part of the name (a cookie's
// wordpress_logged_in_<hex>=), and so is hex before '@', a mailbox's local
// part (a Message-ID's <hex@host>). The run ends at t[end].
func notFileHash(t []byte, s, end int) bool {
	if end+1 < len(t) && t[end] == '@' && isAlnum(t[end+1]) {
		return true // a mailbox's local part: a Message-ID's <hex@host>, a bounce address
	}
	if dnsDigestRecord(t, s) {
		return true // SSHFP 1 1 <hex>: a host key's fingerprint, a certificate's (TLSA), a zone key's (DS)
	}
	if cryptFormatToken(t, s) {
		return true // a password hash in crypt's or hashcat's form: a Kerberoast's $krb5tgs$23$*…*$<checksum>$…
	}
	if s > 1 && t[s-1] == '(' && isAlnum(t[s-2]) {
		var buf [maxKeyLook]byte
		if hashKeyExcluded(wordBefore(buf[:0], t, s-1)) {
			return true // the wrapper glued before it names it: Azure's "tokenHash":"SasSignature(<hex>)"
		}
	}
	if w := quotedPhraseWord(t, s, end); len(w) > 0 && hashKeyExcluded(w) {
		return true // the kernel's "Loaded X.509 cert 'Microsoft Corporation UEFI CA 2011: <hex>'"
	}
	if qs, qe, ok := quotedValueKey(t, s); ok && hashKeyExcluded(t[qs:qe]) {
		return true
	}
	if ps, pe, ok := arrayPairName(t, s); ok && hashKeyExcluded(t[ps:pe]) {
		return true // ["SessionId","<hex>"]
	}
	ks, ke, sep := fieldKey(t, s)
	if ks == ke && s > 0 && t[s-1] == '<' {
		ks, ke, _ = fieldKey(t, s-1) // a Message-ID's <hex@host>: MsgId=<...>
	}
	if s > 0 && (ks == ke || t[s-1] == '<') {
		if as, ae, ok := arrayKey(t, s); ok && hashKeyExcluded(t[as:ae]) {
			return true // "session_ids":["<hex>",...], a PDF trailer's /ID [<hex><hex>]
		}
	}
	if ks == ke && s > 0 && (t[s-1] == '-' || t[s-1] == '_') {
		ts := s - 1
		for ts > 0 && s-ts < maxKeyLook && (isWordByte(t[ts-1]) || t[ts-1] == '-') {
			ts--
		}
		if hashKeyExcluded(t[ts:s-1]) || ts < s-1 && end < len(t) && t[end] == '=' {
			return true // the word glued before it (ALB's TID_<hex>, trace-<hex>), or a key it ends (a cookie's wordpress_logged_in_<hex>=)
		}
		if ps, pe, ok := arrayPairName(t, ts); ok && hashKeyExcluded(t[ps:pe]) {
			return true // a header pair's token: ["Traceparent","00-<hex>-<hex>-01"]
		}
		ks, ke, _ = fieldKey(t, ts)
	}
	if ks == ke {
		if tks, tke, ok := tokenValueKey(t, s); ok && hashKeyExcluded(t[tks:tke]) {
			return true // a token's part: Queue-it's queueittoken=e_x~ts_1~h_<hex>
		}
	}
	if ks == ke && s > 0 && t[s-1] == '/' {
		ks, ke = s-1, s-1 // the path segment or product token before
		for ks > 0 && s-ks < maxKeyLook && (isWordByte(t[ks-1]) || t[ks-1] == '-') {
			ks--
		}
	}
	if ks == ke {
		return false
	}
	ks, ke = unwrapValue(t, ks, ke) // {"key":"trace_id","value":{"stringValue":"<hex>"}}
	if hashKeyExcluded(t[ks:ke]) || imageDigest(t, s) {
		return true
	}
	if userKey(t[ks:ke]) {
		return true // an account's id: S3's "CanonicalUser":"<hex>"
	}
	if (sep || algorithmKey(t[ks:ke])) && ks > 0 && t[ks-1] == ' ' {
		var buf [maxKeyLook]byte
		if !keyNamesFile(t[ks:ke]) && hashKeyExcluded(wordBefore(buf[:0], t, endOfWordBefore(t, ks))) {
			return true // a key of two words: ISE's "Serial Number=", "Fingerprint SHA-256=", testssl's "Fingerprints    SHA1 <hex>"
		}
	}
	if sep && ks > 0 && t[ks-1] == ' ' {
		if fs, fe := labelHead(t, ks); fs < fe && hashKeyExcluded(t[fs:fe]) {
			return true // a label in prose: "Imphash of the AutoIt loader: <hex>"
		}
		if w := labelSubject(t, ks, ke); len(w) > 0 && hashKeyExcluded(w) {
			return true // apksigner's "Signer #1 certificate SHA-256 digest: <hex>"
		}
	}
	if ls, le, ok := cefLabel(t, ks, ke); ok && hashKeyExcluded(t[ls:le]) {
		return true // cs1Label=CertThumbprint cs1=<hex>
	}
	if pairValueKey(t[ks:ke]) {
		if ns, ne, ok := pairName(t, ks); ok && hashKeyExcluded(t[ns:ne]) {
			return true // {"name":"resource_id","value":"<hex>"}
		}
	}
	if algorithmKey(t[ks:ke]) {
		if sks, ske, ok := jsonTextKey(t, ks); ok {
			return hashKeyExcluded(t[sks:ske]) // a line of a JSON string's text: MobSF's "certificate_info": "…\nsha256: <hex>"
		}
		if oks, oke, ok := enclosingObjectKey(t, ks); ok {
			return hashKeyExcluded(t[oks:oke]) // "fingerprint":{"sha1":"...","sha256":"<hex>"}
		}
		if ps := keyPathStart(t, ks); ps < ks && hashKeyExcluded(t[ps:ks]) {
			return true // STIX's [x509-certificate:hashes.'SHA-1' = '<hex>']
		}
	}
	// "parent":{"key":"<hex>"}
	o := ks
	if o > 0 && t[o-1] == '"' {
		o--
	}
	if o > 0 && t[o-1] == '{' {
		if ps, pe, sep := fieldKey(t, o-1); sep && ps < pe {
			return hashKeyExcluded(t[ps:pe])
		}
	}
	return false
}

// labelHead returns the first word of the label of words that ends with
// the key at t[ks] ("Imphash" for "Imphash of the AutoIt loader:"): back
// over words and single spaces, within 48 bytes, to the start of the line
// or to punctuation. The label's head names what the value is.
func labelHead(t []byte, ks int) (ws, we int) {
	k := ks
	for k > 0 && ks-k < 48 && (isAlnum(t[k-1]) || t[k-1] == '-' || t[k-1] == ' ' && k-1 > 0 && t[k-2] != ' ') {
		k--
	}
	for k < ks && t[k] == ' ' {
		k++
	}
	if ks-k >= 48 || k > 0 && t[k-1] != '\n' && t[k-1] != '\t' && !strings.ContainsRune("*#>(|;.,-", rune(t[k-1])) && t[k-1] != ' ' {
		return 0, 0
	}
	we = k
	for we < ks && isAlnum(t[we]) {
		we++
	}
	return k, we
}

// algorithmKey reports whether a key names only a digest's algorithm
// (md5, SHA1, sha-256, hash): what it digests is said by the object's key.
func algorithmKey(key []byte) bool {
	var buf [16]byte
	w, ok := foldKey(&buf, key) // SHA-256, sha_1
	if !ok {
		return false
	}
	switch string(w) {
	case "md5", "sha1", "sha256", "sha384", "sha512", "hash":
		return true
	}
	return false
}

// keyPathStart returns where the path of a key that starts at t[ks] begins,
// when the key is its last step after '.' or ':', quoted or not (STIX's
// x509-certificate:hashes.'SHA-1'); ks when there is none.
func keyPathStart(t []byte, ks int) int {
	k := ks
	if k > 0 && (t[k-1] == '\'' || t[k-1] == '"') {
		k--
	}
	if k == 0 || t[k-1] != '.' && t[k-1] != ':' && t[k-1] != '=' {
		return ks // '=': a value's prefix, key_fingerprint=SHA256:<hex>
	}
	if t[k-1] == '=' {
		k--
	}
	for k > 0 && ks-k < maxKeyLook && (isKeyByte(t[k-1]) || t[k-1] == ':' || t[k-1] == '\'') {
		k--
	}
	return k
}

// maxArrayLook bounds how far back arrayKey looks for the array's '['.
const maxArrayLook = 512

// arrayKey returns the key of the array that holds the value at t[s]
// among other scalars ("ids":["a","<hex>"] gives ids; "/ID [<hex><hex>]"
// gives ID; "certificates":[{...},{"md5":...}] gives certificates for the
// second object): it reads back over values, quotes, commas, angle
// brackets and whole elements to the '[' that opens the array, and takes
// that bracket's key.
func arrayKey(t []byte, s int) (ks, ke int, ok bool) {
	floor := max(0, s-maxArrayLook)
	depth := 0 // inside an element before s: an object or an array
	for k := s - 1; k >= floor; k-- {
		switch t[k] {
		case '}', ']':
			depth++
		case '{':
			if depth == 0 {
				return 0, 0, false // s is in an object, not an array
			}
			depth--
		case '[':
			if depth > 0 {
				depth--
				continue
			}
			ks, ke, _ := fieldKey(t, k)
			return ks, ke, ks < ke
		case '(', ')', '=', '\n', ';', '|':
			if depth == 0 {
				return 0, 0, false
			}
		}
	}
	return 0, 0, false
}

// maxTokenLook bounds how far back quotedValueKey looks for the quote
// that opens the token holding a value.
const maxTokenLook = 256

// quotedPhraseWord returns the word before a quoted phrase that the hex
// run t[s:end] ends ("cert" for Linux's "Loaded X.509 cert 'Microsoft
// Corporation UEFI CA 2011: <hex>'"): the word names what the phrase,
// hex and all, is. Empty when the run does not end a quoted phrase that
// follows a word and a space.
func quotedPhraseWord(t []byte, s, end int) []byte {
	if end >= len(t) || t[end] != '\'' && t[end] != '"' {
		return nil
	}
	q := t[end]
	k := s
	for k > 0 && s-k < 160 && t[k-1] != q && t[k-1] != '\n' {
		k--
	}
	if k < 3 || t[k-1] != q || k == s || t[k-2] != ' ' {
		return nil
	}
	var buf [maxKeyLook]byte
	return wordBefore(buf[:0], t, k-2)
}

// quotedValueKey returns the key of the quoted value whose token holds
// t[s] further in ("DetectId":"ldt:<hex>" gives DetectId for the hex):
// the token runs back from s to an opening quote without a space, comma or
// bracket between, and the quote follows a key and '=' or ':'. A value
// that starts at s has no such key beyond fieldKey's (ok is false).
func quotedValueKey(t []byte, s int) (ks, ke int, ok bool) {
	floor := max(0, s-maxTokenLook)
	k := s
	for k > floor {
		switch t[k-1] {
		case '"', '\'':
			if k == s {
				return 0, 0, false
			}
			ks, ke, sep := fieldKey(t, k)
			return ks, ke, sep && ks < ke
		case '<':
			if k-1 == floor || t[k-2] != '"' && t[k-2] != '\'' {
				return 0, 0, false
			} // "<hex@host>", a quoted Message-ID: the token goes on
		case ' ', '\t', ',', '{', '}', '[', ']', '(', ')', '>', ';':
			return 0, 0, false // '|' is the token's: Braintree's "bt_signature"=>"<key id>|<hex>"
		}
		k--
	}
	return 0, 0, false
}

// cefLabel returns, when t[ks:ke] is one of CEF's custom extension keys
// (cs1-cs6, cn1-cn3, cfp1-cfp4, flexString1-2, flexNumber1-2, c6a1-c6a4,
// deviceCustomString1-6...), the value of its label (cs1Label=...) in t:
// the name the event gives that field.
func cefLabel(t []byte, ks, ke int) (ls, le int, ok bool) {
	key := t[ks:ke]
	n := len(key)
	for n > 0 && isDigit(key[n-1]) {
		n--
	}
	if n == len(key) || n == 0 || len(key) > 24 {
		return 0, 0, false
	}
	switch string(key[:n]) {
	case "cs", "cn", "cfp", "c6a", "flexString", "flexNumber", "flexDate", "deviceCustomString", "deviceCustomNumber", "deviceCustomFloatingPoint", "deviceCustomIPv6Address":
	default:
		return 0, 0, false
	}
	var pat [32]byte
	label := append(append(pat[:0], key...), "Label="...)
	at := bytes.Index(t, label)
	if at < 0 || at > 0 && isWordByte(t[at-1]) {
		return 0, 0, false
	}
	ls = at + len(label)
	if ls < len(t) && t[ls] == '"' { // cs1Label="Affected User Name", as CyberArk writes it
		ls++
		le = ls
		for le < len(t) && le-ls < 64 && t[le] != '"' {
			le++
		}
		return ls, le, le > ls && le < len(t) && t[le] == '"'
	}
	// A CEF value runs to the next key: cs1Label=Affected User Name cs1=...
	le = ls
	for le < len(t) && t[le] != '|' && t[le] != '\t' && t[le] != '\r' && t[le] != '\n' && le-ls < 64 && !(t[le] == ' ' && keyAt(t, le+1)) {
		le++
	}
	for le > ls && (t[le-1] == ' ' || t[le-1] == '\t') {
		le--
	}
	return ls, le, le > ls
}

// imageDigest reports whether the hex run at t[s] is a container image's
// digest written "sha256:<hex>": after an image name and '@'
// (nginx@sha256:...) or as the value of a key naming a digest or an image
// (docker pull's "Digest: sha256:...", "Image":"sha256:..."). It digests a
// manifest or a configuration, not a file VirusTotal knows.
func imageDigest(t []byte, s int) bool {
	const prefix = "sha256:"
	p := s - len(prefix)
	if p < 1 || string(t[p:s]) != prefix {
		return false
	}
	if t[p-1] == '@' {
		return true
	}
	ks, ke, _ := fieldKey(t, p)
	if ks == ke || ke-ks > 32 {
		return false
	}
	var buf [32]byte
	w := lastWord(buf[:0], t[ks:ke])
	if hasSuffix(w, "digest") {
		return true // "Digest: sha256:...", ECR's "ImageDigest":"sha256:..."
	}
	switch string(w) {
	case "imagehash", "imageid", "imageref":
		return true // Inspector's "imageHash":"sha256:...", imageId
	case "image":
		return true // "docker image sha256:..."
	case "hash", "reference", "ref", "id":
		if ke-ks == 6+len(w) && equalFold(t[ks:ks+5], "image") {
			return true // image_hash, image_id (an endpoint's image_file_hash is its file's)
		}
		// "image reference \"sha256:...\"", "image id sha256:..."
		return string(w) != "hash" && string(wordBefore(buf[:0], t, endOfWordBefore(t, ks))) == "image"
	}
	return false
}

// endOfWordBefore returns where the word before t[ks] ends, past the
// spaces between them: the index wordBefore reads back from.
func endOfWordBefore(t []byte, ks int) int {
	for ks > 0 && t[ks-1] == ' ' {
		ks--
	}
	return ks
}

// labelSubject returns the word that a spaced label ending in the key
// t[ks:ke] is about, reading back over the words that only name an
// algorithm or a digest: "certificate" in apksigner's "Signer #1
// certificate SHA-256 digest:". Nil when the key itself is no such word.
func labelSubject(t []byte, ks, ke int) []byte {
	if !digestWord(t[ks:ke]) {
		return nil
	}
	var buf [maxKeyLook]byte
	for i, k := 0, ks; i < 4 && k > 1 && t[k-1] == ' ' && t[k-2] != ' '; i++ {
		w := wordBefore(buf[:0], t, k-1)
		if len(w) == 0 || !digestWord(w) {
			return w
		}
		k -= 1 + len(w)
	}
	return nil
}

// digestWord reports whether w names only an algorithm or a digest:
// SHA-256, MD5, hash, digest, checksum.
func digestWord(w []byte) bool {
	return algorithmKey(w) || keyIs(w, "digest") || keyIs(w, "checksum")
}

// jsonTextKey returns the JSON key of the string whose text holds, on a
// line of its own, the key at t[ks]: the key of MobSF's
// "certificate_info": "Binary is signed\n…\nsha256: <hex>". The escaped
// line end before it is two blanks by then (Scan blanks JSON's whitespace
// escapes), or still "\n" where the text was not blanked.
func jsonTextKey(t []byte, ks int) (sks, ske int, ok bool) {
	if ks < 2 || !(t[ks-2] == ' ' && t[ks-1] == ' ' || t[ks-2] == '\\' && t[ks-1] == 'n') {
		return 0, 0, false
	}
	for q := ks - 2; q > 0 && ks-q < 4096; q-- {
		if t[q-1] != '"' {
			continue
		}
		if bs := q - 1; bs > 0 && t[bs-1] == '\\' {
			continue // an escaped quote inside the text
		}
		sks, ske, sep := fieldKey(t, q)
		return sks, ske, sep && sks < ske && ske < len(t) && t[ske] == '"' // a JSON key: "certificate_info": "…
	}
	return 0, 0, false
}

// pairName finds the name of a name/value pair, as Google Workspace and
// other APIs write parameters ({"name":"OS_VERSION","value":"14.2.1.0"},
// {"Key":"build_version","Value":…}; see pairNameKey):
// given the start of the "value" key at t[ks], it returns the value of
// the "name" key just before it, as t[ns:ne].
func pairName(t []byte, ks int) (ns, ne int, ok bool) {
	if ns, ne, ok := adjacentPairName(t, ks); ok {
		return ns, ne, true
	}
	if ns, ne, ok := attributePairName(t, ks); ok {
		return ns, ne, true
	}
	if ns, ne, ok := elementPairName(t, ks); ok {
		return ns, ne, true
	}
	return pairMember(t, ks)
}

// elementPairName is pairName for a pair written as XML elements, the
// name's element right before the value's (TR-069's
// <Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion</Name><Value
// xsi:type="xsd:string">3.0.1.0</Value>): ks is the value element's tag.
func elementPairName(t []byte, ks int) (ns, ne int, ok bool) {
	j := ks - 1
	if j < 1 || t[j] != '<' {
		return 0, 0, false
	}
	for j > 0 && (t[j-1] == ' ' || t[j-1] == '\t' || t[j-1] == '\n' || t[j-1] == '\r') {
		j--
	}
	if j < 4 || t[j-1] != '>' {
		return 0, 0, false
	}
	c := j - 1 // the '>' of the closing tag </Name>
	o := c
	for o > 0 && c-o < maxKeyLook && t[o-1] != '<' {
		o--
	}
	if o == 0 || o+1 >= c || t[o] != '/' || !pairNameKey(t[o+1:c]) {
		return 0, 0, false
	}
	ne = o - 1 // the text ends at the closing tag's '<'
	ns = ne
	for ns > 0 && ne-ns < 2*maxKeyLook && t[ns-1] != '>' && t[ns-1] != '<' {
		ns--
	}
	if ns == 0 || t[ns-1] != '>' || ns == ne {
		return 0, 0, false
	}
	return ns, ne, true
}

// attributePairName is pairName for a pair written as attributes, the
// name's quoted value and a space before the value's key (TeamCity's
// service messages: ##teamcity[setParameter name='env.GIT_COMMIT'
// value='<hex>'], an XML element's <param name="x" value="y"/>).
func attributePairName(t []byte, ks int) (ns, ne int, ok bool) {
	j := ks
	for j > 0 && t[j-1] == ' ' {
		j--
	}
	if j == ks || j == 0 || t[j-1] != '\'' && t[j-1] != '"' {
		return 0, 0, false
	}
	q := t[j-1]
	ne = j - 1
	ns = ne
	for ns > 0 && ne-ns < maxKeyLook && t[ns-1] != q && t[ns-1] != '=' {
		ns-- // a name of words too: Addigy's fact="Last Logged In User" value="r.green"
	}
	if ns < 2 || ns == ne || t[ns-1] != q || t[ns-2] != '=' {
		return 0, 0, false
	}
	k := ns - 2
	for k > 0 && isKeyByte(t[k-1]) {
		k--
	}
	if !pairNameKey(t[k : ns-2]) {
		return 0, 0, false
	}
	return ns, ne, true
}

// foldKey writes key into buf lower-cased and without its '_' and '-'
// (new_value, SHA-256, string_value), for comparing with one word; ok is
// false when that is longer than buf.
func foldKey(buf *[16]byte, key []byte) (w []byte, ok bool) {
	w = buf[:0]
	for _, c := range key {
		if c == '_' || c == '-' {
			continue
		}
		if len(w) == len(buf) {
			return nil, false
		}
		w = append(w, lower(c))
	}
	return w, true
}

// pairValueKey reports whether key holds the value of a name/value pair:
// "value", or the new and old values of a change (Office 365's NewValue
// and OldValue, Jira's changedTo and toString). JumpCloud's
// {"field":…,"from":…,"to":…} is changeField's.
func pairValueKey(key []byte) bool {
	var buf [16]byte
	w, ok := foldKey(&buf, key) // new_value, old-value: the words without their separator
	if !ok {
		return false
	}
	switch string(w) {
	case "value", "newvalue", "oldvalue", "changedto", "changedfrom", "tostring", "fromstring":
		return true
	}
	return false
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

// unwrapValue returns the key a value's wrapper stands for: for a member
// keyed by the wrapper's type (OpenTelemetry's AnyValue,
// {"stringValue":"d.black"}), the key of the object that wraps it (the
// pair's "value", whose name the caller reads then); for the "values" of
// a keyed object, that object's key (Cybereason's
// "fileVersion":{"totalValues":1,"values":["3.11.4.0"]}); any other key as
// it is, as t[ks:ke].
func unwrapValue(t []byte, ks, ke int) (int, int) {
	switch {
	case typedValueKey(t[ks:ke]):
		if oks, oke, ok := enclosingObjectKey(t, ks); ok {
			return oks, oke
		}
	case keyIs(t[ks:ke], "values"):
		// Only a keyed object's: an array's element object with its own
		// name ({"name":"x","values":[…]}) is a pair, not a wrapper.
		if open, ok := objectOpen(t, ks); ok {
			if oks, oke, sep := fieldKey(t, open); sep && oks < oke {
				return oks, oke
			}
		}
	}
	return ks, ke
}

// typedValueKey reports whether key names a value's type, not its meaning:
// OpenTelemetry's stringValue, intValue, doubleValue, boolValue and
// bytesValue (string_value… as protobuf's own names).
func typedValueKey(key []byte) bool {
	if len(key) < 8 || lower(key[len(key)-1]) != 'e' {
		return false
	}
	var buf [16]byte
	w, ok := foldKey(&buf, key)
	if !ok {
		return false
	}
	switch string(w) {
	case "stringvalue", "intvalue", "doublevalue", "boolvalue", "bytesvalue":
		return true
	}
	return false
}

// changeField is the field a change's "from" or "to" whose key starts at
// t[ks] belongs to: the object's "field" or "fieldName" before it
// (JumpCloud's {"field":"agentVersion","from":…,"to":…}); a mail's from
// and to, or a build's {"name":…,"from":…}, have none.
func changeField(t []byte, ks int) (fs, fe int, ok bool) {
	open, ok := objectOpen(t, ks)
	if !ok {
		return 0, 0, false
	}
	return stringMember(t, open, ks, func(key []byte) bool { return keyIs(key, "field") || keyIs(key, "fieldname") })
}

// pairMember finds the name of a name/value pair when other members stand
// between it and the value whose key starts at t[ks] (Jira's
// {"fieldName":"Version","changedFrom":"","changedTo":"2.4.1.7"}): the
// string value of the object's first member keyed name, fieldName, field
// or propertyName.
func pairMember(t []byte, ks int) (ns, ne int, ok bool) {
	open, ok := objectOpen(t, ks)
	if !ok {
		return 0, 0, false
	}
	return stringMember(t, open, ks, pairNameKey)
}

// stringMember returns the string value, as t[vs:ve], of the first member
// of the JSON object opening at t[open] whose key is wanted, reading no
// further than limit or the object's end; nested members and values that
// are no string are passed over.
func stringMember(t []byte, open, limit int, wanted func(key []byte) bool) (vs, ve int, ok bool) {
	depth := 0
	for p := open + 1; p < limit; p++ {
		switch t[p] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return 0, 0, false // the object's end
			}
			depth--
		case ':':
			vs := p + 1
			for vs < limit && (t[vs] == ' ' || t[vs] == '"' || t[vs] == '\\') {
				vs++
			}
			if depth != 0 || vs == p+1 || t[vs-1] != '"' {
				continue // a nested member, or a value that is no string
			}
			nks, nke, sep := fieldKey(t, vs)
			if !sep || !wanted(t[nks:nke]) {
				continue
			}
			ve := vs
			for ve < limit && t[ve] != '"' && t[ve] != '\\' {
				ve++
			}
			return vs, ve, ve > vs
		}
	}
	return 0, 0, false
}

// pairNameKey reports whether key names the pair's name: "name" and its
// variants, "key" (AWS tags' {"Key":…,"Value":…}, malware configuration
// extractors' {"key":"build_version","value":…}), or "title" (Slack's
// attachment fields: {"title":"User","value":…}).
func pairNameKey(key []byte) bool {
	return keyIs(key, "name") || keyIs(key, "@name") || keyIs(key, "key") || keyIs(key, "title") || keyIs(key, "fieldname") ||
		keyIs(key, "field") || keyIs(key, "propertyname") || keyIs(key, "displayname") || keyIs(key, "fact") ||
		keyIs(key, "path") // SCIM's and JSON Patch's {"op":"replace","path":"userName","value":…}
}

// arrayPairName returns the name of a pair written as a two-element array
// whose value starts at t[start] (Thinkst Canary's ["User","j.weber"]).
func arrayPairName(t []byte, start int) (ns, ne int, ok bool) {
	if start < 5 || t[start-1] != '"' || t[start-2] != ',' || t[start-3] != '"' {
		return 0, 0, false
	}
	ne = start - 3
	ns = ne
	for ns > 0 && ne-ns < maxKeyLook && isKeyByte(t[ns-1]) {
		ns--
	}
	if ns < 2 || ns == ne || t[ns-1] != '"' || t[ns-2] != '[' {
		return 0, 0, false
	}
	return ns, ne, true
}

// adjacentPairName is pairName for a name right before the value.
func adjacentPairName(t []byte, ks int) (ns, ne int, ok bool) {
	j := ks
	if j > 0 && t[j-1] == '"' {
		j--
		if j > 0 && t[j-1] == '"' { // ""value"" in a CSV field
			j--
		}
	}
	for j > 0 && t[j-1] == ' ' {
		j--
	}
	if j == 0 || t[j-1] != ',' {
		return 0, 0, false
	}
	j--
	for j > 0 && t[j-1] == ' ' {
		j--
	}
	if j == 0 || t[j-1] != '"' {
		return 0, 0, false
	}
	if j > 1 && t[j-2] == '"' {
		j--
	}
	ne = j - 1
	ns = ne
	for ns > 0 && ne-ns < maxKeyLook && t[ns-1] != '"' {
		ns--
	}
	if ns == 0 || t[ns-1] != '"' || ns == ne {
		return 0, 0, false
	}
	nks, nke, sep := fieldKey(t, ns)
	if !sep || !pairNameKey(t[nks:nke]) {
		return 0, 0, false
	}
	return ns, ne, true
}

// keyIs reports whether key is the lower-case word w in any case.
func keyIs(key []byte, w string) bool {
	if len(key) != len(w) {
		return false
	}
	for i := range key {
		if lower(key[i]) != w[i] {
			return false
		}
	}
	return true
}

// notHashStems, found anywhere in a word of a key, name what is not a file
// digest: ids and secrets (trace, span, sess, nonce, salt, secret, passw,
// a message's MAC or signature: Mailgun's webhook, S3's X-Amz-Signature,
// Riskified's X-Riskified-Hmac-Sha256, Vault's "hmac-sha256:<hex>"),
// network and other fingerprints (ja3, ja4, hassh, imphash, pehash, ssdeep,
// tlsh, fingerprint, thumbprint), certificates (x509, cert, serial) and git
// commits.
var notHashStems = []string{
	"trace", "span", "sess", "nonce", "salt", "secret", "passw", "signature", "hmac",
	"ja3", "ja4", "hassh", "imphash", "pehash", "ssdeep", "tlsh", "fingerprint", "thumbprint",
	"x509", "cert", "serial", "commit",
	"cdhash",        // a macOS code signature's CodeDirectory hash, not the file's (Santa, AMFI, syspolicyd)
	"issuer", "tbs", // a certificate's issuer name or key hash (OCSP's Issuer Name Hash), its to-be-signed part's (CodeIntegrity's IssuerTBSHash)
}

// hashKeyExcluded reports whether a key names something other than a file
// digest: one of its words ends in "id", "key", "token" or "cookie" (or
// their plurals),
// contains one of notHashStems, or is "tls", "ssl", "uuid", "guid", "git"
// or "sig".
func hashKeyExcluded(key []byte) bool {
	var buf [maxKeyLook]byte
	for ws, we := nextKeyWord(key, 0); ws < len(key); ws, we = nextKeyWord(key, we) {
		if wordNotHash(appendLower(buf[:0], key[ws:we])) {
			return true
		}
	}
	return false
}

// keyNamesFile reports whether a word of key is "file": the key says whose
// digest its value is (CEF's fileHash=), whatever word stands before it
// (Cortex's "cs6Label=CGO Signature fileHash=<hex>").
func keyNamesFile(key []byte) bool {
	for ws, we := nextKeyWord(key, 0); ws < len(key); ws, we = nextKeyWord(key, we) {
		if equalFold(key[ws:we], "file") {
			return true
		}
	}
	return false
}

// nextKeyWord returns the first word of key[i:] as key[ws:we], words being
// split at punctuation and camelCase ("src_user_name" and "TargetUserName"
// both end in a user word and then a name word); the word after it is
// looked for from we, and ws == len(key) when there is none.
func nextKeyWord(key []byte, i int) (ws, we int) {
	for i < len(key) && !isAlnum(key[i]) && key[i] < utf8.RuneSelf {
		i++
	}
	if i < len(key) && key[i] >= utf8.RuneSelf {
		j := i // a word in another script runs to the next ASCII byte
		for j < len(key) && key[j] >= utf8.RuneSelf {
			j++
		}
		return i, j
	}
	j := i + 1
	// A capital after a lower-case letter starts a word (userName), and so
	// does one before a lower-case letter after capitals (customerIDString:
	// customer, ID, String).
	for j < len(key) && isAlnum(key[j]) && !(isUpper(key[j]) && (isLower(key[j-1]) || isUpper(key[j-1]) && j+1 < len(key) && isLower(key[j+1]))) {
		j++
	}
	return i, min(j, len(key))
}

func wordNotHash(w []byte) bool {
	switch string(w) {
	case "tls", "ssl", "uuid", "guid",
		"git", // a git object's id (AutoPkg's git_hash), not the file's digest
		"sig": // a signature, abbreviated: Swift's temp_url_sig, a SAS token's sig
		return true
	}
	one := w
	if n := len(w); n > 2 && w[n-1] == 's' {
		one = w[:n-1] // a plural: GCP's keys/<hex>, "session_ids"
	}
	for _, suffix := range [...]string{"id", "identifier", "key", "token", "cookie"} {
		if hasSuffix(one, suffix) {
			return true
		}
	}
	for _, stem := range notHashStems {
		if bytesContains(w, stem) {
			return true
		}
	}
	return false
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// bytesContains is strings.Contains without converting w.
func bytesContains(w []byte, s string) bool {
	for i := 0; i+len(s) <= len(w); i++ {
		if string(w[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}

// codeObject reports whether a name is a member of an object of browser
// scripts rather than a host: its first label is this or self, or window,
// document, location, navigator or console (or Node-RED's msg) and its
// next label one of that object's members (window.location.host,
// console.info, msg.payload.host), so that hosts such as
// console.amazonaws.com and location.example.org stay names. rest is the
// name after the first label, from its dot.
func codeObject(first, rest []byte) bool {
	switch string(first) {
	case "this", "self":
		return true
	case "window", "document", "location", "navigator", "console", "msg":
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
	} {
		for _, member := range strings.Fields(members) {
			m[obj+"."+member] = true
		}
	}
	return m
}()

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

// versionName reports whether the name v, all of whose labels but the
// last are numbers, stands where V2 reads a version ("Build 49.15.nc",
// "version=7.1.cc"): a build number that ends in a TLD. Real names of
// numbers (163.com, 58.com) elsewhere stay names.
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

// inCode reports whether the name t[start:end] (v normalised) is a member
// access in code rather than a host: a variable's ($item.Name, $_.Name), a
// call (log.Info(, self.app.run(), a browser object's
// (window.location.host), a reverse-DNS identifier (com.android.chrome), or
// a name whose last label is capitalised after a lower-case label
// (server.Host, and the missing space of "files.It") or a logger's level
// in capitals after its channel (freepbx.INFO): host names are written in
// one case.
func inCode(t []byte, start, end int, v []byte) bool {
	if start > 0 && t[start-1] == '$' || end < len(t) && t[end] == '(' {
		return true
	}
	first := v
	if i := bytesIndex(v, '.'); i < len(v) {
		first = v[:i]
	}
	if codeObject(first, v[len(first):]) || reverseDNSRoot(first) && bytesCount(v, '.') >= 2 {
		return true
	}
	return caseMixed(t[start:end]) || channelLevel(t[start:end]) || templateVariable(t, start, end) ||
		queryAlias(t[max(0, start-queryReach):min(len(t), end+queryReach)], t[start:end])
}

// queryReach bounds where queryAlias looks for a binding, before and after
// the name: a query's clauses, not a whole log.
const queryReach = 2048

// queryAlias reports whether name (as written) is a member of a variable
// its query binds: Cypher's u.name after (u:User) or [r:MemberOf], SQL's
// u.name after FROM users u or JOIN devices AS d. Hunt queries pasted into
// tickets and database audit logs are full of them; a host has no binding.
// Only a short variable (four letters at most) and one member are asked.
func queryAlias(t, name []byte) bool {
	dot := bytesIndex(name, '.')
	if dot == 0 || dot > 4 || bytesCount(name, '.') != 1 {
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
	switch string(name[d+1:]) {
	case "DEBUG", "INFO", "NOTICE", "WARNING", "WARN", "ERROR", "CRITICAL", "ALERT", "EMERGENCY", "FATAL", "TRACE":
		return true
	}
	return false
}

// caseMixed reports whether the last label of name is capitalised (an
// upper-case letter, then lower-case only) and the label before it starts
// in lower case (server.Host, objHTTP.Open), or every label is capitalised: the product and
// application names of firewalls (Google.Drive, Apple.Store). A host name
// written by hand capitalises the words before its TLD, not the TLD
// (Amazon.com), or a short TLD as the rest (Evil.Com).
func caseMixed(name []byte) bool {
	if titleCase(name) {
		return true
	}
	d := len(name) - 1
	for d >= 0 && name[d] != '.' {
		d--
	}
	last := name[d+1:]
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

// titleCase reports whether every label of name is a capital letter and
// lower-case letters after it, two labels or more, the last a word of four
// letters or more (Google.Drive; Evil.Com, Evil.Ru are names whose writer
// capitalised a short TLD as the rest).
func titleCase(name []byte) bool {
	if len(name) == 0 || !isUpper(name[0]) {
		return false // most names are in lower case
	}
	d := len(name)
	for d > 0 && name[d-1] != '.' {
		d--
	}
	if len(name)-d < 4 {
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
		for _, c := range name[i+1 : j] {
			if !isLower(c) {
				return false
			}
		}
		labels++
		i = j + 1
	}
	return labels >= 2
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

func bytesCount(b []byte, c byte) int {
	n := 0
	for _, x := range b {
		if x == c {
			n++
		}
	}
	return n
}
