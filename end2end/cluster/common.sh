# Shared by the cluster scripts (sourced): a work directory and the processes
# started, both gone when the script ends, and a SurrealDB server to start.
SURREAL=target/surrealdb-server/release/surreal
work=$(mktemp -d /tmp/trellis-cluster.XXXXXX)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

say() { printf '\n\033[1m==> %s\033[0m\n' "$1"; }
wait_for() { # url
	for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
	echo "nothing answers at $1"; exit 1
}
start_surreal() { # port: an in-memory SurrealDB server, root/root
	"$SURREAL" start --bind "127.0.0.1:$1" --user root --pass root --log warn memory >"$work/surreal.log" 2>&1 &
	pids+=($!)
	wait_for "http://127.0.0.1:$1/health"
}
