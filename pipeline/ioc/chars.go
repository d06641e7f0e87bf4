package ioc

import "unsafe"

// Byte classes, looked up by table so that the scanners' inner loops are one
// load and one branch per byte.
const (
	cDigit    = 1 << iota // 0-9
	cHex                  // 0-9 a-f A-F
	cAlpha                // a-z A-Z
	cLabel                // what a host label is made of: alnum, '-', '_'
	cURL                  // may appear in a URL path, query or fragment
	cAnchor               // starts a look by the main loop: . : ] } ) D
	cOpen                 // opens a defanged token: [ ( {
	cClose                // closes one: ] ) }
	cDefang               // may start another defanged dot: \ (of "\."), ' ' (of " DOT ")
	cURLPlain             // in a URL, and no rule looks at it: cURL but ' , ; ? % [ ] &
)

var class = func() (t [256]uint16) {
	for c := '0'; c <= '9'; c++ {
		t[c] |= cDigit | cHex | cLabel
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= cAlpha | cLabel
		t[c-'a'+'A'] |= cAlpha | cLabel
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] |= cHex
		t[c-'a'+'A'] |= cHex
	}
	t['-'] |= cLabel
	t['_'] |= cLabel
	for c := 0x21; c < 0x7f; c++ {
		t[c] |= cURL | cURLPlain
	}
	for _, c := range []byte("',;?%[]&") {
		t[c] &^= cURLPlain
	}
	// Characters that end a URL in running text: quotes and angle brackets
	// (HTML, e-mail), backslash (escapes and Windows paths), and the
	// characters RFC 3986 leaves out of URLs.
	for _, c := range []byte("\"<>\\^`{|}") {
		t[c] &^= cURL | cURLPlain
	}
	for _, c := range []byte(".:]})D") {
		t[c] |= cAnchor
	}
	for _, c := range []byte("[({") {
		t[c] |= cOpen
	}
	for _, c := range []byte("])}") {
		t[c] |= cClose
	}
	t['\\'] |= cDefang
	t[' '] |= cDefang
	return t
}()

func isDigit(c byte) bool { return class[c]&cDigit != 0 }
func isHex(c byte) bool   { return class[c]&cHex != 0 }
func isAlpha(c byte) bool { return class[c]&cAlpha != 0 }
func isAlnum(c byte) bool { return class[c]&(cAlpha|cDigit) != 0 }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// appendLower appends b lower-cased (ASCII only; other bytes as they are).
func appendLower(dst, b []byte) []byte {
	for _, c := range b {
		dst = append(dst, lower(c))
	}
	return dst
}

// str views b as a string without copying, for calls into functions that
// take strings (netip, publicsuffix) but keep no reference to them. Every
// caller passes a string that does not escape the call.
func str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// isTokenByte reports whether c can be part of a whitespace-separated
// token: anything above the space.
func isTokenByte(c byte) bool { return c > ' ' }
