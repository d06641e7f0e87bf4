package ioc

import "testing"

const (
	tMD5    = "8b7c0d454a4518bdf2c7d83051da87eb"
	tSHA256 = "92db1e3329e5a63624abe1227af88a7369f5d694a6d3dbfbda6171dfecdfd789"
)

func TestScanDetectionNames(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// ClamAV's platform.category.name, and what '::' glues on to it
		{"ThreatName: Win.Dropper.AgentTesla::1201.sbx.tg, Doc.Downloader.Emotet.ai; win.evil.org::x", []string{
			"dns win.dropper.agenttesla unknown-tld", "dns 1201.sbx.tg detection-name", "dns doc.downloader.emotet.ai detection-name", "dns win.evil.org"}},
		// a platform label before the last (Kaspersky, Symantec, Palo Alto)
		{"XProtect detected malware MACOS.POSEIDON.AG, OSX.Dok.bz; macos.evil.com", []string{
			"dns macos.poseidon.ag detection-name", "dns osx.dok.bz detection-name", "dns macos.evil.com"}},
		{"virus=Trojan.Win32.Agent.co Backdoor.MSIL.Bladabindi.bz", []string{
			"dns trojan.win32.agent.co detection-name", "dns backdoor.msil.bladabindi.bz detection-name"}},
		{"Risk name: W32.Sality.AE; trojan-downloader.win32.agent.ms Trojan.AndroidOS.Agent.gm", []string{
			"dns w32.sality.ae detection-name", "dns trojan-downloader.win32.agent.ms detection-name",
			"dns trojan.androidos.agent.gm detection-name"}},
		// after a platform or type and '/' (ESET, Microsoft, Fortinet), or
		// a prefix and ':' (Kaspersky, Bitdefender)
		{"a variant of Win32/Agent.abc trojan; Trojan:Win32/Emotet.PA!MTB W32/Generic.AC!tr", []string{
			"dns agent.abc detection-name", "dns emotet.pa detection-name", "dns generic.ac detection-name"}},
		{"TrojanDownloader:O97M/Emotet.SS!MTB HEUR:Trojan.Win32.Generic.ai Gen:Variant.Zusy.ai", []string{
			"dns emotet.ss detection-name", "dns trojan.win32.generic.ai detection-name", "dns variant.zusy.ai detection-name"}},
		// a kind of malware first, written with capitals (ClamAV)
		{"bundle.exe: PUA.Win.Adware.ai FOUND", []string{"dns bundle.exe unknown-tld", "dns pua.win.adware.ai detection-name"}},
		// names ending in digits or an unknown TLD are no candidates at all
		{"Gen:Variant.Razy.123 Trojan:Win32/Wacatac.B!ml W32.Bugbear.B@mm", nil},
		// a hash beside a detection name is still a hash
		{"Trojan.Win32.Agent.co md5=" + tMD5, []string{"dns trojan.win32.agent.co detection-name", "md5_hash " + tMD5}},
		// real domains with those TLDs are names: in a URL, as a value, in
		// prose, defanged, and the same words in a host that is not a
		// detection name
		{"host=agent.co url=http://agent.co/ping Win32/x http://w32.sality.ae/x", []string{
			"dns agent.co", "url http://agent.co/ping", "url http://w32.sality.ae/x"}},
		{"beacons to backdoor-msil.bz and w32update.ae; trojan.agent.co; dl.cdn.win32.evil.org", []string{
			"dns backdoor-msil.bz", "dns w32update.ae", "dns trojan.agent.co", "dns dl.cdn.win32.evil.org"}},
		{"Trojan.Win32.Agent[.]co GET /win32/agent.co", []string{"dns trojan.win32.agent.co"}},
		{"HIER_DIRECT/agent.co http:agent.co", []string{"dns agent.co", "dns agent.co"}},
	})
}

func TestScanApplicationNames(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// every label capitalised, the last a word: a product, not a host
		{`app="Google.Drive" app="Apple.Store" app="Amazon.Video"`, []string{
			"dns google.drive code-identifier", "dns apple.store code-identifier", "dns amazon.video code-identifier"}},
		// a name in lower case is a name (google.drive), so is one whose
		// TLD is short or not capitalised, or that is defanged
		{"google.drive Amazon.com Evil.Com Evil.Ru Amazon-Video.store Apple[.]Store", []string{
			"dns google.drive", "dns amazon.com", "dns evil.com", "dns evil.ru", "dns amazon-video.store", "dns apple.store"}},
	})
}

