#!/usr/bin/env bash
# The main entry's wasm, glue and facade, as `make build` builds them into pkg/ and `make size`
# builds its variants (one method left out: src/catalog.rs) elsewhere. One step per call, so
# `make size` can optimise one variant's wasm while cargo builds the next:
#   scripts/entry.sh wasm <dir>            cargo build, wasm-bindgen into <dir>, the glue patch
#   scripts/entry.sh opt <dir>             wasm-opt of <dir>/edge_oauth_bg.wasm
#   scripts/entry.sh facade <dir> <catalog JSON>
#                                          the bundled facade <dir>/client.mjs, the minified glue
# Cargo's target directory is $CARGO_TARGET_DIR (default target/).
set -euo pipefail
step=$1 dir=$2
bin=node_modules/.bin
case $step in
  wasm)
    cargo build --release --target wasm32-unknown-unknown --lib --features npm
    wasm-bindgen --target web --out-dir "$dir" --out-name edge_oauth \
      "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/edge_oauth.wasm"
    node scripts/glue.mjs "$dir/edge_oauth.js"
    ;;
  opt)
    # Less inlining of one-caller functions makes the wasm ~3 KB larger but ~1.3 KB smaller gzipped,
    # and gzipped bytes are what every cold start downloads (measured: `make size`).
    $bin/wasm-opt -Oz --one-caller-inline-max-function-size=5 --low-memory-unused --zero-filled-memory \
      --strip-producers "$dir/edge_oauth_bg.wasm" -o "$dir/edge_oauth_bg.wasm"
    ;;
  facade)
    # Every runtime loads these on every cold start: the facade is bundled into one minified
    # module with a source map back to js/ (the classes keep their names), and wasm-bindgen's
    # generated glue is minified whole. The facade's lines stay short, so the source line a
    # runtime prints above an uncaught error is readable (+74 B gzip against one 8 KB line).
    $bin/esbuild js/client.mjs --bundle --format=esm --external:./edge_oauth.js --minify --line-limit=160 \
      --sourcemap --log-level=warning --define:EDGE_OAUTH_CATALOG="$3" --outfile="$dir/client.mjs"
    $bin/esbuild "$dir/edge_oauth.js" --format=esm --minify --log-level=warning --allow-overwrite \
      --outfile="$dir/edge_oauth.js"
    ;;
  *) echo "usage: scripts/entry.sh wasm|opt|facade <dir> [catalog JSON]" >&2; exit 2 ;;
esac
