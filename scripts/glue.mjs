// Patches wasm-bindgen's generated glue (pkg/edge_oauth.js) in place, once, after every build.
//
// passStringToWasm0 copies a string into the wasm with a JS loop over its ASCII prefix, then
// TextEncoder.encodeInto for the rest. Every call passes JSON texts of a few hundred characters
// and the answer's body, so that loop was ~6% of a call's CPU in Node; one encodeInto of the
// whole string copies the same bytes 5-10x faster (measured: 0.3 µs against 2-3 µs for 500
// characters). The rest of the function (the realloc for non-ASCII text) is wasm-bindgen's own.
// wasm-bindgen is pinned (Cargo.toml), and the build fails here if its glue ever changes shape.
// (Every runtime the package supports has a native encodeInto; the glue's fallback is unused.)
//
// It also drops the glue's three console warnings (old-style init arguments, twice, and a .wasm
// served without its MIME type): the package's entries call init the current way, the fallback
// they announce still runs, and their text was 166 B of every cold start's gzip.
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2] ?? "pkg/edge_oauth.js";
const LOOP = `    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
`;
const ENCODE_INTO = `    const head = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len));
    let offset = head.written;
    if (head.read !== len) {
        arg = arg.slice(head.read);
`;

const WARNINGS = [
  "console.warn(\"`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\\n\", e);",
  "console.warn('using deprecated parameters for `initSync()`; pass a single object instead')",
  "console.warn('using deprecated parameters for the initialization function; pass a single object instead')",
];

let glue = readFileSync(file, "utf8");
for (const [text, replacement] of [[LOOP, ENCODE_INTO], ...WARNINGS.map((warning) => [warning, ""])]) {
  if (glue.split(text).length !== 2) {
    console.error(`scripts/glue.mjs: ${file} is not the glue this patch knows (${text.trim().slice(0, 40)}…); update the patch`);
    process.exit(1);
  }
  glue = glue.replace(text, replacement);
}
writeFileSync(file, glue);
