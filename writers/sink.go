package writers

import (
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// flushAt is the buffered size at which a sink hands its bytes on: large
// enough that the destination (a pipe, a file, a compressor) sees few big
// writes, small enough to stay in the CPU cache.
const flushAt = 64 << 10

// streamCompressor is what gzip and zstd encoders have in common.
type streamCompressor interface {
	io.WriteCloser
	Flush() error
}

// sink buffers encoded output and passes it on in large writes, through a
// gzip or zstd encoder when asked to. Text writers append straight to buf,
// which avoids a copy per field that an io.Writer call would cost. A sink
// never closes the caller's io.Writer.
type sink struct {
	buf  []byte
	dst  io.Writer        // comp when compressing, else the caller's writer
	comp streamCompressor // nil without stream compression
	err  error            // first write error; later writes are no-ops
}

// newSink wraps w, compressing with stream ("gzip", "zstd" or "").
func newSink(w io.Writer, stream string) (*sink, error) {
	s := &sink{buf: make([]byte, 0, flushAt+flushAt/2), dst: w}
	switch stream {
	case "":
	case "gzip":
		s.comp = gzip.NewWriter(w)
	case "zstd":
		// One encoder goroutine: the pipeline already keeps the cores busy,
		// and concurrency would only add memory.
		z, err := zstd.NewWriter(w, zstd.WithEncoderConcurrency(1))
		if err != nil {
			return nil, fmt.Errorf("writers: zstd: %w", err)
		}
		s.comp = z
	default:
		return nil, fmt.Errorf("writers: unknown stream compression %q (want gzip, zstd or none)", stream)
	}
	if s.comp != nil {
		s.dst = s.comp
	}
	return s, nil
}

// Write buffers p; it lets binary encoders (Arrow IPC, Parquet) use a sink
// as their io.Writer.
func (s *sink) Write(p []byte) (int, error) {
	if len(s.buf)+len(p) > cap(s.buf) {
		if err := s.drain(); err != nil {
			return 0, err
		}
		if len(p) >= flushAt {
			return s.pass(p)
		}
	}
	s.buf = append(s.buf, p...)
	return len(p), nil
}

// spill passes the buffer on once it has grown past flushAt; text writers
// call it after each row.
func (s *sink) spill() error {
	if len(s.buf) < flushAt {
		return s.err
	}
	return s.drain()
}

// drain passes on everything buffered.
func (s *sink) drain() error {
	if len(s.buf) == 0 {
		return s.err
	}
	_, err := s.pass(s.buf)
	s.buf = s.buf[:0]
	if cap(s.buf) > 16*flushAt {
		// One huge row (a 100 MB field) grew the buffer; do not keep
		// that memory for the rest of the run.
		s.buf = make([]byte, 0, flushAt+flushAt/2)
	}
	return err
}

func (s *sink) pass(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.dst.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// flush pushes every byte so far out to the caller's writer, compressed
// data included, so a reader at the other end of a pipe sees whole rows.
func (s *sink) flush() error {
	if err := s.drain(); err != nil {
		return err
	}
	if s.comp != nil {
		if err := s.comp.Flush(); err != nil {
			s.err = err
			return err
		}
	}
	return nil
}

// close drains the buffer and ends the compression frame; the caller's
// writer stays open.
func (s *sink) close() error {
	err := s.drain()
	if s.comp != nil {
		if cerr := s.comp.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
