package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
	"github.com/vtenrich/vtenrich/writers"
)

// ioFlags are the input and output flags every row-processing command has.
type ioFlags struct {
	from, onBadRow string
	encoding       string
	maxField       string
	delimiter      string
	inferTypes     bool
	output, to     string
	compression    string
	escapeFormulas bool
	batchRows      int
	tempDir        string
}

func (f *ioFlags) register(fs *pflag.FlagSet) {
	f.registerInput(fs)
	f.registerOutput(fs)
	fs.IntVar(&f.batchRows, "batch-rows", readers.DefaultBatchRows, "rows per batch passed between stages")
	fs.StringVar(&f.tempDir, "temp-dir", "", "folder for spill and spool files (default: the system temporary folder)")
}

func (f *ioFlags) registerInput(fs *pflag.FlagSet) {
	fs.StringVar(&f.from, "from", "", "input format: "+formatList()+" (default: from the file extension, else sniffed)")
	fs.StringVar(&f.encoding, "encoding", "utf-8", "text encoding of CSV/TSV/JSONL input: "+strings.Join(readers.Encodings, ", ")+" (UTF-16 with a byte order mark or in plain ASCII is recognised anyway)")
	fs.StringVar(&f.onBadRow, "on-bad-row", "fail", "what to do with an unparsable CSV/TSV/JSONL row: fail or skip (skipped rows are counted on stderr)")
	fs.StringVar(&f.delimiter, "delimiter", "", "what splits CSV input's fields instead of the comma: one character, such as ';' (Excel where the comma is the decimal separator) or '|'")
	fs.StringVar(&f.maxField, "max-field", fmt.Sprintf("%dMiB", readers.DefaultMaxFieldBytes>>20), fmt.Sprintf("longest CSV/TSV field or JSON line read (at most %dGiB); a longer one is a bad row (see --on-bad-row)", readers.MaxFieldLimit>>30))
	fs.BoolVar(&f.inferTypes, "infer-types", false, "type CSV/TSV/JSONL columns as int64/float64/bool where every value of the first batch fits (default: strings); a later value that does not fit stops the run")
}

// registerOutput registers the output flags alone (vtenrich lookup has no input file).
func (f *ioFlags) registerOutput(fs *pflag.FlagSet) {
	fs.StringVarP(&f.output, "output", "o", "", "write to FILE (atomically: a temporary file renamed on success); .gz/.zst compress text formats")
	fs.StringVar(&f.to, "to", "", "output format: "+formatList()+" (default: from -o's extension, else the input format)")
	fs.BoolVar(&f.escapeFormulas, "escape-formulas", false, "CSV/TSV: also neutralise spreadsheet formulas (=, +, -, @ ...) in the input's own columns with a leading ' (VirusTotal's values always are)")
	fs.StringVar(&f.compression, "compression", "", "Parquet compression: zstd (default), snappy, gzip or none; Arrow IPC: zstd, lz4 or none (default)")
}

func formatList() string { return rows.FormatNames() }

// parseFormat reads --from/--to with the format table's names and aliases
// (ndjson, json, tab, pq, ipc, arrows ...).
func parseFormat(flag, s string) (rows.Format, error) {
	if s == "" {
		return "", nil
	}
	f, err := rows.ParseFormat(s)
	if err != nil {
		return "", usageError("--%s: %v", flag, err)
	}
	return f, nil
}

// readOptions turns the flags into reader options. Reading from stdin
// flushes partial batches when the input goes quiet, so `tail -f` streams.
func (f *ioFlags) readOptions(inputs []string) (readers.Options, error) {
	format, err := parseFormat("from", f.from)
	if err != nil {
		return readers.Options{}, err
	}
	encoding, err := readers.ParseEncoding(f.encoding)
	if err != nil {
		return readers.Options{}, usageError("--encoding: %v", err)
	}
	opts := readers.Options{Format: format, InferTypes: f.inferTypes, BatchRows: f.batchRows, TempDir: f.tempDir, Encoding: encoding}
	if f.delimiter != "" {
		d, err := parseDelimiter(f.delimiter)
		if err != nil {
			return opts, usageError("--delimiter %q: %v", f.delimiter, err)
		}
		opts.Delimiter = d
	}
	if f.maxField != "" {
		n, err := parseBytes(f.maxField)
		if err != nil || n <= 0 || n > readers.MaxFieldLimit {
			return opts, usageError("--max-field %q: want a size from 1 byte to %dGiB, such as 256MiB", f.maxField, readers.MaxFieldLimit>>30)
		}
		opts.MaxFieldBytes = int(n)
	}
	switch f.onBadRow {
	case "fail", "":
	case "skip":
		opts.OnBadRow = readers.SkipBadRows
	default:
		return opts, usageError("--on-bad-row %q: want fail or skip", f.onBadRow)
	}
	if f.batchRows < 0 {
		return opts, usageError("--batch-rows cannot be negative")
	}
	if len(inputs) == 0 || (len(inputs) == 1 && inputs[0] == "-") {
		opts.IdleFlush = 200 * time.Millisecond
	}
	return opts, nil
}

