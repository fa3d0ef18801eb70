#!/usr/bin/env bash
# `make cluster-bench`: the lists' throughput on a real SurrealDB server, one
# Trellis instance alone and then two at once (each `server bench` is an
# instance with its own clients, in its own process, on the same database).
set -euo pipefail
cd "$(dirname "$0")/../.."

SERVER=target/release/server
DB_PORT=${CLUSTER_DB_PORT:-8412}
source end2end/cluster/common.sh
start_surreal "$DB_PORT"

bench() {
	TRELLIS_DB="ws://127.0.0.1:$DB_PORT" TRELLIS_DB_USER=root TRELLIS_DB_PASS=root TRELLIS_NAMESPACE=bench \
	TRELLIS_ADMIN_PASSWORD=bench-admin-password RUST_LOG=warn \
		"$SERVER" bench --resellers "${CLUSTER_RESELLERS:-100}" --users "${CLUSTER_USERS:-100}" --clients 50 --requests 40
}
# The table rows of a bench's output: scenario, then req/s.
throughput() { awk '/^scenario/ {on=1; next} on && NF == 0 {exit} on && NF >= 7 && $(NF-1) ~ /^[0-9]+$/ {
	name=$1; for (i = 2; i <= NF-6; i++) name = name " " $i; print name "\t" $(NF-1) }' "$1"; }

say "Seeding once, then one instance alone"
bench >"$work/seed.txt"
bench | tee "$work/one.txt"
say "Two instances at once"
bench >"$work/a.txt" &
a=$!
bench >"$work/b.txt" &
b=$!
wait "$a"
wait "$b"
cat "$work/a.txt" "$work/b.txt" | grep -E 'worst|p99'
say "Requests per second: one instance alone, and two together"
printf '%-28s %10s %10s %10s %10s\n' scenario alone "A" "B" "A + B"
paste <(throughput "$work/one.txt") <(throughput "$work/a.txt") <(throughput "$work/b.txt") |
	awk -F'\t' '{printf "%-28s %10d %10d %10d %10d\n", $1, $2, $4, $6, $4 + $6}'
