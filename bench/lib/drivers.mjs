// A driver runs one timed batch, `(library, method, calls, concurrency) -> ms per call`, the same
// way for the rounds and the memory run, in Node (in this process) or in workerd (Miniflare).
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { Miniflare } from "miniflare";
import { runBatch } from "./batch.mjs";
import { bundleWorker } from "./bundle.mjs";
import { median } from "./stats.mjs";

const REQUEST_TIMEOUT_MS = 60_000;
export const COMPATIBILITY_DATE = "2026-04-01"; // the project's tests/workerd date

/** Node: every library's clients in this process, built on first use and then reused. */
export function nodeDriver(modules, target) {
  const calls = new Map();
  return async (library, method, count, concurrency) => {
    const key = `${library} ${method}`;
    if (!calls.has(key)) calls.set(key, modules[library].methods[method](target));
    const start = performance.now();
    await runBatch(method, calls.get(key), count, concurrency);
    return (performance.now() - start) / count;
  };
}

/** Only @slack/web-api needs Node's modules in a Worker; the others run as plain Workers. */
export const compatibilityFlags = (library) => (library === "slack-web-api" ? ["nodejs_compat"] : []);

/** A Miniflare worker definition for a bundle made by bundleWorker. */
export function workerOptions(library, bundle, target) {
  return {
    name: library,
    modules: true,
    scriptPath: bundle.script,
    modulesRoot: dirname(bundle.script),
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: compatibilityFlags(library),
    bindings: { TARGET: JSON.stringify(target) },
  };
}

/**
 * workerd: one Miniflare with a bench Worker per library (an isolate each). A batch is one
 * request; its time is the Worker's own clock (see worker/bench.mjs), which leaves out Miniflare's
 * 2-7 ms of request dispatch. The dispatch left over (outside minus inside) is kept as a check.
 */
export async function startWorkerd(libraries, target) {
  const workers = [];
  for (const library of libraries) workers.push(workerOptions(library, await bundleWorker(library, "bench"), target));
  const mf = new Miniflare({ workers });
  await mf.ready;
  const fetchers = Object.fromEntries(await Promise.all(libraries.map(async (name) => [name, await mf.getWorker(name)])));
  const request = async (library, query) => {
    // A library stuck retrying must fail the bench, not hang it.
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const response = await fetchers[library].fetch(`http://bench/?${new URLSearchParams(query)}`, { signal });
    const body = await response.text();
    if (!response.ok) throw new Error(`${library} in workerd: ${body}`);
    return body;
  };
  const dispatch = []; // ms per request outside the Worker's clock
  const driver = async (library, method, calls, concurrency) => {
    const start = performance.now();
    const inside = Number(await request(library, { op: "batch", method, calls, concurrency }));
    dispatch.push(performance.now() - start - inside);
    return inside / calls;
  };
  const wasmMemoryBytes = async (library) => JSON.parse(await request(library, { op: "memory" })).bytes;
  return { driver, wasmMemoryBytes, dispatchMs: () => median(dispatch), dispose: () => mf.dispose() };
}
