package readers_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/readers"
)

// expected is the head line of a parquet-expected file, and its rows.
type expected struct {
	Columns []string          `json:"columns"`
	Rows    int               `json:"rows"`
	SHA256  string            `json:"sha256"`
	Skipped map[string]string `json:"skipped"`
	head    []string
}

// readExpected loads parquet-expected/NAME.jsonl.
func readExpected(t *testing.T, name string) *expected {
	t.Helper()
	return readExpectedFile(t, filepath.Join(conformanceDir, "parquet-expected", strings.TrimSuffix(name, ".parquet")+".jsonl"))
}

// readExpectedFile loads a file written by make-parquet-expected.mjs.
func readExpectedFile(t *testing.T, path string) *expected {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	e := &expected{}
	for first := true; sc.Scan(); first = false {
		if first {
			if err := json.Unmarshal(sc.Bytes(), e); err != nil {
				t.Fatal(err)
			}
			continue
		}
		e.head = append(e.head, sc.Text())
	}
	return e
}

// twins are files DuckDB counts but cannot decode (LZ4 with Hadoop
// framing), whose rows another file of the suite holds the same.
var twins = map[string]string{
	"hadoop_lz4_compressed.parquet":        "lz4_raw_compressed.parquet",
	"non_hadoop_lz4_compressed.parquet":    "lz4_raw_compressed.parquet",
	"hadoop_lz4_compressed_larger.parquet": "lz4_raw_compressed_larger.parquet",
}

// readCanonical reads a Parquet file with vtenrich and renders the named
// columns of every row as canonical JSON lines (see
// make-parquet-expected.mjs); all columns when names is nil.
func readCanonical(path string, names []string) (lines []string, cols []string, err error) {
	ctx := context.Background()
	r, err := readers.Open(ctx, []string{path}, nil, readers.Options{Format: rows.Parquet})
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	sch := r.Schema()
	if names == nil {
		for _, f := range sch.Fields() {
			names = append(names, f.Name)
		}
	}
	idx := make([]int, len(names))
	for k, n := range names {
		found := sch.FieldIndices(n)
		if len(found) == 0 {
			return nil, nil, fmt.Errorf("no column %q in %s", n, sch)
		}
		idx[k] = found[0]
	}
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return lines, names, nil
		}
		if err != nil {
			return lines, names, err
		}
		for i := range b.NumRows() {
			var sb strings.Builder
			sb.WriteByte('[')
			for k, c := range idx {
				if k > 0 {
					sb.WriteByte(',')
				}
				canonical(&sb, b.Record.Column(c), i)
			}
			sb.WriteByte(']')
			lines = append(lines, sb.String())
		}
		b.Release()
	}
}

