package pipeline

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/klauspost/compress/zstd"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// spillFile keeps batches that wait for slow lookups on disk, as one
// zstd frame per batch holding its Arrow IPC stream, followed by its
// occurrence lists. The file is removed as soon as it is created: it lives
// only as long as the run (and a crash leaves nothing behind).
//
// The frame is compressed whole by one encoder for the file, not by
// Arrow's own IPC compression: that makes a new zstd encoder for every
// writer and a new decoder for every reader, each with megabytes of
// window, so that a lookup run at 600/s that spilled its million rows
// allocated 3.3 of its 9 GB there, and collected garbage the more often.
type spillFile struct {
	dir string
	f   *os.File
	end int64

	w        *bufio.Writer // to f, for every batch
	zenc     *zstd.Encoder
	zdec     *zstd.Decoder
	plain    bytes.Buffer // a batch's IPC stream as put, reused
	frame    []byte       // its zstd frame, reused
	unpacked []byte       // a batch's IPC stream as got, reused
}

// spillRef says where a spilled batch is and what to rebuild it with.
type spillRef struct {
	off, frameLen int64 // where the batch's zstd frame starts, and its bytes
	size          int64 // bytes on disk, annotations included
	occ           int
	seq, first    int64
	source        string
	hasJSON       bool
	maxID         int64
	screened      int64 // bytes of the screened outcomes after the ids: types, then JSON
	nScreened     int
}

// jsonColumn carries rows.Batch.JSON through the spill file.
const jsonColumn = "\x00vtenrich-json"

func (s *spillFile) open() error {
	if s.f != nil {
		return nil
	}
	f, err := os.CreateTemp(s.dir, "vtenrich-spill-*.arrows")
	if err != nil {
		return fmt.Errorf("creating the spill file: %w", err)
	}
	os.Remove(f.Name()) // unlinked: the open descriptor keeps it alive
	// SpeedFastest: the file is read back once, within the run.
	if s.zenc, err = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1)); err != nil {
		f.Close()
		return fmt.Errorf("creating the spill file: %w", err)
	}
	if s.zdec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1)); err != nil {
		f.Close()
		return fmt.Errorf("creating the spill file: %w", err)
	}
	s.f = f
	return nil
}

func (s *spillFile) put(f *found) (*spillRef, error) {
	if err := s.open(); err != nil {
		return nil, err
	}
	b := f.batch
	rec := b.Record
	if b.JSON != nil {
		fields := append(append([]arrow.Field(nil), rec.Schema().Fields()...),
			arrow.Field{Name: jsonColumn, Type: arrow.BinaryTypes.String, Nullable: true})
		md := rec.Schema().Metadata()
		cols := append(append([]arrow.Array(nil), rec.Columns()...), b.JSON)
		rec = array.NewRecord(arrow.NewSchema(fields, &md), cols, rec.NumRows())
		defer rec.Release()
	}
	ref := &spillRef{off: s.end, occ: len(f.ids), seq: b.Seq, first: b.First, source: b.Source,
		hasJSON: b.JSON != nil, maxID: f.maxID}
	s.plain.Reset()
	w := ipc.NewWriter(&s.plain, ipc.WithSchema(rec.Schema()))
	if err := w.Write(rec); err != nil {
		return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
	}
	s.frame = s.zenc.EncodeAll(s.plain.Bytes(), s.frame[:0])
	if s.w == nil {
		s.w = bufio.NewWriterSize(s.f, 1<<20)
	}
	cw := &countingWriter{w: s.w}
	if _, err := cw.Write(s.frame); err != nil {
		return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
	}
	ref.frameLen = cw.n
	if err := binary.Write(cw, binary.LittleEndian, f.rowOf); err != nil {
		return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
	}
	if err := binary.Write(cw, binary.LittleEndian, f.ids); err != nil {
		return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
	}
	if len(f.screened) > 0 {
		js, err := json.Marshal(f.screened) // Type is not in the JSON: kept beside
		if err != nil {
			return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
		}
		types := make([]byte, len(f.screened))
		for i, r := range f.screened {
			types[i] = byte(r.Type)
		}
		start := cw.n
		if _, err := cw.Write(types); err != nil {
			return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
		}
		if _, err := cw.Write(js); err != nil {
			return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
		}
		ref.screened, ref.nScreened = cw.n-start, len(f.screened)
	}
	if err := s.w.Flush(); err != nil {
		return nil, fmt.Errorf("spilling batch %d: %w", b.Seq, err)
	}
	s.end += cw.n
	ref.size = cw.n
	return ref, nil
}

