package vtfake

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strings"
)

// gen is the digest every synthetic detail of one object comes from, so
// that an observable always gets the same object.
type gen [32]byte

func seed(kind, id string) gen { return gen(sha256.Sum256([]byte("vtfake:" + kind + ":" + id))) }

// u32 is a number drawn from bytes i..i+3 of the digest.
func (g gen) u32(i int) uint32 { return binary.BigEndian.Uint32(g[i%29:]) }

// pick chooses from list with byte i of the digest.
func pick[T any](g gen, i int, list []T) T { return list[int(g[i%32])%len(list)] }

// The verdict kinds of synthetic objects, drawn from the digest: about 10%
// not found, 15% malicious, 10% suspicious, 65% clean.
type kind int

const (
	kindNotFound kind = iota
	kindMalicious
	kindSuspicious
	kindClean
)

func (g gen) kind() kind {
	switch b := g[0] % 20; {
	case b < 2:
		return kindNotFound
	case b < 5:
		return kindMalicious
	case b < 7:
		return kindSuspicious
	}
	return kindClean
}

// object is a v3 object as VirusTotal writes it.
type object struct {
	Type          string                  `json:"type"`
	ID            string                  `json:"id"`
	Links         map[string]string       `json:"links"`
	Attributes    map[string]any          `json:"attributes"`
	Relationships map[string]relationship `json:"relationships,omitempty"`
}

// relationship is a relationship of an object as ?relationships= returns it.
type relationship struct {
	Data  []related         `json:"data"`
	Links map[string]string `json:"links"`
}

// related is a relationship item: a descriptor, with the related object's
// attributes unless Options.DescriptorsOnly.
type related struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Attributes map[string]any `json:"attributes,omitempty"`
}

// analysis fills the last-analysis attributes: stats, per-engine results,
// date, reputation and votes, consistent with each other.
func analysis(g gen, a map[string]any, engines int, file bool) {
	var mal, sus int
	switch g.kind() {
	case kindMalicious:
		mal, sus = 2+int(g[1])%(engines/2), int(g[2])%3
	case kindSuspicious:
		mal = int(g[1]) % 2
		sus = int(g[2])%3 + 1 - mal
	case kindNotFound: // a domain or IP VirusTotal has no analysis of
		engines = 0
	}
	stats := map[string]int{"malicious": mal, "suspicious": sus, "harmless": 0, "undetected": 0, "timeout": 0}
	rest := engines - mal - sus
	if file {
		stats["type-unsupported"], stats["failure"], stats["confirmed-timeout"] = int(g[3])%6, int(g[4])%2, 0
		rest -= stats["type-unsupported"] + stats["failure"]
		stats["undetected"] = max(rest, 0)
	} else {
		stats["harmless"] = rest * (60 + int(g[3])%30) / 100
		stats["undetected"] = rest - stats["harmless"]
	}
	results := map[string]any{}
	n := 0
	for _, cat := range []string{"malicious", "suspicious", "harmless", "undetected", "type-unsupported", "failure"} {
		for range stats[cat] {
			n++
			name := fmt.Sprintf("Engine%02d", n)
			var verdict any
			switch cat {
			case "malicious":
				verdict = pick(g, n, []string{"Trojan.Generic", "Malware", "Phishing", "Malicious"})
			case "suspicious":
				verdict = "suspicious"
			case "harmless":
				verdict = "clean"
			case "undetected":
				if !file {
					verdict = "unrated"
				}
			}
			results[name] = map[string]any{"category": cat, "engine_name": name, "method": "blacklist", "result": verdict}
		}
	}
	date := int64(1577836800) + int64(g.u32(4)%(4*365*86400))
	a["last_analysis_stats"], a["last_analysis_results"] = stats, results
	if engines > 0 {
		a["last_analysis_date"] = date
	}
	a["last_modification_date"] = date + 3600
	a["reputation"] = int(g[8]) % 10
	if mal > 0 {
		a["reputation"] = -int(g[8]) % 100
	}
	a["total_votes"] = map[string]int{"harmless": int(g[9]) % 3, "malicious": min(mal, int(g[10])%5)}
	a["tags"] = []string{}
}

