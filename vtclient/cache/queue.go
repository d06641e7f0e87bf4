package cache

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/vtenrich/vtenrich/vtclient"
)

const (
	// maxBatch is the most entries one flush transaction writes: big enough
	// to amortise the commit, small enough that other processes wait
	// milliseconds, not seconds, for the write lock.
	maxBatch = 64
	// maxQueued is how many results may wait: one batch being committed
	// and the next one filling. Put blocks beyond it, when results come
	// faster than the disk takes them: a longer queue would hold results
	// for longer than FlushInterval, and kill -9 would lose them.
	maxQueued = 2 * maxBatch
)

// sink is where a writeQueue's batches go: a backend's storage.
type sink interface {
	// write stores a batch in one transaction and says how many entries
	// it stored (the others had newer answers stored).
	write(ctx context.Context, batch []*entry) (int, error)
	// aside says whether the batch of a write that failed with err goes to
	// the side file of unsaved answers (a full disk, a database gone for
	// longer than the retries wait), and the error to report for it; a
	// batch not set aside stays queued and is tried again.
	aside(err error) (ok bool, report error)
	// saveUnsaved appends a batch to the side file.
	saveUnsaved(batch []*entry) error
	// unsavedPath is the side file.
	unsavedPath() string
}

// writeQueue holds results between Put and their commit, and runs the
// background flusher.
type writeQueue struct {
	sink     sink
	interval time.Duration // Options.FlushInterval

	mu      sync.Mutex
	queue   []*entry
	pending map[Key]*entry // newest queued entry per key: Get sees its own Puts
	err     error          // the last flush's error, until a flush succeeds
	closed  bool

	slots   chan struct{} // one per queued entry, capacity maxQueued
	wake    chan struct{} // the queue went from empty to not empty
	full    chan struct{} // the queue holds a full batch: flush now
	quit    chan struct{}
	done    chan struct{}
	flushMu sync.Mutex // one flush at a time: the flusher's or Flush's
}

func (q *writeQueue) start(s sink, interval time.Duration) {
	q.sink, q.interval = s, interval
	q.pending = make(map[Key]*entry)
	q.slots = make(chan struct{}, maxQueued)
	q.wake = make(chan struct{}, 1)
	q.full = make(chan struct{}, 1)
	q.quit = make(chan struct{})
	q.done = make(chan struct{})
	go q.run()
}

// run is the flusher: once a result is queued it waits FlushInterval for
// more to share the transaction (or less, when a full batch is waiting),
// then commits everything queued. After a failed flush it tries again one
// interval later.
func (q *writeQueue) run() {
	defer close(q.done)
	for {
		if q.len() == 0 {
			select {
			case <-q.wake:
			case <-q.quit:
				return
			}
		}
		t := time.NewTimer(q.interval)
		select {
		case <-t.C:
		case <-q.full:
			t.Stop()
		case <-q.quit:
			t.Stop()
			return
		}
		_ = q.flush(context.Background()) // kept in q.err for Put and Flush
	}
}

func (q *writeQueue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queue)
}

// Put queues r to be stored and returns without waiting for the disk; the
// background flusher commits it within Options.FlushInterval (plus the time
// the commit takes). Only Success and NotFound results are stored: errors,
// screened and NotInCache results, and results that came from a cache
// (FromCache), are ignored, so callers can Put every result they get. A
// result overwrites what is stored under its keys unless that was fetched
// later (so two processes, or an import of an old export, never replace a
// newer answer with an older one). r.FetchedAt zero means now.
//
// Put blocks while two batches (128 results) wait to be written, which
// happens only when results arrive faster than the disk takes them. If an
// earlier flush failed (file locked for longer than the busy timeout), Put
// still queues r, to be retried, and returns that error, so that the
// caller learns early that results are not reaching the disk; with the
// queue full, it returns the error without queueing r rather than wait for
// a disk that may not recover.
//
// When the disk is full, a flush appends the answers it could not write to
// a side file next to the cache (see FullError) instead, and Put queues r
// and returns a *FullError (errors.Is ErrCacheFull): r will reach the side
// file too, but the caller should stop fetching more. Answers in the side
// file stay visible to Get and Claim in this process, and the next Open
// imports them.
func (c *Cache) Put(ctx context.Context, r vtclient.Result) error {
	if r.FromCache {
		return nil
	}
	if c.readOnly {
		return c.writable()
	}
	return c.put(ctx, r)
}

// takeSlot waits for room in the queue, giving up when ctx ends or when
// flushes are failing.
func (q *writeQueue) takeSlot(ctx context.Context, interval time.Duration) error {
	select {
	case q.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case q.slots <- struct{}{}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			q.mu.Lock()
			err := q.err
			q.mu.Unlock()
			if err != nil {
				return err
			}
		}
	}
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// pendingGet answers a Get from results not yet written.
func (q *writeQueue) pendingGet(k Key) (*entry, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e, ok := q.pending[k]
	return e, ok
}

// Flush commits every queued result now and reports the first error.
func (c *Cache) Flush(ctx context.Context) error {
	if err := c.live(); err != nil {
		return err
	}
	return errors.Join(c.q.flush(ctx), c.uses.write(ctx, c))
}

// flush writes everything queued, batch by batch, and returns the first
// error.
func (q *writeQueue) flush(ctx context.Context) error {
	q.flushMu.Lock()
	defer q.flushMu.Unlock()
	var full error // set once a batch went to the side file
	for {
		q.mu.Lock()
		batch := q.queue[:min(len(q.queue), maxBatch)]
		if len(batch) == 0 && full == nil {
			// Nothing left: the background flusher may have just set
			// answers aside (q.err is then its error: a failure that
			// leaves answers queued cannot have emptied the queue).
			full = q.err
		}
		q.mu.Unlock()
		if len(batch) == 0 {
			return full
		}
		_, err := q.sink.write(ctx, batch)
		sideFiled := false
		if err != nil {
			aside, report := q.sink.aside(err)
			if !aside {
				q.mu.Lock()
				q.err = fmt.Errorf("cache: storing results: %w", err)
				err = q.err
				q.mu.Unlock()
				return err
			}
			// No room, or no database: keep what was paid for in the side
			// file, which the next Open imports, rather than hold it in
			// memory until exit.
			full = report
			if serr := q.sink.saveUnsaved(batch); serr != nil {
				q.mu.Lock()
				q.err = errors.Join(full, fmt.Errorf("cache: keeping answers in %s: %w", q.sink.unsavedPath(), serr))
				err = q.err
				q.mu.Unlock()
				return err
			}
			sideFiled = true
		}
		q.mu.Lock()
		q.err = full
		// Only this function removes from the queue (under flushMu), so the
		// batch is still its head; Puts meanwhile only appended.
		q.queue = append(q.queue[:0:0], q.queue[len(batch):]...)
		for _, e := range batch {
			for _, k := range e.keys {
				// Answers in the side file stay visible to Get: they are
				// not in the file yet.
				if q.pending[k] == e && !sideFiled {
					delete(q.pending, k)
				}
			}
			<-q.slots
		}
		q.mu.Unlock()
	}
}

// stop ends the flusher and writes what is left; no Put is accepted after.
func (q *writeQueue) stop() error {
	if q.quit == nil {
		return nil // never started: a read-only cache
	}
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	close(q.quit)
	<-q.done
	return q.flush(context.Background())
}
