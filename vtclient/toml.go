package vtclient

import (
	"fmt"
	"strconv"
	"strings"
)

// tomlTopString reads the string value of key in the top-level table of a
// TOML document: the one setting vtenrich takes from vt-cli's
// configuration (apikey = "..."). Keys match without regard to case, as
// vt-cli (through viper) reads them. Only the forms a key takes are read
// (basic and literal one-line strings, comments, blank lines, other
// keys); a line it cannot read is an error naming it, and is never quoted,
// since it may hold the key. Keys under a [table] header are not top-level
// and are ignored.
func tomlTopString(doc, key string) (string, error) {
	for n, line := range strings.Split(doc, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			return "", nil // the top-level table has ended
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			return "", fmt.Errorf("line %d: not a key = value line", n+1)
		}
		if !strings.EqualFold(strings.Trim(strings.TrimSpace(name), `"'`), key) {
			continue
		}
		s, err := tomlString(strings.TrimSpace(value))
		if err != nil {
			return "", fmt.Errorf("line %d: the value of %s: %w", n+1, key, err)
		}
		return s, nil
	}
	return "", nil
}

// tomlString reads a one-line TOML string and what may follow it: spaces
// and a comment.
func tomlString(v string) (string, error) {
	if v == "" {
		return "", fmt.Errorf("no value")
	}
	var s, rest string
	switch v[0] {
	case '\'': // a literal string: no escapes
		end := strings.IndexByte(v[1:], '\'')
		if end < 0 {
			return "", fmt.Errorf("an unterminated string")
		}
		s, rest = v[1:1+end], v[2+end:]
	case '"':
		end := 1
		for ; end < len(v) && v[end] != '"'; end++ {
			if v[end] == '\\' {
				end++
			}
		}
		if end >= len(v) {
			return "", fmt.Errorf("an unterminated string")
		}
		var err error
		if s, err = strconv.Unquote(v[:end+1]); err != nil {
			return "", fmt.Errorf("a string with a bad escape")
		}
		rest = v[end+1:]
	default:
		return "", fmt.Errorf("not a string")
	}
	if rest = strings.TrimSpace(rest); rest != "" && rest[0] != '#' {
		return "", fmt.Errorf("text after the string")
	}
	return s, nil
}
