// The forged and broken id_tokens both verifySlackIdToken (tests/node/id-token.test.mjs) and the
// Rust API (tests/rust/id-token.test.mjs) must refuse, each with its code, when verified with
// `nonce: NONCE` against the mock's JWKS (tests/mock/jwks.mjs).
import { createHmac, createPublicKey } from "node:crypto";

export const NONCE = "n-0S6_WzA2Mj";
const now = () => Math.floor(Date.now() / 1000);

/** Valid claims for `client_id`, with `extra` over them (`undefined` drops a claim). */
export function claimsFor(client_id) {
  return (extra = {}) => ({
    iss: "https://slack.com", sub: "U0MOCK", aud: client_id, exp: now() + 300, iat: now(), auth_time: now(),
    nonce: NONCE, "https://slack.com/user_id": "U0MOCK", "https://slack.com/team_id": "T0MOCK",
    email: "alice@example.com", email_verified: true, name: "Alice", ...extra,
  });
}

/**
 * `[name, id_token, code]` for each forgery, signed by `keyring` (the mock's) from `claims`
 * (`claimsFor`'s). Tokens that are not strings are for the JS API only.
 */
export function forgeries(keyring, claims) {
  const sign = (body = claims(), options) => keyring.sign(body, options);
  const good = sign();
  const [header, payload] = good.split(".");
  const kid = JSON.parse(Buffer.from(header, "base64url")).kid;
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  // The classic confusion: the RSA public key, as PEM, used as an HMAC secret.
  const publicPem = createPublicKey({ key: keyring.jwks().keys.find((jwk) => jwk.kid === kid), format: "jwk" }).export({ type: "spki", format: "pem" });
  const hs256Input = `${encode({ alg: "HS256", kid, typ: "JWT" })}.${payload}`;
  const hs256 = `${hs256Input}.${createHmac("sha256", publicPem).update(hs256Input).digest("base64url")}`;
  const cases = [
    ["wrong aud", sign(claims({ aud: "9999.0000" })), "wrong_audience"],
    ["aud list without the client id", sign(claims({ aud: ["9999.0000"] })), "wrong_audience"],
    ["wrong iss", sign(claims({ iss: "https://slack.com.evil.test" })), "wrong_issuer"],
    ["expired beyond the skew", sign(claims({ exp: now() - 61 })), "expired_id_token"],
    ["no exp", sign(claims({ exp: undefined })), "expired_id_token"],
    ["exp as text", sign(claims({ exp: String(now() + 300) })), "expired_id_token"],
    ["issued in the future", sign(claims({ iat: now() + 120 })), "id_token_from_future"],
    ["signed by another key under a published kid", sign(claims(), { key: "foreign" }), "bad_signature"],
    ["alg none", sign(claims(), { header: { alg: "none" } }), "unsupported_alg"],
    ["HS256 with the public key as the secret", hs256, "unsupported_alg"],
    ["RS384", sign(claims(), { header: { alg: "RS384" } }), "unsupported_alg"],
    ["another nonce", sign(claims({ nonce: "n-other" })), "nonce_mismatch"],
    ["no nonce", sign(claims({ nonce: undefined })), "nonce_mismatch"],
    ["unknown kid", sign(claims(), { header: { kid: "mock-unknown" } }), "unknown_key"],
    ["no kid", sign(claims(), { header: { kid: undefined } }), "unknown_key"],
    ["altered payload", `${header}.${encode({ ...claims(), sub: "U0ADMIN" })}.${good.split(".")[2]}`, "bad_signature"],
    ["empty signature", `${header}.${payload}.`, "bad_signature"],
    ["no sub", sign(claims({ sub: undefined })), "malformed_id_token"],
    ["not a JWT", "not-a-jwt", "malformed_id_token"],
    ["two parts", `${header}.${payload}`, "malformed_id_token"],
    ["four parts", `${good}.${payload}`, "malformed_id_token"],
    ["padding", `${header}=.${payload}.sig`, "malformed_id_token"],
    ["a JSON array as payload", `${header}.${encode([1])}.sig`, "malformed_id_token"],
    ["a payload that is not JSON", `${header}.${Buffer.from("{oops").toString("base64url")}.sig`, "malformed_id_token"],
    ["a signature of impossible length", `${header}.${payload}.abcde`, "malformed_id_token"],
    ["too large", sign(claims({ padding: "x".repeat(9000) })), "malformed_id_token"],
    ["a number", 42, "malformed_id_token"],
    ["undefined", undefined, "malformed_id_token"],
  ];
  return cases;
}
