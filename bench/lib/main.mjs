// The run, in order: sizes, Node, workerd; then RESULTS.md. Loaded by run.mjs once
// node_modules/edge-oauth points at the built package.
import "./keepalive.mjs";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { bundleWorker } from "./bundle.mjs";
import { isolateColdStart, nodeColdStart } from "./cold.mjs";
import { COMPATIBILITY_DATE, nodeDriver, startWorkerd } from "./drivers.mjs";
import { memoryRun } from "./memory.mjs";
import { startMock } from "./mock.mjs";
import { knobs, LIBRARIES, METHODS, races, target } from "./plan.mjs";
import { report } from "./report.mjs";
import { compareWithFloor } from "./same-request.mjs";
import { bundleSizes } from "./size.mjs";
import { speed } from "./speed.mjs";

const BENCH = fileURLToPath(new URL("..", import.meta.url));
const began = performance.now();
const step = (text) => process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);

const modules = Object.fromEntries(await Promise.all(LIBRARIES.map(async (name) => [name, (await import(`../contenders/${name}.mjs`)).default])));
const plan = races(modules);
const mock = await startMock();
const t = target(mock.url);
// Other work on the machine shows in every number: the load before and after goes in the report.
const results = { knobs, methods: METHODS, node: {}, workerd: {}, load: [loadavg()[0]] };
try {
  step(`mock at ${mock.url}; checking that the floor sends edge-oauth's requests`);
  results.floorDifferences = await compareWithFloor(modules, t, mock.url);
  for (const line of results.floorDifferences) step(`WARNING: ${line}`);
  step("bundling a minimal Worker per library");
  const minimal = {};
  for (const library of LIBRARIES) minimal[library] = await bundleWorker(library, "minimal");
  results.sizes = bundleSizes(minimal);

  step("Node: per call (client built once, per request) and 64 in flight");
  results.node.speed = await speed(nodeDriver(modules, t), plan, knobs, mock.reset);
  step(`Node: wasm memory over ${knobs.memoryCalls} calls (fresh process)`);
  results.node.memory = await nodeMemory(t);
  step("Node: process start to first answer");
  results.node.cold = await nodeColdStart(plan, t, knobs.coldReps);

  step("workerd: per call (client built once, per request) and 64 in flight");
  const workerd = await startWorkerd(LIBRARIES, t);
  try {
    results.workerd.speed = await speed(workerd.driver, plan, knobs, mock.reset);
    results.workerd.dispatchMs = workerd.dispatchMs();
    results.workerd.requestCpuMs = workerd.requestCpuMs;
  } finally {
    await workerd.dispose();
  }
  step(`workerd: wasm memory over ${knobs.memoryCalls} calls (fresh isolate)`);
  results.workerd.memory = await workerdMemory(t);
  step("workerd: new Miniflare to first answer");
  if (knobs.isolateReps > 0) results.workerd.cold = await isolateColdStart(plan, t, knobs.isolateReps, minimal);
} finally {
  await mock.stop();
}
results.load.push(loadavg()[0]);
results.seconds = (performance.now() - began) / 1000;
results.date = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";
results.machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GB`;
results.versions = versions();
writeFileSync(new URL("../RESULTS.md", import.meta.url), report(results));
step("wrote bench/RESULTS.md");

/** child/memory.mjs in a fresh Node process. */
async function nodeMemory(target) {
  const child = spawn(process.execPath, [`${BENCH}child/memory.mjs`], {
    env: { ...process.env, BENCH_TARGET: JSON.stringify(target), BENCH_MEMORY_CALLS: String(knobs.memoryCalls) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk) => { out += chunk; });
  const code = await new Promise((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`memory run failed (${code})`);
  return JSON.parse(out);
}

/** The same run in a Miniflare of its own, holding only edge-oauth's bench Worker. */
async function workerdMemory(target) {
  const workerd = await startWorkerd(["edge-oauth"], target);
  try {
    return await memoryRun(workerd.driver, () => workerd.wasmMemoryBytes("edge-oauth"), knobs.memoryCalls, mock.reset);
  } finally {
    await workerd.dispose();
  }
}

function versions() {
  const version = (path) => JSON.parse(readFileSync(`${BENCH}${path}`, "utf8")).version;
  return {
    node: process.versions.node,
    workerd: version("node_modules/workerd/package.json"),
    miniflare: version("node_modules/miniflare/package.json"),
    esbuild: version("node_modules/esbuild/package.json"),
    compatibilityDate: COMPATIBILITY_DATE,
    "@slack/web-api": version("node_modules/@slack/web-api/package.json"),
    "slack-edge": version("node_modules/slack-edge/package.json"),
    "slack-web-api-client": version("node_modules/slack-web-api-client/package.json"),
    stytch: version("node_modules/stytch/package.json"),
    "edge-oauth": version("../pkg/package.json"),
  };
}
