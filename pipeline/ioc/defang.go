package ioc

import "strings"

// Defanged indicators are written so that nobody clicks or resolves them by
// accident: evil[.]com, 1.2.3[.]4, evil DOT com, evil\.com (as regular
// expressions escape it), hxxp://..., h**ps://..., http[:]//...,
// http[://]..., evil[.]com[/]path, user[at]evil[.]com. The scanners read them as the real
// thing (refanged) so that one indicator is one lookup, however it is
// written.

// closer is the bracket that closes b.
func closer(b byte) byte {
	switch b {
	case '[':
		return ']'
	case '(':
		return ')'
	case '{':
		return '}'
	}
	return 0
}

func opener(b byte) byte {
	switch b {
	case ']':
		return '['
	case ')':
		return '('
	case '}':
		return '{'
	}
	return 0
}

// isDot reports whether t[i:i+3] is "dot" in any case.
func isDot(t []byte, i int) bool {
	return i+3 <= len(t) && lower(t[i]) == 'd' && lower(t[i+1]) == 'o' && lower(t[i+2]) == 't'
}

// dotAt is the length of the dot separator starting at t[i]: 1 for ".", 2
// for a regex-escaped "\." (not before a capital: "\.NET Framework" is a
// Windows folder), 3 for "[.]", "(.)", "{.}" and JSON's "\\." after
// a label, 5 for "[dot]",
// "(dot)" and "{dot}" (any case) and " DOT " (spaced, upper case only:
// "the dot com bubble" is prose), 0 if there is none.
func dotAt(t []byte, i int) int {
	if i < len(t) {
		switch c := t[i]; {
		case c == '.':
			return 1
		case class[c]&cOpen != 0, c == '\\', c == ' ' && i+1 < len(t) && t[i+1] == 'D':
			return defangedDotAt(t, i)
		}
	}
	return 0
}

// defangedDotAt is dotAt for the defanged forms (kept apart so that dotAt
// inlines).
func defangedDotAt(t []byte, i int) int {
	switch t[i] {
	case '\\':
		if i+1 < len(t) && t[i+1] == '.' && (i+2 >= len(t) || !isUpper(t[i+2])) {
			return 2 // not "\.NET Framework", a Windows folder
		}
		if i+2 < len(t) && t[i+1] == '\\' && t[i+2] == '.' && i > 0 && class[t[i-1]]&cLabel != 0 && (i+3 >= len(t) || !isUpper(t[i+3])) {
			return 3 // "\\." in JSON text, a regex-escaped dot in a STIX pattern
		}
		return 0
	case ' ':
		if i+4 < len(t) && string(t[i+1:i+5]) == "DOT " {
			return 5
		}
		return 0
	}
	cl := closer(t[i])
	if i+2 < len(t) && t[i+1] == '.' && t[i+2] == cl {
		return 3
	}
	if i+4 < len(t) && t[i+4] == cl && isDot(t, i+1) {
		return 5
	}
	return 0
}

// dotBefore is the length of the dot separator that ends just before t[i],
// 0 if there is none.
func dotBefore(t []byte, i int) int {
	if 0 < i && i <= len(t) {
		switch c := t[i-1]; {
		case c == '.':
			// A '.' may be the middle of "[.]" only when followed by the
			// closer, which is t[i] here: the caller asks about the
			// separator ending at i, so this '.' stands alone; but it may
			// be escaped.
			if i >= 2 && t[i-2] == '\\' && (i >= len(t) || !isUpper(t[i])) {
				if i >= 4 && t[i-3] == '\\' && class[t[i-4]]&cLabel != 0 {
					return 3 // JSON's "\\."
				}
				return 2
			}
			return 1
		case class[c]&cClose != 0, c == ' ' && i >= 5 && t[i-2] == 'T':
			return defangedDotBefore(t, i)
		}
	}
	return 0
}

