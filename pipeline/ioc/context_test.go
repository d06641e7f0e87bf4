package ioc

import (
	"strings"
	"testing"
)

func TestScanVersions(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// a template parameter's name and value (AWS Config's conformance pack); an address parameter's stays one
		{`[{"ParameterName":"TemplateVersion","ParameterValue":"3.2.1.4"},{"ParameterName":"AllowedIp","ParameterValue":"8.8.8.8"}]`, []string{"ipv4 8.8.8.8"}},
		// a quoted CSV cell naming a browser before the quad's cell (an extension inventory's row)
		{`"Coupon Hunter Pro","ojcb","Extension","Chrome","5.12.0.3","87" "Host","8.8.8.8"`, []string{"ipv4 8.8.8.8"}},
		// a record's key with "ver" glued, beside that key and a "ver" key of its own (Aspera's peerver); server= names a server
		{`ascp: peer=10.40.14.23:33001 ver=4.4.1.110 peerver=4.2.8.155 x; server=8.8.8.8`, []string{"ipv4 10.40.14.23 private", "ipv4 8.8.8.8"}},
		// a package named with its version in running text (Bundler); a host's word or a quoted value's key glues an address
		{`Could not find rack-3.0.9.1 in locally installed gems; peer host-8.8.8.8 {"peer":"cam-1.1.1.1"}`, []string{"ipv4 8.8.8.8", "ipv4 1.1.1.1"}},
		// a Maven coordinate's version (Gradle); a key and its address have no artifact between, a URL's port no group
		{`Could not find com.acme.ledger:fx-rates:4.2.0.1. peer:8.8.8.8 tcp:outside:1.1.1.1 x/y:z:9.9.9.9`, []string{"ipv4 8.8.8.8", "ipv4 1.1.1.1", "ipv4 9.9.9.9"}},
		// ...nor a host's port before an address (curl's --resolve, ssh's -L)
		{"curl --resolve evil.com:443:185.220.101.4 x; ssh -L proxy.evil.io:8080:185.220.101.5:22", []string{"dns evil.com", "ipv4 185.220.101.4", "dns proxy.evil.io", "ipv4 185.220.101.5"}},
		// a version under PHP's serialize() key, its quotes escaped too (a WordPress option); another key's quad is an address
		{`'a:1:{s:7:\"version\";s:7:\"4.1.2.0\";}' a:2:{s:7:"version";s:7:"4.1.2.1";s:4:"peer";s:7:"8.8.8.8";}`, []string{"ipv4 8.8.8.8"}},
		// a product and its version as an element's text (an RSS feed's generator); a path's segment is no product
		{`<generator>acme-feedkit/4.2.0.1</generator> GET /api/ip/8.8.8.8`, []string{"ipv4 8.8.8.8"}},
		// a package named with a version of three numbers after a word introducing one or a list's mark, and its later mentions (WhisperX, pnpm);
		// a host's address or TTL after it, or no such word before, leaves a host
		{"trained with pyannote.audio 0.0.1, yours is 3.1.1; revert pyannote.audio to 0.x; reply evil.com 8.8.8.8; evil.net 300 IN A; login evil.io 1.2.3", []string{
			"dns pyannote.audio code-identifier", "dns pyannote.audio code-identifier", "dns evil.com", "ipv4 8.8.8.8", "dns evil.net", "dns evil.io"}},
		{"+ socket.io 4.7.5", []string{"dns socket.io code-identifier"}},
		// a component after a list's item and its version (an overlay's); after an address, a host
		{"(widget v4.12.0.3, socket.io 4.7.5) hosts 8.8.8.8, evil.io 1.2.3", []string{"dns socket.io code-identifier", "ipv4 8.8.8.8", "dns evil.io"}},
		// ...not a request's protocol or a browser's token, nor a date in dots
		{"GET /gate.php HTTP/1.1 evil-c2.ru 1.2.0; detections: Trojan.Agent 1.2, evil.ru 12.03.2024", []string{"dns evil-c2.ru", "dns trojan.agent unknown-tld", "dns evil.ru"}},
		// a component after a product token in a client's list; a path or a bare version before leaves a host
		{"client=tadpoles-web/2024.3.11 socket.io 4.7.5 transport=websocket; GET /api/v2 evil.io 1.2.3; ver 2024.3.11 evil.co 1.2.3", []string{
			"dns socket.io code-identifier", "dns evil.io", "dns evil.co"}},
		// a version key's unquoted value, the quad glued in its token (TrueNAS); another key's stays an address
		{`current version: TrueNAS-SCALE-22.12.4.1, new version: TrueNAS-SCALE-22.12.4.2 peer: host-8.8.8.8, x`, []string{"ipv4 8.8.8.8"}},
		// a product token of dotted brand words, one starting in lower case before a capital (DocuSign.eSign); a host's path stays one
		{`"userAgent":"DocuSign.eSign/6.8.0.0 (.NET 8.0.2; Windows)" GET cdn.evil.com/1.2.3.4`, []string{"dns docusign.esign unknown-tld", "dns cdn.evil.com", "ipv4 1.2.3.4"}},
		// a form field's default value is its pair's value (Acrobat Sign); an address field's stays an address
		{`{"fieldName":"ContractVersion","defaultValue":"4.2.0.1"} {"fieldName":"ServerIP","defaultValue":"8.8.8.8"}`, []string{"ipv4 8.8.8.8"}},
		// a quoted CSV cell naming a version before the values' cells (Veeva's audit trail); another label's stay addresses
		{`"Document","Software Version","4.2.1.0","4.2.2.0","" "Remote Host","8.8.8.8","1.1.1.1" "Chrome 124.0.0.0","37.120.222.5"`, []string{"ipv4 8.8.8.8", "ipv4 1.1.1.1", "ipv4 37.120.222.5"}},
		// a version word before a value in angle brackets; another word's stays an address
		{`Loading plug-in <C:\x\ComHTTP.dll> version <2.10.1.0> peer <8.8.4.4>`, []string{"ipv4 8.8.4.4"}},
		// a change's sides under the field's object, its key numbered (Snipe-IT's custom fields); an address field's stay addresses
		{`{"_snipeit_firmware_version_4":{"old":"2.4.1.0","new":"2.5.0.3"},"ip_4":{"old":"8.8.8.8","new":"1.2.3.4"}}`, []string{"ipv4 8.8.8.8", "ipv4 1.2.3.4"}},
		// a version word glued by '#' (FIAS's field id V#); another word's '#' glues no version
		{`LD|DA240414|TI091500|V#8.14.6.0|IFPB| Build#10.1.2.3 host#10.1.2.4 #8.8.8.8`, []string{"ipv4 10.1.2.4 private", "ipv4 8.8.8.8"}},
		// an image's tag is its version (Falco's fields); an image's own value is not
		{`container_image_tag=3.8.2.1 "container.image.tag":"3.8.2.1" {"imageTag":"3.8.2.1"} "image":"3.8.2.2"`, []string{"dns container.image.tag unknown-tld", "ipv4 3.8.2.2"}},
		// pairs: Sysmon's rendered JSON, Entra's modified properties with the value in a string's array
		{`{"@Name":"FileVersion","#text":"8.0.10.0"} {"displayName":"DeviceOSVersion","oldValue":"[\"14.4.1\"]","newValue":"[\"14.5.0.0\"]"}`, nil},
		// the last component of a Windows path too: an AppLocker Fqbn's file version
		{`O=ANYDESK SOFTWARE GMBH\ANYDESK\ANYDESK.EXE\8.0.10.0`, nil},
		// a command's switch /v: names a server, ?v= a version
		{`mstsc "/v:""91.215.85.142""" app.js?v=1.2.3.4`, []string{"ipv4 91.215.85.142", "dns app.js unknown-tld"}},
		{"grep -v 8.8.8.8 | grep -v 0.0.0.0 -v:93.184.216.34", []string{"ipv4 8.8.8.8", "ipv4 0.0.0.0 unspecified", "ipv4 93.184.216.34"}},
		// after a product token and a slash, as in user agents
		{"Mozilla/5.0 (Windows NT 10.0) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0", nil},
		{"+Chrome/120.0.0.0+Safari/537.36 OPR/105.0.0.0", nil},
		// a package named by capitalised dotted words, in a registry's path too; a host or a word is no product
		{`"PUT /repository/nuget-hosted/Acme.Shop.Core/1.4.3.0 HTTP/1.1" Newtonsoft.Json/13.0.3.1 cdn.evil.com/93.184.216.34 x.Y/1.2.3.4`, []string{
			"dns newtonsoft.json unknown-tld", "dns cdn.evil.com", "ipv4 93.184.216.34", "ipv4 1.2.3.4"}},
		{"Mozilla/5.0%20(Windows%20NT%2010.0)%20Chrome/124.0.0.0%20Safari/537.36", nil}, // CloudFront, S3
		{"<Version>10.0.19045.1</Version><ProductVersion>4.0.0.0</ProductVersion><IpAddress>93.184.216.34</IpAddress>", []string{"ipv4 93.184.216.34"}},
		{"CEF:0|x|y|1|2|n|3|cs2Label=ProductVersion cs2=10.7.0.6 cs3=93.184.216.34 cs3Label=PeerAddress", []string{"ipv4 93.184.216.34"}},
		{"url=x/release-7.4.1.0/lib.so Affects Version/s: 3.11.0.2 | NetScaler NS13.1: Build 49.15.nc, ORM core version 6.4.1.Final fw=93.184.216.34 see 163.com", []string{
			"ipv4 93.184.216.34", "dns 163.com"}},
		// a key glued before its value in brackets (IBM MQ's inserts); three
		// numbers before a TLD make a version and its qualifier anywhere
		// (JBoss), two are a name (163.com) without a version word
		{"VRMF(9.3.0.15) Host(45.1.2.3) (1.2.3.5) JBoss EAP 7.4.14.GA starting; 1.2.cn", []string{"ipv4 45.1.2.3", "ipv4 1.2.3.5", "dns 1.2.cn"}},
		{`"ua":"Mozilla\/5.0 Chrome\/120.0.0.0 Safari\/537.36"`, nil},
		// ...but not after a Squid hierarchy code, inside a path, or
		// before a port
		{"HIER_DIRECT/93.184.216.34 FIRSTUP_PARENT/45.77.12.3", []string{"ipv4 93.184.216.34", "ipv4 45.77.12.3"}},
		// a Windows TCP/IP printer port is named by its printer's address;
		// other words glued by '_' still make a version
		{"<Param6>IP_91.215.85.62</Param6> port IP_10.20.7.55 SKIP_1.2.3.4 lib_1.2.3.4", []string{"ipv4 91.215.85.62", "ipv4 10.20.7.55 private"}},
		// reg query's "name    TYPE    data": the value's name is its key
		{"    DisplayVersion    REG_SZ    10.0.19041.1\n    Server    REG_SZ    91.215.85.62", []string{"ipv4 91.215.85.62"}},
		{"GET /api/ip/8.8.8.8 HTTP/1.1", []string{"ipv4 8.8.8.8"}},
		{"denied tcp outside/45.141.84.120(60211) -> inside/10.1.1.1(22)", []string{"ipv4 45.141.84.120", "ipv4 10.1.1.1 private"}},
		{"jdoe/91.196.152.34:48211 MULTI", []string{"ipv4 91.196.152.34"}},
		// after a key or word that names a version
		{"System.Net.Http, Version=4.0.0.0, Culture=neutral", []string{"dns system.net.http unknown-tld"}},
		{"app.js?v=1.2.3.4 site.css?ver=6.4.3.1&x=1", []string{"dns app.js unknown-tld", "dns site.css unknown-tld"}},
		{`{"version":"1.14.2.0","agent.version":"8.11.1.0","FileVersion": "2.4.1.0"}`, nil},
		{"Upgrading firmware 2.4.1.0 to 2.5.0.3; Version 3.2.1.0 and 3.3.0.0", nil},
		// ...or set against it, a mismatch (Triton's TensorRT); not against an address
		{"expecting library version 8.6.1.6 got 8.5.3.1; version 8.6.1.6, got 8.5.3.2; firmware 1.2.3.4 vs 1.2.3.5; peer 1.2.3.4, got 1.2.3.6", []string{"ipv4 1.2.3.4", "ipv4 1.2.3.6"}},
		// a version key and its value percent-encoded (Jira's JQL), a change's "key" (Jira's audit)
		{`jql=fixVersion%20%3D%20%222.4.1.7%22 host%3D45.1.2.3 {"from":"","key":"Version","to":"2.4.1.8"} {"key":"Host","to":"45.1.2.4"}`, []string{"ipv4 45.1.2.3", "ipv4 45.1.2.4"}},
		// a release and the commit it was built from (RoomOS); not an address before other hex or digits
		{`"RoomOS 11.14.1.5 8e3c2b7f1d0" src 45.1.2.3 1234567 dst 45.1.2.4 deadbeefcafe1`, []string{"ipv4 45.1.2.3", "ipv4 45.1.2.4"}},
		// a key ending in "build" (App Center, Raygun); a build in brackets after
		// its version, not an address after one; a package's folder in a path
		{`"AppBuild":"5.3.0.203","appBuild":"5.3.0.204" "appVersion":"5.3.0 (5.3.0.205)" Home Assistant 2024.5.3 (45.1.2.3) /gems/activerecord-7.1.3.2/lib/x.rb x-45.1.2.4/y`, []string{
			"ipv4 45.1.2.3", "ipv4 45.1.2.4"}},
		// a DICOM dump's keyword after the value (DCMTK), and a detail's type
		// before it (DICOM audit messages)
		{"(0018,1020) LO [2.1.0.12]   #   8, 1 SoftwareVersions\n(0008,0080) LO [45.1.2.3]   #  8, 1 StationAddress\n" +
			`<ParticipantObjectDetail type="Version" value="5.31.2.1"/><ParticipantObjectDetail type="Host" value="45.31.2.1"/>`, []string{"ipv4 45.1.2.3", "ipv4 45.31.2.1"}},
		// products and their versions listed under a key naming versions
		// (Scrapy); a list under another key, or prose, holds addresses
		{"Versions: lxml 5.2.1.0, libxml2 2.12.6, Twisted 24.3.1.0, parsel 1.9.1\nversions=a 1.2.3.4\nPeers: relay 45.6.7.8, core 45.6.7.9\nVersions: (x) a 45.1.1.1", []string{
			"ipv4 45.6.7.8", "ipv4 45.6.7.9", "ipv4 45.1.1.1"}},
		// an object identifier under its key
		{`Syntax (OID): 2.5.5.12 {"oid":"2.5.4.3"} <Data Name='AttributeSyntaxOID'>2.5.5.14</Data> attributeSyntax=2.5.5.4 ip: 2.5.5.13 avoid=2.5.5.16 syntax=2.5.5.17`, []string{"ipv4 2.5.5.13", "ipv4 2.5.5.16", "ipv4 2.5.5.17"}},
		// ...and a member of an OID's object (sslyze)
		{`"oid":{"name":"commonName","dotted_string":"2.5.4.3"},"peer":{"dotted_string":"2.5.4.4"}`, []string{"ipv4 2.5.4.4"}},
		// a word qualifying a version word ends the key, a number after it or not (the TPM's)
		{`{"ManufacturerVersionFull20":"7.2.3.1","versionRaw":"7.2.3.2","version_value":"7.2.3.3","hostFull":"7.2.3.4","softwareBuildID":"7.2.3.5","firmware_version":"cam-7.2.3.6","peer":"cam-7.2.3.7"}`, []string{"ipv4 7.2.3.4", "ipv4 7.2.3.7"}},
		// "Ver" or "Rev" as a camel-case key's last word (IEEE 2030.5's swVer); a server's, one word, or "swver" in lower case, stay addresses
		{`<swVer>4.1.0.22</swVer><mfVer>3.12.0.1</mfVer> fwRev=1.2.3.4 relayServer=8.8.8.8 swver=1.2.3.5`, []string{"ipv4 8.8.8.8", "ipv4 1.2.3.5"}},
		{`{"integrationVersion":"campspot-connector-3.14.2.7"}`, nil},                               // (a version key longer than 16 bytes, the quad glued by '-')
		{`fwRev=185.220.101.4 swVer=5.2.0.14:443`, []string{"ipv4 185.220.101.4", "ipv4 5.2.0.14"}}, // (an address's large parts, a port: a reverse lookup's)
		// ...or which of its versions (StanForD's ApplicationVersionCreated); a product's name before the quad in a version element's text
		{`rev_target=185.220.101.4 release_target=185.220.101.5 Firmware current: 185.220.101.6`, []string{"ipv4 185.220.101.4", "ipv4 185.220.101.5", "ipv4 185.220.101.6"}}, // (not after build, release, rev or firmware)
		{`<ApplicationVersionCreated>5.31.2.7</ApplicationVersionCreated> FirmwareVersionInstalled=5.31.2.8 <MachineApplicationVersion>Opti5G 4.12.30.1</MachineApplicationVersion> <Peer>Gateway 4.12.30.2</Peer> hostCreated=5.31.2.9`, []string{
			"ipv4 4.12.30.2", "ipv4 5.31.2.9"}},
		// a version key glued before its value in brackets (Gravitee); another key's
		{"API id[243b8fa6] name[Orders API] version[1.4.2.0] host[7.2.4.10] [7.2.4.11]", []string{"ipv4 7.2.4.10", "ipv4 7.2.4.11"}},
		// a runtime's, a framework's or a library's name and a space (Puma's banner, BRAdmin's database); not a cluster's node
		{"=> Rails 6.1.7.7 application starting; Python 3.11.4.1; OpenSSL 3.0.13.1; database SQLite 3.45.1.0; node 7.2.4.12 joined", []string{"ipv4 7.2.4.12"}},
		// MISMO's pairs, their attributes' names after '_'
		{`<KEY _Name="LOS_Version" _Value="23.2.0.8"/><KEY _Name="ClientIP" _Value="93.184.216.34"/>`, []string{"ipv4 93.184.216.34"}},
		// a value element named by its parent's Name attribute (TestStand's report XML)
		{`<Prop Name='EngineVersion' Type='String' Flags='0x0'><Value>23.5.0.119</Value></Prop><Prop Name='Host' Type='String'><Value>93.184.216.34</Value></Prop>`, []string{"ipv4 93.184.216.34"}},
		// a list of products and their versions, one plainly a version (Proofpoint's header); a list of addresses is not
		{`X-Proofpoint-Virus-Version: vendor=baseguard engine=ICAP:2.0.272,Aquarius:18.0.1011,Hydra:6.0.619,FMLib:17.11.176.26 definitions=2024-03-12_06 peers=a:93.184.216.34,b:93.184.216.35`, []string{"ipv4 93.184.216.34", "ipv4 93.184.216.35"}},
		// a member after an index's or a selector's bracket (ENOVIA MQL); a defanged "[.]" joins a host
		{"select current owner from[EBOM].to.name dump; mail.acme[.]evil.com", []string{"dns to.name code-identifier", "dns mail.acme.evil.com"}},
		// an app's id in reverse-DNS order before its version; a host before a path stays a host
		{"app=com.rubicon.driver/6.14.0.2 x=cdn.evil.com/93.184.216.34", []string{"dns cdn.evil.com", "ipv4 93.184.216.34"}},
		// an app's name and version as a whole value under a key naming an app or a client (Hydrawise); a path after it, or another key, leaves a host
		{`{"app":"hydrawise.android/3.12.0"} app=cdn.evil.com/1.2/x.js x=evil.app/1.2`, []string{"dns cdn.evil.com", "dns evil.app"}},
		{`{"app":"atc.level5.kiosk/5.2.0.14"} {"x":"cdn.evil.io/5.2.0.15"}`, []string{"dns cdn.evil.io", "ipv4 5.2.0.15"}}, // (its version a quad too)
		{`{"app":"evilhost.net/45.137.21.9"}`, []string{"ipv4 45.137.21.9"}},                                               // (an address's large parts)
		{`{"ua":"evil-c2.ru/1.0"} client=evil.ru/1.2.3 status=200`, []string{"dns evil-c2.ru", "dns evil.ru"}},             // (a user agent's or a client's is the sender's to write)
		// a product of two words in a list of versions (SatNOGS); a version label before a bracket (F Prime); a property's Get (ASCOM)
		{"Versions: satnogs-client 1.9.3, gr-satnogs 2.3.5.0, GNU Radio 3.10.9.2, SoapySDR 0.8.1; Project Version: [2.1.0.14]; Host: [93.184.216.34]", []string{"ipv4 93.184.216.34"}},
		// ...a number between is a key's value, no product's name (a cache-buster's v=248, then a proxy's address)
		{"fetch /x?v=248 via proxy 193.42.33.17:3128; version=2 proxy 8.8.8.8", []string{"ipv4 193.42.33.17", "ipv4 8.8.8.8"}},
		// ...or in brackets, no key, every item before plainly a version and this one a product's (ftrack's client); a role's address, or after an address, is one
		{"(ftrack-python-api 2.5.4, Python 3.7.9, PySide2 5.15.2.1) (accel-ppp 1.12.0, relay 10.255.0.12) (gateway 10.40.7.12, Kafka 8.8.8.8)", []string{
			"ipv4 10.255.0.12 private", "ipv4 10.40.7.12 private", "ipv4 8.8.8.8"}},
		// ...or in prose after a word introducing a list (a vision runtime's start); a resolver's addresses, or a role's after a version, stay addresses
		{"started with Python 3.11.8, OpenCV 4.9.0.80, onnxruntime-gpu 1.17.1; resolved with Google 8.8.8.8, Cloudflare 1.1.1.1; with relay 3.1.2, peer 45.1.2.3", []string{
			"ipv4 8.8.8.8", "ipv4 1.1.1.1", "ipv4 45.1.2.3"}},
		// ...a capitalised product's name too (Cantaloupe's start); a version word in Italian before a quad
		{"with TurboJPEG 3.0.1, Kakadu 8.4.1.0; client=10.20.8.45 versione 3.2.0.7; with OpenSSL 3.0.2, Listener 45.1.2.3", []string{"ipv4 10.20.8.45 private", "ipv4 45.1.2.3"}},
		// a bracketed build commit after a product's quad of small parts, no platform after (DataWedge, Tecniplast DVC); an address's large parts stay one
		{"DataWedge 11.3.28.0 [8e3c2b7f1d] ready; DVC Analytics Server 7.4.1.0 [c5d2b6e1] starting; Blocked 185.220.101.4 [3fa9c1b2]", []string{"ipv4 185.220.101.4"}},
		// ...an action's or an address's word before small parts leaves an address
		{"Blocked 5.45.62.18 [3fa9c1b2]; Host 5.45.62.19 [0f1e2d3c] quarantined; C2 Callback 5.45.62.20 [a91c0e7d] ok; Alert 5.45.62.21 [a91c0e7d]", []string{
			"ipv4 5.45.62.18", "ipv4 5.45.62.19", "ipv4 5.45.62.20", "ipv4 5.45.62.21"}},
		{"using wkhtmltopdf 0.12.6, Qt 5.15.2.1 in 2.21s", nil}, // (a product's name of two letters)
		{"using wkhtmltopdf 0.12.6 (with patched qt), Qt 5.15.2.1 -> /var; with relay (8.8.8.8), Google 8.8.4.4", []string{"ipv4 8.8.8.8", "ipv4 8.8.4.4"}}, // (a remark in brackets after an item's version)
		{"Versions: agent 3.2.1 (build 4471), relay 185.220.101.4; established with AnyConnect 23.94.5.17, DTLS 1.2; using RDPv10 23.94.5.18, CredSSP 6.0", []string{
			"ipv4 185.220.101.4", "ipv4 23.94.5.17", "ipv4 23.94.5.18"}}, // (a remark with a number; a VPN's or a protocol's name; a protocol after)
		{"engine OpenALPR 2.3.0 started with OpenCV 4.9.0.80, Tesseract 5.3.4; beacon using Relay 45.1.2.3, Tor 0.4.8", []string{"ipv4 45.1.2.3"}}, // (the first item, later ones plainly versions; an address's word)
		{`Staged C:\ProgramData\Kiosk\app-6.4.3.0\Kiosk.exe; C:\x\host-45.1.2.3\y`, []string{"ipv4 45.1.2.3"}},                                     // (a package's folder in a Windows path; a host's word glues its address)
		{`C:\Windows\Temp\dump-185.220.101.4\lsass.dmp`, []string{"ipv4 185.220.101.4"}},                                                           // (a loot folder per target: an address's large parts)
		{"session with RemoteIP 185.220.101.4, TLS 1.2; with NordVPN 5.42.65.22, WireGuard 1.0.2; running Sliver 5.42.65.23, Go 1.21.3; with AWS 5.42.65.24, TLS 1.3", []string{
			"ipv4 185.220.101.4", "ipv4 5.42.65.22", "ipv4 5.42.65.23", "ipv4 5.42.65.24"}}, // (an address's word, a plain word, a protocol after)
		// a product's name and version quoted under an app's key (a stall POS's Z-report); an address's large parts stay an address
		{`cashier=k.abara app="StallPOS 5.8.1.4 [a91c0e7d2f]" app="Relay 185.220.101.4"`, []string{"ipv4 185.220.101.4"}},
		{`{"sdk":"twilio-php 8.0.1.2"} {"app":"relay 5.45.62.18"}`, []string{"ipv4 5.45.62.18"}},                                 // (a package's name under an SDK's key; a relay's address)
		{`sdk="square-java-sdk 37.1.0.2" {"sdk":"evil-tool 45.137.21.9"}`, []string{"ipv4 45.137.21.9"}},                         // (an SDK package's parts under 100)
		{`{"sdk":"grpc-proxy 45.9.74.32"} {"sdk":"okhttp-client 80.66.75.36"}`, []string{"ipv4 45.9.74.32", "ipv4 80.66.75.36"}}, // (an address word in the package, a tail past a build's)
		{`{"app":"openvpn 23.94.51.7"} app="nc 23.94.51.8 4444" {"application":"Tunnel 23.94.51.9:443"} {"app":"nc.exe 23.94.51.10"} {"app":"exfil 5.45.62.17/upload"}`, []string{
			"ipv4 23.94.51.7", "ipv4 23.94.51.8", "ipv4 23.94.51.9", "dns nc.exe unknown-tld", "ipv4 23.94.51.10", "ipv4 5.45.62.17"}}, // (a tool's word, a port or a path after, a file's name)
		{`{"app":"SSH 5.45.62.18:22"} {"app":"AnyDesk 5.45.62.19"} client (curl 8.4.0, Via 5.45.62.20)`, []string{"ipv4 5.45.62.18", "ipv4 5.45.62.19", "ipv4 5.45.62.20"}}, // (a remote session's protocol or tool, a proxy chain's hop)
		// ...but a capitalised word before a quad with a public address's large parts, or a word of an address, names an address
		{"New sign-in (Chrome 122.0, Windows 10.0, Source 185.220.101.4); beacon built with Go 1.21.5, Callback 45.142.212.61; with CAPE 2.4, Primary 5.8.18.7", []string{
			"ipv4 185.220.101.4", "ipv4 45.142.212.61", "ipv4 5.8.18.7"}},
		{"hosted on Versio 185.220.101.4 (AS200020)", []string{"ipv4 185.220.101.4"}}, // (Finnish's version word is a Dutch host's company)
		// ...an address's word before the quad makes it an address, in prose or in brackets
		{"sign-in from device running iOS 17.4, IP 185.220.101.4; session (Chrome 122.0, IP 185.220.101.5); beacon using TLS 1.2, C2 185.220.101.6", []string{
			"ipv4 185.220.101.4", "ipv4 185.220.101.5", "ipv4 185.220.101.6"}},
		// a build's commit in square brackets after a product's version (Arnold); an address and its session's id
		{"| Arnold 7.2.5.2 [c5c2b6d5] windows x86_64; addr 8.8.8.8 [c5c2b6d5]", []string{"ipv4 8.8.8.8"}},
		{"Blocked 185.220.101.4 [3fa9c1b2] x; (sample 1.0.2, Host 185.220.101.5)", []string{"ipv4 185.220.101.4", "ipv4 185.220.101.5"}}, // no platform after the commit; no product's name
		// a gem's version in a Rails backtrace, a source file and its line after it; a host's address in brackets
		{"FATAL -- : activerecord (7.1.3.2) lib/active_record/base.rb:57:in `x'; host (8.8.8.8) lib x", []string{"ipv4 8.8.8.8"}},
		{"21:14:05.317 DriverVersion              Get - 6.6.1.0; ServerAddress   Get - 93.184.216.35", []string{"ipv4 93.184.216.35"}},
		// a label whose head is a version word and "of" (Flyway); an address's label is not
		{`Current version of schema "public": 4.2.0.0; Address of server "x": 93.184.216.34`, []string{"ipv4 93.184.216.34"}},
		// an image reference's tag: after a registry's host, or under a key naming an image; not a URL's path
		{`{"docker":"us.gcr.io/broad-gatk/gatk:4.5.0.0","image":"broadinstitute/gatk:4.5.0.0","x":"acme/app:93.184.216.34"} url=https://evil.com/a:1.2.3.4 localhost:5000/app:4.1.0.2`, []string{"dns us.gcr.io", "ipv4 93.184.216.34", "url https://evil.com/a:1.2.3.4"}},
		// other runtimes by name: JRuby's RUBY_DESCRIPTION in Looker's banner, Mono, OpenResty, Windows PowerShell
		{"Looker 24.2.31 starting on jruby 9.4.5.0 (3.1.4); Mono 6.12.0.182; openresty 1.21.4.3; Windows PowerShell 5.1.19041.4046; host 93.184.216.34", []string{"ipv4 93.184.216.34"}},
		// a version word abbreviated with its dot, the version in capitals (Brother's firmware); rev.ai is a name
		{"Main Firmware Ver.ZA, Sub1 Ver.1.24, Rev.B2 see rev.ai", []string{"dns rev.ai"}},
		// Avro's union: the field is the key of its branch (Heap's export)
		{`{"app_version":{"string":"5.3.0.203"},"ip":{"string":"5.3.0.204"}}`, []string{"ipv4 5.3.0.204"}},
		// ...and DynamoDB's attribute value's type (Streams' NewImage); an Erlang tuple's atom (Couchbase); a runtime glued by '-'
		{`"NewImage":{"app_build":{"S":"4.12.0.3"},"ip":{"S":"5.3.0.205"}} [{erl_version,"13.2.2.5"},{peer,"13.2.2.6"}] [erts-13.2.2.7] python-3.11.4.1 host-8.8.8.8`, []string{
			"ipv4 5.3.0.205", "ipv4 13.2.2.6", "ipv4 8.8.8.8"}},
		// a version key before Rust's Option; an address's key before it
		{`version: Some(7.2.4.7), firmware: Some("7.2.4.8"), ip: Some(7.2.4.9)`, []string{"ipv4 7.2.4.9"}},
		// ...and a label of two words with a space: a version word and its
		// qualifier, or the software's word and "number" (Tomcat's
		// VersionLoggerListener); not another label
		{"Server number:         9.0.86.0 Build number 7.2.4.1 Version string: 7.2.4.2 Server name: 7.2.4.3 Host number 7.2.4.4 version: 7.2.4.5 number 7.2.4.6", []string{"ipv4 7.2.4.3", "ipv4 7.2.4.4", "ipv4 7.2.4.6"}},
		// a browser's name and a space (e-mail services' client names); not another word's
		{`{"Client":{"Name":"Chrome 122.0.0.0"}} "Edge 121.0.0.0" Firefox 115.0.0.0 Chrome: 5.6.7.8 server 1.2.3.4`, []string{"ipv4 5.6.7.8", "ipv4 1.2.3.4"}},
		// a package's release after the version (OpenWrt, Alpine); not a word starting with r
		{"Installing luci-app (1.8.14.1-r2) to root; 5.6.7.8-rack 9.8.7.6-r", []string{"ipv4 5.6.7.8", "ipv4 9.8.7.6"}},
		// Dataverse's changed attributes, named by logicalName, in JSON text
		{`"changedata":"{\"changedAttributes\":[{\"logicalName\":\"msdyn_portalversion\",\"oldValue\":\"9.6.3.8\",\"newValue\":\"9.6.4.2\"},{\"logicalName\":\"address1\",\"newValue\":\"5.6.7.8\"}]}"`, []string{"ipv4 5.6.7.8"}},
		// prose's "is" or "was" (and "now") after a version word; not after another word
		{"the latest version is 6.3.1.1; firmware was 2.4.1.0, version is now 3.2.0.1; the address is 5.6.7.8; version now 1.2.3.4", []string{"ipv4 5.6.7.8", "ipv4 1.2.3.4"}},
		{"build 10.0.0.1 deployed to the gateway 10.0.0.1", []string{"ipv4 10.0.0.1 private"}},
		{"Version = '2.4.1.0'; Build = '10.2.0.1'", nil},
		{"version: 9.16.4.42, next hop 9.16.4.42", []string{"ipv4 9.16.4.42"}},
		{"release 1.2.3.4 or 5.6.7.8 via 8.8.8.8 to 9.9.9.9", []string{"ipv4 8.8.8.8", "ipv4 9.9.9.9"}},
		// the word for a version in other languages
		{"обновлён до версии 26.1.0.112; 版本 4.1.2.1; 버전: 5.2.0.1; адрес 26.1.0.113", []string{"ipv4 26.1.0.113"}},
		// glued into a name on both sides, or before a pre-release's suffix; not glued on one side only
		{`\\dl.evil.com\msi\Agent-4.18.2.1-x64.msi jdk-17.0.9.9-hotspot V8 11.8.172.17-electron.0 93.184.216.34-443 host-93.184.216.35`, []string{
			"dns dl.evil.com", "ipv4 93.184.216.34", "ipv4 93.184.216.35"}},
		// an arrow joins a quad to the version before it
		{"firmware 1.6.6.2 -> 1.6.7.0 installed; 45.9.148.108 -> 45.9.148.109", []string{"ipv4 45.9.148.108", "ipv4 45.9.148.109"}},
		// a pre-release word alone (Maven's -SNAPSHOT, -rc1); not any word
		{"Building payments-core 1.4.3.0-SNAPSHOT, 2.0.1.0-rc1 and 3.1.0.2-beta; 45.9.148.108-evil", []string{"ipv4 45.9.148.108"}},
		// a key qualifying a version word; a .NET package before '@', not an account
		{`{"versionInfo":"4.18.2.1","versionName":"5.6.7.8","ip_info":"9.9.9.9"} "System.Data.SQLite.Core@1.0.118.0" root@45.33.32.156`, []string{
			"ipv4 9.9.9.9", "ipv4 45.33.32.156"}},
		// a folder of a Windows path; not the host of a UNC path
		{`C:\Program Files\WindowsPowerShell\Modules\Pester\3.4.0.0\Pester.psd1`, nil},
		// a registry key's components are key names: an address there is one
		{`[HKEY_CURRENT_USER\Software\Microsoft\Terminal Server Client\Servers\185.174.101.12] reg add HKCU\x\Servers\93.184.216.34 /f`, []string{"ipv4 185.174.101.12", "ipv4 93.184.216.34"}},
		// ...until a drive starts a file's path: THOR's LOCATION: <key> IMAGE: <file>
		{`LOCATION: HKLM\SYSTEM\Services\AcmeAgent IMAGE: C:\Program Files\Acme\7.4.1.0\AcmeAgentSvc.exe KEY: HKLM\x\Servers\93.184.216.34`, []string{"ipv4 93.184.216.34"}},
		{`"C:\\Modules\\Info\\2.4.1.0\\Info.psm1" x 3.4.0.0\y`, []string{"ipv4 3.4.0.0"}},
		{`\\185.107.56.200\share "\\\\93.184.216.34\\c$"`, []string{"ipv4 185.107.56.200", "ipv4 93.184.216.34"}},
		// no context: an address
		{"Notepad++,8.6.4.0,Don Ho", []string{"ipv4 8.6.4.0"}},
	})
}

