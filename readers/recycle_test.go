package readers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

func sameBuffer(a, b []byte) bool {
	return cap(a) > 0 && cap(b) > 0 && unsafe.SliceData(a[:1]) == unsafe.SliceData(b[:1])
}

// TestRecycler checks the free list's rules: what it hands back, what it
// keeps and what it leaves to the garbage collector.
func TestRecycler(t *testing.T) {
	for _, tc := range []struct {
		name   string
		limit  int
		freed  []int // capacities freed, in order
		get    int   // then one get of this size
		reused int   // index in freed of the buffer get must return; -1: a new one
		kept   int   // buffers left in the list after the get
	}{
		{name: "fits", limit: 1 << 20, freed: []int{64 << 10}, get: 60 << 10, reused: 0, kept: 0},
		{name: "smallest that fits", limit: 1 << 20, freed: []int{200 << 10, 40 << 10, 100 << 10}, get: 90 << 10, reused: 2, kept: 2},
		{name: "too small", limit: 1 << 20, freed: []int{32 << 10}, get: 64 << 10, reused: -1, kept: 1},
		{name: "too big to waste", limit: 1 << 20, freed: []int{512 << 10}, get: 100 << 10, reused: -1, kept: 1},
		{name: "small gets never pooled", limit: 1 << 20, freed: []int{16 << 10}, get: 1 << 10, reused: -1, kept: 1},
		{name: "small frees left to the GC", limit: 1 << 20, freed: []int{4 << 10}, get: 4 << 10, reused: -1, kept: 0},
		{name: "byte limit", limit: 100 << 10, freed: []int{64 << 10, 64 << 10}, get: 64 << 10, reused: 0, kept: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recycler{limit: tc.limit}
			var freed [][]byte
			for _, c := range tc.freed {
				b := make([]byte, 10, c)
				freed = append(freed, b)
				r.Free(b)
			}
			got := r.get(tc.get)
			if len(got) != 0 || cap(got) < tc.get {
				t.Fatalf("get(%d): len %d cap %d", tc.get, len(got), cap(got))
			}
			for i, b := range freed {
				if sameBuffer(got, b) != (i == tc.reused) {
					t.Errorf("get(%d) reused freed[%d] = %v, want reuse of %d", tc.get, i, sameBuffer(got, b), tc.reused)
				}
			}
			if len(r.free) != tc.kept {
				t.Errorf("%d buffers kept, want %d", len(r.free), tc.kept)
			}
		})
	}
	t.Run("count limit", func(t *testing.T) {
		r := &recycler{limit: 1 << 40}
		for range recycleCount + 10 {
			r.Free(make([]byte, 0, recycleMin))
		}
		if len(r.free) != recycleCount {
			t.Errorf("%d buffers kept, want %d", len(r.free), recycleCount)
		}
	})
	t.Run("poisoned in tests", func(t *testing.T) {
		r := &recycler{limit: 1 << 20}
		b := bytes.Repeat([]byte("x"), recycleMin)
		r.Free(b[:5])
		if !poisonFreed || bytes.IndexByte(b, 'x') >= 0 {
			t.Errorf("a freed buffer still holds its values (poisonFreed %v)", poisonFreed)
		}
	})
}

// TestReaderRecyclesReleasedBatches reads a CSV in many batches, releasing
// each before the next: the buffers of a released batch must come back for
// a later one (Arrow's references are the only ones left), and the values
// read must be right although every buffer is poisoned when it comes back.
func TestReaderRecyclesReleasedBatches(t *testing.T) {
	var in strings.Builder
	in.WriteString("host,url\n")
	const n = 40000
	for i := range n {
		fmt.Fprintf(&in, "host-%05d.example.org,https://cdn-%d.example.net/path/%d?q=%d\n", i, i%97, i, i*7)
	}
	r, err := Open(context.Background(), nil, strings.NewReader(in.String()), Options{Format: rows.CSV, BatchRows: 2000})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	seen := map[unsafe.Pointer]bool{}
	reused, row := 0, 0
	for {
		b, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for c := range b.Record.NumCols() {
			data := b.Record.Column(int(c)).(*array.String).ValueBytes()
			p := unsafe.Pointer(unsafe.SliceData(data[:1]))
			if seen[p] {
				reused++
			}
			seen[p] = true
		}
		hosts := b.Record.Column(0).(*array.String)
		for i := range hosts.Len() {
			if want := fmt.Sprintf("host-%05d.example.org", row); hosts.Value(i) != want {
				t.Fatalf("row %d: %q, want %q", row, hosts.Value(i), want)
			}
			row++
		}
		b.Release()
	}
	if row != n {
		t.Fatalf("%d rows, want %d", row, n)
	}
	if reused == 0 {
		t.Errorf("no batch reused a released batch's buffers")
	}
}
