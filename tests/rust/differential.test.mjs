// One source of truth: for the same params, the Rust API (examples/replay.rs, through the
// native transport) and the npm package send byte-identical requests and reach the same
// verdicts, over every method of the catalog and a table of answers: successes, provider
// errors, HTTP errors, redirects, bodies that are not the promised JSON, 429s waited out or
// given up on, 5xx retried or not, a timeout, and params refused before anything is sent.
// `make test-rust` builds the package and the example first.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { SlackClient, StytchB2BClient } from "edge-oauth";
import { MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret, MOCK_BOT_TOKEN } from "../mock/slack.mjs";
import { catalog, stytchProviders } from "../../scripts/catalog.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { useMock } from "../node/helpers.mjs";

const REPLAY = new URL("../../target/debug/examples/replay", import.meta.url).pathname;
const mock = useMock();

const code = (code, extra = {}) => ({ client_id, client_secret, code, ...extra });
const lookup = (member_id, extra = {}) => ({ organization_id: "organization-1", member_id, ...extra });

/** [method, params, client options?]: every method, and each answer the mock can give it. */
const SLACK = [
  ["oauth.v2.access", code("good")],
  ["oauth.v2.access", code("extra")],
  ["oauth.v2.access", code("enterprise")],
  ["oauth.v2.access", code("invalid")],
  ["oauth.v2.access", code("429-once")],
  ["oauth.v2.access", code("429")],
  ["oauth.v2.access", code("429-long")],
  ["oauth.v2.access", code("429-unreadable")],
  ["oauth.v2.access", code("429-once"), { rejectRateLimitedCalls: true }],
  ["oauth.v2.access", code("500")],
  ["oauth.v2.access", code("500-once")],
  ["oauth.v2.access", code("503-retry-after-once")],
  ["oauth.v2.access", code("redirect")],
  ["oauth.v2.access", code("html")],
  ["oauth.v2.access", code("truncated")],
  ["oauth.v2.access", code("mistyped")],
  ["oauth.v2.access", code("no-token")],
  ["oauth.v2.access", code("ok-false-bare")],
  ["oauth.v2.access", code("huge")],
  ["oauth.v2.access", code("huge-gzip")],
  ["oauth.v2.access", code("slow"), { timeout: 1000, retries: 0 }],
  ["oauth.v2.access", code("good", { redirect_uri: "https://app.example/callback?a=1&b=é" })],
  ["oauth.v2.access", { client_id, code: "good", code_verifier: "v".repeat(43) }],
  ["oauth.v2.access", { client_id, client_secret, grant_type: "refresh_token", refresh_token: "invalid~xoxe-1" }],
  ["oauth.v2.access", { client_id, client_secret: "wrong", code: "good" }],
  // Refused before anything is sent, with the same field and message.
  ["oauth.v2.access", code("")],
  ["oauth.v2.access", code("a\r\nb")],
  ["oauth.v2.access", code("x".repeat(16_385))],
  ["oauth.v2.access", { client_id, code: "good" }],
  ["oauth.v2.access", { client_id, code: "good", code_verifier: "short" }],
  ["oauth.v2.access", code("good", { grant_type: "refresh_token", refresh_token: "xoxe-1" })],
  ["oauth.v2.access", code("good", { grant_type: "password" })],
  ["oauth.v2.access", code("good"), { timeout: 0 }],
  ["oauth.v2.access", code("good"), { retries: 11 }],
  ["oauth.access", code("good")],
  ["oauth.access", code("classic-bot")],
  ["oauth.access", code("invalid")],
  ["oauth.access", code("good", { single_channel: true })],
  ["apps.auth.external.get", { external_token_id: "Et1", token: MOCK_BOT_TOKEN }],
  ["apps.auth.external.get", { external_token_id: "Et1", force_refresh: true, token: MOCK_BOT_TOKEN }],
  ["apps.auth.external.get", { external_token_id: "missing", token: MOCK_BOT_TOKEN }],
  ["apps.auth.external.get", { external_token_id: "500-once~x", token: MOCK_BOT_TOKEN }],
  ["apps.auth.external.get", { external_token_id: "503" , token: MOCK_BOT_TOKEN }, { retries: 1 }],
  ["apps.auth.external.get", { external_token_id: "Et1" }],
  ["apps.auth.external.get", { external_token_id: "Et1", token: "xoxb revoked" }],
  ["apps.auth.external.delete", { external_token_id: "Et1", token: MOCK_BOT_TOKEN }],
  ["apps.auth.external.delete", { app_id: "A1", provider_key: "google", token: MOCK_BOT_TOKEN }],
  ["apps.auth.external.delete", { token: MOCK_BOT_TOKEN }],
  ["apps.auth.external.delete", { external_token_id: "429-once~d", token: MOCK_BOT_TOKEN }],
  ["auth.revoke", { test: true, token: MOCK_BOT_TOKEN }],
  ["auth.revoke", { token: "xoxb-revoked" }],
  ["auth.revoke", {}],
  // Sign in with Slack: its code is spent as oauth.v2.access's (a 5xx is not retried).
  ["openid.connect.token", code("good")],
  ["openid.connect.token", code("good~T0OTHER", { redirect_uri: "https://app.example/signin?x=é" })],
  ["openid.connect.token", code("good", { code_verifier: "v".repeat(43) })],
  ["openid.connect.token", code("invalid")],
  ["openid.connect.token", code("429-once~s")],
  ["openid.connect.token", code("500")],
  ["openid.connect.token", { client_id, client_secret, grant_type: "refresh_token", refresh_token: "xoxe-1-never-issued" }],
  ["openid.connect.token", { client_id, client_secret: "wrong", code: "good" }],
  ["openid.connect.token", code("")],
  ["openid.connect.token", { client_id, code: "good" }],
  ["openid.connect.userInfo", { token: "xoxp-mock-user" }],
  ["openid.connect.userInfo", { token: "xoxp-500-once~u" }],
  ["openid.connect.userInfo", { token: MOCK_BOT_TOKEN }],
  ["openid.connect.userInfo", {}],
  // A legacy token is spent by oauth.v2.exchange: only a 429 is retried.
  ["oauth.v2.exchange", { client_id, client_secret, token: "xoxb-legacy" }],
  ["oauth.v2.exchange", { client_id, client_secret, token: "xoxp-legacy" }],
  ["oauth.v2.exchange", { client_id, client_secret, token: "xoxb-expires-string" }],
  ["oauth.v2.exchange", { client_id, client_secret, token: "xoxb-429-once~e" }],
  ["oauth.v2.exchange", { client_id, client_secret, token: "xoxb-500" }],
  ["oauth.v2.exchange", { client_id, client_secret, token: "xoxe.xoxb-1-rotating" }],
  ["oauth.v2.exchange", { client_id, client_secret, token: "" }],
  ["oauth.v2.exchange", { client_id, client_secret: "", token: "xoxb-legacy" }],
  ["auth.test", { token: MOCK_BOT_TOKEN }],
  ["auth.test", { token: "xoxp-mock-user" }],
  ["auth.test", { token: "xoxb-revoked" }],
  ["auth.test", { token: "xoxb-429-once~t" }],
  ["auth.test", {}],
];

