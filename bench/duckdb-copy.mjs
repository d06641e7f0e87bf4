// The DuckDB side of the CSV -> Parquet benchmark: the COPY a data engineer
// would write, through DuckDB's Node API (npm @duckdb/node-api).
//
//   node duckdb-copy.mjs in.csv out.parquet
//
// bench/run.sh copies this file next to the node_modules it installed,
// since ES modules resolve packages from the script's own folder.
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node duckdb-copy.mjs in.csv out.parquet');
  process.exit(2);
}
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(
  `COPY (SELECT * FROM read_csv(${quote(input)}, all_varchar=true)) ` +
  `TO ${quote(output)} (FORMAT parquet, COMPRESSION zstd)`,
);
if (process.env.DUCKDB_VERSION) {
  const r = await con.runAndReadAll('SELECT version()');
  console.error(`duckdb ${r.getRows()[0][0]}`);
}
con.closeSync();
db.closeSync();
