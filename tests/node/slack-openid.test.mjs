// Sign in with Slack's Web API methods, and the token lifecycle's other two, from the built
// package against the project's mock over loopback.
import assert from "node:assert/strict";
import { createPublicKey, verify } from "node:crypto";
import { describe, test } from "node:test";
import { SlackClient } from "edge-oauth";
import { issuedCodes } from "../mock/codes.mjs";
import { atHash } from "../mock/jwks.mjs";
import { MOCK_CLIENT_ID as client_id, MOCK_CLIENT_SECRET as client_secret } from "../mock/slack.mjs";
import { assertNoSecrets, rejectsWith, useMock } from "./helpers.mjs";

const mock = useMock();
const slack = (token) => new SlackClient(token, { slackApiUrl: `${mock.current.url}/api/` });
const basic = `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString("base64")}`;

/** A code as the mock's OpenID authorize page issues it (one use, its redirect_uri, nonce, PKCE). */
function issueCode(grant = {}) {
  const code = `mockcode-openid-${issuedCodes(mock.current.store).size}`;
  issuedCodes(mock.current.store).set(code, { client_id, scope: "openid,email,profile", redirect_uri: "https://app.test/cb", used: false, ...grant });
  return code;
}

/** The id_token's claims, once its RS256 signature is checked against the mock's JWKS. */
function verifiedClaims(idToken) {
  const [head, payload, signature] = idToken.split(".");
  const { kid, alg } = JSON.parse(Buffer.from(head, "base64url"));
  assert.equal(alg, "RS256");
  const jwk = mock.current.keyring.jwks().keys.find((key) => key.kid === kid);
  assert.ok(jwk, "signed by a published key");
  assert.ok(verify("sha256", Buffer.from(`${head}.${payload}`), createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(signature, "base64url")));
  return JSON.parse(Buffer.from(payload, "base64url"));
}

describe("openid.connect.token", () => {
  test("exchanges an issued code with Basic auth for a user token and a signed id_token", async () => {
    const code = issueCode({ nonce: "n-0S6_WzA2Mj" });
    const answer = await slack().openid.connect.token({ client_id, client_secret, code, redirect_uri: "https://app.test/cb" });
    assert.equal(answer.ok, true);
    assert.equal(answer.token_type, "Bearer");
    assert.match(answer.access_token, /^xoxp-mock-/);
    const claims = verifiedClaims(answer.id_token);
    assert.equal(claims.iss, "https://slack.com");
    assert.equal(claims.aud, client_id);
    assert.equal(claims.nonce, "n-0S6_WzA2Mj");
    assert.equal(claims.at_hash, atHash(answer.access_token));
    assert.equal(claims["https://slack.com/user_id"], claims.sub);
    assert.ok(claims.exp > claims.iat);
    const [request] = mock.current.requests;
    assert.equal(request.path, "/api/openid.connect.token");
    assert.equal(request.headers.authorization, basic);
    assert.deepEqual(request.form, { code, redirect_uri: "https://app.test/cb" });
  });

  test("a code works once, with its redirect_uri and its PKCE verifier", async () => {
    const code = issueCode();
    await slack().openid.connect.token({ client_id, client_secret, code, redirect_uri: "https://app.test/cb" });
    await rejectsWith(slack().openid.connect.token({ client_id, client_secret, code, redirect_uri: "https://app.test/cb" }),
      { kind: "platform", code: "invalid_code", method: "openid.connect.token" });
    await rejectsWith(slack().openid.connect.token({ client_id, client_secret, code: issueCode() }), { code: "bad_redirect_uri" });
    // S256 of "v" * 43: a public client (no secret) proves itself with the verifier.
    const code_challenge = "7w_YNF9DSfIdPf_pRjSq646_kPr-2-o9NAl16JGghdM";
    const pkce = { code_challenge, code_challenge_method: "S256" };
    await rejectsWith(slack().openid.connect.token({ client_id, code: issueCode(pkce), redirect_uri: "https://app.test/cb", code_verifier: "w".repeat(43) }),
      { code: "invalid_code_verifier" });
    const answer = await slack().openid.connect.token({ client_id, code: issueCode(pkce), redirect_uri: "https://app.test/cb", code_verifier: "v".repeat(43) });
    assert.equal(verifiedClaims(answer.id_token).nonce, undefined, "no nonce was asked for");
    assert.equal(mock.current.requests.at(-1).headers.authorization, undefined);
    assert.equal(mock.current.requests.at(-1).form.client_id, client_id);
  });

  test("a rotating sign-in refreshes once, and is spent: only a 429 is retried", async () => {
    const first = await slack().openid.connect.token({ client_id, client_secret, code: "rotating" });
    assert.match(first.refresh_token, /^xoxe-1-user-/);
    assert.equal(first.expires_in, 43200);
    const refresh = () => slack().openid.connect.token({ client_id, client_secret, grant_type: "refresh_token", refresh_token: first.refresh_token });
    const second = await refresh();
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal(verifiedClaims(second.id_token).sub, "U0MOCK");
    await rejectsWith(refresh(), { kind: "platform", code: "invalid_refresh_token" });
    mock.current.reset();
    await rejectsWith(slack().openid.connect.token({ client_id, client_secret, code: "500-once~openid" }), { kind: "http", status: 503 });
    assert.equal(mock.current.requests.length, 1, "a code exchange is never repeated after a 5xx");
    await slack().openid.connect.token({ client_id, client_secret, code: "429-once~openid" });
    assert.equal(mock.current.requests.length, 3, "a 429 is");
  });

  test("is refused before sending: mixed grants, no secret nor verifier; no secret in errors", async () => {
    await rejectsWith(slack().openid.connect.token({ client_id, code: "good" }), { kind: "validation", field: "client_secret", method: "openid.connect.token" });
    await rejectsWith(slack().openid.connect.token({ client_id, client_secret, code: "good", refresh_token: "xoxe-1" }), { field: "refresh_token" });
    assert.equal(mock.current.requests.length, 0);
    const error = await rejectsWith(slack().openid.connect.token({ client_id, client_secret: "wrong-secret-value", code: "good" }), { code: "bad_client_secret" });
    assertNoSecrets(error, ["wrong-secret-value"]);
  });
});

