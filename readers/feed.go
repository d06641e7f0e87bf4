package readers

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"
)

// errQuiet is what feed.read returns when the input has been quiet for the
// idle-flush time while the caller holds complete rows.
var errQuiet = errors.New("input is quiet")

// feedChunkSize is how much a text reader asks for per read.
const feedChunkSize = 1 << 20

// chunkPool recycles the read buffers of synchronous feeds: many small
// inputs would otherwise each allocate (and zero) a fresh MiB.
var chunkPool = sync.Pool{New: func() any { return new([feedChunkSize]byte) }}

// feedBuffers is how many chunks the background reader of a streaming input
// may have in flight: one being parsed, the others being filled.
const feedBuffers = 3

// feed hands a text reader its input in chunks. Files are read in the
// caller's goroutine and cost nothing extra. With an idle time (streaming
// stdin) a background goroutine reads, so the caller can stop waiting when
// the input goes quiet and flush the rows it holds.
type feed struct {
	r      io.Reader
	buf    []byte
	pooled *[feedChunkSize]byte // buf's array, back to chunkPool on close
	err    error                // error met after the last chunk, returned next time
	idle   time.Duration

	chunks chan feedMsg // from the background reader
	free   chan []byte  // buffers back to the background reader
	held   []byte       // buffer of the chunk handed out last
	stop   chan struct{}
	closed bool
	timer  *time.Timer
	// due is when the rows the caller holds must go out: idle after the
	// first of them was read. It is not pushed back by later chunks, so a
	// steady trickle of lines (a busy `tail -f`) is flushed as often as a
	// quiet one.
	due time.Time
}

// feedMsg is a chunk, or the error that ended the input.
type feedMsg struct {
	b   []byte
	err error
}

// newFeed reads r; idle > 0 selects the background reader.
func newFeed(r io.Reader, idle time.Duration) *feed {
	f := &feed{r: r, idle: idle}
	if idle <= 0 {
		f.pooled = chunkPool.Get().(*[feedChunkSize]byte)
		f.buf = f.pooled[:]
		return f
	}
	f.chunks = make(chan feedMsg)
	f.free = make(chan []byte, feedBuffers)
	f.stop = make(chan struct{})
	for range feedBuffers {
		f.free <- make([]byte, feedChunkSize)
	}
	f.timer = time.NewTimer(idle)
	f.timer.Stop()
	go background(r, f.chunks, f.free, f.stop)
	return f
}

// background reads chunks until the input ends or the feed is closed. A
// read blocked on a silent stdin cannot be interrupted; the goroutine then
// ends with the process, which is what a filter does anyway.
// It owns only the channels, so that it shares no fields with the feed.
func background(r io.Reader, chunks chan<- feedMsg, free chan []byte, stop <-chan struct{}) {
	for {
		var b []byte
		select {
		case b = <-free:
		case <-stop:
			return
		}
		n, err := r.Read(b[:cap(b)])
		if n > 0 {
			select {
			case chunks <- feedMsg{b: b[:n]}:
			case <-stop:
				return
			}
		} else {
			free <- b
		}
		if err != nil {
			select {
			case chunks <- feedMsg{err: err}:
			case <-stop:
			}
			return
		}
	}
}

// read returns the next chunk of input, valid until the next call, or
// io.EOF at the end. When holding is true and the feed streams, it returns
// errQuiet once the idle time has passed since the caller began holding
// rows: time to flush them.
func (f *feed) read(ctx context.Context, holding bool) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if f.chunks == nil {
		return f.readSync()
	}
	if f.held != nil {
		f.free <- f.held
		f.held = nil
	}
	if f.err != nil {
		return nil, f.err
	}
	var quiet <-chan time.Time
	if holding {
		if f.due.IsZero() {
			f.due = time.Now().Add(f.idle)
		}
		wait := time.Until(f.due)
		if wait <= 0 {
			f.due = time.Time{}
			return nil, errQuiet
		}
		f.timer.Reset(wait)
		defer f.timer.Stop()
		quiet = f.timer.C
	} else {
		f.due = time.Time{}
	}
	select {
	case m := <-f.chunks:
		if m.err != nil {
			f.err = m.err
			return nil, m.err
		}
		f.held = m.b
		return m.b, nil
	case <-quiet:
		f.due = time.Time{}
		return nil, errQuiet
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readSync reads one chunk in the caller's goroutine.
func (f *feed) readSync() ([]byte, error) {
	for f.err == nil {
		n, err := f.r.Read(f.buf)
		f.err = err
		if n > 0 {
			return f.buf[:n], nil
		}
	}
	return nil, f.err
}

// close stops the background reader, if any, and recycles the buffer of a
// synchronous feed: no chunk it handed out may be used afterwards.
func (f *feed) close() {
	if f.pooled != nil {
		chunkPool.Put(f.pooled)
		f.pooled, f.buf = nil, nil
	}
	if f.stop != nil && !f.closed {
		close(f.stop)
		f.closed = true
	}
}
