package ioc

// Windows DNS server debug logs write query names as DNS does on the wire,
// each label after its length in parentheses and the root as "(0)":
// "(3)www(7)cdn-bad(3)org(0)" is www.cdn-bad.org. The lengths must match
// the labels exactly, which no other text does by accident. Such a name is
// a DNS query: it is screened as a name given whole (a query for readme.md
// is a query for the domain), not as one read from prose.

// maxWireDigits bounds the digits of a label length (63 at most).
const maxWireDigits = 2

// wireStart returns where the "(n)" that t[j] closes starts, not below lo,
// or -1 if t[j] closes no label length.
func wireStart(t []byte, lo, j int) int {
	if t[j] != ')' {
		return -1
	}
	p := j - 1
	for p >= lo && j-p <= maxWireDigits && isDigit(t[p]) {
		p--
	}
	if p < lo || p == j-1 || t[p] != '(' {
		return -1
	}
	return p
}

// wireLen reads "(n)" at t[i] and returns n and the index after it.
func wireLen(t []byte, i int) (n, next int, ok bool) {
	if i >= len(t) || t[i] != '(' {
		return 0, 0, false
	}
	j := i + 1
	for j < len(t) && j-i-1 < maxWireDigits && isDigit(t[j]) {
		n = n*10 + int(t[j]-'0')
		j++
	}
	if j == i+1 || j >= len(t) || t[j] != ')' {
		return 0, 0, false
	}
	return n, j + 1, true
}

// appendWireName appends the dotted form of the wire-format name at t[i:]
// and returns it with the index after its "(0)"; ok is false if t[i:] does
// not start with one of two or more labels.
func appendWireName(dst, t []byte, i int) (out []byte, end int, ok bool) {
	base, labels := len(dst), 0
	for {
		n, j, ok := wireLen(t, i)
		if !ok || n > 63 {
			return dst[:base], 0, false
		}
		if n == 0 {
			return dst, j, labels >= 2
		}
		if j+n > len(t) {
			return dst[:base], 0, false
		}
		for _, c := range t[j : j+n] {
			if class[c]&cLabel == 0 {
				return dst[:base], 0, false
			}
		}
		if labels > 0 {
			dst = append(dst, '.')
		}
		dst = append(dst, t[j:j+n]...)
		labels++
		i = j + n
	}
}

// tryWireName reads a wire-format name starting at t[i] and reports it.
// It returns where the main loop resumes.
func (e *Extractor) tryWireName(t []byte, i int) (int, bool) {
	e.tmp = e.tmp[:0]
	d, end, ok := appendWireName(e.tmp, t, i)
	e.tmp = d
	if !ok {
		return 0, false
	}
	v, defanged, ok := buildName(e.val[:0], d, 2)
	e.val = v
	if !ok {
		return 0, false
	}
	e.emit(DNS, v, e.screenName(v, defanged, false), i, end)
	e.dropHashes(end)
	return end, true
}
