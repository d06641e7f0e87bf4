package ioc

import (
	"bytes"
	"strings"
)

// The context rules for hash keys: hex that is no file digest by its key or
// its place (H2).

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
		if !ok && n >= 2 && j > 0 && t[j-1] == '"' {
			return siblingDigestType(t, j-1) // the data alone, its type a member beside it: BlueCat's {"type":"DS","rdata":"41873 13 2 <hex>"}
		}
		if !ok || n == 0 {
			return false
		}
		return digestRecordType(t[b:e]) // (in capitals: isUpper read it)
	}
	return false
}

// siblingDigestType reports whether the JSON object holding the value
// quoted at t[q], or the array's holding it, types it as a DNS record
// whose data holds a digest (dnsDigestRecord): a member whose key ends in
// "type" naming DS, SSHFP, TLSA, SMIMEA, CDS or DLV, in any case.
func siblingDigestType(t []byte, q int) bool {
	open, ok := objectOpen(t, q)
	if !ok {
		// an array's element: TLS-RPT's "policy-string":["3 1 1 <hex>",…]
		b := bytes.LastIndexByte(t[max(0, q-512):q], '[')
		if b < 0 {
			return false
		}
		if open, ok = objectOpen(t, max(0, q-512)+b); !ok {
			return false
		}
	}
	obj := t[open:min(len(t), q+512)]          // (its members after the data too: "ttl")
	return typeMemberIs(obj, digestRecordType) // "type":"DS", TLS-RPT's "policy-type":"tlsa"
}

// typeMemberIs reports whether obj, a JSON object's text, has a string
// member whose key ends in "type" and whose value is one that is reports.
func typeMemberIs(obj []byte, is func(v []byte) bool) bool {
	for i := 0; i < len(obj); {
		j := bytes.Index(obj[i:], []byte(`ype":"`))
		if j < 0 {
			return false
		}
		v := obj[i+j+len(`ype":"`):]
		if e := bytes.IndexByte(v, '"'); e > 0 && is(v[:e]) {
			return true
		}
		i += j + 1
	}
	return false
}

