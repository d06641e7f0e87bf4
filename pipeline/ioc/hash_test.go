package ioc

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

const (
	md5a    = "44d88612fea8a8f36de82e1278abb02f"
	sha1a   = "3395856ce81f2b7382dee72602f798b642f14140"
	sha256a = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"
	sha256b = "b19b20f2c0d106d45f40079e0baa1f63c1c5d6dbc516726b105b2610c9989dc0"
)

func TestScanHash(t *testing.T) {
	runScanCases(t, Config{}, []scanCase{
		// a git command's commit argument and a version token's commit; hex after a command that names none stays a file hash
		{`git checkout '` + sha1a + `' -- && git reset --hard ` + sha1a + ` program version 2024-03-14-` + sha1a + `; git clone x; sha1 ` + md5a, []string{"md5_hash " + md5a}},
		// a build's commit in brackets after its key and a word (OpenSearch), after its version and '-' (Dragonfly); a file's name's hash stays one
		{`build[tar/` + sha1a + `/2023-11-29T21:43:10Z] df-v1.15.1-` + sha1a + ` sample[x/` + md5a + `]`, []string{"md5_hash " + md5a}},
		// a custom field's id keying its value (Pipedrive); a map keyed by hashes holds hashes
		{`{"custom_fields":{"` + sha1a + `":{"type":"varchar"}}} {"hashes":{"` + sha256a + `":"malicious"}}`, []string{"sha256_hash " + sha256a}},
		// TLSA data in an array typed by a sibling member in any case (TLS-RPT's policy); a file's data stays a file hash
		{`{"policy":{"policy-type":"tlsa","policy-string":["3 1 1 ` + strings.ToUpper(sha256a) + `"]}} {"type":"file","data":["3 1 1 ` + sha256a + `"]}`, []string{"sha256_hash " + sha256a}},
		// an algorithm in brackets glued to its key, the value quoted (SQL Server's certificate); a file's stays a file hash
		{`The certificate [Cert Hash(sha1) "` + strings.ToUpper(sha1a) + `"] was loaded; File Hash(sha1) "` + sha1a + `"`, []string{"sha1_hash " + sha1a}},
		// an image's digest glued to its tag in an image reference (KubeArmor's
		// ContainerImage); under another key the digest is a file's
		{`"ContainerImage":"registry.acme-corp.com/payments/checkout-api:2.14.1sha256:` + sha256a + `","file":"x1sha256:` + sha256a + `"`, []string{
			"dns registry.acme-corp.com", "sha256_hash " + sha256a}},
		// hex in a protocol-relative reference's path is the path's, as in a
		// URL's (Contentful's asset links); after a scheme's or a third slash it is no host's
		{`"url":"//assets.ctfassets.net/q8x3/3kT9/` + md5a + `/q1.xlsx" file:///evil.com/` + md5a, []string{
			"dns assets.ctfassets.net", "url file:///evil.com/" + md5a + " unsupported-scheme", "md5_hash " + md5a}},
		// a template's expression holds code (Kentico's signed macro), not a file's digest
		{"'{% CurrentUser.UserName |(identity)GlobalAdministrator|(hash)" + sha256a + " %}' {{ x }} " + sha256a, []string{
			"dns currentuser.username unknown-tld", "sha256_hash " + sha256a}},
		{md5a, []string{"md5_hash " + md5a}},
		{strings.ToUpper(md5a), []string{"md5_hash " + md5a}},
		{"sha1=" + sha1a, []string{"sha1_hash " + sha1a}},
		{"SHA256:" + sha256a + ".", []string{"sha256_hash " + sha256a}},
		{md5a + "," + sha1a + "," + sha256a, []string{"md5_hash " + md5a, "sha1_hash " + sha1a, "sha256_hash " + sha256a}},
		{md5a + "," + md5a + "," + md5a + "," + md5a, []string{"md5_hash " + md5a, "md5_hash " + md5a, "md5_hash " + md5a, "md5_hash " + md5a}},
		{md5a + " " + md5a, []string{"md5_hash " + md5a, "md5_hash " + md5a}},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", []string{"md5_hash aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa low-entropy"}},
		{strings.Repeat("0", 64), []string{"sha256_hash " + strings.Repeat("0", 64) + " low-entropy"}},
		{strings.Repeat("01", 20), []string{"sha1_hash " + strings.Repeat("01", 20) + " low-entropy"}},
		{md5a[:31], nil},
		{md5a + "0", []string{"md5_hash " + md5a + "0 part-of-longer-hex"}},
		{sha256a + sha256a, []string{"sha256_hash " + sha256a + sha256a + " part-of-longer-hex"}},
		{sha1a + "ab", []string{"sha1_hash " + sha1a + "ab part-of-longer-hex"}},
		{"0x" + md5a, []string{"md5_hash " + md5a + " part-of-longer-word"}},
		{"x" + md5a + "z", []string{"md5_hash " + md5a + " part-of-longer-word"}},
		// ...whatever its key says: Twilio's ids, a session's "SM" and 32 hex digits
		{"SmsSid=SM" + md5a + "&x sid=MG" + md5a, []string{"md5_hash " + md5a + " part-of-longer-word", "md5_hash " + md5a + " part-of-longer-word"}},
		// ...capitals that are hex digits too, before a run in lower case (Twilio's "CA", "AC"): an id's type; a digest in capitals stays one
		{"CallSid=CA" + md5a + " AccountSid=AC" + md5a + " " + strings.ToUpper(md5a), []string{"md5_hash " + md5a + " part-of-longer-word", "md5_hash " + md5a + " part-of-longer-word", "md5_hash " + md5a}},
		{"sample_" + md5a + "_unpacked.exe", []string{"dns sample_" + md5a + "_unpacked.exe unknown-tld", "md5_hash " + md5a}},
		{md5a + ".exe", []string{"dns " + md5a + ".exe unknown-tld", "md5_hash " + md5a}},
		{md5a + ".evil.com", []string{"dns " + md5a + ".evil.com"}},
		{"{" + md5a + "}", []string{"md5_hash " + md5a}},
		{"GUID {6F9619FF-8B86-D011-B42D-00C04FC964FF}", nil},
		{"é" + md5a + "ü", []string{"md5_hash " + md5a}},
		{strings.Repeat("word ", 1000) + md5a + strings.Repeat(" word", 1000), []string{"md5_hash " + md5a}},
		{"implant.exe  81ed03caf6901e444c72ac67d192fb9c", []string{"dns implant.exe unknown-tld", "md5_hash 81ed03caf6901e444c72ac67d192fb9c"}},
		// sequences and repeats are not digests, whatever their entropy
		{"0123456789abcdef0123456789abcdef fedcba9876543210fedcba9876543210fedcba98", []string{
			"md5_hash 0123456789abcdef0123456789abcdef patterned", "sha1_hash fedcba9876543210fedcba9876543210fedcba98 patterned"}},
		{"67452301efcdab8998badcfe10325476 a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4", []string{
			"md5_hash 67452301efcdab8998badcfe10325476 patterned", "sha1_hash a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4 patterned"}},
		{"3f8a1c9e7b2d40653f8a1c9e7b2d4065", []string{"md5_hash 3f8a1c9e7b2d40653f8a1c9e7b2d4065 patterned"}},
		// the field's key, or the word before, says it is no file's digest
		{"IMPHASH=" + md5a + " MD5=" + md5a, []string{"md5_hash " + md5a}},
		{`{"trace.id":"` + md5a + `","session":{"id":"` + md5a + `"},"file.hash.md5":"` + md5a + `"}`, []string{"md5_hash " + md5a}},
		{`"ja3":{"hash":"` + md5a + `"},"certificate":{"sha1":"` + sha1a + `"},"file":{"sha1":"` + sha1a + `"}`, []string{"sha1_hash " + sha1a}},
		{"traceparent: 00-" + md5a + "-00f067aa0ba902b7-01 X-Request-ID: " + md5a, nil},
		{"PHPSESSID=" + md5a + "; api_key=" + md5a + " threatID=" + sha256a + " hasshServer\t" + md5a, nil},
		{"cert thumbprint " + strings.ToUpper(sha1a) + ", commit " + sha1a + ", sha1 " + sha1a, []string{"sha1_hash " + sha1a}},
		// a password hash or a ticket in crypt's or hashcat's form (Kerberoasting)
		{"Hash : $krb5tgs$23$*svc$ACME$http/x*$" + md5a + "$" + sha1a + " $krb5asrep$23$u@ACME:" + md5a + "$ab x$" + md5a, []string{"md5_hash " + md5a}},
		// an algorithm's name in aligned columns after the word naming the value (testssl)
		{"Fingerprints                 SHA1 " + strings.ToUpper(sha1a) + "\nFile                 SHA1 " + sha1a, []string{"sha1_hash " + sha1a}},
		// an identifier's key (Braintree's XML); a quoted token holding '|' (its key names it)
		{"<unique-number-identifier>" + md5a + `</unique-number-identifier> "bt_signature"=>"hbh7tnn|` + sha1a + `" x=1|` + sha256a, []string{"sha256_hash " + sha256a}},
		// a signature header's list of pairs in quotes (Persona, Stripe);
		// a list under a key that names nothing else stays sent
		{`persona-signature="t=1715688370,v1=` + sha256a + `" hashes="md5=x,sha256=` + sha256a + `" sig="a b,v1=` + sha1a + `"`, []string{
			"sha256_hash " + sha256a, "sha1_hash " + sha1a}},
		// a signature abbreviated (Swift's temp URL); not a word holding "sig"
		{"GET /v1/x.vcf?temp_url_sig=" + sha1a + " design_sha1=" + sha1a, []string{"sha1_hash " + sha1a}},
		// a wrapper glued before it names it (Azure Storage's SAS signature)
		{`"tokenHash":"SasSignature(` + strings.ToUpper(sha256a) + `)" "x":"SHA256(` + sha256a + `)"`, []string{"sha256_hash " + sha256a}},
		// ...in angle brackets too (Pants' Fingerprint<…>); an algorithm's wrapper names a file's digest
		{"hash: Fingerprint<" + sha256a + ">, got SHA256<" + sha256b + ">", []string{"sha256_hash " + sha256b}},
		// a typed attribute's values, read by the attribute's key (Houdini PDG's work item)
		{`{"pdg_session":{"type":"string","value":["` + md5a + `"]},"md5":{"type":"string","value":["` + sha1a + `"]}}`, []string{"sha1_hash " + sha1a}},
		// an array's key written Ruby's way (Rails' Parameters log)
		{`Parameters: {"attempt"=>{"job_id"=>"88213", "photo_ids"=>["` + md5a + `"], "md5s"=>["` + sha1a + `"]}}`, []string{"sha1_hash " + sha1a}},
		// a message channel's name (WalletConnect's pairing topic); a file's digest beside it
		{`{"context":"core/pairing","msg":"pairing created","topic":"` + sha256a + `","sha256":"` + sha256b + `"}`, []string{"sha256_hash " + sha256b}},
		// the subject of "is" names it (Gradle's build cache key); a file's digest, or a certificate's
		{"Build cache key for task ':app:compileJava' is " + md5a + "; the SHA-1 of the file is " + sha1a + "; the certificate SHA-256 was " + sha256a + "; CACHE KEY WAS " + md5a, []string{"sha1_hash " + sha1a}},
		// the word before a parenthesised value names it (BattlEye's GUID)
		{"Verified GUID (" + md5a + ") of player; SHA1 (" + sha1a + ")", []string{"sha1_hash " + sha1a}},
		// a git object's id; not a key of a word holding "git"
		{"git_hash=" + sha1a + " gitHash=" + sha1a + " digital_sha1=" + sha1a, []string{"sha1_hash " + sha1a}},
		// a code signature's CodeDirectory hash (macOS)
		{"cdhash=" + sha1a + ` {"cdhash":"` + sha256a + `"} sha1=` + sha1a, []string{"sha1_hash " + sha1a}},
		// a Mozilla preference's name is its value's key; a copula between a
		// word and a quoted phrase (Tor's fingerprint line)
		{`user_pref("dom.push.userAgentID", "` + md5a + `"); user_pref("x.sha256", "` + md5a + `"); fingerprint is 'relay1 ` + sha1a + `'`, []string{"md5_hash " + md5a}},
		// rsyslog's escaped line feed ends what it is glued to (Pure's alerts); #019 is none
		{"Article: https://support.purestorage.com/?cid=Alert_0141#012Purity Version#012" + md5a + " https://x.com/a#0193", []string{
			"url https://support.purestorage.com/?cid=Alert_0141", "md5_hash " + md5a, "url https://x.com/a#0193"}},
		// the last label of a dotted identifier (Cloudflare's resource names); a file named by its hash stays one
		{`"com.cloudflare.api.account.zone.` + md5a + `":"*" ` + md5a + `.exe`, []string{"dns " + md5a + ".exe unknown-tld", "md5_hash " + md5a}},
		// a digest under a delegation signer's object (DNSimple's DS record); a lone digest is a file's
		{`{"delegation_signer_record":{"algorithm":"13","digest":"` + sha256a + `","digest_type":"2"}} {"digest":"` + sha256a + `"}`, []string{"sha256_hash " + sha256a}},
		// an algorithm's element read by the element that holds it, past its siblings and a namespace (EPP's RFC 5910 DS data)
		{`<secDNS:dsData><secDNS:keyTag>41873</secDNS:keyTag><secDNS:digestType>2</secDNS:digestType><secDNS:digest>` + sha256a + `</secDNS:digest></secDNS:dsData>`, nil},
		{`<fingerprint><sha256>` + sha256a + `</sha256></fingerprint> <file><name>payload</name><sha256>` + sha256b + `</sha256></file>`, []string{"sha256_hash " + sha256b}},
		{`<ns:file><ns:sha256>` + sha256a + `</ns:sha256></ns:file> <sha256>` + sha256b + `</sha256>`, []string{"sha256_hash " + sha256a, "sha256_hash " + sha256b}},
		// a signature tagged with its scheme's version (Snapdocs' sig=v1,<hex>); a list's hex is not
		{`sig=v1,` + sha256a + ` files=a,` + sha256b, []string{"sha256_hash " + sha256b}},
		// a build's commit after the word "build" (Yamcs); a digest labelled "<algorithm> of <file>:" is the file's, whatever the name holds (CASA)
		{`YamcsServer Yamcs 5.9.3, build ` + sha1a + ` md5 of uid___A002_Xf4e1b7_X1a3c.asdm.sdm.tar: ` + md5a, []string{"dns uid___a002_xf4e1b7_x1a3c.asdm.sdm.tar unknown-tld", "md5_hash " + md5a}},
		// a refspec's source is a commit (actions/checkout's git fetch)
		{`git -c protocol.version=2 fetch --depth=1 origin +` + sha1a + `:refs/remotes/origin/main`, nil},
		// a user collection's path names an id (SCIM's /Users/<hex>); a files collection's does not
		{`SCIM PATCH /scim/v2/Users/` + md5a + ` 200 /files/` + sha1a, []string{"sha1_hash " + sha1a}},
		// an unquoted value of pairs read by its key (Bonterra's signature header); a list of digests stays digests
		{`X-Bonterra-Signature=t=1710266992,v1=` + sha256a + ` hashes=md5=` + md5a + `,sha1=` + sha1a + ` after=Struct{id=88134,file_name=invoice,sha256=` + sha256b + `}`, []string{"md5_hash " + md5a, "sha1_hash " + sha1a, "sha256_hash " + sha256b}},
		// an algorithm that starts a quoted value is read by the value's key (Greenhouse's webhook signature)
		{`{"Signature":"sha256 ` + sha256a + `","Digest":"sha256 ` + sha256b + `"}`, []string{"sha256_hash " + sha256b}},
		// a keyed object's "value" wrapper read by its key (DomainTools Iris); a name/value pair's by its name
		{`{"ssl_info":[{"hash":{"value":"` + sha1a + `","count":1}}]} {"file":{"sha1":{"value":"` + sha256a + `","count":1}}}`, []string{"sha256_hash " + sha256a}},
		{`{"thumbprint":{"value":"` + sha1a + `"}} {"attr":{"name":"sha256","value":"` + sha256b + `"}}`, []string{"sha256_hash " + sha256b}},
		// a pair's typed value in an array's element is read by the pair's name (Crashlytics' custom_keys)
		{`"custom_keys":[{"key":"plugin_sha256","string_value":"` + sha256a + `"},{"key":"session_id","string_value":"` + md5a + `"}]`, []string{"sha256_hash " + sha256a}},
		// an array's string elements are passed over whole, brackets and all (App Center's stack_trace)
		{`"stack_trace":["at A.B (System.String url) <0x7a1c + 0x00188> in <` + md5a + `>:0","at C.D () <0x7a1b + 0x0009c> in <` + md5a + `>:0"],"files":["x (1)","` + md5a + `"]`, []string{"dns system.string unknown-tld", "md5_hash " + md5a}},
		// a positional record's header names each value (Hitachi's audit log)
		{"+{Target,Subject,SerialNumber,Fingerprint(SHA-256),FileHash}=[{Web Server,CN=x," + md5a + "," + sha256a + "," + sha1a + "}]", []string{"sha1_hash " + sha1a}},
		// a build's commit glued by '/' after its version (Prysm); a multipart upload's ETag, not a single part's
		{`version="Prysm/v5.0.3/` + sha1a + `. Built at" ETag: "` + md5a + `-512", ETag: "` + md5a + `"`, []string{"md5_hash " + md5a}},
		// ...under a dotted path's last field, in escaped quotes (an ECS document's export.etag)
		{`{"export.etag":"\"` + md5a + `-3\"","export.sha1":"` + sha1a + `"}`, []string{"sha1_hash " + sha1a}},
		// a build's commit in brackets after its version (Ceph, chromedriver); not after other numbers
		{"ceph version 18.2.2 (" + sha1a + ") reef; chromedriverVersion: 124.0.6367.91 (" + sha1a + "-refs/branch-heads/6367@{#984}); pid 7 (" + sha1a + ")", []string{"sha1_hash " + sha1a}},
		// a label and its colon before an algorithm's key (CFEngine's "Trusting new key: SHA=");
		// a URN's name (Puppet's code_id), but for a digest's URN (urn:sha1:)
		{"Trusting new key: SHA=" + sha256a + " code_id: urn:puppet:code-id:1:" + sha1a + ";production urn:sha1:" + sha1a, []string{"sha1_hash " + sha1a}},
		// a key named in namespaces, Redis' way, under a key naming a key; another key's namespaced value stays a file's
		{"cache hit key=aec:dl:" + sha1a + ` {"cache_key":"aec:dl:` + sha1a + `"} sample=mal:` + sha1a, []string{"sha1_hash " + sha1a}},
		{"cache_key=route:" + sha1a + " file=v1=" + sha1a + " x_samsara_signature=v1=" + sha1a, []string{"sha1_hash " + sha1a}}, // (one namespace; a signature tagged with its scheme after its key's '=')
		{"cache_key=ical:AC-4412:" + md5a + " sample=mal:AC-4412:" + md5a, []string{"md5_hash " + md5a}},                        // (an id in capitals among the namespaces)
		{"key=SAMPLE:" + md5a + ` {"redis_key":"malware:` + sha1a + `","api_key":"sample:` + sha1a + `"} quarantine_file_id=sha256=` + sha256a, []string{
			"md5_hash " + md5a, "sha1_hash " + sha1a, "sha256_hash " + sha256a}}, // (a namespace in capitals; any lookup's key but a secret's; qualifiers before a file's id)
		// ...a namespace naming the digest's algorithm or a file: a scan cache keyed by the file's digest
		{"key=avscan:sha256:" + sha256a + " key=sample:" + sha1a, []string{"sha256_hash " + sha256a, "sha1_hash " + sha1a}},
		// an attachment's id tagged with its algorithm, a file's namespace in a quoted key's value; an image's id, a session's, stay no file's
		{"attachment_id=sha256=" + sha256a + ` {"cache_key":"sample:` + sha1a + `"} imageId=sha256:` + sha256a + " session_id=sha256=" + sha256a + ` {"id":"sha256:` + sha256a + `"}`, []string{
			"sha256_hash " + sha256a, "sha1_hash " + sha1a}},
		// a device's MAC or a subscriber's identifier hashed (a passenger flow sensor); a file's stays one
		{`{"mac_sha256":"` + sha256a + `","imei_md5":"` + md5a + `","payload_sha256":"` + sha256a + `"}`, []string{"sha256_hash " + sha256a}},
		// ...but "mac" beside another platform's digest is macOS's payload
		{`{"win_sha256":"` + sha256a + `","mac_sha256":"` + sha256a + `"}`, []string{"sha256_hash " + sha256a, "sha256_hash " + sha256a}},
		// ...not a secret's, an artifact's or a blob's key, nor an id's, a session's or a token's value under a file's namespace
		{"file_hmac=sha256:" + sha256a + " artifact_id=sha256:" + sha256a + " blob_id=sha256:" + sha256a + ` {"session_id":"upload:` + sha1a + `","token":"sample:` + sha1a + `","id":"file:` + sha1a + `"}`, nil},
		// a signing identity (codesign's --sign), a request's sign=
		{"codesign --force --sign " + strings.ToUpper(sha1a) + " -o runtime; /api?ts=1&sign=" + md5a + " sha1=" + sha1a, []string{"sha1_hash " + sha1a}},
		// a load balancer's session affinity, in IIS's cookie field (Azure's ARR)
		{`ARRAffinity=` + sha256a + `;+ARRAffinitySameSite=` + sha256a + ` SessionAffinity: ` + md5a + ` file=` + md5a, []string{"md5_hash " + md5a}},
		// ...and a stem split by case or a separator (Objective-See's cdHash)
		{`"cdHash":"` + strings.ToUpper(sha1a) + `","impHash":"` + md5a + `","thumb_print":"` + sha1a + `","fileHash":"` + md5a + `"`, []string{"md5_hash " + md5a}},
		// a key naming a file's digest, whatever word stands before it
		{"cs6Label=CGO Signature fileHash=" + sha256a + " cs5Label=Signer Cert fileHash=" + md5a + " Serial Number=" + sha1a, []string{"sha256_hash " + sha256a, "md5_hash " + md5a}},
		// a plural of an id's word (GCP's service account keys/<hex>, GuardDuty's FindingIds); an account's id under a user key
		{`{"FindingIds":["` + md5a + `"]}` + " projects/p/serviceAccounts/x/keys/" + sha1a + ` {"CanonicalUser":"` + sha256a + `","owner_hashes":"` + md5a + `"}`, []string{"md5_hash " + md5a}},
		// a message's signature or MAC (Mailgun's webhook, S3's presigned request)
		{`{"signature":{"token":"x","signature":"` + sha256a + `"}} "X-Amz-Signature":"` + sha256a + `" "sha256":"` + sha256a + `"`, []string{"sha256_hash " + sha256a}},
		{"X-Riskified-Hmac-Sha256=" + sha256a + ` {"accessor":"hmac-sha256:` + sha256a + `"}`, nil},
		// a JSON string holding a quoted string: its key is the outer one's (Entra's newValue)
		{`{"displayName":"CustomKeyIdentifier","oldValue":null,"newValue":"\"` + sha1a + `\""} {"sha1":"\"` + sha1a + `\""}`, []string{"sha1_hash " + sha1a}},
		// a resource's id in an ARN (KMS's multi-region key); a file named by its hash in one stays a hash
		// (an S3 object's ARN names a file by its key, a hash too)
		{`arn="arn:aws:kms:eu-central-1:481516234200:key/mrk-` + md5a + `" arn:aws:guardduty:eu-central-1:1:detector/` + md5a + `/finding/` + md5a + ` arn:aws:s3:::b/x/` + sha1a + `.exe arn:aws:s3:::samples/` + sha256a, []string{"sha1_hash " + sha1a, "sha256_hash " + sha256a}},
		// a policy document's digest; a version's digest (a build's commit, Vault's banner); the value of
		// the pair before a key is no word of it (Vault's plugin=vault-plugin-secrets-gitlab)
		{`"policy-content-sha1":"` + sha1a + `" Version Sha: ` + sha1a + ` {"versionSha":"` + sha1a + `"} plugin=vault-plugin-secrets-gitlab sha256=` + sha256a, []string{"sha256_hash " + sha256a}},
		// an image's digest in DynamoDB's typed value
		{`"image_digest":{"S":"sha256:` + sha256a + `"},"file":{"S":"` + md5a + `"}`, []string{"md5_hash " + md5a}},
		// a version in hex after its word on the same line (Seafile); not after a line feed rsyslog escaped
		{`seafile source code version ` + sha1a + ` Purity Version#012` + md5a, []string{"md5_hash " + md5a}},
		// a build's commit after its version and " - " (Redpanda's banner); a file's after another word
		{`Redpanda v23.3.11 - ` + sha1a + ` Deleted - ` + md5a, []string{"md5_hash " + md5a}},
		// a code requirement's hex literal under its key (macOS's TCC: cdhash H"…"); a file's
		{`anchor apple generic and cdhash H"` + sha1a + `") file H"` + md5a + `"`, []string{"md5_hash " + md5a}},
		// an SSH public key's digest (IOS's key-hash); a host key's, as paramiko logs it in a bytes literal
		{`key-hash ssh-rsa ` + strings.ToUpper(md5a) + ` j.kim@ws042; Adding ssh-rsa host key for 10.20.1.1: b'` + md5a + `' file for x: b'` + sha1a + `'`, []string{"ipv4 10.20.1.1 private", "sha1_hash " + sha1a}},
		{"Adding ssh-ed25519 host key for [sftp.evil.net]:2222: b'" + md5a + "' dropped file for [x]:2222: " + sha1a, []string{"dns sftp.evil.net", "sha1_hash " + sha1a}}, // (a bracketed host and its port)
		// a DS record's data, its type a member beside it (BlueCat's audit export); a TXT record's is data
		{`{"type":"DS","rdata":"41873 13 2 ` + sha256a + `","ttl":"86400"} {"type":"TXT","rdata":"41873 13 2 ` + md5a + `"}`, []string{"md5_hash " + md5a}},
		// an account's digest, its key a user word and then an algorithm's (Mosyle's iTunesStoreAccountHash); a file's
		// (not another user word's: Cortex XDR's initiatorSha256 is the initiating process's)
		{`{"iTunesStoreAccountHash":"` + sha1a + `","user_sha1":"` + sha1a + `","file_sha1":"` + md5a + `"} initiatorSha256=` + sha256a, []string{"md5_hash " + md5a, "sha256_hash " + sha256a}},
		// ...a person's e-mail address or phone number hashed (a ban-evasion model's features)
		{"user_email_sha256=" + sha256a + " phone_sha1=" + sha1a + " attachment_sha256=" + sha256b, []string{"sha256_hash " + sha256b}},
		// ...the digest word first (Google Ads' user identifiers); in a person's data object under short keys (Meta CAPI's user_data);
		// rows a schema types as hashed contacts (Meta's audience upload); a file's digest beside them
		{`{"hashed_email":"` + sha256a + `"},{"hashed_phone_number":"` + sha1a + `"} {"user_data":{"em":["` + md5a + `"],"ph":"` + sha1a + `"},"file":{"sha256":"` + sha256b + `"}}`, []string{"sha256_hash " + sha256b}},
		{`{"payload":{"schema":["EMAIL_SHA256"],"data":[["` + sha256a + `"]]}} {"payload":{"schema":"files","data":[["` + sha256b + `"]]}}`, []string{"sha256_hash " + sha256b}},
		{`{"UserCustomData":{"uploadName":"x","sha256":"` + sha256b + `"}}`, []string{"sha256_hash " + sha256b}}, // (a bare algorithm's key there names a file's digest)
		// a file's words keep its digest; a schema that is no rows' list, or no data after it, types nothing
		{`{"email_attachment_sha256":"` + sha256a + `","user_data":{"attachment_sha256":"` + sha1a + `"}}`, []string{"sha256_hash " + sha256a, "sha1_hash " + sha1a}},
		{`{"schema":"email_gateway","iocs":["` + sha256b + `"]}`, []string{"sha256_hash " + sha256b}},
		// a key with an index glued after it (Ministra's device_id2); an algorithm's digits are its name's
		{"device_id2=" + sha256a + "&hw_version_2=" + sha1a + "&md5=" + md5a, []string{"md5_hash " + md5a}},
		// a path's last segment under a key naming an id (a storage key); a path under another key is a file's
		{"storageKey=fa/2024/221904/" + md5a + " path=files/2024/" + sha1a, []string{"sha1_hash " + sha1a}},
		// a value its object says is hashed (Open Badges' recipient); another object's
		{`{"recipient":{"type":"email","hashed":true,"identity":"sha256$` + sha256a + `"},"file":{"sha256":"` + sha256b + `"}}`, []string{"sha256_hash " + sha256b}},
		// a relative clause ends the copula's subject
		{"Session on WS-042 downloaded invoice.exe whose SHA256 is " + sha256a, []string{"dns invoice.exe unknown-tld", "sha256_hash " + sha256a}},
		// a label of two words without its colon (Connect:Direct's certificate serial); another word's number
		{`CSPA080E subject CN=cd01.meridian.internal, serial number ` + sha1a + ` file number ` + md5a, []string{"dns cd01.meridian.internal special-use", "md5_hash " + md5a}},
		// a pre-shared key (openssl s_client's session)
		{`Resumption PSK: ` + strings.ToUpper(sha256a) + ` Master-Key: x file: ` + md5a, []string{"md5_hash " + md5a}},
		// a JSON Web Token's id (Auth0's Management API credentials)
		{`"credentials":{"jti":"` + md5a + `","scopes":["create:actions"]} {"md5":"` + md5a + `"}`, []string{"md5_hash " + md5a}},
		// a version written in hex is its build's commit (GlitchTip's release), in Avro's union too; a file's hash
		{`{"version":"` + sha1a + `","build_commit":{"string":"` + sha1a + `"},"file":"` + md5a + `"}`, []string{"md5_hash " + md5a}},
		// Rust's Option: the key is before Some (TGI's Args); a git branch's head commit
		{`revision: Some("` + sha1a + `"), file: Some("` + md5a + `") {"headSha":"` + sha256a + `","header_sha1":"` + sha1a + `"}`, []string{"md5_hash " + md5a, "sha1_hash " + sha1a}},
		// a multipart ETag as a header pair's value (Apigee's debug session); a build's commit glued before its version (Envoy)
		{`{"name":"ETag","value":"\"` + md5a + `-12\""} envoy version: ` + sha1a + `/1.29.2/Clean/RELEASE/BoringSSL; path /` + sha256a + `/12/x`, []string{"sha256_hash " + sha256a}},
		// ...escaped twice, a JSON answer in a JSON string (Step Functions' S3 task output)
		{`"output":"{\"ETag\":\"\\\"` + md5a + `-12\\\"\",\"SessionId\":\"\\\"` + sha1a + `\\\"\",\"sha256\":\"\\\"` + sha256a + `\\\"\"}"`, []string{"sha256_hash " + sha256a}},
		// a quoted phrase that the hex ends, named by the word before it (the kernel's keyring)
		{"Loaded X.509 cert 'Microsoft Corporation UEFI CA 2011: " + sha1a + "'; loaded file 'payload: " + sha1a + "'", []string{"sha1_hash " + sha1a}},
		// a certificate issuer's hash (OCSP), a to-be-signed certificate's (CT, CodeIntegrity)
		{"Issuer Name Hash: " + strings.ToUpper(sha1a) + ` "tbs_sha256":"` + sha256a + `" IssuerTBSHash=` + sha256a + " SHA1: " + sha1a, []string{"sha1_hash " + sha1a}},
		// the digest a DNS record holds: a host key's (SSHFP), a certificate's (TLSA), a zone key's (DS);
		// not a hash after a record of another type, nor after numbers alone
		{"bastion.x.com.\t3600\tIN\tSSHFP\t1 1 " + strings.ToUpper(sha1a) + "\n_443._tcp.x.com. IN TLSA 3 1 1 " + sha256a +
			"\n. IN DS 20326 8 2 " + sha256a + "\nx.com. IN TXT 1 " + md5a + "\nports 1 2 " + md5a, []string{"dns bastion.x.com", "dns _443._tcp.x.com", "dns x.com", "md5_hash " + md5a, "md5_hash " + md5a}},
		// the key of the quoted value whose token holds it, and a word glued by '/'
		{`"DetectId":"ldt:` + md5a + `:627335090624","composite_id":"x:ind:` + md5a + `:1042-2212"`, nil},
		{`"image_id":"sha256:` + sha256a + `","Image":"sha256:` + sha256a + `"`, nil},
		{`"KeyName":"projects/p/keys/` + sha1a + `","name":"projects/p/keys/` + sha1a + `","path":"projects/p/files/` + sha1a + `"`, []string{"sha1_hash " + sha1a}},
		{"gcloud/475.0.0 invocation-id/" + md5a + " environment/None", nil},
		{"PublicKey_MD5                    - " + md5a + "\nUsing docker image sha256:" + sha256a + " returns image reference \"sha256:" + sha256a + "\"", nil},
		// a spaced label read back over its algorithm words (apksigner); a
		// line of a JSON string's text takes the string's key (MobSF)
		{"Signer #1 certificate SHA-256 digest: " + sha256a + "\nFile SHA-256 digest: " + sha256a, []string{"sha256_hash " + sha256a}},
		{`{"certificate_info": "Binary is signed\nmd5: ` + md5a + `\nsha1: ` + sha1a + `", "file_info": "name x\nmd5: ` + md5a + `"}`, []string{"md5_hash " + md5a}},
		// reg query's "name    TYPE    data": the value's name is its key
		{`Servers\srv-fs01    CertHash    REG_BINARY    ` + strings.ToUpper(sha1a) + "\n    Hash    REG_SZ    " + sha1a, []string{"sha1_hash " + sha1a}},
		{"cs1Label=CertThumbprint cs1=" + strings.ToUpper(sha1a) + " cs2=" + sha1a + " cs2Label=FileHash", []string{"sha1_hash " + sha1a}},
		{"<report_id>" + md5a + "</report_id><Data Name='CertThumbprint'>" + sha1a + "</Data><Data Name=\"Hashes\">" + sha1a + "</Data>", []string{"sha1_hash " + sha1a}},
		{`"TID_` + md5a + `" MsgId=<` + md5a + `@evil.com>| "messageID":"<` + md5a + `@evil.com>"`, []string{"dns evil.com", "dns evil.com"}},
		{`"{""ja3"":""` + md5a + `"",""md5"":""` + md5a + `""}"`, []string{"md5_hash " + md5a}}, // JSON in a CSV field
		{`"message":"dropped sha256:` + sha256a + ` by policy","Hashes":"SHA256=` + sha256a + `","TraceId":"` + md5a + `"`, []string{"sha256_hash " + sha256a, "sha256_hash " + sha256a}},
		{"/srv/samples/" + md5a + " /var/lib/docker/overlay2/" + sha256a + "/diff", []string{"md5_hash " + md5a, "sha256_hash " + sha256a}},
		{"sample_" + md5a + "_x.exe hashes=[" + md5a + "]", []string{"dns sample_" + md5a + "_x.exe unknown-tld", "md5_hash " + md5a, "md5_hash " + md5a}},
		// an algorithm's name in brackets between the key and the value (RRAS's SSTP trace); not after a file's key
		{"configured SSTP cert hash (SHA256) " + strings.ToUpper(sha256a) + " does not match; file hash (SHA256) " + sha256a, []string{"sha256_hash " + sha256a}},
		// an MSI property's value, named by the property the sentence before adds or changes (msiexec's verbose log)
		{"PROPERTY CHANGE: Adding SME_THUMBPRINT property. Its value is '" + strings.ToUpper(sha1a) + "'.\nPROPERTY CHANGE: Modifying CERTHASH property. Its current value is '" + md5a + "'. Its new value: '" + sha1a + "'.\nPROPERTY CHANGE: Adding PAYLOAD property. Its value is '" + sha256a + "'.", []string{"sha256_hash " + sha256a}},
		// a wrapper in brackets glued before it names it (Gitea's LFS object id); not a file's
		{"Unable to get LFS OID[" + sha256a + "] x; file[" + md5a + "]", []string{"md5_hash " + md5a}},
		// a version control system's revision (Vitess's and YugabyteDB's build lines)
		{"Version: 19.0.1 (Git revision " + sha1a + " branch 'HEAD') build 3 revision " + md5a + ` "source_revision":"` + sha1a + `" rev=` + md5a + " sha1 " + sha1a, []string{"sha1_hash " + sha1a}},
		// a key with a parenthesised qualifier, JSON in JSON in a CSV field
		{"SHA-256(Certificate)  " + strings.ToUpper(sha256a) + "\nHash (SHA256): " + sha256a, []string{"sha256_hash " + sha256a}},
		{`"{""NewValue"":""[{\""DeviceToken\"":\""` + md5a + `\"",\""PhoneAppVersion\"":\""6.8.7.0\""}]""}"`, nil},
		// a key the hex ends, and a file named by its hash after '_'
		{"Cookie: wordpress_logged_in_" + md5a + "=admin%7C1718021380; VirusShare_" + md5a, []string{"md5_hash " + md5a}},
		// the key of the array that holds it
		{`{"session_ids":["` + md5a + `","` + md5a + `"],"sha256s":["` + sha256a + `"]} /ID [<` + strings.ToUpper(md5a) + `><` + strings.ToUpper(md5a) + `>]`, []string{"sha256_hash " + sha256a}},
		// a key naming only the algorithm reads the object's key, wherever it stands
		{`"certificates": [{"serial_number": "x"}, {"owner": "CN=x", "md5": "` + md5a + `", "sha1": "` + sha1a + `"}], "files": [{"md5": "` + md5a + `"}]`, []string{"md5_hash " + md5a}},
		{"[x509-certificate:hashes.'SHA-1' = '" + sha1a + "'] [file:hashes.'SHA-256' = '" + sha256a + "']", []string{"sha256_hash " + sha256a}},
		// a mailbox's local part, in any column
		// a key of two words counts by either
		{"key_fingerprint=SHA256:" + sha256a + " file=SHA256:" + sha256a, []string{"sha256_hash " + sha256a}},
		{`{"RepositoryName":"billing-api","ImageDigest":"sha256:` + sha256a + `"}`, nil},
		{"Imphash of the AutoIt loader: " + md5a + "\nSHA256 of the dropper: " + sha256a + "\n(merge commit `" + sha1a + "`) md5 `" + md5a + "`", []string{
			"sha256_hash " + sha256a, "md5_hash " + md5a}},
		{"Issuer - Fingerprint SHA-256=" + sha256a + ", Serial Number=" + sha1a + ", File SHA1: " + sha1a, []string{"sha1_hash " + sha1a}},
		{"x,<" + md5a + "@mail.evil.com>,bounce-" + md5a + "@evil.com," + md5a, []string{"dns mail.evil.com", "dns evil.com", "md5_hash " + md5a}},
		{`"fingerprint":{"sha1":"` + sha1a + `","sha256":"` + sha256a + `"},"file":{"size":52,"sha256":"` + sha256a + `"}`, []string{"sha256_hash " + sha256a}},
	})
}

// TestPatterned checks that digests are not taken for patterns: random
// ones of every length, and the well-known ones.
func TestPatterned(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{32, 40, 64} {
		for range 20000 {
			b := make([]byte, n)
			for i := range b {
				b[i] = "0123456789abcdef"[r.IntN(16)]
			}
			if patterned(b) {
				t.Fatalf("random %d-digit hex %s taken for a pattern", n, b)
			}
		}
	}
	for _, h := range []string{md5a, sha1a, sha256a, "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"} {
		if patterned([]byte(h)) {
			t.Errorf("digest %s taken for a pattern", h)
		}
	}
}

func TestEntropy(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"aaaa", 0},
		{"abab", 1},
		{"0123456789abcdef", 4},
		{md5a, 3.5},
	} {
		if got := entropy([]byte(c.in)); math.Abs(got-c.want) > 0.1 {
			t.Errorf("entropy(%q) = %.2f, want %.2f", c.in, got, c.want)
		}
	}
}
