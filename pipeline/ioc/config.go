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
}
