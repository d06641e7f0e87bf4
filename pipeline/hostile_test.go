package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vtenrich/vtenrich/pipeline/ioc"
	"github.com/vtenrich/vtenrich/pipeline/rows"
	"github.com/vtenrich/vtenrich/vtclient"
)

// objectClient answers every lookup with the object made for it.
type objectClient func(t ioc.Type, obs string) []byte

func (c objectClient) Lookup(_ context.Context, t ioc.Type, obs string) (vtclient.Result, error) {
	return vtclient.FromObject(t, obs, c(t, obs))
}

// hostileURL answers for a URL with a page title, a final URL and a
// category an attacker chose: a spreadsheet formula, and terminal escape
// sequences that would clear the screen and fake a verdict.
func hostileURL(_ ioc.Type, u string) []byte {
	sum := sha256.Sum256([]byte(u))
	b, _ := json.Marshal(map[string]any{"type": "url", "id": hex.EncodeToString(sum[:]), "attributes": map[string]any{
		"url": u, "last_final_url": "+cmd|' /C calc'!A0",
		"title":               "=HYPERLINK(\"http://evil.example/x\",\"ok\")\x1b[2J\x1b[32mclean\u202e",
		"categories":          map[string]string{"Vendor": "@SUM(1+1)"},
		"last_analysis_stats": map[string]int{"harmless": 60},
	}})
	return b
}

// TestHostileValuesAreDefused: values from VirusTotal in the new columns
// go through the CSV formula guard and the terminal table's escaping, as
// the seed's columns do.
func TestHostileValuesAreDefused(t *testing.T) {
	run := func(format rows.Format) string {
		var out lockedBuffer
		cfg := enrichConfig("id,msg\n1,fetch http://evil-site.com/x\n", &out, objectClient(hostileURL), nil)
		cfg.Fields = []string{"observable", "title", "last_final_url", "categories"}
		cfg.Include = []string{"title"}
		cfg.Write.Format = format
		if _, err := Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		out.mu.Lock()
		defer out.mu.Unlock()
		return out.b.String()
	}

	recs, err := csv.NewReader(strings.NewReader(run(rows.CSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range []string{"vt_title", "vt_last_final_url", "title"} {
		if v := column(t, recs, col)[0]; !strings.HasPrefix(v, "'=") && !strings.HasPrefix(v, "'+") {
			t.Errorf("CSV %s = %q: a formula a spreadsheet would run", col, v)
		}
	}
	if v := column(t, recs, "vt_categories")[0]; v != `["Vendor: @SUM(1+1)"]` {
		t.Errorf("CSV vt_categories = %q", v)
	}

	table := run(rows.Table)
	if strings.ContainsAny(table, "\x1b\u202e") {
		t.Errorf("the table prints control characters:\n%q", table)
	}
	if !strings.Contains(table, `\x1b[2J\x1b[32mclean\u202e`) {
		t.Errorf("the table does not show the escapes as text:\n%s", table)
	}
}
