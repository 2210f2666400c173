// The flow helpers from the built package: PKCE, the authorize URLs, signed states.
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { test } from "node:test";
import { pkcePair, signState, slackAuthorizeUrl, slackSignInUrl, verifyState } from "edge-oauth";
import { rejectsWith } from "./helpers.mjs";

const secret = "state-secret-0123456789abcdef0123";

test("pkcePair: RFC 7636 S256 pairs, fresh each time", async () => {
  const pair = await pkcePair();
  assert.equal(pair.code_challenge_method, "S256");
  assert.match(pair.code_verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(pair.code_challenge, createHash("sha256").update(pair.code_verifier).digest("base64url"));
  const other = await pkcePair();
  assert.notEqual(other.code_verifier, pair.code_verifier);
});

test("slackAuthorizeUrl: defaults to Slack and encodes every part", () => {
  const url = new URL(slackAuthorizeUrl({
    client_id: "1111.2222", scope: "chat:write,commands", user_scope: "identity.basic",
    redirect_uri: "https://app.test/slack/oauth_redirect?x=1&y=2", state: "s.t", team: "T1",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
  }));
  assert.equal(url.origin + url.pathname, "https://slack.com/oauth/v2/authorize");
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    client_id: "1111.2222", scope: "chat:write,commands", user_scope: "identity.basic",
    redirect_uri: "https://app.test/slack/oauth_redirect?x=1&y=2", state: "s.t", team: "T1",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", code_challenge_method: "S256",
  });
  const listed = new URL(slackAuthorizeUrl({ client_id: "1", scope: ["chat:write", "commands"], user_scope: ["identity.basic"] }));
  assert.equal(listed.searchParams.get("scope"), "chat:write,commands");
  assert.equal(listed.searchParams.get("user_scope"), "identity.basic");
  const mock = slackAuthorizeUrl({ client_id: "1", scope: "a", authorize_url: "http://127.0.0.1:8790/oauth/v2/authorize" });
  assert.ok(mock.startsWith("http://127.0.0.1:8790/oauth/v2/authorize?client_id=1&scope=a"));
});

test("slackAuthorizeUrl: bad input throws validation errors", () => {
  const throwsField = (params, field) => assert.throws(() => slackAuthorizeUrl(params), (e) => e.name === "EdgeOAuthError" && e.kind === "validation" && e.field === field);
  throwsField({ client_id: "1" }, "scope");
  throwsField({ client_id: "1", scope: 5 }, "scope");
  throwsField({ client_id: "1", scope: ["a", 5] }, "scope");
  throwsField({ client_id: "1", scope: [] }, "scope"); // no scopes, as "" is
  throwsField({ client_id: "1", scope: "" }, "scope");
  throwsField({ scope: "a" }, "client_id");
  throwsField({ client_id: "1", scope: "a", scopes: "b" }, "scopes");
  throwsField({ client_id: "1", scope: "a", authorize_url: "http://evil.test/authorize" }, "authorize_url");
  throwsField({ client_id: "1", scope: "a", code_challenge: "plain" }, "code_challenge");
  throwsField({ client_id: "1", scope: "a", state: "x\ny" }, "state");
});

