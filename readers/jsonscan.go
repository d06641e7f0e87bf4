package readers

import (
	"unicode/utf16"
	"unicode/utf8"
)

// A hand-written JSON scanner: it validates a value and finds its extent
// without building anything, so a JSONL row costs its column appends and
// nothing else. Inputs are whole lines already checked to be valid UTF-8.

// maxJSONDepth bounds nesting; deeper input is rejected rather than risking
// a runaway stack of containers.
const maxJSONDepth = 1000

// jsonErr is a syntax error at byte at of the line.
type jsonErr struct {
	at    int
	msg   string
	fatal bool // the stream cannot go on (too many columns), whatever the bad-row policy
}

// isJSONSpace reports whether c is JSON white space.
func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipSpace returns the index of the first non-space byte at or after i.
func skipSpace(b []byte, i int) int {
	for i < len(b) && isJSONSpace(b[i]) {
		i++
	}
	return i
}

// scanString scans the string starting with the quote at b[i]. It returns
// the index just past the closing quote and whether escapes occur.
func scanString(b []byte, i int) (end int, escaped bool, err *jsonErr) {
	start := i
	i++
	for i < len(b) {
		for i < len(b) && !stringSpecial[b[i]] {
			i++
		}
		if i >= len(b) {
			break
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, escaped, nil
		case c == '\\':
			escaped = true
			if i+1 >= len(b) {
				return 0, false, &jsonErr{at: i, msg: "unterminated string"}
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) || !isHex4(b[i+2:i+6]) {
					return 0, false, &jsonErr{at: i, msg: `invalid \u escape`}
				}
				i += 6
			default:
				return 0, false, &jsonErr{at: i, msg: "invalid escape in string"}
			}
		default:
			return 0, false, &jsonErr{at: i, msg: "control character in string"}
		}
	}
	return 0, false, &jsonErr{at: start, msg: "unterminated string"}
}

// stringSpecial marks the bytes that end a run of plain string content: the
// quote, the backslash and control characters.
var stringSpecial = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// isHex4 reports whether b is four hex digits.
func isHex4(b []byte) bool {
	for _, c := range b {
		if hexVal(c) < 0 {
			return false
		}
	}
	return true
}

// hexVal is the value of hex digit c, or -1.
func hexVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// scanNumber scans a JSON number starting at b[i] (of a line, or of a value
// InferTypes looks at):
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func scanNumber[T string | []byte](b T, i int) (int, *jsonErr) {
	start := i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = skipDigits(b, i)
	default:
		return 0, &jsonErr{at: start, msg: "invalid number"}
	}
	if i < len(b) && b[i] == '.' {
		j := skipDigits(b, i+1)
		if j == i+1 {
			return 0, &jsonErr{at: start, msg: "invalid number"}
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := skipDigits(b, i)
		if j == i {
			return 0, &jsonErr{at: start, msg: "invalid number"}
		}
		i = j
	}
	return i, nil
}

// skipDigits returns the index of the first non-digit at or after i.
func skipDigits[T string | []byte](b T, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// scanLiteral scans true, false or null at b[i].
func scanLiteral(b []byte, i int) (int, *jsonErr) {
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit {
			return i + len(lit), nil
		}
	}
	return 0, &jsonErr{at: i, msg: "invalid literal"}
}

// scanValue validates the JSON value starting at b[i] (after any space) and
// returns the index just past it. Containers are walked with an explicit
// stack, bounded by maxJSONDepth.
func scanValue(b []byte, i int) (int, *jsonErr) {
	var stackBuf [32]byte
	stack := stackBuf[:0] // '{' or '[' per open container
	for {
		// A value is expected at i.
		i = skipSpace(b, i)
		if i >= len(b) {
			return 0, &jsonErr{at: i, msg: "unexpected end of line: value expected"}
		}
		var err *jsonErr
		switch c := b[i]; {
		case c == '{' || c == '[':
			if len(stack) >= maxJSONDepth {
				return 0, &jsonErr{at: i, msg: "nesting too deep"}
			}
			end := byte('}')
			if c == '[' {
				end = ']'
			}
			i = skipSpace(b, i+1)
			if i < len(b) && b[i] == end {
				i++
				break
			}
			stack = append(stack, c)
			if c == '{' {
				if i, err = scanKey(b, i); err != nil {
					return 0, err
				}
			}
			continue
		case c == '"':
			i, _, err = scanString(b, i)
		case c == 't' || c == 'f' || c == 'n':
			i, err = scanLiteral(b, i)
		default:
			i, err = scanNumber(b, i)
		}
		if err != nil {
			return 0, err
		}
		// A value ended at i: close containers until one wants more.
		for {
			if len(stack) == 0 {
				return i, nil
			}
			i = skipSpace(b, i)
			if i >= len(b) {
				return 0, &jsonErr{at: i, msg: "unexpected end of line: container not closed"}
			}
			top := stack[len(stack)-1]
			if b[i] == ',' {
				i++
				if top == '{' {
					if i, err = scanKey(b, i); err != nil {
						return 0, err
					}
				}
				break
			}
			if (top == '{' && b[i] == '}') || (top == '[' && b[i] == ']') {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			if top == '{' {
				return 0, &jsonErr{at: i, msg: "expected ',' or '}'"}
			}
			return 0, &jsonErr{at: i, msg: "expected ',' or ']'"}
		}
	}
}

// scanKey scans `"key" :` starting at b[i] (after any space) and returns
// the index after the colon.
func scanKey(b []byte, i int) (int, *jsonErr) {
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != '"' {
		return 0, &jsonErr{at: i, msg: "object key expected"}
	}
	i, _, err := scanString(b, i)
	if err != nil {
		return 0, err
	}
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != ':' {
		return 0, &jsonErr{at: i, msg: "expected ':' after object key"}
	}
	return i + 1, nil
}

// appendUnescaped appends the JSON string body s (without its quotes,
// already validated by scanString) to dst, decoding escapes. Lone
// surrogates become U+FFFD, as Go's encoding/json does.
func appendUnescaped(dst, s []byte) []byte {
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\\' {
			i++
		}
		dst = append(dst, s[:i]...)
		if i == len(s) {
			break
		}
		s = s[i:]
		switch s[1] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := rune(hex4(s[2:6]))
			s = s[6:]
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
					r2 = rune(hex4(s[2:6]))
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					r = dec
					s = s[6:]
				} else {
					r = utf8.RuneError
				}
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default: // '"', '\\', '/'
			dst = append(dst, s[1])
		}
		s = s[2:]
	}
	return dst
}

// hex4 is the value of four validated hex digits.
func hex4(b []byte) int {
	return hexVal(b[0])<<12 | hexVal(b[1])<<8 | hexVal(b[2])<<4 | hexVal(b[3])
}
