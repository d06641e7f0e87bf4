package readers

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/ipc"
)

// arrowSource reads Arrow IPC: the stream format as it arrives (it needs no
// random access, so stdin is not spooled), and the file format (ARROW1
// magic) through random access, spooling when it must.
type arrowSource struct {
	in     *input
	stream *ipc.Reader
	file   *ipc.FileReader
	sch    *arrow.Schema
	batch  int // record batches read
}

// newArrowSource opens in, which must be Arrow IPC, and reads its schema.
func newArrowSource(ctx context.Context, in *input, opts Options) (source, error) {
	s := &arrowSource{in: in}
	head, err := peekHead(in.r)
	if err != nil {
		return nil, wrapErr(in.name, err)
	}
	if bytes.HasPrefix(head, arrowFileMagic) {
		ra, size, err := randomAccess(ctx, in, opts.TempDir)
		if err != nil {
			return nil, err
		}
		err = guard(func() (err error) {
			s.file, err = ipc.NewFileReader(ra, ipc.WithAllocator(newCappedAllocator(size)))
			return err
		})
		if err != nil {
			return nil, &InputError{File: in.name, Offset: -1, Reason: "not a readable Arrow IPC file", Err: err}
		}
		s.sch = s.file.Schema()
		return s, nil
	}
	err = guard(func() (err error) {
		s.stream, err = ipc.NewReader(in.r, ipc.WithAllocator(newCappedAllocator(0)))
		return err
	})
	if err != nil {
		return nil, &InputError{File: in.name, Offset: -1, Reason: "not a readable Arrow IPC stream", Err: err}
	}
	s.sch = s.stream.Schema()
	return s, nil
}

func (s *arrowSource) schema() *arrow.Schema { return s.sch }

func (s *arrowSource) next(ctx context.Context) (*chunk, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rec, err := readRecord(s.read)
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, &InputError{File: s.in.name, Offset: -1, Err: err, Reason: fmt.Sprintf(
			"record batch %d: corrupt Arrow IPC data", s.batch)}
	}
	s.batch++
	return &chunk{rec: rec}, nil
}

// read returns the next record batch, owned by the caller, or io.EOF.
func (s *arrowSource) read() (arrow.Record, error) {
	if s.file != nil {
		if s.batch >= s.file.NumRecords() {
			return nil, io.EOF
		}
		return s.file.RecordAt(s.batch)
	}
	if !s.stream.Next() {
		if err := s.stream.Err(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	rec := s.stream.Record()
	rec.Retain()
	return rec, nil
}

func (s *arrowSource) close() error {
	_ = guard(func() error {
		if s.stream != nil {
			s.stream.Release()
		}
		if s.file != nil {
			return s.file.Close()
		}
		return nil
	})
	return s.in.close()
}
