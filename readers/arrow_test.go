package readers

import (
	"testing"

	"github.com/apache/arrow/go/v17/arrow/ipc"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestArrowIPC reads the stream and file formats, plain, with IPC buffer
// compression, from stdin and through gzip, and checks types and values.
func TestArrowIPC(t *testing.T) {
	rec := typedRecord(2500)
	defer rec.Release()
	small := typedRecord(7)
	defer small.Release()
	want := recordTable(rec)
	stream := arrowStreamBytes(t, nil, rec)
	fileFmt := arrowFileBytes(t, rec)
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		file  string
		data  []byte
		stdin bool
		want  string
	}{
		{"stream file", "a.arrows", stream, false, want},
		{"stream sniffed on stdin", "", stream, true, want},
		{"stream zstd buffers", "a.arrow", arrowStreamBytes(t, []ipc.Option{ipc.WithZstd()}, rec), false, want},
		{"stream lz4 buffers", "a.ipc", arrowStreamBytes(t, []ipc.Option{ipc.WithLZ4()}, rec), false, want},
		{"several batches", "a.arrow", arrowStreamBytes(t, nil, small, rec, small), false, recordTable(small) + want + recordTable(small)},
		{"file format", "a.arrow", fileFmt, false, want},
		{"file format on stdin", "", fileFmt, true, want},
		{"file format gzip", "a.arrow.gz", gz(t, fileFmt), false, want},
		{"stream zstd", "a", zst(t, stream), false, want},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.stdin {
				readTyped(t, nil, tc.data, rows.Arrow, 1000, tc.want)
			} else {
				readTyped(t, []string{writeFile(t, dir, tc.file, tc.data)}, nil, rows.Arrow, 1000, tc.want)
			}
		})
	}
}

// TestArrowDamage truncates and corrupts IPC data in many places: an error
// naming the file or rows, never a panic or a hang.
func TestArrowDamage(t *testing.T) {
	rec := typedRecord(300)
	defer rec.Release()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"stream", arrowStreamBytes(t, nil, rec, rec)},
		{"stream zstd", arrowStreamBytes(t, []ipc.Option{ipc.WithZstd()}, rec, rec)},
		{"file", arrowFileBytes(t, rec, rec)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, cut := range []int{4, 9, len(tc.data) / 3, len(tc.data) - 20} {
				path := writeFile(t, dir, "cut.arrow", tc.data[:cut])
				res := readAll(t, []string{path}, nil, Options{TempDir: dir})
				wantErr(t, res.err, path)
			}
			errs := damageReads(t, tc.data, "x.arrow", max(1, len(tc.data)/100))
			t.Logf("%d damaged copies gave errors", errs)
		})
	}
}