// digestRecordType reports whether w, in any case, is the type of a DNS
// record whose data holds a digest: DS, SSHFP, TLSA, SMIMEA, CDS, DLV.
func digestRecordType(w []byte) bool {
	for _, typ := range [...]string{"ds", "sshfp", "tlsa", "smimea", "cds", "dlv"} {
		if equalFold(w, typ) {
			return true
		}
	}
	return false
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
	if hs, he, ok := positionalHeaderKey(t, s); ok && hashKeyExcluded(t[hs:he]) {
		return true // Hitachi's "+{Target,Subject,SerialNumber,Fingerprint(SHA-256)}=[{Web Server,CN=…,<serial>,<hex>}]"
	}
	if urnName(t, s) {
		return true // a URN names, it is no file: Puppet's code_id "urn:puppet:code-id:1:<hex>;production"
	}
	if versionInBrackets(t, s) {
		return true // a build's commit after its version: "ceph version 18.2.2 (<hex>) reef"
	}
	if s > 4 && (end == len(t) || t[end] != '.') && arnResourceID(t, s) {
		return true // a resource's id in an ARN: KMS's arn:aws:kms:…:key/mrk-<hex>, GuardDuty's detector/<hex>
	}
	if versionGluedAfter(t, end) {
		return true // a build's commit glued before its version: Envoy's "envoy version: <hex>/1.29.2/Clean/RELEASE/BoringSSL"
	}
	if s > 1 && t[s-1] == '.' && isAlpha(t[s-2]) && (end == len(t) || t[end] != '.') {
		return true // the last label of a dotted identifier: Cloudflare's com.cloudflare.api.account.zone.<hex>
	}
	if templateExpression(t, s, end) {
		return true // a template's code: Kentico's signed macro {% … |(hash)<hex> %}
	}
	if cryptFormatToken(t, s) {
		return true // a password hash in crypt's or hashcat's form: a Kerberoast's $krb5tgs$23$*…*$<checksum>$…
	}
	if s > 1 && (t[s-1] == '(' || t[s-1] == '[' || t[s-1] == '<') && isAlnum(t[s-2]) {
		var buf [maxKeyLook]byte
		if hashKeyExcluded(wordBefore(buf[:0], t, s-1)) {
			return true // the wrapper glued before it names it: Azure's "tokenHash":"SasSignature(<hex>)", Gitea's "LFS OID[<hex>]", Pants' "Fingerprint<hex>"
		}
	}
	if hashedObject(t, s) {
		return true // a value its object says is hashed: Open Badges' "recipient":{"type":"email","hashed":true,"identity":"sha256$<hex>"}
	}
	if contactSchemaBefore(t, s) {
		return true // a custom audience's rows typed by their schema: Meta's "schema":["EMAIL_SHA256"],"data":[["<hex>"]]
	}
	if copulaSubjectExcluded(t, s) {
		return true // "Build cache key for task ':app:compileJava' is <hex>"
	}
	if w := quotedPhraseWord(t, s, end); len(w) > 0 && hashKeyExcluded(w) {
		return true // the kernel's "Loaded X.509 cert 'Microsoft Corporation UEFI CA 2011: <hex>'"
	}
	if qs, qe, ok := quotedValueKey(t, s); ok && hashKeyExcluded(t[qs:qe]) && !(cacheKeyName(t[qs:qe]) && fileNamespaceBefore(t, s)) {
		return true
	}
	if ps, pe, ok := pairListKey(t, s); ok && hashKeyExcluded(t[ps:pe]) {
		return true // an unquoted signature header's pairs: X-Bonterra-Signature=t=1710266992,v1=<hex>
	}
	if ks, ke, ok := schemeTaggedKey(t, s); ok && hashKeyExcluded(t[ks:ke]) {
		return true // a signature tagged with its scheme's version: Snapdocs' sig=v1,<hex>
	}
	if ps, pe, ok := arrayPairName(t, s); ok && hashKeyExcluded(t[ps:pe]) {
		return true // ["SessionId","<hex>"]
	}
	if ps, pe, ok := prefPairName(t, s); ok && hashKeyExcluded(t[ps:pe]) {
		return true // Firefox's user_pref("dom.push.userAgentID", "<hex>")
	}
	if end+6 <= len(t) && string(t[end:end+6]) == ":refs/" {
		return true // a refspec's source, a commit: actions/checkout's "git fetch … origin +<hex>:refs/remotes/origin/main"
	}
	if gitCommandArg(t, s) || versionTokenHex(t, s) {
		return true // Composer's "git checkout '<hex>'", vcpkg's "version 2024-03-14-<hex>": a commit
	}
	if bracketedBuildCommit(t, s) {
		return true // OpenSearch's "build[tar/<hex>/2023-11-29T…]"
	}
	if fieldMapKey(t, s, end) {
		return true // a custom field's id keying its value: Pipedrive's "custom_fields":{"<hex>":{…}}
	}
	if gluedImageDigest(t, s) {
		return true // KubeArmor's "ContainerImage":"registry/app:2.14.1sha256:<hex>"
	}
	ks, ke, sep := fieldKey(t, s)
	if sep && ke < s && t[ke] == ':' && ke+1 == s {
		if vks, vke, ok := namespacedValueKey(t, ks); ok && hashKeyExcluded(t[vks:vke]) {
			return true // the last part of a key named in namespaces, Redis' way: a cache's "key=aec:dl:<hex>"
		}
	}
	if sep && algorithmOfLabel(t, ks) {
		return false // a file's digest by its label, whatever its name holds: CASA's "md5 of uid___A002_X1a3c.asdm.sdm.tar: <hex>"
	}
	if o, ok := bracketedAlgorithmBefore(t, s); ok {
		if isAlpha(t[o-1]) {
			ks, ke, sep = o, o, false // glued: the key is the word before the bracket, SQL Server's "Cert Hash(sha1)"
			for ks > 0 && o-ks < maxKeyLook && isAlnum(t[ks-1]) {
				ks--
			}
		} else {
			ks, ke, sep = fieldKey(t, o) // RRAS's "cert hash (SHA256) <hex>": the key is before the algorithm
		}
	}
	if ks == ke && s > 0 && t[s-1] == '<' {
		ks, ke, _ = fieldKey(t, s-1) // a Message-ID's <hex@host>: MsgId=<...>
	}
	if s > 0 && (ks == ke || t[s-1] == '<') {
		if as, ae, ok := arrayKey(t, s); ok {
			if hashKeyExcluded(t[as:ae]) || personDataObject(t, as, ae) {
				return true // "session_ids":["<hex>",...], a PDF trailer's /ID [<hex><hex>], Meta CAPI's "user_data":{"em":["<hex>"]}
			}
			if pairValueKey(t[as:ae]) {
				if oks, oke, ok := enclosingObjectKey(t, as); ok && hashKeyExcluded(t[oks:oke]) {
					return true // a typed attribute's values: Houdini PDG's "pdg_session":{"type":"string","value":["<hex>"]}
				}
			}
		}
		if q := stringElementStart(t, s); q > 0 {
			if as, ae, ok := arrayKey(t, q); ok && hashKeyExcluded(t[as:ae]) {
				return true // inside an array's string: App Center's "stack_trace":["at … in <<hex>>:0"]
			}
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
		if vs := pathValueStart(t, s-1); vs < s-1 {
			if pks, pke, sep := fieldKey(t, vs); sep && pks < pke && hashKeyExcluded(t[pks:pke]) {
				return true // the last segment of a path under a key naming an id: storageKey=fa/2024/221904/<hex>
			}
		}
		ks, ke = s-1, s-1 // the path segment or product token before
		for ks > 0 && s-ks < maxKeyLook && (isWordByte(t[ks-1]) || t[ks-1] == '-') {
			ks--
		}
	}
	if ks == ke {
		return false
	}
	ks, ke = unwrapValue(t, ks, ke) // {"key":"trace_id","value":{"stringValue":"<hex>"}}
	ks, ke = factsWrapperKey(t, ks, ke)
	if k := indexedKeyEnd(t, ks, ke); k < ke && (hashKeyExcluded(t[ks:k]) || hasSuffix(t[ks:k], "version")) {
		return true // a key with an index glued after it: Ministra's device_id2=<hex>, hw_version_2=<hex>
	}

	if hashKeyExcluded(t[ks:ke]) || imageDigest(t, s) {
		return true
	}
	if sep && ke-ks <= maxKeyLook {
		var buf [maxKeyLook]byte
		if w := lastWord(buf[:0], t[ks:ke]); hasSuffix(w, "version") || hasSuffix(w, "build") || keyIs(w, "release") {
			// a version written in hex is its build's commit: GlitchTip's
			// {"version":"<hex>"}, Sentry's "release"; a firmware's
			// digest is its image's ("SHA-256 for current firmware: <hex>")
			return true
		}
	}
	if personDataObject(t, ks, ke) {
		return true // a person's hashed identifiers: Meta CAPI's "user_data":{"em":["<hex>"],"ph":[…]}
	}
	if userKey(t[ks:ke]) || accountDigestKey(t[ks:ke]) && !platformDigestSibling(t, ks, ke) || hashedContactKey(t[ks:ke]) || s > 0 && t[s-1] == '/' && usersKey(t[ks:ke]) { // (a collection's path: SCIM's /Users/<hex>)
		return true // an account's id or digest: S3's "CanonicalUser":"<hex>", Mosyle's "iTunesStoreAccountHash"
	}
	if !sep && (keyIs(t[ks:ke], "version") || keyIs(t[ks:ke], "build")) && ke+1 == s {
		return true // a version in hex after its word on the same line, a build's commit: Seafile's "source code version <hex>", Yamcs' "build <hex>"
	}
	if !sep && keyIs(t[ks:ke], "number") && ks > 1 && t[ks-1] == ' ' {
		var buf [maxKeyLook]byte
		if hashKeyExcluded(wordBefore(buf[:0], t, ks-1)) {
			return true // a label of two words without its colon: Connect:Direct's "serial number <hex>"
		}
	}
	if sep && forObjectExcluded(t, ks) {
		return true // paramiko's "Adding ssh-rsa host key for 10.20.1.1: b'<hex>'"
	}
	if end+1 < len(t) && t[end] == '-' && isDigit(t[end+1]) && etagKey(t, ks, ke) {
		return true // a multipart upload's ETag, "<hex>-<parts>": a digest of digests, not of the file
	}
	if (sep || algorithmKey(t[ks:ke])) && ks > 0 && t[ks-1] == ' ' {
		var buf [maxKeyLook]byte
		e := endOfWordBefore(t, ks)
		if e > 0 && t[e-1] == ':' && algorithmKey(t[ks:ke]) {
			e-- // a label and its colon before the algorithm: CFEngine's "Trusting new key: SHA=<hex>"
		}
		if w := wordBefore(buf[:0], t, e); !keyNamesFile(t[ks:ke]) && !pairValueAt(t, e-len(w)) &&
			(hashKeyExcluded(w) || keyIs(w, "version") && algorithmKey(t[ks:ke])) { // (Vault's banner "Version Sha: <hex>", a build's commit)
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
	if algorithmKey(xmlLocalName(t, ks, ke)) {
		if ks > 0 && (t[ks-1] == '"' || t[ks-1] == '\'') && t[ke] == ' ' {
			if vks, vke, sep := fieldKey(t, ks); sep && vks < vke {
				return hashKeyExcluded(t[vks:vke]) // the algorithm starts a quoted value: Greenhouse's "Signature":"sha256 <hex>"
			}
		}
		if sks, ske, ok := jsonTextKey(t, ks); ok {
			return hashKeyExcluded(t[sks:ske]) // a line of a JSON string's text: MobSF's "certificate_info": "…\nsha256: <hex>"
		}
		if open, ok := objectOpen(t, ks); ok {
			if oks, oke, ok := objectKey(t, open); ok {
				return hashKeyExcluded(t[oks:oke]) // "fingerprint":{"sha1":"...","sha256":"<hex>"}
			}
			if objectLabelExcluded(t, open) && !fileMemberIn(t[open:min(len(t), ks+512)]) {
				return true // Node's util.inspect after a label: "found commit info { sha: '<hex>', … }"
			}
		}
		if ps, pe, ok := xmlParentKey(t, ks); ok {
			return hashKeyExcluded(t[ps:pe]) // an element's: <fingerprint><sha256><hex></sha256>, EPP's <secDNS:dsData>…<secDNS:digest><hex>
		}
		if ps := keyPathStart(t, ks); ps < ks && hashKeyExcluded(t[ps:ks]) && !fileObjectKey(t[ps:ks]) { // (an attachment's id tagged with its algorithm is its digest: attachment_id=sha256=<hex>)
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

// namespacedValueKey returns the key of a value written as namespaces
// joined by ':' (Redis' "aec:dl:<hex>", "route:<hex>"), whose last
// namespace starts at t[ps]: the key before '=' or a JSON key before the
// value's opening quote ("key=aec:dl:…", "cache_key":"route:…").
func namespacedValueKey(t []byte, ps int) (ks, ke int, ok bool) {
	i := ps
	for i < len(t) && t[i] != ':' {
		if !isAlnum(t[i]) && t[i] != '_' && t[i] != '-' {
			return 0, 0, false // a namespace is a word or an id ("ical:AC-4412:<hex>")
		}
		i++
	}
	if fileNamespace(t[ps:i]) {
		return 0, 0, false
	}
	p := ps
	for p > 1 && t[p-1] == ':' {
		q := p - 1
		for q > 0 && p-1-q < 24 && (isAlnum(t[q-1]) || t[q-1] == '_' || t[q-1] == '-') {
			q--
		}
		if q == p-1 {
			break
		}
		if fileNamespace(t[q : p-1]) {
			return 0, 0, false
		}
		p = q
	}
	if p == 0 {
		return 0, 0, false
	}
	if t[p-1] == '"' {
		return quotedValueKey(t, p)
	}
	if t[p-1] != '=' {
		return 0, 0, false
	}
	ks, ke, sep := fieldKey(t, p)
	return ks, ke, sep && ks < ke
}

// platformDigestSibling reports whether the key t[ks:ke] is "mac" and a
// digest's words and the text around it holds another platform's digest
// key (win_sha256, linux_sha256): a payload's per-platform hashes, "mac"
// for macOS, not a device's MAC address.
func platformDigestSibling(t []byte, ks, ke int) bool {
	k := withoutDigestWords(t[ks:ke])
	if len(k) < 3 || !equalFold(k[len(k)-3:], "mac") {
		return false
	}
	w := t[max(0, ks-512):min(len(t), ke+512)]
	for _, p := range [...]string{"win_", "windows_", "linux_", "win-", "linux-", "winsha", "linuxsha", "winmd5", "linuxmd5"} {
		for i := 0; i+len(p) <= len(w); i++ {
			if equalFold(w[i:i+len(p)], p) && (i == 0 || !isAlnum(w[i-1])) {
				return true
			}
		}
	}
	return false
}

// fileObjectKey reports whether key is a stored file's id, its last words
// a file's word and "id" (attachment_id, quarantine_file_id, sample_id):
// its id written as an algorithm and a digest is the file's digest. Not an
// artifact's or a blob's (a registry's manifest or image config), nor an
// image's (its configuration's digest), nor a key with a secret's word.
func fileObjectKey(key []byte) bool {
	var prev, last []byte
	for a, b := nextKeyWord(key, 0); a < len(key); a, b = nextKeyWord(key, b) {
		w := key[a:b]
		for _, s := range [...]string{"hmac", "signature", "signer", "thumbprint", "cert", "x509", "nonce", "salt", "secret", "session", "token", "image"} {
			if equalFold(w, s) {
				return false
			}
		}
		prev, last = last, w
	}
	if !equalFold(last, "id") {
		return false
	}
	for _, w := range [...]string{"file", "attachment", "document", "sample"} {
		if equalFold(prev, w) {
			return true // (qualifiers before: quarantine_file_id, email_attachment_id)
		}
	}
	return false
}

// fileNamespaceBefore reports whether the hex at t[s] follows a namespace
// that names a file and ':' ("cache_key":"sample:<hex>"): a key made of the
// file's digest. An algorithm's name alone says nothing of what was
// digested (an image's "id":"sha256:<hex>", a commit's "main@sha1:<hex>").
func fileNamespaceBefore(t []byte, s int) bool {
	if s < 3 || t[s-1] != ':' {
		return false
	}
	b := s - 1
	for b > 0 && s-1-b < 24 && (isAlnum(t[b-1]) || t[b-1] == '_' || t[b-1] == '-') {
		b-- // (in any case, as fileNamespace reads it: "SAMPLE:<hex>")
	}
	return b < s-1 && !algorithmKey(t[b:s-1]) && fileNamespace(t[b:s-1])
}

// fileNamespace reports whether the namespace w of a key names a digest's
// algorithm or a file ("avscan:sha256:<hex>", "sample:<hex>",
// "file:<hex>"): a scan cache keyed by the file's digest. An upload's, a
// download's or an object's may key anything (a URL's digest, a session).
func fileNamespace(w []byte) bool {
	if algorithmKey(w) {
		return true
	}
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	switch string(appendLower(buf[:0], w)) { // (KEY=SAMPLE:<hex> too)
	case "file", "files", "sample", "samples", "avscan", "malware", "binary":
		return true
	}
	return false
}

// cacheKeyName reports whether key names a cache's or a lookup's key
// (key, cache_key, redis_key, lookupKey, ref; not an API's or a
// session's key, a secret): the only keys whose value's
// file namespace says it holds a file's digest; an id, a session, a token
// or a signature never does.
func cacheKeyName(key []byte) bool {
	if keyIs(key, "ref") {
		return true
	}
	last := false
	for a, b := nextKeyWord(key, 0); a < len(key); a, b = nextKeyWord(key, b) {
		w := key[a:b]
		for _, s := range [...]string{"api", "secret", "private", "public", "session", "access", "signing", "encryption", "hmac", "license", "licence", "auth"} {
			if equalFold(w, s) {
				return false // a secret's key, not a lookup's
			}
		}
		last = equalFold(w, "key")
	}
	return last // key, cache_key, redis_key, lookupKey, dedup_key
}

// positionalHeaderKey returns the name a positional record's header gives
// the value at t[s]: a record written "{name,name,…}=[{value,value,…}]"
// (Hitachi's audit log) names its n-th value by its n-th name.
func positionalHeaderKey(t []byte, s int) (hs, he int, ok bool) {
	if !bytes.Contains(t[max(0, s-512):s], []byte("}=[{")) {
		return 0, 0, false // no such record before: nearly all text, found at once
	}
	n := 0 // commas before the value in its record
	o := s - 1
	for ; o >= 0 && s-o < 512; o-- {
		if t[o] == ',' {
			n++
		} else if t[o] == '{' || t[o] == '}' || t[o] == '[' || t[o] == ']' {
			break
		}
	}
	if o < 3 || t[o] != '{' || t[o-1] != '[' || t[o-2] != '=' || t[o-3] != '}' {
		return 0, 0, false
	}
	c := o - 3 // the header's '}'
	h := c - 1
	for h >= 0 && c-h < 512 && t[h] != '{' && t[h] != '}' {
		h--
	}
	if h < 0 || t[h] != '{' {
		return 0, 0, false
	}
	for i, fs := 0, h+1; fs <= c; i++ {
		fe := fs + bytes.IndexByte(t[fs:c+1], ',')
		if fe < fs {
			fe = c
		}
		if i == n {
			return fs, fe, fs < fe
		}
		fs = fe + 1
	}
	return 0, 0, false
}

// stringElementStart returns where the JSON string holding t[s] opens (its
// quote) when that string is an element of an array ('[' or ',' before
// it), else 0. The string may hold anything but a quote.
func stringElementStart(t []byte, s int) int {
	q := s - 1
	for q > 0 && s-q < 512 && t[q] != '"' && t[q] != '\n' {
		q--
	}
	if q <= 0 || t[q] != '"' || q == s-1 {
		return 0
	}
	if t[q-1] == '[' || t[q-1] == ',' {
		return q
	}
	return 0
}

// urnName reports whether the hex at t[s] is inside a URN's name (the
// token back to a blank starts "urn:"), where the component before it is
// no algorithm's (urn:sha1:<hex> names a file by its digest).
func urnName(t []byte, s int) bool {
	b := s
	for b > 0 && s-b < 256 && t[b-1] != ' ' && t[b-1] != '"' && t[b-1] != '\t' {
		b--
	}
	if s-b < 5 || !equalFold(t[b:b+4], "urn:") || t[s-1] != ':' {
		return false
	}
	c := s - 1
	for c > b && t[c-1] != ':' {
		c--
	}
	return !algorithmKey(t[c : s-1])
}

// versionInBrackets reports whether the run at t[s] opens a bracket right
// after a version number and a space, or is glued after one by '/' or
// '-', as programs print their build's source commit (Ceph's "ceph
// version 18.2.2 (<hex>) reef", chromedriver's "124.0.6367.91
// (<hex>-refs/…)", Prysm's "Prysm/v5.0.3/<hex>", ZooKeeper's
// "3.8.4-<hex>").
func versionInBrackets(t []byte, s int) bool {
	_, _, ok := versionBefore(t, s)
	return ok
}

// versionBefore returns the version number t[b:e] that versionInBrackets
// finds before t[s].
func versionBefore(t []byte, s int) (b, e int, ok bool) {
	dash := s >= 6 && t[s-1] == ' ' && t[s-2] == '-' && t[s-3] == ' '
	hyphen := s >= 5 && t[s-1] == '-' && isDigit(t[s-2])
	if s < 5 || !(t[s-1] == '(' && t[s-2] == ' ' || t[s-1] == '/' || dash || hyphen) {
		return 0, 0, false
	}
	e = s - 2
	switch {
	case t[s-1] == '/' || hyphen:
		e = s - 1 // glued by '/' or '-' after the version: Prysm's "Prysm/v5.0.3/<hex>", Dragonfly's "df-v1.15.1-<hex>"
	case dash:
		e = s - 3 // after " - ": Redpanda's "Redpanda v23.3.11 - <hex>"
	}
	b, dots := e, 0
	for b > 0 && e-b < 32 && (isDigit(t[b-1]) || t[b-1] == '.') {
		b--
		if t[b] == '.' {
			dots++
		}
	}
	ok = dots > 0 && b < e && isDigit(t[b]) && isDigit(t[e-1]) && (b == 0 || !isAlnum(t[b-1]) && t[b-1] != '-' || t[b-1] == 'v')
	return b, e, ok
}

// arnResourceID reports whether the hex run at t[s] is in the resource
// part of an Amazon Resource Name, where AWS names its resources by ids
// (KMS's key/mrk-<hex>, GuardDuty's detector/<hex>/finding/<hex>, ECS's
// task/<cluster>/<hex>). An S3 object's ARN names a file by its key, which
// may be the file's hash (arn:aws:s3:::samples/<hex>): that stays a hash,
// as does one with an extension (<hex>.exe).
func arnResourceID(t []byte, s int) bool {
	k := arnTokenStart(t, s)
	if s-k < 8 || !equalFold(t[k:k+4], "arn:") {
		return false
	}
	p := bytes.IndexByte(t[k+4:s], ':') // past the partition: the service
	if p < 0 {
		return false
	}
	svc := t[k+4+p+1 : s]
	return !(len(svc) > 3 && equalFold(svc[:3], "s3:"))
}

// forObjectExcluded reports whether the key starting at t[ks] is what a
// label names its subject for, "<noun> for <key>:", and the noun names
// no file (hashKeyExcluded): paramiko's "host key for 10.20.1.1: <hex>" is
// a key's fingerprint, whatever the address (or "[host]:port").
func forObjectExcluded(t []byte, ks int) bool {
	if ks >= 3 && t[ks-1] == ':' && t[ks-2] == ']' && isDigit(t[ks]) {
		// a host in brackets and its port, the port read as the key:
		// paramiko's "host key for [sftp.example.net]:2222: b'<hex>'"
		if o := bytes.LastIndexByte(t[max(0, ks-256):ks-2], '['); o >= 0 {
			ks = max(0, ks-256) + o
		}
	}
	if ks < 6 || t[ks-1] != ' ' || !equalFold(t[ks-4:ks-1], "for") || t[ks-5] != ' ' {
		return false
	}
	var buf [maxKeyLook]byte
	return hashKeyExcluded(wordBefore(buf[:0], t, ks-5))
}

// accountDigestKey reports whether key is "user", "account", "email",
// "phone" or a device's or a subscriber's identifier ("mac", "imei",
// "msisdn", "ip") and then words that only name a digest (Mosyle's
// iTunesStoreAccountHash, user_sha1, user_email_sha256): an account's
// digest, or a person's. Other user words stay out: Cortex
// XDR's initiatorSha256 is the initiating process's file.
func accountDigestKey(key []byte) bool {
	k := withoutDigestWords(key)
	if k == nil {
		return false
	}
	ws := 0
	for a, b := nextKeyWord(k, 0); a < len(k); a, b = nextKeyWord(k, b) {
		ws = a
	}
	w := k[ws:]
	// (a person's e-mail address or phone number, hashed to match on
	// without keeping it: a ban-evasion model's user_email_sha256; a
	// device's MAC or a subscriber's number, a passenger flow sensor's
	// salted "mac_sha256")
	for _, id := range [...]string{"user", "account", "email", "phone", "mac", "imei", "imsi", "msisdn", "ssn", "ip"} {
		if equalFold(w, id) {
			return true
		}
	}
	return false
}

// personDataObject reports whether the key t[ks:ke] of a hex value is a
// member of an object that holds a person's data ("user_data",
// "customerData", "user_identifiers"): ad platforms' conversion APIs send
// e-mail addresses and phone numbers hashed under short keys (Meta's
// "em", "ph"). A key naming a file, or only an algorithm, keeps its
// file's digest.
func personDataObject(t []byte, ks, ke int) bool {
	if ks == 0 || t[ks-1] != '"' || keyNamesFile(t[ks:ke]) || digestWord(t[ks:ke]) || fileWordIn(t[ks:ke]) {
		return false // (a bare algorithm's key names a file's digest: Raygun's "UserCustomData":{"sha256":…})
	}
	oks, oke, ok := enclosingObjectKey(t, ks)
	if !ok || oke-oks > maxKeyLook {
		return false
	}
	person, data := false, false
	o := t[oks:oke]
	for a, b := nextKeyWord(o, 0); a < len(o); a, b = nextKeyWord(o, b) {
		w := o[a:b]
		person = person || equalFold(w, "user") || equalFold(w, "customer")
		data = data || equalFold(w, "data") || equalFold(w, "identifiers") || equalFold(w, "identifier")
	}
	return person && data
}

// fileWordIn reports whether one of key's words names a file or its
// kind (an attachment, an image, an avatar): its digest is the file's.
func fileWordIn(key []byte) bool {
	for a, b := nextKeyWord(key, 0); a < len(key); a, b = nextKeyWord(key, b) {
		w := key[a:b]
		if equalFold(w, "file") || equalFold(w, "attachment") || equalFold(w, "image") || equalFold(w, "avatar") || equalFold(w, "photo") || equalFold(w, "document") {
			return true
		}
	}
	return false
}

// contactSchemaBefore reports whether the hex at t[s] is a row of data
// that a "schema" member earlier in the same object types as hashed
// e-mail addresses or phone numbers: Meta's custom audience upload,
// "schema":["EMAIL_SHA256","PHONE_SHA256"],"data":[["<hex>","<hex>"]].
func contactSchemaBefore(t []byte, s int) bool {
	if s < 2 || t[s-1] != '"' || t[s-2] != '[' && t[s-2] != ',' {
		return false // a row's cell: the cheap test first, most hex is a member's value
	}
	from := max(0, s-1024)
	i := bytes.LastIndex(t[from:s], []byte(`"schema":`))
	if i < 0 {
		return false
	}
	i += from
	if bytes.IndexByte(t[i:s], '}') >= 0 || bytes.IndexByte(t[i:s], '{') >= 0 {
		return false // another object's, or one nested
	}
	v := t[i+len(`"schema":`) : s]
	e := bytes.IndexByte(v, ']')
	if len(v) == 0 || v[0] != '[' || e < 0 {
		return false // the schema is a list of the rows' columns
	}
	rest := v[e+1:]
	if !bytes.HasPrefix(rest, []byte(`,"data":[`)) {
		return false // its rows follow it
	}
	var buf [64]byte
	low := appendLower(buf[:0], v[:min(e, 64)]) // (no copy on the heap: appendLower fills buf)
	return bytes.Contains(low, []byte("email")) || bytes.Contains(low, []byte("phone"))
}

// indexedKeyEnd returns where the key t[ks:ke] ends without an index glued
// after it ("device_id2", "hw_version_2"); ke when there is none, or when
// the digits belong to an algorithm's name (md5, sha256).
func indexedKeyEnd(t []byte, ks, ke int) int {
	k := ke
	for k > ks && isDigit(t[k-1]) {
		k--
	}
	if k == ke || ke-k > 2 || k-ks < 3 {
		return ke
	}
	if t[k-1] == '_' || t[k-1] == '-' {
		k--
	} else if algorithmKey(t[ks:ke]) {
		return ke
	}
	return k
}

// hashedObject reports whether the value at t[ks] is a member of an
// object that says, before it, that its value is hashed ("hashed":true): a
// person's identity as Open Badges writes one, not a file's digest.
func hashedObject(t []byte, ks int) bool {
	if !bytes.Contains(t[max(0, ks-256):ks], []byte(`"hashed":true`)) {
		return false // the cheap test first: nearly no object says so
	}
	open, ok := objectOpen(t, ks)
	return ok && bytes.Contains(t[open:ks], []byte(`"hashed":true`))
}

// pathValueStart returns where the relative path that holds the '/' at
// t[i] starts: back over its segments' bytes, to a key's separator or a
// quote. It returns i when the path is a URL's or absolute (no key holds
// it whole).
func pathValueStart(t []byte, i int) int {
	k := i
	for k > 0 && i-k < 256 && (isAlnum(t[k-1]) || t[k-1] == '/' || t[k-1] == '-' || t[k-1] == '_' || t[k-1] == '.') {
		k--
	}
	if k == 0 || t[k] == '/' || t[k-1] != '=' && t[k-1] != '"' && t[k-1] != ':' {
		return i
	}
	return k
}

// hashedContactKey reports whether key names a person's e-mail address or
// phone number hashed, its digest word first and the contact's words last:
// Google Ads' "hashed_email", "hashed_phone_number" (accountDigestKey
// reads the other order). A word naming a file between keeps the file's
// digest ("email_attachment_sha256" is an attachment's).
func hashedContactKey(key []byte) bool {
	hashed, contact := false, false
	for a, b := nextKeyWord(key, 0); a < len(key); a, b = nextKeyWord(key, b) {
		w := key[a:b]
		switch {
		case !hashed:
			if !equalFold(w, "hashed") && !digestWord(w) {
				return false // the digest word comes first
			}
			hashed = true
		case equalFold(w, "email") || equalFold(w, "phone"):
			contact = true
		case contact && (equalFold(w, "number") || equalFold(w, "address")):
		default:
			return false
		}
	}
	return hashed && contact
}

// withoutDigestWords returns key without the words at its end that only
// name a digest (digestWord): "iTunesStoreAccount" of
// "iTunesStoreAccountHash", "user" of "user_sha1"; nil when nothing is
// left or no word was dropped.
func withoutDigestWords(key []byte) []byte {
	end, cut := len(key), false
	for {
		ws, we, last := 0, 0, -1
		for a, b := nextKeyWord(key[:end], 0); a < end; a, b = nextKeyWord(key[:end], b) {
			ws, we, last = a, b, a
		}
		if last < 0 || ws == 0 || !digestWord(key[ws:we]) {
			break
		}
		end, cut = ws, true
		for end > 0 && !isAlnum(key[end-1]) {
			end-- // the separator before it: user_sha1
		}
	}
	if !cut || end == 0 {
		return nil
	}
	return key[:end]
}

// pairValueAt reports whether the word starting at t[w] is the value of a
// key=value pair, not a word of the next key: Vault's "plugin=vault-plugin-
// secrets-gitlab sha256=<hex>" names no secret.
func pairValueAt(t []byte, w int) bool {
	return w > 1 && t[w-1] == '=' && isKeyByte(t[w-2])
}

// versionGluedAfter reports whether the hex run ending at t[end] is glued
// by '/' before a version number of two numbers or more, then '/' or the
// text's end: a build's source commit, then its release (Envoy's
// "<hex>/1.29.2/Clean/RELEASE/BoringSSL").
func versionGluedAfter(t []byte, end int) bool {
	if end+4 > len(t) || t[end] != '/' {
		return false
	}
	i, dots := digitsAndDots(t, end+1, 23)
	return dots > 0 && isDigit(t[end+1]) && isDigit(t[i-1]) && (i == len(t) || t[i] == '/' || t[i] == ' ')
}

// digitsAndDots returns where the run of digits and dots starting at t[i]
// ends, reading at most max bytes, and how many dots it holds.
func digitsAndDots(t []byte, i, max int) (end, dots int) {
	end = i
	for end < len(t) && end-i < max && (isDigit(t[end]) || t[end] == '.') {
		if t[end] == '.' {
			dots++
		}
		end++
	}
	return end, dots
}

// etagKey reports whether the key t[ks:ke] is an ETag's, itself or as the
// name of a name/value pair (Apigee's debug session: {"name":"ETag",
// "value":"\"<hex>-12\""}).
func etagKey(t []byte, ks, ke int) bool {
	var buf [8]byte
	if ke-ks <= maxKeyLook && string(lastWord(buf[:0], t[ks:ke])) == "etag" {
		return true // an ECS-style path's last field too: "export.etag"
	}
	if !pairValueKey(t[ks:ke]) {
		return false
	}
	ns, ne, ok := pairName(t, ks)
	return ok && keyIs(t[ns:ne], "etag")
}

// templateExpression reports whether the hex run t[s:end] is inside a
// template's expression, between "{%" and "%}" or "{{" and "}}" on its
// line: a literal of code (a macro's signature), not a file's digest.
func templateExpression(t []byte, s, end int) bool {
	lo, hi := max(0, s-256), min(len(t), end+256)
	for _, d := range [...][2]string{{"{%", "%}"}, {"{{", "}}"}} {
		// The closing delimiter first: a forward search is the fast one,
		// and most text has none.
		c := bytes.Index(t[end:hi], []byte(d[1]))
		if c < 0 || bytes.IndexByte(t[end:end+c], '\n') >= 0 {
			continue
		}
		o := bytes.LastIndex(t[lo:s], []byte(d[0]))
		if o >= 0 && !bytes.Contains(t[lo+o:s], []byte(d[1])) && bytes.IndexByte(t[lo+o:s], '\n') < 0 {
			return true
		}
	}
	return false
}

// bracketedAlgorithmBefore returns where an algorithm's name in brackets
// and a space, standing between a key and the value at t[s], opens
// (RRAS's "configured SSTP cert hash (SHA256) <hex>", SQL Server's quoted
// value after a key glued to the brackets, "Cert Hash(sha1) \"<hex>\""):
// the key is the one before it.
func bracketedAlgorithmBefore(t []byte, s int) (int, bool) {
	if s > 1 && (t[s-1] == '"' || t[s-1] == '\'') {
		s-- // quoted: SQL Server's "[Cert Hash(sha1) \"<hex>\"]"
	}
	if s < 4 || t[s-1] != ' ' || t[s-2] != ')' {
		return 0, false
	}
	from := max(0, s-16)
	o := bytes.LastIndexByte(t[from:s-2], '(')
	if o < 0 {
		return 0, false
	}
	o += from
	if o > 1 && isAlpha(t[o-1]) && algorithmKey(t[o+1:s-2]) {
		return o, true // glued to its key: "Cert Hash(sha1)"
	}
	return o, o > 0 && t[o-1] == ' ' && algorithmKey(t[o+1:s-2])
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

// objectLabelExcluded reports whether one of the two words written right
// before the object opening at t[open], where no key stands, names
// something other than a file (hashKeyExcluded): a label that says what
// the object describes ("commit info { sha: … }").
func objectLabelExcluded(t []byte, open int) bool {
	var buf [maxKeyLook]byte
	e := endOfWordBefore(t, open)
	if e == open {
		return false // "{" glued to what is before: no label
	}
	for range 2 {
		w := wordBefore(buf[:0], t, e)
		if len(w) == 0 {
			return false
		}
		if hashKeyExcluded(w) {
			return true
		}
		e = endOfWordBefore(t, e-len(w))
	}
	return false
}

// fileMemberIn reports whether obj, a JSON object's text, has a member
// whose key names a file ("file", "fileName"): the digest beside it is
// that file's, whatever the words before the object say ("Inspection
// certificate generated {"file":"…pdf","sha256":"<hex>"}").
func fileMemberIn(obj []byte) bool {
	for i := 0; i < len(obj); {
		j := bytes.Index(obj[i:], []byte(`":`))
		if j < 0 {
			return false
		}
		e := i + j
		s := bytes.LastIndexByte(obj[max(i, e-maxKeyLook):e], '"')
		if s >= 0 && keyNamesFile(obj[max(i, e-maxKeyLook)+s+1:e]) {
			return true
		}
		i = e + 2
	}
	return false
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
	case "md5", "sha", "sha1", "sha256", "sha384", "sha512", "hash", // sha: GitHub's and git tools' name for any object's digest
		"digest": // of anything: DNSimple's DS record {"digest":…,"digest_type":"2"}
		return true
	}
	return false
}

// quotedPhraseWord returns the word before a quoted phrase that the hex
// run t[s:end] ends ("cert" for Linux's "Loaded X.509 cert 'Microsoft
// Corporation UEFI CA 2011: <hex>'"), or before "is" or "was" and the
// phrase: the word names what the phrase, hex and all, is. Empty when the run does not end a quoted phrase that
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
	w := wordBefore(buf[:0], t, k-2)
	if string(w) == "is" || string(w) == "was" {
		// a copula between: Tor's "identity key fingerprint is '<nickname> <hex>'"
		if e := endOfWordBefore(t, k-2-len(w)); e < k-2-len(w) {
			return wordBefore(buf[:0], t, e)
		}
	}
	return w
}

// copulaSubjectExcluded reports whether the hex run at t[s] follows "is"
// or "was" and a subject that names something other than a file digest
// (hashKeyExcluded): Gradle's "Build cache key for task ':app:compileJava'
// is <hex>". The subject's head is its last word before a preposition
// ("key" of "cache key for task …"), or before "is"; a head that only
// names a digest hands over to the word before it ("the certificate
// SHA-256 is <hex>"; "the SHA-256 of the file is <hex>" is a file's).
// The subject starts after punctuation, within eight words.
func copulaSubjectExcluded(t []byte, s int) bool {
	if s < 8 || t[s-1] != ' ' {
		return false
	}
	var buf [maxKeyLook]byte
	w := wordBefore(buf[:0], t, s-1)
	if string(w) != "is" && string(w) != "was" {
		return false
	}
	var words [8][2]int // the subject's words, last first
	n := 0
	e := s - 2 - len(w)
	for n < len(words) && e > 0 && t[e] == ' ' {
		b := e
		for b > 0 && t[b-1] != ' ' && e-b < 64 {
			b--
		}
		if b == e || strings.ContainsRune(".,;:!?)]>", rune(t[e-1])) && !(t[e-1] == ')' && bytes.IndexByte(t[b:e], '(') >= 0) {
			break // the subject starts after punctuation
		}
		if w := t[b:e]; keyIs(w, "whose") || keyIs(w, "which") || keyIs(w, "that") || len(w) > 4 && hasSuffix(w, "ed") {
			break // a relative clause's or a verb's: "… downloaded invoice.exe whose SHA256 is <hex>"
		}
		words[n] = [2]int{b, e}
		n++
		e = b - 1
	}
	head := -1
	for i := n - 1; i >= 0; i-- { // from the subject's first word
		w := t[words[i][0]:words[i][1]]
		if keyIs(w, "for") || keyIs(w, "of") || keyIs(w, "on") || keyIs(w, "in") || keyIs(w, "from") {
			break
		}
		head = i
	}
	if head < 0 {
		return false
	}
	h := t[words[head][0]:words[head][1]]
	if digestWord(h) && head+1 < n {
		h = t[words[head+1][0]:words[head+1][1]]
	}
	return len(h) <= maxKeyLook && hashKeyExcluded(h)
}

// cefExtensionStart returns where a CEF record's extension starts, after
// the seven '|' of its header ("CEF:0|Vendor|Product|Version|ID|Name|
// Severity|"), or 0 when the text holds no CEF header: a label in the
// header (a rule's name an attacker chose) is none.
func cefExtensionStart(t []byte) int {
	c := bytes.Index(t, []byte("CEF:"))
	if c < 0 {
		return 0
	}
	bars := 0
	for i := c + 4; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++ // an escaped '|' or '\\'
		case '|':
			if bars++; bars == 7 {
				return i + 1
			}
		}
	}
	return 0
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
	x := cefExtensionStart(t)
	at := bytes.Index(t[x:], label)
	if at < 0 {
		return 0, 0, false
	}
	at += x
	if at > 0 && (isWordByte(t[at-1]) || t[at-1] == '=' || t[at-1] == '?' || t[at-1] == '&' || t[at-1] == '/' || t[at-1] == ':') || bytes.Index(t[at+len(label):], label) >= 0 {
		// a key starts the label's pair, and it is the only one: a label
		// planted in a raw value ("request=/login?u=cs5Label=Event") or
		// given twice names nothing for sure
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
	ks, ke = unwrapValue(t, ks, ke) // DynamoDB's "image_digest":{"S":"sha256:…"}
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

// gitCommandArg reports whether the hex run at t[s] is an argument of a
// git command that names a commit (Composer's "git checkout '<hex>' -- &&
// git reset --hard '<hex>'"), in the same command: no ';', '|', '&' or
// line end between.
func gitCommandArg(t []byte, s int) bool {
	if s < 10 || t[s-1] != ' ' && t[s-1] != '\'' && t[s-1] != '"' {
		return false // an argument after a space, quoted or not
	}
	p := s - 1
	for p > 0 && (t[p] == '\'' || t[p] == '"' || t[p] == ' ') {
		p--
	}
	if w := alphaRunBefore(t, p+1, 12); w > 0 && t[w-1] != '-' && t[w-1] != ' ' {
		return false // the token before: a switch (--hard, -f) or the command's word (checkout)
	}
	from := max(0, s-96)
	g := bytes.LastIndex(t[from:s], []byte("git "))
	if g < 0 {
		return false
	}
	g += from
	if g > 0 && isWordByte(t[g-1]) || bytes.ContainsAny(t[g:s], ";|&\n") {
		return false
	}
	var buf [16]byte
	w, _ := wordAt(t, g+4)
	switch string(appendLower(buf[:0], w)) {
	case "checkout", "reset", "show", "revert", "cherry", "rebase", "merge", "log", "diff", "switch", "describe", "rev", "branch", "tag":
		return true // (cherry-pick, rev-parse: the word before '-')
	}
	return false
}

// versionTokenHex reports whether the hex run at t[s] ends the token that
// follows the word "version" and a space, glued by '-' or '.' (vcpkg's
// "program version 2024-03-14-<hex>"): the build's commit.
func versionTokenHex(t []byte, s int) bool {
	if s < 9 || t[s-1] != '-' && t[s-1] != '.' {
		return false
	}
	k := s - 1
	for k > 0 && s-k < 32 && (isAlnum(t[k-1]) || t[k-1] == '-' || t[k-1] == '.') {
		k--
	}
	if k < 8 || t[k-1] != ' ' {
		return false
	}
	var buf [8]byte
	return string(wordBefore(buf[:0], t, k-1)) == "version"
}

// bracketedBuildCommit reports whether the hex run at t[s] is in a
// bracketed value after a word and '/', the key a version word glued
// before the bracket: Elasticsearch's and OpenSearch's
// "build[tar/<hex>/<date>]", the build's commit.
func bracketedBuildCommit(t []byte, s int) bool {
	if s < 4 || t[s-1] != '/' {
		return false
	}
	b := s - 1
	for b > 0 && s-1-b < 16 && (isAlnum(t[b-1]) || t[b-1] == '-' || t[b-1] == '_') {
		b--
	}
	if b < 2 || t[b-1] != '[' || !isAlpha(t[b-2]) {
		return false
	}
	var buf [16]byte
	return versionWord(wordBefore(buf[:0], t, b-1))
}

// fieldMapKey reports whether the hex run t[s:end] is a whole JSON key
// in an object whose own key names fields ("custom_fields", "fields"):
// the id of a custom field, keying its value.
func fieldMapKey(t []byte, s, end int) bool {
	if s == 0 || t[s-1] != '"' || end+1 >= len(t) || t[end] != '"' || t[end+1] != ':' {
		return false
	}
	ks, ke, ok := enclosingObjectKey(t, s-1)
	return ok && pluralKeyEndsWith(t[ks:ke], "field")
}

// gluedImageDigest reports whether the hex run at t[s] is an image's
// digest written "sha256:<hex>" further into a quoted image reference,
// glued to its tag, under a key whose last word ends in "image" (KubeArmor's
// "ContainerImage":"registry/app:2.14.1sha256:<hex>").
func gluedImageDigest(t []byte, s int) bool {
	const prefix = "sha256:"
	p := s - len(prefix)
	if p < 1 || string(t[p:s]) != prefix || !isAlnum(t[p-1]) {
		return false
	}
	ks, ke, ok := valueKeyBefore(t, p, 256, '"', &imageRefStops)
	if !ok || ke-ks > 32 {
		return false
	}
	var buf [32]byte
	return hasSuffix(lastWord(buf[:0], t[ks:ke]), "image") // image, container_image, ContainerImage
}

// imageRefStops end the quoted image reference imageDigest reads back
// over: a registry's host, path and tag hold none of them.
var imageRefStops = byteSet(" \t\n'\\,;{}[]()<>|")

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
		if pairValueAt(t, k-1-len(w)) {
			return nil // the value of the pair before: "plugin=vault-plugin-secrets-gitlab sha256=<hex>"
		}
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

// notHashStems, found anywhere in a word of a key, name what is not a file
// digest: ids and secrets (trace, span, sess, nonce, salt, secret, passw,
// a message's MAC or signature: Mailgun's webhook, S3's X-Amz-Signature,
// Riskified's X-Riskified-Hmac-Sha256, Vault's "hmac-sha256:<hex>"),
// network and other fingerprints (ja3, ja4, hassh, imphash, pehash, ssdeep,
// tlsh, fingerprint, thumbprint), certificates (x509, cert, serial) and git
// commits and revisions.
var notHashStems = []string{
	"trace", "span", "sess", "nonce", "salt", "secret", "passw", "signature", "hmac",
	"ja3", "ja4", "hassh", "imphash", "pehash", "ssdeep", "tlsh", "fingerprint", "thumbprint",
	"x509", "cert", "serial", "commit",
	"revision",      // a version control system's revision: a git commit (Vitess's "Git revision <hex>")
	"cdhash",        // a macOS code signature's CodeDirectory hash, not the file's (Santa, AMFI, syspolicyd)
	"issuer", "tbs", // a certificate's issuer name or key hash (OCSP's Issuer Name Hash), its to-be-signed part's (CodeIntegrity's IssuerTBSHash)
	"signer",   // a signer's: a certificate, or a DNS zone's key (a DS record is a delegation signer)
	"affinity", // a load balancer's session affinity: Azure App Service's ARRAffinity cookie
	"policy",   // a policy document's digest, not a file's: Parameter Store's policy-content-sha1
	"topic",    // a message channel's name, hex when derived from a key: WalletConnect's pairing "topic"
}

// hashKeyExcluded reports whether a key names something other than a file
// digest: one of its words ends in "id", "key", "token" or "cookie" (or
// their plurals),
// contains one of notHashStems, or is "tls", "ssl", "uuid", "guid", "git",
// "rev" or "sig"; or two words in a row hold a stem between them, a
// compound split by its case or a separator (Objective-See's cdHash,
// impHash, thumb_print).
func hashKeyExcluded(key []byte) bool {
	var buf [2 * maxKeyLook]byte
	prev := 0 // where the previous word starts in buf
	for ws, we := nextKeyWord(key, 0); ws < len(key); ws, we = nextKeyWord(key, we) {
		if len(buf)-prev < we-ws {
			prev = 0 // (keys are short: maxKeyLook bytes)
		}
		pair := appendLower(buf[:prev], key[ws:we])
		if wordNotHash(pair[prev:]) {
			return true
		}
		if prev > 0 && string(pair[:prev]) == "ds" && (string(pair[prev:]) == "data" || string(pair[prev:]) == "record" || string(pair[prev:]) == "rdata") {
			return true // a DNS delegation signer's: EPP's <secDNS:dsData> (RFC 5910), ds_record
		}
		if prev > 0 && string(pair[:prev]) == "version" && algorithmKey(pair[prev:]) {
			return true // a version's digest is its build's commit: versionSha, version_sha
		}
		if prev > 0 {
			for _, stem := range notHashStems {
				if bytesContains(pair, stem) {
					return true
				}
			}
		}
		prev = copy(buf[:], pair[prev:])
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

func wordNotHash(w []byte) bool {
	switch string(w) {
	case "tls", "ssl", "uuid", "guid",
		"git",                            // a git object's id (AutoPkg's git_hash), not the file's digest
		"rev",                            // a revision, abbreviated: a commit (rev=<hex>)
		"sig",                            // a signature, abbreviated: Swift's temp_url_sig, a SAS token's sig
		"sign",                           // a signing identity or a request's signature: codesign's --sign <certificate SHA-1>, an API's sign=<md5>
		"head",                           // a git branch's head commit: GitHub's head_sha, Hugging Face's headSha
		"jti",                            // a JSON Web Token's id: Auth0's "credentials":{"jti":"<hex>"}
		"psk",                            // a pre-shared key: openssl s_client's "Resumption PSK: <hex>"
		"ssh", "rsa", "ecdsa", "ed25519": // a public key's digest: IOS's "key-hash ssh-rsa <hex> j.kim@ws042"
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

// xmlParentKey returns the name of the XML element that holds the element
// whose name starts at t[ks] (after its '<'), without its namespace
// prefix: the key of a digest's element names only an algorithm, and its
// parent says whose digest it is (<fingerprint><sha256>…, EPP's
// <secDNS:dsData>…<secDNS:digest>…).
func xmlParentKey(t []byte, ks int) (ps, pe int, ok bool) {
	lt, gt, ok := xmlParentTag(t, ks)
	if !ok {
		return 0, 0, false
	}
	tag := t[lt+1 : gt]
	ne := 0
	for ne < len(tag) && (isKeyByte(tag[ne]) || tag[ne] == ':') {
		ne++
	}
	ps, pe = lt+1, lt+1+ne
	if c := bytes.LastIndexByte(t[ps:pe], ':'); c >= 0 {
		ps += c + 1
	}
	return ps, pe, ps < pe
}

// xmlParentTag returns where the opening tag of the XML element that holds
// the element whose name starts at t[ks] begins ('<') and ends ('>'),
// passing over the sibling elements before it; ok is false outside an
// element or past 512 bytes.
func xmlParentTag(t []byte, ks int) (lt, gt int, ok bool) {
	if ks < 2 || t[ks-1] != '<' {
		return 0, 0, false
	}
	depth := 0
	for j := ks - 2; j >= 0 && ks-j < 512; j-- {
		if t[j] != '>' {
			continue
		}
		lt := bytes.LastIndexByte(t[max(0, j-2*maxKeyLook):j], '<')
		if lt < 0 {
			return 0, 0, false
		}
		lt += max(0, j-2*maxKeyLook)
		tag := t[lt+1 : j]
		switch {
		case len(tag) == 0 || tag[len(tag)-1] == '/' || tag[0] == '?' || tag[0] == '!':
			// self-closing, a declaration or a comment: no level
		case tag[0] == '/':
			depth++
		case depth > 0:
			depth--
		default:
			return lt, j, true
		}
		j = lt
	}
	return 0, 0, false
}

// xmlLocalName is the key t[ks:ke] without the namespace prefix it has
// when it is an XML element's name (EPP's secDNS:digest).
func xmlLocalName(t []byte, ks, ke int) []byte {
	if ks > 0 && t[ks-1] == '<' {
		if c := bytes.LastIndexByte(t[ks:ke], ':'); c >= 0 {
			return t[ks+c+1 : ke]
		}
	}
	return t[ks:ke]
}

// factsWrapperKey returns the key a value stands under when its own key,
// t[ks:ke], is the "value" member of a keyed object that wraps a field with
// facts about it (DomainTools Iris' "hash":{"value":"<hex>","count":1}
// gives "hash"); a name/value pair's value is read by its name instead
// ({"name":"resource_id","value":…}), and any other key is itself.
func factsWrapperKey(t []byte, ks, ke int) (int, int) {
	if !keyIs(t[ks:ke], "value") {
		return ks, ke
	}
	if _, _, named := pairName(t, ks); named {
		return ks, ke
	}
	if oks, oke, ok := keyedObjectKey(t, ks); ok {
		return oks, oke
	}
	return ks, ke
}

// pairListKey returns the key of an unquoted value that is a list of
// key=value pairs, when the value at t[s] is one of its pairs after the
// first (X-Bonterra-Signature=t=1710266992,v1=<hex> gives
// X-Bonterra-Signature): the pairs' keys only say which part of it the
// value is. The quoted form is quotedValueKey's.
func pairListKey(t []byte, s int) (ks, ke int, ok bool) {
	if s < 4 || t[s-1] != '=' {
		return 0, 0, false // (the cheap test first: a pair's value follows its '=')
	}
	pks, pke, sep := fieldKey(t, s)
	if !sep || pks < 2 || pke != s-1 || t[pke] != '=' || t[pks-1] != ',' {
		return 0, 0, false
	}
	ts := pks - 1
	for ts > 0 && pks-ts < maxTokenLook && t[ts-1] != ' ' && t[ts-1] != '\t' && t[ts-1] != '"' && t[ts-1] != '\'' && t[ts-1] != ';' && t[ts-1] != '&' && t[ts-1] != '(' && t[ts-1] != '[' && t[ts-1] != '{' {
		ts--
	}
	eq := bytes.IndexByte(t[ts:pks], '=')
	comma := bytes.IndexByte(t[ts:pks], ',')
	if eq <= 0 || comma < eq || bytes.IndexByte(t[ts+eq+1:ts+comma], '=') < 0 {
		return 0, 0, false // no outer key before the first pair's ("id=1,sha256=<hex>" is a list of fields)
	}
	return ts, ts + eq, true
}

// schemeTaggedKey returns the key of a value written "<scheme>,<hex>", the
// scheme a short word and digits (Snapdocs' and Svix's "sig=v1,<hex>"),
// when the hex at t[s] follows the comma; or "<scheme>=<hex>" glued after
// the key's own '=' (Samsara's "x_samsara_signature=v1=<hex>").
func schemeTaggedKey(t []byte, s int) (ks, ke int, ok bool) {
	if s < 4 || t[s-1] != ',' && t[s-1] != '=' {
		return 0, 0, false
	}
	v := s - 1
	for v > 0 && s-1-v < 8 && isAlnum(t[v-1]) {
		v--
	}
	if v == s-1 || v < 2 || t[v-1] != '=' && (t[s-1] == '=' || t[v-1] != ':' && t[v-1] != '"') || !isDigit(t[s-2]) {
		return 0, 0, false
	}
	if t[s-1] == '=' && (lower(t[v]) != 'v' || digitsFrom(t, v+1) != s-1) {
		return 0, 0, false // only a version's tag: "attachment_id=sha256=<hex>" names the digest's algorithm, a file's
	}
	ks, ke, sep := fieldKey(t, v)
	return ks, ke, sep && ks < ke
}

// algorithmOfLabel reports whether the key at t[ks] is the subject of a
// label "<algorithm> of <key>" ("md5 of setup.tar: <hex>"): the digest of
// what the key names, a file.
func algorithmOfLabel(t []byte, ks int) bool {
	if ks < 6 || string(t[ks-4:ks]) != " of " {
		return false
	}
	var buf [16]byte
	return algorithmKey(wordBefore(buf[:0], t, ks-4))
}
