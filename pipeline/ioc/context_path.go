package ioc

import (
	"bytes"
	"strings"
)

// The context rules for paths: names that are files in Windows, Unix and
// macOS paths, ARNs and UNC hosts (N3).

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
	s := arnTokenStart(t, k)
	return k-s >= 4 && equalFold(t[s:s+4], "arn:")
}

// arnTokenStart returns where the token holding t[k] starts, as an ARN
// is delimited in text: after a blank, a quote, '=' or a separator.
func arnTokenStart(t []byte, k int) int {
	s := k
	for s > 0 && k-s < 256 && strings.IndexByte(" \t\r\n\"'=,;|([<{", t[s-1]) < 0 {
		s--
	}
	return s
}

// mupHost reports whether t[start] begins the host of a UNC path in the
// kernel's form, \Device\Mup\host\share (Prefetch files, ETW), or
// JSON's \\Device\\Mup\\host, or after an NT or Win32 prefix's UNC
// (\??\UNC\host, \\?\UNC\host): a host, not a folder.
func mupHost(t []byte, start int) bool {
	j := start
	for j > 0 && start-j < 2 && t[j-1] == '\\' {
		j--
	}
	n := start - j
	if n == 0 || j < 3 {
		return false
	}
	mup := equalFold(t[j-3:j], "mup")
	if !mup && !equalFold(t[j-3:j], "unc") {
		return false
	}
	k := j - 3
	for k > 0 && j-3-k < n && t[k-1] == '\\' {
		k--
	}
	if j-3-k != n {
		return false
	}
	if mup {
		return k >= 6 && equalFold(t[k-6:k], "device")
	}
	return ntUNCPrefix(t, k)
}

// ntUNCPrefix reports whether t[:k], which ends before the separator
// before "UNC", ends with the NT or Win32 prefix standing for "\\": "\??"
// (the Print Spooler's "\??\UNC\45.9.148.108\share\x.dll") or the
// extended-length "\\?".
func ntUNCPrefix(t []byte, k int) bool {
	q := k
	for q > 0 && k-q < 2 && t[q-1] == '?' {
		q--
	}
	return q < k && q > 0 && t[q-1] == '\\'
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

// inPath reports whether the name starting at t[start] is a component of
// a file path rather than a host: after a Windows path separator
// (windowsPathAt), glued inside a file's name (after '~' in a word: a
// servicing package's ...~amd64~~10.0.19041.3393.cat), or after a '/'
// that follows a path or a host, or starts
// an absolute path ("/usr/share/doc/README.md", "GET /download/setup.app",
// "cdn.example/files/update.app"). A "//" before the name makes it a host
// (a protocol-relative URL), and so does a plain word before the slash
// (Squid's "HIER_DIRECT/evil.com"). A hidden file's name, after "/.", is
// read as its component.
func inPath(t []byte, start int) bool {
	if start >= 2 && t[start-1] == '.' && t[start-2] == '/' {
		return inPath(t, start-1) // a hidden file's name: /app/.pypowerwall.site
	}
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
		if start >= 3 && t[start-1] == ':' && isDigit(t[start-2]) {
			cs := start - 1 // a file named for its time, the name glued after the time's ':' (dspsr's /data/psr/…/2024-03-12-21:14:05.ar)
			for cs > 0 && start-cs < 128 && (isAlnum(t[cs-1]) || t[cs-1] == '-' || t[cs-1] == '_' || t[cs-1] == '.' || t[cs-1] == ':' || t[cs-1] == '+') {
				cs--
			}
			if cs > 0 && t[cs-1] == '/' && inPath(t, cs) {
				return true
			}
		}
	}
	if start == 0 || t[start-1] != '/' || start >= 2 && t[start-2] == '/' {
		return false
	}
	if start >= 4 && t[start-2] == '\\' && t[start-3] == '/' && t[start-4] == '\\' {
		return false // "\/\/host", JSON's escaped "//": a protocol-relative URL's host
	}
	if multiaddrHost(t, start) {
		return false // a multiaddr's host: libp2p's /dns4/ipfs-node.evil.net/tcp/4001
	}
	for k := start - 2; k >= 0 && start-k < 256; k-- {
		switch t[k] {
		case '/', '.', '\\':
			return true
		case '~':
			if k == start-2 && (k == 0 || !isWordByte(t[k-1])) {
				return true // a home folder's: ~/.config.site, ~/notes.site
			}
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
			// the slash starts the token: an absolute path; or the value's
			// key names a path (Pydio's "NodePath":"personal/j.kim/…",
			// SFTPGo's "fs_path")
			return k == start-2 || (t[k] == '"' || t[k] == '=') && pathKeyBefore(t, k+1)
		}
	}
	return start == 1
}

// sourceExtTLDs are source files' extensions that are TLDs too, left off
// fileExtTLDs because hosts under them are common (evil.cc): a name under
// one is a file only where a path says so (relativeSourceFile).
var sourceExtTLDs = map[string]bool{"cc": true, "mk": true}

