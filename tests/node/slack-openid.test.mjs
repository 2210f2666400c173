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
