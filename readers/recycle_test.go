package readers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestReaderRecyclesReleasedBatches reads a CSV in many batches, releasing
// each before the next: the buffers of a released batch must come back for
// a later one (Arrow's references are the only ones left), and the values
// read must be right although every buffer is poisoned when it comes back.
func TestReaderRecyclesReleasedBatches(t *testing.T) {
	var in strings.Builder
	in.WriteString("host,url\n")
	const n = 40000
	for i := range n {
		fmt.Fprintf(&in, "host-%05d.example.org,https://cdn-%d.example.net/path/%d?q=%d\n", i, i%97, i, i*7)
	}
	r, err := Open(context.Background(), nil, strings.NewReader(in.String()), Options{Format: rows.CSV, BatchRows: 2000})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	seen := map[unsafe.Pointer]bool{}
	reused, row := 0, 0
	for {
		b, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for c := range b.Record.NumCols() {
			data := b.Record.Column(int(c)).(*array.String).ValueBytes()
			p := unsafe.Pointer(unsafe.SliceData(data[:1]))
			if seen[p] {
				reused++
			}
			seen[p] = true
		}
		hosts := b.Record.Column(0).(*array.String)
		for i := range hosts.Len() {
			if want := fmt.Sprintf("host-%05d.example.org", row); hosts.Value(i) != want {
				t.Fatalf("row %d: %q, want %q", row, hosts.Value(i), want)
			}
			row++
		}
		b.Release()
	}
	if row != n {
		t.Fatalf("%d rows, want %d", row, n)
	}
	if reused == 0 {
		t.Errorf("no batch reused a released batch's buffers")
	}
}
