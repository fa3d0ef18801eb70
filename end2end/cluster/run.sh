#!/usr/bin/env bash
# `make cluster`: a real SurrealDB server, the instance tests against it, and
# two Trellis server processes on it behind no balancer (the script plays the
# balancer, sending each request to either).
set -euo pipefail
cd "$(dirname "$0")/../.."

SERVER=target/debug/server
DB_PORT=${CLUSTER_DB_PORT:-8411}
A_PORT=${CLUSTER_A_PORT:-3211}
B_PORT=${CLUSTER_B_PORT:-3212}
DB_URL="ws://127.0.0.1:$DB_PORT"
source end2end/cluster/common.sh

say "SurrealDB $("$SURREAL" version 2>/dev/null | head -1) on $DB_URL"
start_surreal "$DB_PORT"

say "The instance tests, each with two connections to the server"
TRELLIS_TEST_DB_SERVER="$DB_URL" cargo test -p app --features ssr --test instances -- --nocapture 2>&1 \
	| grep -E '^test |propagation|test result|panicked'

say "Two Trellis processes on one database"
cargo build -q -p server
start_instance() { # port
	TRELLIS_DB="$DB_URL" TRELLIS_DB_USER=root TRELLIS_DB_PASS=root TRELLIS_NAMESPACE=cluster \
	TRELLIS_ADMIN_PASSWORD=cluster-admin-password TRELLIS_LISTEN="127.0.0.1:$1" TRELLIS_BACKUPS=off \
	LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$SERVER" >"$work/instance-$1.log" 2>&1 &
	pids+=($!)
	wait_for "http://127.0.0.1:$1/login"
}
start_instance "$A_PORT"
start_instance "$B_PORT"
b_pid=${pids[2]}
A="http://127.0.0.1:$A_PORT" B="http://127.0.0.1:$B_PORT"

call() { # base path cookie body → body; fails on a non-2xx answer
	curl -fsS -X POST "$1/api/$2" -H 'content-type: application/json' -H "cookie: $3" -d "$4"
}
log_in() { # base [login password] → session cookie
	local jar="$work/jar"
	curl -fsS -c "$jar" -o /dev/null -X POST "$1/api/auth/login" \
		-H 'content-type: application/x-www-form-urlencoded' \
		-d "login=${2:-admin}&password=${3:-cluster-admin-password}"
	echo "trellis_session=$(awk '$6 == "trellis_session" {print $7}' "$jar")"
}
within_ms() { # limit command... : retries the command until it succeeds
	local limit=$1 started; shift
	started=$(date +%s%N)
	until "$@" >/dev/null 2>&1; do
		(( ($(date +%s%N) - started) / 1000000 < limit )) || { echo "not within $limit ms"; exit 1; }
		sleep 0.01
	done
	echo "ok, after $(( ($(date +%s%N) - started) / 1000000 )) ms"
}
refused() { ! "$@"; }
lists() { call "$1" resellers/list "$2" '{"query":{}}' | grep -q "\"$3\""; }
form() { echo '{"form":{"login":"'"$1"'","password":"reseller-password","password_confirm":"reseller-password","users":"5","disk_mib":"500","traffic_mib":"500","enabled":true,"features":{"shell":false,"cgi":false,"php":true,"ssi":false,"https":true}}}'; }
check() { printf '  %-66s ' "$1"; }

session=$(log_in "$A")
check "a session made on A works on B"
call "$B" auth/me "$session" '{}' | grep -q '"admin"'
echo ok

check "a reseller created on A is listed on B (without the revision cookie)"
call "$A" resellers/create "$session" "$(form acme)" >/dev/null
within_ms 250 lists "$B" "$session" acme

# auth/me answers a signed-out browser with 200 and no one: the dashboard
# needs a session, and answers 401 without one.
signed_in() { call "$1" dashboard/summary "$2" '{}'; }
reseller=$(call "$A" resellers/list "$session" '{"query":{"filter":"acme"}}' | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
reseller_session=$(log_in "$B" acme reseller-password)
check "a reseller disabled on A loses its session on B"
signed_in "$B" "$reseller_session" >/dev/null
call "$A" resellers/set_enabled "$session" '{"ids":["'"$reseller"'"],"enabled":false}' >/dev/null
within_ms 1000 refused signed_in "$B" "$reseller_session"

check "a logout on A is obeyed by B"
signed_in "$B" "$session" >/dev/null
call "$A" auth/logout "$session" '{}' >/dev/null
within_ms 1000 refused signed_in "$B" "$session"

check "B is killed (kill -9) right after a write; A has the write"
session=$(log_in "$B")
call "$B" resellers/create "$session" "$(form bravo)" >/dev/null
kill -9 "$b_pid"
wait "$b_pid" 2>/dev/null || true
within_ms 250 lists "$A" "$session" bravo

check "B restarted: it lists both"
start_instance "$B_PORT"
lists "$B" "$session" acme
lists "$B" "$session" bravo
echo ok
say "The cluster checks passed"
