package ioc

import (
	"bytes"
	"net/netip"
	"strconv"
)

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
// end of the address and true if there is one; if not, where the main loop
// resumes: after the last colon of the run of hex digits and colons that
// holds no address (a clock time, a MAC address), so that what follows it
// (the value of "src:8.8.8.8", "host:bad-login.net") is read from its start.
func (e *Extractor) tryIPv6(t []byte, lo, p int) (int, bool) {
	start := p
	for start > lo && p-start < maxV6Len && (class[t[start-1]]&cHex != 0 || t[start-1] == ':') {
		start--
	}
	keyed := false
	if start > 0 && isWordByte(t[start-1]) {
		// Glued to a word on the left: "peer:2001:db8::1", "ip6:2a00::1".
		// The word and the hex digits before the first colon are a key,
		// unless that colon is half of a "::" (std::abc, Foo::Bar).
		if c := start + bytesIndex(t[start:p+1], ':'); t[c+1] != ':' && (c == start || t[c-1] != ':') {
			start, keyed = c+1, true
		}
	}
	end, dot, last := p+1, -1, p
	for end < len(t) && end-start <= maxV6Len {
		c := t[end]
		if class[c]&cHex == 0 && c != ':' {
			if c != '.' {
				break
			}
			if dot < 0 {
				dot = end
			}
		} else if c == ':' && dot < 0 {
			last = end
		}
		end++
	}
	skip := last + 1
	for end > p+1 && t[end-1] == '.' {
		end--
	}
	if end-start > maxV6Len {
		return skip, false
	}
	if end-start >= 2 && t[end-1] == ':' && t[end-2] != ':' {
		end-- // "fe80::1: link up": the colon is punctuation
	}
	if !(v6Plausible(t[start:end]) || bracketedUnspecified(t, start, end)) || !(keyed || v6BoundaryLeft(t, start)) || !v6BoundaryRight(t, end) {
		return skip, false
	}
	resume := end
	a, err := netip.ParseAddr(str(t[start:end]))
	if err != nil {
		n, ok := v6BeforePort(t[start:end], start > 0 && t[start-1] == '/')
		if !ok {
			return skip, false
		}
		a, _ = netip.ParseAddr(str(t[start : start+n]))
		end = start + n
	}
	v, typ, reason := e.v6Value(e.val[:0], a)
	e.val = v
	e.emit(typ, v, reason, start, end)
	return resume, true
}

// v6BeforePort returns the length of the address in b when b is one
// written with its port glued on and no brackets, as HAProxy and some
// firewalls log a client (2a01:4f8::7:44122): b itself is no address, its
// last group is a port (decimal, at most 65535) and what comes before it
// is an address, written compressed as inet_ntop and loggers write them,
// or in full before a port of five digits, which no group has (netstat),
// or as eight groups of four digits before any port (Snort's
// ...:0000:0001:443; see expandedV6); or with the port after a dot
// (nfdump's 2001:67c::68b.123).
// Only b that is no address gets here, so a port that could be a group
// (2a01:4f8::7:443) stays part of the address, as written. After '/'
// (javaSocket), eight groups and the port are Java's InetSocketAddress,
// which writes an address uncompressed: Netty's "Connection refused:
// /2a01:4f8:c17:3b2e:0:0:0:1:443".
func v6BeforePort(b []byte, javaSocket bool) (int, bool) {
	c := len(b) - 1
	for c > 0 && isDigit(b[c]) {
		c--
	}
	port := b[c+1:]
	if c < 2 || b[c] != ':' && b[c] != '.' || b[c-1] == ':' || len(port) == 0 || len(port) > 5 {
		return 0, false
	}
	if n, err := strconv.Atoi(str(port)); err != nil || n > 65535 {
		return 0, false
	}
	if b[c] == '.' { // nfdump's "2001:67c::68b.123": no group follows a dot
		if bytesIndex(b[:c], '.') < c {
			return 0, false // an IPv4 tail, not a port
		}
	} else if !bytesContains(b[:c], "::") && len(port) < 5 && !expandedV6(b[:c]) && !(javaSocket && bytes.Count(b[:c], []byte(":")) == 7) {
		// Loggers compress; eight groups and a ninth that could be one
		// are a list, unless the eight are written in full, four digits
		// each, as Snort writes addresses ("...:0000:0001:443").
		return 0, false
	}
	if a, err := netip.ParseAddr(str(b[:c])); err != nil || !a.Is6() {
		return 0, false
	}
	return c, true
}

// expandedV6 reports whether b is eight groups of four hex digits: an
// IPv6 address written in full.
func expandedV6(b []byte) bool {
	if len(b) != 39 {
		return false
	}
	for i, c := range b {
		if i%5 == 4 {
			if c != ':' {
				return false
			}
		} else if !isHex(c) {
			return false
		}
	}
	return true
}

// isWordByte reports whether c is part of a word a value may be glued to.
func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }

// bytesIndex is bytes.IndexByte for a byte known to be present.
func bytesIndex(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return len(b)
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

// bracketedUnspecified reports whether t[start:end] is "::" alone in
// brackets, a listener's every address ("[::]:9091"): the unspecified
// address, which has no digit; "::" anywhere else is C++'s or Ruby's
// scope.
func bracketedUnspecified(t []byte, start, end int) bool {
	return end-start == 2 && t[start] == ':' && t[start+1] == ':' && start > 0 && t[start-1] == '[' && end < len(t) && t[end] == ']'
}

// v6BoundaryLeft reports whether an address may start at t[start]: not
// glued to a word or to dotted or colon-separated text.
func v6BoundaryLeft(t []byte, start int) bool {
	if start > 0 {
		if c := t[start-1]; isWordByte(c) || c == '.' || c == ':' {
			return false
		}
	}
	return true
}

// v6BoundaryRight reports whether an address may end at t[end].
func v6BoundaryRight(t []byte, end int) bool {
	return end >= len(t) || !isWordByte(t[end])
}

// v6Value appends the canonical form of a to dst and screens it. An
// IPv4-mapped address becomes its IPv4 address, and so does one of the
// NAT64 well-known prefix (64:ff9b::/96, RFC 6052: a CGNAT's or DNS64's
// IPv6 name of an IPv4 host, which is the host VirusTotal knows).
func (e *Extractor) v6Value(dst []byte, a netip.Addr) ([]byte, Type, string) {
	a = a.WithZone("")
	if a.Is4In6() || nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte(b[12:16]))
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

// nat64 is the NAT64 well-known prefix: its last 32 bits are an IPv4
// address.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

func ipFrom4(a uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)})
}
