package ioc

// IPv4 addresses are four decimal numbers 0-255 separated by dots or
// defanged dots. A dotted run of more or fewer numbers (1.2.3, 1.2.3.4.5,
// 10.0.19041.1, an SNMP OID) is a version or an identifier, not an address,
// and is not reported; neither is a run glued to letters or to further
// dotted text (v1.2.3.4, 4.3.2.1.in-addr.arpa: that is a domain name), nor
// one that context says is a version (isVersion: Chrome/120.0.0.0,
// Version=4.0.0.0, firmware 2.4.1.0).

// tryIPv4 reads an IPv4 address around the dot separator t[ss:se]. It
// returns the end of the address and true if there is one (reported if
// wanted), or false.
func (e *Extractor) tryIPv4(t []byte, lo, ss, se int) (int, bool) {
	if ss <= lo || !isDigit(t[ss-1]) || se >= len(t) || !isDigit(t[se]) {
		return 0, false
	}
	// Each group is at most three digits (four for an octal-looking 0nnn),
	// so anything longer fails at once: timestamps like 1714605948.287
	// are common. Groups are noted as they are found, left of the anchor
	// from right to left.
	var left, right [4]span
	nl, nr := 0, 0
	start := ss
	for {
		g := start
		for start > lo && isDigit(t[start-1]) {
			if start--; g-start > 6 { // four, and an escape's two
				return 0, false
			}
		}
		if start > 0 && t[start-1] == '%' && separatorEscape(t, start-1) {
			// "%2093.184.216.34", "%22194.150.30.0": the first two digits are the escape's.
			if start += 2; start >= g {
				return 0, false
			}
		}
		if g-start > 4 {
			return 0, false
		}
		left[nl] = span{start, g}
		nl++
		k := dotBefore(t, start)
		if k == 0 || start-k <= lo || !isDigit(t[start-k-1]) {
			break
		}
		if nl == 3 {
			return 0, false
		}
		start -= k
	}
	end := se
	for {
		g := end
		for end < len(t) && isDigit(t[end]) {
			if end++; end-g > 4 {
				return 0, false
			}
		}
		right[nr] = span{g, end}
		nr++
		k := dotAt(t, end)
		if k == 0 || end+k >= len(t) || !isDigit(t[end+k]) {
			break
		}
		if nl+nr == 4 {
			return 0, false
		}
		end += k
	}
	if nl+nr != 4 || !v4Boundary(t, start, end) {
		return 0, false
	}
	if start >= 2 && escapeEndsAt(t, start) {
		if end, ok := e.encodedURLAt(t, lo, start-2); ok {
			return end, true // the host of "http%3A%2F%2F1.2.3.4%2Fx"
		}
	}
	if e.isVersion(t, start, end) {
		e.verEnd = end
		return end, true
	}
	var groups [4][]byte
	for i := range nl {
		groups[i] = t[left[nl-1-i].s:left[nl-1-i].e]
	}
	for i := range nr {
		groups[nl+i] = t[right[i].s:right[i].e]
	}
	v, a, ambiguous, ok := v4FromGroups(e.val[:0], groups)
	e.val = v
	if !ok {
		return 0, false
	}
	e.emit(IPv4, v, e.screenV4Value(a, ambiguous), start, end)
	return end, true
}

// span is a byte range of the text.
type span struct{ s, e int }

// printerPortAt reports whether t[:start] ends a Windows TCP/IP printer
// port's "IP_" prefix, a token of its own: the port IP_91.215.85.62 is
// named by its printer's address.
func printerPortAt(t []byte, start int) bool {
	return start >= 3 && equalFold(t[start-3:start], "ip_") && (start == 3 || !isWordByte(t[start-4]))
}

// v4Boundary reports whether t[start:end] stands alone: not glued to a word
// or to more dotted text on either side.
func v4Boundary(t []byte, start, end int) bool {
	if start > 0 && !escapeEndsAt(t, start) && !printerPortAt(t, start) {
		c := t[start-1]
		if isAlnum(c) || c == '_' {
			return false
		}
		if k := dotBefore(t, start); k > 0 && start-k > 0 && isAlnum(t[start-k-1]) {
			return false
		}
	}
	if end < len(t) {
		c := t[end]
		if isAlnum(c) || c == '_' {
			return false
		}
		if k := dotAt(t, end); k > 0 && end+k < len(t) && (isAlnum(t[end+k]) || t[end+k] == '_') {
			return false
		}
	}
	return true
}

// parseV4 parses b, four groups of digits separated by (defanged) dots,
// and appends its value to dst. A value with a leading zero that is not fixed-width padding is
// ambiguous and kept as written (refanged); any other is written
// canonically.
func parseV4(dst, b []byte) (out []byte, addr uint32, ambiguous, ok bool) {
	var groups [4][]byte
	n := 0
	for i := 0; ; {
		j := i
		for j < len(b) && isDigit(b[j]) {
			j++
		}
		if j == i || j-i > 3 && !(j-i == 4 && b[i] == '0') || n == 4 { // 0177: octal 127
			return dst, 0, false, false
		}
		groups[n] = b[i:j]
		n++
		if j == len(b) {
			break
		}
		k := dotAt(b, j)
		if k == 0 {
			return dst, 0, false, false
		}
		i = j + k
	}
	if n != 4 {
		return dst, 0, false, false
	}
	return v4FromGroups(dst, groups)
}

// v4FromGroups appends the value of the address with the four digit groups
// g (of one to four digits) to dst. A value with a leading zero that is not
// fixed-width padding is ambiguous and kept as written; any other is
// written canonically.
func v4FromGroups(dst []byte, groups [4][]byte) (out []byte, addr uint32, ambiguous, ok bool) {
	padded := true
	for _, g := range groups {
		v := 0
		for _, c := range g {
			v = v*10 + int(c-'0')
		}
		if v > 255 || len(g) == 4 && g[0] != '0' {
			return dst, 0, false, false
		}
		addr = addr<<8 | uint32(v)
		if len(g) > 1 && g[0] == '0' {
			ambiguous = true
		}
		if len(g) != 3 {
			padded = false
		}
	}
	ambiguous = ambiguous && !padded
	for i, g := range groups {
		if i > 0 {
			dst = append(dst, '.')
		}
		for !ambiguous && len(g) > 1 && g[0] == '0' {
			g = g[1:]
		}
		dst = append(dst, g...)
	}
	return dst, addr, ambiguous, true
}

// screenV4Value screens an IPv4 address.
func (e *Extractor) screenV4Value(a uint32, ambiguous bool) string {
	if ambiguous {
		return ReasonAmbiguous
	}
	if r := screenV4(a); r != "" {
		return r
	}
	if e.cfg.SkipList.hasIP(ipFrom4(a)) {
		return ReasonSkipList
	}
	return ""
}
