package ioc

// Screening reasons. A Match with an empty Reason is to be looked up; any
// other value says why it is not, and the pipeline prints it as
// "Screened: <reason>". The words are lower case and stable: users grep for
// them and --stats counts by them.
const (
	// ReasonPrivate: RFC 1918 IPv4, IPv6 unique-local (fc00::/7) and the
	// deprecated site-local fec0::/10.
	ReasonPrivate = "private"
	// ReasonLoopback: 127.0.0.0/8 and ::1.
	ReasonLoopback = "loopback"
	// ReasonLinkLocal: 169.254.0.0/16 and fe80::/10.
	ReasonLinkLocal = "link-local"
	// ReasonMulticast: 224.0.0.0/4 and ff00::/8.
	ReasonMulticast = "multicast"
	// ReasonCGNAT: the shared address space 100.64.0.0/10 (RFC 6598).
	ReasonCGNAT = "cgnat"
	// ReasonDocumentation: TEST-NET-1/2/3, 2001:db8::/32, 3fff::/20, and the
	// example.com/.net/.org and .example names of RFC 2606.
	ReasonDocumentation = "documentation"
	// ReasonBenchmarking: 198.18.0.0/15 and 2001:2::/48.
	ReasonBenchmarking = "benchmarking"
	// ReasonReserved: every other range IANA does not list as globally
	// reachable unicast (0.0.0.0/8, 240.0.0.0/4, 192.0.0.0/24, IPv6 outside
	// 2000::/3, discard-only, ORCHID, ...).
	ReasonReserved = "reserved"
	// ReasonUnspecified: 0.0.0.0 and ::.
	ReasonUnspecified = "unspecified"
	// ReasonBroadcast: 255.255.255.255.
	ReasonBroadcast = "broadcast"
	// ReasonTeredo: 2001::/32, whose addresses only encode a tunnel's IPv4
	// endpoints.
	ReasonTeredo = "teredo"
	// Reason6to4: 2002::/16, likewise a tunnel encoding of an IPv4 address.
	Reason6to4 = "6to4"
	// ReasonAmbiguous: an IPv4 address with a leading zero (0177.0.0.1) that
	// some resolvers read as octal and others as decimal; which host it names
	// is a guess, and a guess is not worth a lookup. Fixed-width padding
	// (010.000.000.001, every octet three digits) is read as decimal.
	ReasonAmbiguous = "ambiguous"

	// ReasonUnqualified: a host name of one label (a bare hostname, or a URL
	// such as http://server/x).
	ReasonUnqualified = "unqualified"
	// ReasonUnknownTLD: the last label is not a top-level domain under ICANN
	// (cmd.exe, intranet.corp, host.lan).
	ReasonUnknownTLD = "unknown-tld"
	// ReasonPublicSuffix: the name is itself an ICANN public suffix (co.uk):
	// nothing is registered there.
	ReasonPublicSuffix = "public-suffix"
	// ReasonSpecialUse: special-use names of RFC 6761 and kin: .localhost,
	// .invalid, .test, .local, .onion, .internal, .alt, .arpa (home.arpa and
	// reverse-lookup names).
	ReasonSpecialUse = "special-use"
	// ReasonFileExtension: a name found in text whose top-level domain is far
	// more often a file extension (setup.zip, run.sh, readme.md, script.py).
	// Defanged names are exempt: an analyst wrote them on purpose.
	ReasonFileExtension = "file-extension"
	// ReasonCodeIdentifier: a name found in text that is a well-known COM
	// ProgID or .NET namespace ending in a real TLD (Wscript.Shell,
	// ADODB.Stream, System.Net). Defanged names are exempt.
	ReasonCodeIdentifier = "code-identifier"
	// ReasonDetectionName: a name found in text that is an anti-virus or EDR
	// detection name ending in a real TLD (Trojan.Win32.Agent.co,
	// Win32/Agent.abc, W32.Sality.AE). Defanged names are exempt.
	ReasonDetectionName = "detection-name"

	// ReasonUnsupportedScheme: a URL VirusTotal cannot look up (file:,
	// ldap:, smb:, ...); only http, https and ftp are looked up. Its host,
	// if it has one, is looked up in its place.
	ReasonUnsupportedScheme = "unsupported-scheme"
	// ReasonVirusTotal: a link to VirusTotal itself (a vt_permalink, a
	// report's reference) or the name virustotal.com: it says which page
	// VirusTotal has, not what was seen, and nothing inside it is looked up.
	ReasonVirusTotal = "virustotal"

	// ReasonLowEntropy: hash-like hex with less than 3.0 bits of Shannon
	// entropy per character (aaaa..., 0000...): a placeholder, not a hash.
	ReasonLowEntropy = "low-entropy"
	// ReasonPatterned: hash-like hex too regular to be a digest, whatever its
	// entropy: a sequence (0123456789abcdef..., fedcba98..., a1b2c3d4...) or
	// a repeat of a shorter run (deadbeefcafebabe twice).
	ReasonPatterned = "patterned"
	// ReasonPartOfLongerHex: a run of 32 or more hex digits whose length is
	// not exactly 32, 40 or 64 (a SHA-512, a hex-encoded blob).
	ReasonPartOfLongerHex = "part-of-longer-hex"
	// ReasonPartOfLongerWord: a hex run of hash length glued to letters
	// (0x..., ...h): part of some other token.
	ReasonPartOfLongerWord = "part-of-longer-word"

	// ReasonSkipList: on the user's --skip-list.
	ReasonSkipList = "skip-list"

	// ReasonInvalid: Check was given a value that is not an observable of the
	// type asked for. Scan never reports it.
	ReasonInvalid = "invalid"
)

// Reasons lists every screening reason in the order --stats prints them.
var Reasons = []string{
	ReasonPrivate, ReasonLoopback, ReasonLinkLocal, ReasonMulticast, ReasonCGNAT,
	ReasonDocumentation, ReasonBenchmarking, ReasonReserved, ReasonUnspecified,
	ReasonBroadcast, ReasonTeredo, Reason6to4, ReasonAmbiguous,
	ReasonUnqualified, ReasonUnknownTLD, ReasonPublicSuffix, ReasonSpecialUse,
	ReasonFileExtension, ReasonCodeIdentifier, ReasonDetectionName, ReasonUnsupportedScheme, ReasonVirusTotal,
	ReasonLowEntropy, ReasonPatterned, ReasonPartOfLongerHex, ReasonPartOfLongerWord,
	ReasonSkipList, ReasonInvalid,
}
