package cache

import (
	"strings"
	"testing"
)

// TestDropClaimSeeksByKey: dropping a claim when its answer is stored
// must seek the claim by key (the primary key, and the via index for a
// file's other hashes), not walk every claim its owner holds: at 600/s
// and 500 ms of latency an owner holds hundreds, and that walk, on every
// answer, was 40% of a lookup run's CPU.
func TestDropClaimSeeksByKey(t *testing.T) {
	c := openTest(t, Options{})
	for sql, want := range map[string]string{dropClaimSQL: "PRIMARY KEY", dropViaClaimSQL: "claims_via"} {
		rows, err := c.w.Query("EXPLAIN QUERY PLAN "+sql, "o", "dns", "x")
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "\n")
		if !strings.Contains(text, want) || strings.Contains(text, "claims_owner") || strings.Contains(text, "SCAN") {
			t.Errorf("%s\nplan:\n%s\nwant a search using %s", sql, text, want)
		}
	}
}
