package writers

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// checkJoined verifies that j fits the output schema: its source columns
// are the schema's leading fields and its added columns the rest, with one
// added row per output row. Formats with a header or a file schema cannot
// take a column that turns up later (a JSONL key first seen on line 5,000),
// so the error names the column and the way out.
func checkJoined(schema *arrow.Schema, f rows.Format, j *rows.Joined) error {
	if j.Batch == nil || j.Record == nil {
		return fmt.Errorf("writers: batch without a record")
	}
	nAdded, err := checkAdded(schema, j)
	if err != nil {
		return err
	}
	in := schema.Fields()[:len(schema.Fields())-nAdded]
	got := j.Record.Schema().Fields()
	for k := 0; k < max(len(in), len(got)); k++ {
		switch {
		case k >= len(in):
			return fmt.Errorf("writers: %s: column %q appears at row %d or after, but the %s output's columns were fixed by the first rows; %s output needs one set of columns: use --to jsonl to keep every object as it is",
				j.Source, got[k].Name, j.First, f, f)
		case k >= len(got):
			return fmt.Errorf("writers: %s: column %q is missing from the batch at row %d", j.Source, in[k].Name, j.First)
		case got[k].Name != in[k].Name:
			return fmt.Errorf("writers: %s: column %d is %q at row %d, but %q in the %s output's columns; %s output needs one set of columns: use --to jsonl to keep every object as it is",
				j.Source, k+1, got[k].Name, j.First, in[k].Name, f, f)
		case !arrow.TypeEqual(got[k].Type, in[k].Type):
			return fmt.Errorf("writers: %s: column %q changes type from %s to %s at row %d",
				j.Source, in[k].Name, in[k].Type, got[k].Type, j.First)
		}
	}
	if j.Take != nil {
		n := int32(j.Record.NumRows())
		for i, src := range j.Take {
			if src < 0 || src >= n {
				return fmt.Errorf("writers: %s: output row %d takes source row %d of a %d-row batch", j.Source, i, src, n)
			}
		}
	}
	return nil
}

// checkAdded verifies j's added columns against the tail of the schema,
// and returns how many there are.
func checkAdded(schema *arrow.Schema, j *rows.Joined) (int, error) {
	if j.Added == nil {
		return 0, nil
	}
	if int(j.Added.NumRows()) != j.Len() {
		return 0, fmt.Errorf("writers: %s: %d added rows for %d output rows (batch at row %d)",
			j.Source, j.Added.NumRows(), j.Len(), j.First)
	}
	all, added := schema.Fields(), j.Added.Schema().Fields()
	if len(added) > len(all) {
		return 0, fmt.Errorf("writers: %d added columns, but the output has %d columns", len(added), len(all))
	}
	tail := all[len(all)-len(added):]
	for k, f := range added {
		if f.Name != tail[k].Name || !arrow.TypeEqual(f.Type, tail[k].Type) {
			return 0, fmt.Errorf("writers: added column %d is %q (%s), but the output expects %q (%s)",
				k+1, f.Name, f.Type, tail[k].Name, tail[k].Type)
		}
	}
	return len(added), nil
}

// checkUniqueNames rejects a schema with two columns of one name: a columnar
// file addresses columns by name, so the second would be unreachable or
// rejected by readers. Text formats keep duplicates as they came.
func checkUniqueNames(schema *arrow.Schema, f rows.Format) error {
	seen := make(map[string]int, schema.NumFields())
	for k, field := range schema.Fields() {
		if first, dup := seen[field.Name]; dup {
			return fmt.Errorf("writers: columns %d and %d are both named %q; %s output needs unique column names: rename one, or write csv, tsv or jsonl",
				first+1, k+1, field.Name, f)
		}
		seen[field.Name] = k
	}
	return nil
}
