package vtclient

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"
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

// redactor replaces every form of the key a message or an answer may
// spell (redactForms); no forms (a key too short to redact) give a
// replacer that replaces nothing.
func redactor(forms []string) *strings.Replacer {
	var pairs []string
	for _, form := range forms {
		pairs = append(pairs, form, redacted)
	}
	return strings.NewReplacer(pairs...)
}

// redactForms lists the spellings of key to replace, each once: as it is,
// escaped for a URL path or query, escaped inside a JSON string (with and
// without HTML escaping) and inside a Go-quoted string. None for a key too
// short to redact.
func redactForms(key string) []string {
	if len(key) < minRedact {
		return nil
	}
	var forms []string
	for _, form := range keyForms(key) {
		if !slices.Contains(forms, form) {
			forms = append(forms, form)
		}
	}
	return forms
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
	if c.holdsKeyForm(b) {
		b = []byte(c.redact.Replace(string(b)))
	}
	if !escapedFormPossible(b, key) || !jsonHolds(b, key) {
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

// holdsKeyForm says whether b holds a spelling of the key the replacer
// knows. Most answers hold none, and are then neither copied nor
// replaced into a new buffer.
func (c *Client) holdsKeyForm(b []byte) bool {
	for _, form := range c.forms {
		if bytes.Contains(b, []byte(form)) {
			return true
		}
	}
	return false
}

// escapedFormPossible says whether the JSON text b could spell key with
// escapes that only decoding finds. A short escape (\n, \/, ...) stands for
// a character among `"\/` and five controls; without \u in b, every other
// character of a string is written as it is. So a key with none of those
// characters (every real key: 64 hex digits) that b does not hold as bytes
// cannot be in b's strings either, and b need not be decoded to know it.
func escapedFormPossible(b []byte, key string) bool {
	if bytes.IndexByte(b, '\\') < 0 {
		return false
	}
	return bytes.Contains(b, []byte(`\u`)) || strings.ContainsAny(key, "\"\\/\b\f\n\r\t")
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