const STYTCH = stytchProviders().flatMap((provider) => [
  [provider, lookup("member-1")],
  [provider, lookup("member-missing")],
  [provider, lookup("member-500-once")],
  [provider, lookup("member-500-json")],
  [provider, lookup("member-oauth2-error")],
  [provider, { organization_id: "organization-missing", member_id: "member-1" }],
]).concat([
  ["slack", lookup("member-empty")],
  ["slack", lookup("member-429-once")],
  ["slack", lookup("member-429")],
  ["slack", lookup("member-500"), { retries: 0 }],
  ["google", lookup("member-1", { include_refresh_token: true })],
  ["google", lookup("member-1", { include_refresh_token: false })],
  ["slack", lookup("member/../x")],
  ["slack", lookup("")],
  ["github", { organization_id: "a\nb", member_id: "member-1" }],
]);

/** The npm package's outcome of one call, in the shape the replay prints. */
async function viaNpm(provider, method, params, options) {
  try {
    const client = provider === "slack"
      ? new SlackClient(undefined, { slackApiUrl: `${mock.current.url}/api/`, ...options })
      : new StytchB2BClient({ project_id: MOCK_PROJECT_ID, secret: MOCK_SECRET, custom_base_url: mock.current.url, ...options });
    await method.split(".").reduce((node, name) => node[name], client)(params);
    return { ok: true };
  } catch (error) {
    if (error.name !== "EdgeOAuthError") throw error;
    const fields = ["kind", "provider", "method", "code", "message", "status", "retryAfter", "requestId", "field", "data"];
    return { error: Object.fromEntries(fields.filter((key) => error[key] !== undefined).map((key) => [key, error[key]])) };
  }
}

