// The example Worker (examples/worker), bundled by wrangler and run in workerd by Miniflare with
// real KV and Durable Objects, against the project's mock.
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { signState } from "edge-oauth";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { mockVars } from "../../examples/worker/dev.mjs";
import { bundle, miniflare } from "./harness.mjs";

const STATE_SECRET = "test-state-secret-0123456789abcdef";
const ADMIN_TOKEN = "test-admin-token-0123456789abcdef"; // 33 bytes: the Worker refuses fewer than 32
const ORIGIN = "http://worker.test";
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

let mock, script, mf, kv;

/** The example Worker in Miniflare with real KV and Durable Objects, pointed at the mock. An
 * `undefined` in `extraVars` leaves that setting out; `options` are more of Miniflare's. */
function exampleWorker(extraVars = {}, options = {}) {
  const vars = mockVars(mock.url, { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, projectId: MOCK_PROJECT_ID, stytchSecret: MOCK_SECRET });
  const bindings = { ...vars, STATE_SECRET, ADMIN_TOKEN, SLACK_SCOPES: "commands,chat:write", REFRESH_MARGIN_SECONDS: "300", ...extraVars };
  return miniflare(script, {
    bindings: Object.fromEntries(Object.entries(bindings).filter(([, value]) => value !== undefined)),
    kvNamespaces: ["SLACK_INSTALLATIONS"],
    durableObjects: { SLACK_TOKENS: { className: "SlackTokens", useSQLite: true } },
    ...options,
  });
}

before(async () => {
  mock = await startMock();
  script = bundle(new URL("../../examples/worker/wrangler.toml", import.meta.url).pathname);
  mf = exampleWorker();
  kv = await mf.getKVNamespace("SLACK_INSTALLATIONS");
});
after(async () => {
  await mf?.dispose();
  await mock?.close();
});
beforeEach(() => {
  mock.reset();
  Object.assign(mock.settings, { tokenExpiresIn: 43200, refreshExpiresIn: 43200, userTokensRotate: false, refreshError: undefined });
});

const worker = (path, init = {}) => mf.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
const exchanges = () => mock.requests.filter((r) => r.path === "/api/oauth.v2.access");

/**
 * GET /slack/install, then the mock's consent page with `decision`; returns the callback path and
 * this browser's cookie, which binds the flow to it: `back(flow)` follows the redirect with it.
 */
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
  return { path: `${callback.pathname}${callback.search}`, cookie: install.headers.get("set-cookie").split(";")[0] };
}

const back = ({ path, cookie }, run = worker) => run(path, { headers: { cookie } });
const install = async (decision) => back(await authorize(decision));

