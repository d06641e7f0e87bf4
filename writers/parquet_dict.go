package writers

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
)

// dictTable is a column's dictionary for one row group: its values in
// PLAIN form (the dictionary page as it will be written) and an
// open-addressing hash table of their indexes. A Go map[string]int32 would
// hold a second copy of every value and cost an extra cache miss per
// lookup; a VT column of 50,000 permalinks is looked up millions of times.
type dictTable struct {
	seed    maphash.Seed
	plain   []byte   // 4-byte little-endian length, then the bytes, per value
	offsets []uint32 // where value k's bytes start in plain
	// slots hold the upper 32 bits of a value's hash and its index + 1
	// (0: empty); the lower bits of the hash choose the first slot.
	slots []uint64
}

func newDictTable() *dictTable { return &dictTable{seed: maphash.MakeSeed()} }

// reset empties the table, keeping its memory for the next row group.
func (t *dictTable) reset() {
	t.plain, t.offsets = t.plain[:0], t.offsets[:0]
	clear(t.slots)
}

// len is the number of values.
func (t *dictTable) len() int { return len(t.offsets) }

func (t *dictTable) value(k uint32) []byte {
	start := t.offsets[k]
	n := binary.LittleEndian.Uint32(t.plain[start-4:])
	return t.plain[start : start+n]
}

// find returns the index of b, or the slot where it would go.
func (t *dictTable) find(b []byte, h uint64) (k int32, slot int, found bool) {
	mask := len(t.slots) - 1
	tag := h >> 32 << 32
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, i, false
		}
		if s&^0xffffffff == tag {
			if k := uint32(s) - 1; bytes.Equal(t.value(k), b) {
				return int32(k), i, true
			}
		}
	}
}

// hash is the hash lookup needs for b.
func (t *dictTable) hash(b []byte) uint64 { return maphash.Bytes(t.seed, b) }

// warm reads the slots, and the values their tags point at, that lookups
// of these hashes will read first. A lookup in a large dictionary costs
// two cache misses (the slot, then the value it is checked against), each
// waiting on the one before; reading ahead for many lookups at once lets
// the processor wait for their misses together. The sum only keeps the
// reads from being optimised away.
func (t *dictTable) warm(hashes []uint64) (sum uint64) {
	if len(t.slots) == 0 {
		return 0
	}
	mask := len(t.slots) - 1
	for _, h := range hashes {
		s := t.slots[int(h)&mask]
		if s != 0 && s>>32 == h>>32 {
			sum += uint64(t.plain[t.offsets[uint32(s)-1]-1])
		}
		sum += s
	}
	return sum
}

// lookup returns the index of b, adding it unless that would take the
// PLAIN bytes past limit (ok is false then).
func (t *dictTable) lookup(b []byte, limit int) (k int32, ok bool) {
	return t.lookupHashed(b, t.hash(b), limit)
}

// lookupHashed is lookup with b's hash already known.
func (t *dictTable) lookupHashed(b []byte, h uint64, limit int) (k int32, ok bool) {
	if len(t.slots) == 0 {
		t.slots = make([]uint64, 1024)
	}
	k, slot, found := t.find(b, h)
	if found {
		return k, true
	}
	if len(t.plain)+4+len(b) > limit && t.len() > 0 {
		return 0, false
	}
	k = int32(t.len())
	t.plain = binary.LittleEndian.AppendUint32(t.plain, uint32(len(b)))
	t.offsets = append(t.offsets, uint32(len(t.plain)))
	t.plain = append(t.plain, b...)
	t.slots[slot] = h>>32<<32 | uint64(k+1)
	if 2*t.len() > len(t.slots) {
		t.grow()
	}
	return k, true
}

// grow doubles the slots, rehashing every value.
func (t *dictTable) grow() {
	t.slots = make([]uint64, 2*len(t.slots))
	for k := range t.offsets {
		b := t.value(uint32(k))
		h := maphash.Bytes(t.seed, b)
		_, slot, _ := t.find(b, h)
		t.slots[slot] = h>>32<<32 | uint64(k+1)
	}
}