/** The same call through the Rust API. */
async function viaRust(provider, method, params, options) {
  const url = mock.current.url;
  const client = provider === "slack"
    ? { provider, options: { slackApiUrl: `${url}/api/`, ...options } }
    : { provider, options: { project_id: MOCK_PROJECT_ID, secret: MOCK_SECRET, custom_base_url: url, ...options } };
  const child = spawn(REPLAY, [], { stdio: ["pipe", "pipe", "inherit"] });
  child.stdin.end(`${JSON.stringify({ client, method, params })}\n`);
  let out = "";
  for await (const chunk of child.stdout) out += chunk;
  return JSON.parse(out);
}

/** What the mock received, as far as the client decides it (runtimes add their own user-agent). */
async function received() {
  const requests = mock.current.requests.splice(0);
  return requests.map(({ method, url, headers, body }) => ({
    method,
    url,
    headers: { accept: headers.accept, authorization: headers.authorization, "content-type": headers["content-type"] },
    body,
  }));
}

/** The mock names each answer with a fresh request id: compare that there is one, not which. */
function unique(outcome) {
  if (outcome.error?.requestId !== undefined) outcome.error.requestId = "(an id)";
  if (outcome.error?.data?.request_id !== undefined) outcome.error.data.request_id = "(an id)";
}

async function compare(provider, method, params, options = {}) {
  mock.current.reset();
  mock.current.store.clear(); // each side finds nothing spent, revoked or exchanged
  const npm = await viaNpm(provider, method, params, options);
  const npmRequests = await received();
  mock.current.reset();
  mock.current.store.clear();
  const rust = await viaRust(provider, method, params, options);
  const rustRequests = await received();
  [npm, rust].forEach(unique);
  const label = `${method} ${JSON.stringify(params).slice(0, 120)} ${JSON.stringify(options)}`;
  assert.deepEqual(rust, npm, `verdict of ${label}`);
  assert.deepEqual(rustRequests, npmRequests, `requests of ${label}`);
  return { npm, requests: npmRequests.length };
}

test("Slack: the same requests and verdicts for every method and answer", async () => {
  const seen = new Set();
  let errors = 0;
  let retried = 0;
  for (const [method, params, options] of SLACK) {
    const { npm, requests } = await compare("slack", method, params, options);
    seen.add(method);
    errors += npm.error ? 1 : 0;
    retried += requests > 1 ? 1 : 0;
  }
  const slackMethods = catalog().methods.filter((method) => method.provider === "slack").map((method) => method.path);
  assert.deepEqual([...seen].sort(), slackMethods.sort());
  // The table exercises both sides of the verdict and the retry loop.
  assert.ok(errors >= 25 && SLACK.length - errors >= 10 && retried >= 5, `${errors} errors, ${retried} retried`);
});

test("Stytch: the same requests and verdicts for every provider and answer", async () => {
  for (const [provider, params, options] of STYTCH) {
    await compare("stytch", `organizations.members.oauthProviders.${provider}`, params, options);
  }
});
