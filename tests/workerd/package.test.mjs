// The built package inside workerd: an exchange, a lookup and the error model.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { bundle, miniflare } from "./harness.mjs";

let mock, mf;
before(async () => {
  mock = await startMock();
  mf = miniflare(bundle(new URL("./wrangler.toml", import.meta.url).pathname), { bindings: { MOCK_URL: mock.url } });
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
  await mock?.close();
});

async function run(body) {
  const response = await mf.dispatchFetch("http://worker.test/", { method: "POST", body: JSON.stringify(body) });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

test("a code exchange inside workerd", async () => {
  const result = await run({ call: "exchange", input: { client_id, client_secret, code: "rotating" } });
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.match(result.answer.refresh_token, /^xoxe-1-/);
  const request = mock.requests.at(-1);
  assert.match(request.headers.authorization, /^Basic /);
  assert.deepEqual(request.form, { code: "rotating" });
});

test("a lookup inside workerd retries a 5xx", async () => {
  mock.reset();
  const result = await run({ call: "lookup", token: "xoxb-t", input: { external_token_id: "500-once~w" } });
  assert.equal(result.answer?.external_token, "ext-token-for-500-once~w", JSON.stringify(result));
  assert.equal(mock.requests.length, 2);
});

test("errors inside workerd carry the EdgeOAuthError fields", async () => {
  const platform = await run({ call: "exchange", input: { client_id, client_secret, code: "invalid" } });
  assert.deepEqual(
    { kind: platform.error.kind, code: platform.error.code, status: platform.error.status },
    { kind: "platform", code: "invalid_code", status: 200 },
  );
  const invalid = await run({ call: "exchange", input: { client_id, client_secret, code: "x", clientSecret: "y" } });
  assert.deepEqual([invalid.error.kind, invalid.error.code, invalid.error.field], ["validation", "unknown_param", "clientSecret"]);
  const limited = await run({ call: "exchange", options: { rejectRateLimitedCalls: true }, input: { client_id, client_secret, code: "429~w" } });
  assert.deepEqual([limited.error.kind, limited.error.retryAfter], ["rate_limited", 1]);
  const slow = await run({ call: "exchange", options: { timeout: 200 }, input: { client_id, client_secret, code: "slow" } });
  assert.equal(slow.error.kind, "timeout");
});

test("a Worker is not a browser window: a client secret may be sent", async () => {
  const result = await run({ call: "legacy", input: { client_id, client_secret, code: "classic-bot" } });
  assert.equal(result.answer?.bot?.bot_access_token, "xoxb-mock-classic-bot", JSON.stringify(result));
});

test("Stytch lookups inside workerd, with retries and errors", async () => {
  mock.reset();
  const options = { project_id: MOCK_PROJECT_ID, secret: MOCK_SECRET };
  const ids = { organization_id: "organization-test-1", member_id: "member-500-once~w" };
  const slack = await run({ call: "stytch", provider: "slack", options, input: ids });
  assert.equal(slack.answer?.registrations?.[0]?.bot_access_token, "xoxb-stytch-saved-bot", JSON.stringify(slack));
  assert.equal(mock.requests.length, 2, "the 503 was retried");
  const google = await run({ call: "stytch", provider: "google", options, input: { ...ids, member_id: "m", include_refresh_token: true } });
  assert.equal(google.answer?.refresh_token, "mock-refresh-google");
  const missing = await run({ call: "stytch", provider: "github", options, input: { ...ids, member_id: "member-missing" } });
  assert.deepEqual([missing.error.kind, missing.error.code, missing.error.status], ["platform", "member_not_found", 404]);
  assert.ok(!missing.error.message.includes(MOCK_SECRET));
});

test("verifySlackIdToken inside workerd: WebCrypto's RS256, the keys fetched once", async () => {
  mock.reset();
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: "https://slack.com", sub: "U0MOCK", aud: client_id, exp: now + 300, iat: now, nonce: "n-w" };
  const options = { client_id, nonce: "n-w" };
  const valid = await run({ call: "idToken", input: mock.keyring.sign(claims), options });
  assert.deepEqual(valid.answer, claims, JSON.stringify(valid));
  const forged = await run({ call: "idToken", input: mock.keyring.sign(claims, { key: "foreign" }), options });
  assert.deepEqual([forged.error?.kind, forged.error?.code, forged.error?.field], ["validation", "bad_signature", "id_token"]);
  const none = await run({ call: "idToken", input: mock.keyring.sign(claims, { header: { alg: "none" } }), options });
  assert.equal(none.error?.code, "unsupported_alg");
  const late = await run({ call: "idToken", input: mock.keyring.sign({ ...claims, exp: now - 120 }), options });
  assert.equal(late.error?.code, "expired_id_token");
  assert.equal(mock.requests.filter((request) => request.path === "/openid/connect/keys").length, 1, "one JWKS fetch");
});
