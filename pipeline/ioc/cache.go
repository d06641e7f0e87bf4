package ioc

import "hash/maphash"

// Public suffix answers are cached per Extractor, because
// publicsuffix.PublicSuffix costs a table search and an allocation a call.
// The caches are maps keyed by a 64-bit hash of the name: no string is
// allocated to look up or to store, and a lookup is one short hash and one
// fast64 map access. (Two names with the same 64-bit hash would share an
// answer; at 2^-64 a pair, that risk is nil.) They are bounded: text full of
// random dotted words empties them now and then instead of growing them.

var cacheSeed = maphash.MakeSeed()

const maxCached = 1 << 14

// nameHash hashes a name for the caches. Names of up to seven bytes (most
// TLDs) are packed into the key as they are, which is faster than hashing
// and cannot collide; longer ones are hashed, with the top byte set so that
// they never equal a packed key.
func nameHash(b []byte) uint64 {
	if len(b) < 8 {
		var k uint64
		for _, c := range b {
			k = k<<8 | uint64(c)
		}
		return k<<8 | uint64(len(b))
	}
	return maphash.Bytes(cacheSeed, b) | 1<<63
}

// boundedPut stores v under h, first emptying m if it is full.
func boundedPut[V any](m map[uint64]V, h uint64, v V) {
	if len(m) >= maxCached {
		clear(m)
	}
	m[h] = v
}
