// Issue 7: no memory per request. A client's namespaces are made once, and nothing allocated in
// the wasm outlives the call that allocated it unless the user holds it, even where
// FinalizationRegistry does not exist (workerd before 2025-05-05): 200,000 requests, each
// building a Slack and a Stytch client and calling them, leave the wasm memory within 1 MiB.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID as project_id, MOCK_SECRET as secret } from "../mock/stytch.mjs";
import { useMock } from "./helpers.mjs";

// Take FinalizationRegistry away before the package is imported, as in old workerd. Node's own
// fetch (undici) needs it as it loads, and per connection unless UNDICI_NO_FG is set: load it first.
process.env.UNDICI_NO_FG = "1";
await fetch("data:,");
delete globalThis.FinalizationRegistry;
const { SlackClient, StytchB2BClient, isEdgeOAuthError } = await import("edge-oauth");
// The glue's initSync returns the wasm exports it already instantiated (the same module).
const { initSync } = await import("edge-oauth/web");
const { memory } = initSync({ module: readFileSync(new URL(import.meta.resolve("edge-oauth/edge_oauth_bg.wasm"))) });

const MiB = 2 ** 20;
const REQUESTS = 200_000;
// 200,000 HTTP round trips to the mock would take minutes. Every request builds both clients and
// makes calls that go all the way into the wasm (options, namespaces, params, validation) but
// fail validation before sending; every REAL_EVERY-th request instead makes real calls to the mock
// (2,000 per provider), so answers, errors and the fetch path are measured too.
const REAL_EVERY = 100;
const CONCURRENCY = 1000;
// The longest timeout a client accepts: the real calls share the event loop with a thousand others,
// and on a busy machine a loopback answer must not be cut by a clock (every outcome is counted).
const timeout = 120_000;

const mock = useMock();
const ids = { organization_id: "organization-test-1", member_id: "member-ok" };

function clients() {
  const slack = new SlackClient("xoxb-memory", { slackApiUrl: `${mock.current.url}/api/`, timeout });
  const stytch = new StytchB2BClient({ project_id, secret, custom_base_url: mock.current.url, timeout });
  return { slack, stytch };
}

/** Resolves to true if `promise` rejects with a validation error. */
const refused = (promise) => promise.then(() => false, (error) => isEdgeOAuthError(error) && error.kind === "validation");

/** One request: both clients, and their calls. Resolves to true if every call went as expected. */
async function request(i) {
  const { slack, stytch } = clients();
  const providers = stytch.organizations.members.oauthProviders;
  if (i % REAL_EVERY === 0) {
    const [exchange, lookup] = await Promise.all([
      slack.oauth.v2.access({ client_id, client_secret, code: "good" }),
      providers.slack(ids),
    ]);
    return exchange.ok === true && lookup.registrations?.[0]?.bot_access_token === "xoxb-stytch-saved-bot";
  }
  const outcomes = await Promise.all([refused(REFUSED[i % REFUSED.length](slack)), refused(providers.google({ ...ids, member_id: ".." }))]);
  return outcomes.every(Boolean);
}

// Slack calls that fail validation inside the wasm, after their params were read.
const REFUSED = [
  (slack) => slack.oauth.v2.access({ client_id, client_secret }), // no code
  (slack) => slack.oauth.access({ client_id, client_secret, code: "good", extra: 1 }),
  (slack) => slack.apps.auth.external.get({ external_token_id: "" }),
];

/** Runs requests from..to, CONCURRENCY at a time; returns how many did not go as expected. */
async function requests(from, to) {
  let failed = 0;
  for (let start = from; start < to; start += CONCURRENCY) {
    const batch = [];
    for (let i = start; i < Math.min(to, start + CONCURRENCY); i++) batch.push(request(i));
    failed += (await Promise.all(batch)).filter((ok) => !ok).length;
  }
  return failed;
}

test("FinalizationRegistry is gone and the package still loads", () => {
  assert.equal(typeof globalThis.FinalizationRegistry, "undefined");
  assert.ok(memory instanceof WebAssembly.Memory);
});

test("a client's namespaces are made once", () => {
  const { slack, stytch } = clients();
  const namespaces = {
    "slack.oauth": (c) => c.slack.oauth,
    "slack.oauth.v2": (c) => c.slack.oauth.v2,
    "slack.apps": (c) => c.slack.apps,
    "slack.apps.auth": (c) => c.slack.apps.auth,
    "slack.apps.auth.external": (c) => c.slack.apps.auth.external,
    "stytch.organizations": (c) => c.stytch.organizations,
    "stytch.organizations.members": (c) => c.stytch.organizations.members,
    "stytch.organizations.members.oauthProviders": (c) => c.stytch.organizations.members.oauthProviders,
  };
  for (const [name, get] of Object.entries(namespaces)) {
    const first = get({ slack, stytch });
    assert.ok(first && typeof first === "object", `${name} is an object`);
    assert.equal(get({ slack, stytch }), first, `${name} === ${name}`);
  }
});

// No time limit: the verdict is the memory after a count of requests, however long they take
// (72 s on this 2-core machine beside other builds; 295 s with two busy loops beside as well).
test(`${REQUESTS} requests leave the wasm memory within 1 MiB of where it started`, async (t) => {
  // Warm-up: the first calls may grow the memory once (allocator pools, lazily built tables).
  assert.equal(await requests(0, 2_000), 0, "warm-up requests went as expected");
  const baseline = memory.buffer.byteLength;
  const started = Date.now();
  const failed = await requests(0, REQUESTS);
  const growth = memory.buffer.byteLength - baseline;
  t.diagnostic(`wasm memory: ${baseline} bytes after the warm-up, ${memory.buffer.byteLength} after ${REQUESTS} requests (${Date.now() - started} ms)`);
  assert.equal(failed, 0, "every request went as expected");
  assert.equal(mock.current.requests.length, 2 * (2_000 / REAL_EVERY + REQUESTS / REAL_EVERY), "only the real calls reached the mock");
  assert.ok(growth <= MiB, `the wasm memory grew by ${(growth / MiB).toFixed(2)} MiB (from ${(baseline / MiB).toFixed(2)} MiB)`);
});
