// examples/worker-rs (a Worker in Rust with the `worker` crate, over edge-oauth's `fetch`
// transport), bundled by wrangler from its wrangler.toml as `wrangler deploy` would, and run in
// workerd by Miniflare against the project's mock. `make test-worker-rs` builds it first
// (`make worker-rs`: cargo, the installed wasm-bindgen CLI, wasm-opt, entry.mjs; no download).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, beforeEach, test } from "node:test";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { bundle, miniflare } from "../workerd/harness.mjs";

const ENTRY = new URL("../../examples/worker-rs/build/entry.mjs", import.meta.url).pathname;
const CONFIG = new URL("../../examples/worker-rs/wrangler.toml", import.meta.url).pathname;
const ORIGIN = "http://worker-rs.test";
let mock, mf;

before(async () => {
  assert.ok(existsSync(ENTRY), `${ENTRY} is missing: run \`make worker-rs\` first`);
  mock = await startMock();
  mf = miniflare(bundle(CONFIG), {
    bindings: {
      SLACK_API_URL: `${mock.url}/api/`,
      SLACK_CLIENT_ID: MOCK_CLIENT_ID,
      SLACK_CLIENT_SECRET: MOCK_CLIENT_SECRET,
      STYTCH_PROJECT_ID: MOCK_PROJECT_ID,
      STYTCH_SECRET: MOCK_SECRET,
      STYTCH_BASE_URL: mock.url,
    },
  });
});
after(async () => {
  await mf?.dispose();
  await mock?.close();
});
beforeEach(() => mock.reset());

/** GET `path` from the Worker: its status and its JSON body, checked to hold no secret. */
async function get(path) {
  const response = await mf.dispatchFetch(`${ORIGIN}${path}`);
  const text = await response.text();
  for (const secret of [MOCK_CLIENT_SECRET, MOCK_SECRET, "xoxb-", "xoxp-", "xoxe-"]) {
    assert.ok(!text.includes(secret), `the answer holds ${secret}: ${text}`);
  }
  assert.match(response.headers.get("content-type"), /^application\/json/);
  return { status: response.status, body: JSON.parse(text) };
}

/** The one request the Worker sent to the mock, its path and Basic credentials checked. */
function sentOnce(path, user, password) {
  assert.equal(mock.requests.length, 1);
  const [request] = mock.requests;
  assert.equal(request.path, path);
  assert.equal(request.headers.authorization, `Basic ${btoa(`${user}:${password}`)}`);
  return request;
}

test("the Slack callback exchanges the code and answers the team and scopes, no token", async () => {
  const { status, body } = await get("/slack/oauth_redirect?code=good~worker-rs&state=s");
  assert.equal(status, 200, JSON.stringify(body));
  assert.deepEqual(body, { team_id: "T0MOCK", scopes: ["commands", "chat:write"] });
  const exchange = sentOnce("/api/oauth.v2.access", MOCK_CLIENT_ID, MOCK_CLIENT_SECRET);
  assert.equal(exchange.form.code, "good~worker-rs");
});

test("a refused code answers 400 with the platform error's kind and code", async () => {
  const { status, body } = await get("/slack/oauth_redirect?code=invalid~worker-rs");
  assert.equal(status, 400);
  assert.deepEqual(body, { error: { kind: "platform", code: "invalid_code", status: 200 } });
});

test("an upstream failure (Slack answers HTTP 500) answers 502", async () => {
  const { status, body } = await get("/slack/oauth_redirect?code=500~worker-rs");
  assert.equal(status, 502);
  assert.deepEqual(body.error.kind, "http");
  assert.equal(body.error.status, 500);
});

test("a cancelled consent (no code) answers 400 and calls nobody", async () => {
  const { status, body } = await get("/slack/oauth_redirect?error=access_denied");
  assert.equal(status, 400);
  assert.deepEqual(body, { error: { kind: "validation", code: "access_denied" } });
  assert.equal(mock.requests.length, 0);
});

test("the Stytch lookup answers the Slack registration's scopes", async () => {
  const { status, body } = await get("/stytch/slack?organization_id=organization-1&member_id=member-1");
  assert.equal(status, 200, JSON.stringify(body));
  assert.deepEqual(body, { scopes: ["users:read", "users:read.email"] });
  sentOnce("/v1/b2b/organizations/organization-1/members/member-1/oauth_providers/slack", MOCK_PROJECT_ID, MOCK_SECRET);
});

test("a Stytch refusal answers 400 with its kind and code", async () => {
  const { status, body } = await get("/stytch/slack?organization_id=organization-1&member_id=member-missing");
  assert.equal(status, 400);
  assert.deepEqual(body, { error: { kind: "platform", code: "member_not_found", status: 404 } });
});

test("other paths answer 404", async () => {
  const { status } = await get("/nowhere");
  assert.equal(status, 404);
});