func fileObject(g gen, md5, sha1, sum, base string) object {
	ft := pick(g, 11, []struct{ desc, tag, ext, magic string }{
		{"Win32 EXE", "peexe", "exe", "PE32 executable (GUI) Intel 80386, for MS Windows"},
		{"Win32 DLL", "pedll", "dll", "PE32 executable (DLL) (GUI) Intel 80386, for MS Windows"},
		{"PDF", "pdf", "pdf", "PDF document, version 1.7"},
		{"ZIP", "zip", "zip", "Zip archive data, at least v2.0 to extract"},
		{"ELF", "elf", "elf", "ELF 64-bit LSB executable, x86-64"},
		{"Office Open XML Document", "docx", "docx", "Microsoft Word 2007+"},
	})
	a := map[string]any{}
	analysis(g, a, 72, true)
	name := md5[:12] + "." + ft.ext
	a["md5"], a["sha1"], a["sha256"] = md5, sha1, sum
	a["size"] = 1024 + int(g.u32(12)%5_000_000)
	a["type_description"], a["type_tag"], a["type_extension"], a["magic"] = ft.desc, ft.tag, ft.ext, ft.magic
	a["names"], a["meaningful_name"] = []string{name}, name
	date := a["last_modification_date"].(int64) - 3600
	a["first_submission_date"], a["last_submission_date"] = date-int64(g.u32(16)%(365*86400)), date
	a["times_submitted"], a["unique_sources"] = 1+int(g[20])%50, 1+int(g[21])%10
	tags := []string{ft.tag}
	if g.kind() == kindMalicious {
		tags = append(tags, "detect-debug-environment", "long-sleeps")
		a["popular_threat_classification"] = map[string]any{"suggested_threat_label": "trojan.fake/vtfake",
			"popular_threat_category": []map[string]any{{"count": 12, "value": "trojan"}, {"count": 3, "value": "downloader"}},
			"popular_threat_name":     []map[string]any{{"count": 9, "value": "fake"}, {"count": 2, "value": "vtfake"}}}
		a["sandbox_verdicts"] = map[string]any{"Zenbox": map[string]any{"category": "malicious", "sandbox_name": "Zenbox",
			"confidence": 70 + int(g[22])%30, "malware_classification": []string{"TROJAN"}, "malware_names": []string{"FakeFam"}}}
		a["crowdsourced_yara_results"] = []map[string]any{{"rule_name": "VTFAKE_Generic_Trojan", "ruleset_name": "vtfake_rules",
			"source": "https://example.org/vtfake-rules", "author": "vtfake"}}
	}
	a["tags"] = tags
	if ft.tag == "peexe" || ft.tag == "pedll" {
		a["pe_info"] = map[string]any{"imphash": tag("imphash", sum, 32), "machine_type": 332}
		si := map[string]any{"original name": name, "file version": "1.0.0.0"}
		if g[23]%2 == 0 { // half of them signed
			si["verified"], si["signers"] = "Signed", "Example Software Ltd; Example Code Signing CA; Example Root CA"
		}
		a["signature_info"] = si
	}
	return object{Type: "file", ID: sum, Links: self(base, "files", sum), Attributes: a}
}

func urlObject(g gen, u, sum, base string) object {
	a := map[string]any{}
	analysis(g, a, 93, false)
	date := a["last_modification_date"].(int64) - 3600
	a["url"], a["last_final_url"] = u, u
	a["title"] = pick(g, 11, []string{"Welcome", "Login", "Index of /", "Home", ""})
	a["categories"] = map[string]string{"Forcepoint ThreatSeeker": pick(g, 12, []string{"uncategorized", "business and economy", "information technology", "malicious web sites"})}
	a["first_submission_date"], a["last_submission_date"] = date-int64(g.u32(16)%(365*86400)), date
	a["times_submitted"], a["last_http_response_code"] = 1+int(g[20])%50, 200
	a["last_http_response_content_length"] = int(g.u32(13) % 200_000)
	a["threat_names"], a["has_content"] = []string{}, false
	return object{Type: "url", ID: sum, Links: self(base, "urls", sum), Attributes: a}
}

// network builds a domain or IP object; VirusTotal answers those even when
// it knows nothing of them, with empty analysis stats.
func (s *Server) network(coll, id string, rels []string, base string) []byte {
	g := seed(coll, id)
	a := map[string]any{}
	analysis(g, a, 94, false)
	typ := objectTypes[coll]
	if coll == "domains" {
		parts := strings.Split(id, ".")
		a["tld"] = parts[len(parts)-1]
		a["registrar"] = pick(g, 11, []string{"NameCheap, Inc.", "GoDaddy.com, LLC", "MarkMonitor Inc.", "Tucows Domains Inc."})
		a["creation_date"] = int64(946684800) + int64(g.u32(12)%(20*365*86400))
		a["last_dns_records"] = []map[string]any{{"type": "A", "value": ipFor(id, 0), "ttl": 300}}
		a["categories"] = map[string]string{"Forcepoint ThreatSeeker": "uncategorized"}
		if g.kind() == kindClean {
			a["popularity_ranks"] = map[string]any{
				"Majestic":       map[string]any{"rank": 1 + int(g.u32(16)%100000), "timestamp": 1700000000},
				"Cisco Umbrella": map[string]any{"rank": 1 + int(g.u32(20)%100000), "timestamp": 1700000000},
			}
		}
	} else {
		a["asn"] = 1000 + int(g.u32(12)%60000)
		a["as_owner"] = pick(g, 13, []string{"EXAMPLE-NET", "CLOUD-HOSTING-AS", "TRANSIT-BACKBONE", "BROADBAND-ISP"})
		a["country"] = pick(g, 14, []string{"US", "DE", "NL", "FR", "SG", "BR"})
		a["continent"] = "XX"
		a["regional_internet_registry"] = pick(g, 15, []string{"ARIN", "RIPE NCC", "APNIC", "LACNIC"})
		a["network"] = network(id)
	}
	return marshal(object{Type: typ, ID: id, Links: self(base, coll, id), Attributes: a,
		Relationships: s.relationships(coll, id, rels, base)})
}

