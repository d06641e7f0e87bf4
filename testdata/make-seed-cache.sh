#!/usr/bin/env bash
# Rebuilds testdata/process_tree.cache.jsonl, the cache export that lets the
# README's first command enrich the seed export with no account and no
# network. The answers come from the fake VirusTotal (cmd/vtfake): synthetic
# objects derived from each observable, and the real file object of
# testdata/vt for the objects it covers. They are not real verdicts.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'kill $fake 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/vtenrich" ./cmd/vtenrich
go build -o "$tmp/vtfake" ./cmd/vtfake
"$tmp/vtfake" --addr 127.0.0.1:18089 --fixtures testdata/vt >/dev/null 2>&1 & fake=$!
sleep 1
VT_API_KEY=demo-key "$tmp/vtenrich" --vt-url http://127.0.0.1:18089 --rate 100/s --daily-quota 0 \
  --cache "$tmp/seed.db" --progress never testdata/process_tree.csv >/dev/null
"$tmp/vtenrich" cache export --cache "$tmp/seed.db" -o testdata/process_tree.cache.jsonl