// defangedDotBefore is dotBefore for the bracketed and spaced forms.
func defangedDotBefore(t []byte, i int) int {
	if t[i-1] == ' ' {
		if i >= 5 && string(t[i-5:i-1]) == " DOT" {
			return 5
		}
		return 0
	}
	op := opener(t[i-1])
	if op == 0 {
		return 0
	}
	if i >= 3 && t[i-2] == '.' && t[i-3] == op {
		return 3
	}
	if i >= 5 && t[i-5] == op && isDot(t, i-4) {
		return 5
	}
	return 0
}

// defangAt recognises any defanged token at t[i] and returns its length and
// what it stands for: the dot forms, "[/]" for '/', "[:]" for ':', "[://]"
// for "://", and "[at]", "[@]", "(at)" for '@'.
func defangAt(t []byte, i int) (n int, real string) {
	if n := dotAt(t, i); n > 1 {
		return n, "."
	}
	c := t[i]
	cl := closer(c)
	if cl == 0 {
		return 0, ""
	}
	rest := t[i+1:]
	switch {
	case len(rest) >= 2 && rest[1] == cl && (rest[0] == '/' || rest[0] == ':' || rest[0] == '@'):
		return 3, string(rest[0])
	case len(rest) >= 4 && rest[3] == cl && rest[0] == ':' && rest[1] == '/' && rest[2] == '/':
		return 5, "://"
	case len(rest) >= 3 && rest[2] == cl && lower(rest[0]) == 'a' && lower(rest[1]) == 't':
		return 4, "@"
	}
	return 0, ""
}

// appendRefanged appends b with every defanged token replaced by what it
// stands for, until none is left: "((.))" becomes "(.)" and then ".", so
// that the result is a fixed point (refanging it again changes nothing).
// Other bytes are copied as they are.
func appendRefanged(dst, b []byte) []byte {
	i := 0
	for i < len(b) && class[b[i]]&cOpen == 0 {
		i++
	}
	dst = append(dst, b...)
	if i == len(b) {
		return dst
	}
	base := len(dst) - len(b)
	for {
		out, changed := refangInPlace(dst[base:])
		dst = dst[:base+len(out)]
		if !changed {
			return dst
		}
	}
}

// refangInPlace replaces the defanged tokens of b in b itself (the real
// forms are never longer) and reports whether it replaced any.
func refangInPlace(b []byte) ([]byte, bool) {
	w, changed := 0, false
	for r := 0; r < len(b); {
		if class[b[r]]&cOpen != 0 {
			if n, real := defangAt(b, r); n > 0 {
				w += copy(b[w:], real)
				r += n
				changed = true
				continue
			}
		}
		b[w] = b[r]
		w++
		r++
	}
	return b[:w], changed
}

// Refang returns s with every defanged token (dots, " DOT ", "\.", "\\.", "[:]",
// "[/]", "[://]", "[at]") replaced by what it stands for and the defanged
// schemes hxxp, hxxps, h**p, h**ps, fxp and fxps (any case) before "://"
// made http, https, ftp, ftps.
// The scanners do this on the fly; Refang is for showing users the text an
// indicator was read from, and for tests.
func Refang(s string) string {
	s = strings.NewReplacer(" DOT ", ".", `\\.`, ".", `\.`, ".").Replace(s)
	b := appendRefanged(nil, []byte(s))
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if i == 0 || !isAlpha(b[i-1]) {
			if real, n := refangScheme(b[i:]); n > 0 {
				out = append(out, real...)
				i += n
				continue
			}
		}
		out = append(out, b[i])
		i++
	}
	return string(out)
}

// refangScheme recognises a defanged scheme name at the start of b,
// followed by "://", and returns the real name and the defanged length.
func refangScheme(b []byte) (string, int) {
	for _, f := range [...]struct{ fang, real string }{
		{"hxxps", "https"}, {"hxxp", "http"}, {"h**ps", "https"}, {"h**p", "http"}, {"fxps", "ftps"}, {"fxp", "ftp"},
	} {
		n := len(f.fang)
		if len(b) >= n+3 && string(b[n:n+3]) == "://" && equalFold(b[:n], f.fang) {
			return f.real, n
		}
	}
	return "", 0
}

// equalFold compares ASCII b with lower-case s ignoring case.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		if lower(b[i]) != s[i] {
			return false
		}
	}
	return true
}
