// RESULTS.md from one run's numbers, and the CPU tables cpu.mjs prints.
import { LIBRARIES, METHOD_TITLES } from "./plan.mjs";
import { MODES } from "./speed.mjs";
import { CPU_BASE } from "./stats.mjs";

const LABELS = { floor: "floor (fetch + JSON.parse)", "floor-timeout": "floor + per-attempt timeout", "edge-oauth": "**edge-oauth**", "slack-web-api": "@slack/web-api", "slack-edge": "slack-edge", stytch: "stytch" };
const us = (ms) => `${Math.round(ms * 1000)} µs`;
const msText = (ms) => `${Math.round(ms)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1048576).toFixed(2)} MB`;
const cell = (summary, unit, isFloor) => (summary ? `${unit(summary.ms)}${isFloor ? "" : ` (${summary.ratio.toFixed(2)}×)`}` : "n/a");

function methodTable(method, r) {
  const [node, workerd] = [r.node.speed[method], r.workerd.speed[method]];
  const columns = [
    ["Node, per call", node.once.wall, us],
    ["Node, per request", node.perRequest.wall, us],
    ["Node, 64 in flight", node.inFlight.wall, us],
    ["workerd, per call", workerd.once.wall, us],
    ["workerd, per request", workerd.perRequest.wall, us],
    ["workerd, 64 in flight", workerd.inFlight.wall, us],
    ["Node process start", r.node.cold[method], msText],
    ["workerd start", r.workerd.cold?.[method], msText],
  ];
  const names = LIBRARIES.filter((name) => name in node.once.wall);
  return [
    `### ${METHOD_TITLES[method]}`,
    "",
    `| | ${columns.map(([title]) => title).join(" | ")} |`,
    `|---|${columns.map(() => "---:").join("|")}|`,
    ...names.map((name) => `| ${LABELS[name]} | ${columns.map(([, summary, unit]) => cell(summary?.[name], unit, name === "floor")).join(" | ")} |`),
    "",
  ].join("\n");
}

const RUNTIMES = [["node", "Node"], ["workerd", "workerd"]];

/**
 * CPU per call of one method: a row per runtime and mode, a column per contender. The floor's
 * cell is its µs; floor + timeout's ratio is to the floor; every other ratio is to floor +
 * timeout. `speeds`: { node?, workerd? }, each { method: { once, perRequest, inFlight } }.
 */
export function cpuTable(method, speeds, names, labels = LABELS) {
  const cellOf = (speed, name) => {
    const cpu = speed.cpu[name];
    if (!cpu) return "n/a";
    if (name === "floor") return us(cpu.ms);
    if (name === CPU_BASE) return `${us(cpu.ms)} (${speed.cpuFloor[name].ratio.toFixed(2)}× floor)`;
    return `${us(cpu.ms)} (**${cpu.ratio.toFixed(2)}×**)`;
  };
  const rows = [];
  for (const [runtime, title] of RUNTIMES) {
    for (const { key, title: mode } of MODES) {
      const speed = speeds[runtime]?.[method]?.[key];
      if (speed) rows.push(`| ${title}, ${mode} | ${names.map((name) => cellOf(speed, name)).join(" | ")} |`);
    }
  }
  return [
    `| ${METHOD_TITLES[method]}, CPU per call | ${names.map((name) => labels[name] ?? name).join(" | ")} |`,
    `|---|${names.map(() => "---:").join("|")}|`,
    ...rows,
  ].join("\n");
}

/**
 * The short table for the project's README: per runtime and mode, `name`'s CPU ratio to floor +
 * timeout for each method, and in brackets floor + timeout's own ratio to the floor.
 */
