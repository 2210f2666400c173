// Waits until pkg/ is complete: `make build` (run elsewhere, often) removes and rewrites it, and
// copies the README and links node_modules/edge-oauth last.
import { existsSync } from "node:fs";

const pkg = new URL("../../pkg/", import.meta.url).pathname;
const DONE = ["package.json", "index.d.ts", "node.mjs", "client.mjs", "edge_oauth_bg.wasm", "README.md"];

export const packageDir = pkg;

export async function packageBuilt(timeoutMs = 180_000) {
  const linked = new URL("../../node_modules/edge-oauth/package.json", import.meta.url).pathname;
  for (let waited = 0; !DONE.every((file) => existsSync(pkg + file)) || !existsSync(linked); waited += 250) {
    if (waited > timeoutMs) throw new Error("pkg/ is missing or incomplete: run `make build`");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
