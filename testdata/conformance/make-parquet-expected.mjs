// Writes testdata/conformance/parquet-expected/NAME.jsonl: how DuckDB reads
// each Parquet file of parquet-testing/ that it can read, so that the Go
// conformance test compares vtenrich's reading with DuckDB's in every
// `go test`, DuckDB installed or not.
//
//   node testdata/conformance/make-parquet-expected.mjs   (from the repository root)
//
// or, for other files (the conformance test reads back the Parquet vtenrich
// writes this way), node make-parquet-expected.mjs DATA_DIR OUT_DIR.
//
// needs @duckdb/node-api under $VTENRICH_DUCKDB_DIR (npm install @duckdb/node-api).
//
// Each file's first line is {"columns":[...],"rows":N,"sha256":HEX} (and
// "skipped":{column:message} for columns DuckDB counts but cannot decode); then
// come its first maxRows rows. A row is a JSON array of its values in the
// canonical form below, and sha256 is over every row's line (newline
// terminated), so that long files are checked whole without being stored.
// readers/conformance_parquet_test.go renders vtenrich's Arrow values the
// same way (canonicalValue); the two must agree byte for byte.
//
// Canonical values:
//   null                  null
//   booleans              true, false
//   integers              the exact digits
//   floats                JavaScript's shortest text of the (float64) value, -0 as -0;
//                         "NaN", "Infinity", "-Infinity" as strings
//   decimals              the exact digits with the scale's fraction, as a number (1.50)
//   strings               JSON strings
//   binary                base64 strings
//   timestamps            "YYYY-MM-DDTHH:MM:SS[.fraction]", UTC, fraction without trailing zeros
//   dates                 "YYYY-MM-DD"; times of day "HH:MM:SS[.fraction]"
//   lists                 arrays
//   structs               objects, fields in schema order
//   maps                  arrays of [key, value] pairs, in stored order
//   GEOMETRY/GEOGRAPHY    the WKB bytes (ST_AsWKB), as binary: Parquet stores WKB,
//                         and vtenrich, which does not know these logical types,
//                         reads the physical BYTE_ARRAY, as the Parquet spec asks
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const duckDir = process.env.VTENRICH_DUCKDB_DIR;
if (!duckDir) {
  console.error('set VTENRICH_DUCKDB_DIR to a folder holding node_modules/@duckdb/node-api');
  process.exit(2);
}
const duck = require(join(duckDir, 'node_modules', '@duckdb', 'node-api'));
const { DuckDBInstance, DuckDBTypeId: T } = duck;

const here = 'testdata/conformance';
const dataDir = process.argv[2] ?? join(here, 'parquet-testing');
const outDir = process.argv[3] ?? join(here, 'parquet-expected');
const maxRows = 50;

// Raw is a number kept as its exact text (big integers, decimals).
class Raw {
  constructor(text) { this.text = text; }
}
// ObjectPairs is an object as its list of [key, value] pairs, so that its
// field order is the schema's (JavaScript objects put integer-like keys first).
class ObjectPairs extends Array {}
function object(pairs) {
  return ObjectPairs.from(pairs);
}
// serialize writes a canonical value as JSON.stringify does.
function serialize(v) {
  if (v === null) return 'null';
  if (v instanceof Raw) return v.text;
  if (v instanceof ObjectPairs) {
    return '{' + Array.from(v, ([k, x]) => JSON.stringify(k) + ':' + serialize(x)).join(',') + '}';
  }
  if (Array.isArray(v)) return '[' + v.map(serialize).join(',') + ']';
  return JSON.stringify(v);
}

function float(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return new Raw('-0');
  return new Raw(String(x));
}

const pad = (n, w) => String(n).padStart(w, '0');

// isoTime formats a count of units (a bigint) since the epoch, in UTC.
function isoTime(count, perSecond) {
  let secs = count / perSecond;
  let frac = count % perSecond;
  if (frac < 0n) { frac += perSecond; secs -= 1n; }
  const d = new Date(Number(secs) * 1000);
  let s = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return s + fraction(frac, perSecond);
}
function fraction(frac, perSecond) {
  if (frac === 0n) return '';
  const digits = String(perSecond).length - 1;
  return '.' + pad(frac, digits).replace(/0+$/, '');
}
function timeOfDay(micros) {
  const secs = micros / 1000000n;
  return `${pad(secs / 3600n, 2)}:${pad((secs / 60n) % 60n, 2)}:${pad(secs % 60n, 2)}` + fraction(micros % 1000000n, 1000000n);
}

