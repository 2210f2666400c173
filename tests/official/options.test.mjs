// The official SDKs' options as edge-oauth takes them (js/official.mjs), one by one, with the
// package alone: what each maps onto, the one warning, the logger, and callers' objects that
// break. official.test.mjs runs whole call sites with both SDKs.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { B2BClient, SlackClient, StytchB2BClient, WebClient } from "edge-oauth";
import { rejectsWith, useMock } from "../node/helpers.mjs";
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID as project_id, MOCK_SECRET as secret } from "../mock/stytch.mjs";

const mock = useMock();
const slackApiUrl = () => `${mock.current.url}/api/`;

/** A logger that keeps its lines. */
function recorder() {
  const lines = [];
  return { lines, debug: (line) => lines.push(`debug ${line}`), warn: (line) => lines.push(`warn ${line}`) };
}

test("WebClient and B2BClient are SlackClient and StytchB2BClient", () => {
  assert.equal(WebClient, SlackClient);
  assert.equal(B2BClient, StytchB2BClient);
});

describe("retryConfig", () => {
  const lookup = (retryConfig, id) =>
    new WebClient(MOCK_BOT_TOKEN, { slackApiUrl: slackApiUrl(), retryConfig, logger: recorder() })
      .apps.auth.external.get({ external_token_id: id });

  test("its retries are ours: a lookup's 503 is retried once with retries: 1, not at all with 0", async () => {
    await rejectsWith(lookup({ retries: 0 }, "500-once~none"), { kind: "http", status: 503 });
    assert.equal(mock.current.requests.length, 1);
    const answer = await lookup({ retries: 1 }, "500-once~one");
    assert.equal(answer.external_token, "ext-token-for-500-once~one");
    assert.equal(mock.current.requests.length, 3);
  });

  test("more than ours allow is ours at most; its timing is ours: no warning", async () => {
    const logger = recorder();
    const client = new WebClient(MOCK_BOT_TOKEN, { slackApiUrl: slackApiUrl(), retryConfig: { retries: 50, factor: 3.86, minTimeout: 0 }, logger });
    assert.deepEqual(logger.lines, []);
    await client.apps.auth.external.get({ external_token_id: "500-once~most" });
    assert.equal(mock.current.requests.length, 2);
  });

  test("our own retries win over it", async () => {
    const client = new WebClient(MOCK_BOT_TOKEN, { slackApiUrl: slackApiUrl(), retries: 0, retryConfig: { retries: 3 } });
    await rejectsWith(client.apps.auth.external.get({ external_token_id: "500-once~ours" }), { kind: "http" });
    assert.equal(mock.current.requests.length, 1);
  });
});

describe("the warning", () => {
  test("once per isolate for each distinct set of ignored options, to console.warn without a logger", (t) => {
    const warn = t.mock.method(console, "warn", () => {});
    for (let i = 0; i < 3; i++) new WebClient(undefined, { teamId: "T1", allowAbsoluteUrls: false });
    new StytchB2BClient({ project_id, secret, fraud_env: "https://telemetry.stytch.com/", dispatcher: {} });
    new StytchB2BClient({ project_id, secret, fraud_env: "https://telemetry.stytch.com/", dispatcher: {} });
    assert.deepEqual(warn.mock.calls.map((call) => call.arguments), [
      ["edge-oauth ignores teamId, allowAbsoluteUrls"],
      ["edge-oauth ignores dispatcher, fraud_env"],
    ]);
  });

  test("none for our own options and the ones that map", (t) => {
    const warn = t.mock.method(console, "warn", () => {});
    new WebClient(undefined, { slackApiUrl: "https://slack.com/api/", timeout: 5000, rejectRateLimitedCalls: true, retryConfig: { retries: 2 }, logLevel: "info" });
    new B2BClient({ project_id, secret, env: "https://test.stytch.com/", timeout: 5000 });
    assert.equal(warn.mock.callCount(), 0);
  });

  test("a logger without warn, or whose warn throws: the console has it", (t) => {
    const warn = t.mock.method(console, "warn", () => {});
    new WebClient(undefined, { headers: { a: "1" }, logger: { debug() {} } });
    new WebClient(undefined, { headers: { b: "2" }, maxRequestConcurrency: 1, logger: { debug() {}, warn() { throw new Error("full"); } } });
    assert.equal(warn.mock.callCount(), 2);
  });
});

