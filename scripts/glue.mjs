// Patches wasm-bindgen's generated glue (pkg/edge_oauth.js) in place, once, after every build.
//
// passStringToWasm0 copies a string into the wasm with a JS loop over its ASCII prefix, then
// TextEncoder.encodeInto for the rest. Every call passes JSON texts of a few hundred characters
// and the answer's body, so that loop was ~6% of a call's CPU in Node; one encodeInto of the
// whole string copies the same bytes 5-10x faster (measured: 0.3 µs against 2-3 µs for 500
// characters). The rest of the function (the realloc for non-ASCII text) is wasm-bindgen's own.
// wasm-bindgen is pinned (Cargo.toml), and the build fails here if its glue ever changes shape.
// (Every runtime the package supports has a native encodeInto; the glue's fallback is unused.)
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

const glue = readFileSync(file, "utf8");
if (glue.split(LOOP).length !== 2) {
  console.error(`scripts/glue.mjs: passStringToWasm0 in ${file} is not the one this patch knows; update the patch`);
  process.exit(1);
}
writeFileSync(file, glue.replace(LOOP, ENCODE_INTO));
