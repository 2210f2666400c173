// Cloudflare Workers / workerd: wrangler bundles the .wasm as a compiled module, which is
// instantiated synchronously (Workers forbid compiling wasm from bytes at run time).
import wasmModule from "./edge_oauth_bg.wasm";
import { initSync } from "./edge_oauth.js";

initSync({ module: wasmModule });

export * from "./client.mjs";
