package ioc

import (
	"bytes"
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
	if i > 0 && t[i-1] == '>' && (i == 1 || t[i-2] != '=') { // (not Ruby's "=>", read below)
		ks, ke, ok := xmlKey(t, i-1)
		return ks, ke, ok
	}
	floor := max(0, i-maxKeyLook)
	j := optionStart(t, quoteBefore(t, i, floor), floor)
	if j < i && j-1 > floor && (t[j] == '\'' && t[j-1] == 'b' || t[j] == '"' && t[j-1] == 'H') && (t[j-2] == ' ' || t[j-2] == '=' || t[j-2] == '(') {
		// Python's bytes literal, b'…' (paramiko's "host key for 10.20.1.1:
		// b'<hex>'"); a code requirement's hex literal, H"…" (macOS's
		// "cdhash H\"<hex>\"")
		j--
	}
	for j > floor && (t[j-1] == ' ' || t[j-1] == '\t') {
		j--
	}
	if j < i && j-1 > floor && t[j-1] == ']' && i < len(t) && t[i] != '[' {
		// (a bracket after a bracket is a field of its own: UniFi's "[firmware] [<mac> / Driveway / <ip>]")
		if ks, ke, ok := bracketedLabel(t, j-1, floor); ok {
			return ks, ke, true // a label in brackets before its value: Kerio Control's "[User] j.kim [Connection] …"
		}
		if o := digitsBefore(t, j-1); o < j-1 && o-1 > floor && t[o-1] == '[' && t[o-2] == ':' {
			j = o - 1 // the value's length in brackets after the key: Oracle's audit syslog, OS$USERID:[5] "j.kim"
		}
	}
	if j-1 > floor && t[j-1] == '>' && t[j-2] == '=' && (j < i || i < len(t) && (t[i] == '{' || t[i] == '[')) { // (a value, an object or an array: Logstash's "user"=>{"name"=>…}, Rails' "photo_ids"=>[…])
		j-- // Ruby's and Perl's "key"=>"value" (Logstash): its '=' is read below
	} else if j-2 > floor && t[j-1] == '>' && t[j-2] == '-' && t[j-3] == ' ' && j < i {
		j-- // Scala's and Elixir's key -> value (Gatling's Session map): its '-' between spaces is read below
	}
	if j < i && t[i-1] == '\'' {
		if ks, ke, ok := msiPropertyKey(t, j); ok {
			return ks, ke, true
		}
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
		j = copulaKeyEnd(t, j, floor)
	} else if j == i {
		return i, i, false // glued to something that is not a separator
	} else if j > floor+1 && j < i-1 && t[i-1] == '"' && t[j-1] == '"' {
		if ks, ke, ok := quotedWordBefore(t, j-1, floor); ok {
			return ks, ke, true // quoted pairs: IMAP's ID ("name" "Dovecot" "version" "2.3.21.1")
		}
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

// bracketedLabel returns the word in the brackets closing at t[c] (']'),
// a label of letters (Kerio Control's "[User]", "[Rule]"), not below
// floor.
func bracketedLabel(t []byte, c, floor int) (ks, ke int, ok bool) {
	o := c
	for o > floor && c-o < 32 && (isAlpha(t[o-1]) || t[o-1] == '_' || t[o-1] == '-') {
		o--
	}
	if o == c || o == floor || t[o-1] != '[' || !isAlpha(t[o]) {
		return 0, 0, false
	}
	return o, c, true
}

// quotedWordBefore returns the word quoted by itself whose closing quote
// is t[q], opened after a space or '(' (IMAP's ID list of quoted names and
// values): t[ks:ke]. A quoted string of anything but a key's bytes (a
// referer's URL before a user agent) is no key.
func quotedWordBefore(t []byte, q, floor int) (ks, ke int, ok bool) {
	o := q
	for o > floor && q-o < maxKeyLook && isKeyByte(t[o-1]) {
		o--
	}
	if o == q || o-1 <= floor || t[o-1] != '"' || t[o-2] != ' ' && t[o-2] != '(' {
		return 0, 0, false
	}
	return o, q, true
}

// copulaKeyEnd returns where a key ends that "is now" follows before its
// separator, the key's text ending at t[i] (MDT's "Property DomainAdmin is
// now = j.kim"), or i.
func copulaKeyEnd(t []byte, i, floor int) int {
	if i-7 > floor && equalFold(t[i-7:i], " is now") {
		return i - 7
	}
	return i
}

// msiReach is how far msiPropertyKey reads back for the property's name:
// a change's current value ("Its current value is '<a path>'.") stands
// between it and the new one.
const msiReach = 320

// msiPropertyKey returns the property that msiexec's verbose log names in
// the sentence before "Its value is" (t[:j] ends with it, the quote after):
// "PROPERTY CHANGE: Adding SME_THUMBPRINT property. Its value is '<hex>'."
// and a change's "Modifying X property. Its current value is '…'. Its new
// value: '…'.". The property is the value's key.
func msiPropertyKey(t []byte, j int) (ks, ke int, ok bool) {
	if !(j >= 8 && equalFold(t[j-8:j], "value is") || j >= 6 && equalFold(t[j-6:j], "value:")) {
		return 0, 0, false
	}
	from := max(0, j-msiReach)
	p := bytes.LastIndex(t[from:j], []byte(" property. Its "))
	if p < 0 || bytes.IndexByte(t[from+p:j], '\n') >= 0 {
		return 0, 0, false
	}
	ke = from + p
	for ks = ke; ks > 0 && ke-ks < maxKeyLook && isKeyByte(t[ks-1]); ks-- {
	}
	return ks, ke, ks < ke
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
// "Verified GUID (<hex>)"); a parenthesis or a square bracket may be glued
// to its key (Ruijie's "User(k.kim)", Puppet's resource "User[j.kim]").
func bracketOpens(t []byte, i int) bool {
	return (t[i-1] == '<' || t[i-1] == '[' || t[i-1] == '(') && (t[i-2] == ' ' || t[i-2] == '=') || // coturn's username=<…>
		(t[i-1] == '(' || t[i-1] == '[') && isAlpha(t[i-2]) // glued to its key: Ruijie's User(k.kim), Puppet's User[j.kim]
}

// optionStart returns where the Option that wraps the value starting at
// t[j] (its quote, or its bracket when quoteBefore took that) starts, so
// that the key is the one before it: Rust's and Scala's Some (TGI's
// `revision: Some("<hex>")`); j itself when there is none.
func optionStart(t []byte, j, floor int) int {
	p := j
	switch {
	case p > floor && t[p-1] == '(':
		p--
	case p < len(t) && t[p] == '(':
	default:
		return j
	}
	if p-4 >= floor && string(t[p-4:p]) == "Some" && (p == 4 || !isAlnum(t[p-5])) {
		return p - 4
	}
	return j
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
	// CSV's doubled quote, and a JSON string holding a quoted string,
	// escaped once or more: Entra's "newValue":"\"<hex>\"", a Step
	// Functions output holding S3's answer, "{\"ETag\":\"\\\"<hex>-12\\\"\"}"
	for k := 0; k < 8 && j > floor && (t[j-1] == '\\' || t[j-1] == '"'); k++ {
		j--
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

// wordAt returns the letters from t[i] and where they end.
func wordAt(t []byte, i int) (w []byte, end int) {
	end = i
	for end < len(t) && isAlpha(t[end]) {
		end++
	}
	return t[i:end], end
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
	return objectKey(t, open)
}

// objectKey returns the key of the JSON object opening at t[open], or of
// the array holding it (enclosingObjectKey).
func objectKey(t []byte, open int) (oks, oke int, ok bool) {
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
	if bytes.IndexByte(t[max(0, ks-reach+1):ks], '{') < 0 {
		return 0, false // no object opens within reach: most log text
	}
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

// valueOpener reports whether c may come right before a field's value:
// its separator, a quote, or a space after the separator.
func valueOpener(c byte) bool {
	switch c {
	case '=', ':', '"', '\'', ' ', '\t':
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
		case '"':
			// a whole string element is passed over, brackets and all (a
			// stack frame's "at X.Y (System.String url) <…>"): back to its
			// opening quote, unless the quote is the one right before s
			if k < s-1 && (k+1 >= len(t) || t[k+1] == ',' || t[k+1] == ']') {
				for k--; k > floor && !(t[k] == '"' && t[k-1] != '\\'); k-- {
				}
			}
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

// quotedValueKey returns the key of the quoted value whose token holds
// t[s] further in ("DetectId":"ldt:<hex>" gives DetectId for the hex):
// the token runs back from s to an opening quote without a space, comma or
// bracket between (but for the commas of a list of pairs: a signature
// header's "t=…,v1=<hex>"), and the quote follows a key and '=' or ':'. A value
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
		case ',':
			if bytes.IndexByte(t[k:s], '=') < 0 {
				return 0, 0, false
			} // a list of pairs, each after ',': Stripe's and Persona's signature header "t=…,v1=<hex>"
		case ' ', '\t', '{', '}', '[', ']', '(', ')', '>', ';':
			return 0, 0, false // '|' is the token's: Braintree's "bt_signature"=>"<key id>|<hex>"
		}
		k--
	}
	return 0, 0, false
}

// endOfWordBefore returns where the word before t[ks] ends, past the
// spaces between them: the index wordBefore reads back from.
func endOfWordBefore(t []byte, ks int) int {
	for ks > 0 && t[ks-1] == ' ' {
		ks--
	}
	return ks
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
	// customer, ID, String), but for a plural's lone 's' after capitals
	// (objectIDs, trustedURLs: object, IDs).
	for j < len(key) && isAlnum(key[j]) && !(isUpper(key[j]) && (isLower(key[j-1]) || isUpper(key[j-1]) && j+1 < len(key) && isLower(key[j+1]) && !acronymPlural(key, j+1))) {
		j++
	}
	return i, min(j, len(key))
}

// acronymPlural reports whether key[i] is a lone 's' ending a word of
// capitals: the plural of an acronym (IDs, URLs), not a new word's start.
func acronymPlural(key []byte, i int) bool {
	return key[i] == 's' && (i+1 == len(key) || !isLower(key[i+1]))
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

func bytesCount(b []byte, c byte) int {
	n := 0
	for _, x := range b {
		if x == c {
			n++
		}
	}
	return n
}
