package ioc

import "testing"

func TestScanIPv4(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		{"8.8.8.8", []string{"ipv4 8.8.8.8"}},
		{"dst=8.8.4.4:53 proto=udp", []string{"ipv4 8.8.4.4"}},
		{"from 1.1.1.1, to 9.9.9.9.", []string{"ipv4 1.1.1.1", "ipv4 9.9.9.9"}},
		{"255.255.255.255", []string{"ipv4 255.255.255.255 broadcast"}},
		{"256.1.1.1 1.2.3.300", nil},
		{"0.0.0.0", []string{"ipv4 0.0.0.0 unspecified"}},
		{"0.1.2.3", []string{"ipv4 0.1.2.3 reserved"}},
		{"10.1.2.3", []string{"ipv4 10.1.2.3 private"}},
		{"172.16.0.1 172.31.255.255 172.32.0.1", []string{"ipv4 172.16.0.1 private", "ipv4 172.31.255.255 private", "ipv4 172.32.0.1"}},
		{"192.168.1.1", []string{"ipv4 192.168.1.1 private"}},
		{"100.64.0.1 100.127.255.255 100.128.0.1", []string{"ipv4 100.64.0.1 cgnat", "ipv4 100.127.255.255 cgnat", "ipv4 100.128.0.1"}},
		{"127.0.0.1", []string{"ipv4 127.0.0.1 loopback"}},
		{"169.254.169.254", []string{"ipv4 169.254.169.254 link-local"}},
		{"192.0.0.8", []string{"ipv4 192.0.0.8 reserved"}},
		{"192.0.2.1 198.51.100.7 203.0.113.9", []string{"ipv4 192.0.2.1 documentation", "ipv4 198.51.100.7 documentation", "ipv4 203.0.113.9 documentation"}},
		{"198.18.0.1 198.19.255.1", []string{"ipv4 198.18.0.1 benchmarking", "ipv4 198.19.255.1 benchmarking"}},
		{"224.0.0.251 239.255.255.250", []string{"ipv4 224.0.0.251 multicast", "ipv4 239.255.255.250 multicast"}},
		{"240.0.0.1", []string{"ipv4 240.0.0.1 reserved"}},
		{"192.88.99.1", []string{"ipv4 192.88.99.1 reserved"}},
		{"version 1.2.3.4.5 and 10.0.19041.1", nil},
		{"1.2.3", nil},
		{"v1.2.3.4 build1.2.3.4 1.2.3.4b", nil},
		{"OID 1.3.6.1.4.1.311", nil},
		{"4.3.2.1.in-addr.arpa", []string{"dns 4.3.2.1.in-addr.arpa special-use"}},
		{"range 10.0.0.1-10.0.0.255", []string{"ipv4 10.0.0.1 private", "ipv4 10.0.0.255 private"}},
		{"net 8.8.8.0/24", []string{"ipv4 8.8.8.0"}},
		{"010.000.000.001", []string{"ipv4 10.0.0.1 private"}},
		{"0177.0.0.1", []string{"ipv4 0177.0.0.1 ambiguous"}},
		{"01.2.3.4", []string{"ipv4 01.2.3.4 ambiguous"}},
		{"1[.]2[.]3[.]4", []string{"ipv4 1.2.3.4"}},
		{"5.6.7[.]8", []string{"ipv4 5.6.7.8"}},
		{"9(.)9(.)9(.)9 8{.}8{.}4{.}4", []string{"ipv4 9.9.9.9", "ipv4 8.8.4.4"}},
		{"1[dot]2[dot]3[dot]4 5(DOT)6(dot)7(dot)8", []string{"ipv4 1.2.3.4", "ipv4 5.6.7.8"}},
		{`93\.184\.216\.34 and 45 DOT 77 DOT 12 DOT 3`, []string{"ipv4 93.184.216.34", "ipv4 45.77.12.3"}},
		{"IPv4.Address=1.2.3.4", []string{"ipv4 1.2.3.4"}},
		{"«8.8.8.8» – 8.8.4.4…", []string{"ipv4 8.8.8.8", "ipv4 8.8.4.4"}},
		{"_1.2.3.4 1.2.3.4_", nil},
		// key:value with no space; the hex letters of the key do not hide
		// the value
		{"src:8.8.8.8 ip:193.29.57.161 client:45.134.26.79 -ip4:206.123.1.123", []string{"ipv4 8.8.8.8", "ipv4 193.29.57.161", "ipv4 45.134.26.79", "ipv4 206.123.1.123"}},
		{"for outside:91.92.93.94/51234 (91.92.93.94/51234) to inside:10.1.1.5/443", []string{"ipv4 91.92.93.94", "ipv4 91.92.93.94", "ipv4 10.1.1.5 private"}},
		{"CIP:91.92.93.94;CTRY:NL", []string{"ipv4 91.92.93.94"}},
	})
}