func TestScanQueryFieldNames(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// Suricata sticky buffers, EQL/KQL fields before an operator, Sigma
		// modifiers, SPL's "by"
		{`(msg:"x"; http.host; content:"update-check.co"; file.name; file.data; ssh.software;)`, []string{"dns update-check.co"}},
		{`process.name : "rundll32.exe" and dns.question.name == "dl.pastebin-cdn.xyz"`, []string{
			"dns rundll32.exe unknown-tld", "dns dl.pastebin-cdn.xyz"}},
		{`sequence by host.id [file where file.name : "*.lnk"] | stats count by dns.question.name`, nil},
		// Cortex XDM's fields; a snake-case label then a field's leaf is a
		// field (a registrable domain's label has no '_')
		{`filter xdm.network.dns.dns_question.name not contains "x" | comp count() by xdm.source.host.hostname`, []string{"dns xdm.source.host.hostname unknown-tld"}},
		{`# aws_lb.app will be created; where src_endpoint.name = "x"`, nil},
		// SentinelOne's S1QL fields; Cloudflare's rules language
		{`src.process.name = 'x' and endpoint.name = 'y' | columns tgt.file.name, src.process.user any(http.request.domains[*] in {"a"})`, []string{"dns src.process.user unknown-tld"}},
		// ...but they are hosts' first labels in prose, and .domains is a TLD
		{`beacon to src.evil.app observed; client.evil.domains`, []string{"dns src.evil.app", "dns client.evil.domains"}},
		// ...but a name with a field's namespace and leaf is a host where
		// hosts are: after '@' or '//', before a path, with a '-' label,
		// under a public suffix of two labels; and Chronicle's and OCSF's
		// namespaces (device, target, actor) are hosts' first labels too
		{`a@host.evil.app mailto:x@file.evil.app hxxp://http.evil.app fetch dns.evil.app/payload connection to host.secure-update.app`, []string{
			"dns host.evil.app", "dns file.evil.app", "url http://http.evil.app", "dns dns.evil.app", "dns host.secure-update.app"}},
		{`server.kominfo.go.id device.evil.app target.phish.host`, []string{"dns server.kominfo.go.id", "dns device.evil.app", "dns target.phish.host"}},
		{`_dmarc.evil.com my_site.evil.com src_ip.evil.com cdn_01.evil.app`, []string{"dns _dmarc.evil.com", "dns my_site.evil.com", "dns src_ip.evil.com", "dns cdn_01.evil.app"}},
		// ...but no registry allows '_' in the label it registers: a field path's value, an identifier
		{`"display_path": "ec2.regions.id.vpcs.id.security_groups.id" foo_bar.cc a.b_c.co.uk`, nil},
		{`{process.name|endswith: '\rundll32.exe', user.email|contains: 'x'}`, []string{"dns rundll32.exe unknown-tld"}},
		// as a value, or not a field namespace and leaf, it is a name
		{`host=file.name query:"http.host" dns.google; file.io; http.evil.com; dns.google.com`, []string{
			"dns file.name", "dns http.host", "dns dns.google", "dns file.io", "dns http.evil.com", "dns dns.google.com"}},
		// a query held by a value is compared (EQL's " : " in a JSON string)
		{`"content":"process.name : \"rundll32.exe\" and dns.question.name == \"x\"","host":"file.name"`, []string{
			"dns rundll32.exe unknown-tld", "dns file.name"}},
		// a lower camel-case label before a field's leaf is an API's field
		// path (OpenCTI's CSV header); brands capitalise their first letter
		{`"id","createdBy.name","objectLabel.id" eBay.com PayPal.name createdBy.evil.com`, []string{
			"dns ebay.com", "dns paypal.name", "dns createdby.evil.com"}},
		// written with capitals it is code (inCode), not a field
		{"server.Host", []string{"dns server.host code-identifier"}},
	})
}

