package readers

import (
	"sync"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
)

// columnBuffers recycles the buffers of string columns. A batch's value
// bytes and offsets are handed to Arrow with columnBuffers as their
// allocator, so that when the batch's last reference is released (once it
// is written) they come back here, and the reader's next batch fills them
// instead of new ones. Without it, reading was a fifth of everything an
// enrichment run allocated, and the collections that cost: freshly
// allocated buffers are zeroed, then garbage one batch later.
//
// It keeps at most recycleLimit bytes in recycleCount buffers, so that a
// burst of big batches (a file of huge fields) does not stay in memory
// after it and a file of 100,000 columns does not make each get a long
// search; buffers under recycleMin bytes are left to the garbage
// collector, for which they cost little.
var columnBuffers = &recycler{limit: recycleLimit}

const (
	recycleLimit = 8 << 20
	recycleCount = 256
	recycleMin   = 16 << 10
)

// poisonFreed overwrites buffers as they come back, in test binaries: a
// value kept past its batch's release (a string that aliases the buffer,
// where a copy was needed) then reads as garbage in every test instead of
// once in a while.
var poisonFreed = testing.Testing()

// recycler is a bounded free list of byte buffers, and the
// memory.Allocator through which Arrow gives them back.
type recycler struct {
	mu    sync.Mutex
	free  [][]byte
	bytes int // capacity held in free
	limit int
}

// get returns an empty buffer with room for n bytes: the smallest free one
// that fits without wasting more than half of it, else a new one.
func (r *recycler) get(n int) []byte {
	if n < recycleMin/2 {
		return make([]byte, 0, n)
	}
	r.mu.Lock()
	best := -1
	for i, b := range r.free {
		if c := cap(b); c >= n && c <= 2*n+4096 && (best < 0 || c < cap(r.free[best])) {
			best = i
		}
	}
	if best < 0 {
		r.mu.Unlock()
		return make([]byte, 0, n)
	}
	b := r.free[best]
	last := len(r.free) - 1
	r.free[best], r.free[last] = r.free[last], nil
	r.free = r.free[:last]
	r.bytes -= cap(b)
	r.mu.Unlock()
	return b[:0]
}

// getInt32s is get for n int32 values (column offsets). arrow.GetData
// keeps the capacity, as arrow.GetBytes does when the offsets are handed
// back, so that a buffer comes back to the recycler whole.
func (r *recycler) getInt32s(n int) []int32 {
	return arrow.GetData[int32](r.get(4 * n))
}

// Allocate implements memory.Allocator for Arrow buffers that are handed
// over ready (memory.NewBufferWithAllocator): new ones are not asked for.
func (r *recycler) Allocate(size int) []byte { return r.get(size)[:size] }

// Reallocate implements memory.Allocator.
func (r *recycler) Reallocate(size int, b []byte) []byte {
	if size <= cap(b) {
		return b[:size]
	}
	nb := r.Allocate(size)
	copy(nb, b)
	r.Free(b)
	return nb
}

// Free implements memory.Allocator: Arrow calls it when the last reference
// to a buffer is released, and nothing reads the buffer after that.
func (r *recycler) Free(b []byte) {
	if cap(b) < recycleMin {
		return
	}
	if poisonFreed {
		b = b[:cap(b)]
		for i := range b {
			b[i] = 0xA5
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.bytes+cap(b) > r.limit || len(r.free) == recycleCount {
		return // left to the garbage collector
	}
	r.free = append(r.free, b[:0])
	r.bytes += cap(b)
}
