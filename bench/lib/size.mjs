// Bundle size of each library's minimal Worker: esbuild --minify, then gzip -9 (the gzip
// program, as `make size` measures). edge-oauth's .wasm ships beside the script and counts too.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";

const gzip9 = (path) => execFileSync("gzip", ["-9c", path], { maxBuffer: 64 << 20 }).length;

/** { library: { js, jsGzip, wasm, wasmGzip, gzip } } in bytes; `gzip` is the sum deployed. */
export function bundleSizes(bundles) {
  return Object.fromEntries(Object.entries(bundles).map(([library, bundle]) => {
    const jsGzip = gzip9(bundle.script);
    const wasm = bundle.wasm.reduce((sum, path) => sum + statSync(path).size, 0);
    const wasmGzip = bundle.wasm.reduce((sum, path) => sum + gzip9(path), 0);
    return [library, { js: bundle.js, jsGzip, wasm, wasmGzip, gzip: jsGzip + wasmGzip }];
  }));
}