export function summaryTable(methods, speeds, name = "edge-oauth") {
  const rows = [];
  for (const [runtime, title] of RUNTIMES) {
    for (const { key, title: mode } of MODES) {
      const cells = methods.map((method) => {
        const speed = speeds[runtime]?.[method]?.[key];
        return speed ? `${speed.cpu[name].ratio.toFixed(2)}× (${speed.cpuFloor[CPU_BASE].ratio.toFixed(2)}×)` : "n/a";
      });
      if (cells.some((cell) => cell !== "n/a")) rows.push(`| ${title}, ${mode} | ${cells.join(" | ")} |`);
    }
  }
  return [
    `| CPU per call, to floor + timeout (floor + timeout to the floor) | ${methods.map((method) => METHOD_TITLES[method]).join(" | ")} |`,
    `|---|${methods.map(() => "---:").join("|")}|`,
    ...rows,
  ].join("\n");
}

/** The methods of the CPU tables: one Slack call and one Stytch call. */
export const CPU_METHODS = ["oauth.v2.access", "stytch.slack"];

function sizeTable(sizes) {
  return [
    "| minimal Worker | JS, minified | JS, gzip -9 | .wasm | .wasm, gzip -9 | deployed, gzip -9 |",
    "|---|---:|---:|---:|---:|---:|",
    ...LIBRARIES.map((name) => {
      const s = sizes[name];
      const wasm = s.wasm ? [kb(s.wasm), kb(s.wasmGzip)] : ["–", "–"];
      const ratio = name === "floor" ? "" : ` (${(s.gzip / sizes.floor.gzip).toFixed(0)}×)`;
      return `| ${LABELS[name]} | ${kb(s.js)} | ${kb(s.jsGzip)} | ${wasm.join(" | ")} | ${kb(s.gzip)}${ratio} |`;
    }),
  ].join("\n");
}

