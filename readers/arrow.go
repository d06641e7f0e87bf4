package readers

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/ipc"

	"github.com/vtenrich/vtenrich/pipeline/rows"
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
	// The layout the bytes have, whatever the name said: an output that
	// follows the input's format takes the input's layout.
	in.format = rows.ArrowStream
	if bytes.HasPrefix(head, arrowFileMagic) {
		in.format = rows.Arrow
		ra, size, err := randomAccess(ctx, in, opts.TempDir)
		if err != nil {
			return nil, err
		}
		err = guard(func() (err error) {
			if err := checkFileFooter(ra, size); err != nil {
				return err
			}
			s.file, err = ipc.NewFileReader(ra, ipc.WithAllocator(newCappedAllocator(size)))
			return err
		})
		if err != nil {
			return nil, damaged(in.name, "the Arrow IPC file's footer or schema", err, "not a readable Arrow IPC file")
		}
		s.sch = s.file.Schema()
		if err := checkTypes(s.sch); err != nil {
			return nil, &InputError{File: in.name, Offset: -1, Reason: "not a readable Arrow IPC file", Err: err}
		}
		return s, nil
	}
	err = guard(func() (err error) {
		mem := newCappedAllocator(0)
		s.stream, err = ipc.NewReaderFromMessageReader(newBoundedMessageReader(in.r, mem), ipc.WithAllocator(mem))
		return err
	})
	if err != nil {
		return nil, damaged(in.name, "the Arrow IPC stream's schema", err, "not a readable Arrow IPC stream")
	}
	s.sch = s.stream.Schema()
	if err := checkTypes(s.sch); err != nil {
		return nil, &InputError{File: in.name, Offset: -1, Reason: "not a readable Arrow IPC stream", Err: err}
	}
	return s, nil
}

// checkFileFooter reads the footer of an IPC file as Arrow's reader will,
// and checks its schema before Arrow allocates by it (see
// arrow_schema_check.go). Arrow's reader reports a footer it cannot find.
func checkFileFooter(ra io.ReaderAt, size int64) error {
	tail := int64(len(arrowFileMagic) + 4)
	if size < 2*tail {
		return nil
	}
	var word [4]byte
	if _, err := ra.ReadAt(word[:], size-tail); err != nil {
		return nil
	}
	n := int64(binary.LittleEndian.Uint32(word[:]))
	if n <= 0 || n > size-tail {
		return nil
	}
	footer := make([]byte, n)
	if _, err := ra.ReadAt(footer, size-tail-n); err != nil {
		return nil
	}
	return checkFooter(footer)
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
		return nil, damaged(s.in.name, fmt.Sprintf("record batch %d of the Arrow IPC data", s.batch), err,
			fmt.Sprintf("record batch %d: corrupt Arrow IPC data", s.batch))
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
