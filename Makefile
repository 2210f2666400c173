# edge-oauth: `make demo` runs the example, `make test` runs every test. Both install what is
# missing first, so a fresh machine needs nothing but these two commands.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml)
CRATE_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
WASM := target/wasm32-unknown-unknown/release/edge_oauth.wasm
NODE_BIN := node_modules/.bin
MINIFY := --minify-whitespace --minify-syntax --legal-comments=none --log-level=warning
export PATH := $(HOME)/.cargo/bin:$(PATH)
export WRANGLER_SEND_METRICS := false

.PHONY: all build web tools rust-tools browser npm-deps test test-native test-wasm test-node test-workerd test-types test-e2e lint demo size clean

all: build

## Tools -----------------------------------------------------------------------------------
tools: rust-tools browser npm-deps

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 9 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

# Debian's chromium + chromedriver; never Debian's binaryen (it breaks the module: see README).
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

npm-deps: node_modules/.installed
# `npm install` on the committed lockfile (pinned versions): `npm ci` rejects this lockfile
# because npm 11 leaves rollup's per-platform optional packages out of it.
node_modules/.installed: package.json package-lock.json
	npm install --no-audit --no-fund
	touch $@

## Build -----------------------------------------------------------------------------------
build: rust-tools npm-deps
	cargo build --release --target wasm32-unknown-unknown --lib
	rm -rf pkg
	wasm-bindgen --target web --out-dir pkg --out-name edge_oauth $(WASM)
	$(NODE_BIN)/wasm-opt -Oz pkg/edge_oauth_bg.wasm -o pkg/edge_oauth_bg.wasm
	@# The public types come from the Rust types (src/typescript.rs); wasm-bindgen's own
	@# edge_oauth.d.ts describes only the internal exports the facade in js/ calls.
	cargo run --quiet --bin typescript > pkg/index.d.ts
	cp pkg-template/package.json pkg-template/*.mjs pkg-template/LICENSE pkg/
	@# Every runtime loads these on every cold start: the facade is bundled into one module and,
	@# like wasm-bindgen's glue, stripped of comments and whitespace (names are kept, so stack
	@# traces stay readable). The readable source is js/.
	$(NODE_BIN)/esbuild js/client.mjs --bundle --format=esm --external:./edge_oauth.js $(MINIFY) --outfile=pkg/client.mjs
	$(NODE_BIN)/esbuild pkg/edge_oauth.js --format=esm $(MINIFY) --allow-overwrite --outfile=pkg/edge_oauth.js
	@# The npm version is the crate's, so the two cannot drift.
	node -e 'const f="pkg/package.json",p=JSON.parse(require("fs").readFileSync(f));p.version=process.argv[1];require("fs").writeFileSync(f,JSON.stringify(p,null,2)+"\n")' "$(CRATE_VERSION)"
	cp README.md pkg/README.md
	ln -sfn ../pkg node_modules/edge-oauth

# The browser example as the Worker serves it: the page plus the package, as plain ES modules.
web: build
	rm -rf examples/web/dist
	mkdir -p examples/web/dist/edge-oauth
	cp examples/web/index.html examples/web/app.js examples/web/style.css examples/web/dist/
	cp pkg/*.mjs pkg/edge_oauth.js pkg/edge_oauth_bg.wasm examples/web/dist/edge-oauth/

size: build
	@printf 'wasm: %s bytes, %s gzip -9\n' $$(wc -c < pkg/edge_oauth_bg.wasm) $$(gzip -9c pkg/edge_oauth_bg.wasm | wc -c)
	@printf 'js glue: %s bytes, %s gzip -9\n' $$(wc -c < pkg/edge_oauth.js) $$(gzip -9c pkg/edge_oauth.js | wc -c)

## Tests -----------------------------------------------------------------------------------
test: tools lint test-native build web test-node test-workerd test-types test-wasm test-e2e
	@echo "all test suites passed"

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings

test-native:
	cargo test

test-node:
	node --test tests/node/

test-workerd: web
	node --test tests/workerd/

# The browser example in headless Chromium, driven by Playwright (screenshots in
# tests/artifacts/), and the package bundled by `vite build`, run in Chromium.
test-e2e: browser web
	node --test tests/e2e/ tests/vite/

test-types:
	$(NODE_BIN)/tsc -p tests/types/tsconfig.json

# wasm-bindgen tests in headless Chromium (a page and a dedicated worker), against the mock.
test-wasm: browser rust-tools
	CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	node tests/mock/with-mock.mjs cargo test --target wasm32-unknown-unknown --tests

## Demo ------------------------------------------------------------------------------------
demo: web
	node examples/demo.mjs

clean:
	rm -rf target pkg node_modules
