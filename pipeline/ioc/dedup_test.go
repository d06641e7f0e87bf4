package ioc

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
)

func TestSet(t *testing.T) {
	var s Set
	vals := []struct {
		t Type
		v string
	}{
		{MD5, md5a}, {DNS, "evil.com"}, {URL, "http://evil.com/"}, {SHA1, sha1a},
		{SHA256, sha256a}, {IPv4, "8.8.8.8"}, {IPv6, "2001:db8::1"},
		{MD5, md5a + "0"}, // not a well-formed MD5: stored as text
		{DNS, md5a},       // same bytes, other type: another value
	}
	for i, v := range vals {
		id, added := s.Add(v.t, []byte(v.v))
		if id != uint32(i) || !added {
			t.Fatalf("Add(%v, %q) = %d, %v; want %d, true", v.t, v.v, id, added, i)
		}
	}
	for i, v := range vals {
		id, added := s.Add(v.t, []byte(v.v))
		if id != uint32(i) || added {
			t.Errorf("second Add(%v, %q) = %d, %v; want %d, false", v.t, v.v, id, added, i)
		}
		if typ, val := s.Value(id); typ != v.t || val != v.v {
			t.Errorf("Value(%d) = %v, %q; want %v, %q", id, typ, val, v.t, v.v)
		}
	}
	if s.Len() != len(vals) {
		t.Errorf("Len = %d, want %d", s.Len(), len(vals))
	}
	// Growth keeps every ID, and a long value gets a chunk of its own.
	long := make([]byte, chunkSize+10)
	for i := range long {
		long[i] = 'a' + byte(i%26)
	}
	lid, _ := s.Add(URL, long)
	for i := range 100000 {
		v := strconv.Itoa(i) + ".example.de"
		id, added := s.Add(DNS, []byte(v))
		if !added || int(id) != len(vals)+1+i {
			t.Fatalf("Add %s = %d, %v", v, id, added)
		}
	}
	for i := range 100000 {
		v := strconv.Itoa(i) + ".example.de"
		if id, added := s.Add(DNS, []byte(v)); added || int(id) != len(vals)+1+i {
			t.Fatalf("re-Add %s = %d, %v", v, id, added)
		}
	}
	if _, v := s.Value(lid); v != string(long) {
		t.Error("long value lost")
	}
}

func TestSetAddDoesNotAllocate(t *testing.T) {
	var s Set
	v := []byte(sha256a)
	s.Add(SHA256, v)
	if n := testing.AllocsPerRun(100, func() { s.Add(SHA256, v) }); n != 0 {
		t.Errorf("Add of a present value allocates %.0f times", n)
	}
}

// uniqueValue makes the i-th of a realistic mix of unique observables:
// 40% SHA-256, 10% MD5, 10% SHA-1, 25% domains, 10% IPv4, 5% URLs.
func uniqueValue(dst []byte, i int) (Type, []byte) {
	h := uint64(i)*0x9e3779b97f4a7c15 + 1
	next := func() uint64 { h ^= h >> 31; h *= 0xbf58476d1ce4e5b9; h ^= h >> 29; return h }
	hexOf := func(n int) []byte {
		for len(dst) < n {
			dst = fmt.Appendf(dst, "%016x", next())
		}
		return dst[:n]
	}
	dst = dst[:0]
	switch i % 20 {
	case 0, 1, 2, 3, 4, 5, 6, 7:
		return SHA256, hexOf(64)
	case 8, 9:
		return MD5, hexOf(32)
	case 10, 11:
		return SHA1, hexOf(40)
	case 12, 13, 14, 15, 16:
		return DNS, fmt.Appendf(dst, "n%x.example-%d.com", next()&0xffffff, i)
	case 17, 18:
		return IPv4, fmt.Appendf(dst, "%d.%d.%d.%d", byte(i>>24)+1, byte(i>>16), byte(i>>8), byte(i))
	}
	return URL, fmt.Appendf(dst, "http://x%d.example.com/download/%x.php?id=%d", i, next()&0xfffff, i)
}

// BenchmarkSetMemory10M measures bytes per unique value at 10M values,
// against a map[string]uint32 plus a []string of values (what the Set
// replaces). It needs about 3 GB of memory and half a minute, so it runs
// only with VTENRICH_BIG=1 (and not under -short), once whatever b.N is:
//
//	VTENRICH_BIG=1 go test -run - -bench SetMemory10M ./pipeline/ioc/
func BenchmarkSetMemory10M(b *testing.B) {
	if testing.Short() || os.Getenv("VTENRICH_BIG") == "" {
		b.Skip("set VTENRICH_BIG=1 to measure memory at 10M values")
	}
	const n = 10_000_000
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var buf []byte
	payload := 0
	before := heap()
	var s Set
	for i := range n {
		typ, v := uniqueValue(buf, i)
		buf = v
		payload += len(v)
		if _, added := s.Add(typ, v); !added {
			b.Fatalf("value %d (%s) not unique", i, v)
		}
	}
	setBytes := heap() - before
	runtime.KeepAlive(&s)
	s = Set{}

	before = heap()
	m := make(map[string]uint32)
	var vals []string
	for i := range n {
		typ, v := uniqueValue(buf, i)
		buf = v
		k := string(append([]byte{byte(typ)}, v...))
		m[k] = uint32(len(vals))
		vals = append(vals, k)
	}
	mapBytes := heap() - before
	runtime.KeepAlive(m)
	runtime.KeepAlive(vals)
	b.ReportMetric(float64(payload)/n, "value-bytes/entry")
	b.ReportMetric(float64(setBytes)/n, "set-bytes/entry")
	b.ReportMetric(float64(mapBytes)/n, "map-bytes/entry")
}

func BenchmarkSetAdd(b *testing.B) {
	var s Set
	var buf []byte
	vals := make([][]byte, 1<<16)
	types := make([]Type, len(vals))
	for i := range vals {
		typ, v := uniqueValue(buf, i)
		vals[i], types[i] = append([]byte(nil), v...), typ
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		j := i & (len(vals) - 1)
		s.Add(types[j], vals[j])
	}
	b.ReportMetric(float64(s.Len()), "unique")
}
