package cache

import (
	"net/netip"
	"strings"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// normalize is the fallback for Options.Normalize: the parts of the
// pipeline's normalisation that a VirusTotal object id can need. VT already
// returns hashes, domains and IPs in canonical form, so this mostly guards
// hand-edited import files.
func normalize(t ioc.Type, s string) string {
	s = strings.TrimSpace(s)
	switch {
	case t.IsHash():
		return strings.ToLower(s)
	case t == ioc.DNS:
		return strings.TrimSuffix(strings.ToLower(s), ".")
	case t == ioc.IPv4 || t == ioc.IPv6:
		if a, err := netip.ParseAddr(s); err == nil {
			return a.String()
		}
	}
	return s
}
