// The example Worker (examples/worker), bundled by wrangler and run in workerd by Miniflare with
// real KV and Durable Objects, against the project's mock.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { signState } from "edge-oauth";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { mockVars } from "../../examples/worker/dev.mjs";
import { bundle, miniflare } from "./harness.mjs";

const STATE_SECRET = "test-state-secret-0123456789abcdef";
const ADMIN_TOKEN = "test-admin-token";
const ORIGIN = "http://worker.test";
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

let mock, script, mf, kv;

/** The example Worker in Miniflare with real KV and Durable Objects, pointed at the mock. */
function exampleWorker(extraVars = {}) {
  const vars = mockVars(mock.url, { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, projectId: MOCK_PROJECT_ID, stytchSecret: MOCK_SECRET });
  return miniflare(script, {
    bindings: { ...vars, STATE_SECRET, ADMIN_TOKEN, SLACK_SCOPES: "commands,chat:write", REFRESH_MARGIN_SECONDS: "300", ...extraVars },
    kvNamespaces: ["INSTALLATIONS"],
    durableObjects: {
      TOKEN_REFRESHER: { className: "TokenRefresher", useSQLite: true },
      STATE_LEDGER: { className: "StateLedger", useSQLite: true },
    },
  });
}

before(async () => {
  mock = await startMock();
  script = bundle(new URL("../../examples/worker/wrangler.toml", import.meta.url).pathname);
  mf = exampleWorker();
  kv = await mf.getKVNamespace("INSTALLATIONS");
});
after(async () => {
  await mf?.dispose();
  await mock?.close();
});
beforeEach(() => {
  mock.reset();
  Object.assign(mock.settings, { tokenExpiresIn: 43200, refreshExpiresIn: 43200 });
});

const worker = (path, init = {}) => mf.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
const exchanges = () => mock.requests.filter((r) => r.path === "/api/oauth.v2.access");

/** GET /slack/install, then the mock's consent page with `decision`; returns the callback path. */
async function authorize(decision = "allow", install) {
  install ??= await worker("/slack/install");
  assert.equal(install.status, 302);
  const authorizeUrl = new URL(install.headers.get("location"));
  assert.equal(`${authorizeUrl.origin}${authorizeUrl.pathname}`, `${mock.url}/oauth/v2/authorize`);
  const consent = await fetch(authorizeUrl);
  assert.match(await consent.text(), /chat:write[\s\S]*Cancel[\s\S]*Allow/);
  const form = new URLSearchParams({ ...Object.fromEntries(authorizeUrl.searchParams), decision });
  const back = await fetch(`${mock.url}/oauth/v2/authorize`, { method: "POST", body: form, redirect: "manual" });
  const callback = new URL(back.headers.get("location"));
  assert.equal(`${callback.origin}${callback.pathname}`, `${ORIGIN}/slack/oauth_redirect`);
  return `${callback.pathname}${callback.search}`;
}

