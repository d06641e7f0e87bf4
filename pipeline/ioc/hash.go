package ioc

import "math"

// Hashes have no anchor character, so they get a scanner of their own: a
// run of 32 or more hex digits must cover one of every 32 consecutive
// positions, so looking at every 32nd byte and expanding only where it is a
// hex digit touches a small fraction of the text. The runs it finds are
// merged into the main loop's output by position (flushHashes).

// minEntropy is the seed's threshold: hex with less Shannon entropy per
// character than this is a placeholder or padding, not a digest.
const minEntropy = 3.0

// hashLen is the number of hex digits of each hash type.
func hashLen(t Type) int {
	switch t {
	case MD5:
		return 32
	case SHA1:
		return 40
	case SHA256:
		return 64
	}
	return 0
}

// hashType is the type of a hex run of n >= 32 digits: the exact type, or
// for other lengths the longest type that fits inside the run.
func hashType(n int) Type {
	switch {
	case n >= 64:
		return SHA256
	case n >= 40:
		return SHA1
	case n >= 32:
		return MD5
	}
	return Unknown
}

// nextHexRun finds the next maximal run of at least 32 hex digits that
// starts at or after e.hcur, and stores it in e.hs:e.he (hs = len(text) if
// there is none).
func (e *Extractor) nextHexRun() {
	t := e.text
	for q := e.hcur + 31; q < len(t); {
		if class[t[q]]&cHex == 0 {
			q += 32
			continue
		}
		s := q
		for s > 0 && isHex(t[s-1]) {
			s--
		}
		end := q + 1
		for end < len(t) && isHex(t[end]) {
			end++
		}
		if end-s >= 32 && s >= e.hcur {
			e.hs, e.he = s, end
			return
		}
		// Any later run of 32 starts after end, so it covers end+32.
		q = end + 32
	}
	e.hs, e.he = len(t), len(t)
}

// flushHashes reports every hex run that starts before limit.
func (e *Extractor) flushHashes(limit int) {
	for {
		if e.hs < 0 {
			e.nextHexRun()
		}
		if e.hs >= limit || e.hs >= len(e.text) {
			return
		}
		e.reportHash(e.hs, e.he)
		e.hcur, e.hs = e.he, -1
	}
}

// dropHashes forgets the hex runs that start before limit: they are inside
// a URL or a domain name just reported, and part of it.
func (e *Extractor) dropHashes(limit int) {
	if limit > e.hcur {
		e.hcur = limit
	}
	if e.hs >= 0 && e.hs < limit {
		e.hs = -1
	}
}

func (e *Extractor) reportHash(s, end int) {
	t := e.text
	s = casePrefixEnd(t, s, end)
	typ := hashType(end - s)
	if !e.cfg.Types.Has(typ) {
		return
	}
	// A run glued to letters is screened for its shape before its
	// context is read: whatever its key says (Twilio's
	// "SmsSid=SM0e36…"), it is part of a longer word.
	glued := s > 0 && isAlpha(t[s-1]) || end < len(t) && isAlpha(t[end])
	if !glued && notFileHash(t, s, end) {
		return
	}
	e.hval = appendLower(e.hval[:0], t[s:end])
	reason := ""
	switch {
	case end-s != hashLen(typ):
		reason = ReasonPartOfLongerHex
	case glued:
		reason = ReasonPartOfLongerWord
	default:
		reason = e.screenHash(typ, e.hval)
	}
	e.m = Match{Type: typ, Value: e.hval, Reason: reason, Start: s, End: end}
	e.fn(&e.m)
}

// casePrefixEnd returns where a hex run t[s:end] starts once a prefix of
// one to four capitals is cut off it, when the rest is in lower case and
// of a hash's length: an id's type glued before its hex, which the
// capitals' being hex digits too (Twilio's "CAd0ff…", "AC27d6…") would
// otherwise hide. Digests are written in one case.
func casePrefixEnd(t []byte, s, end int) int {
	p := s
	for p < end && p-s < 5 && 'A' <= t[p] && t[p] <= 'F' {
		p++
	}
	if p == s || p-s > 4 || hashLen(hashType(end-p)) != end-p {
		return s
	}
	lower := false
	for _, c := range t[p:end] {
		if 'A' <= c && c <= 'F' {
			return s
		}
		lower = lower || 'a' <= c && c <= 'f'
	}
	if !lower {
		return s
	}
	return p
}

