package rows

import "testing"

func TestFormatFromPath(t *testing.T) {
	for _, tc := range []struct {
		path   string
		format Format
		stream string
		ok     bool
	}{
		{"out.csv", CSV, "", true},
		{"dir.d/OUT.CSV.GZ", CSV, "gzip", true},
		{"dir.csv/a.pq", Parquet, "", true},
		{"a.tab.gz", TSV, "gzip", true},
		{"x.tsv.zst", TSV, "zstd", true},
		{"x.jsonl.zstd", JSONL, "zstd", true},
		{"x.ndjson", JSONL, "", true},
		{"x.json", JSONL, "", true},
		{"x.parquet", Parquet, "", true},
		{"x.arrow", Arrow, "", true},
		{"x.arrows", Arrow, "", true},
		{"a.ipc.zstd", Arrow, "zstd", true},
		{"x.parquet.gz", Parquet, "gzip", true}, // writers.New rejects the combination
		{"x.gz", "", "", false},
		{"x.txt", "", "", false},
		{"x.xlsx", "", "", false},
		{"csv", "", "", false},
		{"-", "", "", false},
	} {
		format, stream, ok := FormatFromPath(tc.path)
		if format != tc.format || stream != tc.stream || ok != tc.ok {
			t.Errorf("FormatFromPath(%q) = %q, %q, %v; want %q, %q, %v",
				tc.path, format, stream, ok, tc.format, tc.stream, tc.ok)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"NDJSON": JSONL, "csv": CSV, "tab": TSV, "pq": Parquet, "ipc": Arrow} {
		if f, err := ParseFormat(in); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, f, err, want)
		}
	}
	for _, in := range []string{"xml", "", "xlsx"} {
		if _, err := ParseFormat(in); err == nil {
			t.Errorf("ParseFormat(%q) gave no error", in)
		}
	}
}

func TestCheckCompression(t *testing.T) {
	for _, tc := range []struct {
		f  Format
		c  string
		ok bool
	}{
		{Parquet, "", true}, {Parquet, "zstd", true}, {Parquet, "snappy", true}, {Parquet, "lz4", false},
		{Arrow, "lz4", true}, {Arrow, "snappy", false}, {CSV, "", true}, {CSV, "gzip", false},
	} {
		if err := tc.f.CheckCompression(tc.c); (err == nil) != tc.ok {
			t.Errorf("%s.CheckCompression(%q) = %v, want ok=%v", tc.f, tc.c, err, tc.ok)
		}
	}
}
