// Package ioc decides what counts as an indicator of compromise: it finds
// observables in text, refangs and normalises them, and screens out the ones
// not worth a VirusTotal lookup, each with a reason. It is pure (no I/O, no
// DNS: the observables are attacker-controlled, and resolving them could tip
// the attacker off) and allocation-free per candidate on the scanning path.
//
// The pieces:
//
//   - Extractor.Scan finds ipv4, ipv6, dns, url, md5_hash, sha1_hash and
//     sha256_hash observables in running text and reports every candidate,
//     screened ones with their Reason, in input order.
//   - Classify and Check do the same for a whole value given on its own (a
//     lookup argument, a skip-list entry, a column of observables).
//   - SkipList holds the user's known-good observables and CIDRs.
//   - Set deduplicates normalised observables into dense IDs.
//
// # What is read, and what is decided
//
// The README's "What is looked up, and what is screened" states the rules
// (I1-I3, V1-V4, N1-N5, U1-U7, H1-H4, D1-D2) that the accuracy corpus in
// testdata/accuracy is labelled by; TestAccuracy measures how well Scan
// follows them. In short:
//
// IPv4: four decimal numbers 0-255 separated by dots or defanged dots;
// dotted runs of other lengths (versions, OIDs) and runs glued to letters
// are not addresses. Leading zeros are octal to some resolvers and decimal
// to others, so 0177.0.0.1 is screened "ambiguous"; fixed-width padding
// (010.000.000.001) is read as decimal. A quad that context says is a
// version is not reported: after a product token (Chrome/120.0.0.0), a key
// or word naming a version (Version=4.0.0.0, firmware 2.4.1.0), as a
// folder of a Windows path, or joined to the version before it
// (context_version.go).
//
// IPv6: what net/netip parses, from runs of hex digits and colons that are
// not glued to words; clock times and MAC addresses never parse, and "::"
// alone is not reported. A word glued on by a colon is a key
// (peer:2001:db8::1), unless the colon is half of a "::". Values are
// canonical (RFC 5952); an IPv4-mapped address is reported as its IPv4
// address. Defanged "[:]" is read only in URLs, not in bare IPv6 addresses.
//
// Domains: two or more labels with a TLD of letters or punycode, screened
// against the public suffix list (ICANN section), special-use names,
// documentation names, file-extension look-alikes and names in code (the
// last two only for names in running text, and never when defanged).
// Unicode names are turned into punycode; a label may not mix scripts
// written without spaces (Han, Kana, Hangul, Thai, ...) with others, so
// "请访问evil.com" yields evil.com. Field names (JSON keys, key=, key:value),
// file names in paths, the local parts of e-mail addresses and Cisco MAC
// addresses are not reported. Windows DNS debug logs' (3)www(4)evil(3)com(0)
// is a name (wirename.go).
//
// URLs: a scheme and "://" (defanged forms, JSON's ":\/\/", and a URL
// encoded whole as "%3A%2F%2F", decoded once), a host, and a path that stops
// at characters that cannot end a URL in running text, with sentence
// punctuation and unbalanced brackets trimmed. The host is part of the URL
// (Config.URLHosts reports it too), except for schemes VirusTotal cannot
// look up, whose host is reported in their place; URLs embedded in a URL's
// query are reported on their own; nothing else inside a URL is.
// VirusTotal's own links are screened "virustotal", and XML namespaces are
// not links.
//
// Hashes: maximal runs of exactly 32, 40 or 64 hex digits, lower-cased; a
// run of another length of 32 or more is screened "part-of-longer-hex", one
// glued to letters "part-of-longer-word", one with less than 3.0 bits of
// entropy per character "low-entropy", a sequence or repeat "patterned". A
// hex label of a real domain name is part of the name, not a hash; hex
// whose field names an identifier, a secret or a fingerprint of something
// else (IMPHASH=, ja3, trace ids, tokens, certificates) is not reported.
//
// Percent-encoding residue around an indicator is not part of it
// (encoded.go).
//
// The screening reasons are the Reason* constants, listed in Reasons.
package ioc