func TestScanFieldNames(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// a label's key with a path in a list or a selector (KubeArmor's Labels, kubectl -l); a request's host and path stays a host
		{`"Labels":"app.kubernetes.io/component=controller,app.kubernetes.io/version=1.10.0" kubectl get po -l app.kubernetes.io/name!=x --selector helm.sh/chart=y`, nil},
		{`GET evil.com/dl=1 HTTP/1.1 | ssl-cert: Subject: commonName=gw.evil.org/organizationName=Evil`, []string{"dns evil.com", "dns gw.evil.org"}},
		// a queue, a topic or a namespace names no host: as a key's value or a switch's after a space
		{`worker.py --queue=ledger.events {"topic":"payments.card.events"} containerd-shim -namespace k8s.io -id x --namespace payments.prod`, []string{"dns worker.py file-extension"}},
		{`nslookup -type=mx evil.com; curl --proxy evil.org x; the queue evil.net`, []string{"dns evil.com", "dns evil.org", "dns evil.net"}},
		// a user's key: a Kubernetes admission request's userInfo
		{`{"knative.dev/userinfo":"oidc:t.bond","userinfo":"j.kim"}`, nil},
		// Kubernetes label keys in YAML; a host and path in prose stays a name
		{"metadata:\n  labels:\n    app.kubernetes.io/name: ledger\n    - helm.sh/chart: x\nsee login-verify.top/owa: now", []string{"dns login-verify.top"}},
		// a port's service name and a host mapping keep the name a host; a word after ':' makes it a key
		{`web01:51234->update-msedge.net:https (SYN_SENT) x.net:mdns "evil.com:185.225.73.118" host.name:WS01 evil.org:httpd`, []string{
			"dns update-msedge.net", "dns x.net", "dns evil.com", "ipv4 185.225.73.118"}},
		// a DNS record's type and class after its name (MikroTik): the name is the record's owner
		{"question: cdn-patch.top:A:IN <x.evil.net:AAAA:IN:300=45.9.148.21> host.name:A srv.name:TXT", []string{
			"dns cdn-patch.top", "dns x.evil.net", "ipv4 45.9.148.21"}},
		// JSON object keys, dotted (ECS) or not, are field names
		{`{"host.name":"ws-01","dns.question.name":"evil.com","observer.name":"fw"}`, []string{"dns evil.com"}},
		{`{"a":1, "user.name" : "jdoe", "labels":{"app.kubernetes.io/name":"api"}}`, nil},
		{`"trace.id":"x","transaction.id":"y"`, nil},
		{`{"@odata.id":"/redfish/v1/Systems/1/","@odata.context":"x","@evil.com":1} x@evil.net`, []string{"dns evil.net"}},
		{`"message":"{\"host.name\":\"x\",\"url.domain\":\"evil.com\"}"`, []string{"dns evil.com"}},
		// ...but a quoted name that is not a key is a value
		{`["evil.com", "evil.net"] {"k":"evil.org"} "evil.info": the C2`, []string{"dns evil.com", "dns evil.net", "dns evil.org", "dns evil.info"}},
		// key=value and key:value
		{"host.name=WS01 user.name=jdoe dst=evil.com evil.net==x", []string{"dns evil.com", "dns evil.net"}},
		{`dns.question.name:"evil.com" AND host.name:ws01`, []string{"dns evil.com"}},
		{"evil.com:8080 evil.net: it is bad; H:mail.evil.org;PTR:x", []string{"dns evil.com", "dns evil.net", "dns mail.evil.org"}},
		// ...and a host after '@' is a mailbox's or a login's, whatever follows
		{`site.org/signin:d.black@evil.com:Qwerty!23 git@evil.net:org/repo.git "@dns.question.name:x"`, []string{"dns site.org", "dns evil.com", "dns evil.net", "dns repo.git unknown-tld"}},
		// the local part of an e-mail address
		{"j.kim@evil.com first.name@evil.net m.rossi[at]evil[.]org", []string{"dns evil.com", "dns evil.net", "dns evil.org"}},
		{`"userPrincipalName":"m.rossi_contoso.com#EXT#@acmecorp.onmicrosoft.com" j.kim+news@evil.com a.b.info%x@evil.net`, []string{"dns acmecorp.onmicrosoft.com", "dns evil.com", "dns evil.net"}},
		{"evil.com#frag evil.org+x bad.net%20@ foo.biz!", []string{"dns evil.com", "dns evil.org", "dns bad.net", "dns foo.biz"}},
		{`run \\cdn-sync.online@SSL\DavWWWRoot\x.dll \\files.evil.net@8080\share j.kim@evil.org`, []string{"dns cdn-sync.online", "dns files.evil.net", "dns evil.org"}},
		{`filter httpRequest.country != "DE" and dns.question.name == "x" | evil.com == bad`, nil},
		{"condition `outbound and fd.sport != 443 and proc.name in (curl, wget)` and evil.com in prose", []string{"dns evil.com"}},
		{"the beacon reached evil.com in (roughly) 3 seconds", []string{"dns evil.com"}},
		// SQL's comparisons in words, and the fields a query's clause lists
		// (NRQL's FACET); a name after the word, or in a list of prose, is one
		{`WHERE request.headers.host NOT LIKE '%.x.org' AND proxy.host ilike "a%" AND web.name IS NOT NULL AND a.host is null AND b.host NOT IN ('x')`, []string{"dns x.org"}},
		{"FACET request.headers.host, request.uri SELECT http.site.name, x GROUP BY client.app.host, y", []string{"dns request.uri unknown-tld"}},
		// further down the list too, after bare fields (Manticore's query
		// log); a literal or prose between the commas ends the list
		{"SELECT id, j.user.email, j.event.action FROM audit", nil},
		{"SELECT id,count(*) AS n, evil.email, x FROM a; SELECT 'a', evil.email, x; SELECT x, y z, evil.email, w", []string{
			"dns evil.email", "dns evil.email", "dns evil.email"}},
		{"sites like evil.com are blocked; evil.net like the others; seen: evil.org, evil.info; Blocked BY evil.biz, mostly", []string{
			"dns evil.com", "dns evil.net", "dns evil.org", "dns evil.info", "dns evil.biz"}},
		// the value of a key ending in "type" names a type, an application's model
		{`{"changed_object_type":"dcim.site","content_type":"auth.user","type":"evil.name","ctype":"x.app","site":"evil.com"} mime_type=a.app`, []string{"dns evil.com"}},
		// ...or "model" (Odoo's models), after ": " too (a CloudEvent's attributes, Knative); a sentence's name stays one
		{"Access Denied by ACLs for operation: write, uid: 14, model: res.company; res_model=res.partner", nil},
		{"specversion: 1.0\n  type: dev.knative.sources.ping\n host: evil.ping type: evil.ping.", []string{"dns evil.ping", "dns evil.ping"}},
		// a label's key with its prefix in a map as Go prints one (OpenEBS); a host and path elsewhere
		{"labels {map[kubernetes.io/hostname:worker-03 topology.kubernetes.io/zone:a]} see evil.io/x:y", []string{"dns evil.io"}},
		// ...or "event": an event's name (Teleport's session.network)
		{`{"event":"session.network","audit_event":"repo.download","events":"x.network","site":"evil.com"} event=user.network`, []string{"dns x.network", "dns evil.com"}},
		// a name/value pair's name is the value's key (OpenTelemetry's
		// attributes, Jaeger's tags, HAR's headers); a name in an object
		// without a value member, or beside a nested one, is a value
		{`{"attributes":[{"key":"service.name","value":{"stringValue":"api"}},{"key":"k8s.pod.name","value":{"stringValue":"evil.com"}}]}`, []string{"dns evil.com"}},
		{`{"headers":[{"name":"x.forwarded.host","value":"evil.net"}],"tags":[{"key":"net.peer.name","type":"string","value":"evil.org"}]}`, []string{"dns evil.net", "dns evil.org"}},
		{`{"name":"evil.com","type":"A","ttl":300} {"Name":"evil.net.","ResourceRecords":[{"Value":"1.2.3.4"}]} {"key":"evil.org"}`, []string{
			"dns evil.com", "dns evil.net", "ipv4 1.2.3.4", "dns evil.org"}},
		// ...and a typed value's wrapper ({"stringValue":…}) stands for
		// the pair's value: a user's name, a version, a trace's id
		{`[{"key":"enduser.id","value":{"stringValue":"d.black"}},{"key":"service.version","value":{"stringValue":"2.4.1.0"}},{"key":"peer.host","value":{"stringValue":"t.bond"}}]`, []string{"dns t.bond"}},
		{`{"key":"trace_id","value":{"string_value":"4482c0f34261cbfb7dfdfef52e39d539"}} {"key":"file.hash","value":{"stringValue":"4482c0f34261cbfb7dfdfef52e39d538"}}`, []string{"md5_hash 4482c0f34261cbfb7dfdfef52e39d538"}},
		// a CEF or LEEF header's device version; a quad in its other fields, or after four pipes, is an address
		{`CEF:0|Cybereason|Cybereason|23.1.82.1|Malop|x|10| LEEF:2.0|Acme|Agent|4.2.0.1|x| CEF:0|Acme|5.6.7.8|Agent|1|x|3| a|b|c|9.8.7.6| CEF:0|A\|B|C|1.2.3.4|x|`, []string{"ipv4 5.6.7.8", "ipv4 9.8.7.6"}},
		// ...and so do the "values" of a keyed object (Cybereason's
		// simpleValues), not those of a named pair in an array
		{`{"fileVersion":{"totalValues":1,"values":["3.11.4.0"]},"ownerName":{"values":["d.black"]},"remote":{"values":["5.6.7.8"]}} {"attrs":[{"name":"v","values":["1.2.3.4"]}]}`, []string{"ipv4 5.6.7.8", "ipv4 1.2.3.4"}},
		// Securonix's violator; an entity typed "_username" (Sumo Logic); a
		// case's owner object, for a value with an initial
		{`{"violatorName":"j.weber","violator":"x.evil.com"} {"entityType":"_username","value":"s.green"}`, []string{"dns x.evil.com"}},
		{`{"owner":{"number":14,"name":"t.bond","site":"evil.org"}} {"owner":{"name":"evil.net"}}`, []string{"dns evil.org", "dns evil.net"}},
		// who sent an event (a webhook's sender), for a value with an initial
		{`{"sender":{"id":"0187","name":"t.bond"}} {"sender":{"name":"evil.com"}} sender=r.black`, []string{"dns evil.com"}},
		// a pair written as attributes: TeamCity's service messages, XML's <param>
		{`##teamcity[setParameter name='env.GIT_COMMIT' value='57b13c73c8897c5d5a1aa7274466c17adfcac21c'] <param name="build.version" value="2.4.1.0"/> name='x' value='57b13c73c8897c5d5a1aa7274466c17adfcac21d'`, []string{"dns build.version unknown-tld", "sha1_hash 57b13c73c8897c5d5a1aa7274466c17adfcac21d"}},
		// the name attribute before others, the quotes escaped in JSON text (Blue Prism's AttributeXml)
		{`{"AttributeXml":"<input name=\"Client Version\" type=\"text\" value=\"7.2.1.0\" /><output type=\"text\" name=\"Session Token\" value=\"814cf4dc019070ff45efb432f3b43258\" /><input name=\"Target\" type=\"text\" value=\"93.184.216.34\" />"}`, []string{"ipv4 93.184.216.34"}},
		// keys naming a user in other languages (Korean, Russian, German, French)
		{`사용자=h.kim 호스트=s.kim Пользователь: t.bond Benutzername=a.kim utilisateur="r.black" 주소=x.evil.com`, []string{"dns s.kim", "dns x.evil.com"}},
		// a label of words whose head, before "of", names a user (Windows' NTLM events)
		{"LUID of client process: 0x5a3f21 User identity of client process: j.kim Name of client process: x.kim Name of target server: evil.com", []string{"dns x.kim", "dns evil.com"}},
		// who submitted, uploaded or invited (Veracode's submitter=)
		{`submitter="n.wang" uploader=t.bond "requestor":"a.kim" invitee=x.kim site=evil.org Submitter: evil.net uploader=evil.info "pusher":"d.kim"`, []string{"dns evil.org", "dns evil.net", "dns evil.info"}},
		// Gophish's array under a user key in JSON text; Workday's initiator; who published
		{`"details":"{\"username\":[\"h.kim\"],\"host\":[\"x.evil.com\"]}" {"initiator":"t.bond"} "published_by=r.page" "removed_by=s.kim" ack_by=a.moe muted_by=b.moe stood_by=c.moe`, []string{"dns x.evil.com", "dns c.moe"}},
		// a pair written as XML elements (TR-069's ParameterValueStruct)
		{`<Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion</Name><Value xsi:type="xsd:string">3.0.1.0</Value> <Name>X.SerialNumber</Name> <Value>3A9B3747C48136F90A7C618390B2BB1A</Value> <Name>X.Server</Name><Value>45.9.148.108</Value>`, []string{
			"dns internetgatewaydevice.deviceinfo.softwareversion unknown-tld", "dns x.serialnumber unknown-tld", "dns x.server unknown-tld", "ipv4 45.9.148.108"}},
		// operator=k.ng: one letter and a two-letter TLD is a short domain's form
		{"operator=k.ng operator=t.bond", []string{"dns k.ng"}},
		// AWS's principalId, a role's id and the session's name; a sentence's end after a role key
		{`"principalId":"AROA3XFRBF23BRKGLASS:t.bond" "sessionId":"AROA3XFRBF23BRKGLASS:x.evil.com" Analyst: r.black. Host: evil.org.`, []string{"dns x.evil.com", "dns evil.org"}},
		// NetNTLMv2's user::domain (hashcat, Responder); not a name before "::" alone
		{"J.WEBER::ACME:1122334455667788:51a67bae: win.evil.org::x", []string{"dns win.evil.org"}},
		// Grafana's uname names its user
		{"logger=context userId=7 orgId=1 uname=j.weber uname=x.evil.com", []string{"dns x.evil.com"}},
		// a user name is the whole value of a key naming a user account,
		// even when its last label is a TLD (.weber, .kim)
		{`user="j.weber" user:"j.weber"; suser=j.kim duser=a.kim|`, nil},
		{`{"user.name":"j.weber","TargetUserName":"j.kim","src_user_name":"a.kim","usrName":"b.kim"}`, nil},
		// a user's value ends at LEEF 2.0's usual delimiter too
		{`LEEF:2.0|Attivo Networks|BOTsink|5.3.1.42|Port Scan|^|src=10.20.31.21^usrName=j.kim^identHostName=ACME-WS-0421`, []string{"ipv4 10.20.31.21 private"}},
		// a person's manager, shaped like a name (Axonius); a domain under the key stays one
		{`{"specific_data.data.user_manager":["t.bond"],"manager":"evil.com"}`, []string{"dns evil.com"}},
		// a label word no sentence uses before a user's name (AlliedWare); prose's "user" stays a name's
		{`atmf backup server id 1 10.70.8.30 username j.kim path /srv userid t.bond; the user j.weber; invalid username evil.com`, []string{
			"ipv4 10.70.8.30 private", "dns j.weber", "dns evil.com"}},
		// an event's name in angle brackets after its severity (ExtremeXOS); another tag's stays a name
		{`<Erro:EPM.Upgrade.Fail> Slot-1: x <Error:evil.fail> <a:evil.fail>`, []string{"dns evil.fail"}},
		// the user in a log4j prefix, between the logger and " - " (Windchill), shaped like a person's
		{`2024-05-14 08:30:11,506 INFO  [ajp-nio-127.0.0.1-8011-exec-12] wt.fc.PersistenceManagerEvent j.kim - POST_STORE; INFO [main] com.acme.Fetch evil.com - fetched`, []string{"dns com.acme.fetch unknown-tld", "dns evil.com"}},
		// SMART on FHIR's scopes, after a context and '/'
		{`{"scopes":"user/Patient.read user/Observation.read launch openid","url":"evil.org/Patient.read"}`, []string{"dns evil.org"}},
		// a role's value ends at a clause's ':' after '=' (Jack Henry's case note)
		{`note analyst=k.ford: member reported; host=evil.com: refused`, []string{"dns evil.com"}},
		// a phrase's code in brackets after it (Stalwart); a host in brackets names what the clause does not
		{`result = SPF check failed (spf.fail), elapsed = 41ms; connecting to mail server (mail.evil.com); Connection to Google DNS (dns.google)`, []string{"dns mail.evil.com", "dns dns.google"}},
		// a user's label, a copula and the quoted name (SoftEther); another label's stays a name
		{`the user name is "j.kim". The username was 't.bond'. the server is "r.green"; the user name is "evil.com"`, []string{"dns r.green", "dns evil.com"}},
		// a name glued to a token past a hyphen is none (SoftEther's session); a decorated one is
		{`The new session "SID-J.KIM-[L2TP]-14" has; visit --evil.com-- now`, []string{"dns evil.com"}},
		// a user agent's word/value token after products and versions (aws-cli's command/); a path's name at no user agent is a host
		{`"aws-cli/2.15.30 Python/3.11.8 prompt/off command/s3.ls" downloaded to downloads/evil.com`, []string{"dns evil.com"}},
		// a record's field and its state after "is" (Dynamics' plug-in trace); a host's state is no field's
		{`\naccount.name is empty, copying from parent; contact.email is not set; evil.com is empty`, []string{"dns evil.com"}},
		// an OAuth scope after "scope=" unquoted (PingFederate's audit)
		{`Client credentials grant (scope=pingid.users.read) host=evil.read`, []string{"dns evil.read"}},
		// OAuth scopes listed with commas (Zoho)
		{`{"scope":"ZohoCRM.modules.ALL,ZohoCRM.settings.READ","x":"evil.read"}`, []string{"dns evil.read"}},
		// a Kafka ACL's resource pattern, a MongoDB namespace and collection, a pgaudit object; other keys' values stay names
		{`resource = Topic:LITERAL:payments.events; {"ns":"telemetry.events","collection":"sessions.live","dns":"evil.events"} AUDIT: OBJECT,5,1,READ,SELECT,TABLE,public.events,"x",evil.live`, []string{"dns evil.events", "dns evil.live"}},
		// a file named again later with its rotation's number (LSF's lsb.events); a host named in another name is a host
		{`Switched lsb.events; 48213 records moved to lsb.events.1; evil.com and www.evil.com.2`, []string{"dns evil.com"}},
		// a key naming someone by what they do, with a person's name (CAD's dispatcher, a court's clerk); a machine's part names a host
		{`dispatcher=j.kim clerk=k.ford investigator=t.bond; resolver=a.kim WsusServer=x.kim`, []string{"dns a.kim", "dns x.kim"}},
		// ...a driver too, a person's name shaped like one (a delivery app's); a device driver's file is not
		{`route started driver=d.black vehicle=V-12; driver=evil.live`, []string{"dns evil.live"}},
		// ...an observer too, whose word ends in "server" (a fisheries observer app)
		{`Required field missing; observer=j.kim tablet=OBS-TAB-22; fileserver=evil.kim`, []string{"dns evil.kim"}},
		// a key saying who wrote a record holds an account, a team's too (a wine club's note); another verb's value may be a host
		{`{"createdBy":"fraud.team","updated_by":"ops.team","invokedBy":"evil.team","signed_by":"evil.org"}`, []string{"dns evil.team", "dns evil.org"}},
		{`rotated_by=ops.bot commented_by=fraud.team {"gamertag":"j.kim"} {"forwarded_by":"evil.bot"}`, []string{"dns evil.bot"}}, // (a ticket's, a key's, a game network's)
		{`requested_by=collections.bot Weighmaster: R.GREEN master=k8s.evil.io`, []string{"dns k8s.evil.io"}},
		{`commit b8a604e deployed_by=ci.bot; triggered_by=ops.team resolved_by=evil.bot`, []string{"dns evil.bot"}}, // (a release's deployer; a resolver may be a host)
		// a bot's account under any who-did-it key but a machine's act; another name there is a host's
		{`uploaded_by=ci.bot {"linked_by":"support.bot"} {"uploaded_by":"evil-c2.ru"} {"forwarded_by":"relay.bot"}`, []string{"dns evil-c2.ru", "dns relay.bot"}},
		// a property a message template places after "by" and a person's act (Serilog's); a machine's act, or another place, keeps a host
		{`{"@mt":"Filing {FilingId} submitted by {Filer} for {CommitteeId}","Filer":"j.kim"} {"@mt":"Query resolved by {Resolver}","Resolver":"ns1.evil.com"} {"@mt":"Sent to {Host} by {User}","Host":"evil.com"}`, []string{
			"dns ns1.evil.com", "dns evil.com"}},
		// ...only in the template, only a person's or a bot's name, only a person's act, never a host's property
		{`{"hostname":"evil-c2.ru","useragent":"Mozilla/5.0 initiated by {hostname}"} {"@mt":"Extension {Id} published by {Publisher}","Publisher":"pdf-tools.online"} {"@mt":"Session started by {Host}","Host":"evil.ru"} {"@mt":"Job {Id} created by {Owner}","Owner":"evil-c2.net"}`, []string{
			"dns evil-c2.ru", "dns pdf-tools.online", "dns evil.ru", "dns evil-c2.net"}},
		// a login before its device's MAC (pfSense's captive portal); a host before one stays a host
		{`Zone: lanparty - ACCEPT: j.kim, a4:83:e7:12:9f:0c, 8.8.8.8; seen evil.com, a4:83:e7:12:9f:0c; ACCEPT: a.evil-c2.ru, a4:83:e7:12:9f:0d; owned by s.evil-c2.ru`, []string{
			"ipv4 8.8.8.8", "dns evil.com", "dns a.evil-c2.ru", "dns s.evil-c2.ru"}},
		// a document's owner shaped like a person's (Windows' print event); a network's owner, or "disowned by", keeps its domain
		{`owned by n.wang on x; Print Document owned by j.kim on \\WS-07 was printed; netblock owned by evil-hosting.com; disowned by k.bond`, []string{"dns evil-hosting.com", "dns k.bond"}},
		// any participle but a machine's act: a config's reloaded_by; a worker that handled, a server that managed
		{`msg="config reloaded" reloaded_by=ops.bot paused_by=j.kim handled_by=worker-03.evil.net managed_by=sccm01.evil.com WantedBy=multi.evil "offered_by":"pdf-tools.com"`, []string{
			"dns worker-03.evil.net", "dns sccm01.evil.com", "dns multi.evil unknown-tld", "dns pdf-tools.com"}},
		// ...the verbs are listed: Gmail's mailed-by, a host compromised_by, a publisher's published_by keep their domains
		{`{"mailedBy":"paypa1-secure.com","compromised_by":"evil-c2.ru","published_by":"pdf-tools.online"} mailed-by: paypa1.com`, []string{
			"dns paypa1-secure.com", "dns evil-c2.ru", "dns pdf-tools.online", "dns paypa1.com"}}, // (a job's requester; a scale house's weighmaster, where a cluster's master is a host)
		// a profession ending in "ist", after "by" too (a pharmacist publishing a pump's drug library); a list is no person
		{`published sha256=x by pharmacist r.green; technologist=t.bond allowlist=a.green`, []string{"dns a.green"}},
		{`"BPDR-17","QA SPECIALIST","d.black" journalist=k.ford blacklist=evil.green`, []string{"dns evil.green"}}, // (-alist is a person's: a specialist)
		{`clinician_on_call=t.bond engineer_on_duty=k.ford host_on_call=evil.bond login_on=evilsite.ru initiator_call=evil-c2.ru`, []string{
			"dns evil.bond", "dns evilsite.ru", "dns evil-c2.ru"}}, // (a role on call or on duty; "on" or "call" alone is no role's)
		{`"E130","BURGLARY ALARM","OPERATOR","j.kim" "zscaler","j.weber" "Operator","k.ford"`, []string{"dns j.weber", "dns k.ford"}}, // (a role column in capitals; one word otherwise may be a product's)
		{`"PRE-TRIP","DRIVER","j.kim","Zone 3"`, nil},                                                                                                                                                 // (a driver's column)
		{"crewLeader=j.kim driver=d.black helper=n.wang proxy_helper=x.top", []string{"dns n.wang", "dns x.top"}},                                                                                     // (a helper is a program's more often: a known limit for a mover's crew)
		{`{"fieldName":"PiercerUsername","defaultValue":"j.kim"} {"fieldName":"Host","defaultValue":"evil.kim"}`, []string{"dns evil.kim"}},                                                           // (a form field's default value under a user's name)
		{`{"fieldName":"Username","defaultValue":"evil-c2.ru"} {"Name":"ServiceAccount","NewValue":"evil.ru"}`, []string{"dns evil-c2.ru", "dns evil.ru"}},                                            // (only a person's name under a changed or default value)
		{`"2024-01-12 10:00","GUARD","x.shop","Blocked"`, []string{"dns x.shop"}},                                                                                                                     // (a product's module, no role)
		{`"2024-03-12","MAJOR","i.ibb.co","phishing" "STEALER","s.lumma-update.top" "OPERATOR","e.paypal-secure.net"`, []string{"dns i.ibb.co", "dns s.lumma-update.top", "dns e.paypal-secure.net"}}, // (listed roles only, one dot only)
		{`{"Technician":"d.black","physician":"k.ford","meridian":"evil.green"}`, []string{"dns evil.green"}},                                                                                         // (and in "ian")
		// the name element of a user's or a role's element (an Atom entry's author); a host's name element is a host
		{`<author><uri>x</uri><name>d.black</name></author><reviewer><name>r.green</name></reviewer><host><name>evil.black</name></host>`, []string{"dns evil.black"}},
		// ...and the attention line of a mail piece (a sorter's OCR result)
		{`OCR_RESULT dpbc=60601123499 attn="J.KIM" attention=r.green host="evil.kim"`, []string{"dns evil.kim"}},
		// a CSV cell after a label of words naming a role (a card program's admin log); one word may be a product's
		{`"03/12/2024 02:11:47 EST","PROGRAM ADMIN","d.black","Login","Success" "acme/prod","zscaler","j.weber","x"`, []string{"dns j.weber"}},
		// the Common Log Format's authuser, after the client and before the date; after a word it is a name
		{`10.20.8.45 - t.bond [12/Mar/2024:10:05:33 +0100] "GET /"` + "\n" + `2a02::1 - j.kim [12/Mar/2024:10:05:34 +0100] x` + "\n" + `host - evil.bond [12/Mar/2024] x`, []string{
			"ipv4 10.20.8.45 private", "ipv6 2a02::1", "dns evil.bond"}},
		// ...and who holds evidence or data (a chain-of-custody transfer)
		{`{"from":{"location":"LOCKER-B12","custodian":"j.kim"},"to":{"location":"LAB-2","custodian":"t.bond"},"host":"evil.bond"}`, []string{"dns evil.bond"}},
		// Mosquitto's user in its connect line's flags; a quoted name elsewhere is a name
		{`New client connected from 10.60.2.14 as SR-HUB-22817 (p2, c1, k60, u'd.black'). host u'evil.kim'`, []string{"ipv4 10.60.2.14 private", "dns evil.kim"}},
		// an NCIC message's field codes after a name's initial; a host and path in capitals stays a host
		{`msg="QW.WA0340000.NAM/FORD, KEVIN J.SEX/M.RAC/W.DOB/19890412.PUR/C" GET EVIL.COM/X HTTP`, []string{"dns evil.com"}},
		// a browser extension's permissions, whole elements; a host permission's pattern holds a host
		{`{"permissions":["storage","identity.email"],"host_permissions":["*://jira.evil.net/*"]}`, []string{"dns jira.evil.net"}},
		// a key, the value's length in brackets and the value (Oracle's audit syslog); another key's stays a name
		{`TERMINAL:[5] "WS042" OS$USERID:[5] "j.kim" HOST:[7] "evil.com"`, []string{"dns evil.com"}},
		// a record's "Key value" field between " - " or " : " (NetScaler's SSLVPN log); prose's "user" stays a name's
		{`SessionId: 51284 - User j.kim - Client_ip 92.40.177.18 - Nat_ip; gw User t.bond : Group(s) VPN; the user j.weber logged in`, []string{"ipv4 92.40.177.18", "dns j.weber"}},
		// a past participle before "By" names who acted (Toast's bumpedBy), shaped like a person; X-Powered-By names a product
		{`station=EXPO bumpedBy=s.love voidedBy=t.bond X-Powered-By=evil.com`, []string{"dns evil.com"}},
		// a reporter is a person when shaped like one; a DMARC alert's reporters are domains
		{`{"reporters":["google.com","yahoo.com"],"reporter":"j.kim"}`, []string{"dns google.com", "dns yahoo.com"}},
		// a phrasal verb's participle before "by" (Luxer One's picked_up_by); a host under logged_in_to stays a host
		{`{"picked_up_by":"h.kim","signed_off_by":"r.green","logged_in_to":"evil.com"}`, []string{"dns evil.com"}},
		// irregular participles (OpenBet's set_by, sentBy); a mail's sender host stays a name
		{`flag=BONUS_ABUSE set_by=s.love sentBy=r.green sent_by=mail.evil.com`, []string{"dns mail.evil.com"}},
		// a CEF custom field whose label names a role (Kinectify's caseOwner)
		{`cs2Label=caseOwner cs2=j.kim cs3Label=Domain cs3=evil.com`, []string{"dns evil.com"}},
		// a "name" typed a topic by its object's type member (OPA's Kafka input); a domain's object names a host
		{`{"resourcePattern":{"name":"payments.events","resourceType":"TOPIC"}} {"name":"evil.events","type":"domain"}`, []string{"dns evil.events"}},
		// an object's property or attribute names a field (Axway's audit); another key's value is a host
		{`operation=UPDATE property=account.email attribute=user.email oldValue=x target=evil.email`, []string{"dns evil.email"}},
		// a fact's trait names its kind (Caldera), no host
		{`{"trait":"host.user.name","name":"host.user.name","value":"j.kim"} {"host":"evil.name"}`, []string{"dns evil.name"}},
		{"AccountName: j.weber\tlogin=j.kim username='a.kim'", nil},
		// the user sudo's line starts with; not another program's
		{"sudo[4412]:    d.kim : TTY=pts/1 ; USER=root sudo-rs[7]: t.bond : TTY=x sudo: a.kim : 3 incorrect pseudo[1]: b.kim : x cron[2]: c.kim : y", []string{"dns b.kim", "dns c.kim"}},
		// a session's number after a user (Cisco confd); a parenthesis glued to its key (Ruijie)
		{"audit user: k.kim/84 logged in; user: x.kim/a; User(t.kim) logged in; host(a.kim)", []string{"dns x.kim", "dns a.kim"}},
		// a login's outcome after its word names the login (Nextcloud's admin_audit); not another word's
		{`Login successful: "j.kim" Login failed: 'a.kim' (Remote IP: x) Logon failure: b.kim Download successful: "x.kim"`, []string{"dns x.kim"}},
		// MDT's "Property <name> is now = <value>"; not a property naming no user
		{"Property DomainAdmin is now = j.kim\nProperty UserID is now = a.kim\nProperty WsusServer is now = x.kim", []string{"dns x.kim"}},
		// MySQL's slow log: "User@Host: priv_user[user] @ host [ip]"; not a host's key
		{"# User@Host: d.black[d.black] @ 10.20.9.14 [10.20.9.14]\n# Host: x.black[y.black]", []string{"ipv4 10.20.9.14 private", "ipv4 10.20.9.14 private", "dns x.black", "dns y.black"}},
		// CockroachDB's redaction marks around a user's value
		{`"tags":{"user":"‹d.black›"},"User":"‹a.black›","Statement":"‹x.black›"`, []string{"dns x.black"}},
		// a database's user before '@' and an address (PgBouncer's db/user@host:port); a service principal's realm has letters
		{"LOG S-0x55d9: appdb/d.black@10.20.4.11:5432 new connection; C-0x5: rep/j.kim@45.12.33.4:60218 login", []string{"ipv4 10.20.4.11 private", "ipv4 45.12.33.4"}},
		// ...and a user object's name in Ruby's hash (Logstash's event dump); another object's is a host
		{`{"@timestamp"=>2024-03-12T09:36:01.884Z, "user"=>{"name"=>"j.kim"}, "host"=>{"name"=>"evil.kim"}}`, []string{"dns evil.kim"}},
		// Ruby's "key"=>"value" under a user key (Rails' Parameters)
		{`Parameters: {"custom_canvas_user_login_id"=>"j.kim", "host"=>"x.kim", "user" => "a.kim"}`, []string{"dns x.kim"}},
		// ...between " - " after the time, the level padded (Nornir's "%(name)s -  %(levelname)s")
		{"2024-05-14 09:20:14,877 - acme.network -  WARNING -  check_ntp() - rtr", nil},
		// ...after the level and before " - " (log4net's %-5level %logger - %message); not in prose after a level word
		{"2024-03-14 09:00:00.011 [19] INFO  HP.Imaging.Wjp.Alerts.Email - Alert digest\nALERT: WARNING evil.email - phishing", []string{"dns hp.imaging.wjp.alerts.email code-identifier", "dns evil.email"}},
		// a logger's name: bracketed after the level (CKAN, log4j), or between " - " after the time (Python's cookbook format, Synapse)
		// a key a message names: quoted after "key" or "property", or after i18next's missingKey, its language and namespace
		{"Missing key 'checkout.cta.save' in de; unknown property \"server.port\"; host 'evil.com' unreachable", []string{"dns evil.com"}},
		{"i18next::translator: missingKey de translation nav.account.help Hilfe", nil},
		// a syslog message's first word before key=value pairs is its event's name; a host before prose is a host
		{"2024-03-12T19:22:31Z amc-portal[2291]: auth.fail user=appr_553 reason=bad_password; x sshd[22]: evil.com connected", []string{"dns evil.com"}},
		// ...an outcome word between (a turnstile's controller); another word between leaves a host
		{"ts-lobby-04 gatectl[1188]: cfg.save ok lanes=4; x gw[9]: evil.com blocked file=x", []string{"dns evil.com"}},
		{"formlabs-printer[1412]: network.cloud connected endpoint=x", nil},
		{"disp-app02 haulsync-dispatch[2291]: load.delivery confirmed load=L-55120; x fw[9]: evil.com denied src=x", []string{"dns evil.com"}},
		// a session's start or end is no outcome: a tunnel's or a proxy's peer is a host (so a job's "fw.download start src=…" is a known limit)
		{`gw tunneld[812]: evil-c2.top start pid=4022; gw sniproxy[812]: update.evil.top end bytes=10`, []string{"dns evil-c2.top", "dns update.evil.top"}},
		// ...but a record's new state before an indicator's field: a DDNS updater's, a feed's
		{"dns01 ddns-updater[2211]: c2-panel.duckdns.org updated ip=x; x feedsync[883]: login-verify.com created type=domain-name", []string{"dns c2-panel.duckdns.org", "dns login-verify.com"}},
		{"priva-cnx01 PrivaConnext[2231]: screen.energy updated zone=GH3.Z2 param=EnergyScreenGap", nil},                               // (a greenhouse's zone)
		{"HDL-CTRL-01 lightctl[412]: deck.lighting on mode=GREEN circle=on; x mon[3]: evil.com online ip=x", []string{"dns evil.com"}}, // (a switch's state; a host's, before its address)
		{"feedsync[883]: evil-c2.ru active value=x; rpz[991]: evil.ru enabled value=NXDOMAIN; mon[212]: c2.evil-cdn.net online state=up", []string{"dns evil-c2.ru", "dns evil.ru", "dns c2.evil-cdn.net"}},
		// ...a switch's state only before a key that sets the switch: before a port, a time or a count it is a host's
		{"gw1 proxy[882]: c2.evil-update.com on port=8443; gw1 sinkhole[311]: c2.evil.net active hits=42; fw1 monit[882]: c2.evil.org offline since=10:05", []string{
			"dns c2.evil-update.com", "dns c2.evil.net", "dns c2.evil.org"}},
		// a BSD syslog message's tag after the time and the host; a name before a bracket in the message stays a host
		{"Mar 12 10:07:02 um-3 griffin.cloud[904]: WARNING x; connect to evil.cloud[904]: refused", []string{"dns evil.cloud"}},
		// an instrument's calibration file, .cal a company's brand TLD, closed to registration
		{"Calibration standard STD-18K.cal measured", []string{"dns std-18k.cal file-extension"}},
		// a URN as an XML namespace or schema; a URN elsewhere (NENA's call id ends in its element's host, Peppol's customization id) stays a host
		{`<m:Streams xmlns:m="urn:mtconnect.org:MTConnectStreams:2.2" xsi:schemaLocation="urn:mtconnect.org:MTConnectStreams:2.2 http://schemas.mtconnect.org/MTConnectStreams_2.2.xsd"> id=urn:emergency:uid:callid:7f3a:bcf01.evil.org urn:evil.net:x`, []string{"dns bcf01.evil.org", "dns evil.net"}},
		{"Mar 12 10:07:02 db01 backup.sh[9921]: rsync", []string{"dns backup.sh file-extension"}},
		{"iCap[4410]: encoder.link up host=x", nil},
		{"sensord[731]: mesh.zone joined zone=4F; lockerd[1101]: compartment.locker opened bank=B; lockerd[1101]: notify.email queued pkg=x; abigw[2231]: pga.docs fetched agency=FDA", nil},
		{"<134>1 2024-05-14T09:40:00.120Z whl-hub-02 permobil-agent 7712 CFG - drive.profile.save ok profile=Indoor-2\n<134>1 x h a 1 M - x evil.save ok p=1", []string{"dns evil.save"}}, // (after an RFC 5424 header's nil structured data)
		// a type's or a queue's name in a Python dict's quotes (a Celery task's result)
		{"succeeded in 4.21s: {'printed': 96, 'queue': 'badge.events'} {'host': 'evil.events'}", []string{"dns evil.events"}},
		// an RFC 5424 header's MSGID; its HOSTNAME is a host
		{"<131>1 2024-03-12T09:25:42.118Z adms.evil.link PowerOn 6201 INT.WEATHER - poll failed for api.storm.link", []string{"dns adms.evil.link", "dns api.storm.link"}},
		// after the level, itself after an ISO time in UTC, and before " - "
		{"2024-03-12T09:14:05.317Z INFO  berthplan.ais.link - ETA update; WARNING evil.link - x", []string{"dns evil.link"}},
		// the logger first on the line, then the level and the time (Galaxy); a name before a level in prose is a name
		{"galaxy.tools DEBUG 2024-03-12 09:14:05,998 [pN:main.1] x", nil},
		{"evil.tools ERROR connecting", []string{"dns evil.tools"}},
		{"09:20:31,004 INFO  [ckanext.xloader.jobs] Fetching\n09:14:05,317 - synapse.http.site - 373 - INFO - x\n10:00:00,1 - app.events.jobs - WARNING - y\n" +
			"12:00:01 - evil.com - blocked\nblocked [evil.jobs] INFO\nxINFO [x.evil.jobs]", []string{"dns evil.com", "dns evil.jobs", "dns x.evil.jobs"}},
		// ...and the level a few one-token fields later (arXiv's request id and context); prose between is no field
		{"12/Mar/2024:06:00:00 +0000 - arxiv.base.app - 00000000-0000 - [arxiv:null] - INFO: x\n09:14:05 - evil.app - hello there - INFO - x", []string{"dns evil.app"}},
		// a variable whose value a log states after "is" in quotes (F5 APM); a host in prose
		{"2c9b7f15: session.server.network.name is 'portal.x.com'; the domain login.evil.com is 'newly registered'", []string{"dns portal.x.com", "dns login.evil.com"}},
		// a parameter's or a field's name under its key (Imperva's API violation)
		{`[{"parameter_name":"billingAddress.email","fieldName":"a.email","param-name":"b.email","host_name":"evil.email"}]`, []string{"dns evil.email"}},
		// OAuth scopes under their key (Slack's app_installed, Okta's); a route's name (Symfony)
		{`{"scopes":["users:read.email","chat:write"],"scope":"okta.users.read okta.logs.read","host":"evil.email"} Matched route "frontend.checkout.finish.page". {"_route":"a.page"}`, []string{"dns evil.email"}},
		// the key of a value in PHP's serialize() form, quotes doubled in a CSV field too (Solid Security)
		{`a:2:{s:7:""details"";s:8:""username"";s:5:""j.kim"";} a:1:{s:8:"username";s:5:"a.kim";s:4:"host";s:8:"evil.kim";}`, []string{"dns evil.kim"}},
		// a user in DynamoDB's typed value; a field in an escaped JSON query (Elasticsearch's slowlog); Solr's fl list; LINQ's range variable
		{`{"userId":{"S":"t.bond"},"host":{"S":"evil.bond"}} "source":"{\"exists\":{\"field\":\"file.name\"}}" fl=id,name,image.link&rows=24 from o in docs.Orders select new { o.ShipTo.City } link evil.link`, []string{
			"dns evil.bond", "dns docs.orders unknown-tld", "dns o.shipto.city code-identifier", "dns evil.link"}},
		// the fields a query parameter names (JSON:API's include and fields, OData's $select, a sort); a remote file's path, or another parameter, is no field
		{`GET /ccl/staff?include=staff.training HTTP/1.1 ?fields=id,owner.name&$select=account.email&sort=-created.at ?include=evil.ru/shell.txt ?next=evil.training&x`, []string{
			"dns evil.ru", "dns evil.training"}},
		{`GET /index.php?include=evil-c2.ru 200; GET /share?embed=evil.ru&x=1`, []string{"dns evil-c2.ru", "dns evil.ru"}}, // (a host's hyphen; embed names no field)
		// ...under a CEF custom field's label naming a field; another label's value stays a host
		{"cs4Label=Field cs4=cardholder.email cs5Label=Destination cs5=evil.email", []string{"dns evil.email"}},
		// ...not a label planted in a raw value or the header, nor prose naming an indicator or a word's tail
		{"CEF:0|Imperva|SecureSphere|14.7|Custom|Alert|High|request=/login?u=cs5Label=Field suser=admin cs5Label=Referrer Host cs5=stage2-drop.net", []string{"dns stage2-drop.net"}},
		{"CEF:0|V|P|1|1|cs2Label=Field|8|cs3Label=MISP Attribute cs3=evil-c2.com cs1Label=Attack Subtype cs1=evil2.com cs2Label=Origin cs2=evil3.com", []string{
			"dns evil-c2.com", "dns evil2.com", "dns evil3.com"}},
		// a logger's name under its key (Pydio's zap JSON)
		{`{"logger":"pydio.grpc.jobs","logger_name":"a.jobs","host":"evil.jobs"}`, []string{"dns evil.jobs"}},
		// an SDK's name (Sentry's event); a user key's list of values in a pair (Unleash's constraint)
		{`{"sdk":"sentry.java.android","host":"evil.android"} {"constraints":[{"contextName":"userId","operator":"IN","values":["j.kim","t.bond"]},{"contextName":"host","values":["evil.kim"]}]}`, []string{"dns evil.android", "dns evil.kim"}},
		// JSON's escapes of '<' and '>' (Go's HTML-safe encoder) end a name
		{`"body":"see \u003ca href=\"https://help.evil-corp.com/x\"\u003ehelp.evil-corp.com\u003c/a\u003e" x\u003Cevil.org\u003E`, []string{"url https://help.evil-corp.com/x", "dns help.evil-corp.com", "dns evil.org"}},
		// a field key's value names a schema's field (commercetools' errors); a key
		// that is a mailbox is a map's data, its domain sent (Shopware's recipients)
		{`{"field":"shippingAddress.email","errorField":"a.email","host":"evil.email","recipients":{"m.kowalski@poczta-faktury.pl":"M. K."},"@odata.id":"x"}`, []string{
			"dns evil.email", "dns poczta-faktury.pl"}},
		// the node Go's template names in an error (external-secrets); a host in angle brackets stays one
		{`executing "config.yaml" at <.db.host>: map has no entry; upstream <evil.host>`, []string{"dns config.yaml unknown-tld", "dns db.host code-identifier", "dns evil.host"}},
		// a task queue's task (Celery): glued to its id in brackets, after a
		// schedule entry's name and "task", under a task key; not a host
		// glued to another bracket, nor in brackets after other words
		{`Task notify.email[3f2a1c9e-1111-2222-3333-444455556666] received; Sending due task weekly-digest (notify.email) {"task":"tasks.zip","task_name":"a.email","taskName":"b.email"} ` +
			`evil.email[3f2a1c9e-1111-2222-3333-44445555666] blocked host (evil.io) by task (x.email)`, []string{"dns evil.email", "dns evil.io", "dns x.email"}},
		// a name after a word naming a schema's field, in quotes or where
		// the word starts a message (Benchling's audit CSV); not in prose
		{`"Field assay.date changed type Text -> Date", Required field 'order.date' missing; visit the field evil.date`, []string{"dns evil.date"}},
		{"NOTE: Table WORK.REVIEW created, with 37 rows; the table evil.review", []string{"dns evil.review"}},
		// ...or a message broker's subject, topic or queue (NATS); not unquoted after a colon
		{`Publish Violation - User "svc-billing", Subject "payments.card.events"; topic 'orders.v2.events'; Subject: evil.events`, []string{"dns evil.events"}},
		// a topic in Redpanda's namespace/topic/partition; Seastar's source file and line; a host and port between dashes elsewhere
		{"INFO  2024-05-14 09:11:58,102 [shard 0:main] main - application.cc:432 - x [{kafka/payments.card.events/0}]\nblocked - evil.cc:443 - x", []string{"dns application.cc code-identifier", "dns evil.cc"}},
		// ...or an authorization right (macOS's installer); not in prose
		{"Administrator authorization granted (right 'system.install.software'). the right evil.software", []string{"dns evil.software"}},
		// a name with '-' between letters is a host, no logger nor field path (lego, acme.sh); an iSCSI name's date is no such hyphen
		{"2024/03/14 09:40:01 [INFO] [vpn.evil-corp.com] acme: Obtaining\n[Thu Mar 14] shop.evil-sso.com:Verify error:x iqn.1991-05.com.microsoft:sql01", []string{"dns vpn.evil-corp.com", "dns shop.evil-sso.com"}},
		// ...ODL's NOTIFICATION level and an empty message id (Oracle HCM); the elements of a "fields" array (HiBob)
		{`[2024-03-12T09:30:02.118+00:00] [ess_server1] [NOTIFICATION] [] [oracle.apps.hcm.payroll.services] [tid: 41] x {"fields":["root.email","work.site"],"hosts":["evil.site"]}`, []string{"dns evil.site"}},
		// ...or after the level and a bracketed message id (Oracle's ODL:
		// Payara, WebLogic); a bracket of another shape between ends it
		{"[2024-03-14T08:00:39.902+0000] [Payara 5.2022.5] [WARNING] [NCLS-SECURITY-05054] [javax.enterprise.system.ssl.security] [tid: x]\n[WARNING] [tid: x] [evil.security] [INFO] [x1] [evil.com]", []string{
			"dns evil.security", "dns evil.com"}},
		// ...or after the level padded in its brackets (openHAB, log4j's [%-5p]), or
		// after the level and the thread in parentheses (Home Assistant); another word's stays a name
		{"06:00:00.004 [INFO ] [sensors.live] x\n06:00:00.004 [ WARN] [sensors.live] x\n06:00:01 ERROR (MainThread) [homeassistant.components.camera.live] x\nlogin (from evil.live) [evil.live] x", []string{
			"dns evil.live", "dns evil.live"}},
		// ...a level in title case (Omniverse Kit), or the last of a bracket's fields after the level (ShotGrid Toolkit); a bracket's name after a number is a name
		{"09:36:29 [8,412ms] [Info] [omni.kit.app] x\n09:14:05,118 [ 4821 DEBUG sgtk.core.util.download] x\nx [ 12 evil.app] y", []string{"dns evil.app"}},
		{"[2024-03-12 09:17:03.118] [debug] [license.app] persisted x\n[x] [debugger] [evil.app] y", []string{"dns evil.app"}}, // (electron-log's level in lower case)
		// ...a tab-separated field after the level and the time (zap's console encoder); after a level alone it is a name
		{"2024-03-12T09:02:17.903Z\tINFO\tjobsdb.gw\tjobsdb/migration.go:312\tx\nx\tINFO\tevil.gw\ty", []string{"dns migration.go unknown-tld", "dns evil.gw"}},
		// ...in brackets after the level and a bracketed time (Tridium Niagara); after a word and the time it is a name
		{"INFO [09:12:01 14-May-24 EDT][bacnet.network] x\nx [09:12:01 14-May-24 EDT][evil.network] y", []string{"dns evil.network"}},
		// ...or bracketed after the time and before the level (Scrapy); a
		// bracketed name elsewhere stays one
		{"2024-05-14 09:12:11 [pricebot.pipelines.store] INFO: upserted\n2024-03-15T13:30:12.345Z [relay.agent.network] INFO: x\nseen [evil.store] INFO: x\n09:12:11 [evil.store] INFO x\n09:12:11 [evil.store] FOO: x", []string{
			"dns evil.store", "dns evil.store", "dns evil.store"}},
		// a hidden file's name in a path, and a home folder's file; not a name after a word's '~'
		{"from /app/.pypowerwall.site and ~/.config.site, ~/notes.site; x~/evil.site", []string{"dns evil.site"}},
		// a macOS application's bundle in a JSON-escaped path (KnockKnock, DNSMonitor)
		{`"browser":"\/Applications\/Google Chrome.app","path":"\/Applications\/Acme SSO.app\/Contents" see evil.app`, []string{"dns evil.app"}},
		// Genesys Cloud's propertyChanges: the property names the old and new values (versions here)
		{`"propertyChanges":[{"property":"firmwareVersion","oldValues":["1.6.12.44"],"newValues":["1.6.14.21"]},{"property":"sipProxy","newValues":["45.6.14.21"]}]`, []string{"ipv4 45.6.14.21"}},
		// Monolog's channel in capitals after the time, before ": " (Xibo); not elsewhere
		{"[2025-03-11 03:00:01] CMS.INFO: Task Run\nconnected to EVIL.INFO: ok", []string{"dns cms.info code-identifier", "dns evil.info"}},
		// a protocol-relative URL's host after JSON's escaped "\/\/" (in a CSV field too); a path's file after "\/"
		{`{"s":"<script src=\"\/\/cdn.evil.icu\/t.js\">"} "{""e"":""\/\/x.evil.icu\/a""}" {"p":"\/srv\/a.icu"}`, []string{"dns cdn.evil.icu", "dns x.evil.icu"}},
		// LDAP's bindDN names the account that binds; not another key's DN
		{`{"bindDN":"cn=d.black,ou=users,dc=ldap","base":"cn=a.black,ou=x","userDN":"cn=t.black,ou=y"}`, []string{"dns a.black"}},
		// a version key longer than 32 bytes (Defender's advanced hunting)
		{`{"InitiatingProcessVersionInfoFileVersion":"8.0.10.0","InitiatingProcessVersionInfoProductVersion":"8.0.10.1","x":"8.0.10.2"}`, []string{"ipv4 8.0.10.2"}},
		// a UNC path's host after the NT prefix \??\UNC\ (the Print Spooler) or Win32's \\?\UNC\; not a folder after a drive
		{`\??\UNC\45.9.148.108\share\x.dll \\?\UNC\evil.com\s\x \??\C:\Windows\1.2.3.4\x.dll \??\UNC\srv\a.com\x`, []string{"ipv4 45.9.148.108", "dns evil.com"}},
		// a process's audit, real, effective, saved and file-system user (auditd's ausearch -i, Solaris and macOS BSM)
		{`auid=j.kim euid=a.kim suid=b.kim fsuid=c.kim <subject audit-uid="d.kim" ruid="e.kim" rgid="x.kim"/> fluid=f.kim`, []string{"dns x.kim", "dns f.kim"}},
		// IMAP's ID list of quoted pairs; not a quoted URL before a quoted value (a referer before a user agent)
		{`* ID ("name" "Dovecot" "version" "2.3.21.1") "http://x.evil.com/version" "7.1.2.3"`, []string{"url http://x.evil.com/version", "ipv4 7.1.2.3"}},
		// a name in a ':'-separated record (Thunderbird's IMAP log), not a key glued to ':'; Python's logger after a level is none
		{"I/IMAP 0x7f3a1c2e9800:imap.evil-mail.com:NA:CreateNewLineFromSocket: ok\nERROR:flask.app:Exception host.name:WS01", []string{"dns imap.evil-mail.com"}},
		// a configuration line's "username" keyword (Cisco IOS and ASA); not in prose, nor "user" starting a line
		{"username j.kim privilege 15 secret 9 $9$x\n username a.kim password 7 0822\nInvalid username x.kim from y\nuser b.kim logged in\nInvalid username xy.kim", []string{"dns b.kim", "dns xy.kim"}},
		// a pair's name that is a label's key with its prefix (GCP's billing export); Terraform's var. and local. references
		{`[{"key":"compute.googleapis.com/machine_spec","value":"n2"},{"key":"env","value":"x.evil.com/a"}] "var.name", "local.site", var.x.evil.com`, []string{"dns x.evil.com", "dns var.name code-identifier", "dns local.site code-identifier", "dns var.x.evil.com"}},
		// a logger bracketed after a bracketed level (Redash); a product token after a LIKE pattern's wildcard
		{"[PID:18][WARNING][redash.query_runner.pg] x [evil.jobs] y\nWHERE ua LIKE '%HeadlessChrome/120.0.0.0%' OR ua LIKE '*Edge/121.0.0.0*'", []string{"dns evil.jobs"}},
		// a filter's field before ":=" (Typesense); not a host before ":" and a port
		{`"filter_by":"user.email:=j.kim@evil.com" evil.email:8080`, []string{"dns evil.com", "dns evil.email"}},
		// a dot leader between key and value (enum4linux)
		{"[*] Username ......... 'j.kim'\n[*] Domain ......... 'x.kim'\nwait... a.kim", []string{"dns x.kim", "dns a.kim"}},
		// klist's client principal, spaced around '@'; net user's aligned columns (not prose's one blank)
		{"Client: t.bond @ CORP.ACME-CORP.COM Server: x.bond @ x.bond evil.bond @ home", []string{"dns corp.acme-corp.com", "dns x.bond", "dns x.bond", "dns evil.bond"}},
		{"User name                    t.bond\nUser name\tr.green\nthe user a.green logged on\nAdministrator    s.green", []string{"dns a.green", "dns s.green"}},
		// a Kerberos service principal's host, before its realm (a name too); a mailbox's local part is none
		{"ldap/nwdc01.evil.de@NORDWIND.DE HTTP/web.evil.org@EVIL.ORG j.kim@evil.net /srv/x/a.evil.com@X.DE", []string{
			"dns nwdc01.evil.de", "dns nordwind.de", "dns web.evil.org", "dns evil.org", "dns evil.net", "dns x.de"}},
		// the login after a person's name under a user key (yum history); not under another key
		{"User           : Jan Kim <j.kim> Host : Mail Relay <x.kim>", []string{"dns x.kim"}},
		// Exchange's GrantSendOnBehalfTo, whom a mailbox's sending goes to on behalf of
		{`[{"Name":"GrantSendOnBehalfTo","Value":"j.weber"},{"Name":"ForwardTo","Value":"x.weber"}]`, []string{"dns x.weber"}},
		// a game's player, with an initial
		{"BanPlayer Kuroi (PlayerName: t.bond, ARKID: 4) player=evil.com", []string{"dns evil.com"}},
		// a pair whose name names a role, for a value with an initial (MLflow's tags)
		{`[{"key": "validation.approved_by", "value": "s.love"}, {"key": "owner", "value": "evil.love"}, {"key": "x", "value": "t.love"}]`, []string{"dns evil.love", "dns t.love"}},
		// a vendor's prefix in capitals before a role word (UniFi's CEF)
		{"UNIFIadmin=d.wang UNIFIhost=x.wang", []string{"dns x.wang"}},
		// a pair's name of words in key=value text (Addigy's facts)
		{`fact="Last Logged In User" value="r.green" fact="Gateway" value="x.green" name='Primary User' value='t.bond'`, []string{"dns x.green"}},
		// the first attribute of a distinguished name a user key holds
		{`{"userId":"id=j.kim,ou=user,o=alpha","actor":"cn=t.bond,ou=people","dn":"cn=a.kim,ou=x","userId":"ou=x,cn=b.kim,o=y"}`, []string{"dns a.kim", "dns b.kim"}},
		// ...and under any key, a DN that places its entry among users (ForgeRock's runAs); not among hosts
		{`{"runAs":"id=d.black,ou=user,o=alpha,ou=services","x":"uid=a.black,ou=People,dc=acme","y":"cn=evil.black,ou=hosts,o=x","z":"cn=b.black,cn=Users"}`, []string{"dns evil.black"}},
		// the people who joined a session or a group, with an initial
		{`{"participants":["r.green","a.black"],"members":["evil.com","t.bond"],"attendee":"k.green","host":"k.green.evil.org"}`, []string{"dns evil.com", "dns k.green.evil.org"}},
		// a plural user key with one name (Deep Instinct's logged_in_users)
		{`{"logged_in_users":"j.kim","hosts":"x.kim"} users=a.kim`, []string{"dns x.kim"}},
		{"<Data Name='TargetUserName'>j.weber</Data><Data Name='Url'>evil.com</Data><user>a.kim</user>", []string{"dns evil.com"}},
		// ...the attribute's quotes doubled in a CSV field, or escaped in JSON text
		{`"<Data Name=""TargetUserName"">n.wang</Data><Data Name=""Url"">evil.com</Data>" "<Data Name=\"SubjectUserName\">t.bond</Data>"`, []string{"dns evil.com"}},
		{"User name: j.weber, Account Name: a.kim, Host name: evil.com login_hint=b.kim%40evil.org", []string{"dns evil.com", "dns evil.org"}},
		// a Mozilla preference's name (prefs.js); a call's first argument is no key elsewhere
		{`user_pref("identity.fxaccounts.account.device.name", "x"); lockPref("network.proxy.http", "proxy.evil.com"); connect("evil.name", 443)`, []string{
			"dns proxy.evil.com", "dns evil.name"}},
		// a user key compared with "==" (Matomo's segment definitions)
		{"segment = 'userId==j.kim;deviceType==desktop' host==evil.kim", []string{"dns evil.kim"}},
		// a TURN REST credential, expiry and name, under a user key (coturn), after '=' too
		{"user <1710259331:j.kim>: ok, username=<1710259339:d.black>, host <1710259331:evil.kim>", []string{"dns evil.kim"}},
		// a resource reference's title glued to its type (Puppet's User[j.kim])
		{"Accounts::User[j.kim]/User[j.kim]/ensure; Host[evil.kim]", []string{"dns evil.kim"}},
		// a logger after the level and a bracketed field, unbracketed (AWX)
		{"2024-05-14 09:41:31,774 INFO     [-] awx.main.tasks.jobs job 15519 done\nseen [-] evil.jobs today", []string{"dns evil.jobs"}},
		// a case's agent (Kount's XML); a software agent's value is no person's
		{"<agent>d.black</agent><agent>evil.black</agent>", []string{"dns evil.black"}},
		// a JSON:API resource's attributes are of its type (Atlassian Guard)
		{`{"id":"7","type":"users","attributes":{"accountType":"atlassian","name":"d.black"}} {"type":"hosts","attributes":{"name":"evil.black"}}`, []string{"dns evil.black"}},
		// who built a release (Bugsnag's builderName); a meeting's organizer and attendees (Crestron)
		{`"builderName":"j.kim","builder":"a.kim","buildHost":"evil.kim" organizer=b.kim attendee=c.kim`, []string{"dns evil.kim"}},
		// a label in brackets before its value (Kerio Control); a level's brackets name nothing
		{"[Rule] NAT [User] j.kim [Version] 1.2.3.4 [Connection] TCP x; [INFO] evil.kim; [firmware] [F4E2C6 / Driveway / 45.1.2.3]", []string{"dns evil.kim", "ipv4 45.1.2.3"}},
		// ...unquoted too, "ID" making it a label (Liberty's CWWKS1100A); another word's ID is no user's
		{"Authentication did not succeed for user ID j.kim. An invalid user ID or password; host ID evil.kim x", []string{"dns evil.kim"}},
		// a member shaped like a name in the authenticated principal's object (HCP Terraform's audit trail); another object's
		{`{"auth":{"accessor_id":"user-MaE7","description":"j.kim","type":"Client"},"resource":{"description":"evil.kim"}}`, []string{"dns evil.kim"}},
		// a key of one lower-case word, who did it (IBM Security Verify's performedby); not X-Powered-By's
		{`{"performedby":"s.love","assignedto":"a.love","poweredby":"evil.love"}`, []string{"dns evil.love"}},
		// ...and "ID" after one (IBM MQ's "User ID 'j.kim'"); another word's ID is no user's
		{"AMQ5534E: User ID 'j.kim' authentication failed. Account ID: a.kim, Host ID: evil.kim", []string{"dns evil.kim"}},
		// ...and "entry" (Cisco 9800's CLIENT_ADDED_TO_RUN_STATE); another word's entry is no user's
		{"wncd: Username entry (j.kim) joined with ssid (ACME) DNS entry (evil.kim)", []string{"dns evil.kim"}},
		// a command's user switch: long, or short after a command taking an account there; netcat's -u is UDP, its value a host
		{"docker login -u ci.bot --password-stdin; sudo -u j.kim ls; psql -h db -U d.black; x --username a.kim; nc -u evil.com 53; ntpdate -u time.evil.org", []string{"dns evil.com", "dns time.evil.org"}},
		// ...the command itself, not a word before it in prose
		{"after login attacker ran nc -u evil.io 53; on top of that nc -u evil.net 53", []string{"dns evil.io", "dns evil.net"}},
		{`{"author_name":"j.weber","actor":"a.kim","author":{"id":"2","name":"b.kim"},"assignee":"c.kim","target_details":"d.kim"}`, []string{"dns d.kim"}},
		{`"attr":{"mechanism":"SCRAM-SHA-256","principalName":"s.bond"}`, nil},
		{`"AdditionalDetails":[["File","x"],["User","j.weber"],["Domain","ACME"]]`, nil},
		{`{"user":{"domain":"ACME","name":"m.schmidt"},"file":{"name":"a.kim","path":"x"},"host":{"id":1,"name":"evil.com"}}`, []string{"dns a.kim", "dns evil.com"}},
		{`"{""@Name"": ""TargetUserName"", ""#text"": ""j.weber""}, {""@Name"": ""Workstation"", ""#text"": ""a.kim""}"`, []string{"dns a.kim"}},
		{"apmd[14021]: /Common/ap_vpn:Common:637deb30: Username 'j.weber' for user \"a.kim\"", nil},
		// ...or bracketed, as Cisco ASA writes every value
		{"%ASA-6-722022: Group <GP-Employees> User <j.kim> IP <85.203.15.44> Owner <t.bond> Group <evil.com>", []string{"ipv4 85.203.15.44", "dns evil.com"}},
		{"User [m.li] from [45.61.136.199] signed in to [DSM]; Host [evil.com]; moderator=j.kim reviewer: t.bond", []string{"ipv4 45.61.136.199", "dns evil.com"}},
		{`{"assigned_to_pretty":"t.bond","owner_display":"r.black","host_pretty":"evil.com"}`, []string{"dns evil.com"}},
		// a CEF field whose label names a user, quoted or not; a label naming something else
		{`CEF:0|Cyber-Ark|Vault|12.6|124|Add User|5|cs1Label="Affected User Name" cs1=a.green cs2Label="Safe Name" cs2=c.green cs3=b.green cs3Label=Affected User Name cs4=9.1.2.3`, []string{
			"dns c.green", "ipv4 9.1.2.3"}},
		{"CEF:0|x|y|1|2|n|3|cs1=a.green cs1Label=Affected User Name\r\nnext line", nil},
		// Slack's {"title":…,"value":…} fields, Exchange's -Identity, a ServiceNow observable typed as an account
		{`"fields":[{"short":true,"title":"User","value":"j.kim"},{"title":"Host","value":"evil.com"}] [{"Name":"Identity","Value":"t.black"}] {"value":"a.kim","type":"USER-ACCOUNT"}`, []string{"dns evil.com"}},
		// an IAM principal without its ARN (PMapper); a user map keyed by id (ScoutSuite)
		{`* user/d.black can use EC2 to access role/ec2-admin; user/evil.com`, []string{"dns evil.com"}},
		{`"users": {"AIDA5Q3X7OQ2LHNZ4KJ6E": {"arn": "x", "name": "d.black"}} "domains": {"d1": {"name": "evil.com"}}`, []string{"dns evil.com"}},
		// SCIM's and JSON Patch's operations name the pair by a path
		{`{"Operations":[{"op":"replace","path":"userName","value":"n.wang"},{"op":"add","path":"/userName","value":"t.bond"},{"op":"add","path":"/homepage","value":"evil.com"}]}`, []string{"dns evil.com"}},
		// lower-case compound keys (BloodHound), arrays under a user key (ldapdomaindump), aligned columns (Mimikatz)
		{`{"samaccountname":"j.weber","sourceusername":"a.kim"} {"sAMAccountName": ["n.wang"], "users": ["b.kim", "c.kim"], "x": ["evil.com"]}`, []string{"dns evil.com"}},
		{"User Name         : j.weber\nDomain            : evil.com", []string{"dns evil.com"}},
		// keys naming a user by an id word: SASL's authid, LDAP's uid, user_id; not id alone
		{`authid=j.kim, uid=a.kim,ou=people user_id=b.kim "userId":"c.kim" id=evil.com guid=evil.net`, []string{"dns evil.com", "dns evil.net"}},
		// an XML element's CDATA section is its value (RSS's dc:creator)
		{"<dc:creator><![CDATA[j.kim]]></dc:creator><link><![CDATA[evil.com]]></link>", []string{"dns evil.com"}},
		// an entity whose type is an account (Sentinel, Defender): its name is a user's
		{`[{"Name":"evil.com","Type":"host"},{"$id":"4","Name":"a.kim","UPNSuffix":"x","Type":"account"},{"name":"b.kim","entityType":"User"}]`, []string{"dns evil.com"}},
		// who did it (dnf's Requested-By, created_by), PAM's logname; but
		// X-Powered-By names no person
		{"Requested-By: j.kim (1001) created_by=a.kim logname=j.weber X-Powered-By: evil.com", []string{"dns evil.com"}},
		// the account an FTP server's log names its session by (FileZilla 0.9 and 1.x, vsftpd) and the USER command (ProFTPD, IIS FTP)
		{"(000418)14/03/2024 08:10:02 - j.kim (10.20.4.55)> 230 Logged on\n>> [FTP Session 29 10.20.4.61 t.bond] RETR x\n[pid 21102] [a.kim] OK UPLOAD\nUSER b.kim: Login successful.\nblocked - evil.kim (x) y; user evil.bond", []string{
			"ipv4 10.20.4.55 private", "ipv4 10.20.4.61 private", "dns evil.kim", "dns evil.bond"}},
		// the account Sucuri's audit queue names before the address; a login's outcome after "authentication"
		{`1710077611_9023:"Warning: j.kim, 194.150.30.12; Plugin activated" "Notice: 194.150.30.12; User authentication succeeded: a.kim" Blocked: evil.kim, 1.2.3.4; x`, []string{
			"ipv4 194.150.30.12", "ipv4 194.150.30.12", "dns evil.kim", "ipv4 1.2.3.4"}},
		// a device's registration by a person (Xerox Workplace Cloud's registeredBy)
		{`{"registeredBy":"r.green","enrolled_by":"a.green","host":"evil.green"}`, []string{"dns evil.green"}},
		// the account a log line's prefix names: NIOS's audit log, Ansible's log; not elsewhere
		{"2024-05-14 09:07:12.044Z [j.kim]: Login_Allowed; 09:12:03,114 p=41872 u=a.kim n=ansible | TASK; blocked [evil.kim]: x; ?u=x.kim", []string{"dns evil.kim", "dns x.kim"}},
		// IOS's "username" command inside a log line, JunOS's "login user"; prose's user is a name
		{"DEBUG:netmiko:read_channel: username j.kim privilege 15 secret 9 $9$Xq; +set system login user a.kim class super-user; user b.kim logged in", []string{"dns b.kim"}},
		// ...and, quoted in prose, after "by" and a verb of what a person does (Acronis); not after another verb, nor unquoted
		{`session opened by 'it.support' via; job started by "j.kim"; blocked by 'evil.support'; opened by x.support today`, []string{"dns evil.support", "dns x.support"}},
		// a name inside a JSON key after a URI's scheme (itsme's tag: claim names); a tag URI as a value is a value
		{`{"userinfo":{"tag:sixdots.be,2016-06:claim_nationalnumber":{"essential":true},"email":"x"},"tag":"tag:evil.com,2024:x"}`, []string{"dns evil.com"}},
		// a nickname is a member's handle; a person-shaped name that is a mailbox's local part on the line is that person
		{`{"nickname":"j.kim"} {"owner_ref":"r.green","note":"mail r.green@evil.com"} {"ref":"d.black"}`, []string{"dns evil.com", "dns d.black"}},
		// Chromium's log prefix names its source file; a type key's value closed by '}' (Photon's custom properties)
		{"[4420:4424:20240312,091402.118:ERROR settings.cc:379] CreateFile x; see evil.cc:80] y", []string{"dns settings.cc code-identifier", "dns evil.cc"}},
		{"customProps: {(String)map=dm_foundry, (String)queue=ranked.games} {host=evil.games}", []string{"dns evil.games"}},
		// a logger after an unbracketed level after the time, before ": " (Python); after a time's bracket (ROS 2)
		{"2024-03-12 07:58:12,441 INFO lockout.tools: card granted; WARNING evil.tools: x", []string{"dns evil.tools"}},
		{"2024-03-12T13:05:44.120Z WARN automation.cloud: relay failed; Z WARN evil.cloud: x", []string{"dns evil.cloud"}}, // an ISO time in UTC; a 'Z' alone is none
		{"[usb_cam-2] [INFO] [1710234845.118203412] [scout01.cam]: Publishing", nil},
		// the user after the client's address in an access log (Moonraker)
		{"200 GET /server/files/list (100.88.14.27) [j.kim] 3.11ms; host [r.green] x", []string{"ipv4 100.88.14.27 cgnat", "dns r.green"}},
		// a logger after the level in brackets, padded, and before ": " (discord.py); a host before ": " in prose is a host
		{"[2024-03-12 09:14:05] [WARNING ] discord.ext.commands.bot: Privileged message; evil.com: it", []string{"dns evil.com"}},
		// auditd's account field, abbreviated
		{`type=USER_LOGIN msg=audit(1728993722.118:88412): pid=30411 uid=0 auid=1004 msg='op=login acct="d.black" exe="/usr/sbin/sshd" res=success' name=r.green`, []string{"dns r.green"}},
		// a MySQL account's user in quotes before '@' and its quoted host
		{"CREATE DEFINER=`j.kim`@`%` PROCEDURE x; connect('t.bond'@'10.20.4.55'); user d.black@evil.com", []string{"ipv4 10.20.4.55 private", "dns evil.com"}},
		// PostgreSQL's quoted relation and other objects
		{`pq: relation "audit.events" does not exist; permission denied for table "crm.accounts"; host "evil.events" refused`, []string{"dns evil.events"}},
		// a brand in capitals before a capitalised long TLD is a product's name; a TLD in capitals is a host's
		{`app OPENLANE.Docs opened; host EVIL.NET`, []string{"dns openlane.docs code-identifier", "dns evil.net"}},
		// the verb a few words before "by", a quoted object between; a blocking verb names no person
		{`External reviewer r.green added to project 'QC-Release' by 'j.kim'; host 'x' blocked by 'evil.support'`, []string{"dns r.green", "dns evil.support"}},
		// ...or unquoted (LoggerNet's server started on a host); a verb not naming an act keeps its host
		{`LoggerNet server version 4.8.0.3 started on WX-LNET01 by 'j.kim'; zone signed on ns1 by 'evil.support'`, []string{"dns evil.support"}},
		// a token with an empty label, no host (SeisComP's SEED stream code); an ellipsis after a name ends it
		{"pick 20240312.091502.12-AIC-UW.ICE..HHZ UW.ICE..HHZ; see evil.ice.. then evil.ice...", []string{"dns evil.ice", "dns evil.ice"}},
		{"see evil.com..and more", []string{"dns evil.com"}}, // (in lower case, a sentence's)
		// a record of $$key=value$$ fields (a Hamilton method file)
		{`KAPA_LibPrep.med $$author=j.kim$$valid=1$$ peer=r.green$x`, []string{"dns r.green"}},
		// a role's word between "by" and the name, unquoted (Galaxy's job handler)
		{`Job 48216 stopped by admin d.black: "upload"; resolved by admin r.green; stopped by d.kim; approved by manager j.kim today`, []string{"dns r.green", "dns d.kim"}},
		// ...after a state or a noun, no participle (Evolv's mode change); a participle not naming an act keeps its host
		{`TRAINING -> LIVE by supervisor r.green; override by manager j.kim; hosted by operator t.bond`, []string{"dns t.bond"}},
		{`seed 7c41e9d2a0b83f15, run by clerk r.green; pool drawn by clerk k.ford`, nil},          // (irregular participles of a person's act)
		{`Void authorized by manager r.green; routed by operator t.bond`, []string{"dns t.bond"}}, // (any participle but a host's verb)
		{`{"detected_by":"r.black","reported_by":"evil.org","released_by":"t.bond"}`, []string{"dns evil.org"}},
		// ...written in two words (OpManager's "Changed By:", a tracker's "Assigned To:")
		{"Configuration changed, Changed By: s.black, Assigned To: t.bond, Sent To: r.bond, Source: evil.com", []string{"dns r.bond", "dns evil.com"}},
		// ...the verb itself (status_change_by), and whom a case went to
		{`{"assigned_to":"t.bond","status_change_by":"r.black","escalated_to":"evil.ru","sent_to":"d.black"}`, []string{"dns evil.ru", "dns d.black"}},
		// a person-shaped name the line gives under a user key is that user wherever else it stands on the line
		{`{"userName":"j.kim","objectName":"j.kim","detail":"by j.kim"} {"objectName":"r.green"}`, []string{"dns r.green"}},
		{`user="j.kim" msg="Administrator j.kim logged in successfully" peer=j.kim.evil.com note=x.j.kim`, []string{"dns j.kim.evil.com", "dns x.j.kim"}},
		{`password reset for user j.weber (TargetUserName=j.weber); owner evil.com (user=evil.com) seen`, []string{"dns evil.com"}},
		// FreeRADIUS's login results name the user in brackets
		{`Auth: (1842) Login OK: [j.weber] (from client vpn port 0) Login incorrect (mschap: MS-CHAP2-Response is incorrect): [t.bond/<via Auth-Type = EAP>] Invalid user: [r.green] (from client x) Status: [d.black]`, []string{"dns d.black"}},
		// one token between the level and the user before " - " (Pega's prefix)
		{`(on.Rule_Connect_REST_Action) ERROR pega-web-01|10.40.5.21 j.kim - Connect-REST failed; ERROR fetch t.co - timeout`, []string{"ipv4 10.40.5.21 private", "dns t.co"}},
		// a cloud resource typed as a user, however long the record before it
		{`{"requestParameters":{"x":"` + strings.Repeat("q", 900) + `"},"resourceName":"n.wang","resourceType":"ACS::RAM::User"} {"resourceName":"d.black","resourceType":"AWS::IAM::User"}`, nil},
		// ...for a value with an initial: DKIM's signed_by is a domain;
		// short domains are no initials; an ECS user set, not any object
		{`{"signed_by":"evil-mailer.com","invokedBy":"evil-svc.com"} {"actor":{"site":"t.me","host":"x.com"}} {"user":{"host":{"name":"evil-host.com"}}}`, []string{
			"dns evil-mailer.com", "dns evil-svc.com", "dns t.me", "dns x.com", "dns evil-host.com"}},
		// a user's structure: objects in an array of users (Jamf), any key
		// of an object a user key holds, for a value with an initial
		// (auditd's actor), ECS's user.<set>.name
		{`"users":[{"name":"j.weber","uid":501}] "summary":{"actor":{"primary":"t.bond","secondary":"evil.com"}} "user":{"audit":{"name":"a.kim"}}`, []string{"dns evil.com"}},
		// a cloud asset typed as a user (Orca, Prisma); a name key with a
		// prefix takes the type of that prefix, not the object's first
		{`{"type":"cdr_login","asset_name":"d.black","asset_type":"AwsIamUser"} {"id":"x","name":"e.black","resourceType":"IAM_USER"}`, nil},
		{`{"type":"AwsIamUser","asset_name":"evil.com","asset_type":"AwsEc2Instance"}`, []string{"dns evil.com"}},
		{`"[{""$id"":""4"",""Name"":""j.kim"",""Sid"":""S-1-5-21-1124"",""Type"":""account""}]"`, nil},
		// keys that name a user by its role: a principal (every key's last
		// letter passes the same pre-check), an administrator, an owner, an
		// operator (Spring Security, Cisco ISE, Zscaler), when the value
		// starts with an initial: DNS's owner is a record's name
		{"AuthenticationFailureBadCredentialsEvent: principal=n.wang, details=WebAuthenticationDetails", nil},
		{`AdminName=t.bond, operator=j.kim odeviceowner="m.love"` + "\tfile_owner=a.kim admin_user=b.kim", nil},
		{`owner=evil.ru {"rrname":"x","owner":"evil.net"} admin: evil.com principal=evil.org operator=x.kim`, []string{
			"dns evil.ru", "dns evil.net", "dns evil.com", "dns evil.org"}},
		// DOMAIN\user under a user key: the domain is a name
		{`TargetUserName=evil-corp.ru\j.doe {"user":"evil.com\\jdoe"}`, []string{"dns evil-corp.ru", "dns evil.com"}},
		// JSON inside a JSON string: the escaped quote ends the value
		// (Rapid7's message, Sentinel's Entities)
		{`{"message":"{\"user\":\"j.kim\",\"destination_local_account\":\"a.kim\",\"host\":\"evil.com\"}"}`, []string{"dns evil.com"}},
		{`"Entities":"[{\"Name\":\"m.schmidt\",\"Type\":\"account\"},{\"Name\":\"evil.org\",\"Type\":\"host\"}]"`, []string{"dns evil.org"}},
		// a domain user before an escaped line end is a user, not a UNC
		// host (Kaspersky's msg); a share's folder after one is still one
		{`msg=Device: x\r\nUser: ACME\\j.kim\r\n rt=1 \\files.evil.net\tools\a.exe`, []string{"dns files.evil.net"}},
		// ...not a value that goes on, not a key that names something else,
		// not a name in prose after the word user
		{"user=j.weber.evil.com userAgent=evil.net hostname=evil.org user j.weber", []string{
			"dns j.weber.evil.com", "dns evil.net", "dns evil.org", "dns j.weber"}},
	})
}