describe("openid.connect.userInfo", () => {
  test("answers the signed-in user's claims for their user token, as Bearer", async () => {
    const { access_token, id_token } = await slack().openid.connect.token({ client_id, client_secret, code: "good~TSIGNIN" });
    const me = await slack(access_token).openid.connect.userInfo();
    assert.equal(me.ok, true);
    assert.equal(me["https://slack.com/team_id"], "TSIGNIN");
    assert.equal(me["https://slack.com/user_image_1024"], "https://mock.slack.test/user_1024.png");
    assert.equal(me["https://slack.com/team_image_default"], true);
    // The same identity as the id_token's claims (those the two share).
    const claims = verifiedClaims(id_token);
    for (const [key, value] of Object.entries(me)) if (key !== "ok") assert.deepEqual(claims[key], value, key);
    const [request] = mock.current.requests.slice(-1);
    assert.equal(request.headers.authorization, `Bearer ${access_token}`);
    assert.equal(request.body, "");
  });

  test("a bot token is refused as Slack does; a lookup retries a 5xx", async () => {
    await rejectsWith(slack("xoxb-mock-bot-token").openid.connect.userInfo(), { kind: "platform", code: "not_allowed_token_type" });
    await rejectsWith(slack().openid.connect.userInfo(), { kind: "validation", field: "token", code: "missing_param" });
    mock.current.reset();
    const me = await slack().openid.connect.userInfo({ token: "xoxp-500-once~userinfo" });
    assert.equal(me.sub, "U0MOCK");
    assert.equal(mock.current.requests.length, 2, "retried once after the 503");
  });
});

describe("oauth.v2.exchange", () => {
  test("moves a legacy token to a rotating pair once, with Basic auth and the token in the form", async () => {
    const exchange = (token) => slack().oauth.v2.exchange({ client_id, client_secret, token });
    const pair = await exchange("xoxb-legacy-1");
    assert.equal(pair.token_type, "bot");
    assert.match(pair.access_token, /^xoxe\.xoxb-1-/);
    assert.match(pair.refresh_token, /^xoxe-1-bot-/);
    assert.equal(pair.expires_in, 43200);
    const [request] = mock.current.requests;
    assert.equal(request.path, "/api/oauth.v2.exchange");
    assert.equal(request.headers.authorization, basic);
    assert.deepEqual(request.form, { token: "xoxb-legacy-1" });
    await rejectsWith(exchange("xoxb-legacy-1"), { kind: "platform", code: "token_already_exchanged" });
    // The new pair rotates like any other.
    const rotated = await slack().oauth.v2.access({ client_id, client_secret, grant_type: "refresh_token", refresh_token: pair.refresh_token });
    assert.match(rotated.access_token, /^xoxe\.xoxb-1-/);
    const user = await exchange("xoxp-legacy-1");
    assert.equal(user.token_type, "user");
    // The legacy token is spent: an answer with the new pair is its only copy, kept as sent.
    assert.equal((await exchange("xoxb-expires-string~legacy")).expires_in, "43200");
    await rejectsWith(exchange("xoxb-no-refresh-token~legacy"), { kind: "decode", code: "invalid_response" });
  });

  test("spends the legacy token: a 5xx is not retried, a 429 is; nothing leaks into errors", async () => {
    mock.current.reset();
    const failed = await rejectsWith(slack().oauth.v2.exchange({ client_id, client_secret, token: "xoxb-500-once~legacy" }), { kind: "http", status: 503 });
    assert.equal(mock.current.requests.length, 1);
    assertNoSecrets(failed, ["xoxb-500-once~legacy", client_secret]);
    await slack().oauth.v2.exchange({ client_id, client_secret, token: "xoxb-429-once~legacy" });
    assert.equal(mock.current.requests.length, 3);
    await rejectsWith(slack().oauth.v2.exchange({ client_id, client_secret }), { kind: "validation", field: "token", code: "missing_param" });
    assert.equal(mock.current.requests.length, 3);
  });
});

describe("auth.test", () => {
  test("says whom the client's token, or the call's, belongs to", async () => {
    const bot = await slack("xoxb-mock-bot-token").auth.test();
    assert.deepEqual([bot.team_id, bot.user_id, bot.bot_id, bot.is_enterprise_install], ["T0MOCK", "U0MOCKBOT", "B0MOCK", false]);
    assert.equal(mock.current.requests[0].headers.authorization, "Bearer xoxb-mock-bot-token");
    const user = await slack("xoxb-mock-bot-token").auth.test({ token: "xoxp-mock-user" });
    assert.equal(user.bot_id, undefined);
    assert.equal(mock.current.requests[1].headers.authorization, "Bearer xoxp-mock-user");
  });

  test("a revoked token is invalid_auth; a lookup retries a 5xx", async () => {
    await slack("xoxp-mock-to-revoke").auth.revoke();
    await rejectsWith(slack("xoxp-mock-to-revoke").auth.test(), { kind: "platform", code: "invalid_auth", method: "auth.test" });
    mock.current.reset();
    await slack("xoxb-500-once~authtest").auth.test();
    assert.equal(mock.current.requests.length, 2);
  });
});
