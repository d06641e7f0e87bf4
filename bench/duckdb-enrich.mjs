// The DuckDB side of the enrichment benchmark: what a data engineer would
// write instead of `vtenrich --offline`, through DuckDB's Node API (npm
// @duckdb/node-api). See bench/README.md, "The DuckDB enrichment".
//
//   node duckdb-enrich.mjs load answers.jsonl answers.duckdb
//       once, untimed: the answers of `vtenrich cache export`, as the VT
//       columns vtenrich writes, into a DuckDB table (as vtenrich's own
//       answers sit in its SQLite cache before its timed run)
//   node duckdb-enrich.mjs enrich in.csv answers.duckdb out.csv|out.parquet
//       the timed query: refang, extract, join, keep every row in input
//       order, write CSV or zstd Parquet
//   node duckdb-enrich.mjs counts in.csv answers.duckdb
//       prints {"rows": output rows, "matches": rows with an answer}
//   node duckdb-enrich.mjs pairs in.csv answers.duckdb pairs.csv
//       the (source row, observable) of every match, to compare with
//       vtenrich's vt_source_index and vt_observable
//
// bench/run.sh copies this file next to the node_modules it installed,
// since ES modules resolve packages from the script's own folder.
import { DuckDBInstance } from '@duckdb/node-api';

const quote = (s) => `'${s.replaceAll("'", "''")}'`;

// The patterns of bench/ioc-patterns.rg (the ones rg runs against
// vtenrich's extraction) after refanging, so without the defanged
// separators: one alternation, so that one pass finds every candidate in
// the order of the text and a URL's host is part of the URL, not a domain
// of its own (as vtenrich reports it).
const patterns = [
  String.raw`(?i:\b(?:https?|ftp)://[^\s"',<>\\^` + '`' + String.raw`{|}]+)`,
  String.raw`\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\b`,
  // IPv6: rg's alternatives, the compressed forms with the longest tail
  // first, since the first alternative that matches wins (rg counts the
  // same matches, but would print 2001:db8:: of 2001:db8::1).
  String.raw`(?i:\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b[0-9a-f]{1,4}:(?::[0-9a-f]{1,4}){1,6}\b|\b(?:[0-9a-f]{1,4}:){1,2}(?::[0-9a-f]{1,4}){1,5}\b|\b(?:[0-9a-f]{1,4}:){1,3}(?::[0-9a-f]{1,4}){1,4}\b|\b(?:[0-9a-f]{1,4}:){1,4}(?::[0-9a-f]{1,4}){1,3}\b|\b(?:[0-9a-f]{1,4}:){1,5}(?::[0-9a-f]{1,4}){1,2}\b|\b(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,7}:)`,
  String.raw`\b(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})\b`,
  String.raw`(?i:\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\b)`,
];
const candidate = patterns.join('|');

// The VT columns in vtenrich's order and with its names; vt_source_index
// comes from the row.
const vtColumns = `vt_observable, vt_ioc_type, vt_status, vt_response_code, vt_resource,
  m.rid AS vt_source_index, vt_verbose_msg, vt_scan_id, vt_permalink, vt_positives,
  vt_md5, vt_sha1, vt_sha256, vt_resolved_domains, vt_resolved_ips, vt_detected_urls,
  vt_malicious, vt_suspicious, vt_harmless, vt_undetected, vt_total, vt_reputation,
  vt_last_analysis_date, vt_tags, vt_verdict`;

// load: the export's mapped result of each answer, as vtenrich shows it
// (counters null when VirusTotal does not know the object).
async function load(con, answers) {
  await con.run(`CREATE OR REPLACE TABLE answers AS
    SELECT result.observable AS vt_observable, type AS vt_ioc_type, result.status AS vt_status,
      result.response_code AS vt_response_code, result.resource AS vt_resource,
      result.verbose_msg AS vt_verbose_msg, result.scan_id AS vt_scan_id,
      result.permalink AS vt_permalink,
      CASE WHEN found THEN result.positives END AS vt_positives,
      result.md5 AS vt_md5, result.sha1 AS vt_sha1, result.sha256 AS vt_sha256,
      result.resolved_domains AS vt_resolved_domains, result.resolved_ips AS vt_resolved_ips,
      result.detected_urls AS vt_detected_urls,
      CASE WHEN found THEN result.malicious END AS vt_malicious,
      CASE WHEN found THEN result.suspicious END AS vt_suspicious,
      CASE WHEN found THEN result.harmless END AS vt_harmless,
      CASE WHEN found THEN result.undetected END AS vt_undetected,
      CASE WHEN found THEN result.total END AS vt_total,
      CASE WHEN found THEN result.reputation END AS vt_reputation,
      result.last_analysis_date AS vt_last_analysis_date, result.tags AS vt_tags,
      result.verdict AS vt_verdict
    FROM (SELECT *, outcome = 'found' AS found FROM read_json(${quote(answers)},
      format = 'newline_delimited', maximum_object_size = 1 << 26,
      columns = {type: 'VARCHAR', outcome: 'VARCHAR', result: 'STRUCT(
        observable VARCHAR, status VARCHAR, response_code BIGINT, resource VARCHAR,
        verbose_msg VARCHAR, scan_id VARCHAR, permalink VARCHAR, positives BIGINT,
        md5 VARCHAR, sha1 VARCHAR, sha256 VARCHAR, resolved_domains VARCHAR[],
        resolved_ips VARCHAR[], detected_urls VARCHAR[], malicious BIGINT,
        suspicious BIGINT, harmless BIGINT, undetected BIGINT, total BIGINT,
        reputation BIGINT, last_analysis_date TIMESTAMPTZ, tags VARCHAR[], verdict VARCHAR)'}))`);
  const r = await con.runAndReadAll('SELECT count(*) FROM answers');
  console.error(`loaded ${r.getRows()[0][0]} answers`);
}