func TestScanPaths(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// the components of a value whose key names a path (Pydio's NodePath, SFTPGo's fs_path); another key's
		{`{"NodePath":"personal/j.kim/Downloads/x.pdf","fs_path":"acme/a.kim/q1","url":"x/evil.kim/y"}`, []string{"dns evil.kim"}},
		// a path a word before it names a folder (MailStore's audit): its first component is a folder's name; a host before a path elsewhere
		{`viewed message in folder 'j.kim/Inbox/Vendors' (IP 1); directory backups.old/2024; GET evil.kim/Inbox; folder evil.com is`, []string{"dns evil.kim", "dns evil.com"}},
		// a name in a Windows path is a file, whatever its extension
		{`C:\Windows\System32\more.com Image: C:\Windows\System32\tree.com`, nil},
		{`{"Image":"C:\\Windows\\System32\\more.com"} %TEMP%\a.zip \Device\HarddiskVolume3\x\chcp.com`, nil},
		{`C:\Users\jdoe\.aws\credentials D:\backup\notes.app`, nil},
		// an ARN's resource path holds names, not hosts; an OIDC
		// provider's name is its issuer's host
		{`"arn:aws:iam::418273645091:user/d.black" arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/x`, nil},
		{`arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com`, []string{"dns token.actions.githubusercontent.com"}},
		{"arn:aws:ses:us-east-1:1:identity/secure-login-evil.com arn:aws:iam::1:server-certificate/www.evil-phish.net arn:aws:iam::1:root\nupstream:pool/evil-domain.net", []string{
			"dns secure-login-evil.com", "dns www.evil-phish.net", "dns evil-domain.net"}},
		// a hash before an XML namespace is reported (SQL Server's audit:
		// additional_information:<action_info xmlns="http://…">)
		{`permission_bitmask:5f4dcc3b5aa765d61d8327deb882cf99 info:<action_info xmlns="http://schemas.microsoft.com/sqlserver/2008/sqlaudit_data">`, []string{
			"md5_hash 5f4dcc3b5aa765d61d8327deb882cf99"}},
		// JSON's whitespace escapes are no letters of what follows them
		// (Cloud DNS's rdata); a raw Windows path's \n starts a folder
		{`{"rdata":"x.evil-dns.top.\t300\tIN\ta\t91.215.85.62","r6":"\taaaa\t2001:67c:4e8:f004::9\n\tevil-cdn.com."}`, []string{
			"dns x.evil-dns.top", "ipv4 91.215.85.62", "ipv6 2001:67c:4e8:f004::9", "dns evil-cdn.com"}},
		{`{"msg":"line 1\nhttp://evil.com/x"}`, []string{"url http://evil.com/x"}},
		// outside JSON an escaped line end before a scheme is one too
		// (CEF's msg=…\r\nhttps://…); a folder named so is no scheme
		{`msg=see:\r\nhttps://evil.org/a line1\nhttp://evil.com/x C:\tmp\thttp.txt`, []string{"url https://evil.org/a", "url http://evil.com/x"}},
		{`{"cmd":"C:\tools\nancy.app"}`, nil},
		// a key's colon is no drive: Windows' 4625 message in JSON
		{`{"Message":"Network Information:\r\n\tSource Network Address:\t45.155.205.233\r\n","h":"host:\tevil-domain.net"}`, []string{
			"ipv4 45.155.205.233", "dns evil-domain.net"}},
		// the host of a UNC path is a host, in JSON too; a typed URL too
		{`\\files.evil-share.net\drop\stage2.app "\\\\evil.com\\share\\x.app"`, []string{"dns files.evil-share.net", "dns evil.com"}},
		{`net use Z: \\fs01.corp.example.com\it$`, []string{"dns fs01.corp.example.com documentation"}},
		{`"name_value":"login.evil-verify.com\nwww.login.evil-verify.com\nmail.evil-verify.com" C:\x.com\nancy.app`, []string{
			"dns login.evil-verify.com", "dns www.login.evil-verify.com", "dns mail.evil-verify.com"}},
		{`Path: file:_\\fs-drop.duckdns.org\pub\tools\mk.exe {"p":"C:\\x_\\readme.com\\y"} C:\x_\\tool.com`, []string{"dns fs-drop.duckdns.org"}},
		// a name after '/' in a path, an absolute path or a host's path is a file
		{"/usr/share/doc/openssl/README.md /home/x/.config/settings.site C:/x/more.com", nil},
		{`"GET /download/setup.app HTTP/1.1" cdn.evil.com/files/update.app`, []string{"dns cdn.evil.com"}},
		{`{"filename":"\/bins\/x86.sh"} 93.184.216.34:/download/update.app`, []string{"ipv4 93.184.216.34"}},
		// macOS paths hold spaces: capitalised components go on across them
		{"path=/Applications/Google Chrome.app/Contents/MacOS/Google Chrome|x=/Library/Application Support/Zoom.us/x", nil},
		{"GET /index Evil.com/x /tmp/x evil.net/a /Users/A Evil.app", []string{"dns evil.com", "dns evil.net", "dns evil.app"}},
		// ...a word in capitals after a component, and a path ending before ": " (codesign); not a switch
		{"at /Library/super/IBM Notifier.app /private/tmp/dmg.X/Google Chrome.app: satisfies run /TN Evil.app", []string{"dns evil.app"}},
		{"path=/Users/j.doe/Applications/Google Chrome.app/Contents/x", nil},
		// ...a component of several capitalised words, after a host's path too (Exchange's ObjectId); not prose
		{`"ObjectId":"EURPR04A005.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/acmecorp.onmicrosoft.com/c.wong" "Visit Our Site/evil.com" /Library/Application Support Files/Zoom.us/x`, []string{"dns eurpr04a005.prod.outlook.com", "dns evil.com"}},
		// an earlier component with a space too: macOS's /Applications/OpenVPN Connect/
		{"helper launched from /Applications/OpenVPN Connect/OpenVPN Connect.app/Contents/MacOS/OpenVPN Connect; GET /index evil.com/x", []string{"dns evil.com"}},
		// a Windows path in a JSON string's text, between escaped quotes
		{`"message":"launched action \"C:\\Users\\Public\\upd.com\" in \"\\\\files.evil.com\\s\""`, []string{"dns files.evil.com"}},
		// ...the name ending the path, or a relative path that goes on; not a command's switch
		{`Processing: /Users/runner/build/Acme Agent.app "path":"AcmeAgent.zip/Acme Agent.app/Contents/MacOS/x" rundll32 /C Evil.app`, []string{"dns acmeagent.zip file-extension", "dns evil.app"}},
		{"/ " + strings.Repeat("w", 300) + "/Apps/Google Chrome.app/x", []string{"dns chrome.app"}}, // a path past the 256 bytes looked back
		// ...but after "//" or a plain word and a slash it is a host
		{"//cdn-bad.org/x HIER_DIRECT/evil.com user/evil.net", []string{"dns cdn-bad.org", "dns evil.com", "dns evil.net"}},
		// ...unless the name is a source file its extension says is one, in a directory in lower case (Buck2); not after a word in capitals or "//"
		{"action (cxx_compile src/ledger.cc) build/rules.mk DIRECT/evil.cc //evil.mk/x lib/evil.io", []string{"dns evil.cc", "dns evil.mk", "dns evil.io"}},
		{"hit: direct/evil.cc proto=tcp/evil.net services/ledger/x.cc", []string{"dns evil.cc", "dns evil.net"}}, // one folder naming no source tree
		// a mailbox's domain is no file, whatever its TLD
		{"552 5.2.2 <r.nowak@polmet-sa.pl>: Recipient; perl home.pl", []string{"dns polmet-sa.pl", "dns home.pl file-extension"}},
		// Windows console programs with a .com extension, in running text
		{"more.com C:\\temp\\x.txt | tree.com /f; chcp.com 65001; format.com D:", []string{
			"dns more.com file-extension", "dns tree.com file-extension", "dns chcp.com file-extension", "dns format.com file-extension"}},
		{"more[.]com http://more.com/ moremore.com", []string{"dns more.com", "url http://more.com/", "dns moremore.com"}},
		// a name glued inside a file's name; separators escaped twice (a STIX pattern in JSON)
		{`C:\Windows\CatRoot\{F750E6C3}\Package~31bf3856ad364e35~amd64~~10.0.19041.3393.cat`, nil},
		{`88231,.\Windows\servicing\Packages,Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.4170.1.10.cat,.cat ~evil.com`, []string{"dns evil.com"}},
		// a file named for its time, the name glued after the time's ':' in a path (dspsr's archive); no path, or a key, leaves a host
		{`unloading to /data/psr/J1713+0747/2024-03-12-21:14:05.ar; at 21:14:05.ar host:evil.ar`, []string{"dns 05.ar", "dns evil.ar"}},
		{`"pattern":"[file:path = 'C:\\\\Users\\\\Public\\\\svchost.com']" \\\\evil.com`, []string{"dns evil.com"}},
		// the kernel's form of a UNC path, \Device\Mup\host\share: its host is a host
		{`\DEVICE\MUP\45.146.165.37@80\SHARE\X.EXE \Device\Mup\files.evil-share.net@SSL\DavWWWRoot\x.com \Device\HarddiskVolume3\10.1.2.3\x`, []string{
			"ipv4 45.146.165.37", "dns files.evil-share.net"}},
	})
}