// TestParquetConformance reads every file of parquet-testing and compares
// rows and values with DuckDB's reading (parquet-expected/), then converts
// it to every output format. A file neither reads must be refused with a
// message naming it.
func TestParquetConformance(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(conformanceDir, "parquet-testing")
	paths, err := filepath.Glob(filepath.Join(dir, "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	counts := duckDBCounts(t, dir)
	var lines []string
	readable, same := 0, 0
	for _, path := range paths {
		name := filepath.Base(path)
		if name == hugeFile {
			readable++ // checked by TestParquetHugeValues: 2 GiB of map keys
			same++
			continue
		}
		if counts[name] != "unreadable" {
			readable++
			if compareWithDuckDB(t, path) {
				same++
			}
		}
		for _, to := range outputFormats {
			c := convert(path, rows.Parquet, to)
			lines = append(lines, fmt.Sprintf("%s %s: %s", name, to, c.outcome(path)))
			checkRefusal(t, path, c.err)
		}
	}
	checkOutcomes(t, "parquet-outcomes.txt", lines)
	t.Logf("Parquet files DuckDB counts: %d; read by vtenrich with DuckDB's rows and values: %d (%s by TestParquetHugeValues)", readable, same, hugeFile)
}

// hugeFile holds two rows of a map whose one key is 1 GiB long (DuckDB
// reads it; its test script cannot hold the values).
const hugeFile = "large_string_map.brotli.parquet"

// hugeEnv enables TestParquetHugeValues: it takes about 30 s and 11 GB of
// memory, too much for every go test.
const hugeEnv = "VTENRICH_HUGE_PARQUET"

// TestParquetHugeValues reads hugeFile: both rows, each map of one 1 GiB
// key of 'a's and the value 1, in batches that keep Arrow's 32-bit offsets.
func TestParquetHugeValues(t *testing.T) {
	if os.Getenv(hugeEnv) == "" {
		t.Skipf("set %s=1 to read 2 GiB of map keys (30 s, 11 GB)", hugeEnv)
	}
	ctx := context.Background()
	r, err := readers.Open(ctx, []string{filepath.Join(conformanceDir, "parquet-testing", hugeFile)}, nil, readers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		m := b.Record.Column(0).(*array.Map)
		for i := range b.NumRows() {
			start, end := m.ValueOffsets(i)
			key := m.Keys().(*array.String).Value(int(start))
			if end-start != 1 || len(key) != 1<<30 || strings.Trim(key, "a") != "" || m.Items().(*array.Int32).Value(int(start)) != 1 {
				t.Errorf("row %d: %d entries, key of %d bytes", n+i, end-start, len(key))
			}
		}
		n += b.NumRows()
		b.Release()
	}
	if n != 2 {
		t.Errorf("%d rows, want 2", n)
	}
}

// duckDBCounts reads duckdb-row-counts.csv.
func duckDBCounts(t *testing.T, dir string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "duckdb-row-counts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		name, n, _ := strings.Cut(l, ",")
		counts[name] = n
	}
	return counts
}

// compareWithDuckDB checks one file's rows against parquet-expected.
func compareWithDuckDB(t *testing.T, path string) bool {
	t.Helper()
	name := filepath.Base(path)
	exp := readExpected(t, name)
	cols := exp.Columns
	if twin, ok := twins[name]; ok {
		exp = readExpected(t, twin)
		cols = exp.Columns
	}
	got, _, err := readCanonical(path, cols)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return false
	}
	if len(got) != exp.Rows {
		t.Errorf("%s: %d rows, DuckDB reads %d", name, len(got), exp.Rows)
		return false
	}
	ok := true
	for i, want := range exp.head {
		if got[i] != want {
			t.Errorf("%s row %d:\n got %s\nwant %s", name, i, clip(got[i]), clip(want))
			ok = false
			break
		}
	}
	if ok && len(cols) > 0 && rowsHash(got) != exp.SHA256 {
		t.Errorf("%s: the first %d rows match DuckDB's, later rows differ", name, len(exp.head))
		ok = false
	}
	return ok && checkSkipped(t, path, exp)
}

// checkSkipped checks the columns DuckDB could not decode where the file
// holds the same values in another column: byte_stream_split_extended
// stores each column twice, PLAIN and BYTE_STREAM_SPLIT.
func checkSkipped(t *testing.T, path string, exp *expected) bool {
	t.Helper()
	ok := true
	for col := range exp.Skipped {
		plain, isSplit := strings.CutSuffix(col, "_byte_stream_split")
		if !isSplit {
			continue
		}
		a, _, err1 := readCanonical(path, []string{col})
		b, _, err2 := readCanonical(path, []string{plain + "_plain"})
		if err1 != nil || err2 != nil || strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Errorf("%s: column %s differs from %s_plain (%v, %v)", filepath.Base(path), col, plain, err1, err2)
			ok = false
		}
	}
	return ok
}

// rowsHash is the SHA-256 of the lines, each newline-terminated.
func rowsHash(lines []string) string {
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l+"\n")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// clip shortens a line for a message.
func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "..."
	}
	return s
}

