// The Node memory run, in a fresh process so the rounds before it cannot have grown the memory.
// Prints { before, after, calls } as JSON. Started by run.mjs with BENCH_TARGET and
// BENCH_MEMORY_CALLS set.
import "../lib/keepalive.mjs";
import edgeOAuth from "../contenders/edge-oauth.mjs";
import { nodeDriver } from "../lib/drivers.mjs";
import { memoryRun } from "../lib/memory.mjs";

const target = JSON.parse(process.env.BENCH_TARGET);
const driver = nodeDriver({ "edge-oauth": edgeOAuth }, target);
const reset = async () => { await (await fetch(`${target.url}/__mock/reset`)).text(); };
const result = await memoryRun(driver, () => edgeOAuth.wasmMemoryBytes(), Number(process.env.BENCH_MEMORY_CALLS), reset);
process.stdout.write(`${JSON.stringify(result)}\n`);
