// A driver runs one timed batch, `(library, method, calls, concurrency, perRequest) -> { ms, cpu }`
// per call (wall time and CPU time, both in ms), the same way for the rounds and the memory run,
// in Node (in this process) or in workerd (Miniflare). `perRequest`: a new client for every call.
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { Miniflare } from "miniflare";
import { caller, runBatch } from "./batch.mjs";
import { bundleWorker } from "./bundle.mjs";
import { nodeCpuMs, workerdCpuMs } from "./cpu.mjs";
import { median } from "./stats.mjs";

const REQUEST_TIMEOUT_MS = 60_000;
export const COMPATIBILITY_DATE = "2026-04-01"; // the project's tests/workerd date

/**
 * Node: every library's clients in this process, built on first use and then reused (or built
 * for every call, per request). CPU is this process's: the mock runs in its own.
 */
export function nodeDriver(modules, target) {
  const calls = new Map();
  return async (library, method, count, concurrency, perRequest = false) => {
    const key = `${library} ${method} ${perRequest}`;
    if (!calls.has(key)) calls.set(key, caller(modules[library], method, target, perRequest));
    const [start, cpuStart] = [performance.now(), nodeCpuMs()];
    await runBatch(method, calls.get(key), count, concurrency);
    return { ms: (performance.now() - start) / count, cpu: (nodeCpuMs() - cpuStart) / count };
  };
}

/** Only @slack/web-api needs Node's modules in a Worker; the others run as plain Workers. */
export const compatibilityFlags = (library) => (library === "slack-web-api" ? ["nodejs_compat"] : []);

/** A Miniflare worker definition for a bundle made by bundleWorker; `name` defaults to the library. */
export function workerOptions(library, bundle, target, name = library) {
  return {
    name,
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
 * workerd: one Miniflare with a bench Worker per contender (an isolate each). A contender is a
 * library's name, or `{ name, library, pkgDir }` for edge-oauth built in another directory. A
 * batch is one request; its time is the Worker's own clock (see worker/bench.mjs), which leaves
 * out Miniflare's 2-7 ms of request dispatch. The dispatch left over (outside minus inside) is
 * kept as a check. Its CPU is workerd's (all its processes and threads, from /proc) less the CPU
 * of an empty request, measured at the start: what carrying the batch in and out costs.
 */
export async function startWorkerd(contenders, target) {
  const specs = contenders.map((c) => (typeof c === "string" ? { name: c, library: c } : c));
  const workers = [];
  for (const { name, library, pkgDir } of specs) {
    workers.push(workerOptions(library, await bundleWorker(library, "bench", { pkgDir, name }), target, name));
  }
  const mf = new Miniflare({ workers });
  await mf.ready;
  const fetchers = Object.fromEntries(await Promise.all(specs.map(async ({ name }) => [name, await mf.getWorker(name)])));
  const request = async (library, query) => {
    // A library stuck retrying must fail the bench, not hang it.
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const response = await fetchers[library].fetch(`http://bench/?${new URLSearchParams(query)}`, { signal });
    const body = await response.text();
    if (!response.ok) throw new Error(`${library} in workerd: ${body}`);
    return body;
  };
  const emptyCpu = [];
  for (let i = 0; i < 40; i += 1) {
    const cpuStart = workerdCpuMs();
    await request(specs[0].name, { op: "noop" });
    if (i >= 10) emptyCpu.push(workerdCpuMs() - cpuStart);
  }
  const requestCpu = median(emptyCpu);
  const dispatch = []; // ms per request outside the Worker's clock
  const driver = async (library, method, calls, concurrency, perRequest = false) => {
    const query = { op: "batch", method, calls, concurrency, ...(perRequest ? { perRequest: 1 } : {}) };
    const [start, cpuStart] = [performance.now(), workerdCpuMs()];
    const inside = Number(await request(library, query));
    const cpu = workerdCpuMs() - cpuStart - requestCpu;
    dispatch.push(performance.now() - start - inside);
    return { ms: inside / calls, cpu: cpu / calls };
  };
  const wasmMemoryBytes = async (library) => JSON.parse(await request(library, { op: "memory" })).bytes;
  return { driver, wasmMemoryBytes, dispatchMs: () => median(dispatch), requestCpuMs: requestCpu, dispose: () => mf.dispose() };
}
