package writers

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// logSchema is a process/proxy log export as SIEMs give it: all strings.
var logSchema = stringSchema("TimeGenerated", "Computer", "SourceIP", "DestinationIP", "Url",
	"Account", "CommandLine", "FileHash", "EventID", "Action")

// logBatch generates n deterministic, realistic log rows and reports the
// bytes of field text they hold, the measure b.SetBytes uses. Each seed
// gives other rows, so that cycling through batches does not flatter
// dictionary encoding with repeats real logs do not have.
func logBatch(n int, seed uint64) (*rows.Joined, int64) {
	r := rand.New(rand.NewPCG(1, seed))
	hosts := []string{"WKSTN-0142.corp.contoso.com", "srv-db-07", "LAPTOP-8JH2K", "dc01.corp.contoso.com"}
	cmds := []string{
		`C:\Windows\System32\cmd.exe /c "whoami /all"`,
		`powershell.exe -nop -w hidden -enc SQBFAFgAKABOAGUAdwAtAE8AYgBqAGUAYwB0ACAATgBlAHQALgBXAGUAYgBDAGwAaQBlAG4AdAApAA==`,
		`"C:\Program Files\Google\Chrome\Application\chrome.exe" --type=renderer --field-trial-handle=1234,5678`,
		`rundll32.exe C:\Users\alice\AppData\Local\Temp\x.dll,Start`,
	}
	bld := array.NewRecordBuilder(memory.DefaultAllocator, logSchema)
	defer bld.Release()
	var size int64
	add := func(k int, s string) {
		bld.Field(k).(*array.StringBuilder).Append(s)
		size += int64(len(s))
	}
	for i := 0; i < n; i++ {
		add(0, fmt.Sprintf("2024-03-%02dT%02d:%02d:%02d.%03dZ", 1+i%28, r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000)))
		add(1, hosts[r.IntN(len(hosts))])
		add(2, fmt.Sprintf("10.%d.%d.%d", r.IntN(256), r.IntN(256), r.IntN(256)))
		add(3, fmt.Sprintf("%d.%d.%d.%d", 1+r.IntN(223), r.IntN(256), r.IntN(256), r.IntN(256)))
		add(4, fmt.Sprintf("https://cdn%d.example-%d.net/static/js/app.%x.js?v=%d", r.IntN(9), r.IntN(500), r.Uint32(), r.IntN(100)))
		add(5, fmt.Sprintf(`CONTOSO\user%03d`, r.IntN(300)))
		add(6, cmds[r.IntN(len(cmds))])
		add(7, fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64()))
		add(8, fmt.Sprint(4688+r.IntN(3)))
		add(9, []string{"allowed", "blocked", "audit"}[r.IntN(3)])
	}
	return &rows.Joined{Batch: &rows.Batch{Source: "bench", Record: bld.NewRecord()}}, size
}

// benchBatches are 16 batches of 4096 rows: one full default row group.
var benchBatches = sync.OnceValues(func() ([]*rows.Joined, []int64) {
	var batches []*rows.Joined
	var sizes []int64
	for seed := uint64(0); seed < 16; seed++ {
		j, size := logBatch(4096, seed)
		batches = append(batches, j)
		sizes = append(sizes, size)
	}
	return batches, sizes
})

func benchmarkWrite(b *testing.B, opts Options) {
	batches, _ := benchBatches()
	runWrites(b, logSchema, opts, func(i int) *rows.Joined { return batches[i%len(batches)] })
}

