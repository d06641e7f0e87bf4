package vtclient

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
)

// failReader fails the test if it is read.
type failReader struct{ t *testing.T }

func (f failReader) Read([]byte) (int, error) {
	f.t.Error("a body announced too large was read")
	return 0, io.EOF
}

func TestReadBody(t *testing.T) {
	defer func(n int64) { maxBody = n }(maxBody)
	maxBody = 3 << 20
	b := newBodyBudget(0)
	ctx := context.Background()
	tests := []struct {
		name   string
		size   int
		length int64 // Content-Length, -1 unknown
		ok     bool
	}{
		{"small, length known", 1000, 1000, true},
		{"small, length unknown", 1000, -1, true},
		{"empty", 0, 0, true},
		{"past smallBody, unknown", 2 << 20, -1, true},
		{"exactly the limit", 3 << 20, -1, true},
		{"one byte past", 3<<20 + 1, -1, false},
	}
	for _, tt := range tests {
		data := bytes.Repeat([]byte("x"), tt.size)
		got, res, err := b.readBody(ctx, bytes.NewReader(data), tt.length)
		if ok := err == nil; ok != tt.ok {
			t.Errorf("%s: err %v", tt.name, err)
		}
		if err == nil && !bytes.Equal(got, data) {
			t.Errorf("%s: read %d bytes, want %d", tt.name, len(got), len(data))
		}
		if err != nil && !strings.Contains(err.Error(), "larger than 3 MiB") {
			t.Errorf("%s: error %v", tt.name, err)
		}
		res.release()
	}
	if _, _, err := b.readBody(ctx, failReader{t}, maxBody+1); err == nil {
		t.Error("a body announced too large was accepted")
	}
	if b.held != 0 {
		t.Errorf("%d bytes still held", b.held)
	}
}

// TestBodyBudgetCannotDeadlock: many large answers at once on the
// smallest budget (one largest answer) all get read, one after another.
func TestBodyBudgetCannotDeadlock(t *testing.T) {
	defer func(n int64) { maxBody = n }(maxBody)
	maxBody = 2 << 20
	b := newBodyBudget(1) // raised to maxBody+1
	data := bytes.Repeat([]byte("y"), 3<<19)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			got, res, err := b.readBody(context.Background(), bytes.NewReader(data), -1)
			if err != nil || len(got) != len(data) {
				t.Errorf("%d bytes, %v", len(got), err)
			}
			res.release()
		})
	}
	wg.Wait()
	if p := b.Peak(); p > maxBody+1 {
		t.Errorf("peak %d bytes held, budget %d", p, maxBody+1)
	}
}
