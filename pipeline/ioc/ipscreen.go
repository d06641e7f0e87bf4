package ioc

import "net/netip"

// Address ranges that are not globally reachable unicast, after the IANA
// IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates).
// The first range that contains an address gives its reason, so more
// specific ranges come first.

type v4Range struct {
	base   uint32
	bits   uint8
	reason string
}

var v4Ranges = []v4Range{
	{0x00000000, 32, ReasonUnspecified},   // 0.0.0.0
	{0x00000000, 8, ReasonReserved},       // 0.0.0.0/8 "this network"
	{0x0a000000, 8, ReasonPrivate},        // 10.0.0.0/8
	{0x64400000, 10, ReasonCGNAT},         // 100.64.0.0/10
	{0x7f000000, 8, ReasonLoopback},       // 127.0.0.0/8
	{0xa9fe0000, 16, ReasonLinkLocal},     // 169.254.0.0/16
	{0xac100000, 12, ReasonPrivate},       // 172.16.0.0/12
	{0xc0000000, 24, ReasonReserved},      // 192.0.0.0/24 IETF protocol assignments
	{0xc0000200, 24, ReasonDocumentation}, // 192.0.2.0/24 TEST-NET-1
	{0xc0586300, 24, ReasonReserved},      // 192.88.99.0/24 deprecated 6to4 relay anycast
	{0xc0a80000, 16, ReasonPrivate},       // 192.168.0.0/16
	{0xc6120000, 15, ReasonBenchmarking},  // 198.18.0.0/15
	{0xc6336400, 24, ReasonDocumentation}, // 198.51.100.0/24 TEST-NET-2
	{0xcb007100, 24, ReasonDocumentation}, // 203.0.113.0/24 TEST-NET-3
	{0xe0000000, 4, ReasonMulticast},      // 224.0.0.0/4
	{0xffffffff, 32, ReasonBroadcast},     // 255.255.255.255
	{0xf0000000, 4, ReasonReserved},       // 240.0.0.0/4
}

// v4Special marks the first octets that some range in v4Ranges covers, so
// that most global addresses are cleared with one load.
var v4Special = func() (t [256]bool) {
	for _, r := range v4Ranges {
		first := r.base >> 24
		n := uint32(1)
		if r.bits < 8 {
			n = 1 << (8 - r.bits)
		}
		for i := range n {
			t[first+i] = true
		}
	}
	return t
}()

// screenV4 is the reason an IPv4 address is not looked up, "" if it is
// global unicast.
func screenV4(a uint32) string {
	if !v4Special[a>>24] {
		return ""
	}
	for _, r := range v4Ranges {
		if a>>(32-r.bits) == r.base>>(32-r.bits) {
			return r.reason
		}
	}
	return ""
}

type v6Range struct {
	prefix netip.Prefix
	reason string
}

var v6Ranges = func() []v6Range {
	rs := []struct{ p, reason string }{
		{"::/128", ReasonUnspecified},
		{"::1/128", ReasonLoopback},
		{"100::/64", ReasonReserved},        // discard-only
		{"2001::/32", ReasonTeredo},         // Teredo
		{"2001:2::/48", ReasonBenchmarking}, // benchmarking
		{"2001:10::/28", ReasonReserved},    // ORCHID (deprecated)
		{"2001:20::/28", ReasonReserved},    // ORCHIDv2
		{"2001:db8::/32", ReasonDocumentation},
		{"2001::/23", ReasonReserved}, // other IETF protocol assignments
		{"2002::/16", Reason6to4},
		{"3fff::/20", ReasonDocumentation}, // RFC 9637
		{"5f00::/16", ReasonReserved},      // SRv6 SIDs
		{"fc00::/7", ReasonPrivate},        // unique-local
		{"fe80::/10", ReasonLinkLocal},
		{"fec0::/10", ReasonPrivate}, // site-local (deprecated)
		{"ff00::/8", ReasonMulticast},
	}
	out := make([]v6Range, len(rs))
	for i, r := range rs {
		out[i] = v6Range{netip.MustParsePrefix(r.p), r.reason}
	}
	return out
}()

// global6 is the only IPv6 space allocated for global unicast.
var global6 = netip.MustParsePrefix("2000::/3")

// screenV6 is the reason an IPv6 address (not IPv4-mapped) is not looked up.
func screenV6(a netip.Addr) string {
	for _, r := range v6Ranges {
		if r.prefix.Contains(a) {
			// Some of 2001::/23 is globally reachable anycast
			// infrastructure (TURN, AMT, AS112): nothing a lookup would
			// say anything about, so "reserved" too.
			return r.reason
		}
	}
	if !global6.Contains(a) {
		return ReasonReserved
	}
	return ""
}

// v4Uint converts an IPv4 address.
func v4Uint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
