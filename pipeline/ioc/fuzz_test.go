package ioc

import (
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"8.8.8.8 10.0.0.1, 1[.]2[.]3[.]4 0177.0.0.1 1.2.3.4.5",
	"evil[.]com setup.zip setup[dot]zip Wscript.Shell bücher.de 请访问evil.com",
	"hxxps://evil[.]com[/]a.php?x=1 (http://en.wikipedia.org/wiki/Foo_(bar)). 'http://x.com/a','b'",
	"http[:]//evil.com:8080/x https[://]evil(.)com http://[2001:db8::1]/ http://evil.com./x",
	md5a + "," + sha1a + "," + sha256a + " 0x" + md5a + " " + md5a + ".evil.com",
	"2001:4860:4860::8888 12:30:45 00:1a:2b:3c:4d:5e :: std::abc ::ffff:1.2.3.4 fe80::1%eth0",
	"https://www.google.com/url?q=http://evil.com/ file:///C:/x user[at]evil[.]com",
	".\\rundll32.exe  /C mshta vbscript:CreateObject(\"Wscript.Shell\").Run(\".\\powershell.exe\")",
	`{"url":"http:\/\/cdn-bad.org\/x\/y.php?a\=1"} requestUrl=https://evil.com/p?id\=42 http://x.com/a\b`,
	"Q [0001 D NOERROR] A (3)www(7)cdn-bad(3)org(0) (4)wpad(0) (1)a(2)bc(0 (9)aaa(3)com(0)",
	"u=https%3A%2F%2Fevil.com%2Fx%3Fa%3D1&r=0 %5C%5C93.184.216.34%5Cc%24 %2F%2Fcdn-bad.org wget%20http://1.2.3.4/x;%20chmod",
}

// FuzzScan checks, for any input, that Scan does not panic and that what it
// reports is sound: in input order, inside the input, typed and reasoned
// from the vocabulary, normalised (Check gives the value back), derived
// from the text (Check of the span gives the same value, and the value is
// the refanged span up to case and canonical forms), and screened for the
// same reason as Check gives, where the reason does not depend on context.
func FuzzScan(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
	}
	reasons := map[string]bool{"": true}
	for _, r := range Reasons {
		reasons[r] = r != ReasonInvalid
	}
	f.Fuzz(func(t *testing.T, in string, hosts bool) {
		e := NewExtractor(Config{URLHosts: hosts})
		check := NewExtractor(Config{})
		lastStart := 0
		e.Scan([]byte(in), func(m *Match) {
			span := in[m.Start:m.End]
			v := string(m.Value)
			switch {
			case m.Start < lastStart || m.Start < 0 || m.End > len(in) || m.Start >= m.End:
				t.Fatalf("%v %q: span %d:%d out of order or range (last start %d)", m.Type, v, m.Start, m.End, lastStart)
			case m.Type < IPv4 || m.Type > SHA256 || v == "":
				t.Fatalf("bad match %v %q", m.Type, v)
			case !reasons[m.Reason]:
				t.Fatalf("%v %q: reason %q not in the vocabulary", m.Type, v, m.Reason)
			}
			lastStart = m.Start
			if cv, cr := check.Check(m.Type, m.Value); string(cv) != v || cr == ReasonInvalid {
				t.Fatalf("%v %q is not normalised: Check gives %q, %q", m.Type, v, cv, cr)
			}
			cv, cr := check.Check(m.Type, []byte(span))
			if string(cv) != v {
				t.Fatalf("%v %q read from %q, but Check of that text gives %q, %q", m.Type, v, span, cv, cr)
			}
			switch m.Reason {
			case ReasonFileExtension, ReasonCodeIdentifier, ReasonPartOfLongerWord:
			default:
				if cr != m.Reason {
					t.Fatalf("%v %q screened %q in text but %q on its own", m.Type, v, m.Reason, cr)
				}
			}
			if !fromText(m.Type, v, span) {
				t.Fatalf("%v %q is not the refanged text %q", m.Type, v, span)
			}
		})
	})
}

// fromText reports whether value v is the text span refanged, up to case
// and the canonical forms: IP addresses compare as addresses, international
// names are not compared (they become punycode), and a URL may lose the
// root dot after its host.
func fromText(t Type, v, span string) bool {
	ref := strings.ToLower(Refang(span))
	switch t {
	case IPv4, IPv6:
		_, err := netip.ParseAddr(v)
		return err == nil || ref == v // ambiguous IPv4 stays as written
	case DNS:
		if strings.HasPrefix(span, "(") { // Windows DNS debug-log form
			ref = strings.Trim(wireLengths.ReplaceAllString(ref, "."), ".")
		}
		return !isASCII(span) || ref == v
	case URL:
		if !isASCII(span) || strings.Contains(v, "[") || startsWithIPHost(v) {
			return true
		}
		ref = strings.NewReplacer(`\/`, "/", `\=`, "=").Replace(ref) // JSON and CEF escapes
		if e, p := strings.Index(ref, "%3a%2f%2f"), strings.Index(ref, "://"); e >= 0 && (p < 0 || e < p) {
			ref = strings.ToLower(decodeOnce(ref)) // a URL encoded whole, not one holding an encoded "://" after its own
		}
		drop := func(s string) string { return strings.ReplaceAll(s, ".", "") }
		return drop(ref) == drop(strings.ToLower(Refang(v)))
	}
	return ref == v
}

var wireLengths = regexp.MustCompile(`\(\d+\)`)

// decodeOnce decodes the percent escapes of s that stand for characters a
// URL may hold in running text, once: %2500 is the %00 the URL holds (U2),
// and a %25 at the end a lone '%'.
func decodeOnce(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil && v > 0x20 && v < 0x7f && !strings.ContainsRune("\"<>\\^`{|}", rune(v)) {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// startsWithIPHost reports whether URL v has an IPv4 host (which is
// normalised, 010.0.0.1 becoming 10.0.0.1).
func startsWithIPHost(v string) bool {
	_, rest, _ := strings.Cut(v, "://")
	if i := strings.IndexAny(rest, "/?#:"); i >= 0 {
		rest = rest[:i]
	}
	if j := strings.LastIndexByte(rest, '@'); j >= 0 {
		rest = rest[j+1:]
	}
	_, err := netip.ParseAddr(rest)
	return err == nil
}

// FuzzCheck checks that Check does not panic, that its normal form is a
// fixed point (checking a checked value gives it back, with the same
// reason), and that Classify only names types that Check accepts.
func FuzzCheck(f *testing.F) {
	for _, s := range fuzzSeeds {
		for _, w := range strings.Fields(s) {
			f.Add(uint8(Classify(w)), w)
		}
	}
	f.Fuzz(func(t *testing.T, typ uint8, in string) {
		ty := Type(typ % 8)
		v, r := Check(ty, in, nil)
		if r != ReasonInvalid {
			if !slices.Contains(Reasons, r) && r != "" {
				t.Fatalf("Check(%v, %q) reason %q not in the vocabulary", ty, in, r)
			}
			if v2, r2 := Check(ty, v, nil); v2 != v || r2 != r {
				t.Fatalf("Check(%v, %q) = %q, %q but Check of that = %q, %q", ty, in, v, r, v2, r2)
			}
		}
		if c := Classify(in); c != Unknown {
			if _, r := Check(c, in, nil); r == ReasonInvalid {
				t.Fatalf("Classify(%q) = %v, but Check says invalid", in, c)
			}
		}
	})
}