func TestScanNameValuePairs(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// the name of a Google-style parameter is the key of its value
		{`{"name":"EXTENSION_VERSION","value":"11.16.5.0"},{"name":"OS_VERSION", "value":"14.2.1.0"}`, nil},
		{`{"name":"resource_id","value":"` + tMD5 + `"},{"name":"DEVICE_ID","value":"` + tSHA256 + `"}`, nil},
		// "key" names the pair too (AWS tags, malware configuration extractors)
		{`{"type": "other", "key": "campaign_id", "value": "` + tMD5 + `"} {"Key":"build_version","Value":"2.4.1.7"} {"key":"c2","value":"91.215.85.142"}`, []string{"ipv4 91.215.85.142"}},
		// ...after the value too: a JSON object's members have no order
		// (a Postman environment); the next object's name is not this one's
		{`{"type":"secret","value":"` + tMD5 + `","enabled":true,"key":"apiKey"} {"value":"9.9.8.8","key":"build_version"} {"value":"` + tMD5 + `"},{"key":"apiKey"}`, []string{
			"md5_hash " + tMD5}},
		// ...and a name that says nothing against it leaves it sent
		{`{"name":"IP_ADDRESS","value":"5.181.156.91"},{"name":"sha256","value":"` + tSHA256 + `"}`, []string{
			"ipv4 5.181.156.91", "sha256_hash " + tSHA256}},
		// MISP's type/value pairs are not name/value pairs
		{`{"type":"md5","value":"` + tMD5 + `"} {"type":"ip-dst","value":"5.181.156.91"}`, []string{
			"md5_hash " + tMD5, "ipv4 5.181.156.91"}},
		// the pair's name may stand further back in its object: a change's new and old values
		{`{"fieldName":"Version","changedFrom":"","changedTo":"2.4.1.7"} {"Name":"DeviceId","NewValue":"` + tMD5 + `","OldValue":""}`, nil},
		// JumpCloud's changes: {"field":…,"from":…,"to":…}; a mail's from
		// and to, or a changed address, are no versions
		{`"changes":[{"field":"agentVersion","from":"1.148.0.3","to":"1.152.4.2"}]`, nil},
		{`{"from":"8.8.8.8","to":"1.1.1.1","name":"x"} {"field":"ip","from":"8.8.4.4","to":"1.0.0.1"}`, []string{
			"ipv4 8.8.8.8", "ipv4 1.1.1.1", "ipv4 8.8.4.4", "ipv4 1.0.0.1"}},
		{`{"name":"nightly build","from":"45.155.205.233","to":"91.215.85.62"}`, []string{"ipv4 45.155.205.233", "ipv4 91.215.85.62"}},
		// a change's values with separated keys; a URL-encoded user agent
		{`"changes":[{"field":"policy_version","old_value":"2.3.1.0","new_value":"2.4.0.0"}] ua=Mozilla%2F5.0%20Chrome%2F124.0.0.0 api%2Fip%2F8.8.8.8`, []string{"ipv4 8.8.8.8"}},
		{`["X-Request-Id","29c52e5699b67df95d5fab001caa2bf1"],["Traceparent","00-2cab60228e7fa591073a2548a11efa99-f8e7230edc4559ca-01"]`, nil},
		{`{"field":"remote_ip","fieldtype":"custom","toString":"5.181.156.91"}`, []string{"ipv4 5.181.156.91"}},
	})
}

func TestScanIdentifierHashes(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// camelCase words split after a run of capitals: customer, ID, String
		{`"customerIDString":"` + tMD5 + `","MD5String":"` + tMD5 + `"`, []string{"md5_hash " + tMD5}},
		// ...but for an acronym's plural: objectIDs names identifiers, and
		// so does an escaped array's key in JSON text (Algolia's answer)
		{`{"objectIDs":["` + tMD5 + `"],"fileMD5s":["` + tMD5 + `"]}`, []string{"md5_hash " + tMD5}},
		// an object's label when its key names only the algorithm (Node's
		// util.inspect: Cypress's commit info); a file's stays one
		{"found commit info { sha: '" + sha1a + "', branch: 'main' } dropped file { sha1: '" + sha1a + "' } x{sha1: '" + sha1a + "'}", []string{
			"sha1_hash " + sha1a, "sha1_hash " + sha1a}},
		// ...but a member naming a file makes the digest that file's (a foundry's inspection certificate, a PDF)
		{`Inspection certificate generated {"heat":"H24","file":"storage\/certs\/H24_3.1.pdf","sha256":"` + sha256a + `"} Loaded certificate {"sha256":"` + sha256a + `","profile":"x"}`, []string{
			"sha256_hash " + sha256a}},
		// a key before Scala's "->" (Gatling's Session map), and a flow's arrow
		{"HashMap(orderToken -> " + tMD5 + ", fileMd5 -> " + tMD5 + ") 10.0.0.1 -> " + tMD5, []string{"md5_hash " + tMD5, "ipv4 10.0.0.1 private", "md5_hash " + tMD5}},
		{`"answer": "{\n  \"objectIDs\": [\n    \"` + tMD5 + `\"\n  ]\n}\n"`, nil},
		// container image digests
		{"pulled nginx@sha256:" + tSHA256 + " Digest: sha256:" + tSHA256 + ` "Image":"sha256:` + tSHA256 + `"`, nil},
		{`"imageHash":"sha256:` + tSHA256 + `","imageId":"sha256:` + tSHA256 + `"`, nil},   // Inspector's ECR image
		{`"image_file_hash":"sha256:` + tSHA256 + `"`, []string{"sha256_hash " + tSHA256}}, // a process image's file
		// a sha256: prefix alone, or a file's sha256 key, is a file hash
		{"sha256:" + tSHA256 + " sha256=" + tSHA256, []string{"sha256_hash " + tSHA256, "sha256_hash " + tSHA256}},
	})
}
