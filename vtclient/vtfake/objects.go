package vtfake

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/netip"
	"strings"

	json "github.com/goccy/go-json"
)

// maxRegistry bounds the hashes and URLs the server remembers, so that a
// long benchmark does not grow without end.
const maxRegistry = 1 << 20

// observable is the readable name of a requested id: URL ids decoded.
func (s *Server) observable(coll, id string) string {
	if coll == "urls" {
		if u, ok := decodeURLID(id); ok {
			return u
		}
	}
	return strings.ToLower(id)
}

// object builds the answer's "data" member for an id, or the failure to
// answer instead.
func (s *Server) object(coll, id string, rels []string, base string) (json.RawMessage, *failure) {
	if coll == "urls" {
		return s.url(id, base) // base64 ids are case-sensitive
	}
	id = strings.ToLower(strings.TrimSuffix(id, "."))
	switch coll {
	case "files":
		return s.file(id, base)
	case "domains":
		if !validDomain(id) {
			return nil, &failure{http.StatusBadRequest, "InvalidArgumentError", `Domain "` + id + `" is not a valid domain pattern`}
		}
	case "ip_addresses":
		ip, err := netip.ParseAddr(id)
		if err != nil || ip.Zone() != "" {
			return nil, &failure{http.StatusBadRequest, "InvalidArgumentError", `IP address "` + id + `" is not a valid IP address`}
		}
		id = ip.String()
	}
	if fx, ok := s.fixtures[coll+"/"+id]; ok {
		return withRelationships(fx, s.relationships(coll, id, rels, base)), nil
	}
	return s.network(coll, id, rels, base), nil
}

// file serves a file object by md5, sha1 or sha256.
func (s *Server) file(h, base string) (json.RawMessage, *failure) {
	if !isHex(h) || (len(h) != 32 && len(h) != 40 && len(h) != 64) {
		return nil, &failure{http.StatusBadRequest, "InvalidArgumentError", `"` + h + `" is not a valid file hash`}
	}
	if fx, ok := s.fixtures["files/"+h]; ok {
		return fx, nil
	}
	md5, sha1, sum := s.fileHashes(h)
	if fx, ok := s.fixtures["files/"+sum]; ok {
		return fx, nil
	}
	g := seed("file", sum)
	if g.kind() == kindNotFound {
		return nil, &failure{http.StatusNotFound, "NotFoundError", `File "` + h + `" not found`}
	}
	return marshal(fileObject(g, md5, sha1, sum, base)), nil
}

// url serves a URL object by URL id (unpadded URL-safe base64 of the URL)
// or by the URL's SHA-256.
func (s *Server) url(id, base string) (json.RawMessage, *failure) {
	notFound := &failure{http.StatusNotFound, "NotFoundError", `URL "` + id + `" not found`}
	var u, sum string
	if len(id) == 64 && isHex(strings.ToLower(id)) {
		sum = strings.ToLower(id)
		s.mu.Lock()
		u = s.registry["url/"+sum]
		s.mu.Unlock()
	} else {
		var ok bool
		if u, ok = decodeURLID(id); !ok {
			return nil, notFound
		}
		h := sha256.Sum256([]byte(u))
		sum = hex.EncodeToString(h[:])
		s.remember("url/"+sum, u)
	}
	if fx, ok := s.fixtures["urls/"+sum]; ok {
		return fx, nil
	}
	g := seed("url", sum)
	if u == "" || g.kind() == kindNotFound {
		return nil, notFound
	}
	return marshal(urlObject(g, u, sum, base)), nil
}

// decodeURLID decodes a URL id; VirusTotal accepts it with or without
// padding.
func decodeURLID(id string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(id, "="))
	if err != nil || len(b) == 0 {
		return "", false
	}
	return string(b), true
}

// remember notes a key in the registry, within maxRegistry.
func (s *Server) remember(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.registry) < maxRegistry {
		s.registry[k] = v
	}
}

// fileHashes gives a file's md5, sha1 and sha256 from any of them, the
// same for all three: a file fetched by MD5 and later by its SHA-256 is one
// object. The sha256 (and sha1) of a file first seen by MD5 embed the MD5,
// so this holds across restarts too; the other ways round the server
// remembers what it handed out.
func (s *Server) fileHashes(h string) (md5, sha1, sum string) {
	s.mu.Lock()
	known := s.registry["file/"+h]
	s.mu.Unlock()
	switch {
	case known != "":
		sum = known
	case len(h) == 64:
		sum = h
	case len(h) == 32:
		sum = h + tag("md5→sha256", h, 32)
	case h[32:] == tag("md5→sha1", h[:32], 8):
		sum = h[:32] + tag("md5→sha256", h[:32], 32)
	default:
		sum = h + tag("sha1→sha256", h, 24)
	}
	switch {
	case sum[32:] == tag("md5→sha256", sum[:32], 32):
		md5 = sum[:32]
		sha1 = md5 + tag("md5→sha1", md5, 8)
	case sum[40:] == tag("sha1→sha256", sum[:40], 24):
		sha1 = sum[:40]
		md5 = tag("sha256→md5", sum, 32)
	default:
		md5, sha1 = tag("sha256→md5", sum, 32), tag("sha256→sha1", sum, 40)
	}
	s.remember("file/"+md5, sum)
	s.remember("file/"+sha1, sum)
	return md5, sha1, sum
}

// tag is n hex digits derived from s under a label.
func tag(label, s string, n int) string {
	h := sha256.Sum256([]byte("vtfake:" + label + ":" + s))
	return hex.EncodeToString(h[:])[:n]
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return s != ""
}

// validDomain accepts what VirusTotal would take for a domain name.
func validDomain(d string) bool {
	if !strings.Contains(d, ".") || len(d) > 253 || strings.HasPrefix(d, ".") {
		return false
	}
	for i := 0; i < len(d); i++ {
		c := d[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// marshal encodes a synthetic object; the types are plain, so it cannot
// fail. goccy/go-json writes what encoding/json would, in half the time
// (BenchmarkServeObject); fixture files are read with encoding/json, which
// refuses text goccy could misread.
func marshal(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// withRelationships adds a relationships member to a fixture object.
func withRelationships(obj json.RawMessage, rels map[string]relationship) json.RawMessage {
	if len(rels) == 0 {
		return obj
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(obj, &m) != nil {
		return obj
	}
	if _, has := m["relationships"]; has {
		return obj
	}
	m["relationships"] = marshal(rels)
	return marshal(m)
}

// neighbour is the id of another observable of the collection, for
// FaultMismatch: the answer a proxy that mixes answers up would give.
func neighbour(coll, id string) string {
	switch coll {
	case "ip_addresses":
		if ip, err := netip.ParseAddr(id); err == nil {
			return ip.Next().String()
		}
	case "urls":
		if u, ok := decodeURLID(id); ok {
			return base64.RawURLEncoding.EncodeToString([]byte(u + "x"))
		}
	case "files":
		if n := len(id); n == 32 || n == 40 || n == 64 {
			return tag("neighbour", id, n)
		}
	}
	return "other-" + id
}