func (s *spillFile) get(ref *spillRef) (*found, error) {
	s.frame = slices.Grow(s.frame[:0], int(ref.frameLen))[:ref.frameLen]
	_, err := s.f.ReadAt(s.frame, ref.off)
	if err != nil {
		return nil, fmt.Errorf("reading back spilled batch %d: %w", ref.seq, err)
	}
	s.unpacked, err = s.zdec.DecodeAll(s.frame, s.unpacked[:0])
	if err != nil {
		return nil, fmt.Errorf("reading back spilled batch %d: %w", ref.seq, err)
	}
	// The reader copies what it reads into buffers of its own, so that
	// the unpacked stream's memory can serve the next batch.
	r, err := ipc.NewReader(bytes.NewReader(s.unpacked))
	if err != nil {
		return nil, fmt.Errorf("reading back spilled batch %d: %w", ref.seq, err)
	}
	defer r.Release()
	if !r.Next() {
		return nil, fmt.Errorf("reading back spilled batch %d: %v", ref.seq, r.Err())
	}
	rec := r.Record()
	rec.Retain()
	b := &rows.Batch{Seq: ref.seq, First: ref.first, Source: ref.source, Record: rec}
	if ref.hasJSON {
		last := int(rec.NumCols()) - 1
		b.JSON = rec.Column(last).(*array.String)
		b.JSON.Retain()
		md := rec.Schema().Metadata()
		b.Record = array.NewRecord(arrow.NewSchema(rec.Schema().Fields()[:last], &md), rec.Columns()[:last], rec.NumRows())
		rec.Release()
	}
	f := &found{batch: b, maxID: ref.maxID, rowOf: make([]int32, ref.occ), ids: make([]uint32, ref.occ)}
	ann := io.NewSectionReader(s.f, ref.off+ref.frameLen, int64(ref.occ)*8)
	if err := binary.Read(ann, binary.LittleEndian, f.rowOf); err != nil {
		return nil, fmt.Errorf("reading back spilled batch %d: %w", ref.seq, err)
	}
	if err := binary.Read(ann, binary.LittleEndian, f.ids); err != nil {
		return nil, fmt.Errorf("reading back spilled batch %d: %w", ref.seq, err)
	}
	if ref.screened > 0 {
		buf := make([]byte, ref.screened)
		if _, err := io.ReadFull(io.NewSectionReader(s.f, ref.off+ref.frameLen+int64(ref.occ)*8, ref.screened), buf); err != nil {
			return nil, fmt.Errorf("reading back spilled batch %d: %w", ref.seq, err)
		}
		n := ref.nScreened // the types, one byte each, then the JSON list
		if err := json.Unmarshal(buf[n:], &f.screened); err != nil || n != len(f.screened) {
			return nil, fmt.Errorf("reading back spilled batch %d: screened observables: %v", ref.seq, err)
		}
		for i, r := range f.screened {
			r.Type = ioc.Type(buf[i])
		}
	}
	return f, nil
}

// reset empties the file once no spilled batch waits in it.
func (s *spillFile) reset() error {
	if s.f == nil || s.end == 0 {
		return nil
	}
	if err := s.f.Truncate(0); err != nil {
		return fmt.Errorf("emptying the spill file: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("emptying the spill file: %w", err)
	}
	s.end = 0
	return nil
}

func (s *spillFile) close() error {
	if s.f == nil {
		return nil
	}
	s.zenc.Close()
	s.zdec.Close()
	return s.f.Close()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// batchBytes approximates the memory a batch holds: the sizes of its
// buffers (shared buffers of sliced records are counted whole, erring on
// the side of spilling early).
func batchBytes(b *rows.Batch) int64 {
	var n int64
	for _, c := range b.Record.Columns() {
		n += dataBytes(c.Data())
	}
	if b.JSON != nil {
		n += dataBytes(b.JSON.Data())
	}
	return n + int64(unsafe.Sizeof(*b))
}

func dataBytes(d arrow.ArrayData) int64 {
	var n int64
	for _, buf := range d.Buffers() {
		if buf != nil {
			n += int64(buf.Len())
		}
	}
	for _, child := range d.Children() {
		n += dataBytes(child)
	}
	return n
}
