// Node >= 20: compile the module from the file next to this one, synchronously, at import.
import { readFileSync } from "node:fs";
import { initSync } from "./edge_oauth.js";

initSync({ module: readFileSync(new URL("./edge_oauth_bg.wasm", import.meta.url)) });

export * from "./client.mjs";
