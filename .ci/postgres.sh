#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests: Debian's postgresql
# package, a cluster made by initdb in a temporary folder as the postgres
# user, listening on 127.0.0.1 on a free port. Source it: it exports
# VTENRICH_TEST_POSTGRES (the URL the tests use) and defines pg_stop, which
# the caller runs on exit.
#
#   source .ci/postgres.sh && trap pg_stop EXIT
set -euo pipefail

as_root() { if ((EUID == 0)); then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
	echo "installing postgresql (apt-get)"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# A port nobody listens on.
pg_port=
for p in $(shuf -i 20000-40000 -n 50); do
	if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then pg_port=$p; break; fi
done
[[ -n $pg_port ]] || { echo "no free port for PostgreSQL" >&2; return 1 2>/dev/null || exit 1; }

pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/vtenrich-pg.XXXXXX")
pg_user=$(id -un)
run_pg() { "$@"; }
if ((EUID == 0)); then
	# initdb refuses to run as root: the cluster belongs to postgres.
	chown postgres: "$pg_dir"
	pg_user=postgres
	run_pg() { runuser -u postgres -- "$@"; }
fi
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
	-o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'CREATE DATABASE vtenrich_test' >/dev/null

export VTENRICH_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pg_port/vtenrich_test?sslmode=disable"
# VTENRICH_TEST_PG_CTL lets the tests restart the server (the restart case).
export VTENRICH_TEST_PG_CTL="$pg_bin/pg_ctl -D $pg_dir/data"
[[ $pg_user == postgres && $EUID == 0 ]] && export VTENRICH_TEST_PG_CTL="runuser -u postgres -- $VTENRICH_TEST_PG_CTL"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port ($pg_dir)"

pg_stop() {
	run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$pg_dir"
}
