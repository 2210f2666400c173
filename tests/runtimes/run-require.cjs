// The scenario through `require("edge-oauth")`: require of an ES module (Node >= 20.19, Deno, Bun).
const api = require("edge-oauth");

const runtime = globalThis.Deno ? `deno ${Deno.version.deno}`
  : globalThis.Bun ? `bun ${Bun.version}` : `node ${process.versions.node}`;
import("./scenario.mjs")
  .then(({ scenario }) => scenario(api, process.env.MOCK_URL))
  .then((results) => console.log(JSON.stringify({ runtime, entry: require.resolve("edge-oauth"), results })))
  .catch((error) => { console.error(error); process.exitCode = 1; });
