package ioc

import (
	"bytes"
	"hash/maphash"
)

// Memo scans field values with an Extractor and remembers what each recent
// value gave, so that a value seen again is answered from memory instead of
// being scanned again.
//
// Why it is sound: Scan reads nothing but the text it is given (its
// context rules look at the field, never at other fields or rows) and its
// own caches only hold facts about names (which TLDs exist, which names
// are public suffixes), so the same bytes always give the same matches.
//
// Why it pays: log exports repeat their values. On the bench corpus an
// observable shows on 34 rows, and whole cells repeat with it (the same
// URL, destination address, hash or process path); the scanner's cost is
// per candidate, in the context rules each one runs through.
//
// A value is remembered on its second sight, not its first: most fields
// that never repeat (timestamps, ports, random client addresses) hold an
// anchor too, and remembering each would cost more than scanning it and
// push out the values that do repeat. Memory is bounded: the tables are
// direct-mapped (a new value takes its slot from whatever held it), values
// longer than memoMaxValue are scanned every time, and when the remembered
// values and matches pass memoMaxBytes everything is forgotten at once and
// the memory reused. A Memo is, like its Extractor, for one goroutine.
type Memo struct {
	x    *Extractor
	seed maphash.Seed
	seen []uint64   // hashes of values seen once, by their low bits
	at   []memoSlot // remembered values, by their hashes' low bits
	// arena holds the remembered values and their matches' values, back
	// to back; matches the matches, a slot's at matches[from:to].
	arena   []byte
	matches []memoMatch
	fields  []memoField // by ScanField's col
	m       Match       // handed to the callback on a replay
	rec     func(*Match)
	fn      func(*Match)
}

// memoSlot is a remembered value: arena[key:key+n] with hash h.
type memoSlot struct {
	h        uint64
	key, n   int32
	from, to int32
}

type memoMatch struct {
	typ         Type
	reason      string
	off, end    int32 // the value in Memo.arena
	start, stop int32 // Match.Start, Match.End
}

// The bounds of a Memo: values longer than memoMaxValue are not
// remembered (long messages rarely repeat whole, and would crowd out the
// short cells that do); past memoMaxBytes of values and matches the
// memory starts over. memoSlots is the size of both tables. Small, by
// measurement on the bench corpus: 8k slots and 1 MB took 10% off
// --dry-run's CPU time and 5% off --offline's, for about 7 MB more peak
// RSS; 64k slots and 4 MB took less off and added 10% to the RSS.
const (
	memoMaxValue = 1 << 10
	memoMaxBytes = 1 << 20
	memoSlots    = 1 << 13
)

// Extractor returns the Extractor m scans with, for its other uses
// (Classify, Check) on the same goroutine.
func (m *Memo) Extractor() *Extractor { return m.x }

// NewMemo returns a Memo scanning with x, which it alone then uses.
func NewMemo(x *Extractor) *Memo {
	m := &Memo{x: x, seed: maphash.MakeSeed(), seen: make([]uint64, memoSlots), at: make([]memoSlot, memoSlots)}
	m.rec = m.record
	return m
}

// Scan reports to fn what x.Scan(text, fn) would: the same matches, in the
// same order, with the same *Match reuse rule (fn copies what it keeps).
func (m *Memo) Scan(text []byte, fn func(*Match)) { m.ScanField(0, text, fn) }

// ScanField is Scan for a value of field (column) col. A field whose
// values do not repeat (a timestamp, a request id) is scanned without the
// memo for a while, so that its values neither cost a remembering nor
// push out those of the fields that do repeat: of every memoWindow values
// of a field, fewer than memoWindow/memoMinRepeat seen before mean that
// the next memoSkip are scanned directly.
func (m *Memo) ScanField(col int, text []byte, fn func(*Match)) {
	if nothingToScan(text) {
		return
	}
	if len(text) > memoMaxValue {
		m.x.Scan(text, fn) // too long to remember
		return
	}
	for col >= len(m.fields) {
		m.fields = append(m.fields, memoField{})
	}
	f := &m.fields[col]
	if f.skip > 0 {
		f.skip--
		m.x.Scan(text, fn)
		return
	}
	if m.scan(text, fn) {
		f.repeats++
	}
	if f.values++; f.values == memoWindow {
		if f.repeats < memoWindow/memoMinRepeat {
			f.skip = memoSkip
		}
		f.values, f.repeats = 0, 0
	}
}

// memoField is what a Memo knows of one field's values: how many of the
// current window's were seen before, and how many to scan directly.
type memoField struct {
	values, repeats, skip int
}

const (
	memoWindow    = 1 << 10
	memoMinRepeat = 8
	memoSkip      = 15 << 10
)

// scan is ScanField's scan through the memo; it reports whether text was
// seen before (answered from memory, or remembered now).
func (m *Memo) scan(text []byte, fn func(*Match)) (repeat bool) {
	h := maphash.Bytes(m.seed, text) | 1 // 0 marks a free slot
	i := int(h & (memoSlots - 1))
	if s := &m.at[i]; s.h == h && bytes.Equal(m.arena[s.key:s.key+s.n], text) {
		for _, r := range m.matches[s.from:s.to] {
			m.m = Match{Type: r.typ, Value: m.arena[r.off:r.end], Reason: r.reason, Start: int(r.start), End: int(r.stop)}
			fn(&m.m)
		}
		return true
	}
	if m.seen[i] != h {
		m.seen[i] = h // first sight
		m.x.Scan(text, fn)
		return false
	}
	if len(m.arena)+len(m.matches)*48 >= memoMaxBytes {
		clear(m.at)
		m.arena, m.matches = m.arena[:0], m.matches[:0]
	}
	key := len(m.arena)
	m.arena = append(m.arena, text...)
	from := len(m.matches)
	m.fn = fn
	m.x.Scan(text, m.rec)
	m.fn = nil
	m.at[i] = memoSlot{h: h, key: int32(key), n: int32(len(text)), from: int32(from), to: int32(len(m.matches))}
	return true
}

// record keeps a match found by a scan being remembered and passes it on.
func (m *Memo) record(x *Match) {
	off := len(m.arena)
	m.arena = append(m.arena, x.Value...)
	m.matches = append(m.matches, memoMatch{typ: x.Type, reason: x.Reason, off: int32(off), end: int32(len(m.arena)),
		start: int32(x.Start), stop: int32(x.End)})
	m.fn(x)
}
