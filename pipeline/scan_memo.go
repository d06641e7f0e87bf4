package pipeline

import (
	"bytes"
	"hash/maphash"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
)

// fieldMemo remembers what the scanner found in the recent values of one
// column, so that a value repeated down a column (a proxy log's URL, a
// destination address, a file hash, a process path) is scanned once and its
// candidates replayed after. What Scan finds in a field depends on nothing
// but the field's bytes and the run's flags, so a replay reports exactly
// what a scan would have, in the same order.
//
// A column whose values do not repeat (timestamps, source ports, most log
// messages) would pay a hash and a copy per field for nothing: the memo
// counts its hits and stands aside for the rest of a batch when they are
// too few to pay.
type fieldMemo struct {
	slots []memoSlot  // direct-mapped by hash: a collision replaces
	arena []byte      // the remembered fields, and the values found in them
	found []memoFound // the candidates found, each field's in a run
	gen   uint32      // slots of another generation are empty

	tries, hits int    // this batch's lookups and hits
	off         bool   // too few hits this batch: scan every field
	recording   bool   // the field being scanned is to be remembered
	recordFrom  int    // len(found) when the field's scan began
	recordHash  uint64 // the field's hash
}

type memoSlot struct {
	hash        uint64
	key, keyEnd int32 // the field, in arena
	first, end  int32 // its candidates, in found
	gen         uint32
}

type memoFound struct {
	typ      ioc.Type
	off, end int32 // the value, in arena
	reason   string
}

const (
	// memoSlots is how many distinct values a column's memo holds. A
	// power of two.
	memoSlots = 512
	// memoMaxField is the longest field remembered: longer ones repeat
	// less, and their copies would crowd out the short ones that do.
	memoMaxField = 256
	// memoMaxFound is the most candidates a remembered field may have.
	memoMaxFound = 16
	// memoArena bounds the bytes a column's memo keeps; past it the memo
	// starts afresh. With memoSlots it bounds the memo's memory at some
	// 150 KB a scanned column per scanner: a few MB in all, where the
	// memory budget is 200 MB.
	memoArena = 128 << 10
	// memoProbe lookups of a batch decide whether the memo pays for a
	// column: below one hit in memoMinHitShare it stands aside. A hit saves
	// a scan (100 ns to 1 µs), a miss costs a hash and a copy (some 30 ns),
	// so a low share already pays.
	memoProbe       = 512
	memoMinHitShare = 8
)

var memoSeed = maphash.MakeSeed()

// newBatch resets the hit counts: a column's values may repeat in one
// batch and not the next (an export sorted by source, say).
func (m *fieldMemo) newBatch() {
	m.tries, m.hits, m.off = 0, 0, false
}

// replay reports the candidates remembered for field to add and returns
// true, or returns false when field must be scanned: then, unless the
// memo stands aside, the candidates the scan reports through record are
// remembered, and done files them under field.
func (m *fieldMemo) replay(field []byte, add func(t ioc.Type, value []byte, reason string)) bool {
	m.recording = false
	if m.off || len(field) > memoMaxField {
		return false
	}
	if m.tries++; m.tries == memoProbe && m.hits*memoMinHitShare < m.tries {
		m.off = true
	}
	h := maphash.Bytes(memoSeed, field)
	if m.slots == nil {
		m.slots = make([]memoSlot, memoSlots)
		m.gen = 1
	}
	s := &m.slots[h&(memoSlots-1)]
	if s.gen == m.gen && s.hash == h && bytes.Equal(m.arena[s.key:s.keyEnd], field) {
		m.hits++
		for i := s.first; i < s.end; i++ {
			f := &m.found[i]
			add(f.typ, m.arena[f.off:f.end], f.reason)
		}
		return true
	}
	if len(m.arena) > memoArena {
		m.arena, m.found = m.arena[:0], m.found[:0]
		if m.gen++; m.gen == 0 { // wrapped: no slot may look current
			clear(m.slots)
			m.gen = 1
		}
	}
	m.recording, m.recordFrom, m.recordHash = true, len(m.found), h
	return false
}

// record remembers one candidate of the field being scanned.
func (m *fieldMemo) record(t ioc.Type, value []byte, reason string) {
	if !m.recording {
		return
	}
	if len(m.found)-m.recordFrom == memoMaxFound {
		m.recording = false // too many to be worth a slot
		m.found = m.found[:m.recordFrom]
		return
	}
	off := int32(len(m.arena))
	m.arena = append(m.arena, value...)
	m.found = append(m.found, memoFound{typ: t, off: off, end: int32(len(m.arena)), reason: reason})
}

// done files the candidates recorded since replay under field.
func (m *fieldMemo) done(field []byte) {
	if !m.recording {
		return
	}
	m.recording = false
	key := int32(len(m.arena))
	m.arena = append(m.arena, field...)
	h := m.recordHash
	m.slots[h&(memoSlots-1)] = memoSlot{hash: h, key: key, keyEnd: int32(len(m.arena)),
		first: int32(m.recordFrom), end: int32(len(m.found)), gen: m.gen}
}
