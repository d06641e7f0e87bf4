package rows

import "testing"

func TestKeyMap(t *testing.T) {
	var m KeyMap[int]
	keys := []int64{0, 5, 1023, 1024, 100000, denseKeys - 1, denseKeys, 1 << 40, OwnResult}
	for _, k := range keys {
		if _, ok := m.Get(k); ok {
			t.Fatalf("Get(%d) of an empty map found a value", k)
		}
	}
	for i, k := range keys {
		m.Set(k, i+1)
	}
	for i, k := range keys {
		if v, ok := m.Get(k); !ok || v != i+1 {
			t.Errorf("Get(%d) = %d, %v; want %d, true", k, v, ok, i+1)
		}
	}
	if _, ok := m.Get(6); ok {
		t.Error("Get(6) found a value never set")
	}
	if len(m.known) != denseKeys {
		t.Errorf("dense part holds %d keys; want the bound %d", len(m.known), denseKeys)
	}
	m.Reset()
	for _, k := range keys {
		if _, ok := m.Get(k); ok {
			t.Errorf("Get(%d) after Reset found a value", k)
		}
	}
}