// runWrites writes b.N batches from next with a writer of opts, reporting
// MB/s of field text and how much the format shrinks it.
func runWrites(b *testing.B, schema *arrow.Schema, opts Options, next func(i int) *rows.Joined) {
	_, sizes := benchBatches()
	var out countingWriter
	w, err := New(&out, schema, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(sizes[0])
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := w.Write(next(i)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(out)/float64(sizes[0]*int64(b.N)), "out/in")
}

// countingWriter discards what it is given and counts it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// BenchmarkWriteCSV and the others write 4096-row batches of string log
// rows to io.Discard; MB/s counts the field text written.
func BenchmarkWriteCSV(b *testing.B)   { benchmarkWrite(b, Options{Format: rows.CSV}) }
func BenchmarkWriteTSV(b *testing.B)   { benchmarkWrite(b, Options{Format: rows.TSV}) }
func BenchmarkWriteJSONL(b *testing.B) { benchmarkWrite(b, Options{Format: rows.JSONL}) }
func BenchmarkWriteArrow(b *testing.B) { benchmarkWrite(b, Options{Format: rows.Arrow}) }

func BenchmarkWriteParquet(b *testing.B) {
	for _, codec := range []string{"zstd", "snappy", "none"} {
		b.Run(codec, func(b *testing.B) { benchmarkWrite(b, Options{Format: rows.Parquet, Compression: codec}) })
	}
}

// BenchmarkWriteCSVZstd measures the stream compression cost on top.
func BenchmarkWriteCSVZstd(b *testing.B) {
	benchmarkWrite(b, Options{Format: rows.CSV, Stream: "zstd"})
}

// BenchmarkWriteJSONLSplice writes JSONL input back with three added
// columns spliced into each object, the JSONL → JSONL enrichment path.
func BenchmarkWriteJSONLSplice(b *testing.B) {
	batches, _ := benchBatches()
	j := batches[0]
	var text bytes.Buffer
	w, err := New(&text, logSchema, Options{Format: rows.JSONL})
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Write(j); err != nil {
		b.Fatal(err)
	}
	w.Close()
	lines := strings.Split(strings.TrimSuffix(text.String(), "\n"), "\n")
	sb := array.NewStringBuilder(memory.DefaultAllocator)
	sb.AppendValues(lines, nil)
	added := recordFromJSON(b, addedSchema, "["+strings.TrimSuffix(strings.Repeat(
		`{"vt_observable":"8.8.8.8","vt_positives":0,"vt_tags":["dns"]},`, len(lines)), ",")+"]")
	splice := &rows.Joined{Batch: &rows.Batch{Record: j.Record, JSON: sb.NewStringArray()}, Added: added}
	runWrites(b, rows.OutputSchema(logSchema, addedSchema), Options{Format: rows.JSONL},
		func(int) *rows.Joined { return splice })
}

// BenchmarkWriteArrowTake writes batches whose rows a join repeated (every
// tenth row twice), so the source columns must be taken, not shared.
func BenchmarkWriteArrowTake(b *testing.B) {
	batches, _ := benchBatches()
	var take []int32
	for i := int32(0); i < int32(batches[0].Len()); i++ {
		take = append(take, i)
		if i%10 == 0 {
			take = append(take, i)
		}
	}
	runWrites(b, logSchema, Options{Format: rows.Arrow}, func(i int) *rows.Joined {
		return &rows.Joined{Batch: batches[i%len(batches)].Batch, Take: take}
	})
}

// enrichedBatches are 16 batches shaped like `vtenrich --offline` output:
// the log rows, each shown once per observable (1 to 3 times, as a Take),
// then VT columns drawn from 50,000 answers, the string ones
// dictionary-encoded per batch as pipeline/columns.go builds them.
var enrichedBatches = sync.OnceValues(func() (*arrow.Schema, []*rows.Joined) {
	const answers = 50_000
	r := rand.New(rand.NewPCG(2, 2))
	hex := func(n int) string {
		const digits = "0123456789abcdef"
		b := make([]byte, n)
		for i := range b {
			b[i] = digits[r.IntN(16)]
		}
		return string(b)
	}
	type answer struct{ strs [6]string }
	pool := make([]answer, answers)
	for k := range pool {
		id := hex(64)
		pool[k].strs = [6]string{
			fmt.Sprintf("host%d.example-%d.net", r.IntN(1000), k), []string{"dns", "url", "ipv4", "sha256_hash"}[k%4],
			"Success", id, id + "-" + fmt.Sprint(1600000000+r.IntN(1e8)), "https://www.virustotal.com/gui/domain/" + id,
		}
	}
	dict := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	var fields []arrow.Field
	for _, n := range []string{"vt_observable", "vt_ioc_type", "vt_status", "vt_resource", "vt_scan_id", "vt_permalink"} {
		fields = append(fields, arrow.Field{Name: n, Type: dict, Nullable: true})
	}
	for _, n := range []string{"vt_source_index", "vt_positives", "vt_total"} {
		fields = append(fields, arrow.Field{Name: n, Type: arrow.PrimitiveTypes.Int64, Nullable: true})
	}
	added := arrow.NewSchema(fields, nil)
	var batches []*rows.Joined
	for seed := uint64(0); seed < 16; seed++ {
		in, _ := logBatch(2432, seed)
		var take []int32
		var picks []int
		for src := int32(0); len(take) < 4096; src = (src + 1) % 2432 {
			for range 1 + r.IntN(3) {
				take = append(take, src)
				u := r.Float64()
				picks = append(picks, int(u*u*answers)) // some answers far more often than others
			}
		}
		take, picks = take[:4096], picks[:4096]
		bld := array.NewRecordBuilder(memory.DefaultAllocator, added)
		seen := map[int]int32{}
		var order []int
		for _, p := range picks {
			if _, ok := seen[p]; !ok {
				seen[p] = int32(len(order))
				order = append(order, p)
			}
		}
		for c := range 6 {
			db := bld.Field(c).(*array.BinaryDictionaryBuilder)
			for _, p := range picks {
				db.AppendString(pool[p].strs[c])
			}
		}
		for i, p := range picks {
			bld.Field(6).(*array.Int64Builder).Append(int64(seed)*4096 + int64(i))
			bld.Field(7).(*array.Int64Builder).Append(int64(p % 7))
			bld.Field(8).(*array.Int64Builder).Append(90)
		}
		batches = append(batches, &rows.Joined{Batch: in.Batch, Take: take, Added: bld.NewRecord()})
	}
	return rows.OutputSchema(logSchema, added), batches
})

// BenchmarkWriteEnriched writes enrichedBatches as CSV and as Parquet;
// MB/s counts the log text of 4096 rows per batch, as the others do.
func BenchmarkWriteEnriched(b *testing.B) {
	schema, batches := enrichedBatches()
	for _, f := range []rows.Format{rows.CSV, rows.Parquet} {
		b.Run(string(f), func(b *testing.B) {
			runWrites(b, schema, Options{Format: f}, func(i int) *rows.Joined { return batches[i%len(batches)] })
		})
	}
}
