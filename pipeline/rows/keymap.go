package rows

// KeyMap maps the keys of AddedKeys (zero or more) to values. A pipeline's
// keys are its lookup ids, numbered from 0 in the order observables are
// first seen, so the keys below denseKeys live in a slice indexed by the
// key: reading one is an index, not a hash and a probe (a writer asks for
// a key on every row, 1.7M times on the bench corpus). Other keys, which
// the AddedKeys contract allows, go to a map.
type KeyMap[V any] struct {
	dense  []V
	known  []bool
	sparse map[int64]V
}

// denseKeys bounds the slice: 4M keys, a few tens of MB at most.
const denseKeys = 1 << 22

// Get returns the value of key k, and whether it has one.
func (m *KeyMap[V]) Get(k int64) (V, bool) {
	if k >= 0 && k < int64(len(m.known)) {
		return m.dense[k], m.known[k]
	}
	v, ok := m.sparse[k]
	return v, ok
}

// Set gives key k the value v.
func (m *KeyMap[V]) Set(k int64, v V) {
	if k < 0 || k >= denseKeys {
		if m.sparse == nil {
			m.sparse = map[int64]V{}
		}
		m.sparse[k] = v
		return
	}
	if k >= int64(len(m.known)) {
		n := min(max(int(k)+1, 2*len(m.known), 1024), denseKeys)
		m.dense = append(m.dense, make([]V, n-len(m.dense))...)
		m.known = append(m.known, make([]bool, n-len(m.known))...)
	}
	m.dense[k], m.known[k] = v, true
}

// Reset forgets every key, keeping the memory.
func (m *KeyMap[V]) Reset() {
	clear(m.dense)
	clear(m.known)
	clear(m.sparse)
}
