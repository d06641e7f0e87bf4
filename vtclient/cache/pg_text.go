package cache

import (
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// hexPrefix marks an observable stored as hex: one that PostgreSQL text
// cannot hold. No valid observable of any type begins with a backslash.
const hexPrefix = `\x`

// pgText is an observable as a PostgreSQL text value: itself, unless it is
// not UTF-8 or holds a NUL (a URL cut from a Latin-1 log can be either),
// which text refuses; those are stored as \x and their hex, and so is
// anything that already begins with \x, so that the mapping is one to one.
func pgText(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) && !strings.HasPrefix(s, hexPrefix) {
		return s
	}
	return hexPrefix + hex.EncodeToString([]byte(s))
}

// fromPGText undoes pgText.
func fromPGText(s string) string {
	if rest, ok := strings.CutPrefix(s, hexPrefix); ok {
		if b, err := hex.DecodeString(rest); err == nil {
			return string(b)
		}
	}
	return s
}

// pgKeys splits keys into the two text arrays the statements unnest.
func pgKeys(keys []Key) (types, observables []string) {
	types, observables = make([]string, len(keys)), make([]string, len(keys))
	for i, k := range keys {
		types[i], observables[i] = k.Type.String(), pgText(k.Observable)
	}
	return types, observables
}
