package writers

import (
	"bytes"
	"io"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

func TestStreamCompressionDecompressesToPlain(t *testing.T) {
	schema := rows.OutputSchema(allTypesSchema, addedSchema)
	decompress := map[string]func(io.Reader) (io.Reader, error){
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"zstd": func(r io.Reader) (io.Reader, error) {
			d, err := zstd.NewReader(r)
			return d, err
		},
	}
	for _, format := range []rows.Format{rows.CSV, rows.TSV, rows.JSONL} {
		plain := writeAll(t, schema, Options{Format: format}, joinedAllTypes(t), joinedAllTypes(t))
		for stream, open := range decompress {
			for _, flushEach := range []bool{false, true} {
				packed := writeAll(t, schema, Options{Format: format, Stream: stream, FlushEachBatch: flushEach},
					joinedAllTypes(t), joinedAllTypes(t))
				r, err := open(bytes.NewReader(packed))
				if err != nil {
					t.Fatalf("%s/%s: %v", format, stream, err)
				}
				got, err := io.ReadAll(r)
				if err != nil {
					t.Fatalf("%s/%s: %v", format, stream, err)
				}
				if !bytes.Equal(got, plain) {
					t.Errorf("%s/%s (flush each %v): decompressed output differs from the plain output", format, stream, flushEach)
				}
			}
		}
	}
}

// TestFlushEachBatchReachesTheWriter checks that each Write is visible
// downstream at once, as `tail -f` needs, even through a compressor.
func TestFlushEachBatchReachesTheWriter(t *testing.T) {
	for _, stream := range []string{"", "gzip", "zstd"} {
		var buf bytes.Buffer
		w, err := New(&buf, stringSchema("a"), Options{Format: rows.CSV, Stream: stream, FlushEachBatch: true})
		if err != nil {
			t.Fatal(err)
		}
		before := buf.Len()
		if err := w.Write(&rows.Joined{Batch: &rows.Batch{Record: recordFromJSON(t, stringSchema("a"), `[{"a":"x"}]`)}}); err != nil {
			t.Fatal(err)
		}
		if buf.Len() == before {
			t.Errorf("stream %q: nothing reached the writer after Write", stream)
		}
		w.Close()
	}
}

// closeRecorder notes whether Close was called on it.
type closeRecorder struct {
	bytes.Buffer
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

func TestCloseLeavesTheCallersWriterOpen(t *testing.T) {
	for _, f := range rows.Formats {
		for _, stream := range []string{"", "gzip"} {
			if stream != "" && f.Info().Binary {
				continue
			}
			var c closeRecorder
			w, err := New(&c, stringSchema("a"), Options{Format: f, Stream: stream})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if c.closed {
				t.Errorf("%s/%q: Close closed the caller's writer", f, stream)
			}
			if c.Len() == 0 && f != rows.JSONL {
				t.Errorf("%s/%q: an empty output has no header or footer", f, stream)
			}
		}
	}
}

func TestNewRejects(t *testing.T) {
	for _, opts := range []Options{
		{},
		{Format: "xml"},
		{Format: rows.CSV, Stream: "bzip2"},
		{Format: rows.Parquet, Stream: "gzip"},
		{Format: rows.Arrow, Stream: "zstd"},
		{Format: rows.Arrow, Compression: "snappy"},
	} {
		if _, err := New(io.Discard, stringSchema("a"), opts); err == nil {
			t.Errorf("New accepted %+v", opts)
		}
	}
}
