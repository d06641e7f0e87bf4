package readers

import (
	"context"
	"errors"
	"io"
	"testing"
)

func TestFromValues(t *testing.T) {
	records := make([][]string, DefaultBatchRows+1)
	for i := range records {
		records[i] = []string{"v", "dns"}
	}
	r, err := FromValues("arguments", []string{"observable", "type"}, records)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var n, batches int64
	for {
		b, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if b.First != n || b.Seq != batches {
			t.Errorf("batch %d starts at row %d (seq %d), want %d", batches, b.First, b.Seq, n)
		}
		n += b.Record.NumRows()
		batches++
		b.Release()
	}
	if n != int64(len(records)) || batches != 2 {
		t.Errorf("%d rows in %d batches, want %d in 2", n, batches, len(records))
	}
	if _, err := FromValues("arguments", []string{"a"}, [][]string{{"x", "y"}}); err == nil {
		t.Error("a row longer than the header gave no error")
	}
}
