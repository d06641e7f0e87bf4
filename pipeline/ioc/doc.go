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
// IPv4: four decimal numbers 0-255 separated by dots or defanged dots;
// dotted runs of other lengths (versions, OIDs) and runs glued to letters
// are not addresses. Leading zeros are octal to some resolvers and decimal
// to others, so 0177.0.0.1 is screened "ambiguous"; fixed-width padding
// (010.000.000.001) is read as decimal.
//
// IPv6: what net/netip parses, from runs of hex digits and colons that are
// not glued to words; clock times and MAC addresses never parse, and "::"
// alone is not reported. Values are canonical (RFC 5952); an IPv4-mapped
// address is reported as its IPv4 address. Defanged "[:]" is read only in
// URLs, not in bare IPv6 addresses.
//
// Domains: two or more labels with a TLD of letters or punycode, screened
// against the public suffix list (ICANN section), special-use names,
// documentation names, file-extension look-alikes and COM/.NET identifiers
// (the last two only for names in running text, and never when defanged).
// Unicode names are turned into punycode; a label may not mix scripts
// written without spaces (Han, Kana, Hangul, Thai, ...) with others, so
// "请访问evil.com" yields evil.com.
//
// URLs: a scheme and "://" (defanged forms too), a host, and a path that
// stops at characters that cannot end a URL in running text, with sentence
// punctuation and unbalanced brackets trimmed. The host is part of the URL
// (Config.URLHosts reports it too); URLs embedded in a URL's query are
// reported on their own; nothing else inside a URL is.
//
// Hashes: maximal runs of exactly 32, 40 or 64 hex digits, lower-cased; a
// run of another length of 32 or more is screened "part-of-longer-hex", one
// glued to letters "part-of-longer-word", one with less than 3.0 bits of
// entropy per character "low-entropy". A hex label of a real domain name
// is part of the name, not a hash.
//
// The screening reasons are the Reason* constants, listed in Reasons.
package ioc