export function report(r) {
  const k = r.knobs;
  return `# Benchmark results

Written by \`make bench\` (\`bench/run.mjs\`) on ${r.date}: ${r.machine}, load average
${r.load[0].toFixed(1)} at the start and ${r.load[1].toFixed(1)} at the end. How to run and read it: [README.md](README.md).

Every number is against the project's mock on loopback (its own process), so the HTTP round trip
is cheap and the libraries' own cost shows. Contenders run in interleaved rounds (each round runs
every contender once, starting one place later each round): ${k.rounds} rounds of ${k.batch} sequential calls
with the client built once, as many with a new client for every call ("per request", as a Worker
that builds its clients from \`env\` in each request), and ${k.flightRounds} rounds of ${k.flightCalls} calls with ${k.inFlight} in
flight (there the time per call is the batch's over its calls: the inverse of throughput), after
warm-up rounds. Each batch is timed twice: by CPU time and by wall time. A cell is the median per
call over the rounds and, in brackets, the median of the per-round ratios to the base measured in
the same round. Cold start is the median of ${k.coldReps} Node process starts (\`node\` to the first checked
answer) and ${k.isolateReps} workerd starts (a new Miniflare instance, i.e. a workerd process and the Worker's
isolate, to the first answer).

${r.floorDifferences.length ? `**Warning: the floor no longer sends edge-oauth's request; update contenders/floor.mjs.**\n\n${r.floorDifferences.map((line) => `- ${line}`).join("\n")}\n` : "Checked in this run: the floor's requests and edge-oauth's are byte for byte the same (mock log)."}

## CPU per call

The measure of speed. CPU time of the client: in Node, the bench process's
(\`process.cpuUsage()\` around each batch; the mock runs in its own process); in workerd, that of
every workerd thread (\`/proc\`), less the CPU of an empty request (${(r.workerd.requestCpuMs * 1000).toFixed(0)} µs per batch, measured at
the start). **Ratios are to floor + timeout** (\`fetch\` + \`JSON.parse\` + an AbortController and a
timer per attempt + \`redirect: "manual"\`, which every client that can time out an attempt pays);
floor + timeout's own ratio is to the floor. For the floor and floor + timeout, "per request"
builds their headers again for every call.

${summaryTable(CPU_METHODS, { node: r.node.speed, workerd: r.workerd.speed })}

${r.methods.map((method) => cpuTable(method, { node: r.node.speed, workerd: r.workerd.speed }, LIBRARIES.filter((name) => name in r.node.speed[method].once.cpu))).join("\n\n")}

## Wall time per call, cold start

Ratios to the floor.

${r.methods.map((method) => methodTable(method, r)).join("\n")}
## edge-oauth's wasm memory

| runtime | before the first call | after ${r.node.memory.calls.toLocaleString("en")} calls |
|---|---:|---:|
| Node | ${mb(r.node.memory.before)} | ${mb(r.node.memory.after)} |
| workerd | ${mb(r.workerd.memory.before)} | ${mb(r.workerd.memory.after)} |

\`memory.buffer.byteLength\` of the instance (from \`initSync\` of \`edge-oauth/web\`, which returns
the live exports), in a fresh process / fresh workerd, the calls rotating over the three methods
with 64 in flight. Wasm memory never shrinks, so "after" is the peak.

## Bundle size of a minimal Worker

${sizeTable(r.sizes)}

esbuild ${r.versions.esbuild} \`--bundle --minify --format=esm\` with the \`workerd\`, \`worker\`, \`browser\`
conditions, then \`gzip -9\`. edge-oauth's .wasm is a module beside the script and is counted.
@slack/web-api's bundle leaves out the Node modules it imports (\`node:querystring\`, \`node:path\`,
\`node:os\`, …), which workerd provides under \`nodejs_compat\`.

## Notes

- Targets (issue 16), in CPU per call to floor + timeout: at most 1.05× in Node and 1.10× in
  workerd with a client built once; 1.10× (Node) and 1.15× (workerd) with a client built per
  request; 1.10× with 64 in flight.
- Versions: Node ${r.versions.node}, workerd ${r.versions.workerd} (miniflare ${r.versions.miniflare}, compatibility date
  ${r.versions.compatibilityDate}), @slack/web-api ${r.versions["@slack/web-api"]}, slack-edge ${r.versions["slack-edge"]}
  (slack-web-api-client ${r.versions["slack-web-api-client"]}), stytch ${r.versions.stytch}, edge-oauth ${r.versions["edge-oauth"]}.
- workerd times come from the Worker's clock, which moves only across I/O (every call is a fetch);
  Miniflare's dispatch around each batch (median ${r.workerd.dispatchMs.toFixed(1)} ms) is left out.
- @slack/web-api needs \`nodejs_compat\` and, in workerd, its \`fetch\` option (a wrapper calling
  \`fetch\` with \`redirect: "manual"\`); as shipped it throws "Illegal invocation" there and its
  retry policy retries for ~30 minutes. The bench passes the wrapper in Node too.
- @slack/web-api and slack-edge send the client secret in the body; the mock takes body
  credentials only with a \`code_verifier\`, so their exchange sends one (one extra form field).
  Neither has an \`apps.auth.external.get\` binding: their generic \`apiCall\` / \`call\` send it.
- Node's fetch runs with an undici agent that keeps connections to the mock alive (\`lib/keepalive.mjs\`):
  the mock's \`Keep-Alive: timeout=1\` otherwise makes undici reconnect for every call, which
  doubled every Node time here. workerd keeps its connection without help.
- stytch refuses a non-https \`custom_base_url\`; the bench points its fetch config at the mock.
- The whole run took ${Math.round(r.seconds)} s. Knobs: BENCH_ROUNDS=${k.rounds} BENCH_BATCH=${k.batch} BENCH_FLIGHT_ROUNDS=${k.flightRounds}
  BENCH_FLIGHT_CALLS=${k.flightCalls} BENCH_WARM_CALLS=${k.warmCalls} BENCH_WARMUP=${k.warmup} BENCH_COLD_REPS=${k.coldReps} BENCH_ISOLATE_REPS=${k.isolateReps} BENCH_MEMORY_CALLS=${k.memoryCalls}.
`;
}
