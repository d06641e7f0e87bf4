package ioc

import (
	"bytes"
	"net/netip"
	"unicode/utf8"
)

// The context rules for user names: first.last values that name an account,
// not a host (N1).

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
	if start >= 3 && t[start-1] == 0xb9 && string(t[start-3:start]) == redactOpen && hasPrefix(t[end:], redactClose) {
		return isUserName(unredacted(t, start, end))
	}
	if k := start - len(cdataOpen); t[start-1] == '[' && k > 0 && string(t[k:start]) == cdataOpen {
		// <dc:creator><![CDATA[j.kim]]></dc:creator>: the element is the key
		return isUserName(t, k, end) && oneDot(t[start:end])
	}
	if start > 10 && t[start-1] == ':' && isDigit(t[start-2]) {
		// a TURN REST credential, expiry and name: coturn's "user
		// <1710259331:j.kim>", read whole under its key
		d := digitsBefore(t, start-1)
		if start-1-d >= 9 && d > 0 && !isAlnum(t[d-1]) && t[d-1] != ':' {
			return isUserName(t, d, end)
		}
	}
	if t[start-1] == '/' {
		// an IAM principal without its ARN (PMapper's user/d.black)
		return iamUserBefore(t, start-1) && initialName(t[start:end]) && (end == len(t) || class[t[end]]&cLabel == 0 && t[end] != '/')
	}
	if t[start-1] == '[' && end < len(t) && t[end] == ']' {
		ps := start - 1
		for ps > 0 && (class[t[ps-1]]&cLabel != 0 || t[ps-1] == '.') {
			ps--
		}
		if ps < start-1 && isUserName(t, ps, start-1) {
			return oneDot(t[start:end]) // MySQL's "User@Host: priv_user[user]": the user again, in brackets
		}
	}
	if copulaUser(t, start, end) {
		return true // SoftEther's "the user name is \"j.kim\""
	}
	if start >= 4 && t[start-1] == '\'' && t[start-2] == 'u' && t[start-3] == ' ' && t[start-4] == ',' && end < len(t) && t[end] == '\'' {
		return oneDot(t[start:end]) // Mosquitto's connect line: "New client connected from … as hub-7 (p2, c1, k60, u'd.black')."
	}
	if t[start-1] == '"' && initialName(t[start:end]) && end < len(t) && t[end] == '"' {
		if ls, le := cellLabelBefore(t, start); ls < le && (t[ls-1] == ' ' && (roleKey(t[ls:le]) || userKey(t[ls:le])) || allUpper(t[ls:le]) && listedRoleLabel(t[ls:le]) && oneDot(t[start:end])) {
			// a CSV row's cell after a label of words naming a role:
			// "PROGRAM ADMIN","d.black","Login","Success", or one in
			// capitals, a role column's ("OPERATOR","j.kim"); one word in
			// lower case is as often a product's: "zscaler","j.weber"
			return true
		}
	}
	if t[start-1] == '"' && end < len(t) && t[end] == '"' {
		if ks, ke, sep := fieldKey(t, start); sep && ks < ke && (initialName(t[start:end]) || botAccount(t[start:end])) && templateActorKey(t, ks, ke) {
			return oneDot(t[start:end]) // Serilog's "@mt":"Filing {FilingId} submitted by {Filer} …","Filer":"j.kim"
		}
	}
	if accessLogUser(t, start, end) {
		return oneDot(t[start:end]) // the Common Log Format's authuser: "10.20.8.45 - t.bond [12/Mar/2024:10:05:33 +0100] \"GET …"
	}
	if switchUser(t, start, end) {
		return true // a command's user switch: "docker login -u ci.bot", "mysql --user j.kim"
	}
	if ftpSessionUser(t, start, end) {
		return true // (before the ends a value may have: ProFTPD's "USER j.kim: Login successful.")
	}
	if ks, ke, ok := phpSerializedKey(t, start); ok && userKey(t[ks:ke]) {
		return oneDot(t[start:end]) // PHP's serialize(): s:8:"username";s:5:"j.kim";
	}
	if radiusLoginUser(t, start, end) {
		return true // FreeRADIUS's "Login OK: [j.kim] (from client …)"
	}
	if actorRoleBy(t, start, end) {
		return true // Galaxy's "Job 48216 stopped by admin d.black: …"
	}
	if initialName(t[start:end]) && oneDot(t[start:end]) && end+2 < len(t) && t[end] == ',' && t[end+1] == ' ' && macAddressAt(t, end+2) {
		return true // a login and its device's MAC: pfSense's captive portal, "ACCEPT: j.kim, a4:83:e7:12:9f:0c, 10.77.14.102"
	}
	if ownedByUser(t, start, end) {
		return true // Windows' print event 307: "Print Document owned by j.kim on \\WS-07 was printed"
	}
	if start > 8 && t[start-1] == '[' && t[start-2] == ' ' && t[start-3] == ')' && end < len(t) && t[end] == ']' && addressInParens(t, start-3) {
		return oneDot(t[start:end]) // the user after the client's address in an access log: Moonraker's "(100.88.14.27) [j.kim] 3.11ms"
	}
	if q := t[start-1]; (q == '\'' || q == '`' || q == '"') && end+2 < len(t) && t[end] == q && t[end+1] == '@' && t[end+2] == q {
		return oneDot(t[start:end]) // a MySQL account's user: DEFINER=`j.kim`@`%`, 'j.kim'@'10.20.4.55'
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
		case '^': // LEEF 2.0's usual delimiter: Attivo's "…^usrName=j.kim^identHostName=…"
		case '[': // MySQL's "User@Host: priv_user[user]"; its key says whether it is a user
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
		case ':': // a clause's end: Jack Henry's "note analyst=k.ford: member reported …"
			if end+1 < len(t) && t[end+1] != ' ' || t[start-1] != '=' {
				return false // (user:password, a host's port)
			}
		case '$': // a record of "$$key=value$$" fields: a Hamilton method file's $$author=j.kim$$valid=1$$
			if end+1 >= len(t) || t[end+1] != '$' {
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
			if keyIs(t[as:ae], "value") {
				if ns, ne, ok := pairName(t, as); ok && userKey(t[ns:ne]) {
					return oneDot(t[start:end]) // a pair's list of values: Unleash's {"contextName":"userId","values":["j.kim"]}
				}
			}
		}
	}
	if dnUser(t, start, end) || sudoUser(t, start, end) || displayNameUser(t, start, end) || spacedPrincipalUser(t, end) || auditPrefixUser(t, start, end) {
		return true // ForgeRock's "userId":"id=j.kim,ou=user,o=alpha,…", sudo's "sudo[4412]: d.kim : TTY=…"
	}
	cefKey := t[start-1] == '=' && start > 1 && isDigit(t[start-2])                                          // cs1=, whose label names it
	ofLabel := actorBy(t, start)                                                                             // (a quoted value's key may end like a user's: "by")
	if t[start-1] != '>' && !cefKey && !ofLabel && !keyEndsLikeUser(t, start) && !typedWrapperAt(t, start) { // XML's key is read by fieldKey alone
		if ofLabel = ofLabelUser(t, start) || tokenUser(t, start, end); !ofLabel {
			return false
		}
	}
	ks, ke, sep := fieldKey(t, start)
	if ks == ke {
		return false
	}
	ks, ke = unwrapValue(t, ks, ke)
	if ls, le, ok := cefLabel(t, ks, ke); ok {
		ks, ke = ls, le // a CEF custom field's label is its key: cs1Label="Affected User Name" cs1=a.green, cs2Label=caseOwner cs2=j.kim
	}
	if at := bytes.IndexByte(t[ks:ke], '@'); at > 0 && userKey(t[ks:ks+at]) {
		ke = ks + at // MySQL's slow log: "User@Host: d.black[d.black] @ host [ip]"
	}
	role := false
	if !userKey(t[ks:ke]) && !userByContext(t, ks, ke, t[start:end]) && !ofLabel {
		// A key naming a role, or any key of an object a user key holds
		// (auditd's "actor":{"primary":"t.bond"}): a user's name when it
		// is shaped like one, looked at first (reading back to the
		// enclosing object is the costly part).
		// A plural user key (Deep Instinct's logged_in_users) is one too.
		if !initialName(t[start:end]) && !(botAccount(t[start:end]) && !hostVerbKey(t[ks:ke])) || !roleKey(t[ks:ke]) && !usersKey(t[ks:ke]) && !spacedRoleKey(t, ks, ke) && !inUserObject(t, ks) && !pairRoleName(t, ks, ke) {
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
	if !sep && t[start-1] != '"' && t[start-1] != '\'' && !bracketed && !aligned && !(!role && configKeyword(t, ks, ke)) &&
		!(!role && labelUserWord(t[ks:ke]) && initialName(t[start:end])) && // a label, no prose word: AlliedWare's "… username j.kim path /srv/…"
		!(!role && initialName(t[start:end]) && dashRecordField(t, end)) && // a record's "Key value" field: NetScaler's "- User j.kim - Client_ip …"
		!(!role && keyIs(t[ks:ke], "id") && userWordBefore(t, ks)) { // "ID" makes a label, not prose: Liberty's "for user ID j.kim."
		return false
	}
	return oneDot(t[start:end]) && (!role || initialName(t[start:end]) || botAccount(t[start:end]) && !hostVerbKey(t[ks:ke]))
}

// hostVerbKey reports whether key ends in "by" after a participle of what
// a machine does (forwarded_by, resolvedBy): a bot's name there may be a
// host's, where a person's initial.name is still a person's.
func hostVerbKey(key []byte) bool {
	var buf, pbuf [maxKeyLook]byte
	var prev []byte
	for ws, we := nextKeyWord(key, 0); ws < len(key); ws, we = nextKeyWord(key, we) {
		w := appendLower(buf[:0], key[ws:we])
		if string(w) == "by" {
			return hostVerb(prev)
		}
		prev = append(pbuf[:0], w...)
	}
	return false
}

// CockroachDB's log marks a value that may be sensitive as ‹…›
// (redactable logs): the marks are no part of it.
const redactOpen, redactClose = "‹", "›"

// unredacted returns the text around the name t[start:end] without the
// redaction marks around it, and where the name is in it: the value is
// read as if it were not marked. The text is copied (a window of it: no
// rule reads further), which is rare enough to cost nothing.
func unredacted(t []byte, start, end int) ([]byte, int, int) {
	from, to := max(0, start-len(redactOpen)-accountReach), min(len(t), end+len(redactClose)+256)
	u := make([]byte, 0, to-from)
	u = append(u, t[from:start-len(redactOpen)]...)
	s := len(u)
	u = append(u, t[start:end]...)
	e := len(u)
	u = append(u, t[end+len(redactClose):to]...)
	return u, s, e
}

// dashRecordField reports whether the value ending at t[end] ends a field
// of a record written "Key value - Key value" or "Key value : Key value",
// as NetScaler's SSLVPN log writes its fields ("- User j.kim - Client_ip
// 92.40.177.18 -", "User t.bond : Group(s) …"): a capitalised word and
// a value after the separator.
func dashRecordField(t []byte, end int) bool {
	if len(t)-end < 5 || t[end] != ' ' || t[end+1] != '-' && t[end+1] != ':' || t[end+2] != ' ' {
		return false
	}
	return isUpper(t[end+3])
}

// labelUserWord reports whether key is a word no sentence uses, only a
// label or a record of key and value pairs: "username", "userid" (the
// English "user" may start prose, "user j.weber", and stays a name there).
func labelUserWord(key []byte) bool {
	return keyIs(key, "username") || keyIs(key, "userid")
}

// configKeyword reports whether the key t[ks:ke] is the keyword a
// configuration line starts with, "username" (Cisco IOS's and ASA's
// "username j.kim privilege 15 secret 9 …"): a command's argument, not
// prose, where "user j.weber" is a name.
func configKeyword(t []byte, ks, ke int) bool {
	k := ks
	for k > 0 && (t[k-1] == ' ' || t[k-1] == '\t') {
		k--
	}
	if keyIs(t[ks:ke], "user") && k >= 6 && equalFold(t[k-5:k], "login") && t[k-6] == ' ' {
		return true // JunOS's "set system login user j.kim class super-user"
	}
	if !keyIs(t[ks:ke], "username") {
		return false
	}
	if k == 0 || t[k-1] == '\n' || t[k-1] == '\r' {
		return true
	}
	// the command inside a log line (Netmiko's "read_channel: username
	// j.kim privilege 15 secret 9 …"): a keyword of IOS's follows the name
	e := ke + 1
	for e < len(t) && e-ke < 80 && t[e] != ' ' {
		e++
	}
	for _, w := range [...]string{" privilege ", " secret ", " password ", " algorithm-type "} {
		if len(t)-e >= len(w) && string(t[e:e+len(w)]) == w {
			return true
		}
	}
	return false
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
// names a user account by where it stands (a CEF field's label is read
// as its key before): a "name" in an object that is
// one ("user":{"domain":"ACME","name":"m.schmidt"}, ECS), or the value of a
// name/value pair whose name is one ({"@Name":"TargetUserName",
// "#text":"j.weber"}, EvtxECmd's payload). v is the value.
func userByContext(t []byte, ks, ke int, v []byte) bool {
	key := t[ks:ke]
	switch {
	case keyIs(key, "id"), keyIs(key, "entry"):
		return userWordBefore(t, ks) // IBM MQ's "User ID 'j.kim'", "Account ID: j.kim", Cisco WLC's "Username entry (j.kim)"
	case keyIs(key, "name"):
		if userWordBefore(t, ks) {
			return true // "User name: j.weber", "Account Name: j.weber"
		}
		if ks > 0 && t[ks-1] == '<' {
			if ps, pe, ok := xmlParentKey(t, ks); ok && (userKey(t[ps:pe]) || roleKey(t[ps:pe]) && initialName(nameValueAfter(t, ke))) {
				return true // an element's: Atom's <author><name>d.black</name></author>
			}
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
	case outcomeWord(key):
		var buf [16]byte
		w := wordBefore(buf[:0], t, endOfWordBefore(t, ks))
		return ks > 0 && t[ks-1] == ' ' && (keyIs(w, "login") || keyIs(w, "logon") || keyIs(w, "signin") || keyIs(w, "authentication")) // Nextcloud's `Login successful: "j.kim"`, Sucuri's "User authentication succeeded: j.kim"
	case keyIs(key, "value") || pairValueKey(key): // (a form field's defaultValue: Acrobat Sign's {"fieldName":"PiercerUsername","defaultValue":"j.kim"})
		if ns, ne, ok := pairName(t, ks); ok && userKey(t[ns:ne]) {
			// a plain "value" is the field's own; another (a change's
			// newValue, a form's defaultValue) a sender or a changer may
			// write, so only a person's name: {"Name":"ServiceAccount","NewValue":"evil-c2.ru"}
			return keyIs(key, "value") || initialName(v) && oneDot(v)
		}
		return keyIs(key, "value") && accountEntity(t, ks, nil) // a ServiceNow observable: {"value":"t.black","type":"USER-ACCOUNT"}
	case keyIs(key, "text") && ks > 0 && t[ks-1] == '#': // '#' is no key byte
		ns, ne, ok := pairName(t, ks-1)
		return ok && userKey(t[ns:ne])
	case len(key) > 4 && equalFold(key[len(key)-4:], "name"):
		return accountEntity(t, ks, key[:len(key)-4]) // Orca's {"asset_name":"d.black","asset_type":"AwsIamUser"}
	}
	return false
}

// userWordBefore reports whether the word before the key at t[ks], after
// a space, names a user: the key is the second word of a label of two
// ("User name:", "User ID").
func userWordBefore(t []byte, ks int) bool {
	var buf [16]byte
	w := wordBefore(buf[:0], t, endOfWordBefore(t, ks))
	return ks > 0 && t[ks-1] == ' ' && len(w) > 0 && userKey(w)
}

// nameValueAfter returns the element text after the tag name that ends at
// t[ke] ("d.black" of "<name>d.black</name>"); empty when there is none.
func nameValueAfter(t []byte, ke int) []byte {
	if ke >= len(t) || t[ke] != '>' {
		return nil
	}
	e := ke + 1
	for e < len(t) && e-ke < 256 && t[e] != '<' {
		e++
	}
	return t[ke+1 : e]
}

// outcomeWord reports whether key is a word an attempt's outcome is said
// by: after a login's word ("Login successful:", "Logon failure:"), the
// value is the account that tried.
func outcomeWord(key []byte) bool {
	if len(key) > 10 {
		return false
	}
	var buf [10]byte
	switch string(appendLower(buf[:0], key)) {
	case "successful", "succeeded", "success", "failed", "failure", "attempt", "denied", "rejected":
		return true
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
	if !ok || !accountTypeWord(t, vs, ve) {
		// JSON:API: a resource's "attributes" are of the resource's "type"
		// (Atlassian Guard's {"type":"users","attributes":{"name":"d.black"}})
		oks, oke, sep := fieldKey(t, open)
		return sep && len(prefix) == 0 && keyIs(t[oks:oke], "attributes") && accountEntity(t, oks, nil)
	}
	return true
}

// accountTypeWord reports whether the type t[vs:ve] names an account or a
// user by its last word, plural too (JSON:API's "users").
func accountTypeWord(t []byte, vs, ve int) bool {
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
	return keyIs(t[w:ve], "account") || keyIs(t[w:ve], "user") || keyIs(t[w:ve], "username") || // Sumo Logic's "_username"
		keyIs(t[w:ve], "accounts") || keyIs(t[w:ve], "users")
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
	if i-1 > floor && t[i-1] == '>' && t[i-2] == '=' {
		i-- // Ruby's and Perl's "key"=>"value" (Rails' Parameters)
	}
	if spaced && i-1 > floor && t[i-1] == ']' && isAlpha(t[i-2]) {
		return userKeyEnd(t[i-2]) // a label in brackets: Kerio Control's "[User] j.kim"
	}
	if i-1 > floor && t[i-1] == ']' {
		if o := digitsBefore(t, i-1); o < i-1 && o-1 > floor && t[o-1] == '[' && t[o-2] == ':' {
			i = o - 1 // the value's length in brackets: Oracle's audit syslog, OS$USERID:[5] "j.kim"
		}
	}
	if i > floor && (t[i-1] == '=' || t[i-1] == ':') {
		if i-1 > floor && t[i-2] == '=' {
			i-- // a comparison's "==": Matomo's segment userId==j.kim
		}
		for i--; i > floor && (t[i-1] == '"' || t[i-1] == '\'' || t[i-1] == ' ' || t[i-1] == '\\'); i-- {
		}
		i = copulaKeyEnd(t, i, floor)
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
	case 'r', 'e', 'n', 't', 'l', 'y', 'd', 'o', 'k', 'g': // user, usr, name, login, account, principal, author, actor, owner, identity, uid, created_by, assigned_to, builder, clerk, gamertag
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
	// (or the authenticated principal's object: HCP Terraform's audit
	// trail "auth":{"accessor_id":…,"description":"j.kim"}, Vault's "auth")
	return ok && (usersKey(t[oks:oke]) || roleKey(t[oks:oke]) || keyIs(t[oks:oke], "auth"))
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
	var pbuf, ppbuf [maxKeyLook]byte
	var pw, ppw []byte // the previous word, and the one before it
	prev, last, beforeOn := false, false, false
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
		case "on":
			beforeOn, last = prev, false // (login_on=<host>: on what)
		case "call", "duty":
			last = string(pw) == "on" && beforeOn // who is on call or on duty: a medical tent's clinician_on_call
		case "dn":
			last = prev || kind == userWord && string(pw) == "bind" // userDN; LDAP's bindDN, the account that binds
		case "by", "to":
			verb := pw
			switch string(pw) {
			case "up", "out", "off", "in", "over", "back", "down", "on":
				verb = ppw // a phrasal verb's: Luxer One's picked_up_by, signed_off_by
			}
			last = kind == roleWord && roleClosing(verb, w) || // a value with an initial: signed_by is a domain
				kind == userWord && string(w) == "by" && recordEditVerb(verb) // any account: a record's "createdBy":"fraud.team"
		default:
			// After a run of capitals the last one may be the prefix's
			// (UniFi's UNIFIadmin: UNIFI, admin), not the word's.
			last = keyWordIs(w, kind) || ws > 0 && len(w) > 2 && isUpper(key[ws-1]) && keyWordIs(w[1:], kind) ||
				kind == roleWord && len(w) > 4 && roleClosing(w[:len(w)-2], w[len(w)-2:]) // one word in lower case: IBM Security Verify's "performedby"
		}
		ppw = append(ppbuf[:0], pw...)
		pw = append(pbuf[:0], w...)
	}
}

// recordEditVerb reports whether the lower-case word w, before "by" in a
// key, says who did something to a record or a job: created_by,
// updatedBy, approved_by, a config's reloaded_by. Its value is an account,
// a person's or a team's ("createdBy":"fraud.team"), never a host. Other
// participles' may be one: a service that invokedBy, a domain that
// signed_by, Gmail's mailed-by, a site a host was compromised_by, a
// publisher's published_by: so the verbs are listed, not guessed.
func recordEditVerb(w []byte) bool {
	switch string(w) {
	case "created", "modified", "updated", "changed", "deleted", "edited", "approved", "rejected", "reviewed", "submitted",
		"commented", "rotated", "acknowledged", "assigned", "closed", "reopened", // a ticket's commented_by, a key's rotated_by
		"requested",                                                 // a job's requested_by=collections.bot
		"deployed", "merged", "triggered", "initiated", "performed", // a release's deployed_by=ci.bot
		"cancelled", "canceled", "reloaded", "restarted", "paused", "resumed", "disabled", "enabled", "locked", "unlocked",
		"archived", "restored", "invited", "revoked", "granted", "suspended", "reset": // a config's reloaded_by=ops.bot
		return true
	}
	return false
}

// hostVerb reports whether the participle w says what a host or a service
// does, so that the one after "by" may be a host: signed_by, resolved by,
// handled_by=worker-03.example.net.
func hostVerb(w []byte) bool {
	switch string(w) {
	case "signed", "resolved", "hosted", "served", "blocked", "forwarded", "relayed", "routed", "proxied", "cached", "powered",
		"invoked", "issued", "received", "delivered", "scanned", "handled", "processed", "generated", "rendered", "detected",
		"queried", "collected", "polled", "monitored", "managed", "discovered", "provisioned", "replicated", "mirrored",
		"filtered", "quarantined", "inspected", "observed", "reported", "sourced", "referred", "redirected", "contacted", "called",
		// a publisher's, a company's domain: a store listing's "offered_by":"pdf-tools-online.com"
		"offered", "provided", "operated", "developed", "maintained", "distributed", "supplied", "sponsored", "licensed":
		return true
	}
	return false
}

// roleClosing reports whether the lower-case word w, "by" or "to" after
// the word prev, names a person: who did something (dnf's Requested-By,
// created_by, OpManager's "Changed By"; not X-Powered-By) or to whom a
// case went (QRadar's assigned_to, "Assigned To").
func roleClosing(prev, w []byte) bool {
	switch string(w) {
	case "by":
		// any past participle glued before it names who acted (Toast's
		// bumpedBy, a voidedBy), but X-Powered-By's product
		return actedWord(prev) || len(prev) > 4 && hasSuffix(prev, "ed") && string(prev) != "powered" || irregularParticiple(prev)
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
	return kerberosRealmAt(t, end+3)
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
	return ok && (userKey(t[ks:ke]) || roleKey(t[ks:ke]) && initialName(t[start:end]) || dnUnderUsers(t, end))
}

// dnUnderUsers reports whether the DN whose first attribute's value ends
// at t[end] (its ',') places the entry among users: a container named
// user, users or people comes next or later (ForgeRock's
// "runAs":"id=d.black,ou=user,o=alpha,…", LDAP's
// "uid=j.kim,ou=People,dc=acme,dc=com"), whatever its key.
func dnUnderUsers(t []byte, end int) bool {
	e := end
	for e < len(t) && e-end < 256 && t[e] != '"' && t[e] != '\\' {
		e++
	}
	dn := t[end:e]
	for _, c := range [...]string{",ou=user", ",ou=users", ",ou=people", ",cn=users"} {
		for i := 0; i+len(c) <= len(dn); i++ {
			if equalFold(dn[i:i+len(c)], c) && (i+len(c) == len(dn) || dn[i+len(c)] == ',') {
				return true // the whole container's name, not ou=usersync
			}
		}
	}
	return false
}

// actorBy reports whether the quoted value at t[start] follows "by" and
// a verb of what a person does to a session, a record or a job ("opened
// by 'it.support'", "approved by \"j.kim\""): the account that did it.
// What names a host ("blocked by 'evil.com'", "signed by", "resolved
// by") is no such verb.
func actorBy(t []byte, start int) bool {
	if start < 6 || t[start-1] != '\'' && t[start-1] != '"' || t[start-2] != ' ' {
		return false
	}
	var buf [16]byte
	by := wordBefore(buf[:0], t, start-2)
	if string(by) != "by" || start-4 < 1 || t[start-5] != ' ' {
		return false
	}
	if w := wordBefore(buf[:0], t, start-5); len(w) > 0 && actedByVerb(w) {
		return true
	}
	// an object between the verb and "by", quoted or not: "… added to
	// project 'QC-Release' by 'j.kim'", LoggerNet's "server … started on
	// WX-LNET01 by 'j.kim'"; the verb within the clause's five words
	// before
	k := start - 4 // after the space before "by"
	for range 6 {
		b, e, ok := spacedWordBefore(t, k, isTokenByte, " ")
		if !ok || b == e {
			return false
		}
		if w := bytes.Trim(t[b:e], "'\""); len(w) > 0 && len(w) <= 16 {
			lw := appendLower(buf[:0], w)
			if string(lw) == "signed" || string(lw) == "resolved" || string(lw) == "blocked" {
				return false
			}
			if actedByVerb(lw) {
				return true
			}
		}
		k = b
	}
	return false
}

// actedByVerb reports whether w, before "by", is a verb of what a person
// does to a session, a record or a job; what names a host ("signed by",
// "resolved by") is not.
func actedByVerb(w []byte) bool {
	switch string(w) {
	case "signed", "resolved": // a signer's or a resolver's name may be a host's
		return false
	case "started", "stopped", "locked", "unlocked", "cancelled", "canceled":
		return true
	default:
		return actedWord(w)
	}
}

// macAddressAt reports whether a MAC address, six pairs of hex digits
// joined by ':' or '-', starts at t[i] and ends there.
func macAddressAt(t []byte, i int) bool {
	if i+17 > len(t) {
		return false
	}
	sep := t[i+2]
	if sep != ':' && sep != '-' {
		return false
	}
	for p := 0; p < 6; p++ {
		j := i + 3*p
		if !isHex(t[j]) || !isHex(t[j+1]) || p < 5 && t[j+2] != sep {
			return false
		}
	}
	return i+17 == len(t) || !isHex(t[i+17]) && t[i+17] != sep
}

// templateActorKey reports whether the key t[ks:ke] is a property that
// the line's message template places after "by" and a participle of what
// a person does (Serilog's and .NET's structured logs: "@mt":"Filing
// {FilingId} submitted by {Filer} for …"): the property names who acted.
// A machine's act keeps its value ("resolved by {Resolver}").
func templateActorKey(t []byte, ks, ke int) bool {
	if ke-ks > maxKeyLook || ke-ks < 2 {
		return false
	}
	var kbuf [maxKeyLook]byte
	if hostPropertyKey(appendLower(kbuf[:0], t[ks:ke])) {
		return false // "Connection closed by {RemoteHost}": a host
	}
	tmpl := messageTemplate(t)
	var buf [maxKeyLook + 6]byte
	pat := append(append(buf[:0], " by {"...), t[ks:ke]...)
	for i := 0; i < len(tmpl); {
		j := bytes.Index(tmpl[i:], pat)
		if j < 0 {
			return false
		}
		j += i
		if e := j + len(pat); e < len(tmpl) && (tmpl[e] == '}' || tmpl[e] == ':') {
			var wbuf [16]byte
			if recordEditVerb(wordBefore(wbuf[:0], tmpl, j)) {
				return true
			}
		}
		i = j + 1
	}
	return false
}

// messageTemplate returns the text of a structured log's message
// template, the value of Serilog's "@mt" or "MessageTemplate", or nil:
// only the template places properties (a user agent an attacker wrote may
// say "initiated by {hostname}" too).
func messageTemplate(t []byte) []byte {
	for _, k := range [...]string{`"@mt":"`, `"MessageTemplate":"`, `"messageTemplate":"`} {
		if i := bytes.Index(t, []byte(k)); i >= 0 {
			v := t[i+len(k):]
			for j := 0; j < len(v); j++ {
				if v[j] == '\\' {
					j++
					continue
				}
				if v[j] == '"' {
					return v[:j]
				}
			}
			return nil
		}
	}
	return nil
}

// hostPropertyKey reports whether the lower-case property name k names a
// host or a network party (RemoteHost, Server, Peer, Client, Origin,
// Source, Caller, Referrer, Domain, Url): its value may be a host's
// name whatever verb the template puts before it.
func hostPropertyKey(k []byte) bool {
	for _, w := range [...]string{"host", "server", "peer", "client", "remote", "origin", "source", "caller", "referrer", "referer", "domain", "url", "uri", "address", "endpoint", "sender", "node", "machine", "ip"} {
		if bytes.Contains(k, []byte(w)) {
			return true
		}
	}
	return false
}

// listedRoleLabel reports whether the word w, in any case, is one of the
// roles and user words keyWordIs lists by name (OPERATOR, ADMIN, USER),
// not one its suffix rules read (a MAJOR, a STEALER, a SENDER).
func listedRoleLabel(w []byte) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	l := appendLower(buf[:0], w)
	switch string(l) {
	case "admin", "administrator", "operator", "analyst", "supervisor", "dispatcher", "technician", "clerk", "user", "username", "login", "account", "agent", "officer", "manager", "reviewer", "approver",
		"driver", "inspector", "cashier", "teller", "instructor", "nurse": // (not "GUARD", a product's module too)
		return true
	}
	return false
}

// allUpper reports whether w is letters, all capitals (OPERATOR).
func allUpper(w []byte) bool {
	for _, c := range w {
		if !isUpper(c) {
			return false
		}
	}
	return len(w) > 0
}

// botAccount reports whether the name v is a service account's, one
// label and "bot" (a build's uploaded_by=ci.bot, "linked_by":"support.bot"):
// under a key naming who acted, a bot, as a person's initial.name is a
// person.
func botAccount(v []byte) bool {
	return len(v) > 4 && oneDot(v) && equalFold(v[len(v)-4:], ".bot")
}

// ownedByUser reports whether the name t[start:end], shaped like a
// person's (initialName), follows "owned by": a document's or a process's
// owner, an account. A network "owned by" a company keeps its domain.
func ownedByUser(t []byte, start, end int) bool {
	if start < 9 || string(t[start-9:start]) != "owned by " || !initialName(t[start:end]) || !oneDot(t[start:end]) {
		return false
	}
	return start == 9 || !isAlpha(t[start-10])
}

// actorRoleBy reports whether the name t[start:end], shaped like a
// person's, follows "by" and a role's word, unquoted, after such a verb
// (Galaxy's "Job 48216 stopped by admin d.black: …", "approved by manager
// j.kim") or after a word that is no participle at all, a state or a
// noun (Evolv's "mode.change TRAINING -> LIVE by supervisor r.green"):
// the role names the person. Other participles keep their hosts ("signed
// by", "resolved by").
func actorRoleBy(t []byte, start, end int) bool {
	if start < 8 || t[start-1] != ' ' || !initialName(t[start:end]) {
		return false
	}
	rs, re, ok := spacedWordBefore(t, start, isAlpha, " ")
	if !ok || re-rs > maxKeyLook || !roleKey(t[rs:re]) {
		return false
	}
	bs, be, ok := spacedWordBefore(t, rs, isAlpha, " ")
	if !ok || !keyIs(t[bs:be], "by") {
		return false
	}
	var buf [16]byte
	w := wordBefore(buf[:0], t, bs-1)
	if actedByVerb(w) || string(w) == "run" || string(w) == "drawn" {
		return true // (irregular participles of a person's act: a jury pool "run by clerk r.green")
	}
	if len(w) > 3 && hasSuffix(w, "ed") {
		// any other participle, the role naming the person ("Void
		// authorized by manager r.green"), but for the verbs whose agent
		// may be a host
		return !hostVerb(w)
	}
	return !irregularParticiple(w)
}

// auditPrefixUser reports whether the name t[start:end] is the account a
// log line's prefix names: in brackets after the time and before ':',
// Infoblox NIOS's audit log ("2024-05-14 09:07:12.044Z [j.kim]:
// Login_Allowed"), or after the process id in Ansible's log ("p=41872
// u=j.kim n=ansible |").
func auditPrefixUser(t []byte, start, end int) bool {
	if start >= 3 && t[start-1] == '[' && t[start-2] == ' ' && end+1 < len(t) && t[end] == ']' && t[end+1] == ':' {
		c := t[start-3]
		return isDigit(c) || c == 'Z' && start >= 4 && isDigit(t[start-4])
	}
	if levelColonBefore(t, start) && ipSemicolonAfter(t, end) {
		return true // Sucuri's audit queue: "Warning: j.kim, 194.150.30.12; Plugin activated: …"
	}
	if initialName(t[start:end]) && loggerPrefixUser(t, start, end) {
		return true // Windchill's "INFO  [thread] wt.fc.PersistenceManagerEvent j.kim - POST_STORE …"
	}
	if start < 6 || t[start-1] != '=' || t[start-2] != 'u' || t[start-3] != ' ' {
		return false
	}
	k := digitsBefore(t, start-3)
	return k < start-3 && k >= 3 && t[k-1] == '=' && t[k-2] == 'p' && (k == 2 || t[k-3] == ' ')
}

// copulaUser reports whether the quoted name t[start:end], shaped like a
// person's, follows a user's label and "is" or "was" (SoftEther's "the
// user name is \"j.kim\"", "The username was 't.bond'"): the label is
// its key.
func copulaUser(t []byte, start, end int) bool {
	if start < 8 || t[start-1] != '"' && t[start-1] != '\'' || t[start-2] != ' ' || end >= len(t) || t[end] != t[start-1] {
		return false
	}
	cs, ce, ok := spacedWordBefore(t, start-1, isAlpha, " ")
	if !ok || !keyIs(t[cs:ce], "is") && !keyIs(t[cs:ce], "was") {
		return false
	}
	ws, we, ok := spacedWordBefore(t, cs, isAlpha, " ")
	return ok && we-ws <= maxKeyLook && (userKey(t[ws:we]) || keyIs(t[ws:we], "name") && userWordBefore(t, ws)) && initialName(t[start:end])
}

// loggerPrefixUser reports whether the name t[start:end] stands between
// the logger and " - " in a log4j line's prefix, "LEVEL [thread] logger
// user - message", where a pattern puts the request's user (PTC
// Windchill's "INFO  [ajp-nio-…-exec-12] wt.fc.PersistenceManagerEvent
// j.kim - POST_STORE …"), or after the level and one token, "LEVEL token
// user - message" (Pega's "ERROR pega-web-01|10.40.5.21 j.kim - …"); the
// caller asks for a person's shape, an initial first: a host may stand
// there too.
func loggerPrefixUser(t []byte, start, end int) bool {
	if start < 8 || t[start-1] != ' ' || len(t)-end < 3 || string(t[end:end+3]) != " - " {
		return false
	}
	ls := start - 1
	for ls > 0 && start-1-ls < 128 && t[ls-1] != ' ' {
		ls--
	}
	if ls == start-1 || ls < 3 || t[ls-1] != ' ' {
		return false
	}
	if w, ok := levelBefore(t, ls-1); ok && (w == 0 || t[w-1] == ' ') {
		return true // one token between the level and the user: Pega's "ERROR node|10.40.5.21 j.kim - …"
	}
	if bytes.IndexByte(t[ls:start-1], '.') < 0 || t[ls-2] != ']' {
		return false // a dotted logger after the thread's bracket
	}
	o := bytes.LastIndexByte(t[max(0, ls-128):ls-2], '[')
	if o < 0 {
		return false
	}
	k := max(0, ls-128) + o
	for k > 0 && t[k-1] == ' ' {
		k--
	}
	_, ok := levelBefore(t, k)
	return ok
}

// phpSerializedKey returns the key of the string value at t[start] in
// PHP's serialize() form, the string before it in its array
// ('s:8:"username";s:5:"j.kim";'), its quotes doubled in a CSV field too
// (Solid Security's log export) or escaped with '\\' (a WordPress option
// quoted in a database error).
func phpSerializedKey(t []byte, start int) (ks, ke int, ok bool) {
	j := start
	q := 1 // the quote's width: '"', CSV's '""' or an escaped '\"'
	if j >= 2 && t[j-1] == '"' && (t[j-2] == '"' || t[j-2] == '\\') {
		q = 2
	}
	j -= q
	if j < 4 {
		return 0, 0, false
	}
	first := t[j] // the quote's first byte, which each quote has
	if t[j-1] != ':' || first != '"' && first != '\\' {
		return 0, 0, false
	}
	j--
	d := digitsBefore(t, j)
	if d == j || d < 3 || t[d-1] != ':' || t[d-2] != 's' || t[d-3] != ';' {
		return 0, 0, false // s:<length>: after the key's ';'
	}
	ke = d - 3 - q // the key's closing quote
	if ke < 1 || t[ke] != first {
		return 0, 0, false
	}
	ks = ke
	for ks > 0 && ke-ks < maxKeyLook && isKeyByte(t[ks-1]) {
		ks--
	}
	return ks, ke, ks < ke && ks >= q && t[ks-1] == '"'
}

// typedWrapperAt reports whether the quoted value at t[start] is the one
// member of a type's wrapper (avroBranchKey), whose field's key fieldKey
// and unwrapValue read: DynamoDB's "userId":{"S":"t.bond"}.
func typedWrapperAt(t []byte, start int) bool {
	if start < 6 || t[start-1] != '"' || t[start-2] != ':' || t[start-3] != '"' {
		return false
	}
	ks := start - 3
	for ks > 0 && start-3-ks < 8 && isAlpha(t[ks-1]) {
		ks--
	}
	return avroBranchKey(t, ks, start-3)
}

// accessLogUser reports whether the name t[start:end] is the user field of
// an access log in the Common Log Format, "host ident authuser [date]
// request": after the client and " - ", before " [" and the date's day.
func accessLogUser(t []byte, start, end int) bool {
	if start < 4 || string(t[start-3:start]) != " - " || end+3 >= len(t) || t[end] != ' ' || t[end+1] != '[' || !isDigit(t[end+2]) {
		return false
	}
	b, h, ok := spacedWordBefore(t, start-2, isTokenByte, " ")
	if !ok {
		return false
	}
	for _, c := range t[b:h] {
		if !isHex(c) && c != '.' && c != ':' {
			return false // the client's address
		}
	}
	return true
}

// switchUser reports whether the name t[start:end], of one dot, is the
// value of a command's user switch: --user or --username, or -u or -U
// after a command that takes an account there (accountCommand: "docker
// login -u ci.bot", "sudo -u j.kim", "psql -h db -U d.black"). Elsewhere
// -u means other things, and the value may be a host: netcat's UDP ("nc
// -u evil.com 53"), ntpdate's unprivileged port.
func switchUser(t []byte, start, end int) bool {
	if start < 4 || t[start-1] != ' ' || !oneDot(t[start:end]) {
		return false
	}
	j, e, _ := spacedWordBefore(t, start, isTokenByte, " ")
	switch string(t[j:e]) {
	case "--user", "--username":
		return true
	case "-u", "-U":
		return accountCommand(t, j)
	}
	return false
}

// accountCommand reports whether the command whose switch starts at t[j]
// (read back over its other switches and their values, in the same
// clause) is one whose -u or -U switch gives an account: sudo, su, mysql,
// psql, crontab, a registry's login (docker login, podman login, helm
// registry login), …; "after login attacker ran nc -u evil.io 53" is
// netcat's.
func accountCommand(t []byte, j int) bool {
	var buf [16]byte
	for n := 0; n < 8 && j > 1; n++ {
		b, e, ok := spacedWordBefore(t, j, isTokenByte, " \t")
		if !ok {
			return false
		}
		tok := t[b:e]
		if bytes.ContainsAny(tok, ";|&,") {
			return false // another command or clause
		}
		j = b
		if tok[0] == '-' {
			continue // a switch
		}
		if pb, pe, ok := spacedWordBefore(t, b, isTokenByte, " \t"); ok && t[pb] == '-' && !bytes.ContainsAny(t[pb:pe], ";|&,") {
			continue // a switch's value ("-h db"), the switch read next
		}
		if s := bytes.LastIndexByte(tok, '/'); s >= 0 {
			tok = tok[s+1:] // the command's path: /usr/bin/sudo
		}
		if len(tok) > len(buf) {
			return false
		}
		switch string(appendLower(buf[:0], tok)) {
		case "sudo", "su", "runuser", "mysql", "mysqldump", "mysqladmin", "mariadb", "psql", "pg_dump", "pg_dumpall",
			"pg_restore", "createdb", "dropdb", "crontab", "pkill", "pgrep", "smbclient", "rpcclient":
			return true
		case "login": // a registry's: docker login, podman login, helm registry login
			pb, pe, ok := spacedWordBefore(t, b, isTokenByte, " \t")
			p := appendLower(buf[:0], t[pb:pe])
			return ok && (string(p) == "docker" || string(p) == "podman" || string(p) == "nerdctl" || string(p) == "oras" || string(p) == "registry" || string(p) == "crane")
		}
		return false // the command is another's
	}
	return false
}

// ftpSessionUser reports whether the name t[start:end] is the account an
// FTP server's log names its session by: FileZilla Server 0.9's "- j.kim
// (10.20.4.55)>", FileZilla 1.x's "[FTP Session 29 10.20.4.61 t.bond]",
// vsftpd's "[pid 21102] [j.kim] OK UPLOAD", or the protocol's own USER
// command in capitals (ProFTPD's "USER j.kim: Login successful.").
func ftpSessionUser(t []byte, start, end int) bool {
	switch {
	case start >= 3 && t[start-1] == ' ' && t[start-2] == '-' && t[start-3] == ' ' && end+2 < len(t) && t[end] == ' ' && t[end+1] == '(':
		c := bytes.IndexByte(t[end:min(len(t), end+48)], ')')
		return c > 0 && end+c+1 < len(t) && t[end+c+1] == '>'
	case start >= 2 && t[start-1] == ' ' && end < len(t) && t[end] == ']':
		o := bytes.LastIndexByte(t[max(0, start-64):start], '[')
		return o >= 0 && bytes.HasPrefix(t[max(0, start-64)+o:], []byte("[FTP Session "))
	case start >= 8 && t[start-1] == '[' && t[start-2] == ' ' && t[start-3] == ']' && end < len(t) && t[end] == ']':
		o := bytes.LastIndexByte(t[max(0, start-24):start-3], '[')
		return o >= 0 && bytes.HasPrefix(t[max(0, start-24)+o:], []byte("[pid "))
	case start >= 5 && string(t[start-5:start]) == "USER " && (start == 5 || !isAlnum(t[start-6])):
		return true
	}
	return false
}

// levelColonBefore reports whether a log level, in any case, and ": "
// stand right before t[start] ("Warning: ", "Notice: ").
func levelColonBefore(t []byte, start int) bool {
	if start < 4 || t[start-1] != ' ' || t[start-2] != ':' {
		return false
	}
	k := start - 2
	w := alphaRunBefore(t, k, 9)
	var buf [9]byte
	up := buf[:0]
	for _, c := range t[w:k] {
		up = append(up, c&^0x20) // (letters only: upper case)
	}
	return levelWord(up)
}

// ipSemicolonAfter reports whether ", ", an IPv4 address and ";" follow
// t[end]: the address a prefix gives after the account.
func ipSemicolonAfter(t []byte, end int) bool {
	if end+9 >= len(t) || t[end] != ',' || t[end+1] != ' ' {
		return false
	}
	i, dots := digitsAndDots(t, end+2, 15)
	return dots == 3 && i < len(t) && t[i] == ';'
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
	case "assigned", "reassigned", "escalated", "delegated", "transferred",
		"behalf": // Exchange's GrantSendOnBehalfTo
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
		"change", "create", "update", "modify", "approve", "review", "close",
		"ack", "acked", // acknowledged, shortened: Plixer Scrutinizer's ack_by
		"pushed", "merged", "deployed", "triaged", "muted", "suppressed", "silenced",
		"registered", "enrolled", "provisioned", "installed": // a device's: Xerox Workplace Cloud's registeredBy
		return true
	}
	return false
}

// agentNoun reports whether the lower-case word w names someone by what
// they do, a word of five letters or more ending in "er" or "or"
// (dispatcher, investigator, supervisor), or of seven or more ending in
// "ist" (pharmacist, technologist; not a list: allowlist), or of nine or
// more ending in "ian" (technician, physician): a role's key,
// whose value is a person's name when shaped like one (roleKey's callers
// ask for an initial first: server=t.bond is no server's name).
func agentNoun(w []byte) bool {
	if len(w) >= 7 && hasSuffix(w, "ist") {
		// a list (checklist, blacklist) is none, nor a verb (persist,
		// resist); a specialist, a journalist is one
		return (!hasSuffix(w, "list") || hasSuffix(w, "alist")) && !hasSuffix(w, "sist")
	}
	if len(w) >= 9 && hasSuffix(w, "ian") {
		return true // a technician, a physician, a librarian (median, meridian are shorter)
	}
	if len(w) < 5 || !hasSuffix(w, "er") && !hasSuffix(w, "or") {
		return false
	}
	if hasSuffix(w, "observer") || len(w) > 8 && hasSuffix(w, "master") {
		return true // a fisheries observer; a scale house's weighmaster, a webmaster: the word names no machine, though a machine's word ends it
	}
	for _, thing := range machineNouns {
		if hasSuffix(w, thing) {
			return false // what software and networks are made of: WsusServer, klist's "Server:"
		}
	}
	return true
}

// machineNouns end the "-er" and "-or" words that name a machine's or a
// program's part, not a person: a server's name may be a host's. A
// "driver" is either, and a device driver's file is never shaped like a
// person's name (a delivery app's driver=d.black is the person). A
// "helper" is a program's more often (proxy_helper, update_helper).
var machineNouns = []string{
	"server", "resolver", "router", "forwarder", "provider", "header", "folder", "referer", "referrer",
	"filter", "cluster", "container", "buffer", "identifier", "vendor", "mirror", "sensor", "monitor",
	"connector", "selector", "controller", "scheduler", "adapter", "adaptor", "parser", "printer",
	"scanner", "collector", "exporter", "listener", "computer", "browser", "broker", "balancer", "handler",
	"helper", "loader", "launcher", "installer", "updater", "wrapper", "counter", "number", "error",
	"color", "colour", "vector", "sector", "anchor", "cursor", "parameter", "marker", "tracker", "master",
	"register", "transfer", "order", "layer", "tier", "cover", "filer",
}

// keyWordIs reports whether the lower-case word w is one of kind.
func keyWordIs(w []byte, kind int) bool {
	if kind == roleWord {
		switch string(w) {
		case "admin", "administrator", "operator", "principal", "moderator", "approver", "reviewer", "analyst",
			"uploader", "pusher", "assigner", "inviter", "invitee", "modifier",
			"participant", "member", "attendee", // who joined: Teleport's "participants":["r.green"]
			"agent",             // a case's or a ticket's agent: Kount's <agent>d.black</agent> (a software agent's value is no initial.name)
			"player",            // a game's account: ARK's "PlayerName: t.bond"
			"submitter",         // Veracode's submitter="n.wang"; a DMARC report's Submitter: google.com is a domain
			"reporter",          // a tracker's reporter="j.kim"; a DMARC alert's "reporters":["google.com"] are domains
			"sender",            // who sent an event: a webhook's "sender":{"name":"t.bond"}
			"manager",           // a person's manager: Axonius' "specific_data.data.user_manager":["t.bond"] (a service's manager names software)
			"clerk",             // a court's: Tyler's "clerk=k.ford"
			"attn", "attention", // a mail piece's attention line, read off an envelope by a sorter's OCR: attn="J.KIM"
			"custodian", "guardian": // who holds evidence or data: a chain-of-custody system's "custodian":"j.kim", eDiscovery's
			return true
		}
		return hasSuffix(w, "owner") || agentNoun(w)
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
		"acct",             // the account, abbreviated: auditd's USER_LOGIN msg='op=login acct="d.black" …', PAM's
		"nickname", "nick", // a member's handle: Fourthwall's "nickname":"j.kim", IRC's nick
		"gamertag", // a game network's account: Xbox's "gamertag":"j.kim"
		"userinfo", // who asked: a Kubernetes admission request's userInfo, Knative's "knative.dev/userinfo":"oidc:t.bond"
		"benutzer", "benutzername", "utilisateur", "usuario", "utente", "utilizador", "gebruiker", "gebruikersnaam", "uzytkownik", "kontoname",
		"author", "actor", "assignee", "creator", "committer", "requester", "requestor", "violator", "initiator",
		"builder",                            // who built a release: Bugsnag's builderName
		"organizer", "organiser", "attendee": // a meeting's people: Crestron's room booking organizer=
		return true // the people who act in audit logs and trackers; Exchange's -Identity
	case "uid", "userid", "authid", "loginid", "logname", "uname":
		return true // LDAP's uid=j.kim, SASL's authid=j.kim, PAM's logname=j.weber, Grafana's uname=j.weber
	case "auid", "ruid", "euid", "suid", "fsuid":
		return true // a process's audit, real, effective, saved and file-system user, as auditd (ausearch -i) and BSM write them
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

// radiusLoginUser reports whether the name t[start:end] is the user in
// brackets after a RADIUS server's login result, as FreeRADIUS logs each
// authentication: "Login OK: [j.kim] (from client …)", "Login incorrect
// (mschap: …): [j.kim]", the password after '/' when it logs bad ones
// ("[j.kim/<via Auth-Type = EAP>]"), "Invalid user: [j.kim]".
func radiusLoginUser(t []byte, start, end int) bool {
	if start < 12 || t[start-1] != '[' || t[start-2] != ' ' || t[start-3] != ':' || end >= len(t) || t[end] != ']' && t[end] != '/' {
		return false
	}
	k := start - 3
	if t[k-1] == ')' {
		o := bytes.LastIndexByte(t[max(0, k-256):k-1], '(')
		if o < 0 {
			return false
		}
		k = max(0, k-256) + o
		for k > 0 && t[k-1] == ' ' {
			k--
		}
	}
	for _, p := range [...]string{"Login OK", "Login incorrect", "Invalid user"} {
		if k >= len(p) && string(t[k-len(p):k]) == p {
			return true
		}
	}
	return false
}

// lineUser reports whether the name t[start:end], shaped like a person's,
// is given elsewhere in the same text as a user's, or as a mailbox's local
// part: one line names one person so (Automation Anywhere's "userName":"j.kim" … "objectName":"j.kim",
// FortiGate's user="j.kim" … msg="Administrator j.kim logged in").
func lineUser(t []byte, start, end int) bool {
	name := t[start:end]
	if !initialName(name) {
		return false
	}
	for from := 0; from < len(t); {
		i := bytes.Index(t[from:], name)
		if i < 0 {
			return false
		}
		i += from
		from = i + 1
		e := i + len(name)
		if i == start || i > 0 && (class[t[i-1]]&cLabel != 0 || t[i-1] == '.') || e < len(t) && class[t[e]]&cLabel != 0 {
			continue // itself, or part of a longer name
		}
		if isUserName(t, i, e) || e+1 < len(t) && t[e] == '@' && domainAfter(t, e+1) {
			return true // a user key's value, or a mailbox's local part: "nickname":"j.kim","email":"j.kim@acme-corp.com"
		}
	}
	return false
}

// irregularParticiple reports whether the lower-case word w is a past
// participle that does not end in "ed", before "by" in a key (OpenBet's
// set_by=s.love, a CRM's sentBy=s.love).
func irregularParticiple(w []byte) bool {
	switch string(w) {
	case "set", "reset", "sent", "put", "made", "done", "run", "taken", "given", "written",
		"held", "kept", "built", "chosen", "sold", "paid", "seen", "bought", "shut", "undone", "overridden":
		return true
	}
	return false
}

// addressInParens reports whether the ')' at t[c] closes an IPv4 address
// in parentheses: "(100.88.14.27)".
func addressInParens(t []byte, c int) bool {
	o := c
	for o > 0 && c-o <= 15 && (isDigit(t[o-1]) || t[o-1] == '.') {
		o--
	}
	if o == 0 || t[o-1] != '(' || c-o < 7 {
		return false
	}
	_, err := netip.ParseAddr(str(t[o:c]))
	return err == nil
}