// writeOptions turns the flags into writer options.
func (f *ioFlags) writeOptions(a *app, inputs []string) (writers.Options, error) {
	format, err := parseFormat("to", f.to)
	if err != nil {
		return writers.Options{}, err
	}
	byName, _, named := rows.FormatFromPath(f.output)
	switch {
	case f.output != "" && f.output != "-" && format == "" && !named && filepath.Ext(f.output) != "":
		return writers.Options{}, usageError("-o %s: vtenrich cannot write %s files; name the file .csv, .tsv, .jsonl, .parquet, .arrow or .arrows (optionally .gz/.zst for text), or say --to",
			f.output, filepath.Ext(f.output))
	case format != "" && named && byName != format:
		return writers.Options{}, usageError("-o %s names a %s file but --to says %s", f.output, byName, format)
	case format == "" && named:
		format = byName
	}
	if format != "" {
		if err := format.CheckCompression(f.compression); err != nil {
			return writers.Options{}, usageError("--compression: %v", err)
		}
	} else if err := checkAnyCompression(f.compression); err != nil {
		return writers.Options{}, err
	}
	opts := writers.Options{Format: format, Compression: f.compression, EscapeFormulas: f.escapeFormulas}
	// Someone is watching: a terminal, or a stream fed by `tail -f`.
	streaming := len(inputs) == 0 || (len(inputs) == 1 && inputs[0] == "-")
	opts.FlushEachBatch = f.output == "" && (isTerminal(a.stdout) || streaming)
	return opts, nil
}

// checkAnyCompression refuses a --compression value no format takes, when
// the output format is known only once the input is open.
func checkAnyCompression(c string) error {
	if c == "" {
		return nil
	}
	for _, f := range rows.Formats {
		if f.CheckCompression(c) == nil {
			return nil
		}
	}
	return usageError("--compression %q: no output format takes it", c)
}

// checkOutput refuses binary formats on a terminal, where they would only
// scramble the screen.
func (f *ioFlags) checkOutput(a *app, opts writers.Options) error {
	if f.output != "" || !isTerminal(a.stdout) {
		return nil
	}
	if opts.Format.Info().Binary {
		return usageError("refusing to write %s to a terminal; use -o FILE or a pipe", opts.Format)
	}
	return nil
}

// parseDuration accepts Go durations plus whole days ("7d", "1d12h") and
// "0". Anything it cannot read whole is an error, never a silent rounding.
func parseDuration(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	var total time.Duration
	if i := strings.IndexByte(s, 'd'); i > 0 {
		days, err := strconv.Atoi(s[:i])
		if err != nil || days < 0 {
			return 0, fmt.Errorf("invalid duration %q (examples: 7d, 36h, 90m)", s)
		}
		total = time.Duration(days) * 24 * time.Hour
		if s = s[i+1:]; s == "" {
			return total, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("invalid duration %q (examples: 7d, 36h, 90m)", s)
	}
	return total + d, nil
}

// byteUnits are the size suffixes parseBytes knows, longest first.
var byteUnits = []struct {
	suffix string
	mult   int64
}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}}

// parseBytes accepts sizes like 64MiB, 1gib, 512M, 100000; the number must
// be a whole one and nothing may follow the unit.
func parseBytes(s string) (int64, error) {
	num, mult := strings.ToLower(strings.TrimSpace(s)), int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSuffix(num, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("invalid size %q (examples: 64MiB, 1GiB, 512M)", s)
	}
	return n * mult, nil
}

func tempDir(dir string) string {
	if dir == "" {
		return os.TempDir()
	}
	return dir
}

// parseDelimiter reads --delimiter: one ASCII character that can split
// fields (not a quote or a line end); "tab" or "\t" is a tab.
func parseDelimiter(s string) (byte, error) {
	if s == "tab" || s == `\t` {
		return '\t', nil
	}
	if len(s) != 1 || s[0] >= 0x80 || s[0] == '"' || s[0] == '\n' || s[0] == '\r' {
		return 0, fmt.Errorf("want one ASCII character other than a quote or a line end, such as ';' or '|'")
	}
	return s[0], nil
}