func TestScanCode(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// .NET runtimes in PascalCase with an acronym and a three-letter last label; a capitalised host with a hand-written TLD is a host
		{`Microsoft.NETCore.App 8.0.2 Microsoft.AspNetCore.App 8.0.2 Secure.PayPal.Com EVIL.NET`, []string{
			"dns microsoft.netcore.app code-identifier", "dns microsoft.aspnetcore.app code-identifier", "dns secure.paypal.com", "dns evil.net"}},
		// a stack frame's source file, named for the frame's class (Gosu's .gs); a call's host and port is a host
		{`at acme.cc.rules.ClaimExceptionRules.doRule(ClaimExceptionRules.gs:118) sock.dial(evil.gs:443)`, []string{
			"dns acme.cc.rules.claimexceptionrules.dorule unknown-tld", "dns claimexceptionrules.gs code-identifier", "dns sock.dial unknown-tld", "dns evil.gs"}},
		// a host and its address in brackets is no call
		{`SFTP connect to sftp.npci-settlement.org.in(103.77.42.186):22 refused; log.info(x)`, []string{"dns sftp.npci-settlement.org.in", "ipv4 103.77.42.186", "dns log.info code-identifier"}},
		// a Kubernetes admission request's members, as policies read them; request's other labels stay a host's
		{`failed to resolve request.object.metadata.labels.team at path; input.review.object.metadata.name`, []string{"dns request.object.metadata.labels.team code-identifier", "dns input.review.object.metadata.name code-identifier"}},
		// an OpenRTB bid request's objects (Prebid Server's errors); another member is a host
		{`request.device.ua is blank; request.site or request.app must be defined; request.evil.app`, []string{"dns request.device.ua code-identifier", "dns request.site code-identifier", "dns request.app code-identifier", "dns request.evil.app"}},
		{`visit request.evil.com or input.evil.net`, []string{"dns request.evil.com", "dns input.evil.net"}},
		// a mailbox's display name (git's author) is no name; a link in angle brackets is no mailbox
		{`"email":"n.wang <n.wang@acmecorp.net>" visit evil.com <http://evil.com/>`, []string{"dns acmecorp.net", "dns evil.com", "url http://evil.com/"}},
		// a template's placeholder (Zendesk, Liquid, Jinja) is code
		{"Dear {{ticket.requester.name}}, ref {{ ticket.id | upcase }} see {evil.com}", []string{
			"dns ticket.requester.name code-identifier", "dns ticket.id code-identifier", "dns evil.com"}},
		// a logger's channel and level in capitals (Monolog); a host in one case is a name
		{"[2024-05-14] [freepbx.INFO]: installed; app.ERROR x evil.info EVIL.INFO", []string{
			"dns freepbx.info code-identifier", "dns app.error unknown-tld", "dns evil.info", "dns evil.info"}},
		// glog's source file and line (Triton); a host and port before ']' elsewhere
		{"I0514 09:58:02.118203 1 server.cc:307] Waiting\nE0514 09:12:07.118203     1 logging.cc:43] x\nUploading evil.cc:443] x", []string{
			"dns server.cc code-identifier", "dns logging.cc code-identifier", "dns evil.cc"}},
		// Traffic Server's source file, line and function; a host, its port and a word
		{"DEBUG: <HostDB.cc:1120 (dnsEvent)> (hostdb) failed; connect evil.cc:443 (timeout)", []string{"dns hostdb.cc code-identifier", "dns evil.cc"}},
		// Python's repr of a function or a method; the same words in prose
		{"functools.partial(<function Session.post at 0x7f3c2a1d9e50>) <bound method Client.send of x> visit Session.post", []string{
			"dns functools.partial unknown-tld", "dns session.post code-identifier", "dns client.send unknown-tld", "dns session.post"}},
		// a JavaScript stack frame's function, before its source's line and column (Chrome); a host in a sentence's brackets
		{"TypeError: x at utag.loader.SC (utag.js:1:9210) at Object.RC (utag.js:1:8804); connected at evil.sc (port 443)", []string{
			"dns utag.loader.sc code-identifier", "dns utag.js unknown-tld", "dns object.rc unknown-tld", "dns utag.js unknown-tld", "dns evil.sc"}},
		{"C2 beacon seen at evil.com (10:42:17)", []string{"dns evil.com"}}, // a time is no source's line and column
		// a filter expression's field before OData's or SCIM's operator (Cvent's API); the operand is a value
		{"GET /ea/attendees/filter?filter=event.id+eq+'00406af5'&limit=200 x; filter=userName%20eq%20\"evil.com\"", []string{"dns event.id code-identifier", "dns evil.com"}},
		// a Python module's dotted path after import, between from and import, after "module named"; prose's "imports" and two labels is a name
		// a module after its word, three labels and no '-' (Django's settings module); a host has a '-' or fewer labels
		{"Using settings module ifta.settings.live (release 4.3.1); loaded module cdn.evil-host.live; module evil.live", []string{
			"dns ifta.settings.live code-identifier", "dns cdn.evil-host.live", "dns evil.live"}},
		{"go: module go.evilcorp.io/sdk@latest found; second-stage module stage2.updatesvc.net over HTTPS", []string{"dns go.evilcorp.io", "dns stage2.updatesvc.net"}}, // (only Django's settings module)
		{"imports `acme.ledger.rates.io`, from django.core.management import x; No module named 'plotly.express'; imports evil.io", []string{
			"dns acme.ledger.rates.io code-identifier", "dns django.core.management code-identifier", "dns plotly.express code-identifier", "dns evil.io"}},
		{"Dropper imports cdn.evil.com and x.import cdn.evil.net", []string{"dns cdn.evil.com", "dns x.import unknown-tld", "dns cdn.evil.net"}}, // prose, unquoted
		// a StatsD metric's name (TorchServe, DogStatsD); a host and port before another field
		{"WorkerThreadTime.ms:1.0|#Level:Host api.latency.ms:12|ms x.evil.ms:443|x", []string{
			"dns workerthreadtime.ms code-identifier", "dns api.latency.ms code-identifier", "dns x.evil.ms"}},
		// members of variables, calls, browser objects
		{"$item.Name $_.Name $($r.Host) $obj.Site", []string{"dns item.name code-identifier", "dns _.name code-identifier", "dns r.host code-identifier", "dns obj.site code-identifier"}},
		{"log.Info(x); self.app.run(debug=False); window.location.host", []string{"dns log.info code-identifier", "dns self.app.run file-extension", "dns window.location.host code-identifier"}},
		// Node-RED's msg object; a host under another first label
		{"msg.payload.host missing, falling back to msg.req.ip; msg.evil.host", []string{"dns msg.payload.host code-identifier", "dns msg.req.ip unknown-tld", "dns msg.evil.host"}},
		// Mule's variables in DataWeave: a variable and its members
		{"Unable to resolve reference of: vars.customer.email; see vars.io", []string{"dns vars.customer.email code-identifier", "dns vars.io"}},
		{"<local0.info> 10.20.40.2 auth.notice daemon.err user.info local7.debug x.info", []string{
			"dns local0.info code-identifier", "ipv4 10.20.40.2 private", "dns auth.notice unknown-tld", "dns daemon.err unknown-tld",
			"dns user.info code-identifier", "dns local7.debug unknown-tld", "dns x.info"}},
		// ...after a tag's label (Fluentd's in_syslog); not after two
		{"syslog.authpriv.info: {} a.b.mail.info x.evil.info", []string{"dns syslog.authpriv.info code-identifier", "dns a.b.mail.info", "dns x.evil.info"}},
		// Ruby's and Perl's "=>": a key, and a phrase under a version key (Logstash)
		{`{"pipeline.id"=>"main", "jruby.version"=>"jruby 9.4.5.0 (3.1.4)", "peer"=>"evil.info", "note"=>"host 5.6.7.8"}`, []string{"dns evil.info", "ipv4 5.6.7.8"}},
		// a version key's value with a prefix; a token's part under a key naming a token
		{"sw_version=POS-22.4.1.3 host=POS-5.6.7.8 queueittoken=e_x~ts_1~h_f50de460f53159ee7bceffaba007ef5d0dd23c7545dbda1385c1300ea807ae05 blob=x~f50de460f53159ee7bceffaba007ef5d0dd23c7545dbda1385c1300ea807ae06", []string{
			"ipv4 5.6.7.8", "sha256_hash f50de460f53159ee7bceffaba007ef5d0dd23c7545dbda1385c1300ea807ae06"}},
		{`console.info window.name location.host "userAgent":"console.amazonaws.com" location.evil.org window.evil.com`, []string{
			"dns console.info code-identifier", "dns window.name code-identifier", "dns location.host code-identifier",
			"dns console.amazonaws.com", "dns location.evil.org", "dns window.evil.com"}},
		// a template's placeholder, Go's too (the field from the dot)
		{"for {{ .extract_iocs.body.user.email }} on {{.alert.host.name}}, {{ x.host | lower }}; see evil.name .evil.host", []string{
			"dns extract_iocs.body.user.email code-identifier", "dns alert.host.name code-identifier", "dns x.host code-identifier", "dns evil.name", "dns evil.host"}},
		// ${…}, @{…} and #{…} placeholders (shells, Verdaccio, Ruby)
		{`bytes: @{bytes.in}/@{bytes.out} ${env.host} #{user.name} {evil.com} {evil.org`, []string{
			"dns bytes.in code-identifier", "dns bytes.out unknown-tld", "dns env.host code-identifier", "dns evil.com", "dns evil.org"}},
		// reverse-DNS identifiers, names whose case gives them away
		{"com.android.chrome org.apache.catalina.core.StandardWrapperValve.invoke", []string{"dns com.android.chrome code-identifier", "dns org.apache.catalina.core.standardwrappervalve.invoke unknown-tld"}},
		// an Android application's id under any root (.android is Google's own TLD); a country's subdomain stays a host
		{"app se.izettle.android 6.41.2 host de.wikipedia.org", []string{"dns se.izettle.android code-identifier", "dns de.wikipedia.org"}},
		// a path after a scope's "::" (Strapi's content types); an IPv6 address's "::" is no scope
		{`"uid":"api::news.news" fe80::1 x ::evil.news`, []string{"dns news.news code-identifier", "ipv6 fe80::1 link-local", "dns evil.news"}},
		// a .NET product keeps ".NET" in capitals; a host keeps one case for its TLD
		{"Sitecore.NET 10.3.1, EVIL.NET, Evil.Net", []string{"dns sitecore.net code-identifier", "dns evil.net", "dns evil.net"}},
		// a .NET namespace in PascalCase before a long capitalised leaf (Crestron's [AcmeRooms.Weather]); a brand's host keeps its TLD's case
		{"[AcmeRooms.Weather] PayPal.com LinkedIn.Com", []string{"dns acmerooms.weather code-identifier", "dns paypal.com", "dns linkedin.com"}},
		// ...with numbered parts before the leaf (Geo SCADA's point path); a numbered host with a hand-written TLD is a host
		{"Wastewater.LiftStations.LS07.Pump1.Auto Web01.Acme.Com", []string{"dns wastewater.liftstations.ls07.pump1.auto code-identifier", "dns web01.acme.com"}},
		{"server.Host files.It ASP.NET VB.NET", []string{"dns server.host code-identifier", "dns files.it code-identifier", "dns asp.net code-identifier", "dns vb.net code-identifier"}},
		// a subject class as arXiv writes one; a hand-written TLD in capitals, or a longer name, is a host
		{"category=cs.CR; cs.AI astro-ph.EP evil.COM login.evil.AI", []string{"dns cs.cr code-identifier", "dns cs.ai code-identifier", "dns astro-ph.ep unknown-tld", "dns evil.com", "dns login.evil.ai"}},
		{"phish.RU evil.CN paypal-login.SHOP", []string{"dns phish.ru", "dns evil.cn", "dns paypal-login.shop"}}, // no archive of arXiv's
		// a process-control tag's parameter (Yokogawa CENTUM, DeltaV); a host in capitals has no tag's digit
		// ...an area's prefix before the tag (an electrolyser HMI); a host's labels in capitals, or a lower-case prefix, are none
		{"Object=ELX3.TIC2105.SV;OldValue=78.0 x=CDN.EVIL.SV y=a.TIC2105.SV", []string{"dns elx3.tic2105.sv code-identifier", "dns cdn.evil.sv", "dns a.tic2105.sv"}},
		{"WWW.SHOP2024.SV NS1.HOST123.MV LOGIN.BAC24.SV", []string{"dns www.shop2024.sv", "dns ns1.host123.mv", "dns login.bac24.sv"}}, // (an area is numbered; a host's label is a word)
		{"USER=J.KIM  FIC1021.SV  145.0 -> 152.0; FIC-7102,PID1/SP.CV,,; EVIL.SV x/EVIL.CV FIC1021.COM", []string{
			"dns fic1021.sv code-identifier", "dns sp.cv code-identifier", "dns evil.sv", "dns evil.cv", "dns fic1021.com"}},
		{"C2SRV1.CV", []string{"dns c2srv1.cv"}}, // no instrument's tag
		// a variable's member after '$'; a field of a record delimited by '$' is a host (an eSIM activation code's SM-DP+ server)
		{`x $item.Name; "activation_code":"LPA:1$smdp.evil-gw.io$K2-1ZQ8W"`, []string{"dns item.name code-identifier", "dns smdp.evil-gw.io"}},
		{`objHTTP.Open "GET", url: Set wshShell = CreateObject("WScript.Shell")`, []string{"dns objhttp.open code-identifier", "dns wscript.shell code-identifier"}},
		// a variable a query binds: SQL's aliases, Cypher's nodes; prose has no binding
		// a table SQL names, its schema first; "from" in prose is no SQL
		{"SELECT c.pan FROM crm.customers c JOIN finance.cards p ON 1=1; INSERT INTO audit.log VALUES(1)", nil},
		{"select * from finance.cards", nil},
		{"traffic from evil.cards, seen FROM evil.com", []string{"dns evil.cards", "dns evil.com"}},
		// (u.name and d.host, listed by SELECT up to FROM, are field names: no candidate at all)
		{"SELECT u.name, d.host FROM users u JOIN devices AS d ON u.id = d.owner", []string{
			"dns u.id code-identifier", "dns d.owner unknown-tld"}},
		{`"query":"SELECT crm.customers.email FROM crm.customers WHERE id = $1" select evil.email FROM x`, []string{"dns evil.email"}},
		{"MATCH (u:User)-[r:MemberOf]->(g:Group) RETURN u.name, g.name", []string{"dns u.name code-identifier", "dns g.name code-identifier"}},
		{"reach x.com from box x; (a) see a.io", []string{"dns x.com", "dns a.io"}},
		// ...but not hosts, however written
		{"WWW.Evil.COM evil.com(malicious) Evil.Com com.br", []string{"dns www.evil.com", "dns evil.com code-identifier", "dns evil.com", "dns com.br public-suffix"}},
		{"$evil[.]com log4j.properties", []string{"dns evil.com", "dns log4j.properties file-extension"}},
		// a format string's field path in single braces; a name in them stays one
		{"order_id={checkout.order.id} see {user.name} or {evil.com}", []string{"dns checkout.order.id code-identifier", "dns evil.com"}},
		// a camel-case label before an address's leaf (Adyen); a name's own
		{"Required field 'deliveryAddress.city' missing; payment_ip.country != x; visit evil.city", []string{"dns evil.city"}},
		// systemd's target units
		{"Reached target network-online.target; WantedBy=multi-user.target", []string{"dns network-online.target file-extension", "dns multi-user.target file-extension"}},
		// Terraform's files and public keys (ggshield, age); a URL's host stays a name
		{`> main.tf: 2 incidents; "recipients/ops-team.pub"; ssh-keygen wrote id_ed25519.pub; https://evil.tf/x`, []string{
			"dns main.tf file-extension", "dns ops-team.pub file-extension", "dns id_ed25519.pub file-extension", "url https://evil.tf/x"}},
		// Cisco MAC addresses
		{"0050.56ab.cafe 001b.2fa3.beef", nil},
	})
}
