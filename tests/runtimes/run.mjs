// The scenario through `import … from "edge-oauth"`, by bare name: Node (ESM), Deno and Bun.
// Prints one JSON line: which runtime, which file the package's `exports` resolved to, the results.
import * as api from "edge-oauth";
import { scenario } from "./scenario.mjs";

const runtime = globalThis.Deno ? `deno ${Deno.version.deno}`
  : globalThis.Bun ? `bun ${Bun.version}` : `node ${process.versions.node}`;
const mockUrl = globalThis.Deno ? Deno.env.get("MOCK_URL") : process.env.MOCK_URL;
const results = await scenario(api, mockUrl);
console.log(JSON.stringify({ runtime, entry: import.meta.resolve("edge-oauth"), results }));
