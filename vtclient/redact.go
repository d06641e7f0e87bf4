package vtclient

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// redacted replaces the API key wherever a message would hold it.
const redacted = "[REDACTED]"

// MinKeyLength is the shortest key worth redacting, and so the shortest
// key vtenrich accepts (LoadAPIKey): replacing a one- or two-letter key
// everywhere would garble every message ("c[REDACTED]nnot re[REDACTED]ch")
// while protecting nothing, and a key that cannot be redacted must not be
// used. Real keys have 64 hex characters.
const MinKeyLength = 6

// minRedact is MinKeyLength under the name the client's code uses.
const minRedact = MinKeyLength

// redactor replaces the key in every form a message or an answer may
// spell it: as it is, escaped for a URL path or query, escaped inside a
// JSON string (with and without HTML escaping) and inside a Go-quoted
// string. A key too short to redact gives a replacer that replaces nothing.
func redactor(key string) *strings.Replacer {
	if len(key) < minRedact {
		return strings.NewReplacer()
	}
	var pairs []string
	seen := map[string]bool{}
	for _, form := range keyForms(key) {
		if !seen[form] {
			seen[form] = true
			pairs = append(pairs, form, redacted)
		}
	}
	return strings.NewReplacer(pairs...)
}

// keyForms lists the spellings of key that redactor replaces.
func keyForms(key string) []string {
	forms := []string{key, url.PathEscape(key), url.QueryEscape(key), unquote(strconv.Quote(key))}
	var plain, html bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	if enc.Encode(key) == nil {
		forms = append(forms, unquote(strings.TrimSpace(plain.String())))
	}
	if b, err := json.Marshal(key); err == nil {
		html.Write(b)
		forms = append(forms, unquote(html.String()))
	}
	return forms
}

// unquote drops the quotes around a quoted string.
func unquote(s string) string {
	if len(s) >= 2 {
		return s[1 : len(s)-1]
	}
	return s
}

// redactJSON removes the key from the JSON text of an answer before
// anything is taken from it, so that no column derived from the answer,
// nor the raw object, nor the cache, holds the key however the answer
// echoes it. Forms the replacer knows are replaced as bytes; a key spelled
// with other escapes (\u0061..., which no byte search finds) is found by
// decoding the strings, and the document is then encoded again with the
// key replaced.
func (c *Client) redactJSON(b []byte) []byte {
	key := c.cfg.APIKey
	if len(key) < minRedact {
		return b
	}
	b = []byte(c.redact.Replace(string(b)))
	if bytes.IndexByte(b, '\\') < 0 || !jsonHolds(b, key) {
		return b
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return b
	}
	out, err := json.Marshal(redactValue(v, c.redact))
	if err != nil {
		return b
	}
	return out
}

// jsonHolds reports whether a string (key or value) of the JSON text b,
// once unescaped, holds s.
func jsonHolds(b []byte, s string) bool {
	d := json.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if str, ok := tok.(string); ok && strings.Contains(str, s) {
			return true
		}
	}
}

// redactValue replaces the key in every string of a decoded JSON value.
func redactValue(v any, r *strings.Replacer) any {
	switch v := v.(type) {
	case string:
		return r.Replace(v)
	case []any:
		for i := range v {
			v[i] = redactValue(v[i], r)
		}
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[r.Replace(k)] = redactValue(x, r)
		}
		return out
	}
	return v
}
