package writers

import "io"

// Compress wraps w in a buffered stream compressor ("gzip", "zstd" or "" for
// none), for byte streams that are not rows (the cache export). Close ends
// the compression frame and leaves w open.
func Compress(w io.Writer, stream string) (io.WriteCloser, error) {
	s, err := newSink(w, stream)
	if err != nil {
		return nil, err
	}
	return compressor{s}, nil
}

type compressor struct{ s *sink }

func (c compressor) Write(p []byte) (int, error) { return c.s.Write(p) }
func (c compressor) Close() error                { return c.s.close() }
