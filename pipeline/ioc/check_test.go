package ioc

import "testing"

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Type
	}{
		{"8.8.8.8", IPv4},
		{" 8[.]8[.]8[.]8 ", IPv4},
		{"0177.0.0.1", IPv4},
		{"::ffff:1.2.3.4", IPv4},
		{"2001:db8::1", IPv6},
		{"[2001:db8::1]", IPv6},
		{"fe80::1%eth0", IPv6},
		{"evil.com", DNS},
		{"evil[.]com.", DNS},
		{"server", DNS},
		{"bücher.de", DNS},
		{"http://evil.com/x y", Unknown},
		{"hxxp://evil[.]com/x", URL},
		{md5a, MD5},
		{sha1a, SHA1},
		{sha256a, SHA256},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", MD5},
		{"12345", Unknown},
		{"1.2.3", Unknown},
		{"12:30:45", Unknown},
		{"hello world", Unknown},
		{"", Unknown},
		{"::", IPv6}, // a whole value: the unspecified address (Check screens it)
	} {
		if got := Classify(c.in); got != c.want {
			t.Errorf("Classify(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	skip, err := NewSkipList("google.com", "8.8.8.0/24")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{SkipList: skip}
	for _, c := range []struct {
		t             Type
		in            string
		value, reason string
	}{
		{IPv4, "8.8.4.4", "8.8.4.4", ""},
		{IPv4, "8.8.8.8", "8.8.8.8", ReasonSkipList},
		{IPv4, "010.000.000.001", "10.0.0.1", ReasonPrivate},
		{IPv4, "0177.0.0.1", "0177.0.0.1", ReasonAmbiguous},
		{IPv4, "1.2.3.4.5", "1.2.3.4.5", ReasonInvalid},
		{IPv4, "::ffff:8.8.4.4", "8.8.4.4", ""},
		{IPv6, "::ffff:8.8.4.4", "::ffff:8.8.4.4", ""},
		{IPv6, "2001:0DB8:0:0::1", "2001:db8::1", ReasonDocumentation},
		{IPv6, "[2606:4700::1111]", "2606:4700::1111", ""},
		{IPv6, "8.8.4.4", "8.8.4.4", ReasonInvalid},
		{IPv6, "::", "::", ReasonUnspecified},
		{DNS, "WWW.Evil.com.", "www.evil.com", ""},
		{DNS, "mail.google.com", "mail.google.com", ReasonSkipList},
		{DNS, "readme.md", "readme.md", ""}, // a whole value: the user means the domain
		{DNS, "Wscript.Shell", "wscript.shell", ""},
		{DNS, "server", "server", ReasonUnqualified},
		{DNS, "cmd.exe", "cmd.exe", ReasonUnknownTLD},
		{DNS, "evil..com", "evil..com", ReasonInvalid},
		{DNS, "1.2.3.4", "1.2.3.4", ReasonInvalid},
		{URL, "hxxps://Evil[.]COM/A", "https://evil.com/A", ""},
		{URL, "http://google.com/search?q=x", "http://google.com/search?q=x", ReasonSkipList},
		{URL, "http://evil.com/a.", "http://evil.com/a.", ""},
		{URL, "file:///etc/passwd", "file:///etc/passwd", ReasonUnsupportedScheme},
		{URL, "evil.com/x", "evil.com/x", ReasonInvalid},
		{URL, " http://evil.com/x ", "http://evil.com/x", ""},
		{MD5, md5a, md5a, ""},
		{MD5, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ReasonLowEntropy},
		{SHA1, md5a, md5a, ReasonInvalid},
		{MD5, md5a + "0", md5a + "0", ReasonPartOfLongerHex},
		{SHA256, sha256a + "zz", sha256a + "zz", ReasonInvalid},
		{Unknown, "x", "x", ReasonInvalid},
	} {
		v, r := Check(c.t, c.in, cfg)
		if v != c.value || r != c.reason {
			t.Errorf("Check(%v, %q) = %q, %q; want %q, %q", c.t, c.in, v, r, c.value, c.reason)
		}
	}
}

// TestCheckNoScreen: Config.NoScreen lets every valid whole value through,
// but not what VirusTotal cannot look up at all.
func TestCheckNoScreen(t *testing.T) {
	skip, err := NewSkipList("evil.com")
	if err != nil {
		t.Fatal(err)
	}
	e := NewExtractor(Config{NoScreen: true, SkipList: skip})
	for _, c := range []struct {
		t             Type
		in            string
		value, reason string
	}{
		{DNS, "evil.example.org", "evil.example.org", ""},
		{DNS, "intranet.corp", "intranet.corp", ""},
		{DNS, "www.evil.com", "www.evil.com", ""},
		{IPv4, "10.1.2.3", "10.1.2.3", ""},
		{IPv6, "fe80::1", "fe80::1", ""},
		{MD5, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ""},
		{URL, "http://localhost/x", "http://localhost/x", ""},
		{URL, "ldap://evil.com/x", "ldap://evil.com/x", ReasonUnsupportedScheme},
		{MD5, md5a + "0", md5a + "0", ReasonPartOfLongerHex},
		{DNS, "evil..com", "", ReasonInvalid},
	} {
		v, r := e.Check(c.t, []byte(c.in))
		if string(v) != c.value || r != c.reason {
			t.Errorf("NoScreen Check(%v, %q) = %q, %q; want %q, %q", c.t, c.in, v, r, c.value, c.reason)
		}
	}
	if got := e.Classify([]byte("10.1.2.3")); got != IPv4 {
		t.Errorf("NoScreen Classify = %v, want ipv4", got)
	}
}
