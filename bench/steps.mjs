#!/usr/bin/env node
// Where edge-oauth's CPU per call goes in Node, without the network: `fetch` is replaced by one
// that answers a canned Response (the mock's real answer, its status and headers, recorded once),
// so what is left is the client's own work. Times, in interleaved rounds, CPU µs per call of:
// floor + timeout and edge-oauth (client built once, and built per request) over the canned
// fetch, and the steps of an edge-oauth call alone: the constructor, the wasm's checkClient,
// prepare and conclude, and JSON.parse of the answer.
//   node bench/steps.mjs [pkgdir]            # ../pkg by default
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/steps.mjs --profile [pkgdir]
// With --profile it only loops one contender's calls, CALLS × 10 per method, for a CPU profile:
// PROFILE=edge-oauth (the default; client built once), edge-oauth-per-request or floor-timeout.
// `node bench/steps.mjs --read /tmp/prof/<file>.cpuprofile [pkgdir]` then sums the self time by
// function, named through the package's source map (js/*.mjs lines), in µs per call.
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { edgeOAuth } from "./contenders/edge-oauth.mjs";
import floorTimeout from "./contenders/floor-timeout.mjs";
import { caller, check } from "./lib/batch.mjs";
import { nodeCpuMs } from "./lib/cpu.mjs";
import { concluder, methodIndex } from "./lib/glue.mjs";
import { startMock } from "./lib/mock.mjs";
import { target } from "./lib/plan.mjs";
import { interleave, median } from "./lib/stats.mjs";

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args.splice(args.indexOf(name), 1) : null);
const profile = flag("--profile");
const read = flag("--read") && args.shift();
const pkgDir = resolve(args[0] ?? new URL("../pkg", import.meta.url).pathname);
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const CALLS = Number(process.env.CALLS ?? 2000);
if (read) {
  selfTimes(read);
  process.exit(0);
}
const METHODS = { "oauth.v2.access": "/api/oauth.v2.access", "stytch.slack": "/oauth_providers/slack" };

const api = await import(pathToFileURL(resolve(pkgDir, "node.mjs")));
const glue = await import(pathToFileURL(resolve(pkgDir, "edge_oauth.js")));
const edge = edgeOAuth(api, glue.initSync);

// One real call of each method through edge-oauth, to record the mock's answers.
const mock = await startMock();
const t = target(mock.url);
const answers = new Map(); // url -> { status, headers, body }
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const response = await realFetch(url, init);
  const body = await response.text();
  answers.set(String(url), { status: response.status, headers: [...response.headers], body });
  return new Response(body, { status: response.status, headers: response.headers });
};
for (const method of Object.keys(METHODS)) check(method, await edge.methods[method](t)());
await mock.stop();
globalThis.fetch = async (url) => {
  const { status, headers, body } = answers.get(String(url));
  return new Response(body, { status, headers });
};

const loop = async (call, calls) => {
  for (let i = 0; i < calls; i += 1) await call();
};
const cpuPerCall = (run) => async () => {
  const start = nodeCpuMs();
  await run();
  return ((nodeCpuMs() - start) * 1000) / CALLS;
};

for (const method of Object.keys(METHODS)) {
  const answer = [...answers].find(([url]) => url.endsWith(METHODS[method]))[1].body;
  const once = caller(edge, method, t, false);
  const perRequest = caller(edge, method, t, true);
  if (profile) {
    const which = process.env.PROFILE ?? "edge-oauth";
    const call = { "edge-oauth": once, "edge-oauth-per-request": perRequest, "floor-timeout": caller(floorTimeout, method, t, false) }[which];
    for (let i = 0; i < 10; i += 1) await loop(call, CALLS);
    continue;
  }
  const steps = wasmSteps(method, answer);
  const work = {
    "floor + timeout": () => loop(caller(floorTimeout, method, t, false), CALLS),
    "edge-oauth, once": () => loop(once, CALLS),
    "edge-oauth, per request": () => loop(perRequest, CALLS),
    "new client": async () => { for (let i = 0; i < CALLS; i += 1) edge.methods[method](t); },
    ...Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, async () => { for (let i = 0; i < CALLS; i += 1) step(); }])),
    "JSON.parse(answer)": async () => { for (let i = 0; i < CALLS; i += 1) JSON.parse(answer); },
  };
  const names = Object.keys(work);
  for (const name of names) await work[name](); // tier-up
  const samples = await interleave(names, { rounds: ROUNDS, warmup: 2 }, (name) => cpuPerCall(work[name])());
  console.log(`\n${method} (${pkgDir}), CPU µs per call, canned fetch, median of ${ROUNDS} rounds of ${CALLS}:`);
  for (const name of names) console.log(`  ${name.padEnd(26)} ${median(samples[name]).toFixed(1).padStart(7)}`);
  const m = (name) => median(samples[name]);
  console.log(`  edge-oauth once - floor + timeout: ${(m("edge-oauth, once") - m("floor + timeout")).toFixed(1)} µs, of which wasm prepare + conclude ${(m("wasm prepare") + m("wasm conclude")).toFixed(1)} µs`);
  console.log(`  per request - once: ${(m("edge-oauth, per request") - m("edge-oauth, once")).toFixed(1)} µs (new client alone ${m("new client").toFixed(1)} µs, of which wasm checkClient ${m("wasm checkClient").toFixed(1)} µs)`);
}

