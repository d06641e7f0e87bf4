package vtclient

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"golang.org/x/net/idna"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// CodeMismatchedAnswer: the answer is a VirusTotal object, but not the one
// asked for (another IP, another file). It is never cached: a proxy or
// cache in between that mixes answers up would otherwise poison the cache
// for days, and a file answer's other hashes would then answer offline for
// hashes never asked.
const CodeMismatchedAnswer = "MismatchedAnswer"

// ErrMismatchedAnswer is wrapped by the errors of FromObject and
// VerifyResult for an object that does not answer the observable.
var ErrMismatchedAnswer = errors.New("the answer is not for the observable asked")

// verify checks that o answers the observable of type t:
//
//   - a file: the hash asked is the object's id (its SHA-256) or one of
//     its md5, sha1 and sha256 attributes, and the sha256 attribute, when
//     there is one, is the id;
//   - a domain: the id is the name asked, in any case, with or without a
//     trailing dot, in Unicode or punycode;
//   - an IP address: the id is the same address;
//   - a URL: the id is the SHA-256 of the URL asked (VirusTotal's URL ids),
//     as written or in the canonical form VirusTotal hashes (lower-case
//     scheme and host, "/" for an empty path, no default port), or the
//     object's url attribute is the URL asked, in that canonical form.
func (o *object) verify(t ioc.Type, observable string) error {
	a := &o.Attributes
	ok := false
	switch {
	case t.IsHash():
		asked := strings.ToLower(strings.TrimSpace(observable))
		ok = asked == strings.ToLower(o.ID) || asked == strings.ToLower(a.MD5) ||
			asked == strings.ToLower(a.SHA1) || asked == strings.ToLower(a.SHA256)
		if a.SHA256 != "" && !strings.EqualFold(a.SHA256, o.ID) {
			return fmt.Errorf("%w: a file object whose id %q is not its sha256 %q", ErrMismatchedAnswer, o.ID, a.SHA256)
		}
	case t == ioc.DNS:
		ok = sameDomain(observable, o.ID)
	case t == ioc.IPv4 || t == ioc.IPv6:
		ok = sameIP(observable, o.ID)
	case t == ioc.URL:
		id := strings.ToLower(o.ID)
		ok = id == sha256Hex(observable) || id == sha256Hex(canonicalURL(observable)) ||
			a.URL != "" && canonicalURL(a.URL) == canonicalURL(observable)
	}
	if !ok {
		return fmt.Errorf("%w: asked for %v %q, got %s %q", ErrMismatchedAnswer, t, observable, o.Type, o.ID)
	}
	return nil
}

// VerifyResult checks that a stored Result answers its own Observable, as
// far as the mapped columns tell: a file's hash of the asked type (when the
// result has one) is the one asked, and a domain's or an IP's Resource
// (its object id) is the one asked. A URL's Resource is VirusTotal's hash
// of a canonical form this package cannot always rebuild, so it is not
// checked here. Only found results are checked.
func VerifyResult(r Result) error {
	if !r.Found() {
		return nil
	}
	var got string
	ok := true
	switch r.Type {
	case ioc.MD5:
		got = r.MD5
	case ioc.SHA1:
		got = r.SHA1
	case ioc.SHA256:
		got = r.SHA256
	case ioc.DNS:
		got, ok = r.Resource, r.Resource == "" || sameDomain(r.Observable, r.Resource)
	case ioc.IPv4, ioc.IPv6:
		got, ok = r.Resource, r.Resource == "" || sameIP(r.Observable, r.Resource)
	}
	if r.Type.IsHash() {
		ok = got == "" || strings.EqualFold(got, strings.TrimSpace(r.Observable))
	}
	if !ok {
		return fmt.Errorf("%w: a result for %v %q holds %q", ErrMismatchedAnswer, r.Type, r.Observable, got)
	}
	return nil
}

// HashesVerified reports whether a found file result's hashes belong to
// the hash it was looked up by, so that its other hashes may answer for
// it: its hash of the asked type is the one asked.
func HashesVerified(r Result) bool {
	var own string
	switch r.Type {
	case ioc.MD5:
		own = r.MD5
	case ioc.SHA1:
		own = r.SHA1
	case ioc.SHA256:
		own = r.SHA256
	default:
		return false
	}
	return own != "" && strings.EqualFold(own, strings.TrimSpace(r.Observable))
}

// sameDomain compares host names as VirusTotal ids: case, a trailing dot
// and Unicode against punycode make no difference.
func sameDomain(asked, id string) bool {
	a := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(asked)), ".")
	b := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(id)), ".")
	if a == b {
		return true
	}
	pa, errA := idna.Lookup.ToASCII(a)
	pb, errB := idna.Lookup.ToASCII(b)
	return errA == nil && errB == nil && pa == pb
}

// sameIP compares addresses, whatever their spelling (IPv6 zeros, an
// IPv4-mapped IPv6 address).
func sameIP(asked, id string) bool {
	a, errA := netip.ParseAddr(strings.TrimSpace(asked))
	b, errB := netip.ParseAddr(strings.TrimSpace(id))
	return errA == nil && errB == nil && a.Unmap() == b.Unmap()
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// canonicalURL is the form of a URL whose SHA-256 VirusTotal uses as its
// id: scheme and host in lower case, no default port, "/" for an empty
// path; the rest as written. A URL that does not parse is left as it is.
func canonicalURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return s
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Host)
	switch {
	case scheme == "http" && strings.HasSuffix(host, ":80"):
		host = strings.TrimSuffix(host, ":80")
	case scheme == "https" && strings.HasSuffix(host, ":443"):
		host = strings.TrimSuffix(host, ":443")
	}
	var b strings.Builder
	b.WriteString(scheme + "://")
	if u.User != nil {
		b.WriteString(u.User.String() + "@")
	}
	b.WriteString(host)
	if p := u.EscapedPath(); p != "" {
		b.WriteString(p)
	} else {
		b.WriteString("/")
	}
	if u.RawQuery != "" || u.ForceQuery {
		b.WriteString("?" + u.RawQuery)
	}
	if u.Fragment != "" {
		b.WriteString("#" + u.EscapedFragment())
	}
	return b.String()
}