// screenHash screens a normalised hash of the right length.
func (e *Extractor) screenHash(t Type, v []byte) string {
	if entropy(v) < minEntropy {
		return ReasonLowEntropy
	}
	if patterned(v) {
		return ReasonPatterned
	}
	if e.cfg.SkipList.has(t, v) {
		return ReasonSkipList
	}
	return ""
}

// maxStepEntropy is the entropy, in bits, below which the steps between
// the digits of hex are too regular for a digest. For random digests of 32
// digits the entropy of the 31 steps (differences mod 16) is 3.6 bits on
// average and fell below 2.71 in none of 2 million samples (longer digests
// are further from it).
const maxStepEntropy = 2.5

// patterned reports whether lower-case hex v is regular where a digest is
// random: it repeats with a period of at most half its length, or the
// steps between digits one or two apart take too few values (sequences such
// as 0123456789abcdef..., fedcba98..., and interleaved ones, a1b2c3d4...).
func patterned(v []byte) bool {
	n := len(v)
	for p := 1; p <= n/2; p++ {
		// A repeat's first two digits recur at p: one compare in 256 for
		// a digest, so the full compare is rare.
		if v[p] == v[0] && v[p+1] == v[1] && string(v[p:]) == string(v[:n-p]) {
			return true
		}
	}
	var c1, c2 [16]int
	prev2, prev := nibble[v[0]], nibble[v[1]]
	c1[(prev-prev2)&15]++
	for _, c := range v[2:] {
		x := nibble[c]
		c1[(x-prev)&15]++
		c2[(x-prev2)&15]++
		prev2, prev = prev, x
	}
	return termsEntropy(c1[:], n-1) < maxStepEntropy || termsEntropy(c2[:], n-2) < maxStepEntropy
}

// nibble is the value of each hex digit (and 0 for other bytes): a table,
// because the branches of a computation are mispredicted on random digits.
var nibble = func() (t [256]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c - '0'
	}
	for c := byte('a'); c <= 'f'; c++ {
		t[c], t[c-'a'+'A'] = c-'a'+10, c-'a'+10
	}
	return t
}()

// entropyTerms[n][c] is -p*log2(p) for p = c/n, for the hash lengths n
// and the numbers of steps between digits one or two apart (n-1, n-2):
// entropy is then 16 table loads, not a logarithm per symbol.
var entropyTerms = func() (t [65][65]float64) {
	for _, h := range [...]int{32, 40, 64} {
		for n := h - 2; n <= h; n++ {
			for c := 1; c <= n; c++ {
				p := float64(c) / float64(n)
				t[n][c] = -p * math.Log2(p)
			}
		}
	}
	return t
}()

// entropy is the Shannon entropy of lower-case hex v, in bits per character.
func entropy(v []byte) float64 {
	var counts [16]int
	for _, c := range v {
		counts[(c&0x0f)+(c>>6)*9&15]++ // '0'-'9' -> 0-9, 'a'-'f' -> 10-15
	}
	return termsEntropy(counts[:], len(v))
}

// termsEntropy is the Shannon entropy of the distribution counts of n
// symbols, in bits, from entropyTerms where it has the terms.
func termsEntropy(counts []int, n int) float64 {
	h := 0.0
	if n < len(entropyTerms) && entropyTerms[n][1] != 0 {
		terms := &entropyTerms[n]
		for _, c := range counts {
			h += terms[c]
		}
		return h
	}
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / float64(n)
			h -= p * math.Log2(p)
		}
	}
	return h
}

// checkHash validates and normalises a whole value as a hash of type t.
func (e *Extractor) checkHash(t Type, b []byte) ([]byte, string) {
	if len(b) < 32 {
		return nil, ReasonInvalid
	}
	for _, c := range b {
		if !isHex(c) {
			return nil, ReasonInvalid
		}
	}
	if hashType(len(b)) != t {
		return nil, ReasonInvalid
	}
	e.hval = appendLower(e.hval[:0], b)
	if len(b) != hashLen(t) {
		return e.hval, ReasonPartOfLongerHex
	}
	return e.hval, e.screenHash(t, e.hval)
}
