package ioc

import (
	"encoding/binary"
	"encoding/hex"
	"hash/maphash"
)

// Set gives every unique (type, normalised value) a dense uint32 ID in
// first-seen order, so that each observable is looked up once however often
// it occurs. Memory is proportional to the number of unique values and
// small per value: the values live back to back in an arena of fixed-size
// chunks (hashes as raw bytes, half their hex size), each ID has a 5-byte
// arena position, and an open-addressing table of uint32 IDs (linear
// probing, at most 3/4 full) finds them, with a byte of each ID's hash
// beside it so that a probe reads the arena only when that byte matches:
// at 3/4 full a hit passes two or three other IDs first. There is no
// per-value heap object or string header, as a map[string]uint32 would
// have. IDs are uint32: a Set holds up to 2^32-2 values, far beyond any
// day's quota. The zero Set is ready to use; a Set is not safe for
// concurrent use.
type Set struct {
	seed   maphash.Seed
	chunks [][]byte // the arena
	pos    []byte   // 5 bytes an ID: chunk<<chunkBits | offset in chunk
	slots  []uint32 // ID+1, 0 = empty; len is a power of two
	tags   []uint8  // the top byte of the hash of each slot's key
	key    []byte   // scratch: the encoded key being looked up
}

const (
	chunkBits = 22 // 4 MiB arena chunks
	chunkSize = 1 << chunkBits
	posLen    = 5    // bytes of position per ID: 2^40 bytes of arena
	binFlag   = 0x80 // set on the type byte when a hash is stored as bytes
)

// Len is the number of unique values added.
func (s *Set) Len() int { return len(s.pos) / posLen }

// Add returns the ID of (t, v), adding it if it is new. v must be
// normalised (as Match.Value and Check return it). It does not keep v and
// does not allocate when the value is already present.
func (s *Set) Add(t Type, v []byte) (id uint32, added bool) {
	if s.slots == nil {
		s.seed = maphash.MakeSeed()
		s.slots, s.tags = make([]uint32, 1024), make([]uint8, 1024)
	}
	s.key = encodeKey(s.key[:0], t, v)
	if id, ok := s.find(s.key); ok {
		return id, false
	}
	id = uint32(s.Len())
	s.store(s.key)
	if (s.Len())*4 > len(s.slots)*3 {
		s.grow()
	} else {
		s.insert(id, s.key)
	}
	return id, true
}

// Find returns the ID of (t, v) if the Set holds it, adding nothing.
func (s *Set) Find(t Type, v []byte) (id uint32, ok bool) {
	if s.slots == nil {
		return 0, false
	}
	s.key = encodeKey(s.key[:0], t, v)
	return s.find(s.key)
}

func (s *Set) find(key []byte) (uint32, bool) {
	mask := uint64(len(s.slots) - 1)
	h := maphash.Bytes(s.seed, key)
	tag := uint8(h >> 56)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := s.slots[i]
		if slot == 0 {
			return 0, false
		}
		if s.tags[i] == tag && string(s.entry(slot-1)) == string(key) {
			return slot - 1, true
		}
	}
}

// Bytes is the memory the Set holds: its arena, positions and table.
func (s *Set) Bytes() int64 {
	n := int64(cap(s.pos) + 5*len(s.slots) + cap(s.key))
	for _, c := range s.chunks {
		n += int64(cap(c))
	}
	return n
}

// Value returns the type and value of an ID that Add returned.
func (s *Set) Value(id uint32) (Type, string) {
	k := s.entry(id)
	tag := k[0]
	if tag&binFlag != 0 {
		return Type(tag &^ binFlag), hex.EncodeToString(k[1:])
	}
	return Type(tag), string(k[1:])
}

// encodeKey appends the key of (t, v): the type byte, then the value, as
// raw bytes for a well-formed hash.
func encodeKey(dst []byte, t Type, v []byte) []byte {
	if t.IsHash() && len(v) == hashLen(t) && isLowerHex(v) {
		dst = append(dst, byte(t)|binFlag)
		n := len(dst)
		dst = append(dst, make([]byte, len(v)/2)...)
		hex.Decode(dst[n:], v)
		return dst
	}
	dst = append(dst, byte(t))
	return append(dst, v...)
}

// isLowerHex reports whether v is lower-case hex digits only. It reads
// every byte through a table without a branch: on a hash's random digits
// the two range tests (digit or letter) mispredict about every other byte.
func isLowerHex(v []byte) bool {
	var bad uint8
	for _, c := range v {
		bad |= notLowerHex[c]
	}
	return bad == 0
}

// notLowerHex is 1 for every byte that is no lower-case hex digit.
var notLowerHex = func() (t [256]uint8) {
	for c := range t {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			t[c] = 1
		}
	}
	return t
}()

// store appends key to the arena as a length-prefixed entry.
func (s *Set) store(key []byte) {
	var lenBuf [binary.MaxVarintLen64]byte
	ln := binary.PutUvarint(lenBuf[:], uint64(len(key)))
	need := ln + len(key)
	c := len(s.chunks) - 1
	if c < 0 || len(s.chunks[c])+need > cap(s.chunks[c]) {
		s.chunks = append(s.chunks, make([]byte, 0, max(chunkSize, need)))
		c++
	}
	off := len(s.chunks[c])
	s.chunks[c] = append(append(s.chunks[c], lenBuf[:ln]...), key...)
	p := uint64(c)<<chunkBits | uint64(off) // an oversized entry has a chunk of its own, at 0
	var pb [8]byte
	binary.LittleEndian.PutUint64(pb[:], p)
	s.pos = append(s.pos, pb[:posLen]...)
}

// entry returns the stored key of id.
func (s *Set) entry(id uint32) []byte {
	var pb [8]byte
	copy(pb[:], s.pos[int(id)*posLen:int(id)*posLen+posLen])
	p := binary.LittleEndian.Uint64(pb[:])
	chunk := s.chunks[p>>chunkBits][p&(chunkSize-1):]
	n, ln := binary.Uvarint(chunk)
	return chunk[ln : ln+int(n)]
}

func (s *Set) insert(id uint32, key []byte) {
	mask := uint64(len(s.slots) - 1)
	h := maphash.Bytes(s.seed, key)
	i := h & mask
	for s.slots[i] != 0 {
		i = (i + 1) & mask
	}
	s.slots[i], s.tags[i] = id+1, uint8(h>>56)
}

// grow doubles the table and reinserts every ID.
func (s *Set) grow() {
	s.slots, s.tags = make([]uint32, len(s.slots)*2), make([]uint8, len(s.slots)*2)
	for id := range uint32(s.Len()) {
		s.insert(id, s.entry(id))
	}
}
