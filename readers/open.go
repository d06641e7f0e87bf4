package readers

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// DefaultBatchRows is the most rows a batch holds unless Options say
// otherwise: enough to amortise the per-batch cost of every stage, few
// enough that a batch is a few MiB.
const DefaultBatchRows = 4096

// DefaultMaxFieldBytes bounds a CSV/TSV field or a JSON line unless
// Options say otherwise, and MaxFieldLimit bounds what they may say: a
// field, plus a batch, stays inside Arrow's int32 offsets.
const (
	DefaultMaxFieldBytes = 64 << 20
	MaxFieldLimit        = 1 << 30
)

// Defaults for the zero Options.
const (
	defaultBatchRows  = DefaultBatchRows
	defaultBatchBytes = 8 << 20
)

// Open starts reading names as one stream of batches; no names, or "-",
// means stdin. Each file's format comes from opts.Format, else its name,
// else its first bytes; gzip and zstd are undone whatever the name says.
//
// Several files are one stream, in order: Seq and First count across files,
// and a batch never spans two files. Every file is opened once up front to
// check that it has the format and columns of the first (names and types;
// Parquet and Arrow fields may differ in nullability), so a mismatch in the
// last file fails before any lookup is spent. JSONL files are the exception:
// their columns are whatever keys appear, so their schema grows instead.
//
// For JSONL, and for CSV/TSV with InferTypes, Open reads the first batch to
// learn the schema.
func Open(ctx context.Context, names []string, stdin io.Reader, opts Options) (Reader, error) {
	opts = withDefaults(opts)
	if len(names) == 0 {
		names = []string{stdinName}
	}
	s := &stream{opts: opts, names: names, stdin: stdin, bad: &badRowLog{}, kept: map[int]source{}}
	if err := s.probe(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.format == rows.JSONL || (opts.InferTypes && isText(s.format)) {
		c, name, err := s.pull(ctx)
		if err != nil && !errors.Is(err, io.EOF) {
			s.Close()
			return nil, err
		}
		if c != nil {
			s.peeked, s.peekedName = c, name
			s.schema = c.rec.Schema()
			if opts.InferTypes {
				s.typer = newTyper(c.rec)
				s.schema = s.typer.schema(s.schema)
			}
		}
	}
	return s, nil
}

// withDefaults fills in the zero fields of opts.
func withDefaults(o Options) Options {
	if o.BatchRows <= 0 {
		o.BatchRows = defaultBatchRows
	}
	if o.BatchBytes <= 0 {
		o.BatchBytes = defaultBatchBytes
	}
	if o.MaxFieldBytes <= 0 {
		o.MaxFieldBytes = DefaultMaxFieldBytes
	}
	o.MaxFieldBytes = min(o.MaxFieldBytes, MaxFieldLimit)
	o.BatchBytes = min(o.BatchBytes, MaxFieldLimit)
	return o
}

// stream is the Reader: it chains the sources of its files.
type stream struct {
	opts   Options
	names  []string
	stdin  io.Reader
	format rows.Format
	schema *arrow.Schema
	bad    *badRowLog

	kept        map[int]source // sources opened by probe and kept: the first, and stdin
	idx         int            // index in names of src
	src         source
	keys        []string // JSONL: the columns so far, handed to the next file
	typer       *typer
	slicing     *chunk // a record longer than BatchRows, handed out in slices
	slicingName string // its file
	sliced      int64  // rows of slicing handed out

	peeked     *chunk
	peekedName string
	seq, first int64
	closed     bool
}

// probe opens every input to check formats and columns, keeping the first
// open (it is read next) and stdin (it cannot be opened twice).
func (s *stream) probe(ctx context.Context) error {
	stdinSeen := false
	for i, name := range s.names {
		if name == stdinName {
			if stdinSeen {
				return fmt.Errorf("stdin (-) is named twice among the inputs")
			}
			stdinSeen = true
		}
		src, format, err := s.open(ctx, name)
		if err != nil {
			return err
		}
		if i == 0 {
			s.format, s.schema = format, src.schema()
		} else if err := s.compatible(name, format, src.schema()); err != nil {
			src.close()
			return err
		}
		if i == 0 || name == stdinName {
			s.kept[i] = src
		} else if err := src.close(); err != nil {
			return wrapErr(name, err)
		}
	}
	return nil
}

// open opens one input and the source for its format.
func (s *stream) open(ctx context.Context, name string) (source, rows.Format, error) {
	in, err := openInput(name, s.stdin, s.opts)
	if err != nil {
		return nil, "", wrapErr(name, err)
	}
	var src source
	switch in.format {
	case rows.CSV:
		src, err = newCSVSource(ctx, in, s.opts, s.bad)
	case rows.TSV:
		src, err = newTSVSource(ctx, in, s.opts, s.bad)
	case rows.JSONL:
		src = newJSONLSource(in, s.opts, s.bad, s.keys)
	case rows.Parquet:
		src, err = newParquetSource(ctx, in, s.opts)
	case rows.Arrow, rows.ArrowStream:
		src, err = newArrowSource(ctx, in, s.opts)
	default:
		err = inputErr(name, 0, "unknown format %q", in.format)
	}
	if err != nil {
		in.close()
		return nil, "", err
	}
	return src, in.format, nil
}

// compatible checks that a later input can continue the stream.
func (s *stream) compatible(name string, format rows.Format, sch *arrow.Schema) error {
	first := s.names[0]
	if readAs(format) != readAs(s.format) {
		return fmt.Errorf("%w: %s is %s but %s is %s; one stream needs one format", ErrSchemaMismatch, name, format, first, s.format)
	}
	if format == rows.JSONL {
		return nil
	}
	if diff := schemaDiff(s.schema, sch); diff != "" {
		return fmt.Errorf("%w: %s and %s: %s", ErrSchemaMismatch, first, name, diff)
	}
	s.schema = widenNullability(s.schema, sch)
	return nil
}

// readAs is the reader a format is read with: both layouts of Arrow IPC
// are Arrow, and may follow each other in one stream.
func readAs(f rows.Format) rows.Format {
	if f == rows.ArrowStream {
		return rows.Arrow
	}
	return f
}

// widenNullability makes a field of a nullable where it is nullable in b, so
// that one stream schema describes every file truthfully.
func widenNullability(a, b *arrow.Schema) *arrow.Schema {
	fields, changed := a.Fields(), false
	for i := range fields {
		if !fields[i].Nullable && b.Field(i).Nullable {
			fields[i].Nullable, changed = true, true
		}
	}
	if !changed {
		return a
	}
	md := a.Metadata()
	return arrow.NewSchema(fields, &md)
}

// schemaDiff describes the first difference in columns between a and b
// (names and types, not nullability); "" when they match.
func schemaDiff(a, b *arrow.Schema) string {
	for i := range max(a.NumFields(), b.NumFields()) {
		switch {
		case i >= a.NumFields():
			return fmt.Sprintf("the second has an extra column %d %q", i+1, b.Field(i).Name)
		case i >= b.NumFields():
			return fmt.Sprintf("the second lacks column %d %q", i+1, a.Field(i).Name)
		case a.Field(i).Name != b.Field(i).Name:
			return fmt.Sprintf("column %d is %q in the first but %q in the second", i+1, a.Field(i).Name, b.Field(i).Name)
		case !arrow.TypeEqual(a.Field(i).Type, b.Field(i).Type):
			return fmt.Sprintf("column %q is %s in the first but %s in the second", a.Field(i).Name, a.Field(i).Type, b.Field(i).Type)
		}
	}
	return ""
}

// pull returns the next non-empty chunk of the stream, moving on to the next
// file at the end of one, with the name of its file.
func (s *stream) pull(ctx context.Context) (*chunk, string, error) {
	for {
		if s.src == nil {
			if s.idx >= len(s.names) {
				return nil, "", io.EOF
			}
			if err := s.startSource(ctx); err != nil {
				return nil, "", err
			}
		}
		c, err := s.src.next(ctx)
		if errors.Is(err, io.EOF) {
			err = s.src.close()
			s.src = nil
			if err != nil {
				return nil, "", wrapErr(s.names[s.idx], err)
			}
			s.idx++
			continue
		}
		if err != nil {
			return nil, "", err
		}
		if c.rec.NumRows() == 0 {
			c.release()
			continue
		}
		if s.format == rows.JSONL {
			s.keys = schemaNames(c.rec.Schema())
		}
		return c, s.names[s.idx], nil
	}
}

// startSource makes names[idx] the current source.
func (s *stream) startSource(ctx context.Context) error {
	if src, ok := s.kept[s.idx]; ok {
		delete(s.kept, s.idx)
		s.src = src
		if j, isJSONL := src.(*jsonlSource); isJSONL {
			for _, k := range s.keys {
				j.p.column([]byte(k), 0)
			}
		}
		return nil
	}
	src, _, err := s.open(ctx, s.names[s.idx])
	s.src = src
	return err
}

// schemaNames lists the field names of sch.
func schemaNames(sch *arrow.Schema) []string {
	names := make([]string, sch.NumFields())
	for i, f := range sch.Fields() {
		names[i] = f.Name
	}
	return names
}

// Schema is the stream's schema (for JSONL, that of the first batch).
func (s *stream) Schema() *arrow.Schema { return s.schema }

// Format is the format of the inputs.
func (s *stream) Format() rows.Format { return s.format }

// BadRows reports the rows skipped so far.
func (s *stream) BadRows() BadRowReport { return s.bad.snapshot() }

// Next returns the next batch of at most BatchRows rows.
func (s *stream) Next(ctx context.Context) (*rows.Batch, error) {
	if s.closed {
		return nil, errors.New("readers: Next after Close")
	}
	// No early context check: rows already in memory (a chunk being sliced,
	// rows a source holds) are returned even after a stop; only reading more
	// input stops.
	if s.slicing == nil {
		c, name, err := s.take(ctx)
		if err != nil {
			return nil, err
		}
		if c.rec.NumRows() <= int64(s.opts.BatchRows) {
			return s.batch(c.rec, c.json, name), nil
		}
		s.slicing, s.slicingName, s.sliced = c, name, 0
	}
	c := s.slicing
	n := min(int64(s.opts.BatchRows), c.rec.NumRows()-s.sliced)
	rec := c.rec.NewSlice(s.sliced, s.sliced+n)
	if s.sliced += n; s.sliced == c.rec.NumRows() {
		c.release()
		s.slicing = nil
	}
	return s.batch(rec, nil, s.slicingName), nil
}

// take returns the next chunk with types inferred and the stream's schema.
func (s *stream) take(ctx context.Context) (*chunk, string, error) {
	c, name := s.peeked, s.peekedName
	s.peeked = nil
	if c == nil {
		var err error
		if c, name, err = s.pull(ctx); err != nil {
			return nil, "", err
		}
	}
	switch {
	case s.typer != nil:
		rec, err := s.typer.apply(name, c)
		if err != nil {
			if c.json != nil {
				c.json.Release()
			}
			return nil, "", err
		}
		c.rec = rec
	case s.format != rows.JSONL && c.rec.Schema() != s.schema:
		// a later Parquet/Arrow file: same columns, maybe other nullability
		rec := c.rec
		c.rec = array.NewRecord(s.schema, rec.Columns(), rec.NumRows())
		rec.Release()
	}
	return c, name, nil
}

// batch wraps a record as the next batch of the stream.
func (s *stream) batch(rec arrow.Record, json *array.String, name string) *rows.Batch {
	b := &rows.Batch{Seq: s.seq, First: s.first, Source: name, Record: rec, JSON: json}
	s.seq++
	s.first += rec.NumRows()
	return b
}

// Close releases every open file, decoder and spool file.
func (s *stream) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	var first error
	keep := func(err error) {
		if err != nil && first == nil {
			first = err
		}
	}
	if s.src != nil {
		keep(s.src.close())
	}
	for _, src := range s.kept {
		keep(src.close())
	}
	for _, c := range []*chunk{s.peeked, s.slicing} {
		if c != nil {
			c.release()
		}
	}
	return first
}
