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
// It also drops the glue's asynchronous loader (`init`, the default export, with its fetch,
// instantiateStreaming and MIME-type fallback) and its declaration: every entry instantiates
// with `initSync` (browser.mjs compiles the fetched bytes itself), and the loader was ~300 B of
// every cold start's gzip. initSync's warning about old-style arguments goes too.
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

/** `[text, replacement]`, or `[from, to, replacement]` for everything from `from` up to `to`. */
const GLUE_PATCHES = [
  [LOOP, ENCODE_INTO],
  ["console.warn('using deprecated parameters for `initSync()`; pass a single object instead')", ""],
  ["async function __wbg_load(", "function initSync(", "function initSync("],
  ["let __wbg_init_promise;", "export { initSync, __wbg_init as default };\n", "export { initSync };\n"],
];
const TYPES_PATCHES = [
  ["export type InitInput = ", "\n\nexport interface InitOutput", "\nexport interface InitOutput"],
  ["\n/**\n * If `module_or_path`", "Promise<InitOutput>;\n", "\n"],
];

/** `text` with each patch applied; exits if one does not match exactly once. */
function patched(name, text, patches) {
  for (const patch of patches) {
    const [from, to, replacement] = patch.length === 2 ? [patch[0], "", patch[1]] : patch;
    const start = text.indexOf(from);
    const end = to === "" ? start + from.length : text.indexOf(to, start) + to.length;
    if (start < 0 || text.indexOf(from, start + 1) >= 0 || end < start + from.length) {
      console.error(`scripts/glue.mjs: ${name} is not the glue this patch knows (${from.trim().slice(0, 40)}…); update the patch`);
      process.exit(1);
    }
    text = text.slice(0, start) + replacement + text.slice(end);
  }
  return text;
}

const types = file.replace(/\.js$/, ".d.ts");
writeFileSync(file, patched(file, readFileSync(file, "utf8"), GLUE_PATCHES));
writeFileSync(types, patched(types, readFileSync(types, "utf8"), TYPES_PATCHES));
