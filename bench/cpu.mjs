#!/usr/bin/env node
// edge-oauth's CPU per call against floor + timeout, for one or more builds of the package,
// interleaved in one run: the quick loop for work on the hot path.
//   cp -r pkg /tmp/pkg-before     # then change the code and `make build`
//   node bench/cpu.mjs /tmp/pkg-before pkg
// With no directory it measures ../pkg. Prints the CPU tables of RESULTS.md (Node, then
// workerd; three rows each: client built once, built per request, 64 in flight) and, for each
// build, the summary table. 5-10 minutes on 2 cores shared with other work.
// Knobs: the BENCH_* variables of lib/plan.mjs, with smaller defaults here, and
//   BENCH_RUNTIMES=node,workerd   BENCH_METHODS=oauth.v2.access,stytch.slack
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { linkPackage } from "./lib/link.mjs";

const QUICK = { BENCH_ROUNDS: 20, BENCH_FLIGHT_ROUNDS: 10, BENCH_WARM_CALLS: 2000, BENCH_WARMUP: 2 };
for (const [name, value] of Object.entries(QUICK)) process.env[name] ??= String(value);
linkPackage();
await import("./lib/keepalive.mjs");
const { nodeDriver, startWorkerd } = await import("./lib/drivers.mjs");
const { startMock } = await import("./lib/mock.mjs");
const { knobs, target } = await import("./lib/plan.mjs");
const { CPU_METHODS, cpuTable, summaryTable } = await import("./lib/report.mjs");
const { speed } = await import("./lib/speed.mjs");
const { edgeOAuth } = await import("./contenders/edge-oauth.mjs");
const floor = (await import("./contenders/floor.mjs")).default;
const floorTimeout = (await import("./contenders/floor-timeout.mjs")).default;

const list = (name, fallback) => (process.env[name] ?? fallback).split(",").filter(Boolean);
const runtimes = list("BENCH_RUNTIMES", "node,workerd");
const methods = list("BENCH_METHODS", CPU_METHODS.join(","));
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [new URL("../pkg", import.meta.url).pathname];

// One contender per build: "edge-oauth" alone, "edge-oauth-1", "edge-oauth-2", ... for several.
const builds = dirs.map((dir, i) => ({ name: dirs.length === 1 ? "edge-oauth" : `edge-oauth-${i + 1}`, library: "edge-oauth", pkgDir: resolve(dir) }));
const modules = { floor, "floor-timeout": floorTimeout };
for (const { name, pkgDir } of builds) {
  const api = await import(pathToFileURL(resolve(pkgDir, "node.mjs")));
  const { initSync } = await import(pathToFileURL(resolve(pkgDir, "edge_oauth.js")));
  modules[name] = edgeOAuth(api, initSync);
}
const names = Object.keys(modules);
const labels = { floor: "floor", "floor-timeout": "floor + timeout", ...Object.fromEntries(builds.map(({ name, pkgDir }) => [name, `${name} (${pkgDir})`])) };
const races = methods.map((method) => ({ method, contenders: names }));

const began = performance.now();
const step = (text) => process.stderr.write(`[cpu ${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);
const mock = await startMock();
const t = target(mock.url);
const speeds = {};
try {
  if (runtimes.includes("node")) {
    step(`Node: ${names.join(", ")}`);
    speeds.node = await speed(nodeDriver(modules, t), races, knobs, mock.reset);
  }
  if (runtimes.includes("workerd")) {
    step(`workerd: ${names.join(", ")}`);
    const workerd = await startWorkerd(["floor", "floor-timeout", ...builds], t);
    try {
      speeds.workerd = await speed(workerd.driver, races, knobs, mock.reset);
    } finally {
      await workerd.dispose();
    }
  }
} finally {
  await mock.stop();
}
step("done");
console.log(`CPU µs per call, median over rounds; **ratio** to floor + timeout, median of per-round ratios (${knobs.rounds} rounds of ${knobs.batch} calls, ${knobs.flightRounds} of ${knobs.flightCalls} with ${knobs.inFlight} in flight)\n`);
for (const method of methods) console.log(`${cpuTable(method, speeds, names, labels)}\n`);
for (const { name, pkgDir } of builds) console.log(`${pkgDir}:\n\n${summaryTable(methods, speeds, name)}\n`);
