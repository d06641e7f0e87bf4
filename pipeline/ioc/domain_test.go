package ioc

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestScanDomain(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		{"evil.com", []string{"dns evil.com"}},
		{"query: WWW.Evil-Site.CO.UK.", []string{"dns www.evil-site.co.uk"}},
		{"a.b.c.d.example.de", []string{"dns a.b.c.d.example.de"}},
		{"timb@microsoft.com; romead@microsoft.com", []string{"dns microsoft.com", "dns microsoft.com"}},
		{"_dmarc.evil.com", []string{"dns _dmarc.evil.com"}},
		{"--evil.com-", []string{"dns evil.com"}},
		// a multi-line SMTP reply's code before the host; not a name's own digits
		{`SENT: 250-mail.evil.com[nl]250-SIZE "250-mx.evil.org" 123-reg.co.uk 365-mail.evil.net`, []string{"dns mail.evil.com", "dns mx.evil.org", "dns 123-reg.co.uk", "dns 365-mail.evil.net"}},
		{"evil-.com -evil.com", []string{"dns evil.com"}},
		{"evil..com", nil},
		{".com", nil},
		{"e.g. i.e. U.S.A.", nil},
		{"3.14 and 2.0", nil},
		// the public suffix list
		{"foo.blogspot.com", []string{"dns foo.blogspot.com"}},
		{"blogspot.com", []string{"dns blogspot.com"}},
		{"user.github.io", []string{"dns user.github.io"}},
		{"co.uk", []string{"dns co.uk public-suffix"}},
		{"foo.ck www.foo.ck", []string{"dns foo.ck public-suffix", "dns www.foo.ck"}},
		{"host.corp server.lan box.home nas.localdomain", []string{"dns host.corp unknown-tld", "dns server.lan unknown-tld", "dns box.home unknown-tld", "dns nas.localdomain unknown-tld"}},
		{"cmd.exe kernel32.dll notes.txt run.ps1 data.json", []string{"dns cmd.exe unknown-tld", "dns kernel32.dll unknown-tld", "dns notes.txt unknown-tld", "dns data.json unknown-tld"}},
		{"example.com www.example.org api.example.net", []string{"dns example.com documentation", "dns www.example.org documentation", "dns api.example.net documentation"}},
		{"notexample.com", []string{"dns notexample.com"}},
		{"foo.example", []string{"dns foo.example documentation"}},
		{"a.test b.invalid c.localhost printer.local x.onion db.internal y.alt", []string{
			"dns a.test special-use", "dns b.invalid special-use", "dns c.localhost special-use",
			"dns printer.local special-use", "dns x.onion special-use", "dns db.internal special-use", "dns y.alt special-use"}},
		{"router.home.arpa", []string{"dns router.home.arpa special-use"}},
		{"1.0.0.127.in-addr.arpa", []string{"dns 1.0.0.127.in-addr.arpa special-use"}},
		// file-extension look-alikes, and the defanged exception
		{"setup.zip movie.mov run.sh readme.md script.py main.rs", []string{
			"dns setup.zip file-extension", "dns movie.mov file-extension", "dns run.sh file-extension",
			"dns readme.md file-extension", "dns script.py file-extension", "dns main.rs file-extension"}},
		{"invoice.one libssl.so Foo.java build.pl doc.ps update.cab installer.run", []string{
			"dns invoice.one file-extension", "dns libssl.so file-extension", "dns foo.java file-extension",
			"dns build.pl file-extension", "dns doc.ps file-extension", "dns update.cab file-extension", "dns installer.run file-extension"}},
		{"setup[.]zip readme[.]md", []string{"dns setup.zip", "dns readme.md"}},
		{"onet.pl", []string{"dns onet.pl file-extension"}},
		{"Calculator.app evil.com.ai", []string{"dns calculator.app", "dns evil.com.ai"}},
		// code identifiers
		{`CreateObject("Wscript.Shell")`, []string{"dns wscript.shell code-identifier"}},
		{"New-Object System.Net.WebClient; [System.IO.File]", []string{"dns system.net.webclient unknown-tld", "dns system.io.file unknown-tld"}},
		{"ADODB.Stream System.Net wscript[.]shell", []string{"dns adodb.stream code-identifier", "dns system.net code-identifier", "dns wscript.shell"}},
		// defanged
		{"evil[.]com", []string{"dns evil.com"}},
		{"evil(.)com evil{.}org", []string{"dns evil.com", "dns evil.org"}},
		{"evil[dot]com EVIL(DOT)NET", []string{"dns evil.com", "dns evil.net"}},
		{"sub[.]evil.co[.]uk", []string{"dns sub.evil.co.uk"}},
		{"admin[at]evil[.]com", []string{"dns evil.com"}},
		{"evil [.] com", nil},
		// more defanged styles: " DOT " (spaced, upper case) and "\."
		{"cdn-bad DOT org and www DOT static-cdn DOT ru", []string{"dns cdn-bad.org", "dns www.static-cdn.ru"}},
		{`regex cdn-bad\.org and (?i)^evil\.co\.uk$ setup\.zip`, []string{"dns cdn-bad.org", "dns evil.co.uk", "dns setup.zip"}},
		// ...after a pattern's "any subdomain" too; a Windows path's component after '\' is a file
		{`bypass list: .*\.acme\.org *\.evil\.com .+\.evil\.net C:\x\.config.app`, []string{"dns acme.org", "dns evil.com", "dns evil.net"}},
		{`"pattern":"MATCHES '@secure-docsign-review\\.net$'" "C:\\x\\.ssh"`, []string{"dns secure-docsign-review.net"}},
		{`sherbet-lumber{.}shop basket-twine{dot}click {"a":{"b":"c"}}`, []string{"dns sherbet-lumber.shop", "dns basket-twine.click"}},
		// a Windows folder that starts with a dot is no escaped dot
		{`"\Microsoft\Windows\.NET Framework\.NET Framework NGEN v4.0.30319" evil\.Com cdn-bad\.org`, []string{"dns cdn-bad.org"}},
		// a package and its version, a mailbox at a numbered domain
		{"install socket.io@4.7.5 and lodash.merge@4.6.2; mail j.kim@163.com", []string{"dns socket.io", "dns lodash.merge unknown-tld", "dns 163.com"}},
		// an account's user before '@' and a host: an address, a single word; not a tag, nor WebDAV's @SSL
		{`n.wang@10.20.6.14 on db; n.wang@analytics LOG; j.weber@ws042:~$ socket.io@latest files.evil.com@SSL`, []string{
			"ipv4 10.20.6.14 private", "dns socket.io", "dns files.evil.com"}},
		{"the dot com bubble, patch-check . org, evil dot com, US DOT (Transportation), DOTNET", nil},
		{`C:\Users\jdoe\.aws\credentials \\.\pipe\x`, nil},
		// key:value with no space: a key of hex letters is not read into
		// the value (host:bad-login.net was looked up as login.net)
		{"host:bad-login.net dst:cdn.evil.com sni:face.book.com", []string{"dns bad-login.net", "dns cdn.evil.com", "dns face.book.com"}},
		{"include:_spf.google.com a:smtp.evil.com H:mail.evil.com;PTR:abc.evil.com", []string{"dns _spf.google.com", "dns smtp.evil.com", "dns mail.evil.com", "dns abc.evil.com"}},
		// Unicode around and inside names
		{"«evil.com» “evil.net” —evil.org—", []string{"dns evil.com", "dns evil.net", "dns evil.org"}},
		{"请访问evil.com下载", []string{"dns evil.com"}},
		{"bücher.de", []string{"dns xn--bcher-kva.de"}},
		{"пример.рф", []string{"dns xn--e1afmkfd.xn--p1ai"}},
		{"xn--bcher-kva.de", []string{"dns xn--bcher-kva.de"}},
		{"例子.测试", []string{"dns xn--fsqu00a.xn--0zwm56d unknown-tld"}},
		{"évil.com", []string{"dns xn--vil-9la.com"}},
		// a Concordance load file quotes its fields with þ
		{"þACME-0004471þ\x14þaccounts@vendor-payments.coþ\x14þm.rossi@evil.comþ", []string{"dns vendor-payments.co", "dns evil.com"}},
		// right-to-left letters do not share a label with ASCII letters (IDNA's
		// Bidi rule): a Hebrew prefix joined by a hyphen; an RTL label may hold digits
		{"החוקר חסם את הגישה ל-update-check.xyz ו-evil.com", []string{"dns update-check.xyz", "dns evil.com"}},
		{"مو2قع.com زيارةevil.net", []string{"dns xn--2-0nc0akp.com", "dns evil.net"}},
		// a capitalised last label after a lower-case one, in any script: Russian's
		// г.Москва (a city, after "г." for город) is no name; a name in lower case is
		{"филиал г.Москва, ул.Тверская; сайт сбер.рф", []string{"dns xn--c1a.xn--80adxhks code-identifier", "dns xn--k1ap.xn--80adju3agd4i unknown-tld", "dns xn--90ai7ab.xn--p1ai"}},
		// lengths
		{strings.Repeat("a", 63) + ".com", []string{"dns " + strings.Repeat("a", 63) + ".com"}},
		{strings.Repeat("a", 64) + ".com", []string{"sha256_hash " + strings.Repeat("a", 64) + " low-entropy"}},
		{strings.Repeat("abcdefghi.", 26) + "com", nil},
		{"tsetup.1.0.14.tmp perfc.dat delme.b64", []string{"dns tsetup.1.0.14.tmp unknown-tld", "dns perfc.dat unknown-tld"}},
	})
}

