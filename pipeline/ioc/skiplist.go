package ioc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
)

// SkipList holds known-good observables that are never looked up
// (--skip-list). An IP or CIDR entry covers the addresses in it; a domain
// entry covers the name and every name under it (microsoft.com covers
// login.microsoft.com); a URL or hash entry covers exactly itself; and a
// URL whose host is covered is covered too. A nil *SkipList is empty.
type SkipList struct {
	values   map[string]struct{}       // type byte + normalised URL or hash
	names    map[string]struct{}       // normalised domain names
	prefixes map[netip.Prefix]struct{} // masked prefixes, single IPs as /32 or /128
	bits4    []int                     // the IPv4 prefix lengths in prefixes
	bits6    []int                     // the IPv6 prefix lengths in prefixes
}

// NewSkipList builds a skip-list from entries as LoadSkipList reads them.
func NewSkipList(entries ...string) (*SkipList, error) {
	return LoadSkipList(strings.NewReader(strings.Join(entries, "\n")), "skip-list")
}

// LoadSkipList reads a skip-list: one observable or CIDR a line, defanged
// or not (a domain may be written *.example.com); blank lines and '#'
// comments (a whole line, or after white space) are ignored. name is used in error messages, which give the line number.
func LoadSkipList(r io.Reader, name string) (*SkipList, error) {
	s := &SkipList{
		values:   map[string]struct{}{},
		names:    map[string]struct{}{},
		prefixes: map[netip.Prefix]struct{}{},
	}
	e := NewExtractor(Config{})
	br := bufio.NewReader(r)
	for line := 1; ; line++ {
		text, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if entry := stripComment(text); entry != "" {
			if aerr := s.add(e, entry); aerr != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, line, aerr)
			}
		}
		if err != nil {
			return s, nil
		}
	}
}

// stripComment drops a comment and surrounding white space. A '#' starts a
// comment only at the start or after white space, so URL fragments survive.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			line = line[:i]
			break
		}
	}
	return strings.TrimSpace(line)
}

func (s *SkipList) add(e *Extractor, entry string) error {
	if strings.Contains(entry, "/") && !strings.Contains(entry, "://") {
		p, err := netip.ParsePrefix(Refang(entry))
		if err != nil {
			return fmt.Errorf("%q is not a CIDR: %w", entry, err)
		}
		s.addPrefix(p)
		return nil
	}
	// "*.example.com" says what a domain entry means anyway.
	entry = strings.TrimPrefix(entry, "*.")
	t := Classify(entry)
	if t == Unknown {
		return fmt.Errorf("%q is not an IP address, CIDR, domain name, URL or hash", entry)
	}
	v, _ := e.Check(t, []byte(entry))
	switch t {
	case IPv4, IPv6:
		a, err := netip.ParseAddr(string(v))
		if err != nil {
			return fmt.Errorf("%q is not an IP address it can cover", entry)
		}
		s.addPrefix(netip.PrefixFrom(a, a.BitLen()))
	case DNS:
		s.names[string(v)] = struct{}{}
	default:
		s.values[string(append([]byte{byte(t)}, v...))] = struct{}{}
	}
	return nil
}

func (s *SkipList) addPrefix(p netip.Prefix) {
	p = p.Masked()
	if p.Addr().Is4In6() {
		p = netip.PrefixFrom(p.Addr().Unmap(), max(0, p.Bits()-96))
	}
	s.prefixes[p] = struct{}{}
	bits := &s.bits6
	if p.Addr().Is4() {
		bits = &s.bits4
	}
	for _, b := range *bits {
		if b == p.Bits() {
			return
		}
	}
	*bits = append(*bits, p.Bits())
}

// Len is the number of entries.
func (s *SkipList) Len() int {
	if s == nil {
		return 0
	}
	return len(s.values) + len(s.names) + len(s.prefixes)
}

// has reports whether the normalised URL or hash v of type t is listed.
func (s *SkipList) has(t Type, v []byte) bool {
	if s == nil || len(s.values) == 0 {
		return false
	}
	var key [1 + 256]byte
	if len(v) > 256 {
		_, ok := s.values[string(append([]byte{byte(t)}, v...))]
		return ok
	}
	key[0] = byte(t)
	n := copy(key[1:], v)
	_, ok := s.values[string(key[:1+n])]
	return ok
}

// hasName reports whether the normalised name v or a parent of it is
// listed.
func (s *SkipList) hasName(v []byte) bool {
	if s == nil || len(s.names) == 0 {
		return false
	}
	for {
		if _, ok := s.names[string(v)]; ok {
			return true
		}
		i := bytes.IndexByte(v, '.')
		if i < 0 {
			return false
		}
		v = v[i+1:]
	}
}

// hasIP reports whether a is in a listed prefix.
func (s *SkipList) hasIP(a netip.Addr) bool {
	if s == nil || len(s.prefixes) == 0 {
		return false
	}
	bits := s.bits6
	if a.Is4() {
		bits = s.bits4
	}
	for _, b := range bits {
		p, err := a.Prefix(b)
		if err == nil {
			if _, ok := s.prefixes[p]; ok {
				return true
			}
		}
	}
	return false
}
