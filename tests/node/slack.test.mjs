// SlackClient from the built package, against the project's mock over loopback.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SlackClient, isEdgeOAuthError } from "edge-oauth";
import { MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { assertNoSecrets, rejectsWith, useMock } from "./helpers.mjs";

const mock = useMock();
const slack = (options = {}, token) => new SlackClient(token, { slackApiUrl: `${mock.current.url}/api/`, ...options });
const exchange = (code, extra = {}, options = {}) => slack(options).oauth.v2.access({ client_id, client_secret, code, ...extra });

describe("oauth.v2.access", () => {
  test("sends client credentials as Basic auth and the code in the form", async () => {
    const answer = await exchange("good", { redirect_uri: "https://app.test/cb?x=1&y=2" });
    assert.equal(answer.ok, true);
    assert.equal(answer.team.id, "T0MOCK");
    assert.match(answer.access_token, /^xoxb-mock-/);
    assert.match(answer.authed_user.access_token, /^xoxp-mock-/);
    const [request] = mock.current.requests;
    assert.equal(request.path, "/api/oauth.v2.access");
    assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString("base64")}`);
    assert.equal(request.headers["content-type"], "application/x-www-form-urlencoded");
    assert.deepEqual(request.form, { code: "good", redirect_uri: "https://app.test/cb?x=1&y=2" });
    assert.ok(!request.body.includes(client_secret) && !request.body.includes("client_id"));
  });

  test("every documented shape parses and comes back unchanged", async () => {
    const userOnly = await exchange("user-only");
    assert.equal(userOnly.access_token, undefined);
    assert.equal(userOnly.authed_user.token_type, "user");
    const enterprise = await exchange("enterprise");
    assert.equal(enterprise.team, null);
    assert.deepEqual(enterprise.enterprise, { id: "E0MOCK", name: "Mock Org" });
    assert.equal(enterprise.is_enterprise_install, true);
    const rotating = await exchange("rotating");
    assert.match(rotating.refresh_token, /^xoxe-1-/);
    assert.equal(rotating.expires_in, 43200);
    const webhook = await exchange("webhook");
    assert.equal(webhook.incoming_webhook.channel_id, "C0MOCK");
    const warned = await exchange("warning");
    assert.equal(warned.warning, "superfluous_charset");
    assert.deepEqual(warned.response_metadata.warnings, ["superfluous_charset"]);
    const extra = await exchange("extra");
    assert.deepEqual(extra.brand_new_field, { nested: [1, 2] }, "fields beyond the typed ones survive");
    assert.equal(extra.team.name, null, "nulls survive");
    assert.equal(extra.enterprise, null);
  });

  test("token rotation sends grant_type and refresh_token", async () => {
    const answer = await slack().oauth.v2.access({ client_id, client_secret, grant_type: "refresh_token", refresh_token: "xoxe-1-abc" });
    assert.match(answer.refresh_token, /^xoxe-1-/);
    assert.deepEqual(mock.current.requests[0].form, { grant_type: "refresh_token", refresh_token: "xoxe-1-abc" });
  });

  test("a refresh that rotated the pair returns it as sent, however odd the rest", async () => {
    // The old refresh token is spent: refusing the answer would lose the only copy of the pair.
    const refresh = (token) => slack().oauth.v2.access({ client_id, client_secret, grant_type: "refresh_token", refresh_token: token });
    const odd = ["expires-string", "expires-missing", "expires-zero", "expires-negative", "expires-float", "team-string"];
    for (const behaviour of [...odd, ...odd.map((b) => `user-${b}`)]) {
      const answer = await refresh(`${behaviour}~xoxe-1-old`);
      const tokens = behaviour.startsWith("user-") ? answer.authed_user : answer;
      assert.match(tokens.access_token, /^xoxe\.xox[bp]-1-odd-/, behaviour);
      assert.match(tokens.refresh_token, /^xoxe-1-odd-/, behaviour);
    }
    const answer = await refresh("expires-string~xoxe-1-old");
    assert.equal(answer.expires_in, "43200", "as Slack sent it");
    assert.equal((await refresh("team-string~xoxe-1-old")).team, "T0MOCK");
    // The same answers to a code exchange, and a refresh answer without a new refresh token,
    // are refused as before.
    await rejectsWith(exchange("expires-string~c"), { kind: "decode", code: "invalid_response" });
    await rejectsWith(exchange("user-expires-negative~c"), { kind: "decode", code: "invalid_response" });
    await rejectsWith(refresh("no-refresh-token~xoxe-1-old"), { kind: "decode", code: "invalid_response" });
  });

  test("a PKCE public client sends no secret and names itself in the body", async () => {
    const code_verifier = "v".repeat(43);
    const answer = await slack().oauth.v2.access({ client_id, code: "good", code_verifier });
    assert.equal(answer.ok, true);
    const [request] = mock.current.requests;
    assert.equal(request.headers.authorization, undefined);
    assert.deepEqual(request.form, { client_id, code: "good", code_verifier });
  });

  test("ok: false is a platform error with Slack's code, status and request id", async () => {
    const error = await rejectsWith(exchange("invalid"), {
      kind: "platform", provider: "slack", method: "oauth.v2.access", code: "invalid_code", status: 200,
    });
    assert.match(error.requestId, /^req-/);
    assert.deepEqual(error.data, { ok: false, error: "invalid_code", warning: "superfluous_charset" });
    assert.ok(isEdgeOAuthError(error));
    await rejectsWith(exchange("ok-false-bare"), { kind: "platform", code: "unknown_error" });
    await rejectsWith(slack().oauth.v2.access({ client_id, client_secret: "wrong", code: "good" }), { code: "bad_client_secret" });
  });

  test("an exchange retries 429 after Retry-After, but never a 5xx", async () => {
    const started = Date.now();
    const answer = await exchange("429-once~a");
    assert.equal(answer.ok, true);
    assert.equal(mock.current.requests.length, 2);
    assert.ok(Date.now() - started >= 950, "waited Retry-After: 1");
    mock.current.reset();
    await rejectsWith(exchange("500-once~b"), { kind: "http", status: 503, code: "http_error" });
    assert.equal(mock.current.requests.length, 1, "a code exchange is never repeated after a 5xx");
  });

  test("429 gives up as rate_limited with retryAfter once retries are spent", async () => {
    await rejectsWith(exchange("429~c", {}, { retries: 1 }), { kind: "rate_limited", code: "ratelimited", retryAfter: 1, status: 429 });
    assert.equal(mock.current.requests.length, 2);
  });

  test("a Retry-After beyond the wait budget ends the call at once", async () => {
    // "At once": not after waiting the 120 s, which only a far shorter end rules out on any machine.
    const started = Date.now();
    await rejectsWith(exchange("429-long~d"), { kind: "rate_limited", retryAfter: 120 });
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
    assert.equal(mock.current.requests.length, 1);
  });

  test("rejectRateLimitedCalls throws on the first 429", async () => {
    await rejectsWith(exchange("429~e", {}, { rejectRateLimitedCalls: true }), { kind: "rate_limited", retryAfter: 1 });
    assert.equal(mock.current.requests.length, 1);
  });

  test("a slow answer times out", async () => {
    await rejectsWith(exchange("slow", {}, { timeout: 200 }), { kind: "timeout", code: "timeout" });
    assert.equal(mock.current.requests.length, 1, "a timed-out exchange is not repeated");
  });

  test("bodies that are not the promised JSON are decode errors", async () => {
    await rejectsWith(exchange("html"), { kind: "decode", code: "invalid_json", status: 200 });
    await rejectsWith(exchange("truncated"), { kind: "decode", code: "invalid_json" });
    const mistyped = await rejectsWith(exchange("mistyped"), { kind: "decode", code: "invalid_response" });
    assert.match(mistyped.message, /access_token/);
    assert.equal(mistyped.data, undefined, "a success body holds tokens: never kept");
    await rejectsWith(exchange("huge"), { kind: "decode", code: "response_too_large" });
    await rejectsWith(exchange("huge-stream"), { kind: "decode", code: "response_too_large" });
    await rejectsWith(exchange("huge-gzip"), { kind: "decode", code: "response_too_large" }); // 2 KB that inflate to 2 MiB
    await rejectsWith(exchange("no-token"), { kind: "decode", code: "invalid_response" });
  });

  test("a refused connection is a network error", async () => {
    const closed = new SlackClient(undefined, { slackApiUrl: "http://127.0.0.1:9/api/", retries: 0 });
    await rejectsWith(closed.oauth.v2.access({ client_id, client_secret, code: "good" }), { kind: "network", code: "network_error" });
  });
});

describe("validation sends nothing", () => {
  const cases = [
    [{ client_id, client_secret }, "missing_param", "code"],
    [{ client_id, code: "c" }, "missing_param", "client_secret"],
    [{ client_secret, code: "c" }, "missing_param", "client_id"],
    [{ client_id, client_secret, code: "" }, "missing_param", "code"],
    [{ client_id, clientSecret: client_secret, code: "c" }, "unknown_param", "clientSecret"],
    [{ client_id, client_secret, code: 42 }, "invalid_param", "code"],
    [{ client_id, client_secret, code: "c\r\nX-Evil: 1" }, "invalid_param", "code"],
    [{ client_id, client_secret, code: "c", redirect_uri: "a\0b" }, "invalid_param", "redirect_uri"],
    [{ client_id, client_secret, code: "c", grant_type: "password" }, "invalid_param", "grant_type"],
    [{ client_id, client_secret, grant_type: "refresh_token" }, "missing_param", "refresh_token"],
    [{ client_id, client_secret, code: "c", refresh_token: "xoxe-1" }, "invalid_param", "refresh_token"],
    [{ client_id, client_secret, grant_type: "refresh_token", refresh_token: "xoxe-1", redirect_uri: "https://a.test/cb" }, "invalid_param", "redirect_uri"],
    [{ client_id, grant_type: "refresh_token", refresh_token: "xoxe-1" }, "missing_param", "client_secret"],
    [{ client_id, code: "c", code_verifier: "short" }, "invalid_param", "code_verifier"],
  ];
  for (const [params, code, field] of cases) {
    test(`${JSON.stringify(params).replace(client_secret, "<secret>")} -> ${code} ${field}`, async () => {
      const error = await rejectsWith(slack().oauth.v2.access(params), { kind: "validation", code, field, method: "oauth.v2.access" });
      assertNoSecrets(error, [client_secret]);
      assert.equal(mock.current.requests.length, 0);
    });
  }

  test("a params value that is not an object", async () => {
    await rejectsWith(slack().oauth.v2.access(undefined), { kind: "validation", code: "invalid_param" });
    await rejectsWith(slack().oauth.v2.access([]), { kind: "validation", code: "invalid_param" });
    assert.equal(mock.current.requests.length, 0);
  });

  test("constructor options are checked and throw synchronously", () => {
    const expect = (fn, field) => assert.throws(fn, (e) => e.name === "EdgeOAuthError" && e.kind === "validation" && e.field === field);
    expect(() => new SlackClient(undefined, { slackApiUrl: "http://example.com/api/" }), "slackApiUrl");
    expect(() => new SlackClient(undefined, { slackApiUrl: "https://user:pw@example.com/" }), "slackApiUrl");
    expect(() => new SlackClient(undefined, { timeOut: 5 }), "timeOut");
    expect(() => new SlackClient(undefined, { retries: -1 }), "retries");
    expect(() => new SlackClient(undefined, { timeout: 0 }), "timeout");
    expect(() => new SlackClient("xoxb\n1"), "token");
    assert.ok(new SlackClient());
  });
});

describe("oauth.access (legacy)", () => {
  const legacy = (code) => slack().oauth.access({ client_id, client_secret, code, single_channel: true });
  test("classic, bot + webhook and workspace-app shapes", async () => {
    const classic = await legacy("classic");
    assert.equal(classic.scope, "identify,read,post");
    assert.equal(classic.enterprise_id, null);
    assert.deepEqual(mock.current.requests[0].form, { code: "classic", single_channel: "true" });
    const bot = await legacy("classic-bot");
    assert.equal(bot.bot.bot_access_token, "xoxb-mock-classic-bot");
    assert.equal(bot.incoming_webhook.channel, "#general");
    const workspace = await legacy("workspace");
    assert.deepEqual(workspace.scopes.channel, ["channels:read"]);
    assert.equal(workspace.token_type, "app");
    assert.equal(workspace.permissions[0].resource_type, "channel");
  });

  test("the client secret is required", async () => {
    await rejectsWith(slack().oauth.access({ client_id, code: "c" }), { kind: "validation", field: "client_secret", code: "missing_param" });
  });
});

describe("apps.auth.external", () => {
  const token = "xoxb-admin-token-123";
  test("get sends the token as Bearer, never in the body", async () => {
    const answer = await slack({}, token).apps.auth.external.get({ external_token_id: "Et-ok" });
    assert.deepEqual(answer, { ok: true, external_token: "ext-token-for-Et-ok" });
    const [request] = mock.current.requests;
    assert.equal(request.headers.authorization, `Bearer ${token}`);
    assert.deepEqual(request.form, { external_token_id: "Et-ok" });
  });

  test("a per-call token wins over the client's", async () => {
    await slack({}, token).apps.auth.external.get({ external_token_id: "Et-ok", token: "xoxb-per-call" });
    assert.equal(mock.current.requests[0].headers.authorization, "Bearer xoxb-per-call");
  });

  test("a lookup retries 5xx; force_refresh does not", async () => {
    const answer = await slack({}, token).apps.auth.external.get({ external_token_id: "500-once~f" });
    assert.equal(answer.external_token, "ext-token-for-500-once~f");
    assert.equal(mock.current.requests.length, 2);
    mock.current.reset();
    await rejectsWith(slack({}, token).apps.auth.external.get({ external_token_id: "500-once~g", force_refresh: true }), { kind: "http", status: 503 });
    assert.equal(mock.current.requests.length, 1);
    assert.equal(mock.current.requests[0].form.force_refresh, "true");
  });

  test("a lookup gives up on 5xx after its retries", async () => {
    await rejectsWith(slack({ retries: 2 }, token).apps.auth.external.get({ external_token_id: "500~h" }), { kind: "http", status: 500 });
    assert.equal(mock.current.requests.length, 3);
  });

  test("platform errors, missing token, secrets never in errors", async () => {
    const error = await rejectsWith(slack({}, token).apps.auth.external.get({ external_token_id: "missing" }), { kind: "platform", code: "token_not_found" });
    assertNoSecrets(error, [token]);
    await rejectsWith(slack().apps.auth.external.get({ external_token_id: "Et-ok" }), { kind: "validation", field: "token" });
    const revoked = await rejectsWith(slack({}, "xoxb-revoked").apps.auth.external.get({ external_token_id: "Et-ok" }), { code: "invalid_auth" });
    assertNoSecrets(revoked, ["xoxb-revoked"]);
    assert.equal(mock.current.requests.length, 2);
  });

  test("delete needs something to delete and never retries 5xx", async () => {
    assert.deepEqual(await slack({}, token).apps.auth.external.delete({ provider_key: "google", app_id: "A1" }), { ok: true });
    assert.deepEqual(mock.current.requests[0].form, { app_id: "A1", provider_key: "google" });
    await rejectsWith(slack({}, token).apps.auth.external.delete({}), { kind: "validation", code: "missing_param" });
    mock.current.reset();
    await rejectsWith(slack({}, token).apps.auth.external.delete({ external_token_id: "500-once~i" }), { kind: "http" });
    assert.equal(mock.current.requests.length, 1);
  });
});

test("200 concurrent exchanges all succeed and stay separate", async () => {
  const client = slack();
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => client.oauth.v2.access({ client_id, client_secret, code: `good~${i}` })));
  assert.equal(new Set(answers.map((a) => a.access_token)).size, 200);
  assert.equal(mock.current.requests.length, 200);
});

test("secrets never reach an error, whatever fails", async () => {
  const secrets = [client_secret, "xoxe-1-super-secret-refresh"];
  const failures = [
    () => slack().oauth.v2.access({ client_id, client_secret, grant_type: "refresh_token", refresh_token: "invalid~xoxe-1-super-secret-refresh" }),
    () => slack({ timeout: 100 }).oauth.v2.access({ client_id, client_secret, code: "slow" }),
    () => slack().oauth.v2.access({ client_id, client_secret, code: "mistyped" }),
    () => slack().oauth.v2.access({ client_id, client_secret: 123, code: "x" }),
    () => slack().oauth.v2.access({ client_id, client_secret, code: "x", refresh_token: "xoxe-1-super-secret-refresh" }),
  ];
  for (const failure of failures) {
    let error;
    await failure().catch((e) => { error = e; });
    assert.ok(error, "rejected");
    assertNoSecrets(error, [...secrets, "xoxb-mock-", "12345"]);
  }
});

describe("auth.revoke", () => {
  test("revokes the client's token once, or a call's own; test mode revokes nothing", async () => {
    const client = slack({}, "xoxb-to-revoke");
    assert.deepEqual(await client.auth.revoke({ test: true }), { ok: true, revoked: false });
    assert.deepEqual(await client.auth.revoke(), { ok: true, revoked: true });
    await rejectsWith(client.auth.revoke(), { kind: "platform", code: "invalid_auth" });
    assert.deepEqual(await slack().auth.revoke({ token: "xoxp-user-to-revoke" }), { ok: true, revoked: true });
    assert.equal(mock.current.requests.at(-1).headers.authorization, "Bearer xoxp-user-to-revoke");
    await rejectsWith(slack().auth.revoke(), { kind: "validation", code: "missing_param", field: "token" });
    await rejectsWith(client.auth.revoke({ test: "yes" }), { kind: "validation", field: "test" });
  });
});

test("in a browser window a client secret is refused before sending, unless allowed", async () => {
  // A client made in a window keeps that in its checked configuration, for every later call.
  globalThis.window = globalThis;
  globalThis.document = {};
  let inWindow, allowed;
  try {
    inWindow = slack();
    allowed = slack({ dangerouslyAllowBrowser: true });
  } finally {
    delete globalThis.window;
    delete globalThis.document;
  }
  const before = mock.current.requests.length;
  await rejectsWith(inWindow.oauth.v2.access({ client_id, client_secret, code: "good" }), {
    kind: "validation", code: "browser_secret", field: "client_secret",
  });
  assert.equal(mock.current.requests.length, before, "nothing was sent");
  assert.equal((await allowed.oauth.v2.access({ client_id, client_secret, code: "good" })).ok, true);
});