// canonical writes row i of a in the canonical JSON of
// make-parquet-expected.mjs.
func canonical(sb *strings.Builder, a arrow.Array, i int) {
	if a.IsNull(i) || a.DataType().ID() == arrow.NULL {
		sb.WriteString("null")
		return
	}
	switch a := a.(type) {
	case *array.Boolean:
		sb.WriteString(strconv.FormatBool(a.Value(i)))
	case *array.Int8, *array.Int16, *array.Int32, *array.Int64, *array.Uint8, *array.Uint16, *array.Uint32, *array.Uint64:
		sb.WriteString(a.ValueStr(i))
	case *array.Float16:
		canonicalFloat(sb, float64(a.Value(i).Float32()))
	case *array.Float32:
		canonicalFloat(sb, float64(a.Value(i)))
	case *array.Float64:
		canonicalFloat(sb, a.Value(i))
	case *array.Decimal128:
		sb.WriteString(a.Value(i).ToString(a.DataType().(*arrow.Decimal128Type).Scale))
	case *array.Decimal256:
		sb.WriteString(a.Value(i).ToString(a.DataType().(*arrow.Decimal256Type).Scale))
	case *array.String:
		canonicalString(sb, a.Value(i))
	case *array.LargeString:
		canonicalString(sb, a.Value(i))
	case *array.Binary:
		canonicalString(sb, base64.StdEncoding.EncodeToString(a.Value(i)))
	case *array.LargeBinary:
		canonicalString(sb, base64.StdEncoding.EncodeToString(a.Value(i)))
	case *array.FixedSizeBinary:
		canonicalString(sb, base64.StdEncoding.EncodeToString(a.Value(i)))
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		canonicalString(sb, isoTime(int64(a.Value(i)), unit.Multiplier()))
	case *array.Date32:
		canonicalString(sb, isoTime(int64(a.Value(i))*86400, time.Second)[:10])
	case *array.Date64:
		canonicalString(sb, isoTime(int64(a.Value(i)), time.Millisecond)[:10])
	case *array.Time32:
		canonicalString(sb, isoTime(int64(a.Value(i)), a.DataType().(*arrow.Time32Type).Unit.Multiplier())[11:])
	case *array.Time64:
		canonicalString(sb, isoTime(int64(a.Value(i)), a.DataType().(*arrow.Time64Type).Unit.Multiplier())[11:])
	case *array.Map:
		start, end := a.ValueOffsets(i)
		sb.WriteByte('[')
		for k := start; k < end; k++ {
			if k > start {
				sb.WriteByte(',')
			}
			sb.WriteByte('[')
			canonical(sb, a.Keys(), int(k))
			sb.WriteByte(',')
			canonical(sb, a.Items(), int(k))
			sb.WriteByte(']')
		}
		sb.WriteByte(']')
	case array.ListLike:
		start, end := a.ValueOffsets(i)
		sb.WriteByte('[')
		for k := start; k < end; k++ {
			if k > start {
				sb.WriteByte(',')
			}
			canonical(sb, a.ListValues(), int(k))
		}
		sb.WriteByte(']')
	case *array.Struct:
		sb.WriteByte('{')
		for k, f := range a.DataType().(*arrow.StructType).Fields() {
			if k > 0 {
				sb.WriteByte(',')
			}
			canonicalString(sb, f.Name)
			sb.WriteByte(':')
			canonical(sb, a.Field(k), i)
		}
		sb.WriteByte('}')
	case *array.Dictionary:
		canonical(sb, a.Dictionary(), a.GetValueIndex(i))
	default:
		canonicalString(sb, a.ValueStr(i))
	}
}

// canonicalFloat writes JavaScript's Number.prototype.toString of f.
func canonicalFloat(sb *strings.Builder, f float64) {
	switch {
	case math.IsNaN(f):
		sb.WriteString(`"NaN"`)
	case math.IsInf(f, 1):
		sb.WriteString(`"Infinity"`)
	case math.IsInf(f, -1):
		sb.WriteString(`"-Infinity"`)
	case f == 0 && math.Signbit(f):
		sb.WriteString("-0")
	case f != 0 && (math.Abs(f) < 1e-6 || math.Abs(f) >= 1e21):
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		sign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
		sb.WriteString(mant + "e" + sign + digits)
	default:
		sb.WriteString(strconv.FormatFloat(f, 'f', -1, 64))
	}
}

