#!/usr/bin/env bash
# vtenrich's side-by-side benchmark: one command, one table.
#
#   bench/run.sh            # full: 1M rows (~235 MB) / 50k unique observables,
#                           # 10M rows for the memory case, 300k and 3M
#                           # distinct for the distinct case (~25 min on 2 cores)
#   bench/run.sh --quick    # 100k rows / 5k unique, 500k for memory,
#                           # 30k and 300k distinct (~7 min)
#
# Options: --runs N (default 3), --work DIR (default $TMPDIR/vtenrich-bench;
# corpora are kept there and reused by later runs with the same sizes),
# --only CASE (that case alone, with the steps it needs: extraction, csv,
# parquet, enrichment, memory, distinct or lookups; a case alone reuses the warm
# cache an earlier run made for the same corpus).
#
# It installs the peers if missing (Debian ripgrep, miller, time, nodejs,
# npm; npm @duckdb/node-api into the work folder), builds vtenrich, vtfake
# and the corpus generator, generates the corpora, then runs bench/harness,
# which prints the table and writes it to WORK/results.md (raw samples in
# WORK/results.json, each process's stderr in WORK/logs).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
quick=false
only=
runs=3
work=${TMPDIR:-/tmp}/vtenrich-bench
while (($#)); do
	case $1 in
	--quick) quick=true ;;
	--runs) runs=$2; shift ;;
	--work) work=$2; shift ;;
	--only) only=$2; shift ;;
	-h | --help) sed -n '2,20p' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
	esac
	shift
done

seed=1
if $quick; then
	rows=100000 unique=5000 bigrows=500000 mode=quick
	distinct_small=(100000 30000) distinct_big=300000
else
	rows=1000000 unique=50000 bigrows=10000000 mode=full
	distinct_small=(1000000 300000) distinct_big=3000000
fi

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# --- peers -----------------------------------------------------------------
as_root() { if ((EUID == 0)); then "$@"; else sudo "$@"; fi; }
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[[ -x /usr/bin/time ]] || missing+=(time)
# The extraction case needs rg alone, the others Miller or DuckDB.
needs_duckdb=false
[[ -z $only || $only == parquet || $only == enrichment || $only == memory ]] && needs_duckdb=true
[[ -z $only || $only == csv ]] && { command -v mlr >/dev/null || missing+=(miller); }
if $needs_duckdb; then
	command -v node >/dev/null || missing+=(nodejs)
	command -v npm >/dev/null || missing+=(npm)
fi
if ((${#missing[@]})); then
	log "installing ${missing[*]} (apt-get)"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$work"/{bin,node,corpora}
work=$(cd "$work" && pwd)
if $needs_duckdb && [[ ! -d $work/node/node_modules/@duckdb/node-api ]]; then
	log "installing @duckdb/node-api (npm) into $work/node"
	npm install --prefix "$work/node" --no-audit --no-fund --silent @duckdb/node-api
fi
cp "$root/bench/duckdb-copy.mjs" "$root/bench/duckdb-enrich.mjs" "$work/node/"

# --- binaries ----------------------------------------------------------------
log "building vtenrich, vtfake, gen, harness into $work/bin"
# The revision the binaries are built from, for the table's footer: the
# tree may move on while the benchmark runs.
rev=$(git -C "$root" describe --always --dirty)
(
	cd "$root"
	go build -o "$work/bin/vtenrich" ./cmd/vtenrich
	go build -o "$work/bin/vtfake" ./cmd/vtfake
	go build -o "$work/bin/gen" ./bench/gen
	go build -o "$work/bin/harness" ./bench/harness
)

# --- corpora -----------------------------------------------------------------
# corpus <rows> [<unique>]: the CSV corpus of that many rows with a pool of
# that many unique observables (default: the run's); made once, written
# aside and renamed, so that an interrupted generation is never taken for
# a corpus.
corpus() {
	local u=${2:-$unique}
	local f=$work/corpora/corpus-$1-$u-s$seed.csv
	if [[ ! -s $f ]]; then
		log "generating $(basename "$f")"
		"$work/bin/gen" -rows "$1" -unique "$u" -seed "$seed" -format csv -o "$f.tmp"
		mv "$f.tmp" "$f"
	fi
	echo "$f"
}
main_corpus=$(corpus "$rows")
big_corpus=
[[ -n $only && $only != memory ]] || big_corpus=$(corpus "$bigrows")
# The distinct case: the same row size, every pool observable new.
distinct=
if [[ -z $only || $only == distinct ]]; then
	distinct=$(corpus "${distinct_small[0]}" "${distinct_small[1]}"),$(corpus "$distinct_big" "$distinct_big")
fi

# --- run -------------------------------------------------------------------
log "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$work/bin/harness" -mode "$mode" -runs "$runs" -work "$work" -bin "$work/bin" \
	-corpus "$main_corpus" -big "$big_corpus" -distinct "$distinct" \
	-patterns "$root/bench/ioc-patterns.rg" -node "$work/node" -only "$only"

peers="$(rg --version | sed -n 1p)"
command -v mlr >/dev/null && peers="$peers, Miller $(mlr --version | cut -d' ' -f2)"
if $needs_duckdb; then
	duckdb=$(node -p "require('$work/node/node_modules/@duckdb/node-api/package.json').version")
	peers="$peers, @duckdb/node-api $duckdb on Node $(node --version)"
fi
{
	echo
	echo "Machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM; $(go version | cut -d' ' -f3-4)."
	echo "Peers: $peers."
	echo "Date: $(date -u +%Y-%m-%d). Command: \`bench/run.sh$($quick && echo ' --quick')${only:+ --only $only}\` (vtenrich $rev)."
} | tee -a "$work/results.md"
