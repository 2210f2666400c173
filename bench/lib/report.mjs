// RESULTS.md from one run's numbers.
import { LIBRARIES, METHOD_TITLES } from "./plan.mjs";

const LABELS = { floor: "floor (fetch + JSON.parse)", "floor-timeout": "floor + per-attempt timeout", "edge-oauth": "**edge-oauth**", "slack-web-api": "@slack/web-api", "slack-edge": "slack-edge", stytch: "stytch" };
const us = (ms) => `${Math.round(ms * 1000)} µs`;
const msText = (ms) => `${Math.round(ms)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1048576).toFixed(2)} MB`;
const cell = (summary, unit, isFloor) => (summary ? `${unit(summary.ms)}${isFloor ? "" : ` (${summary.ratio.toFixed(2)}×)`}` : "n/a");

function methodTable(method, r) {
  const columns = [
    ["Node, per call", r.node.speed[method].perCall, us],
    ["Node, 64 in flight", r.node.speed[method].inFlight, us],
    ["workerd, per call", r.workerd.speed[method].perCall, us],
    ["workerd, 64 in flight", r.workerd.speed[method].inFlight, us],
    ["Node process start", r.node.cold[method], msText],
    ["workerd start", r.workerd.cold?.[method], msText],
  ];
  const names = LIBRARIES.filter((name) => name in r.node.speed[method].perCall);
  return [
    `### ${METHOD_TITLES[method]}`,
    "",
    `| | ${columns.map(([title]) => title).join(" | ")} |`,
    `|---|${columns.map(() => "---:").join("|")}|`,
    ...names.map((name) => `| ${LABELS[name]} | ${columns.map(([, summary, unit]) => cell(summary?.[name], unit, name === "floor")).join(" | ")} |`),
    "",
  ].join("\n");
}

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
is cheap and the libraries' own cost shows. **Ratios are to the floor**: a hand-written \`fetch\` +
\`JSON.parse\` of the same request edge-oauth sends (same URL, method, headers, body). A cell is
the median time per call over the rounds and, in brackets, the median of the per-round ratios
to the floor measured in the same round. Contenders run in interleaved rounds (each round runs
every contender once, starting one place later each round): ${k.rounds} rounds of ${k.batch} sequential
calls, ${k.flightRounds} rounds of ${k.flightCalls} calls with ${k.inFlight} in flight (there the time per call is
the batch's time over its calls: the inverse of throughput), after warm-up rounds. Cold start is
the median of ${k.coldReps} Node process starts (\`node\` to the first checked answer) and ${k.isolateReps} workerd starts
(a new Miniflare instance, i.e. a workerd process and the Worker's isolate, to the first answer).

${r.floorDifferences.length ? `**Warning: the floor no longer sends edge-oauth's request; update contenders/floor.mjs.**\n\n${r.floorDifferences.map((line) => `- ${line}`).join("\n")}\n` : "Checked in this run: the floor's requests and edge-oauth's are byte for byte the same (mock log)."}

## Per call, in flight, cold start

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

- Targets (issue 7): edge-oauth at most 1.10× the floor per call, in Node and in workerd, and at
  most 1.2× with 64 in flight. "Floor + per-attempt timeout" is the floor with only an
  AbortController and a timer per call (contenders/floor-timeout.mjs): the part of that budget a
  timeout alone takes.
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
