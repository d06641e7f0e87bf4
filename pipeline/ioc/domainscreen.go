package ioc

import (
	"bytes"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// Domain screening, in order: one label (unqualified); special-use and
// documentation names; a TLD that ICANN has not delegated (unknown-tld:
// cmd.exe, host.corp, server.lan; .corp, .home and .lan are never
// delegated, so they need no list of their own); a name that is itself a
// public suffix (co.uk); VirusTotal's own names; then, for names read from running text and not
// defanged, file-extension and code-identifier look-alikes; last the
// skip-list.
//
// golang.org/x/net/publicsuffix is case-sensitive (names are lower-cased
// first) and answers icann=false both for an unknown TLD and for a private
// suffix such as blogspot.com. The TLD is therefore checked on its own
// ("a.<tld>", so that wildcard TLDs such as *.ck count), and a private
// suffix under an ICANN TLD is fine: foo.blogspot.com is looked up.

// specialTLDs are the special-use top-level names and why.
var specialTLDs = map[string]string{
	"localhost": ReasonSpecialUse,    // RFC 6761
	"invalid":   ReasonSpecialUse,    // RFC 6761
	"test":      ReasonSpecialUse,    // RFC 6761
	"local":     ReasonSpecialUse,    // RFC 6762 (mDNS)
	"onion":     ReasonSpecialUse,    // RFC 7686 (Tor)
	"alt":       ReasonSpecialUse,    // RFC 9476
	"internal":  ReasonSpecialUse,    // ICANN-reserved for private use (2024)
	"arpa":      ReasonSpecialUse,    // home.arpa (RFC 8375), reverse-lookup and infrastructure names
	"example":   ReasonDocumentation, // RFC 2606
}

// documentationNames are the RFC 2606 second-level names; their
// subdomains are documentation too.
var documentationNames = []string{"example.com", "example.net", "example.org"}

// fileExtTLDs are real TLDs that, in running text, are far more often a
// file's extension than a domain: archives and installers (zip, cab, run),
// media (mov), scripts and sources (sh, py, ps, pl, pm, rs, java, md),
// libraries (so), OneNote (one, a 2023 malware favourite), registry
// hives (hiv), Java configuration (log4j.properties) and systemd's target
// units (multi-user.target), Terraform's files (main.tf) and public keys
// (id_rsa.pub, an age recipients file). Extensions that are not TLDs (exe, dll, txt, ps1, ...)
// need no list: they are unknown-tld. TLDs with many real sites that are
// also extensions (app, com, cc, ai, in) are deliberately left out: a
// missed domain costs more than a wasted lookup.
var fileExtTLDs = map[string]bool{
	"zip": true, "mov": true, "cab": true, "run": true, "sh": true, "py": true,
	"ps": true, "pl": true, "pm": true, "rs": true, "java": true, "md": true,
	"so": true, "one": true, "hiv": true, "properties": true, "data": true,
	"target": true, "tf": true, "pub": true,
	"cal": true, // an instrument's calibration file (an XRF analyser's STD-18K.cal); .cal is a company's brand TLD, closed to registration
}

// windowsComPrograms are the console programs Windows ships with a .com
// extension (System32 and its 16-bit past). In running text "more.com" is
// the pager far more often than the web site; as a URL's host, or given
// whole, it is the site.
var windowsComPrograms = map[string]bool{
	"chcp.com": true, "command.com": true, "diskcomp.com": true, "diskcopy.com": true,
	"edit.com": true, "format.com": true, "graftabl.com": true, "kb16.com": true,
	"loadfix.com": true, "mode.com": true, "more.com": true, "tree.com": true, "win.com": true,
}

// codeNames are COM ProgIDs, .NET namespaces and script objects that end
// in a real TLD and fill malicious command lines (CreateObject("Wscript.
// Shell"), New-Object System.Net...). They are names in code, not hosts.
var codeNames = map[string]bool{
	"wscript.shell": true, "wscript.network": true, "adodb.stream": true,
	"system.net": true, "system.io": true, "system.data": true,
	"system.management": true, "system.security": true,
	"system.windows": true, "system.directory": true,
	"window.open": true, "window.name": true, "window.top": true,
	"this.name": true, "self.run": true,
	"asp.net": true, "vb.net": true, "ado.net": true,
}

// isVirusTotal reports whether v is virustotal.com or a name under it: its
// links name VirusTotal's pages (a vt_permalink re-read), not what was seen.
func isVirusTotal(v []byte) bool {
	const vt = "virustotal.com"
	return len(v) >= len(vt) && string(v[len(v)-len(vt):]) == vt && (len(v) == len(vt) || v[len(v)-len(vt)-1] == '.')
}

// screenName screens a normalised host name (lower-case ASCII). defanged
// and inText say whether the name was defanged and whether it was read
// from running text rather than given whole (a lookup argument, a URL's
// host): only names in text get the look-alike rules.
func (e *Extractor) screenName(v []byte, defanged, inText bool) string {
	dot := bytes.LastIndexByte(v, '.')
	if dot < 0 {
		return ReasonUnqualified
	}
	tld := e.tld(v[dot+1:])
	if tld.special != "" {
		return tld.special
	}
	for _, d := range documentationNames {
		if len(v) >= len(d) && string(v[len(v)-len(d):]) == d && (len(v) == len(d) || v[len(v)-len(d)-1] == '.') {
			return ReasonDocumentation
		}
	}
	if !tld.icann {
		return ReasonUnknownTLD
	}
	if e.isPublicSuffix(v) {
		return ReasonPublicSuffix
	}
	if tld.comPrograms && isVirusTotal(v) {
		return ReasonVirusTotal
	}
	if inText && !defanged {
		if tld.fileExt || tld.comPrograms && windowsComPrograms[string(v)] {
			return ReasonFileExtension
		}
		if tld.codeNames && codeNames[string(v)] {
			return ReasonCodeIdentifier
		}
	}
	if e.cfg.SkipList.hasName(v) {
		return ReasonSkipList
	}
	return ""
}

// tldFrontBits sizes the direct-mapped table in front of the TLD map: the
// TLDs in use at one time are few, and a slot load beats a map access.
const tldFrontBits = 7

// suffixFrontBits sizes the one in front of the public suffix answers:
// names repeat, and most are asked about again soon.
const suffixFrontBits = 12

// tldInfo is what screening needs to know of a TLD, looked up once.
type tldInfo struct {
	special     string // a special-use reason
	icann       bool   // delegated by ICANN
	fileExt     bool   // in fileExtTLDs
	codeNames   bool   // some codeNames end in it
	comPrograms bool   // "com", the extension of windowsComPrograms
}

// maxSuffixLabels is the most labels an ICANN public suffix rule has
// (pvt.k12.ma.us); longer names cannot be one.
const maxSuffixLabels = 4

// underPublicSuffix reports whether the name v ends in a public suffix of
// two labels or more (bank.co.id, kominfo.go.id): a domain, not a field
// whose leaf is a TLD (host.id).
func (e *Extractor) underPublicSuffix(v []byte) bool {
	l := bytes.LastIndexByte(v, '.')
	if l <= 0 {
		return false
	}
	p := bytes.LastIndexByte(v[:l], '.')
	return e.isPublicSuffix(v[p+1:])
}

// registrableUnderscore reports whether the label a registry would have
// registered, the one right before the name's public suffix, has a '_':
// no registry allows one (security_groups.id is a field path, foo_bar.cc
// an identifier), so the name has no owner to ask VirusTotal about. A '_'
// below it is DNS's own (_dmarc.evil.com, cdn_01.evil.app).
func (e *Extractor) registrableUnderscore(v []byte) bool {
	if bytes.IndexByte(v, '_') < 0 {
		return false
	}
	// The longest public suffix: walk left while the rest is one.
	s := bytes.LastIndexByte(v, '.') + 1
	for s > 0 {
		p := bytes.LastIndexByte(v[:s-1], '.') + 1
		if !e.isPublicSuffix(v[p:]) {
			break
		}
		s = p
	}
	if s == 0 {
		return false // the name is a public suffix itself
	}
	l := bytes.LastIndexByte(v[:s-1], '.') + 1
	return bytes.IndexByte(v[l:s-1], '_') >= 0
}

// isPublicSuffix reports whether the ICANN section of the public suffix
// list makes the name v itself a public suffix.
func (e *Extractor) isPublicSuffix(v []byte) bool {
	if bytes.Count(v, []byte{'.'}) >= maxSuffixLabels {
		return false
	}
	h := nameHash(v)
	slot := &e.suffixFront[h*0x9e3779b97f4a7c15>>(64-suffixFrontBits)]
	if slot.key == h {
		return slot.ok
	}
	ok, found := e.suffixes[h]
	if !found {
		ps, icann := publicsuffix.PublicSuffix(str(v))
		ok = icann && len(ps) == len(v)
		boundedPut(e.suffixes, h, ok)
	}
	slot.key, slot.ok = h, ok
	return ok
}

// tld returns what is known of tld, from the cache or worked out.
func (e *Extractor) tld(tld []byte) tldInfo {
	h := nameHash(tld)
	slot := &e.tldFront[h*0x9e3779b97f4a7c15>>(64-tldFrontBits)]
	if slot.key == h {
		return slot.info
	}
	if info, found := e.tlds[h]; found {
		slot.key, slot.info = h, info
		return info
	}
	_, icann := publicsuffix.PublicSuffix("a." + string(tld))
	info := tldInfo{special: specialTLDs[string(tld)], icann: icann, fileExt: fileExtTLDs[string(tld)], comPrograms: string(tld) == "com"}
	for name := range codeNames {
		if strings.HasSuffix(name, "."+string(tld)) {
			info.codeNames = true
		}
	}
	boundedPut(e.tlds, h, info)
	slot.key, slot.info = h, info
	return info
}
