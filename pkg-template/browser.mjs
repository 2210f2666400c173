// Browsers, directly as ES modules or through a bundler (Vite turns this URL into an asset).
import init from "./edge_oauth.js";

await init({ module_or_path: new URL("./edge_oauth_bg.wasm", import.meta.url) });

export * from "./client.mjs";
