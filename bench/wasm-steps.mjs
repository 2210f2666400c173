// The wasm's own work per call, without the network: one Stytch lookup's `prepare` and
// `conclude` (with the mock's real answer) called straight through the glue, for one or more
// builds of the package in interleaved rounds, in one Node process. Compares builds on a noisy
// machine, where `make bench` cannot: copy `pkg/` aside, change the Rust, rebuild, then
//   node bench/wasm-steps.mjs /tmp/pkg-before pkg
// prints the minimum and the median per call of each step for each build.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { concluder, methodIndex } from "./lib/glue.mjs";
import { startMock } from "./lib/mock.mjs";
import { target } from "./lib/plan.mjs";

const ROUNDS = 40;
const CALLS = 1000;

// The answer the mock gives, so `conclude` checks what a real call would.
const mock = await startMock();
const t = target(mock.url);
const basic = `Basic ${btoa(`${t.projectId}:${t.stytchSecret}`)}`;
const path = `/v1/b2b/organizations/${t.organizationId}/members/${t.memberId}/oauth_providers/slack`;
const answer = await (await fetch(`${mock.url}${path}`, { headers: { authorization: basic } })).text();
await mock.stop();

const client = JSON.stringify({
  options: { project_id: t.projectId, secret: t.stytchSecret, custom_base_url: mock.url },
  browser: false,
});
const params = JSON.stringify({ organization_id: t.organizationId, member_id: t.memberId });

const builds = [];
for (const dir of process.argv.slice(2).length ? process.argv.slice(2) : ["pkg"]) {
  const glue = await import(resolve(dir, "edge_oauth.js"));
  glue.initSync({ module: readFileSync(resolve(dir, "edge_oauth_bg.wasm")) });
  const { client: checked, policy } = JSON.parse(glue.checkClient("stytch", client));
  const prepareTexts = `${checked}\0${params}\0null`;
  const index = methodIndex(glue, prepareTexts, "/oauth_providers/slack");
  // Builds before 2026-12-03 kept the policy inside the checked client.
  const conclude = concluder(glue, index, policy ?? JSON.parse(checked).policy, 0, answer);
  if (!JSON.parse(glue.prepare(index, prepareTexts)).request || !JSON.parse(conclude()).ok) {
    throw new Error(`${dir}: the build does not answer this lookup`);
  }
  builds.push({
    dir,
    steps: {
      prepare: () => glue.prepare(index, prepareTexts),
      conclude,
    },
    times: { prepare: [], conclude: [] },
  });
}

// The first rounds are V8's tier-up of the wasm; they are not counted.
for (let round = -10; round < ROUNDS; round += 1) {
  for (const build of builds) {
    for (const [step, run] of Object.entries(build.steps)) {
      const start = performance.now();
      for (let call = 0; call < CALLS; call += 1) run();
      if (round >= 0) build.times[step].push(((performance.now() - start) / CALLS) * 1000);
    }
  }
}

const sorted = (values) => values.slice().sort((a, b) => a - b);
for (const build of builds) {
  const cells = Object.entries(build.times).map(([step, values]) => {
    const ordered = sorted(values);
    return `${step} min ${ordered[0].toFixed(1)} µs, median ${ordered[ordered.length >> 1].toFixed(1)} µs`;
  });
  console.log(`${build.dir}: ${cells.join("; ")}`);
}
