package writers

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/writers")

// golden compares got with the golden file, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "writers", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./writers -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test ./writers -update rewrites it after a deliberate change)\n got:\n%s\nwant:\n%s",
			path, got, want)
	}
}

func TestTextGolden(t *testing.T) {
	schema := rows.OutputSchema(allTypesSchema, addedSchema)
	oneCol := arrow.NewSchema([]arrow.Field{{Name: "only", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	for _, tc := range []struct {
		file   string
		schema *arrow.Schema
		opts   Options
		join   func(t testing.TB) *rows.Joined
	}{
		{"all_types.csv", schema, Options{Format: rows.CSV}, joinedAllTypes},
		{"all_types.tsv", schema, Options{Format: rows.TSV}, joinedAllTypes},
		{"all_types.jsonl", schema, Options{Format: rows.JSONL}, joinedAllTypes},
		// In a one-column CSV an empty value must not become a blank line,
		// which readers skip; null stays empty.
		{"one_column.csv", oneCol, Options{Format: rows.CSV}, func(t testing.TB) *rows.Joined {
			rec := recordFromJSON(t, oneCol, `[{"only":"a"},{"only":""},{"only":null},{"only":"b,c"}]`)
			return &rows.Joined{Batch: &rows.Batch{Record: rec}}
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			golden(t, tc.file, writeAll(t, tc.schema, tc.opts, tc.join(t)))
		})
	}
}
