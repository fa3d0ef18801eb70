#!/usr/bin/env bash
# Lighthouse (its mobile preset: a mid-range phone on a throttled mobile
# network) on the release build: the login page, the admin's dashboard and
# the resellers list with 1 000 resellers. Prints each page's scores and the
# figures behind them, and the sizes of the files a first visit downloads.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${LIGHTHOUSE_PORT:-3300}"
origin="http://127.0.0.1:$port"
password=lighthouse-admin-password
server="$root/target/release/server"
[ -x "$server" ] || { echo "no release build: run 'make release' first"; exit 1; }

if [ ! -d "$here/node_modules/lighthouse" ]; then
  echo "==> Installing Lighthouse (once)"
  (cd "$here" && npm ci --no-audit --no-fund)
fi

export TRELLIS_DB="surrealkv://$root/target/lighthouse-db" TRELLIS_ADMIN_PASSWORD="$password"
export TRELLIS_BACKUPS=off RUST_LOG=warn LEPTOS_SITE_ROOT="$root/target/site"
if [ ! -e "$root/target/lighthouse-db.seeded" ]; then
  echo "==> Seeding 1 000 resellers (once)"
  "$server" seed --resellers 1000 --users 0
  touch "$root/target/lighthouse-db.seeded"
fi

TRELLIS_LISTEN="127.0.0.1:$port" "$server" &
server_pid=$!
# Wait for the server to close its database: the next run opens it again.
trap 'kill $server_pid 2>/dev/null && wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "$origin/login" && break
  sleep 0.2
done

cookie=$(curl -s -D - -o /dev/null -H "Origin: $origin" \
  --data-urlencode login=admin --data-urlencode "password=$password" "$origin/api/auth/login" |
  awk 'tolower($1) == "set-cookie:" { sub(/;.*/, "", $2); print $2; exit }')
[ -n "$cookie" ] || { echo "could not log in as admin"; exit 1; }

mkdir -p "$here/reports"
run() {
  local name="$1" path="$2" headers="$3"
  local extra=()
  [ -n "$headers" ] && extra=(--extra-headers "$headers")
  "$here/node_modules/.bin/lighthouse" "$origin$path" \
    --chrome-path=/usr/bin/chromium \
    --chrome-flags="--headless=new --no-sandbox" \
    --only-categories=performance,accessibility,best-practices \
    --output=json --output=html --output-path="$here/reports/$name" --quiet "${extra[@]}"
  node -e '
    const r = require(process.argv[1]);
    const score = (c) => Math.round(r.categories[c].score * 100);
    const a = r.audits;
    const weight = a["network-requests"].details.items
      .filter((i) => /\.(wasm|js|css)$/.test(i.url))
      .map((i) => `${i.url.split("/").pop().replace(/\.[A-Za-z0-9_-]{22}\./, ".")} ${(i.transferSize / 1000).toFixed(0)} KB`)
      .join(", ");
    console.log(`${process.argv[2].padEnd(10)} performance ${score("performance")}  accessibility ${score("accessibility")}  best practices ${score("best-practices")}` +
      `  |  FCP ${a["first-contentful-paint"].displayValue}  LCP ${a["largest-contentful-paint"].displayValue}` +
      `  TBT ${a["total-blocking-time"].displayValue}  CLS ${a["cumulative-layout-shift"].displayValue}  |  ${weight}`);
  ' "$here/reports/$name.report.json" "$name"
}

echo "==> Lighthouse, mobile preset, throttled (reports in end2end/lighthouse/reports)"
run login /login ""
run dashboard / "{\"Cookie\": \"$cookie\"}"
run resellers /resellers "{\"Cookie\": \"$cookie\"}"

# The WebAssembly each page and module downloads, against its budget; the
# scores above are printed whatever this says.
node "$here/wasm-budget.mjs" "$root/target/site/pkg" || echo "(a WebAssembly budget is exceeded: see above)"
