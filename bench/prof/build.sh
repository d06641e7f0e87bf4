#!/usr/bin/env bash
# Builds vtenrich with pprof hooks, without touching cmd/vtenrich: main.go's
# os.Exit calls become profExit (bench/prof/profile.go.in) through a
# go build -overlay. Then:
#
#   VTENRICH_CPUPROFILE=cpu.prof VTENRICH_MEMPROFILE=mem.prof OUT extract big.csv >/dev/null
#   go tool pprof -top OUT cpu.prof
#   VTENRICH_PPROF=127.0.0.1:6060 OUT ... &  go tool pprof -top http://127.0.0.1:6060/debug/pprof/block
#
# Usage: bench/prof/build.sh OUT
set -euo pipefail

out=${1:?usage: bench/prof/build.sh OUT}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

main=$root/cmd/vtenrich/main.go
if ! grep -q 'os\.Exit(' "$main"; then
	echo "build.sh: no os.Exit in $main; update bench/prof" >&2
	exit 1
fi
sed 's/\bos\.Exit(/profExit(/g' "$main" >"$tmp/main.go"
cp "$root/bench/prof/profile.go.in" "$tmp/profile.go"
cat >"$tmp/overlay.json" <<JSON
{"Replace": {
  "$main": "$tmp/main.go",
  "$root/cmd/vtenrich/zz_profile.go": "$tmp/profile.go"
}}
JSON
cd "$root"
go build -overlay "$tmp/overlay.json" -o "$out" ./cmd/vtenrich
