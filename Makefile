# Trellis — the two commands a fresh machine needs: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# Where `cargo install` puts tools: $CARGO_HOME/bin, or ~/.cargo/bin by default.
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(CURDIR)/end2end/node_modules/.bin:$(PATH)

CARGO_LEPTOS_VERSION := 0.3.10
# The wasm-bindgen CLI must match the library version that Cargo.lock pins.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3; exit}' Cargo.lock)
E2E_PORT ?= 3100
E2E_ADMIN_PASSWORD := e2e-admin-password

say = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"


.PHONY: site-tools
.PHONY: lighthouse
## lighthouse: Lighthouse (mobile, throttled) on the release build: login, dashboard, 1 000 resellers
lighthouse: release
	$(call say,Measuring the login page, the dashboard and the resellers list)
	bash end2end/lighthouse/run.sh

.PHONY: run release test bench bench-audit bench-support race cluster-bench tools test-tools fmt-check lint unit-test release-wasm e2e e2e-build clean

## run: install what is missing, build, and serve on http://127.0.0.1:3000 (embedded database in ./data)
run: tools
	$(call say,Building and starting Trellis (the first build takes several minutes))
	cargo leptos serve --split

## release: an optimised build (server and size-optimised wasm) in target/release + target/site
release: tools site-tools
	$(call say,Building a release (the first one takes about 20 minutes))
	cargo leptos build --release --split
	$(call say,Writing brotli and gzip copies of the site's files (served as they are))
	target/release/server precompress target/site

## test: formatting, lints, unit, service, HTTP and browser tests, and the release wasm
test: tools test-tools fmt-check lint unit-test release-wasm e2e
	$(call say,All tests passed)

## bench: 1 000 resellers + 100 000 users on the embedded database, 50 concurrent clients
BENCH_DB ?= surrealkv://target/bench-db
bench: release
	$(call say,Seeding (once) and measuring the resellers list)
	TRELLIS_DB='$(BENCH_DB)' TRELLIS_ADMIN_PASSWORD=bench-admin-password RUST_LOG=warn \
		target/release/server bench --resellers 1000 --users 100 --clients 50 --requests 40
	$(call say,Seeding (once) 100 000 tickets and measuring the support center alone and with 500 live streams)
	TRELLIS_DB='$(BENCH_DB)' TRELLIS_ADMIN_PASSWORD=bench-admin-password RUST_LOG=warn \
		target/release/server bench-support --tickets 100000 --messages 1000000 --streams 500 --clients 50 --requests 40
	$(call say,Measuring what a brand costs the login page and the dashboard)
	TRELLIS_DB='$(BENCH_DB)' TRELLIS_ADMIN_PASSWORD=bench-admin-password RUST_LOG=warn \
		target/release/server bench-brand --clients 50 --requests 40 --rounds 10

## bench-support: the support center alone (inboxes, a 200-message thread, 500 live streams)
bench-support: release
	$(call say,Seeding (once) 100 000 tickets and measuring the support center alone and with 500 live streams)
	TRELLIS_DB='$(BENCH_DB)' TRELLIS_ADMIN_PASSWORD=bench-admin-password RUST_LOG=warn \
		target/release/server bench-support --tickets 100000 --messages 1000000 --streams 500 --clients 50 --requests 40

## bench-audit: the Audit page at 1 000 000 entries about 1 000 resellers and their users, 50 clients
BENCH_AUDIT_DB ?= surrealkv://target/bench-audit-db
bench-audit: release
	$(call say,Seeding (once) and measuring the audit log)
	TRELLIS_DB='$(BENCH_AUDIT_DB)' TRELLIS_ADMIN_PASSWORD=bench-admin-password RUST_LOG=warn \
		target/release/server bench-audit --entries 1000000 --resellers 1000 --users 10 --clients 50 --requests 40

## race: 10 000 races of concurrent user creations/edits against small pools, and property revocations
RACE_DB ?= surrealkv://target/race-db
race: release
	$(call say,Racing for pools on a fresh database)
	rm -rf target/race-db
	TRELLIS_DB='$(RACE_DB)' TRELLIS_ADMIN_PASSWORD=race-admin-password RUST_LOG=warn \
		target/release/server race --races 10000 --concurrency 16

tools:
	@if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then \
		printf '\n==> Adding the wasm32 target\n'; rustup target add wasm32-unknown-unknown; fi
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
		printf '\n==> Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 12 minutes, once)\n'; \
		cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked --features no_downloads; fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
		printf '\n==> Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 2 minutes, once)\n'; \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ]; then \
		printf '\n==> Installing the node tools (wasm-opt, Playwright, axe-core)\n'; \
		cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

test-tools:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			printf '\n==> Installing Chromium for the browser tests\n'; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Browser tests need Chromium: run 'sudo apt-get install -y chromium', then 'make test' again."; exit 1; \
		fi; \
	fi

fmt-check:
	$(call say,Checking formatting)
	cargo fmt --all --check

lint:
	$(call say,Running clippy (server and browser builds))
	cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# One cargo invocation for both packages: the app library is built once, with
# the same features, for its own tests and the server's.
unit-test:
	$(call say,Running unit + service + HTTP tests)
	cargo test -p app -p server --features app/ssr

# The browser code in the size-optimised profile that `make release` uses: it
# once failed to build there while every debug build passed.
release-wasm:
	$(call say,Building the browser code with the release profile)
	cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release

# cargo-leptos runs wasm-bindgen (and wasm-opt for a release) from PATH; say
# so plainly if they are not there rather than leave it to its terse error.
site-tools:
	@for tool in wasm-bindgen wasm-opt; do \
		command -v $$tool >/dev/null || { echo "$$tool is not on PATH ($$PATH): run 'make tools'"; exit 1; }; \
	done

e2e-build: site-tools
	$(call say,Building the site for the browser tests)
	RUST_BACKTRACE=0 cargo leptos build --split

e2e: e2e-build
	$(call say,Running the browser tests in headless Chromium)
	cd end2end && E2E_PORT=$(E2E_PORT) E2E_ADMIN_PASSWORD=$(E2E_ADMIN_PASSWORD) npx playwright test

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results end2end/playwright-report

## cluster: a real SurrealDB server (built once, ~25 min), the instance tests on it, two Trellis processes
SURREAL_SERVER := target/surrealdb-server/release/surreal
.PHONY: cluster
cluster: tools
	$(call say,Building the SurrealDB server the client is pinned to (once))
	nice cargo build --release --manifest-path end2end/surrealdb-server/Cargo.toml --target-dir target/surrealdb-server
	bash end2end/cluster/run.sh

## cluster-bench: the lists' throughput on a real SurrealDB server, one instance alone and two at once
cluster-bench: tools release
	$(call say,Building the SurrealDB server the client is pinned to (once))
	nice cargo build --release --manifest-path end2end/surrealdb-server/Cargo.toml --target-dir target/surrealdb-server
	bash end2end/cluster/bench.sh

## crash: 200 times, kill -9 the server in the middle of concurrent writes (surrealkv, sync=every) and check every restart
CRASH_DB ?= surrealkv://target/crash-db?sync=every
.PHONY: crash
crash: release
	$(call say,Killing the server mid-write 200 times on a fresh database)
	rm -rf target/crash-db
	TRELLIS_DB='$(CRASH_DB)' RUST_LOG=warn target/release/server crash --rounds 200 --writers 6
