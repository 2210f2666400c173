// CPU clocks, in ms: what a batch of calls cost the process that made them. On a shared machine
// CPU time moves about ±10% between runs where wall time moves ±15% or more, and it leaves out
// the time spent waiting for the mock, which is not the client's cost.
import { readdirSync, readFileSync } from "node:fs";

/** This process's user + system CPU (every thread: JS, GC, undici). */
export function nodeCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const TICK_MS = 10; // /proc/<pid>/stat counts clock ticks of 1/100 s on Linux

/** CPU of one thread: schedstat's ns on the CPU when the kernel keeps it, else stat's ticks. */
function threadCpuMs(dir) {
  try {
    const ns = Number(readFileSync(`${dir}/schedstat`, "utf8").split(" ")[0]);
    if (ns > 0) return ns / 1e6;
  } catch {
    // no schedstat in this kernel
  }
  const fields = readFileSync(`${dir}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
}

/**
 * The CPU used so far by every workerd process (Linux /proc), summed over their threads. It
 * counts all of workerd's work for a batch: the Worker's JS and wasm, its fetch, its HTTP client
 * and the request that carried the batch in (see drivers.mjs for that last part).
 */
export function workerdCpuMs() {
  let ms = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "workerd") continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) ms += threadCpuMs(`/proc/${pid}/task/${tid}`);
    } catch {
      // the process or thread ended meanwhile
    }
  }
  return ms;
}
