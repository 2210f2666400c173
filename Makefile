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

.PHONY: all build web tools rust-tools wasm-pack browser npm-deps test test-native test-crate test-rust test-wasm test-node test-runtimes test-package test-browser test-workerd test-worker-rs worker-rs test-types test-e2e test-release pack lint lint-js demo size bench clean

all: build

## Tools -----------------------------------------------------------------------------------
tools: rust-tools wasm-pack browser npm-deps

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 9 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

# wasm-pack runs the Rust API's wasm tests (`make test-wasm`), not the build: building the package
# needs only the two above. Built from the crates registry, never downloaded.
wasm-pack:
	@command -v wasm-pack >/dev/null || { echo "installing wasm-pack (about 6 minutes, once)"; cargo install wasm-pack --locked; }

# Debian's chromium + chromedriver; never Debian's binaryen (it breaks the module: see README).
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

npm-deps: node_modules/.installed
# Every npm tree (here, tests/runtimes, bench) is installed with `npm ci`: exactly the committed
# lockfile, which it never rewrites, so a fresh clone stays clean. The committed lockfiles are
# the ones `npm install` writes, with every platform's optional packages (rollup's
# @rollup/rollup-*, Deno's @deno/*) although npm 11 installs only this machine's: `npm ci`
# refuses a lockfile that leaves them out ("Missing: @rollup/rollup-darwin-arm64@4.68.7 from
# lock file"), and `npm install` adds them back (+345 lines). To change a dependency: `npm
# install --save-exact name@version` in that folder, then commit package.json and its lockfile.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## Build -----------------------------------------------------------------------------------
build: rust-tools npm-deps
	rm -rf pkg
	@# The wasm, its glue and the facade: scripts/entry.sh, which `make size` builds its variants with.
	scripts/entry.sh wasm pkg
	scripts/entry.sh opt pkg
	@# The public types come from the Rust types (src/typescript.rs); wasm-bindgen's own
	@# edge_oauth.d.ts describes only the internal exports the facade in js/ calls.
	cargo run --quiet --features typescript --bin typescript > pkg/index.d.ts
	cp pkg-template/package.json pkg-template/LICENSE pkg/
	scripts/entry.sh facade pkg "$$(cargo run --quiet --features typescript --bin typescript -- catalog)"
	@# The entries lose their comments.
	for entry in pkg-template/*.mjs; do \
	  $(NODE_BIN)/esbuild $$entry --format=esm $(MINIFY) --outfile=pkg/$$(basename $$entry); done
	@# edge-oauth/cloudflare: loaded only by Workers that import it; it uses the main entry.
	$(NODE_BIN)/esbuild js/cloudflare/index.mjs --bundle --format=esm --external:../workerd.mjs \
	  --external:cloudflare:workers --minify --sourcemap --log-level=warning --outfile=pkg/cloudflare/index.mjs
	cp js/cloudflare/cloudflare.d.ts pkg/cloudflare/index.d.ts
	@# The npm version is the crate's, so the two cannot drift.
	node -e 'const f="pkg/package.json",p=JSON.parse(require("fs").readFileSync(f));p.version=process.argv[1];require("fs").writeFileSync(f,JSON.stringify(p,null,2)+"\n")' "$(CRATE_VERSION)"
	node scripts/readme.mjs --strip pkg-template/README.md > pkg/README.md
	ln -sfn ../pkg node_modules/edge-oauth

# The browser example as the Worker serves it: the page plus the package, as plain ES modules.
web: build
	rm -rf examples/web/dist
	mkdir -p examples/web/dist/edge-oauth
	cp examples/web/index.html examples/web/app.js examples/web/style.css examples/web/dist/
	cp pkg/*.mjs pkg/edge_oauth.js pkg/edge_oauth_bg.wasm examples/web/dist/edge-oauth/

# What every runtime loads (the .wasm and every .js/.mjs of the main entry, each gzip -9, summed),
# and what a Worker adds when it imports edge-oauth/cloudflare.
SIZE_BUDGET := 40000
CLOUDFLARE_SIZE_BUDGET := 8000
size: build
	@node scripts/size.mjs $(SIZE_BUDGET) $(CLOUDFLARE_SIZE_BUDGET)

## Tests -----------------------------------------------------------------------------------
test: tools lint test-native test-crate test-rust test-wasm build web test-node test-runtimes test-package test-workerd test-worker-rs test-types test-browser test-e2e test-release size
	@echo "all test suites passed"

lint: lint-js
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --features npm,typescript,native,serde -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --features npm -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets --features fetch,serde -- -D warnings
	cd $(WORKER_RS) && cargo fmt --check && cargo clippy --target wasm32-unknown-unknown -- -D warnings

# js/ and js/cloudflare/ type-checked by tsc (--checkJs, strict: js/tsconfig.json and
# js/cloudflare/tsconfig.json) against the types generated here, in target/types/, so that a
# fresh clone needs no build first: the package's public types and the method catalog (from the
# Rust types), wasm-bindgen's types of the exports the facade calls (from the wasm `make build`
# then reuses), and Cloudflare's runtime types (`wrangler types`, from the pinned workerd;
# `.d.cts`: they declare `cloudflare:workers` with `export =`, which an ES module may not).
TYPES := target/types
lint-js: rust-tools npm-deps $(TYPES)/workers.d.cts
	cargo build --release --target wasm32-unknown-unknown --lib --features npm
	wasm-bindgen --target web --out-dir $(TYPES)/wasm-bindgen --out-name edge_oauth $(WASM)
	cp $(TYPES)/wasm-bindgen/edge_oauth.d.ts $(TYPES)/
	cargo run --quiet --features typescript --bin typescript > $(TYPES)/index.d.ts
	@# The messages between js/ and the wasm, and the catalog's type (src/seam.rs).
	cargo run --quiet --features typescript --bin typescript -- seam > $(TYPES)/seam.d.ts
	@# pkg/workerd.mjs, which edge-oauth/cloudflare imports, has the package's types.
	echo 'export * from "./index.js";' > $(TYPES)/workerd.d.mts
	$(NODE_BIN)/tsc -p js/tsconfig.json
	$(NODE_BIN)/tsc -p js/cloudflare/tsconfig.json

# The compatibility date of the tests' Workers (tests/workerd/wrangler.toml).
$(TYPES)/workers.d.cts: node_modules/.installed
	mkdir -p $(TYPES)
	printf 'name = "edge-oauth-types"\ncompatibility_date = "2026-04-01"\n' > $(TYPES)/wrangler.toml
	$(NODE_BIN)/wrangler types -c $(TYPES)/wrangler.toml --include-env=false $(TYPES)/workers.d.ts >/dev/null
	mv $(TYPES)/workers.d.ts $@

test-native:
	cargo test --features typescript,native,serde

# The crate as the registry would get it: docs without a warning, and `cargo package` (its file
# list, its manifest's metadata, and a build of the packaged sources) without a warning.
test-crate:
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --features native,serde
	cargo package --allow-dirty 2>&1 | tee target/package.log
	! grep -i '^warning' target/package.log

# The Rust API against the mock: examples/native.rs as a user runs it, and the differential
# tests (examples/replay.rs against the npm package: the same requests, the same verdicts;
# examples/verify_id_token.rs: the same id_token verdicts and key cache rule).
test-rust: build
	cargo build --example native --example replay --example verify_id_token --features native,serde
	node --test tests/rust/

# The Rust API compiled to wasm, through its `fetch` transport, against the mock over loopback:
# in Node, and in headless Chromium as a page and as a dedicated worker (tests/fetch_*.rs).
# wasm-pack uses the wasm-bindgen-cli on PATH and Debian's chromedriver (`--mode no-install`:
# it downloads nothing).
test-wasm: rust-tools wasm-pack browser
	node tests/mock/with-mock.mjs wasm-pack test --mode no-install --node --features fetch,serde
	node tests/mock/with-mock.mjs wasm-pack test --mode no-install --headless --chrome \
	  --chromedriver "$$(command -v chromedriver)" --features fetch,serde

test-node:
	node --test tests/node/

tests/runtimes/node_modules/.installed: tests/runtimes/package.json tests/runtimes/package-lock.json
	cd tests/runtimes && npm ci --no-audit --no-fund
	touch $@

# The package by its bare name in Node (import and require), Deno, Bun and Edge Runtime.
test-runtimes: build tests/runtimes/node_modules/.installed
	node --test tests/runtimes/

# What npm would publish (file list, publint, attw) and every README snippet, run for real.
test-package: build browser tests/runtimes/node_modules/.installed
	node --test tests/package/ tests/snippets/

# The package in headless Chromium (a page and a module Worker), against the mock with only
# CORS-safelisted headers exposed (tests/browser/NOTES.md).
test-browser: browser build
	node --test tests/browser/

test-workerd: web
	node --test tests/workerd/

# examples/worker-rs, a Worker in Rust (workers-rs), built as worker-build would but without its
# downloads: cargo, the installed wasm-bindgen CLI (`--target web`), and a hand-written main
# module (entry.mjs) that instantiates the glue. A clean build takes ~3 min here (its own
# target dir); `wrangler dev` or Miniflare runs build/entry.mjs.
WORKER_RS := examples/worker-rs
worker-rs: rust-tools npm-deps
	cd $(WORKER_RS) && cargo build --release --target wasm32-unknown-unknown
	rm -rf $(WORKER_RS)/build
	@# --force-enable-abort-handler: with panic = "abort", a panic traps and (measured) ~1,500 of
	@# them leave the instance answering `RuntimeError: unreachable` for good; with it, worker
	@# 0.8's abort hook has the glue re-instantiate the wasm before the next call.
	wasm-bindgen --target web --force-enable-abort-handler --out-dir $(WORKER_RS)/build --out-name worker_rs \
	  $(WORKER_RS)/target/wasm32-unknown-unknown/release/edge_oauth_worker_rs.wasm
	@# npm binaryen's wasm-opt (~16 s): 172 KB -> 143 KB gzipped.
	$(NODE_BIN)/wasm-opt -Oz --enable-exception-handling $(WORKER_RS)/build/worker_rs_bg.wasm -o $(WORKER_RS)/build/worker_rs_bg.wasm
	cp $(WORKER_RS)/entry.mjs $(WORKER_RS)/build/

test-worker-rs: npm-deps worker-rs
	node --test tests/worker-rs/

# The browser example in headless Chromium, driven by Playwright (screenshots in
# tests/artifacts/), and the package bundled by `vite build`, run in Chromium.
test-e2e: browser web
	node --test tests/e2e/ tests/vite/

test-types:
	$(NODE_BIN)/tsc -p tests/types/tsconfig.json

# What a release does, as far as this machine can check it (it cannot reach GitHub): the
# workflows in .github/workflows/ parsed and checked against this Makefile and CHANGELOG.md,
# `npm publish --dry-run` of pkg/, and the tarball `make pack` makes installed in a new project
# by npm, Deno and Bun. `cargo package` of the crate is `make test-crate`'s.
test-release: build tests/runtimes/node_modules/.installed
	node --test tests/release/

## Package ----------------------------------------------------------------------------------
# The npm package as one file, edge-oauth-<version>.tgz here, for `npm install ./edge-oauth-….tgz`
# until it is on the registry (installing the pkg/ folder instead links it, and every
# `make build` removes pkg/ while it runs).
pack: build
	rm -f edge-oauth-*.tgz
	cd pkg && npm pack --ignore-scripts --pack-destination .. --loglevel=warn
	@echo "made $$(ls edge-oauth-*.tgz): npm install $$(pwd)/$$(ls edge-oauth-*.tgz)"

## Demo ------------------------------------------------------------------------------------
# demo.mjs checks .dev.vars and takes both ports first, then runs `make web` itself, then starts
# the Worker: a second `make demo` stops at the ports and rebuilds nothing under the running one.
demo:
	node examples/demo.mjs

clean:
	rm -rf target pkg node_modules examples/worker-rs/target examples/worker-rs/build

## Benchmarks (not part of `make test`) -----------------------------------------------------
# edge-oauth against a hand-written fetch and the official SDKs, in Node and workerd, against
# the mock on loopback: CPU per call to floor + timeout, and wall time; writes bench/RESULTS.md
# (see bench/README.md). Over 10 minutes, far more on a busy machine; `node bench/cpu.mjs`
# gives the CPU ratios alone in 5-10.
.PHONY: bench
bench: build bench/node_modules/.installed
	node bench/run.mjs

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund
	touch $@