/** The wasm's steps of one call, straight through the glue, with the texts the facade sends. */
function wasmSteps(method, answer) {
  const provider = method === "stytch.slack" ? "stytch" : "slack";
  const options = provider === "stytch"
    ? { project_id: t.projectId, secret: t.stytchSecret, custom_base_url: t.url }
    : { slackApiUrl: `${t.url}/api/` };
  const clientJson = provider === "stytch" ? JSON.stringify({ options, browser: false }) : JSON.stringify({ token: null, options, browser: false });
  const params = provider === "stytch"
    ? { organization_id: t.organizationId, member_id: t.memberId }
    : { client_id: t.clientId, client_secret: t.clientSecret, code: t.code };
  const { client, policy } = JSON.parse(glue.checkClient(provider, clientJson));
  const texts = `${client}\0${JSON.stringify(params)}\0null`;
  const index = methodIndex(glue, texts, METHODS[method]);
  const spends = JSON.parse(glue.prepare(index, texts)).request.spends ?? 0;
  const conclude = concluder(glue, index, policy, spends, answer);
  return {
    "wasm checkClient": () => glue.checkClient(provider, clientJson),
    "wasm prepare": () => glue.prepare(index, texts),
    "wasm conclude": conclude,
  };
}

/** Self time by function from a .cpuprofile, client.mjs frames named through its source map. */
function selfTimes(file) {
  const prof = JSON.parse(readFileSync(file, "utf8"));
  const map = new SourceMap(JSON.parse(readFileSync(resolve(pkgDir, "client.mjs.map"), "utf8")));
  const sources = map.payload.sources.map((source, i) => ({ source, lines: (map.payload.sourcesContent[i] ?? "").split("\n") }));
  const dt = new Map(); // node id -> µs of samples
  for (let i = 0; i < prof.samples.length; i += 1) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + prof.timeDeltas[i]);
  const total = prof.timeDeltas.reduce((a, b) => a + b, 0);
  const byName = new Map();
  for (const node of prof.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    let name = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}`;
    if (url.endsWith("/client.mjs")) {
      const entry = map.findEntry(lineNumber, columnNumber);
      const src = sources.find(({ source }) => source === entry.originalSource);
      const line = src?.lines[entry.originalLine] ?? "";
      const fn = /(?:function\s*\*?\s*|(?:const|let)\s+)([\w$]+)|([\w$]+)\s*\(/.exec(line);
      name = `${fn?.[1] ?? fn?.[2] ?? functionName} ${entry.originalSource?.split("/").pop()}:${entry.originalLine + 1}`;
    } else if (url === "" && functionName.startsWith("$")) {
      name = `wasm ${functionName}`;
    }
    byName.set(name, (byName.get(name) ?? 0) + (dt.get(node.id) ?? 0));
  }
  const rows = [...byName].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
  const calls = 2 * 10 * CALLS; // two methods, 10 loops each (see --profile)
  console.log(`self time, ${(total / 1000).toFixed(0)} ms sampled, ${(total / calls).toFixed(1)} µs per call (CALLS=${CALLS}):`);
  for (const [name, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / calls).toFixed(2).padStart(7)} µs/call  ${name}`);
}
