package ioc

import (
	"unicode"
	"unicode/utf8"
)

// Host labels are ASCII letters, digits, '-' and '_' (underscores occur in
// real DNS names such as _dmarc.example.com), and, for international names
// written in Unicode, letters, marks and digits of any script. Scripts
// written without spaces between words (Han, Kana, Hangul, Thai, ...) may
// not share a label with ASCII or other letters: in "请访问evil.com" the
// name is evil.com, not a mixed-script label nobody registers. Nor may
// right-to-left letters (Hebrew, Arabic) share one with ASCII letters,
// as IDNA's Bidi rule (RFC 5893) says: in Hebrew's "ל-update-check.xyz"
// (a prefix joined by a hyphen) the name is update-check.xyz. An RTL
// label may hold digits.

// labelKind sorts the characters of a label for that rule.
type labelKind uint8

const (
	kNone     labelKind = 0
	kSpaced   labelKind = 1 // ASCII alnum, or letters of spaced scripts
	kUnspaced labelKind = 2 // Han, Kana, Hangul, Thai, Lao, Khmer, Myanmar
	kRTL      labelKind = 3 // Hebrew, Arabic, Syriac, Thaana, N'Ko
	kDigits   labelKind = 4 // ASCII digits alone so far: any kind but unspaced may follow
)

var rtl = []*unicode.RangeTable{unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko}

var unspaced = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul,
	unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar,
}

// runeKind is the kind of a non-ASCII rune, or kNone if it is not part of a
// label (punctuation, symbols, spaces).
func runeKind(r rune) labelKind {
	if !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) || r == 'þ' {
		// þ is a letter (Icelandic's thorn), but load files' quote:
		// Concordance DAT writes þaccounts@vendor-payments.coþ, and a
		// name ending in þ is far rarer in logs than that.
		return kNone
	}
	if unicode.In(r, unspaced...) {
		return kUnspaced
	}
	if unicode.In(r, rtl...) {
		return kRTL
	}
	return kSpaced
}

// asciiKind is the kind of a label's run of ASCII bytes next to its
// non-ASCII part: spaced when it holds a letter, digits when it holds
// digits alone (an Arabic label's: مو2قع), none when it is empty.
func asciiKind(run []byte) labelKind {
	kind := kNone
	for _, c := range run {
		if isAlpha(c) {
			return kSpaced
		}
		if isDigit(c) {
			kind = kDigits
		}
	}
	return kind
}

// joins reports whether a rune of kind k may follow (or precede) the
// label's characters so far, of kind: the same kind, or after none, or
// after digits alone unless k is an unspaced script.
func joins(kind, k labelKind) bool {
	return kind == kNone || k == kind || kind == kDigits && k != kUnspaced
}

// labelEnd returns the end of the label that starts at t[i].
func labelEnd(t []byte, i int) int {
	start := i
	for i < len(t) && class[t[i]]&cLabel != 0 {
		i++
	}
	if i == len(t) || t[i] < utf8.RuneSelf {
		return i
	}
	kind := asciiKind(t[start:i])
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if class[c]&cLabel == 0 {
				break
			}
			if c != '-' && c != '_' {
				if kind == kUnspaced || kind == kRTL && !isDigit(c) {
					break
				}
				if kind != kRTL {
					kind = kSpaced
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(t[i:])
		k := runeKind(r)
		if k == kNone || !joins(kind, k) {
			break
		}
		kind = k
		i += n
	}
	return i
}

// labelStart returns the start of the label that ends just before t[i],
// not reaching below lo.
func labelStart(t []byte, lo, i int) int {
	end := i
	for i > lo && class[t[i-1]]&cLabel != 0 {
		i--
	}
	if i == lo || t[i-1] < utf8.RuneSelf {
		return i
	}
	kind := asciiKind(t[i:end])
	for i > lo {
		c := t[i-1]
		if c < utf8.RuneSelf {
			if class[c]&cLabel == 0 {
				break
			}
			if c != '-' && c != '_' {
				if kind == kUnspaced || kind == kRTL && !isDigit(c) {
					break
				}
				if kind != kRTL {
					kind = kSpaced
				}
			}
			i--
			continue
		}
		r, n := utf8.DecodeLastRune(t[lo:i])
		k := runeKind(r)
		if k == kNone || !joins(kind, k) {
			break
		}
		kind = k
		i -= n
	}
	return i
}