function canonical(type, v) {
  if (v === null || v === undefined) return null;
  switch (type.typeId) {
    case T.BOOLEAN: return v;
    case T.TINYINT: case T.SMALLINT: case T.INTEGER: case T.BIGINT: case T.HUGEINT:
    case T.UTINYINT: case T.USMALLINT: case T.UINTEGER: case T.UBIGINT: case T.UHUGEINT:
      return new Raw(String(v));
    case T.FLOAT: case T.DOUBLE: return float(v);
    case T.DECIMAL: return new Raw(v.toString());
    case T.VARCHAR: return v;
    case T.BLOB: return Buffer.from(v.bytes).toString('base64');
    case T.TIMESTAMP: case T.TIMESTAMP_TZ: return isoTime(v.micros, 1000000n);
    case T.TIMESTAMP_MS: return isoTime(v.millis, 1000n);
    case T.TIMESTAMP_S: return isoTime(v.seconds, 1n);
    case T.TIMESTAMP_NS: return isoTime(v.nanos, 1000000000n);
    case T.DATE: return isoTime(BigInt(v.days) * 86400n, 1n).slice(0, 10);
    case T.TIME: return timeOfDay(v.micros);
    case T.UUID: return v.toString();
    case T.LIST: case T.ARRAY: return v.items.map((x) => canonical(type.valueType, x));
    case T.STRUCT: return object(type.entryNames.map((n, k) => [n, canonical(type.entryTypes[k], v.entries[n])]));
    case T.MAP: return v.entries.map((e) => [canonical(type.keyType, e.key), canonical(type.valueType, e.value)]);
  }
  throw new Error(`no canonical form for DuckDB type ${type.toString()}`);
}

const quote = (s) => "'" + s.replaceAll("'", "''") + "'";
const ident = (s) => '"' + s.replaceAll('"', '""') + '"';

const countsFile = join(dataDir, 'duckdb-row-counts.csv');
const counts = existsSync(countsFile)
  ? Object.fromEntries(readFileSync(countsFile, 'utf8').trim().split('\n').map((l) => l.split(',')))
  : {};
const con = await (await DuckDBInstance.create(':memory:')).connect();
mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(dataDir).filter((f) => f.endsWith('.parquet')).sort()) {
  if (counts[name] === 'unreadable') continue;
  const from = `read_parquet(${quote(join(dataDir, name))})`;
  const described = (await con.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowsJson();
  // A column DuckDB cannot decode (it counts rows without decoding them)
  // is left out of the expected rows, with DuckDB's message in "skipped".
  const kept = [];
  const skipped = [];
  for (const [col, type] of described) {
    const expr = type.startsWith('GEOMETRY') ? `ST_AsWKB(${ident(col)}) AS ${ident(col)}` : ident(col);
    try {
      await con.runAndReadAll(`SELECT ${expr} FROM ${from}`);
      kept.push([col, expr]);
    } catch (e) {
      skipped.push([col, String(e.message ?? e)]);
    }
  }
  let lines = null;
  if (kept.length > 0) {
    try {
      const reader = await con.runAndReadAll(`SELECT ${kept.map(([, e]) => e).join(', ')} FROM ${from}`);
      const types = reader.columnTypes();
      lines = reader.getRows().map((row) => serialize(row.map((v, k) => canonical(types[k], v))));
    } catch (e) {
      // Values JavaScript cannot hold (strings of 1 GiB): rows counted only.
      for (const [col] of kept) skipped.push([col, `DuckDB reads it, this script cannot hold its values: ${e.message ?? e}`]);
      kept.length = 0;
    }
  }
  const columns = kept.map(([col]) => col);
  if (lines === null) lines = Array(Number(counts[name] ?? 0)).fill('[]');
  const hash = createHash('sha256');
  for (const l of lines) hash.update(l + '\n');
  if (name in counts && String(lines.length) !== counts[name]) throw new Error(`${name}: ${lines.length} rows, duckdb-row-counts.csv says ${counts[name]}`);
  const fields = [['columns', columns], ['rows', new Raw(String(lines.length))], ['sha256', hash.digest('hex')]];
  if (skipped.length > 0) fields.push(['skipped', object(skipped)]);
  const head = serialize(object(fields));
  writeFileSync(join(outDir, name.replace(/\.parquet$/, '.jsonl')),
    [head, ...lines.slice(0, maxRows)].join('\n') + '\n');
}
