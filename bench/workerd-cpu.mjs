// workerd's own CPU time per call, for bench contenders, in interleaved rounds in one Miniflare:
//   node bench/workerd-cpu.mjs floor floor-timeout edge-oauth
// One method, one way (client built once, one call at a time), in large batches: cpu.mjs
// measures the three ways against floor + timeout in Node and workerd. The CPU is every workerd
// thread's (lib/cpu.mjs), less that of an empty request; it counts workerd's whole work, its
// HTTP client's included, so compare contenders with each other, not with zero.
// Knobs: METHOD (stytch.slack), ROUNDS (10), CALLS per batch (2000), WARM calls first (3000).
import { startWorkerd } from "./lib/drivers.mjs";
import { startMock } from "./lib/mock.mjs";
import { target } from "./lib/plan.mjs";
import { interleave, median } from "./lib/stats.mjs";

const method = process.env.METHOD ?? "stytch.slack";
const [rounds, calls, warm] = [["ROUNDS", 10], ["CALLS", 2000], ["WARM", 3000]].map(([name, value]) => Number(process.env[name] ?? value));
const libraries = process.argv.slice(2);
if (!libraries.length) throw new Error("name the contenders, e.g. floor floor-timeout edge-oauth");

const mock = await startMock();
const workerd = await startWorkerd(libraries, target(mock.url));
try {
  for (const library of libraries) await workerd.driver(library, method, warm, 1);
  const perCall = await interleave(libraries, { rounds, warmup: 0 }, async (library) => (await workerd.driver(library, method, calls, 1)).cpu * 1000);
  for (const library of libraries) {
    const values = perCall[library];
    console.log(`${library.padEnd(16)} ${median(values).toFixed(0).padStart(5)} µs of workerd CPU per call (median), min ${Math.min(...values).toFixed(0)}`);
  }
} finally {
  await workerd.dispose();
  await mock.stop();
}
