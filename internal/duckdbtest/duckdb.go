// Package duckdbtest lets tests read vtenrich's output with DuckDB, the way
// analysts will. DuckDB runs through its Node client, found in the folder
// that $VTENRICH_DUCKDB_DIR names:
//
//	mkdir -p /tmp/duckdb && cd /tmp/duckdb && npm install @duckdb/node-api
//	export VTENRICH_DUCKDB_DIR=/tmp/duckdb
//
// Without it, or without node on the PATH, the tests that need it skip
// (CI's .ci/run installs it).
package duckdbtest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Env names the folder holding node_modules/@duckdb/node-api.
const Env = "VTENRICH_DUCKDB_DIR"

// script runs each SQL statement of a JSON array and prints the rows of
// each as JSON.
const script = `
const { DuckDBInstance } = require(process.env.VTENRICH_DUCKDB_DIR + '/node_modules/@duckdb/node-api');
(async () => {
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const out = [];
  for (const sql of JSON.parse(process.argv[2])) {
    out.push((await con.runAndReadAll(sql)).getRowsJson());
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.error(String(e)); process.exit(1); });
`

// Query runs the queries in one in-memory DuckDB and returns each one's
// rows, every value as DuckDB's JSON form of it. It skips the test when
// DuckDB is not at hand.
func Query(t testing.TB, queries ...string) [][][]any {
	t.Helper()
	dir := os.Getenv(Env)
	if dir == "" {
		t.Skipf("%s is not set: no DuckDB to read the output with (see internal/duckdbtest)", Env)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil {
		t.Skipf("%s=%s has no node_modules/@duckdb/node-api: %v", Env, dir, err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on the PATH")
	}
	path := filepath.Join(t.TempDir(), "query.js")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	sql, _ := json.Marshal(queries)
	cmd := exec.Command(node, path, string(sql))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("duckdb: %v: %s", err, stderr.String())
	}
	var results [][][]any
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("duckdb output %s: %v", out, err)
	}
	return results
}
