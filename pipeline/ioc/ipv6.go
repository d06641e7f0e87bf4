package ioc

import "net/netip"

// IPv6 addresses are runs of hex digits and colons (with an optional IPv4
// tail) that net/netip accepts. That alone rules out clock times
// (12:30:45) and MAC addresses (00:1a:2b:3c:4d:5e), which have too few
// groups and no "::"; "::" alone, and runs glued to words (std::abc), are
// not reported. Addresses are written in canonical form (RFC 5952, as netip
// prints them). An IPv4-mapped address (::ffff:1.2.3.4, as dual-stack
// servers log their clients) is reported as the IPv4 address it maps: that
// is the host, and one host is one lookup.

// maxV6Len is the longest textual IPv6 address without zone.
const maxV6Len = len("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255")

// tryIPv6 reads an IPv6 address around the colon at t[p]. It returns the
// end of the address and true if there is one; if not, how far the main
// loop may skip (past a run of hex and colons that holds no address, such
// as a clock time, but not into an IPv4 tail).
func (e *Extractor) tryIPv6(t []byte, lo, p int) (int, bool) {
	start := p
	for start > lo && p-start < maxV6Len && (class[t[start-1]]&cHex != 0 || t[start-1] == ':') {
		start--
	}
	end, dot := p+1, -1
	for end < len(t) && end-start <= maxV6Len {
		c := t[end]
		if class[c]&cHex == 0 && c != ':' {
			if c != '.' {
				break
			}
			if dot < 0 {
				dot = end
			}
		}
		end++
	}
	skip := end
	if dot >= 0 {
		skip = dot
	}
	for end > p+1 && t[end-1] == '.' {
		end--
	}
	if end-start > maxV6Len {
		return skip, false
	}
	if end-start >= 2 && t[end-1] == ':' && t[end-2] != ':' {
		end-- // "fe80::1: link up": the colon is punctuation
	}
	if !v6Plausible(t[start:end]) || !v6Boundary(t, start, end) {
		return skip, false
	}
	a, err := netip.ParseAddr(str(t[start:end]))
	if err != nil {
		return skip, false
	}
	v, typ, reason := e.v6Value(e.val[:0], a)
	e.val = v
	e.emit(typ, v, reason, start, end)
	return end, true
}

// v6Plausible is a cheap filter before parsing: at least two colons, and
// either "::" or all eight groups (seven with an IPv4 tail), and a digit.
func v6Plausible(b []byte) bool {
	colons, double, digits := 0, false, 0
	for i, c := range b {
		if c == ':' {
			colons++
			if i > 0 && b[i-1] == ':' {
				double = true
			}
		} else if isHex(c) {
			digits++
		}
	}
	return colons >= 2 && digits > 0 && (double || colons >= 6)
}

func v6Boundary(t []byte, start, end int) bool {
	if start > 0 {
		if c := t[start-1]; isAlnum(c) || c == '_' || c == '.' || c == ':' {
			return false
		}
	}
	if end < len(t) {
		if c := t[end]; isAlnum(c) || c == '_' {
			return false
		}
	}
	return true
}

// v6Value appends the canonical form of a to dst and screens it. An
// IPv4-mapped address becomes its IPv4 address.
func (e *Extractor) v6Value(dst []byte, a netip.Addr) ([]byte, Type, string) {
	a = a.WithZone("")
	if a.Is4In6() {
		a = a.Unmap()
		return a.AppendTo(dst), IPv4, e.screenV4Value(v4Uint(a), false)
	}
	dst = a.AppendTo(dst)
	if r := screenV6(a); r != "" {
		return dst, IPv6, r
	}
	if e.cfg.SkipList.hasIP(a) {
		return dst, IPv6, ReasonSkipList
	}
	return dst, IPv6, ""
}

func ipFrom4(a uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)})
}
