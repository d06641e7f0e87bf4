package vtclient

import (
	"context"
	"fmt"
	"io"
	"sync"

	"golang.org/x/sync/semaphore"
)

// maxBody bounds one answer; the largest file objects are a few MiB. A
// variable so that tests can lower it.
var maxBody int64 = 64 << 20

// DefaultBodyBudget is the default of Config.BodyBudget: two answers of the
// largest size at once, and room for many ordinary ones.
const DefaultBodyBudget = 128 << 20

// smallBody is what every request reserves from the budget before it reads
// its answer: ordinary answers (a few KiB to a few hundred) fit in it, so
// only the rare large one competes for the rest.
const smallBody = 1 << 20

// bodyBudget bounds the bytes of answer bodies that all requests of a
// Client hold at once, so that hostile or broken answers (endless bodies,
// gzip bombs) cannot take 64 MiB per worker: 32 workers would be 2 GiB.
//
// A request reserves smallBody, and when its answer outgrows that, the
// rest of maxBody in one piece. It never waits for more while holding
// some: if the rest is not free at once, it gives back what it holds and
// waits for the whole. So no two requests each hold part of what the
// other waits for, and the budget (at least maxBody) cannot deadlock.
type bodyBudget struct {
	sem *semaphore.Weighted

	mu         sync.Mutex
	held, peak int64 // bytes reserved now, and at most
}

func newBodyBudget(total int64) *bodyBudget {
	return &bodyBudget{sem: semaphore.NewWeighted(max(total, maxBody+1))}
}

func (b *bodyBudget) noteHeld(delta int64) {
	b.mu.Lock()
	b.held += delta
	b.peak = max(b.peak, b.held)
	b.mu.Unlock()
}

// Peak is the most bytes reserved at once.
func (b *bodyBudget) Peak() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.peak
}

// bodyReservation is what one request holds of the budget.
type bodyReservation struct {
	b    *bodyBudget
	held int64
}

// grow makes r hold n bytes, waiting while they are not free; see
// bodyBudget for why it lets go of what it holds first.
func (r *bodyReservation) grow(ctx context.Context, n int64) error {
	if n <= r.held {
		return nil
	}
	more := n - r.held
	if r.b.sem.TryAcquire(more) {
		r.held = n
		r.b.noteHeld(more)
		return nil
	}
	r.release()
	if err := r.b.sem.Acquire(ctx, n); err != nil {
		return err
	}
	r.held = n
	r.b.noteHeld(n)
	return nil
}

// release gives back everything r holds. A nil r holds nothing.
func (r *bodyReservation) release() {
	if r != nil && r.held > 0 {
		r.b.noteHeld(-r.held) // before the release: the count never exceeds what is held
		r.b.sem.Release(r.held)
		r.held = 0
	}
}

// chunks are the buffers of answers larger than smallBody, reused: an
// endless answer read to maxBody and dropped leaves no garbage behind, so
// the heap stays near what the budget holds instead of growing by
// gigabytes between collections.
var chunks = sync.Pool{New: func() any { b := make([]byte, smallBody); return &b }}

// readBody reads an answer within the budget: at most maxBody bytes, an
// error beyond. The reservation it returns covers the bytes until the
// caller is done with them (release it then), not just until they are
// read: the caller's parsing copies them again.
//
// An answer is read into one buffer of up to smallBody (its exact size when
// the Content-Length says), and beyond that into pooled chunks of
// smallBody, joined once at the end; so putting a large answer together
// briefly takes its size twice.
func (b *bodyBudget) readBody(ctx context.Context, body io.Reader, contentLength int64) ([]byte, *bodyReservation, error) {
	tooLarge := fmt.Errorf("the answer is larger than %d MiB", maxBody>>20)
	if contentLength > maxBody {
		return nil, nil, tooLarge // said so up front: nothing to read
	}
	res := &bodyReservation{b: b}
	if err := res.grow(ctx, smallBody); err != nil {
		return nil, nil, err
	}
	size := int64(32 << 10)
	if contentLength >= 0 {
		size = contentLength + 1 // +1: EOF comes without another grow
	}
	buf, more, err := readSmall(body, make([]byte, 0, min(size, smallBody)))
	if err != nil || !more {
		if err != nil {
			res.release()
			return nil, nil, err
		}
		return buf, res, nil
	}
	if err := res.grow(ctx, maxBody+1); err != nil {
		res.release()
		return nil, nil, err
	}
	big, err := readChunks(body, buf)
	if err != nil {
		res.release()
		if err == errTooLarge {
			err = tooLarge
		}
		return nil, nil, err
	}
	return big, res, nil
}

// errTooLarge is readChunks' answer past maxBody.
var errTooLarge = fmt.Errorf("too large")

// readSmall reads into buf, growing it up to smallBody. more says the
// answer goes on past that.
func readSmall(body io.Reader, buf []byte) (_ []byte, more bool, err error) {
	for {
		if len(buf) == cap(buf) {
			if cap(buf) >= smallBody {
				return buf, true, nil
			}
			grown := make([]byte, len(buf), min(2*cap(buf), smallBody))
			copy(grown, buf)
			buf = grown
		}
		n, err := body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, false, nil
		case err != nil:
			return nil, false, err
		}
	}
}

// readChunks reads the rest of an answer whose first smallBody bytes are
// head into pooled chunks, and joins them: errTooLarge past maxBody.
func readChunks(body io.Reader, head []byte) ([]byte, error) {
	var held []*[]byte
	defer func() {
		for _, c := range held {
			chunks.Put(c)
		}
	}()
	total := int64(len(head))
	for {
		c := chunks.Get().(*[]byte)
		held = append(held, c)
		n, err := io.ReadFull(body, *c)
		total += int64(n)
		if total > maxBody {
			return nil, errTooLarge
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			out := make([]byte, 0, total)
			out = append(out, head...)
			for i, c := range held {
				part := *c
				if i == len(held)-1 {
					part = part[:n]
				}
				out = append(out, part...)
			}
			return out, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
