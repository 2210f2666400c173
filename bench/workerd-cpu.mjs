// workerd's own CPU time per call, for bench contenders, in interleaved rounds in one Miniflare:
//   node bench/workerd-cpu.mjs floor floor-timeout edge-oauth
// Each batch of calls is timed by the CPU time (utime + stime in /proc/<pid>/stat, Linux) of the
// workerd processes rather than by a clock: on a shared machine that is far steadier than wall
// time, and workerd's clock moves only across I/O anyway. It counts workerd's whole work, its HTTP
// client's included, so compare contenders with each other, not with zero.
// Knobs: METHOD (stytch.slack), ROUNDS (10), CALLS per batch (2000), WARM calls first (3000).
import { readdirSync, readFileSync } from "node:fs";
import { startWorkerd } from "./lib/drivers.mjs";
import { startMock } from "./lib/mock.mjs";
import { target } from "./lib/plan.mjs";
import { interleave, median } from "./lib/stats.mjs";

const method = process.env.METHOD ?? "stytch.slack";
const [rounds, calls, warm] = [["ROUNDS", 10], ["CALLS", 2000], ["WARM", 3000]].map(([name, value]) => Number(process.env[name] ?? value));
const libraries = process.argv.slice(2);
if (!libraries.length) throw new Error("name the contenders, e.g. floor floor-timeout edge-oauth");

const TICK_US = 1_000_000 / 100; // /proc/<pid>/stat counts in clock ticks of 1/100 s on Linux

/** CPU ticks used so far by every workerd process. */
function workerdTicks() {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "workerd") continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

const mock = await startMock();
const workerd = await startWorkerd(libraries, target(mock.url));
try {
  for (const library of libraries) await workerd.driver(library, method, warm, 1);
  const perCall = await interleave(libraries, { rounds, warmup: 0 }, async (library) => {
    const before = workerdTicks();
    await workerd.driver(library, method, calls, 1);
    return ((workerdTicks() - before) * TICK_US) / calls;
  });
  for (const library of libraries) {
    const values = perCall[library];
    console.log(`${library.padEnd(16)} ${median(values).toFixed(0).padStart(5)} µs of workerd CPU per call (median), min ${Math.min(...values).toFixed(0)}`);
  }
} finally {
  await workerd.dispose();
  await mock.stop();
}
