package readers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// guard runs f, a call into a third-party decoder, and turns a panic into an
// error: a malformed Parquet or Arrow file must become a message naming the
// file, never a crash. Only runtime panics are caught this way; that is why
// allocations are also capped (cappedAllocator), since running out of memory
// cannot be recovered.
//
// What a decoder's panic says ("runtime error: slice bounds out of range
// [10813488:164]") means nothing to the person reading the message, so it
// becomes errUndecodable, and so does such a panic that the decoder
// recovered itself and returned as an error (Arrow's IPC reader does);
// callers add which part of the file it was.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
	}()
	return withoutInternals(f())
}

// errUndecodable stands for a decoder's panic.
var errUndecodable = errors.New("the data is damaged or truncated (the decoder met bytes it cannot make sense of)")

// damaged is the error for a part of file that did not decode. A
// decoder's panic (errUndecodable) is said in words, naming the part
// ("record batch 3 of the Arrow IPC data"); any other error is reason and
// the error itself, which says what it found.
func damaged(file, part string, err error, reason string) *InputError {
	if errors.Is(err, errUndecodable) {
		return &InputError{File: file, Offset: -1, Reason: part + " is damaged or truncated (the decoder met bytes it cannot make sense of)"}
	}
	return &InputError{File: file, Offset: -1, Reason: reason, Err: err}
}

// recovered is the error for a recovered panic value.
func recovered(r any) error {
	if refused, ok := r.(allocRefused); ok {
		return refused // the capped allocator's refusal speaks to people
	}
	return errUndecodable
}

// withoutInternals replaces an error that stands for a panic the library
// recovered itself (a runtime error, or whatever Arrow's IPC reader
// reports as an "unknown error while reading") by errUndecodable.
func withoutInternals(err error) error {
	var re runtime.Error
	if errors.As(err, &re) || (err != nil && strings.Contains(err.Error(), "unknown error while reading")) {
		return errUndecodable
	}
	return err
}

// readRecord calls read, a third-party decoder returning a record the
// caller owns, under guard, and validates the record. It returns read's
// io.EOF unchanged.
func readRecord(read func() (arrow.Record, error)) (rec arrow.Record, err error) {
	err = guard(func() error {
		if rec, err = read(); err != nil {
			return err
		}
		if err = validateRecord(rec); err != nil {
			rec.Release()
			rec = nil
		}
		return err
	})
	return rec, err
}

// cappedAllocator is an Arrow allocator that refuses (by a panic that guard
// turns into an error) any single buffer larger than limit. A corrupt length
// field in a file header would otherwise make the decoder ask for terabytes.
type cappedAllocator struct{ limit int }

// Allocation caps. No buffer of an uncompressed file can exceed the file,
// and IPC buffer compression rarely gains more than 256 times over a whole
// file; a stream of unknown size (stdin) gets a flat cap. Tests lower
// streamAllocLimit to keep hostile inputs cheap.
var (
	baseAllocLimit   = 64 << 20
	streamAllocLimit = 1 << 30
)

// newCappedAllocator caps buffers for an input of inputSize bytes (0 when
// unknown).
func newCappedAllocator(inputSize int64) cappedAllocator {
	if inputSize <= 0 {
		return cappedAllocator{limit: streamAllocLimit}
	}
	return cappedAllocator{limit: int(int64(baseAllocLimit) + 256*min(inputSize, 1<<40))}
}

// Allocate implements memory.Allocator.
func (a cappedAllocator) Allocate(size int) []byte {
	a.check(size)
	return memory.DefaultAllocator.Allocate(size)
}

// Reallocate implements memory.Allocator.
func (a cappedAllocator) Reallocate(size int, b []byte) []byte {
	a.check(size)
	return memory.DefaultAllocator.Reallocate(size, b)
}

// Free implements memory.Allocator.
func (a cappedAllocator) Free(b []byte) { memory.DefaultAllocator.Free(b) }

func (a cappedAllocator) check(size int) {
	if size < 0 || size > a.limit {
		panic(allocRefused{size: size, limit: a.limit})
	}
}

// allocRefused is the capped allocator's panic: a buffer larger than the
// file can hold was asked for.
type allocRefused struct{ size, limit int }

// Error says what was asked and why it is refused.
func (e allocRefused) Error() string {
	return fmt.Sprintf("buffer of %d bytes requested, more than the %d allowed: a corrupt length field?", e.size, e.limit)
}

// randomAccess gives the decoders that need io.ReaderAt (Parquet, the
// Arrow IPC file format) what they need: the file itself when it is a plain
// regular file, else a spool file in dir holding the decompressed input.
// The spool file is unlinked at once where the system allows it, so even a
// crash leaves nothing behind; otherwise in.close removes it.
func randomAccess(ctx context.Context, in *input, dir string) (*os.File, int64, error) {
	if in.file != nil && in.compression == "" {
		if st, err := in.file.Stat(); err == nil && st.Mode().IsRegular() {
			return in.file, st.Size(), nil
		}
	}
	tmp, err := os.CreateTemp(dir, "vtenrich-spool-*")
	if err != nil {
		return nil, 0, &InputError{File: in.name, Offset: -1, Reason: "cannot create a spool file for random access", Err: err}
	}
	path := tmp.Name()
	removed := os.Remove(path) == nil
	in.closers = append(in.closers, func() error {
		err := tmp.Close()
		if !removed {
			if rmErr := os.Remove(path); rmErr != nil && err == nil {
				err = rmErr
			}
		}
		return err
	})
	n, err := io.Copy(tmp, ctxReader{ctx, in.r})
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		return nil, 0, wrapErr(in.name, err)
	}
	return tmp, n, nil
}

// ctxReader stops a long copy when ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

// Read reads unless ctx is done.
func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
