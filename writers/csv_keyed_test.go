package writers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// keyedSchema is an input column, then added columns as the pipeline makes
// them: shared (observable, tags), per row (source index), shared again.
var keyedSchema = arrow.NewSchema([]arrow.Field{
	{Name: "vt_observable", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "vt_tags", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	{Name: "vt_source_index", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "vt_verdict", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

var keyedShared = []bool{true, true, false, true}

// keyedBatch builds a batch whose output row i shows result keys[i]: the
// values of a key are made from the key, so rows of one key agree.
func keyedBatch(t *testing.T, first int, keys []int64, scope any) *rows.Joined {
	t.Helper()
	in := stringSchema("line")
	var lines, added []string
	for i, k := range keys {
		lines = append(lines, fmt.Sprintf(`{"line":"row %d"}`, first+i))
		switch k {
		case rows.NoResult:
			added = append(added, fmt.Sprintf(`{"vt_source_index":%d}`, first+i))
		case rows.OwnResult:
			added = append(added, fmt.Sprintf(`{"vt_observable":"own-%d","vt_tags":["x"],"vt_source_index":%d,"vt_verdict":"=own"}`, first+i, first+i))
		default:
			added = append(added, fmt.Sprintf(`{"vt_observable":"obs,%d","vt_tags":["t%d","q\"%d"],"vt_source_index":%d,"vt_verdict":"-v%d"}`, k, k, k, first+i, k))
		}
	}
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, in, strings.NewReader("["+strings.Join(lines, ",")+"]"))
	if err != nil {
		t.Fatal(err)
	}
	add, _, err := array.RecordFromJSON(memory.DefaultAllocator, keyedSchema, strings.NewReader("["+strings.Join(added, ",")+"]"))
	if err != nil {
		t.Fatal(err)
	}
	return &rows.Joined{Batch: &rows.Batch{Source: "keyed", First: int64(first), Record: rec}, Added: add,
		Keys: &rows.AddedKeys{Row: keys, Shared: keyedShared, Scope: scope}}
}

// TestCSVKeyedRowsMatchUnkeyed: rendering a result's columns once and
// copying them writes exactly what rendering every cell writes, across
// batches, with rows without a result, rows with their own result, a per
// row column between shared ones, spreadsheet formulas and quoting, and
// past the limit of kept text.
func TestCSVKeyedRowsMatchUnkeyed(t *testing.T) {
	scope := new(int)
	batches := [][]int64{
		{0, 1, 0, rows.NoResult, 2, 2, rows.OwnResult, 1},
		{2, 3, rows.NoResult, 0, rows.OwnResult, 3, 4},
		{5, 0, 5, 6, 7, 8, 9, 1},
	}
	schema := rows.OutputSchema(stringSchema("line"), keyedSchema)
	for _, limit := range []int{8 << 20, 64, 0} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			defer func(was int) { keptTextLimit = was }(keptTextLimit)
			keptTextLimit = limit
			for _, format := range []rows.Format{rows.CSV, rows.TSV} {
				var keyed, plain []*rows.Joined
				first := 0
				for _, keys := range batches {
					keyed = append(keyed, keyedBatch(t, first, keys, scope))
					p := keyedBatch(t, first, keys, scope)
					p.Keys = nil
					plain = append(plain, p)
					first += len(keys)
				}
				got := string(writeAll(t, schema, Options{Format: format}, keyed...))
				want := string(writeAll(t, schema, Options{Format: format}, plain...))
				if got != want {
					t.Errorf("%s with keys:\n%s\nwant (every cell rendered):\n%s", format, got, want)
				}
				if !strings.Contains(got, `'-v2`) || format == rows.CSV && !strings.Contains(got, `"obs,3"`) {
					t.Errorf("%s: formulas not neutralised or fields not quoted:\n%s", format, got)
				}
			}
		})
	}
}

// TestCSVKeyedTextIsReused: within a scope a key's text is rendered once,
// even for a later batch (the pipeline promises equal values, so a batch
// breaking the promise shows the first text); a new scope starts afresh.
func TestCSVKeyedTextIsReused(t *testing.T) {
	schema := rows.OutputSchema(stringSchema("line"), keyedSchema)
	first := keyedBatch(t, 0, []int64{7}, "run 1")
	liar := keyedBatch(t, 1, []int64{8}, "run 1")
	liar.Keys.Row[0] = 7 // row shows key 8's values under key 7
	fresh := keyedBatch(t, 2, []int64{8}, "run 2")
	fresh.Keys.Row[0] = 7
	lines := strings.Split(strings.TrimSpace(string(writeAll(t, schema, Options{Format: rows.CSV}, first, liar, fresh))), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	if !strings.Contains(lines[2], `"obs,7"`) || !strings.Contains(lines[2], ",1,") {
		t.Errorf("same scope: line %q, want key 7's text and its own source index 1", lines[2])
	}
	if !strings.Contains(lines[3], `"obs,8"`) {
		t.Errorf("new scope: line %q, want the row's own values", lines[3])
	}
}

// TestCSVRefusesOmittedValuesItCannotPlace: rows that came without their
// values, under keys that do not fit the batch, are an error, never empty
// cells.
func TestCSVRefusesOmittedValuesItCannotPlace(t *testing.T) {
	schema := rows.OutputSchema(stringSchema("line"), keyedSchema)
	for _, omitted := range []bool{false, true} {
		j := keyedBatch(t, 0, []int64{1, 1}, "run")
		j.Keys.Shared = j.Keys.Shared[:2] // fits no batch of this schema
		j.Keys.Omitted = omitted
		w, err := New(&strings.Builder{}, schema, Options{Format: rows.CSV})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(j); (err != nil) != omitted {
			t.Errorf("omitted %v: Write error %v", omitted, err)
		}
	}
}
