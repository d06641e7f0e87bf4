package rows

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// FormatInfo is everything vtenrich knows of a file format: the names the
// CLI accepts for it, the file name extensions that select it, and the
// compression it allows. Readers, writers and the CLI all read it from
// Formats; nothing else lists formats.
type FormatInfo struct {
	Format Format
	// Aliases are other names --from and --to accept.
	Aliases []string
	// Extensions select the format from a file name (without the dot).
	Extensions []string
	// Binary formats are compressed inside the file (Compressions) and never
	// written to a terminal; text formats are compressed as a whole stream,
	// chosen by a .gz or .zst suffix.
	Binary bool
	// Compressions lists the --compression values, the default first.
	Compressions []string
}

// Table is an aligned text table for a person at a terminal (vtenrich
// lookup). It is written, never read, and not a file format: --from, --to
// and file names never select it.
const Table Format = "table"

// formats is the table. The order is the order help texts show.
var formats = []FormatInfo{
	{Format: CSV, Extensions: []string{"csv"}},
	{Format: TSV, Aliases: []string{"tab"}, Extensions: []string{"tsv", "tab"}},
	{Format: JSONL, Aliases: []string{"ndjson", "json"}, Extensions: []string{"jsonl", "ndjson", "json"}},
	{Format: Parquet, Aliases: []string{"pq"}, Extensions: []string{"parquet", "pq"}, Binary: true,
		Compressions: []string{"zstd", "snappy", "gzip", "none"}},
	{Format: Arrow, Aliases: []string{"arrows", "ipc"}, Extensions: []string{"arrow", "arrows", "ipc"}, Binary: true,
		Compressions: []string{"none", "zstd", "lz4"}},
}

// Formats lists every supported format, in the order help texts show them.
var Formats = func() []Format {
	fs := make([]Format, len(formats))
	for i, f := range formats {
		fs[i] = f.Format
	}
	return fs
}()

// StreamCompressions maps the suffixes that compress a text format as a
// whole to the compression they name.
var StreamCompressions = map[string]string{"gz": "gzip", "gzip": "gzip", "zst": "zstd", "zstd": "zstd"}

// Info returns the table entry of f.
func (f Format) Info() FormatInfo {
	for _, fi := range formats {
		if fi.Format == f {
			return fi
		}
	}
	return FormatInfo{Format: f}
}

// FormatNames is the list of format names for help texts and messages.
func FormatNames() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f.Format)
	}
	return strings.Join(names, ", ")
}

// ParseFormat turns a --from/--to value into a Format: a format name or
// one of its aliases, in any case.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(s)
	for _, f := range formats {
		if string(f.Format) == name || slices.Contains(f.Aliases, name) {
			return f.Format, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want one of %s)", s, FormatNames())
}

// FormatFromPath reads the format and stream compression from a file name,
// case-insensitively, looking through a .gz or .zst suffix: "out.csv.gz"
// is CSV in gzip. ok is false when the name names no known format (no
// extension, an unknown one, or "-").
func FormatFromPath(path string) (format Format, stream string, ok bool) {
	name := strings.ToLower(filepath.Base(path))
	ext := strings.TrimPrefix(filepath.Ext(name), ".")
	if s, isStream := StreamCompressions[ext]; isStream {
		stream = s
		name = strings.TrimSuffix(name, "."+ext)
		ext = strings.TrimPrefix(filepath.Ext(name), ".")
	}
	for _, f := range formats {
		if ext != "" && slices.Contains(f.Extensions, ext) {
			return f.Format, stream, true
		}
	}
	return "", "", false
}

// StreamFromPath is the stream compression a file name's last suffix
// names ("gzip" for .gz, "zstd" for .zst), or "".
func StreamFromPath(path string) string {
	return StreamCompressions[strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")]
}

// CheckCompression refuses a --compression value the format does not
// allow ("" is the default and always allowed).
func (f Format) CheckCompression(c string) error {
	info := f.Info()
	if c == "" || slices.Contains(info.Compressions, c) {
		return nil
	}
	if !info.Binary {
		return fmt.Errorf("%s output takes no --compression; name the file .gz or .zst to compress it", f)
	}
	return fmt.Errorf("%s output cannot be compressed with %q (want %s)", f, c, strings.Join(info.Compressions, ", "))
}
