package writers

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// TestParquetBytesDoNotDependOnBatching writes the same output rows cut
// into batches in different ways: the join's batches end wherever the
// lookups are when it passes rows on, so they differ from run to run, and
// the file must not. What depended on them: the dictionary trial's count of
// bytes looked up (a row repeated on the next output row skips the lookup,
// and did only within a call) and where row groups end (their byte bound is
// checked between chunks).
func TestParquetBytesDoNotDependOnBatching(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	const inRows = 60000
	b := array.NewStringBuilder(memory.DefaultAllocator)
	for range inRows {
		if rng.IntN(3) == 0 { // a third repeat a few values, the rest nearly unique
			b.Append(fmt.Sprintf("10.0.0.%d", rng.IntN(50)))
		} else {
			b.Append(fmt.Sprintf("172.%d.%d.%d", rng.IntN(256), rng.IntN(256), rng.IntN(256)))
		}
	}
	col := b.NewArray()
	defer col.Release()
	schema := stringSchema("src_ip")
	rec := array.NewRecord(schema, []arrow.Array{col}, inRows)
	defer rec.Release()
	// Output rows: each input row 1 to 3 times in a row, as an enrichment
	// repeats a row once per observable.
	var take []int32
	for i := range int32(inRows) {
		for range 1 + rng.IntN(3) {
			take = append(take, i)
		}
	}
	write := func(cuts []int) []byte {
		var buf bytes.Buffer
		w, err := New(&buf, schema, Options{Format: rows.Parquet})
		if err != nil {
			t.Fatal(err)
		}
		w.(*parquetWriter).maxBytes = 256 << 10 // several row groups
		from := 0
		for _, to := range append(cuts, len(take)) {
			if err := w.Write(&rows.Joined{Batch: &rows.Batch{Record: rec}, Take: take[from:to]}); err != nil {
				t.Fatal(err)
			}
			from = to
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	whole := write(nil)
	for trial := range 3 {
		var cuts []int
		for at := rng.IntN(3000); at < len(take); at += 1 + rng.IntN(3000) {
			cuts = append(cuts, at)
		}
		if got := write(cuts); !bytes.Equal(got, whole) {
			t.Errorf("trial %d: %d batches give a file of %d bytes unlike one batch's %d", trial, len(cuts)+1, len(got), len(whole))
		}
	}
	if _, pf := readParquet(t, whole); pf.NumRowGroups() < 3 {
		t.Errorf("%d row groups: the test should span several", pf.NumRowGroups())
	}
}

// TestParquetDictionaryTrialCountsRepeats checks the count the dictionary
// trial goes by: a row repeated on the next output row is not looked up
// again, in one batch or across two.
func TestParquetDictionaryTrialCountsRepeats(t *testing.T) {
	schema := stringSchema("s")
	rec := recordFromJSON(t, schema, `[{"s":"alpha.example.org"},{"s":"beta.example.org"}]`)
	defer rec.Release()
	take := []int32{0, 0, 0, 1, 1}
	lookedUp := func(cuts ...int) int64 {
		w, err := New(&bytes.Buffer{}, schema, Options{Format: rows.Parquet})
		if err != nil {
			t.Fatal(err)
		}
		from := 0
		for _, to := range append(cuts, len(take)) {
			if err := w.Write(&rows.Joined{Batch: &rows.Batch{Record: rec}, Take: take[from:to]}); err != nil {
				t.Fatal(err)
			}
			from = to
		}
		return w.(*parquetWriter).cols[0].lookedUp
	}
	want := int64(4 + len("alpha.example.org") + 4 + len("beta.example.org"))
	for _, cuts := range [][]int{nil, {1}, {2}, {1, 2, 4}} {
		if got := lookedUp(cuts...); got != want {
			t.Errorf("cut at %v: %d bytes looked up, want %d", cuts, got, want)
		}
	}
}
