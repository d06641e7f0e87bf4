package ioc

import (
	"fmt"
	"strings"
)

// Type is the kind of an observable. The names are the seed system's
// (msticpy), so that `--naming msticpy` output matches it exactly.
type Type uint8

// The observable types vtenrich extracts and looks up.
const (
	Unknown Type = iota
	IPv4
	IPv6
	DNS
	URL
	MD5
	SHA1
	SHA256
)

// Types lists every known type in display order.
var Types = []Type{IPv4, IPv6, DNS, URL, MD5, SHA1, SHA256}

var typeNames = [...]string{"unknown", "ipv4", "ipv6", "dns", "url", "md5_hash", "sha1_hash", "sha256_hash"}

// String is the seed's name of the type: ipv4, ipv6, dns, url, md5_hash,
// sha1_hash, sha256_hash.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", t)
}

// IsHash reports whether t is one of the file hash types.
func (t Type) IsHash() bool { return t == MD5 || t == SHA1 || t == SHA256 }

// ParseType accepts a type name as String writes it, and the short forms
// ip4/ip6/domain/md5/sha1/sha256 users type on the command line.
func ParseType(s string) (Type, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ipv4", "ip4":
		return IPv4, nil
	case "ipv6", "ip6":
		return IPv6, nil
	case "dns", "domain", "hostname":
		return DNS, nil
	case "url":
		return URL, nil
	case "md5_hash", "md5":
		return MD5, nil
	case "sha1_hash", "sha1":
		return SHA1, nil
	case "sha256_hash", "sha256":
		return SHA256, nil
	}
	return Unknown, fmt.Errorf("unknown IoC type %q (want one of ipv4, ipv6, dns, url, md5_hash, sha1_hash, sha256_hash)", s)
}

// TypeSet is a set of types; the zero value means "all types".
type TypeSet uint16

// Has reports whether t is in the set (every type is in the zero set).
func (s TypeSet) Has(t Type) bool { return s == 0 || s&(1<<t) != 0 }

// With returns the set plus t.
func (s TypeSet) With(t Type) TypeSet { return s | 1<<t }

// ParseTypeSet parses a comma-separated list of type names; "" or "all" is
// every type.
func ParseTypeSet(list string) (TypeSet, error) {
	var s TypeSet
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" || strings.EqualFold(name, "all") {
			continue
		}
		t, err := ParseType(name)
		if err != nil {
			return 0, err
		}
		s = s.With(t)
	}
	return s, nil
}