describe("logger and logLevel", () => {
  test("a debug line per attempt: method, attempt, status or failure, outcome", async () => {
    const logger = recorder();
    const slack = new WebClient(MOCK_BOT_TOKEN, { slackApiUrl: slackApiUrl(), logger, retryConfig: { retries: 1 } });
    await slack.apps.auth.external.get({ external_token_id: "500-once~log" });
    await rejectsWith(slack.oauth.v2.access({ client_id, client_secret, code: "invalid" }), { code: "invalid_code" });
    const unreachable = new WebClient(undefined, { slackApiUrl: "http://127.0.0.1:9/api/", logger, retryConfig: { retries: 0 } });
    await rejectsWith(unreachable.oauth.v2.access({ client_id, client_secret, code: "good" }), { kind: "network" });
    assert.deepEqual(logger.lines, [
      "debug edge-oauth apps.auth.external.get #1: 503 retry",
      "debug edge-oauth apps.auth.external.get #2: 200 ok",
      "debug edge-oauth oauth.v2.access #1: 200 invalid_code",
      "debug edge-oauth oauth.v2.access #1: network network_error",
    ]);
  });

  test('logLevel "debug" without a logger: console.debug; with one, the logger', async (t) => {
    const debug = t.mock.method(console, "debug", () => {});
    const slack = new WebClient(MOCK_BOT_TOKEN, { slackApiUrl: slackApiUrl(), logLevel: "debug" });
    await slack.auth.revoke({ test: true });
    const logger = recorder();
    await new WebClient(MOCK_BOT_TOKEN, { slackApiUrl: slackApiUrl(), logLevel: "debug", logger }).auth.revoke({ test: true });
    assert.deepEqual(debug.mock.calls.map((call) => call.arguments), [["edge-oauth auth.revoke #1: 200 ok"]]);
    assert.deepEqual(logger.lines, ["debug edge-oauth auth.revoke #1: 200 ok"]);
  });

  test("a logger that throws loses its line, not the answer of a spent code", async () => {
    const logger = { debug() { throw new Error("disk full"); } };
    const slack = new WebClient(undefined, { slackApiUrl: slackApiUrl(), logger });
    const answer = await slack.oauth.v2.access({ client_id, client_secret, code: "good" });
    assert.equal(answer.ok, true);
  });
});

describe("timeout", () => {
  test("out of our range, in options written for an SDK: our longest, with the warning", async (t) => {
    const warn = t.mock.method(console, "warn", () => {});
    const slack = new WebClient(MOCK_BOT_TOKEN, { slackApiUrl: slackApiUrl(), timeout: 0, teamId: "T1" });
    assert.deepEqual(await slack.auth.revoke({ test: true }), { ok: true, revoked: false });
    const ids = { organization_id: "organization-1", member_id: "member-1" };
    const stytch = new B2BClient({ project_id, secret, env: mock.current.url, timeout: 600_000 });
    assert.equal((await stytch.organizations.members.oauthProviders.slack(ids)).provider_type, "Slack");
    assert.deepEqual(warn.mock.calls.map((call) => call.arguments), [["edge-oauth ignores teamId, timeout"], ["edge-oauth ignores timeout"]]);
  });
});

describe("stytch's env", () => {
  test("is our custom_base_url; custom_base_url wins over it, as in stytch", async () => {
    const ids = { organization_id: "organization-1", member_id: "member-1" };
    const viaEnv = await new B2BClient({ project_id, secret, env: mock.current.url }).organizations.members.oauthProviders.slack(ids);
    assert.equal(viaEnv.provider_type, "Slack");
    const both = new B2BClient({ project_id, secret, custom_base_url: mock.current.url, env: "https://test.stytch.com/" });
    assert.equal((await both.organizations.members.oauthProviders.slack(ids)).provider_type, "Slack");
    assert.equal(mock.current.requests.length, 2);
  });
});

describe("what is still refused", () => {
  test("keys of neither SDK, our own out-of-range values, and objects that throw when read", () => {
    const refused = (make, field, code = "invalid_param") =>
      assert.throws(make, (e) => e.name === "EdgeOAuthError" && e.kind === "validation" && e.field === field && e.code === code);
    refused(() => new WebClient(undefined, { slackApiURL: "https://slack.com/api/", logger: recorder() }), "slackApiURL", "unknown_param");
    // Options with no SDK's key are ours: SlackClient's range, as in the Rust API.
    refused(() => new WebClient(undefined, { timeout: 0 }), "timeout");
    refused(() => new B2BClient({ project_id, secret, timeout: 600_000 }), "timeout");
    refused(() => new WebClient(undefined, { timeout: -1, teamId: "T1" }), "timeout");
    const throwing = new Proxy({}, { ownKeys() { throw new Error("trap"); }, has() { throw new Error("trap"); } });
    refused(() => new WebClient(undefined, throwing), "options");
    const retryConfig = new Proxy({}, { get() { throw new Error("trap"); } });
    refused(() => new WebClient(undefined, { retryConfig }), "retryConfig", "unknown_param");
    refused(() => new WebClient(undefined, { get logger() { throw new Error("getter"); } }), "logger", "unknown_param");
  });
});

describe("apiCall", () => {
  test("@slack/web-api's generic call reaches our methods by name, and only ours", async () => {
    const slack = new WebClient(MOCK_BOT_TOKEN, { slackApiUrl: slackApiUrl() });
    const answer = await slack.apiCall("apps.auth.external.get", { external_token_id: "Et0APICALL" });
    assert.deepEqual(answer, { ok: true, external_token: "ext-token-for-Et0APICALL" });
    assert.deepEqual(await slack.apiCall("auth.revoke", { test: true }), { ok: true, revoked: false });
    for (const method of ["chat.postMessage", "organizations.members.oauthProviders.slack", undefined]) {
      await rejectsWith(slack.apiCall(method, {}), { kind: "validation", code: "unknown_method" });
    }
    assert.equal(mock.current.requests.length, 2, "an unknown method sends nothing");
    assert.equal("apiCall" in new B2BClient({ project_id, secret }), false, "stytch has none");
  });
});