test("slackSignInUrl: Slack's OpenID authorize URL, response_type=code, openid always asked for", () => {
  const params = { client_id: "1111.2222", redirect_uri: "https://app.test/signin?x=1&y=2", nonce: "n-1", state: "s.t" };
  const url = new URL(slackSignInUrl({ ...params, team: "T1", code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" }));
  assert.equal(url.origin + url.pathname, "https://slack.com/openid/connect/authorize");
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    response_type: "code", scope: "openid email profile", client_id: "1111.2222",
    redirect_uri: "https://app.test/signin?x=1&y=2", state: "s.t", nonce: "n-1", team: "T1",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", code_challenge_method: "S256",
  });
  const scope = (value) => new URL(slackSignInUrl({ ...params, scope: value })).searchParams.get("scope");
  assert.equal(scope("email"), "openid email");
  assert.equal(scope(["profile", "openid"]), "profile openid");
  assert.equal(scope(["email", "profile"]), "openid email profile");
  assert.equal(scope("profile openid email"), "profile openid email");
  const mock = slackSignInUrl({ ...params, authorize_url: "http://127.0.0.1:8790/openid/connect/authorize" });
  assert.ok(mock.startsWith("http://127.0.0.1:8790/openid/connect/authorize?response_type=code&client_id=1111.2222&scope=openid+email+profile&"));
});

test("slackSignInUrl: refuses what slackAuthorizeUrl refuses, naming the field", () => {
  const params = { client_id: "1", redirect_uri: "https://app.test/signin", nonce: "n", state: "s" };
  const throws = (changed, field, code) => assert.throws(() => slackSignInUrl({ ...params, ...changed }), (e) =>
    e.name === "EdgeOAuthError" && e.kind === "validation" && e.method === "slackSignInUrl" && e.field === field && e.code === code);
  for (const field of ["client_id", "redirect_uri", "nonce", "state"]) {
    throws({ [field]: undefined }, field, "missing_param");
    throws({ [field]: null }, field, "missing_param");
    throws({ [field]: "" }, field, "missing_param");
  }
  throws({ redirect_uri: "/signin" }, "redirect_uri", "invalid_param");
  throws({ nonce: "x\r\ny" }, "nonce", "invalid_param");
  throws({ scope: [] }, "scope", "missing_param");
  throws({ scope: ["email", 5] }, "scope", "invalid_param");
  throws({ user_scope: "identity.basic" }, "user_scope", "unknown_param");
  throws({ authorize_url: "http://evil.test/authorize" }, "authorize_url", "invalid_param");
  throws({ code_challenge: "plain" }, "code_challenge", "invalid_param");
  assert.throws(() => slackSignInUrl(undefined), (e) => e.kind === "validation" && e.field === "params");
});

test("signState / verifyState round trip with data", async () => {
  const before = Math.floor(Date.now() / 1000);
  const state = await signState(secret, { data: { returnTo: "/done", n: [1, 2] } });
  assert.match(state, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  const verified = await verifyState(secret, state);
  assert.deepEqual(verified.data, { returnTo: "/done", n: [1, 2] });
  assert.ok(verified.issued_at >= before && verified.issued_at <= before + 2);
  assert.equal(verified.expires_at, verified.issued_at + 600);
  assert.match(verified.nonce, /^[A-Za-z0-9_-]{22}$/);
  const bare = await verifyState(secret, await signState(secret));
  assert.equal("data" in bare, false);
  const undefinedData = await verifyState(secret, await signState(secret, { data: undefined }));
  assert.equal("data" in undefinedData, false, "undefined data is no data, as for every optional key");
  assert.equal((await verifyState(secret, await signState(secret, { data: null }))).data, null);
  assert.notEqual(await signState(secret), await signState(secret), "each state has its own nonce");
});

test("the signature is HMAC-SHA256 over the encoded payload", async () => {
  const state = await signState(secret, { ttl_seconds: 60 });
  const [payload, signature] = state.split(".");
  assert.equal(signature, createHmac("sha256", secret).update(payload).digest("base64url"));
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  assert.equal(claims.exp - claims.iat, 60);
  // And the other way: a state signed by hand with Node's HMAC carries its data through.
  const handmade = Buffer.from(JSON.stringify({ ...claims, d: { by: "hand" } })).toString("base64url");
  const signedByHand = `${handmade}.${createHmac("sha256", secret).update(handmade).digest("base64url")}`;
  assert.deepEqual((await verifyState(secret, signedByHand)).data, { by: "hand" });
  await rejectsWith(verifyState(secret, `${signedByHand}.x`), { code: "invalid_state", field: "state" });
  await rejectsWith(verifyState(42, signedByHand), { code: "invalid_param", field: "secret" });
});

test("forged, tampered, foreign and expired states are rejected", async () => {
  const state = await signState(secret, { data: { user: "U1" }, ttl_seconds: 1 });
  const [payload, signature] = state.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  const tampered = Buffer.from(JSON.stringify({ ...claims, d: { user: "U2" } })).toString("base64url");
  const forged = createHmac("sha256", "another-secret").update(payload).digest("base64url");
  const expect = (value, code, key = secret) => rejectsWith(verifyState(key, value), { kind: "validation", code, field: "state", method: "verifyState" });
  await expect(`${tampered}.${signature}`, "invalid_state");
  await expect(`${payload}.${forged}`, "invalid_state");
  await expect(state, "invalid_state", "wrong-secret");
  await expect("garbage", "invalid_state");
  await expect(`${payload}.`, "invalid_state");
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const expired = await expect(state, "expired_state");
  assert.ok(!expired.message.includes(secret));
});

test("signState checks its inputs", async () => {
  await rejectsWith(signState("", {}), { kind: "validation", field: "secret", code: "missing_param" });
  await rejectsWith(signState(42), { kind: "validation", field: "secret", code: "invalid_param" });
  await rejectsWith(signState(secret, { ttl_seconds: 0 }), { field: "ttl_seconds" });
  await rejectsWith(signState(secret, { ttl: 5 }), { field: "ttl", code: "unknown_param" });
  await rejectsWith(signState(secret, { data: "x".repeat(3000) }), { field: "data" });
  await rejectsWith(signState(secret, { data: 10n }), { field: "data" });
  await rejectsWith(verifyState(secret, undefined), { field: "state" });
});