// enriched is the query: every input row numbered, its columns joined into
// one text (a newline between them, which no pattern crosses), refanged
// ([.] (.) {.} [dot] to dots, [://] and [:]// to ://, hxxp and fxp to
// http and ftp), the candidates extracted in text order and normalised as
// vtenrich does (lower case, but a URL's path), each row's distinct
// candidates that have an answer joined to it, then every row, with or
// without answers, in input order.
function enriched(input) {
  return `
  WITH src AS (
    SELECT row_number() OVER () - 1 AS rid, *
    FROM read_csv(${quote(input)}, all_varchar = true)
  ),
  refanged AS (
    SELECT rid, regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        concat_ws(chr(10), *COLUMNS(* EXCLUDE (rid))),
        '\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]', '.', 'gi'),
        '\\[://\\]|\\[:\\]//', '://', 'g'),
        '(?i)\\b(h)xx(p)', '\\1tt\\2', 'g'),
        '(?i)\\b(f)x(p)', '\\1t\\2', 'g') AS text
    FROM src
  ),
  found AS (
    SELECT rid, unnest(c) AS raw, unnest(range(len(c))) AS k
    FROM (SELECT rid, regexp_extract_all(text, ${quote(candidate)}) AS c FROM refanged)
  ),
  normalised AS (
    SELECT rid, k, CASE WHEN contains(raw, '://')
        THEN lower(regexp_extract(raw, '^[^/]*//[^/?#]*')) || regexp_replace(raw, '^[^/]*//[^/?#]*', '')
        ELSE lower(raw) END AS obs
    FROM found
  ),
  matched AS (
    SELECT n.rid, min(n.k) AS k, a.*
    FROM normalised n JOIN answers a ON a.vt_observable = n.obs
    GROUP BY ALL
  )
  SELECT src.* EXCLUDE (rid), ${vtColumns}
  FROM src LEFT JOIN matched m ON m.rid = src.rid
  ORDER BY src.rid, m.k`;
}

// attach opens the answers' database file as the default one.
async function attach(con, file, readOnly) {
  await con.run(`ATTACH ${quote(file)} AS store${readOnly ? ' (READ_ONLY)' : ''}`);
  await con.run('USE store');
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  const usage = 'usage: node duckdb-enrich.mjs load answers.jsonl answers.duckdb | enrich in.csv answers.duckdb out.csv|out.parquet | counts in.csv answers.duckdb | pairs in.csv answers.duckdb pairs.csv';
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    switch (cmd) {
      case 'load': {
        const [answers, file] = args;
        if (!file) throw new Error(usage);
        await attach(con, file, false);
        await load(con, answers);
        break;
      }
      case 'enrich': {
        const [input, file, output] = args;
        if (!output) throw new Error(usage);
        await attach(con, file, true);
        const format = output.endsWith('.parquet') ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER true';
        await con.run(`COPY (${enriched(input)}) TO ${quote(output)} (${format})`);
        break;
      }
      case 'counts': {
        const [input, file] = args;
        if (!file) throw new Error(usage);
        await attach(con, file, true);
        const r = await con.runAndReadAll(`SELECT count(*), count(vt_observable) FROM (${enriched(input)})`);
        const [rows, matches] = r.getRows()[0];
        console.log(JSON.stringify({ rows: Number(rows), matches: Number(matches) }));
        break;
      }
      case 'pairs': {
        const [input, file, output] = args;
        if (!output) throw new Error(usage);
        await attach(con, file, true);
        await con.run(`COPY (SELECT vt_source_index, vt_observable FROM (${enriched(input)})
          WHERE vt_observable IS NOT NULL) TO ${quote(output)} (FORMAT csv, HEADER true)`);
        break;
      }
      default:
        throw new Error(usage);
    }
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

await main();