func TestScanWireNames(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		{"UDP Rcv 10.160.1.9 a1b2 Q [0001 D NOERROR] A (3)www(7)cdn-bad(3)org(0)", []string{"ipv4 10.160.1.9 private", "dns www.cdn-bad.org"}},
		{"TXT (12)8f3a2c1d9e7b(1)t(12)dnslog-exfil(3)xyz(0) SRV (5)_ldap(4)_tcp(2)dc(6)_msdcs(4)acme(5)local(0)", []string{
			"dns 8f3a2c1d9e7b.t.dnslog-exfil.xyz", "dns _ldap._tcp.dc._msdcs.acme.local special-use"}},
		// a query is a query: readme.md is the domain here
		{"A (6)readme(2)md(0)", []string{"dns readme.md"}},
		// lengths must match; one label is no name
		{"(4)wpad(0) (3)www(8)cdn-bad(3)org(0) (2)ab(3)com see (1) and (2)", nil},
	})
}

// TestMayBeTLD checks that the cheap test before a name is built refuses
// only last labels that building the name would refuse too.
func TestMayBeTLD(t *testing.T) {
	labels := []string{"com", "COM", "org-", "net_", "io", "318Z", "3cz", "c0m", "x", "X-", "1", "--", "",
		"xn--p1ai", "XN--P1AI", "xn--", "рф", "рф1", "例え", "de_", "a1-", "exe", "v2"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "abcXYZ019-_"
	for range 20000 {
		b := make([]byte, 1+rng.IntN(6))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		labels = append(labels, string(b))
	}
	for _, l := range labels {
		if mayBeTLD([]byte(l)) {
			continue
		}
		name := strings.TrimRight("evil."+l, "-_")
		if _, _, ok := buildName(nil, []byte(name), 2); ok {
			t.Errorf("mayBeTLD(%q) = false, but %q builds as a name", l, name)
		}
	}
	for _, l := range []string{"com", "xn--p1ai", "рф", "org-"} {
		if !mayBeTLD([]byte(l)) {
			t.Errorf("mayBeTLD(%q) = false, want true", l)
		}
	}
}
