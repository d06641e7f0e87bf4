package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// enrichment: vtenrich --offline against what a data engineer would write
// instead, a DuckDB query (duckdb-enrich.mjs) that refangs, extracts with
// the patterns rg uses, joins the same answers (exported from the warm
// cache and loaded into DuckDB beforehand, as vtenrich's sit in its cache)
// and keeps every row in input order; to CSV and to zstd Parquet. Both must
// write the same rows and matches.
func (h *harness) enrichment() error {
	mb := fileMB(h.corpus)
	script := filepath.Join(h.node, "duckdb-enrich.mjs")
	out := func(n string) string { return filepath.Join(h.work, "out", n) }
	answers, duck := filepath.Join(h.work, "cache", "answers.jsonl"), filepath.Join(h.work, "cache", "answers.duckdb")
	for _, p := range []string{answers, duck, duck + ".wal"} {
		os.Remove(p)
	}
	if _, err := h.measure(proc{name: "cache-export", args: []string{h.vtenrich, "cache", "export", "--cache", h.warmDB(), "-o", answers}}); err != nil {
		return err
	}
	if _, err := h.measure(proc{name: "duckdb-load", args: []string{"node", script, "load", answers, duck}}); err != nil {
		return err
	}
	res, err := h.rounds(
		proc{name: "offline-csv", args: h.offline(h.corpus)},
		proc{name: "duckdb-enrich-csv", args: []string{"node", script, "enrich", h.corpus, duck, os.DevNull}},
		proc{name: "offline-parquet", args: h.offline(h.corpus, "-o", out("offline.parquet"))},
		proc{name: "duckdb-enrich-parquet", args: []string{"node", script, "enrich", h.corpus, duck, out("duckdb-enrich.parquet")}},
	)
	if err != nil {
		return err
	}
	vCSV, dCSV := summarize(res["offline-csv"]), summarize(res["duckdb-enrich-csv"])
	vPQ, dPQ := summarize(res["offline-parquet"]), summarize(res["duckdb-enrich-parquet"])
	h.memoryOneM = vCSV

	w, r := vCSV.wall/dCSV.wall, vCSV.rss/dCSV.rss
	h.add("enrichment → CSV", "`vtenrich --offline` (warm cache)", vCSV, mb/vCSV.wall,
		fmt.Sprintf("%.2fx DuckDB's wall, %.2fx its RSS (CPU %.2fx)", w, r, vCSV.cpu/dCSV.cpu), "≤ 0.25x wall, ≤ 0.1x RSS", yes(w <= 0.25 && r <= 0.1))
	h.add("enrichment → CSV", "DuckDB: refang, `regexp_extract_all`, join, `ORDER BY` row", dCSV, mb/dCSV.wall, "", "", "")

	vSize, dSize := fileMB(out("offline.parquet")), fileMB(out("duckdb-enrich.parquet"))
	w, r = vPQ.wall/dPQ.wall, vPQ.rss/dPQ.rss
	h.add("enrichment → Parquet", "`vtenrich --offline -o x.parquet`", vPQ, mb/vPQ.wall,
		fmt.Sprintf("%.2fx DuckDB's wall, %.2fx its RSS (CPU %.2fx), %.2fx its file", w, r, vPQ.cpu/dPQ.cpu, vSize/dSize),
		"≤ 0.35x wall, ≤ 0.1x RSS, file ≤ 1x", yes(w <= 0.35 && r <= 0.1 && vSize <= dSize))
	h.add("enrichment → Parquet", "DuckDB: the same query, `COPY … (FORMAT parquet, COMPRESSION zstd)`", dPQ, mb/dPQ.wall, "", "", "")
	h.notes = append(h.notes, fmt.Sprintf("Parquet sizes (enriched): vtenrich --offline %.1f MB, DuckDB %.1f MB", vSize, dSize))
	return h.enrichmentCounts(script, duck)
}

// enrichmentCounts adds the row of output rows and matches (rows with an
// answer), vtenrich's against DuckDB's, measured once, untimed.
func (h *harness) enrichmentCounts(script, duck string) error {
	all, err := h.statsJSON("offline-stats", h.offline(h.corpus)...)
	if err != nil {
		return err
	}
	inner, err := h.statsJSON("offline-inner-stats", h.offline(h.corpus, "--join", "inner")...)
	if err != nil {
		return err
	}
	countsFile := filepath.Join(h.work, "logs", "duckdb-counts.json")
	if _, err := h.measure(proc{name: "duckdb-counts", args: []string{"node", script, "counts", h.corpus, duck}, stdout: countsFile}); err != nil {
		return err
	}
	var d struct{ Rows, Matches int64 }
	b, err := os.ReadFile(countsFile)
	if err == nil {
		err = json.Unmarshal(b, &d)
	}
	if err != nil {
		return fmt.Errorf("DuckDB's counts: %w", err)
	}
	h.add("enrichment", "output rows and matches: vtenrich = DuckDB", summary{}, 0,
		fmt.Sprintf("rows %d = %d, matches %d = %d", all.RowsOut, d.Rows, inner.RowsOut, d.Matches),
		"equal", yes(all.RowsOut == d.Rows && inner.RowsOut == d.Matches))
	return nil
}
