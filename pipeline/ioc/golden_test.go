package ioc

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestProcessTreeGolden scans the CommandLine column of the seed's
// process-creation export and compares every candidate (screened ones
// too) with the golden file.
func TestProcessTreeGolden(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "process_tree.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.LazyQuotes = true // the export has a stray quote, as pandas tolerates
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, name := range rows[0] {
		if name == "CommandLine" {
			col = i
		}
	}
	if col < 0 || len(rows) != 118 {
		t.Fatalf("CommandLine column %d, %d rows: not the seed export", col, len(rows))
	}
	var out bytes.Buffer
	out.WriteString("# row\ttype\tvalue\treason (none: looked up)\n")
	e := NewExtractor(Config{})
	for i, row := range rows[1:] {
		e.Scan([]byte(row[col]), func(m *Match) {
			fmt.Fprintf(&out, "%d\t%s\t%s\t%s\n", i, m.Type, m.Value, m.Reason)
		})
	}
	golden := filepath.Join("..", "..", "testdata", "ioc", "process_tree.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("observables differ from %s (run with -update to accept):\n%s", golden, out.Bytes())
	}
}