// relationships builds the asked-for relationships of a domain or IP, as
// an object request's ?relationships= includes them.
func (s *Server) relationships(coll, id string, names []string, base string) map[string]relationship {
	if len(names) == 0 {
		return nil
	}
	out := map[string]relationship{}
	for _, name := range names {
		items := relatedItems(coll, id, name)
		if s.opts.DescriptorsOnly {
			for i := range items {
				items[i].Attributes = nil
			}
		}
		if items == nil {
			items = []related{}
		}
		out[name] = relationship{Data: items, Links: map[string]string{
			"self":    base + "/api/v3/" + coll + "/" + id + "/relationships/" + name + "?limit=10",
			"related": base + "/api/v3/" + coll + "/" + id + "/" + name,
		}}
	}
	return out
}

// relatedItems are the objects related to a domain or IP by name, with
// their attributes.
func relatedItems(coll, id, name string) []related {
	g := seed(coll, id)
	var items []related
	switch name {
	case "resolutions":
		n := int(g[22]) % 4
		if coll == "domains" {
			n++
		}
		for i := range n {
			ip, host := id, hostFor(id, i)
			if coll == "domains" {
				ip, host = ipFor(id, i), id
			}
			items = append(items, related{Type: "resolution", ID: ip + host, Attributes: map[string]any{
				"date": int64(1600000000) + int64(g.u32(i)%(3*365*86400)), "host_name": host, "ip_address": ip,
				"resolver": "VirusTotal",
			}})
		}
	case "urls":
		host := id
		if strings.Contains(id, ":") {
			host = "[" + id + "]"
		}
		for i := range 1 + int(g[23])%3 {
			u := fmt.Sprintf("http://%s/%s", host, pick(g, 24+i, []string{"", "login.php", "index.html", "download/setup.exe", "wp-admin/"}))
			sum := sha256.Sum256([]byte(u))
			mal := 0
			if g.kind() == kindMalicious {
				mal = 1 + i
			}
			items = append(items, related{Type: "url", ID: hex.EncodeToString(sum[:]), Attributes: map[string]any{
				"url": u, "last_analysis_stats": map[string]int{"malicious": mal, "harmless": 60, "undetected": 30},
			}})
		}
	}
	return items
}

func self(base, coll, id string) map[string]string {
	return map[string]string{"self": base + "/api/v3/" + coll + "/" + id}
}

// ipFor is the i-th address a domain resolves to: public-looking IPv4
// (no private, CGNAT, documentation or benchmarking ranges).
func ipFor(domain string, i int) string {
	g := seed("ip-for", fmt.Sprint(domain, "/", i))
	first := pick(g, 0, []int{23, 34, 45, 52, 64, 91, 104, 142, 151, 185, 193, 212})
	return fmt.Sprintf("%d.%d.%d.%d", first, 1+int(g[1])%254, int(g[2]), 1+int(g[3])%254)
}

// hostFor is the i-th host name seen on an address.
func hostFor(ip string, i int) string {
	g := seed("host-for", fmt.Sprint(ip, "/", i))
	return fmt.Sprintf("%s.%s-%s.%s", pick(g, 0, []string{"www", "mail", "cdn", "api", "vpn", "static"}),
		pick(g, 1, []string{"nimbus", "bluecloud", "fastedge", "orbitweb", "kestrel"}), hex.EncodeToString(g[2:4]),
		pick(g, 4, []string{"com", "net", "org", "io", "info"}))
}

// network is a plausible announced prefix for an address.
func network(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ""
	}
	bits := 24
	if addr.Is6() {
		bits = 32
	}
	return netip.PrefixFrom(addr, bits).Masked().String()
}
