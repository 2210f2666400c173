// Browsers, directly as ES modules or through a bundler (Vite turns this URL into an asset): the
// .wasm is fetched and compiled asynchronously (a browser may refuse to compile it on its main
// thread synchronously), then instantiated as in the other entries.
import { initSync } from "./edge_oauth.js";

const wasm = await fetch(new URL("./edge_oauth_bg.wasm", import.meta.url));
if (!wasm.ok) throw new Error(`edge-oauth: its .wasm could not be fetched (HTTP ${wasm.status})`);
initSync({ module: await WebAssembly.compile(await wasm.arrayBuffer()) });

export * from "./client.mjs";
