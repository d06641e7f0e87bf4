package readers

import (
	"bytes"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"

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
	// The format read is the layout of the bytes, whatever the name says.
	const file, strm = rows.Arrow, rows.ArrowStream
	for _, tc := range []struct {
		name   string
		file   string
		data   []byte
		stdin  bool
		want   string
		format rows.Format
	}{
		{"stream file", "a.arrows", stream, false, want, strm},
		{"stream sniffed on stdin", "", stream, true, want, strm},
		{"stream zstd buffers", "a.arrow", arrowStreamBytes(t, []ipc.Option{ipc.WithZstd()}, rec), false, want, strm},
		{"stream lz4 buffers", "a.ipc", arrowStreamBytes(t, []ipc.Option{ipc.WithLZ4()}, rec), false, want, strm},
		{"several batches", "a.arrow", arrowStreamBytes(t, nil, small, rec, small), false, recordTable(small) + want + recordTable(small), strm},
		{"file format", "a.arrow", fileFmt, false, want, file},
		{"file format named a stream", "a.arrows", fileFmt, false, want, file},
		{"feather", "a.feather", fileFmt, false, want, file},
		{"file format on stdin", "", fileFmt, true, want, file},
		{"file format gzip", "a.arrow.gz", gz(t, fileFmt), false, want, file},
		{"stream zstd", "a", zst(t, stream), false, want, strm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.stdin {
				readTyped(t, nil, tc.data, tc.format, 1000, tc.want)
			} else {
				readTyped(t, []string{writeFile(t, dir, tc.file, tc.data)}, nil, tc.format, 1000, tc.want)
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

// TestArrowLayoutsInOneStream: an IPC file and an IPC stream with the same
// columns are one input, as two files of one format are.
func TestArrowLayoutsInOneStream(t *testing.T) {
	rec := typedRecord(5)
	defer rec.Release()
	dir := t.TempDir()
	res := readAll(t, []string{writeFile(t, dir, "a.arrow", arrowFileBytes(t, rec)), writeFile(t, dir, "b.arrows", arrowStreamBytes(t, nil, rec))}, nil, Options{})
	if res.err != nil || len(res.rows) != 10 {
		t.Errorf("%d rows, %v", len(res.rows), res.err)
	}
}

// TestArrowRefusesTypesNoWriterCanFormat: a damaged file can declare a
// decimal scale or a time zone that Arrow's own formatting crashes on
// (writing CSV or JSONL, long after the file was opened); it is refused
// when opened, naming the column.
func TestArrowRefusesTypesNoWriterCanFormat(t *testing.T) {
	for _, tc := range []struct {
		name string
		typ  arrow.DataType
		want string
	}{
		{"decimal scale", &arrow.Decimal128Type{Precision: 15, Scale: 10813442}, "decimal(15, 10813442) is out of range"},
		{"decimal256 precision", &arrow.Decimal256Type{Precision: 90, Scale: 2}, "decimal(90, 2) is out of range"},
		{"time zone", &arrow.TimestampType{Unit: arrow.Second, TimeZone: "Mars/Olympus_Mons"}, `unknown time zone "Mars/Olympus_Mons"`},
		{"nested time zone", arrow.ListOf(&arrow.TimestampType{Unit: arrow.Second, TimeZone: "+99:99"}), `unknown time zone "+99:99"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sch := arrow.NewSchema([]arrow.Field{{Name: "x", Type: tc.typ, Nullable: true}}, nil)
			var buf bytes.Buffer
			w := ipc.NewWriter(&buf, ipc.WithSchema(sch))
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			res := readAll(t, []string{writeFile(t, t.TempDir(), "x.arrows", buf.Bytes())}, nil, Options{})
			wantErr(t, res.err, "x.arrows", `column "x"`, tc.want)
		})
	}
}

// TestArrowViewsWithoutNulls: Arrow writes no validity bitmap for a column
// without nulls, so it is read back without one; string, binary and list views read as the others do
// (their check once read the missing bitmap and called the file damaged).
func TestArrowViewsWithoutNulls(t *testing.T) {
	mem := memory.NewGoAllocator()
	sv := array.NewStringViewBuilder(mem)
	sv.AppendValues([]string{"8.8.8.8", "a value longer than twelve bytes, kept out of line"}, nil)
	bv := array.NewBinaryViewBuilder(mem)
	bv.AppendValues([][]byte{[]byte("x"), []byte("another value longer than twelve bytes")}, nil)
	lv := array.NewListViewBuilder(mem, arrow.BinaryTypes.String)
	for _, s := range []string{"evil.com", "1.2.3.4"} {
		lv.AppendWithSize(true, 1)
		lv.ValueBuilder().(*array.StringBuilder).Append(s)
	}
	cols := []arrow.Array{sv.NewArray(), bv.NewArray(), lv.NewArray()}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "s", Type: cols[0].DataType()}, {Name: "b", Type: cols[1].DataType()}, {Name: "l", Type: cols[2].DataType()},
	}, nil)
	rec := array.NewRecord(schema, cols, 2)
	defer rec.Release()
	dir := t.TempDir()
	for name, data := range map[string][]byte{"s.arrows": arrowStreamBytes(t, nil, rec), "f.arrow": arrowFileBytes(t, rec)} {
		res := readAll(t, []string{writeFile(t, dir, name, data)}, nil, Options{})
		if res.err != nil || len(res.rows) != 2 || res.rows[0][0] != "8.8.8.8" {
			t.Errorf("%s: %d rows %v, %v", name, len(res.rows), res.rows, res.err)
		}
	}
}