// canonicalString writes s as JSON.stringify does.
func canonicalString(sb *strings.Builder, s string) {
	sb.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			sb.WriteString(`\"`)
		case r == '\\':
			sb.WriteString(`\\`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r == '\b':
			sb.WriteString(`\b`)
		case r == '\f':
			sb.WriteString(`\f`)
		case r < 0x20:
			fmt.Fprintf(sb, `\u%04x`, r)
		case r == utf8.RuneError:
			sb.WriteString("\ufffd")
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
}

// isoTime formats count units since the epoch as
// YYYY-MM-DDTHH:MM:SS[.fraction], UTC, fraction without trailing zeros.
func isoTime(count int64, unit time.Duration) string {
	perSecond := int64(time.Second / unit)
	secs, frac := count/perSecond, count%perSecond
	if frac < 0 {
		frac += perSecond
		secs--
	}
	s := time.Unix(secs, 0).UTC().Format("2006-01-02T15:04:05")
	if frac != 0 {
		digits := len(strconv.FormatInt(perSecond, 10)) - 1
		s += "." + strings.TrimRight(fmt.Sprintf("%0*d", digits, frac), "0")
	}
	return s
}

// TestParquetWrittenReadsBack converts every suite file to Parquet and
// reads the result back: vtenrich's reader must see the rows and values it
// read from the original, and DuckDB (when $VTENRICH_DUCKDB_DIR has its
// Node client, as in CI) must see the same as vtenrich.
func TestParquetWrittenReadsBack(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(conformanceDir, "parquet-testing")
	paths, err := filepath.Glob(filepath.Join(dir, "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	ours := map[string][]string{}
	for _, path := range paths {
		name := filepath.Base(path)
		if name == hugeFile {
			continue
		}
		c := convert(path, rows.Parquet, rows.Parquet)
		if c.err != nil {
			t.Errorf("%s: %v", name, c.err)
			continue
		}
		written := filepath.Join(out, name)
		if err := os.WriteFile(written, c.out, 0o644); err != nil {
			t.Fatal(err)
		}
		want, cols, err := readCanonical(path, nil)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, _, err := readCanonical(written, cols)
		if err != nil {
			t.Errorf("%s written by vtenrich: %v", name, err)
			continue
		}
		if diff := firstDiff(got, want); diff != "" {
			t.Errorf("%s written by vtenrich reads back differently: %s", name, diff)
		}
		ours[name] = got
	}
	t.Logf("%d files written as Parquet and read back the same by vtenrich", len(ours))
	t.Run("duckdb", func(t *testing.T) {
		duck := duckDBExpected(t, out)
		for name, got := range ours {
			exp, ok := duck[name]
			switch {
			case !ok:
				t.Errorf("%s written by vtenrich: DuckDB wrote no reading of it", name)
			case len(exp.Skipped) > 0:
				t.Errorf("%s written by vtenrich: DuckDB cannot decode %v", name, exp.Skipped)
			case exp.Rows != len(got) || exp.SHA256 != rowsHash(got):
				t.Errorf("%s written by vtenrich: DuckDB reads %d rows (%s), vtenrich %d: %s", name, exp.Rows, exp.SHA256[:8], len(got), firstDiff(got, exp.head))
			}
		}
		t.Logf("%d files written as Parquet and read back by DuckDB the same as by vtenrich", len(ours))
	})
}

// firstDiff describes the first line where got and want differ ("" when
// none, want being possibly only the first lines).
func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("row %d:\n got %s\nwant %s", i, clip(got[i]), clip(want[i]))
		}
	}
	if len(want) > len(got) {
		return fmt.Sprintf("%d rows, want %d", len(got), len(want))
	}
	return ""
}

// duckDBEnv names the folder holding node_modules/@duckdb/node-api (see
// writers/duckdb_test.go).
const duckDBEnv = "VTENRICH_DUCKDB_DIR"

// duckDBExpected runs make-parquet-expected.mjs on dir and loads what
// DuckDB read from each file; the test is skipped without DuckDB.
func duckDBExpected(t *testing.T, dir string) map[string]*expected {
	t.Helper()
	duckDir := os.Getenv(duckDBEnv)
	if duckDir == "" {
		t.Skipf("%s is not set: no DuckDB to read the written Parquet back with", duckDBEnv)
	}
	if _, err := os.Stat(filepath.Join(duckDir, "node_modules", "@duckdb", "node-api")); err != nil {
		t.Skipf("%s=%s has no node_modules/@duckdb/node-api: %v", duckDBEnv, duckDir, err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on the PATH")
	}
	outDir := t.TempDir()
	script, _ := filepath.Abs(filepath.Join(conformanceDir, "make-parquet-expected.mjs"))
	cmd := exec.Command(node, script, dir, outDir)
	cmd.Dir = ".."
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("DuckDB reading the written files: %v\n%s", err, msg)
	}
	got := map[string]*expected{}
	files, _ := filepath.Glob(filepath.Join(outDir, "*.jsonl"))
	for _, f := range files {
		got[strings.TrimSuffix(filepath.Base(f), ".jsonl")+".parquet"] = readExpectedFile(t, f)
	}
	return got
}