describe("install flow", () => {
  test("install -> authorize -> callback stores the installation in KV", async () => {
    const response = await install();
    const html = await response.text();
    assert.equal(response.status, 200, html);
    assert.match(html, /Installed into Mock Workspace/);
    assert.ok(!/xox[bep]/.test(html), "no token on the page");
    const stored = await kv.get("v1/installation/T0MOCK");
    const record = JSON.parse(stored);
    assert.equal(record.bot.rotating, true);
    assert.deepEqual(record.team, { id: "T0MOCK", name: "Mock Workspace" });
    assert.ok(!/xox/.test(stored), "no token is readable in KV: rotating ones stay in the Durable Object");
    const [exchange] = exchanges();
    assert.match(exchange.headers.authorization, /^Basic /);
    assert.equal(exchange.form.redirect_uri, `${ORIGIN}/slack/oauth_redirect`);
  });

  test("a replayed state is rejected and spends nothing", async () => {
    const flow = await authorize();
    assert.equal((await back(flow)).status, 200);
    const replay = await back(flow);
    assert.equal(replay.status, 409);
    assert.match(await replay.text(), /already used/);
    assert.equal(exchanges().length, 1);
  });

  test("a forged state is rejected", async () => {
    const callback = new URL((await authorize()).path, ORIGIN);
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
    const response = await install("cancel");
    assert.equal(response.status, 403);
    assert.match(await response.text(), /Installation cancelled/);
    assert.equal(exchanges().length, 0);
  });

  test("a missing state or a spent code never shows a stack trace", async () => {
    const missing = await worker("/slack/oauth_redirect?code=x");
    assert.equal(missing.status, 400);
    assert.match(await missing.text(), /<h1>Missing state<\/h1>.*without its state/s);
    // The address opened by itself, with neither code nor state: "missing", not "invalid".
    const bare = await worker("/slack/oauth_redirect");
    const page = await bare.text();
    assert.equal(bare.status, 400);
    assert.match(page, /<h1>Missing state<\/h1>.*Start an installation from the start page/s);
    assert.doesNotMatch(page, /Invalid state/);
    assert.equal(exchanges().length, 0);
    const flow = await authorize();
    const spent = await back({ ...flow, path: flow.path.replace(/code=[^&]+/, "code=invalid") });
    const html = await spent.text();
    assert.equal(spent.status, 400);
    assert.match(html, /invalid_code/);
    assert.ok(!/at \w+ \(|\.js:\d+/.test(html), html);
  });
});

test("/favicon.ico is a 204 that browsers may keep, not a 404 on every page load", async () => {
  const icon = await worker("/favicon.ico");
  assert.deepEqual([icon.status, icon.headers.get("cache-control"), await icon.text()], [204, "public, max-age=86400", ""]);
});

describe("token rotation", () => {
  test("20 concurrent token requests near expiry share exactly one refresh", async () => {
    mock.settings.tokenExpiresIn = 120; // inside the 300 s margin
    assert.equal((await install()).status, 200);
    mock.reset();
    const answers = await Promise.all(Array.from({ length: 20 }, () => worker("/api/installations/T0MOCK/token", { headers: admin })));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    assert.deepEqual(answers.map((r) => r.status), Array(20).fill(200), JSON.stringify(bodies[0]));
    const refreshes = exchanges().filter((r) => r.form.grant_type === "refresh_token");
    assert.equal(refreshes.length, 1, "exactly one refresh reached Slack");
    const tokens = new Set(bodies.map((b) => b.access_token));
    assert.equal(tokens.size, 1);
    const [token] = tokens;
    assert.ok(bodies.some((b) => b.refreshed), "one of them was refreshed");
    const later = await (await worker("/api/installations/T0MOCK/token", { headers: admin })).json();
    assert.equal(later.access_token, token);
    assert.equal(later.refreshed, false);
    assert.equal(exchanges().length, 1, "a fresh token is not refreshed again");
  });

  test("a token with life left is served without refreshing", async () => {
    assert.equal((await install()).status, 200);
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

  test("the Bearer scheme is matched in any case; a token without it, or a near miss, is not", async () => {
    for (const scheme of ["Bearer", "bearer", "BEARER", "bEaReR"]) {
      const response = await worker("/api/installations/T999", { headers: { authorization: `${scheme} ${ADMIN_TOKEN}` } });
      assert.equal(response.status, 404, scheme);
      assert.equal((await response.json()).error.code, "not_found");
    }
    for (const authorization of [`Bearer${ADMIN_TOKEN}`, `Basic ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN.toUpperCase()}`, `Bearer ${ADMIN_TOKEN}x`, "Bearer "]) {
      assert.equal((await worker("/api/installations/T999", { headers: { authorization } })).status, 401, authorization);
    }
  });

  test("external-token calls apps.auth.external.get with the team's bot token", async () => {
    assert.equal((await install()).status, 200);
    const bot = { token: (await (await worker("/api/installations/T0MOCK/token", { headers: admin })).json()).access_token };
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
    for (const unknown of ["twitter", "toString", "__proto__"]) {
      assert.equal((await worker(`/api/stytch/o/m/${unknown}`, { headers: admin })).status, 404, unknown);
    }
    mock.reset();
    const escape = await worker("/api/stytch/organization-test-1/..%2F..%2Fx/slack", { headers: admin });
    assert.equal(escape.status, 200, "the id reaches Stytch as one segment, not as a path");
    assert.equal(mock.requests[0].rawPath, "/v1/b2b/organizations/organization-test-1/members/..%2F..%2Fx/oauth_providers/slack");
  });

  test("installations are shown without tokens; unknown teams are 404", async () => {
    assert.equal((await install()).status, 200);
    const shown = await (await worker("/api/installations/T0MOCK", { headers: admin })).text();
    assert.match(shown, /"rotating":true/);
    assert.ok(!/xox/.test(shown), shown);
    assert.equal((await worker("/api/installations/T999", { headers: admin })).status, 404);
  });
});

test("by default the Worker adds a PKCE challenge and spends the verifier from its cookie; SLACK_USE_PKCE=false sends none", async () => {
  const install = await worker("/slack/install");
  const cookie = install.headers.get("set-cookie");
  assert.match(cookie, /^__Host-slack_oauth_[A-Za-z0-9_-]{16}=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
  assert.equal(new URL(install.headers.get("location")).searchParams.get("code_challenge_method"), "S256");
  const flow = await authorize("allow", install);
  const withoutCookie = await worker(flow.path);
  assert.equal(withoutCookie.status, 400, "no cookie, no exchange");
  const again = await authorize("allow", await worker("/slack/install"));
  const wrong = await worker(again.path, { headers: { cookie: flow.cookie } });
  assert.equal(wrong.status, 400, "another flow's cookie (and verifier) is refused");
  assert.match(await wrong.text(), /another browser/);
  assert.equal(exchanges().length, 0);
  const ok = await back(await authorize("allow", await worker("/slack/install")));
  assert.equal(ok.status, 200, await ok.clone().text());
  assert.match(exchanges().at(-1).form.code_verifier, /^[A-Za-z0-9_-]{43}$/);

  const off = exampleWorker({ SLACK_USE_PKCE: "false" });
  try {
    const run = (path, init) => off.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
    const plain = await run("/slack/install");
    assert.equal(new URL(plain.headers.get("location")).searchParams.get("code_challenge"), null);
    const done = await back(await authorize("allow", plain), run);
    assert.equal(done.status, 200, await done.clone().text());
    assert.equal(exchanges().at(-1).form.code_verifier, undefined, "no verifier without PKCE");
  } finally {
    await off.dispose();
  }
});

test("/api answers JSON for every failure, also one that is not an EdgeOAuthError (TOKEN_KEYS unreadable, or no longer listing the key)", async () => {
  // A user token that does not rotate (the mock's default) is sealed in KV under TOKEN_KEYS.
  const dir = mkdtempSync(join(tmpdir(), "edge-oauth-example-keys-"));
  const persisted = (vars) => exampleWorker({ SLACK_USER_SCOPES: "identity.basic", ...vars }, { kvPersist: join(dir, "kv"), durableObjectsPersist: join(dir, "do") });
  const on = (run) => (path, init = {}) => run.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
  try {
    const installer = persisted();
    const installed = await back(await authorize("allow", await on(installer)("/slack/install")), on(installer));
    assert.equal(installed.status, 200, await installed.clone().text());
    const token = "/api/installations/T0MOCK/users/U0MOCK/token";
    assert.equal((await on(installer)(token, { headers: admin })).status, 200);
    await installer.dispose();
    for (const keys of ["k1:too-short", `k9:${randomBytes(32).toString("base64url")}`]) {
      const run = persisted({ TOKEN_KEYS: keys });
      try {
        const response = await on(run)(token, { headers: admin });
        assert.ok(response.status >= 500, `${keys}: ${response.status}`);
        assert.match(response.headers.get("content-type"), /^application\/json/, keys);
        const text = await response.text();
        assert.equal(typeof JSON.parse(text).error.code, "string", text);
        assert.ok(!/xox|too-short|<html/i.test(text), text);
      } finally {
        await run.dispose();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("weak or missing secrets", () => {
  const STRONG = "s".repeat(32);
  const WEAK = "w".repeat(31); // one byte short
  const cases = [
    ["STATE_SECRET shorter than 32 bytes", { STATE_SECRET: WEAK }, ["STATE_SECRET"]],
    ["ADMIN_TOKEN shorter than 32 bytes", { ADMIN_TOKEN: WEAK }, ["ADMIN_TOKEN"]],
    ["both missing", { STATE_SECRET: undefined, ADMIN_TOKEN: undefined }, ["STATE_SECRET", "ADMIN_TOKEN"]],
  ];

  for (const [name, vars, refused] of cases) {
    test(`${name}: the install flow and every /api route answer 503 and say what to fix`, async () => {
      const weak = exampleWorker(vars);
      const fetchWeak = (path, init = {}) => weak.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
      try {
        for (const path of ["/slack/install", `/slack/oauth_redirect?code=x&state=${await signState(STRONG)}`]) {
          const response = await fetchWeak(path);
          const html = await response.text();
          assert.ok(!html.includes(WEAK), "the weak value is never shown");
          assert.equal(response.status, 503, path);
          assert.match(html, /The app is not configured/);
          for (const setting of refused) assert.match(html, new RegExp(`${setting}\\b`));
          assert.match(html, /at least 32 random characters \(openssl rand -hex 32\)/);
        }
        for (const [path, init] of [
          ["/api/installations/T0MOCK", { headers: admin }],
          ["/api/installations/T0MOCK/token", { headers: { authorization: `Bearer ${vars.ADMIN_TOKEN ?? ADMIN_TOKEN}` } }],
          ["/api/external-token", { method: "POST", headers: admin, body: "{}" }],
          ["/api/stytch/o/m/slack", {}],
        ]) {
          const response = await fetchWeak(path, init);
          assert.equal(response.status, 503, path);
          const text = await response.text();
          assert.ok(!text.includes(WEAK), "the weak value is never shown");
          const { error } = JSON.parse(text);
          assert.deepEqual({ kind: error.kind, code: error.code, settings: error.settings }, { kind: "configuration", code: "weak_secret", settings: refused });
          assert.match(error.message, /shorter than 32 bytes/);
        }
        assert.equal(mock.requests.length, 0, "nothing reached Slack or Stytch");
        assert.equal((await fetchWeak("/config.json")).status, 200, "the page's public settings still load");
      } finally {
        await weak.dispose();
      }
    });
  }

  test("missing Slack credentials stop the install flow (503) but not /api", async () => {
    const unconfigured = exampleWorker({ SLACK_CLIENT_ID: "", SLACK_CLIENT_SECRET: undefined });
    try {
      const install = await unconfigured.dispatchFetch(`${ORIGIN}/slack/install`, { redirect: "manual" });
      assert.equal(install.status, 503);
      assert.match(await install.text(), /Set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET/);
      assert.equal((await unconfigured.dispatchFetch(`${ORIGIN}/api/installations/T999`, { headers: admin })).status, 404);
    } finally {
      await unconfigured.dispose();
    }
  });
});

describe("installations (edge-oauth/cloudflare)", () => {
  const SIGNING_SECRET = "mock-signing-secret-0123456789abcdef"; // mockVars' SLACK_SIGNING_SECRET
  const refreshes = () => exchanges().filter((r) => r.form.grant_type === "refresh_token").length;
  const withUser = () => exampleWorker({ SLACK_USER_SCOPES: "identity.basic" });
  const on = (run) => (path, init = {}) => run.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });

  /** A request signed as Slack signs them, `skew` seconds off and with `secret`. */
  function slackRequest(payload, { skew = 0, secret = SIGNING_SECRET, signed = true } = {}) {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000) + skew);
    const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    const headers = signed ? { "x-slack-request-timestamp": timestamp, "x-slack-signature": signature } : {};
    return { method: "POST", body, headers: { "content-type": "application/json", ...headers } };
  }

  /** Polls `path` until it answers `status` (KV writes of one key are at least a second apart).
   * The 60 s only end a hang: on a busy machine the writes queued behind that limit land later. */
  async function eventually(run, path, status) {
    for (const until = Date.now() + 60_000; Date.now() < until; ) {
      const response = await run(path, { headers: admin });
      if (response.status === status) return response;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`${path} never answered ${status}`);
  }

  test("a rotating user token: 20 concurrent requests share one refresh", async () => {
    Object.assign(mock.settings, { userTokensRotate: true, tokenExpiresIn: 120 });
    const run = withUser();
    try {
      assert.equal((await back(await authorize("allow", await on(run)("/slack/install")), on(run))).status, 200);
      mock.reset();
      const answers = await Promise.all(Array.from({ length: 20 }, () => on(run)("/api/installations/T0MOCK/users/U0MOCK/token", { headers: admin })));
      const bodies = await Promise.all(answers.map((r) => r.json()));
      assert.deepEqual(answers.map((r) => r.status), Array(20).fill(200), JSON.stringify(bodies[0]));
      assert.equal(new Set(bodies.map((b) => b.access_token)).size, 1);
      assert.match(bodies[0].access_token, /^xoxe\.xoxp-1-mock-/);
      assert.equal(refreshes(), 1);
      assert.equal((await on(run)("/api/installations/T0MOCK/users/U9NOBODY/token", { headers: admin })).status, 404);
    } finally {
      await run.dispose();
    }
  });

  test("a refresh that can no longer succeed answers 409 reinstall_required, without calling Slack again", async () => {
    mock.settings.tokenExpiresIn = 120;
    assert.equal((await install()).status, 200);
    mock.reset();
    mock.settings.refreshError = "invalid_refresh_token";
    const answers = await Promise.all(Array.from({ length: 20 }, () => worker("/api/installations/T0MOCK/token", { headers: admin })));
    assert.deepEqual(answers.map((r) => r.status), Array(20).fill(409));
    const { error } = await answers[0].json();
    assert.equal(error.code, "reinstall_required");
    const again = await Promise.all(Array.from({ length: 20 }, () => worker("/api/installations/T0MOCK/token", { headers: admin })));
    assert.deepEqual(again.map((r) => r.status), Array(20).fill(409));
    assert.equal(refreshes(), 1, "one spend, then every caller is told at once");
  });

  test("a transient refresh failure answers 503 with Retry-After, and backs off", async () => {
    mock.settings.tokenExpiresIn = 120;
    assert.equal((await install()).status, 200);
    mock.reset();
    mock.settings.refreshError = "503";
    const first = await worker("/api/installations/T0MOCK/token", { headers: admin });
    assert.equal(first.status, 503);
    assert.ok(Number(first.headers.get("retry-after")) >= 1);
    const next = await worker("/api/installations/T0MOCK/token", { headers: admin });
    assert.equal(next.status, 503);
    assert.equal(refreshes(), 1, "the second caller waits out the backoff instead of spending");
  });

  test("DELETE revokes the installation's tokens at Slack and deletes it", async () => {
    const run = withUser();
    try {
      assert.equal((await back(await authorize("allow", await on(run)("/slack/install")), on(run))).status, 200);
      mock.reset();
      const deleted = await on(run)("/api/installations/T0MOCK", { method: "DELETE", headers: admin });
      assert.deepEqual(await deleted.json(), { ok: true, uninstalled: "T0MOCK" });
      const revokes = mock.requests.filter((r) => r.path === "/api/auth.revoke");
      assert.equal(revokes.length, 2, "the bot token and the user token");
      await eventually(on(run), "/api/installations/T0MOCK", 404);
      assert.equal((await on(run)("/api/installations/T0MOCK", { method: "DELETE", headers: admin })).status, 404);
    } finally {
      await run.dispose();
    }
  });

  test("POST /slack/events: url_verification, then only signed, fresh requests change anything", async () => {
    const challenge = await worker("/slack/events", slackRequest({ type: "url_verification", challenge: "c-123" }));
    assert.deepEqual(await challenge.json(), { challenge: "c-123" });
    assert.equal((await install()).status, 200);
    const uninstalled = { type: "event_callback", team_id: "T0MOCK", event: { type: "app_uninstalled" } };
    for (const [why, init] of [
      ["unsigned", slackRequest(uninstalled, { signed: false })],
      ["forged", slackRequest(uninstalled, { secret: "another-signing-secret-0123456789" })],
      ["stale", slackRequest(uninstalled, { skew: -301 })],
    ]) {
      assert.equal((await worker("/slack/events", init)).status, 401, why);
    }
    assert.equal((await worker("/api/installations/T0MOCK", { headers: admin })).status, 200, "nothing was deleted");
    assert.equal((await worker("/slack/events", slackRequest(uninstalled))).status, 200);
    await eventually(worker, "/api/installations/T0MOCK", 404);
  });

  test("tokens_revoked deletes the listed user tokens", async () => {
    const run = withUser();
    try {
      assert.equal((await back(await authorize("allow", await on(run)("/slack/install")), on(run))).status, 200);
      assert.equal((await on(run)("/api/installations/T0MOCK/users/U0MOCK/token", { headers: admin })).status, 200);
      const revoked = { type: "event_callback", team_id: "T0MOCK", event: { type: "tokens_revoked", tokens: { oauth: ["U0MOCK"] } } };
      assert.equal((await on(run)("/slack/events", slackRequest(revoked))).status, 200);
      await eventually(on(run), "/api/installations/T0MOCK/users/U0MOCK/token", 404);
      assert.equal((await on(run)("/api/installations/T0MOCK/token", { headers: admin })).status, 200, "the bot token stays");
    } finally {
      await run.dispose();
    }
  });

  test("an enterprise id finds only the org-wide install, never a workspace's", async () => {
    assert.equal((await install()).status, 200);
    assert.equal((await worker("/api/installations/E0MOCK", { headers: admin })).status, 404);
    assert.equal((await worker("/api/installations/T0MOCK", { headers: admin })).status, 200);
  });
});

describe("Sign in with Slack", () => {
  /** GET /slack/signin, then the mock's OpenID consent page with `decision`; the callback's answer. */
  async function signIn(decision = "allow") {
    const start = await worker("/slack/signin");
    assert.equal(start.status, 302, await start.clone().text());
    const authorizeUrl = new URL(start.headers.get("location"));
    assert.equal(`${authorizeUrl.origin}${authorizeUrl.pathname}`, `${mock.url}/openid/connect/authorize`);
    const form = new URLSearchParams({ ...Object.fromEntries(authorizeUrl.searchParams), decision });
    const back = new URL((await fetch(authorizeUrl, { method: "POST", body: form, redirect: "manual" })).headers.get("location"));
    assert.equal(`${back.origin}${back.pathname}`, `${ORIGIN}/slack/signin/callback`);
    return worker(`${back.pathname}${back.search}`, { headers: { cookie: start.headers.get("set-cookie").split(";")[0] } });
  }

  test("a sign-in shows the name, email and workspace, and never a token", async () => {
    const response = await signIn();
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<h1>Signed in as Mock User<\/h1>/);
    assert.match(html, /mock\.user@example\.test \(verified\)/);
    assert.match(html, /Mock Workspace \(T0MOCK\)/);
    const [answer] = mock.requests.filter((r) => r.path === "/api/openid.connect.token");
    assert.ok(answer, "the code was exchanged with openid.connect.token");
    assert.doesNotMatch(html, /xox[a-z]-|eyJ/, "no access token, no id_token");
    assert.equal(exchanges().length, 0, "no installation was made");
  });

  test("Cancel on Slack's page is told as such; a bare callback is a missing state", async () => {
    const cancelled = await signIn("cancel");
    assert.equal(cancelled.status, 403);
    assert.match(await cancelled.text(), /<h1>Sign-in cancelled<\/h1>.*Slack did not sign you in: access_denied/s);
    const bare = await worker("/slack/signin/callback");
    assert.equal(bare.status, 400);
    assert.match(await bare.text(), /<h1>Missing state<\/h1>/);
  });

  test("without Slack's credentials the sign-in routes answer 503", async () => {
    const unconfigured = exampleWorker({ SLACK_CLIENT_SECRET: undefined });
    try {
      for (const path of ["/slack/signin", "/slack/signin/callback?state=x&code=y"]) {
        const response = await unconfigured.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual" });
        assert.equal(response.status, 503, path);
      }
    } finally {
      await unconfigured.dispose();
    }
  });
});