describe("install flow", () => {
  test("install -> authorize -> callback stores the installation in KV", async () => {
    const response = await worker(await authorize());
    const html = await response.text();
    assert.equal(response.status, 200, html);
    assert.match(html, /Installed into Mock Workspace/);
    assert.ok(!/xox[bep]/.test(html), "no token on the page");
    const key = await kv.get("team/T0MOCK");
    assert.equal(key, "installation/-/T0MOCK");
    const record = await kv.get(key, "json");
    assert.match(record.bot.token, /^xoxe\.xoxb-1-mock-/);
    assert.equal(record.bot.rotating, true);
    assert.deepEqual(record.team, { id: "T0MOCK", name: "Mock Workspace" });
    assert.equal(record.refresh_token, undefined, "the refresh token stays in the Durable Object");
    const [exchange] = exchanges();
    assert.match(exchange.headers.authorization, /^Basic /);
    assert.equal(exchange.form.redirect_uri, `${ORIGIN}/slack/oauth_redirect`);
  });

  test("a replayed state is rejected and spends nothing", async () => {
    const callback = await authorize();
    assert.equal((await worker(callback)).status, 200);
    const replay = await worker(callback);
    assert.equal(replay.status, 409);
    assert.match(await replay.text(), /already used/);
    assert.equal(exchanges().length, 1);
  });

  test("a forged state is rejected", async () => {
    const callback = new URL(await authorize(), ORIGIN);
    const [payload] = callback.searchParams.get("state").split(".");
    callback.searchParams.set("state", `${payload}.${"A".repeat(43)}`);
    const response = await worker(`${callback.pathname}${callback.search}`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /Invalid state/);
    const foreign = await signState("some-other-secret-0123456789abcdef");
    assert.equal((await worker(`/slack/oauth_redirect?code=x&state=${foreign}`)).status, 400);
    assert.equal(exchanges().length, 0);
  });

  test("an expired state is rejected", async () => {
    const state = await signState(STATE_SECRET, { ttl_seconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const response = await worker(`/slack/oauth_redirect?code=mockcode-x&state=${state}`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /expired/);
    assert.equal(exchanges().length, 0);
  });

  test("Cancel on Slack's page (access_denied) is a clear 4xx page", async () => {
    const response = await worker(await authorize("cancel"));
    assert.equal(response.status, 403);
    assert.match(await response.text(), /Installation cancelled/);
    assert.equal(exchanges().length, 0);
  });

  test("a missing state or a spent code never shows a stack trace", async () => {
    const missing = await worker("/slack/oauth_redirect?code=x");
    assert.equal(missing.status, 400);
    const state = await signState(STATE_SECRET);
    const spent = await worker(`/slack/oauth_redirect?code=invalid&state=${state}`);
    const html = await spent.text();
    assert.equal(spent.status, 400);
    assert.match(html, /invalid_code/);
    assert.ok(!/at \w+ \(|\.js:\d+/.test(html), html);
  });
});

describe("token rotation", () => {
  test("20 concurrent token requests near expiry share exactly one refresh", async () => {
    mock.settings.tokenExpiresIn = 120; // inside the 300 s margin
    assert.equal((await worker(await authorize())).status, 200);
    const installed = await kv.get("installation/-/T0MOCK", "json");
    mock.reset();
    const answers = await Promise.all(Array.from({ length: 20 }, () => worker("/api/installations/T0MOCK/token", { headers: admin })));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    assert.deepEqual(answers.map((r) => r.status), Array(20).fill(200), JSON.stringify(bodies[0]));
    const refreshes = exchanges().filter((r) => r.form.grant_type === "refresh_token");
    assert.equal(refreshes.length, 1, "exactly one refresh reached Slack");
    const tokens = new Set(bodies.map((b) => b.access_token));
    assert.equal(tokens.size, 1);
    const [token] = tokens;
    assert.notEqual(token, installed.bot.token);
    assert.equal((await kv.get("installation/-/T0MOCK", "json")).bot.token, token, "KV holds the new token");
    const later = await (await worker("/api/installations/T0MOCK/token", { headers: admin })).json();
    assert.equal(later.access_token, token);
    assert.equal(later.refreshed, false);
    assert.equal(exchanges().length, 1, "a fresh token is not refreshed again");
  });

  test("a token with life left is served without refreshing", async () => {
    assert.equal((await worker(await authorize())).status, 200);
    mock.reset();
    const answer = await (await worker("/api/installations/T0MOCK/token", { headers: admin })).json();
    assert.match(answer.access_token, /^xoxe\.xoxb-1-mock-/);
    assert.equal(exchanges().length, 0);
  });
});

describe("/api", () => {
  test("every /api route needs the admin token", async () => {
    for (const [path, init] of [
      ["/api/installations/T0MOCK", {}],
      ["/api/installations/T0MOCK/token", {}],
      ["/api/external-token", { method: "POST", body: "{}" }],
      ["/api/stytch/o/m/slack", {}],
      ["/api/installations/T0MOCK/token", { headers: { authorization: "Bearer wrong" } }],
      ["/api/installations/T0MOCK/token", { headers: { authorization: ADMIN_TOKEN } }],
    ]) {
      const response = await worker(path, init);
      assert.equal(response.status, 401, path);
      assert.equal((await response.json()).error.code, "invalid_admin_token");
    }
    assert.equal(mock.requests.length, 0);
  });

  test("external-token calls apps.auth.external.get with the team's bot token", async () => {
    assert.equal((await worker(await authorize())).status, 200);
    const { bot } = await kv.get("installation/-/T0MOCK", "json");
    const response = await worker("/api/external-token", {
      method: "POST", headers: admin, body: JSON.stringify({ team_id: "T0MOCK", external_token_id: "Et-1", force_refresh: true }),
    });
    assert.deepEqual(await response.json(), { ok: true, external_token: "ext-token-for-Et-1-refreshed" });
    const call = mock.requests.find((r) => r.path === "/api/apps.auth.external.get");
    assert.equal(call.headers.authorization, `Bearer ${bot.token}`);
    const missing = await worker("/api/external-token", { method: "POST", headers: admin, body: JSON.stringify({ team_id: "T0MOCK", external_token_id: "missing" }) });
    assert.equal(missing.status, 502);
    assert.equal((await missing.json()).error.code, "token_not_found");
  });

  test("the Stytch route returns the lookup, and errors as JSON without secrets", async () => {
    const ok = await worker("/api/stytch/organization-test-1/member-test-1/slack", { headers: admin });
    assert.equal((await ok.json()).registrations[0].bot_access_token, "xoxb-stytch-saved-bot");
    const missing = await worker("/api/stytch/organization-test-1/member-missing/google", { headers: admin });
    assert.equal(missing.status, 404);
    const body = await missing.text();
    assert.deepEqual(JSON.parse(body).error.code, "member_not_found");
    assert.ok(!body.includes(MOCK_SECRET) && !body.includes(MOCK_CLIENT_SECRET));
    assert.equal((await worker("/api/stytch/o/m/twitter", { headers: admin })).status, 404);
    mock.reset();
    const escape = await worker("/api/stytch/organization-test-1/..%2F..%2Fx/slack", { headers: admin });
    assert.equal(escape.status, 200, "the id reaches Stytch as one segment, not as a path");
    assert.equal(mock.requests[0].rawPath, "/v1/b2b/organizations/organization-test-1/members/..%2F..%2Fx/oauth_providers/slack");
  });

  test("installations are shown without tokens; unknown teams are 404", async () => {
    assert.equal((await worker(await authorize())).status, 200);
    const shown = await (await worker("/api/installations/T0MOCK", { headers: admin })).text();
    assert.match(shown, /"rotating":true/);
    assert.ok(!/xox/.test(shown), shown);
    assert.equal((await worker("/api/installations/T999", { headers: admin })).status, 404);
  });
});

test("with SLACK_USE_PKCE the Worker adds a challenge and spends the verifier from its cookie", async () => {
  const pkce = exampleWorker({ SLACK_USE_PKCE: "true" });
  try {
    const install = await pkce.dispatchFetch(`${ORIGIN}/slack/install`, { redirect: "manual" });
    const cookie = install.headers.get("set-cookie");
    assert.match(cookie, /^slack_pkce=[A-Za-z0-9_-]{43}; Path=\/slack\/; HttpOnly; SameSite=Lax/);
    assert.equal(new URL(install.headers.get("location")).searchParams.get("code_challenge_method"), "S256");
    const callback = await authorize("allow", install);
    const withoutCookie = await pkce.dispatchFetch(`${ORIGIN}${callback}`, { redirect: "manual" });
    assert.equal(withoutCookie.status, 400, "no verifier, no exchange");
    const again = await authorize("allow", await pkce.dispatchFetch(`${ORIGIN}/slack/install`, { redirect: "manual" }));
    const verifier = cookie.split(";")[0];
    const wrong = await pkce.dispatchFetch(`${ORIGIN}${again}`, { redirect: "manual", headers: { cookie: verifier } });
    assert.equal(wrong.status, 400, "another flow's verifier fails the mock's PKCE check");
    assert.match(await wrong.text(), /invalid_code_verifier/);
    const fresh = await pkce.dispatchFetch(`${ORIGIN}/slack/install`, { redirect: "manual" });
    const ok = await pkce.dispatchFetch(`${ORIGIN}${await authorize("allow", fresh)}`, {
      redirect: "manual", headers: { cookie: fresh.headers.get("set-cookie").split(";")[0] },
    });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.ok(exchanges().at(-1).form.code_verifier);
  } finally {
    await pkce.dispose();
  }
});
