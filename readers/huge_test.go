package readers

import (
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// fillReader yields head, then n filler bytes, then tail, without holding
// the filler in memory.
type fillReader struct {
	head, tail string
	n          int64
	fill       byte
}

func (f *fillReader) Read(p []byte) (int, error) {
	switch {
	case f.head != "":
		n := copy(p, f.head)
		f.head = f.head[n:]
		return n, nil
	case f.n > 0:
		n := int(min(int64(len(p)), f.n))
		for i := range n {
			p[i] = f.fill
		}
		f.n -= int64(n)
		return n, nil
	case f.tail != "":
		n := copy(p, f.tail)
		f.tail = f.tail[n:]
		return n, nil
	}
	return 0, io.EOF
}

// TestHugeField reads a real 100 MB field against the default 64 MiB limit:
// an error naming the line and column, or under SkipBadRows the rows
// around it, with memory bounded by the limit rather than the field.
func TestHugeField(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100 MB fields; the limit itself is tested cheaply with a small MaxFieldBytes")
	}
	const size = 100 << 20
	cases := []struct {
		name   string
		format rows.Format
		head   string
		tail   string
		line   string
	}{
		{"csv quoted", rows.CSV, "a,b\n1,2\n3,\"", "\"\n4,5\n", "-:3:"},
		{"csv unquoted", rows.CSV, "a,b\n1,2\n3,", "\n4,5\n", "-:3:"},
		{"jsonl", rows.JSONL, `{"a":"1","b":"2"}` + "\n" + `{"a":"3","b":"`, `"}` + "\n" + `{"a":"4","b":"5"}` + "\n", "-:2:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := readAll(t, nil, &fillReader{head: tc.head, tail: tc.tail, n: size, fill: 'x'}, Options{Format: tc.format})
			wantErr(t, res.err, tc.line, "longer than 64 MiB (raise the limit with --max-field, up to 1 GiB)")

			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res = readAll(t, nil, &fillReader{head: tc.head, tail: tc.tail, n: size, fill: 'x'},
				Options{Format: tc.format, OnBadRow: SkipBadRows})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if got := table(res.rows); got != "1|2\n4|5\n" || res.bad.Count != 1 || !strings.Contains(res.bad.First[0], tc.line) {
				t.Errorf("rows %q, bad rows %+v", got, res.bad)
			}
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 3*size {
				t.Errorf("allocated %d MB to skip a %d MB field", grew>>20, size>>20)
			}
		})
	}
}
