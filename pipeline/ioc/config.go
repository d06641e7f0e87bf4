package ioc

// Config says what an Extractor reports and what it screens. The zero value
// is usable: every type, URL hosts folded into their URLs, no skip-list.
type Config struct {
	// Types restricts the types reported; the zero set means all of them.
	Types TypeSet
	// URLHosts also reports the host of every URL as an observable of its
	// own (dns, ipv4 or ipv6), right after the URL (--url-hosts). By
	// default the URL's report covers its host, and quota is scarce.
	URLHosts bool
	// SkipList screens known-good observables with ReasonSkipList. Nil
	// means none.
	SkipList *SkipList
	// NoScreen makes Check (and so Classify's callers) look up every valid
	// whole value, whatever the screen says: for the analyst who asks for
	// one observable by name (lookup --no-screen). Only what VirusTotal
	// cannot look up at all stays refused: an invalid value, hex of no
	// hash length, a scheme it does not know. Scan ignores it: text is
	// screened always.
	NoScreen bool
}
