// Cold start: from a process (Node) or a workerd instance (Miniflare) starting, to the first
// good answer. Interleaved like the rounds; nothing is reused between repetitions.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Miniflare } from "miniflare";
import { check } from "./batch.mjs";
import { workerOptions } from "./drivers.mjs";
import { interleave, summarize } from "./stats.mjs";

const FIRST_CALL = fileURLToPath(new URL("../child/first-call.mjs", import.meta.url));

/** `node child/first-call.mjs`: spawn to "ok" on its stdout. */
function nodeStart(library, method, target) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [FIRST_CALL, library, method], {
      env: { ...process.env, BENCH_TARGET: JSON.stringify(target) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    let ms;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (ms === undefined && out.includes("ok\n")) ms = performance.now() - start;
    });
    child.on("exit", (code) => (code === 0 && ms !== undefined ? resolve(ms) : reject(new Error(`${library} ${method}: exit ${code}`))));
  });
}

/** A new Miniflare (a workerd process, then the Worker's isolate) to its first answer. */
async function isolateStart(library, method, target, bundle) {
  const start = performance.now();
  const mf = new Miniflare(workerOptions(library, bundle, target));
  try {
    const response = await mf.dispatchFetch(`http://bench/?method=${method}`);
    check(method, await response.json());
    return performance.now() - start;
  } finally {
    await mf.dispose();
  }
}

export async function nodeColdStart(races, target, reps) {
  const result = {};
  for (const { method, contenders } of races) {
    const samples = await interleave(contenders, { rounds: reps, warmup: 1 }, (library) => nodeStart(library, method, target));
    result[method] = summarize(samples);
  }
  return result;
}

/** `bundles`: the minimal Worker of each library (lib/bundle.mjs). */
export async function isolateColdStart(races, target, reps, bundles) {
  await isolateStart("floor", "oauth.v2.access", target, bundles.floor); // first workerd start: disk cache
  const result = {};
  for (const { method, contenders } of races) {
    const samples = await interleave(contenders, { rounds: reps, warmup: 0 }, (library) => isolateStart(library, method, target, bundles[library]));
    result[method] = summarize(samples);
  }
  return result;
}