// relativeSourceFile reports whether the name t[start:end] is a source
// file in a relative path (Buck2's "cxx_compile src/ledger.cc",
// "build/rules.mk"), its last label an extension of sourceExtTLDs: after
// two folders or more, or one a source tree names (src, lib, build…). A
// word before a single slash may name the host's role (Squid's
// "DIRECT/evil.cc", "tcp/evil.cc").
func relativeSourceFile(t []byte, start, end int) bool {
	if start < 2 || t[start-1] != '/' {
		return false
	}
	d := end
	for d > start && t[d-1] != '.' {
		d--
	}
	if d == start || end-d > 2 || !sourceExtTLDs[string(t[d:end])] {
		return false
	}
	k := start - 1
	for k > 0 && start-1-k < 128 && (isAlnum(t[k-1]) || t[k-1] == '-' || t[k-1] == '_' || t[k-1] == '.' || t[k-1] == '/') {
		k--
	}
	if k > 0 && (t[k-1] == ':' || t[k-1] == '@') || t[k] == '/' {
		return false // a URL's or an account's, or an absolute path (inPath's)
	}
	dirs := t[k : start-1]
	if bytes.IndexByte(dirs, '/') >= 0 {
		return true // two folders or more: services/ledger/src/x.cc
	}
	switch string(dirs) { // one folder, a source tree's ("direct/evil.cc", "tcp/evil.cc" name hosts)
	case "src", "lib", "include", "build", "test", "tests", "pkg", "cmd", "internal", "third_party", "source", "sources", "base", "common", "util", "utils":
		return true
	}
	return false
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
	goesOn := end < len(t) && slashAt(t, end)
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

// multiaddrHost reports whether the name at t[start] follows a multiaddr's
// name protocol, "/dns/", "/dns4/", "/dns6/" or "/dnsaddr/" (libp2p, IPFS):
// the component is a host, not a file.
func multiaddrHost(t []byte, start int) bool {
	for _, p := range [...]string{"/dns/", "/dns4/", "/dns6/", "/dnsaddr/"} {
		if start >= len(p) && string(t[start-len(p):start]) == p {
			return true
		}
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
			return slashAt(t, p) || relative || hostPathAt(t, p) // the token is an absolute path, or a host's
		case '\t', '"', '\'', '=', ',', ';', '(', '[', '<', '>', '|', '{', ':':
			return slashAt(t, p) || relative || hostPathAt(t, p) // the token is an absolute path, or a host's
		}
	}
	return p == 0 && (slashAt(t, 0) || relative || hostPathAt(t, 0))
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
	// A component may hold several words, each capitalised (Exchange's
	// "…/Microsoft Exchange Hosted Organizations/…"): back to its '/'.
	for n := 0; n < 6 && c > 1 && t[c-1] == ' ' && isUpper(t[c]) && isAlnum(t[c-2]); n++ {
		w := c - 1
		for w > 0 && k-w < 96 && isAlnum(t[w-1]) {
			w--
		}
		if w == c-1 || !isUpper(t[w]) {
			return 0, false
		}
		c = w
	}
	inPath := c > 1 && isAlnum(t[c-2]) && k-c >= 2 // the slash ends a component: no switch; a word, not a letter
	return c, c < k && c > 0 && t[c-1] == '/' && isUpper(t[c]) && (lowerSeen || inPath)
}

// hostPathAt reports whether the token at t[p] is a dotted host and then
// '/': a host and its path, as Exchange's ObjectId writes a directory path
// (EURPR04A005.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/…).
func hostPathAt(t []byte, p int) bool {
	j, dot := p, false
	for j < len(t) && j-p < 256 && (isAlnum(t[j]) || t[j] == '-' || t[j] == '.') {
		dot = dot || t[j] == '.'
		j++
	}
	return dot && j < len(t) && t[j] == '/'
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

// folderPathStart reports whether the name t[start:end] is the first
// component of a path that a word before it names a folder or a
// directory (MailStore's "in folder 'j.kim/Inbox/Vendors'", "directory
// backups.old/2024"): a folder's name, not a host before its path (U7).
func folderPathStart(t []byte, start, end int) bool {
	if end >= len(t) || t[end] != '/' || start < 3 {
		return false
	}
	k := start
	if t[k-1] == '\'' || t[k-1] == '"' {
		k--
	}
	if t[k-1] != ' ' {
		return false
	}
	var buf [16]byte
	switch string(wordBefore(buf[:0], t, k-1)) {
	case "folder", "folders", "directory", "dir", "subfolder", "subdirectory", "mailbox":
		return true
	}
	return false
}

// pathKeyBefore reports whether the key of the value starting at t[v]
// names a path (path, NodePath, fs_path, file_path).
func pathKeyBefore(t []byte, v int) bool {
	ks, ke, sep := fieldKey(t, v)
	return sep && keyEndsWith(t[ks:ke], "path")
}
