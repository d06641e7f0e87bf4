package ioc

import (
	"strings"
	"testing"
)

func TestScanIPv6(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// a listener's every address, "::" alone in brackets; not a scope's "::"
		{"listening on '[::]:9091' and [::1]:80; std::string x; a[::]", []string{"ipv6 :: unspecified", "ipv6 ::1 loopback", "ipv6 :: unspecified"}},
		// nfdump writes the port after a dot; an IPv4 tail is no port
		{"2001:67c:2e8:22::c100:68b.123   ->   2a01:4f8:c17:3a2b::1.53 ::ffff:5.6.7.8", []string{
			"ipv6 2001:67c:2e8:22::c100:68b", "ipv6 2a01:4f8:c17:3a2b::1", "ipv4 5.6.7.8"}},
		{"2001:4860:4860::8888", []string{"ipv6 2001:4860:4860::8888"}},
		// Snort writes addresses in full, then the port; eight shorter groups and a ninth are no address
		{"{TCP} 2a01:04f8:0c17:3b2a:0000:0000:0000:0001:443 -> 2606:4700:4700:0000:0000:0000:0000:1111:51022 1:2:3:4:5:6:7:8:9", []string{
			"ipv6 2a01:4f8:c17:3b2a::1", "ipv6 2606:4700:4700::1111"}},
		{"dns 2606:4700:4700:0000:0000:0000:0000:1111 ok", []string{"ipv6 2606:4700:4700::1111"}},
		// Java's InetSocketAddress after '/': eight uncompressed groups and the port (Netty's refusal)
		{"Connection refused: /2a01:4f8:c17:3b2e:0:0:0:1:443 list 2a01:4f8:c17:3b2e:0:0:0:1:443", []string{"ipv6 2a01:4f8:c17:3b2e::1"}},
		{"2A00:1450:4001:82B::200E", []string{"ipv6 2a00:1450:4001:82b::200e"}},
		{"at 12:30:45 and 23:59:59.999", nil},
		{"mac 00:1a:2b:3c:4d:5e and 00:1A:2B:3C:4D:5E", nil},
		{":: alone", nil},
		{"std::vector<int> Foo::bar", nil},
		{"ace::bad-", []string{"ipv6 ace::bad reserved"}}, // hex words: a real, if reserved, address
		{"[System.Convert]::FromBase64String($x)", []string{"dns system.convert unknown-tld"}},
		{"::1", []string{"ipv6 ::1 loopback"}},
		{"::", nil},
		{"fe80::1ff:fe23:4567:890a", []string{"ipv6 fe80::1ff:fe23:4567:890a link-local"}},
		{"fd12:3456:789a:1::1", []string{"ipv6 fd12:3456:789a:1::1 private"}},
		{"ff02::1", []string{"ipv6 ff02::1 multicast"}},
		{"2001:db8::1", []string{"ipv6 2001:db8::1 documentation"}},
		{"3fff:1::1", []string{"ipv6 3fff:1::1 documentation"}},
		{"2001:2::1", []string{"ipv6 2001:2::1 benchmarking"}},
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", []string{"ipv6 2001:0:4136:e378:8000:63bf:3fff:fdd2 teredo"}},
		{"2002:c000:0204::1", []string{"ipv6 2002:c000:204::1 6to4"}},
		{"100::1", []string{"ipv6 100::1 reserved"}},
		{"dead::beef", []string{"ipv6 dead::beef reserved"}},
		{"client ::ffff:8.8.8.8 connected", []string{"ipv4 8.8.8.8"}},
		{"::ffff:192.168.0.1", []string{"ipv4 192.168.0.1 private"}},
		// NAT64's well-known prefix names an IPv4 host (an A10 CGNAT's
		// "to [64:ff9b::2d9b:cde9]:443"); the local-use prefix is reserved
		{"64:ff9b::1.2.3.4 [64:ff9b::2d9b:cde9]:443 64:ff9b::a00:1 64:ff9b:1::1.2.3.4", []string{
			"ipv4 1.2.3.4", "ipv4 45.155.205.233", "ipv4 10.0.0.1 private", "ipv6 64:ff9b:1::102:304 reserved"}},
		{"[2001:4860:4860::8844]:53", []string{"ipv6 2001:4860:4860::8844"}},
		// a port glued on without brackets, where it cannot be a group
		{"haproxy[2211]: 2a01:4f8:1c1b:5e3a::7:44122 [10/Jun/2024", []string{"ipv6 2a01:4f8:1c1b:5e3a::7"}},
		{"2001:4860:4860:0:0:0:0:8888:443 2001:4860:4860::8888:99999", nil},
		{"2a01:4f8::7:443", []string{"ipv6 2a01:4f8::7:443"}}, // a group as written
		{"tcp6 0 0 2a02:2f0c:8a01:2d00:5c1e:9b3a:7e2d:41f0:51234 ESTABLISHED", []string{"ipv6 2a02:2f0c:8a01:2d00:5c1e:9b3a:7e2d:41f0"}},
		{"12:30:45:44122", nil},
		{"2001:4860:4860::8844: link up", []string{"ipv6 2001:4860:4860::8844"}},
		{"2001:4860:4860::8844.", []string{"ipv6 2001:4860:4860::8844"}},
		{"1:2:3:4:5:6:7:8", []string{"ipv6 1:2:3:4:5:6:7:8 reserved"}},
		{"1:2:3:4:5:6:7:8:9", nil},
		{"fe80::1%eth0", []string{"ipv6 fe80::1 link-local"}},
		// A word glued on by a colon is a key, not part of the address,
		// unless the colon is half of a "::".
		{"x2001:db8::1", []string{"ipv6 db8::1 reserved"}},
		{"peer:2001:4860:4860::8888 ip6:2a00:1450:4000::/36", []string{"ipv6 2001:4860:4860::8888", "ipv6 2a00:1450:4000::"}},
		{"src:2604:a880:400:d0::1d2:e001,dst:fe80::1", []string{"ipv6 2604:a880:400:d0::1d2:e001", "ipv6 fe80::1 link-local"}},
		{"Notice::ACTION_LOG Scan::Port_Scan dead::beef", []string{"ipv6 dead::beef reserved"}},
		{"MD5:3e:4f:5a:6b:7c:8d:9e:af:b0:c1:d2:e3:f4:05:16:27", nil},
		{strings.Repeat(":", 200) + "1", nil},
	})
}
