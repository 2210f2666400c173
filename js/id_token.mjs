// verifySlackIdToken: Sign in with Slack's id_token, checked as OpenID Connect Core §3.1.3.7 asks:
// an RS256 compact JWS (RFC 7515) by a key of Slack's JWKS, then `iss`, `aud`, `exp`, `iat`,
// `nonce`. In JS, not in the wasm: WebCrypto verifies, and the checks cost fewer bytes here
// (measured, gzip -9: this whole file adds 1.29 KB to the facade; the core's options, parse and
// claims checks behind one wasm export added 2.68 KB to the wasm alone). The Rust client runs
// the same checks (src/slack/id_token.rs) with the same codes. Every refusal is a validation
// EdgeOAuthError on `id_token` (or the option at fault); the token is never in a message.

import { fromBase64url } from "./base64url.mjs";
import { edgeOAuthError } from "./errors.mjs";
import { send } from "./transport.mjs";

const ISSUER = "https://slack.com";
/** RS256 in WebCrypto: the keys' import and the verification take it. */
const RS256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
/** @param {unknown} value */
const isText = (value) => typeof value === "string";
/**
 * Each option, and whether a value given for it is valid. `jwks_url`: https, or http to this
 * machine, as for `slackApiUrl` (the host must end where a port or the path begins: no
 * `http://localhost.evil.test`).
 * @type {Record<string, (value: any) => boolean>}
 */
const OPTIONS = {
  client_id: isText,
  nonce: isText,
  jwks_url: (url) => isText(url) && /^(https:\/\/|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/)/i.test(url),
  clock_skew_seconds: (skew) => Number.isInteger(skew) && skew >= 0 && skew <= 300,
};
/**
 * What a JWKS fetch that got no usable answer fails with, as the methods do: by the transport's
 * failure (not `deadline`: the deadline is the one attempt's timeout), or ours for an answer
 * that is not 200 or has no `keys` array.
 * @type {Record<string, [import("./index.js").EdgeOAuthErrorKind, string]>}
 */
const FAILURES = {
  timeout: ["timeout", "timeout"],
  network: ["network", "network_error"],
  too_large: ["decode", "response_too_large"],
  redirect: ["http", "redirect"],
  status: ["http", "http_error"],
  body: ["decode", "invalid_response"],
};
// A JWKS is a few keys: a 64 KiB cap, and one attempt (the judge never asks for a retry; the
// next verification fetches again). `send` reads only these limits.
const JWKS_POLICY = /** @type {import("./seam.js").Policy} */ ({ timeout: 10_000, deadline: 10_000, maxBody: 65_536 });

/**
 * The keys of each JWKS URL in this isolate (16 URLs, the oldest dropped first): by `kid`, each
 * imported (null if WebCrypto refuses it), when they were fetched, and the fetch under way,
 * which concurrent verifications share.
 * @typedef {{ keys: Map<unknown, Promise<CryptoKey | null>>, at: number, fetching?: Promise<void> }} KeySet
 * @type {Map<string, KeySet>}
 */
const keySets = new Map();

/**
 * An error of verifySlackIdToken: a refusal of `field` (its message names the field and the
 * code, as the Rust check's do), or a JWKS that could not be used.
 * @param {import("./index.js").EdgeOAuthErrorKind} kind @param {string} code @param {string} [field] @param {number} [status]
 * @returns {import("./errors.mjs").ErrorFields}
 */
function fields(kind, code, field, status) {
  const message = field ? `\`${field}\` is refused: ${code}` : `Slack's JWKS could not be used (${code})`;
  return { kind, provider: "slack", method: "verifySlackIdToken", code, status, message, field };
}

/** @param {string} code @param {string} [field] */
const refusal = (code, field = "id_token") => edgeOAuthError(fields("validation", code, field));

/**
 * Checks a Sign in with Slack id_token and resolves to its claims; rejects with an
 * EdgeOAuthError whose `code` says which check failed.
 * @param {unknown} idToken @param {unknown} options
 */
export async function verifySlackIdToken(idToken, options) {
  const { client_id, nonce, jwks_url = `${ISSUER}/openid/connect/keys`, clock_skew_seconds: skew = 60 } = readOptions(options);
  const parts = isText(idToken) && idToken.length <= 8192 && /^[\w-]+\.[\w-]+\.[\w-]*$/.test(idToken) ? idToken.split(".") : [];
  const [header, claims] = parts.slice(0, 2).map(object);
  const signature = fromBase64url(parts[2]);
  if (!header || !claims || !signature) throw refusal("malformed_id_token");
  if (header.alg !== "RS256") throw refusal("unsupported_alg");
  const key = isText(header.kid) && (await keyFor(jwks_url, header.kid));
  if (!key) throw refusal("unknown_key");
  const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  if (!(await crypto.subtle.verify(RS256, key, signature, signed))) throw refusal("bad_signature");
  const { iss, aud, exp, iat } = claims;
  const now = Date.now() / 1000;
  if (iss !== ISSUER) throw refusal("wrong_issuer");
  if (!(aud === client_id || (Array.isArray(aud) && aud.includes(client_id)))) throw refusal("wrong_audience");
  if (!(typeof exp === "number" && exp > now - skew)) throw refusal("expired_id_token");
  if (!(typeof iat === "number" && iat <= now + skew)) throw refusal("id_token_from_future");
  if (nonce !== undefined && claims.nonce !== nonce) throw refusal("nonce_mismatch");
  if (!isText(claims.sub)) throw refusal("malformed_id_token");
  return claims;
}

/**
 * A JWS part's JSON object, or undefined.
 * @param {string} part @returns {any}
 */
function object(part) {
  try {
    const value = JSON.parse(new TextDecoder().decode(/** @type {Uint8Array} */ (fromBase64url(part))));
    return Object.getPrototypeOf(value) === Object.prototype ? value : undefined;
  } catch {}
}

/**
 * The options, each read once (a getter or Proxy is read once), and checked.
 * @param {unknown} options
 * @returns {{ client_id: string, nonce?: string, jwks_url?: string, clock_skew_seconds?: number }}
 */
function readOptions(options) {
  /** @type {any} */
  let read;
  try {
    if (![null, Object.prototype].includes(Object.getPrototypeOf(options))) throw options;
    read = { .../** @type {object} */ (options) };
  } catch {
    throw refusal("invalid_param", "options");
  }
  read.client_id ??= undefined; // required: checked after the keys given, as a key given last
  for (const key in read) {
    const value = (read[key] ??= undefined); // null stands for a value left out
    if (!Object.hasOwn(OPTIONS, key)) throw refusal("unknown_param", key);
    if (value === "" || (value === undefined && key === "client_id")) throw refusal("missing_param", key);
    if (value !== undefined && !OPTIONS[key](value)) throw refusal("invalid_param", key);
  }
  return read;
}

/**
 * The key `kid` of the JWKS at `url`: cached, or fetched when a fetch is under way, when none was
 * made in the last minute, or when the last one failed. None if the JWKS has no such RSA key.
 * @param {string} url @param {string} kid @returns {Promise<CryptoKey | null | undefined>}
 */
async function keyFor(url, kid) {
  let set = keySets.get(url);
  if (!set) {
    if (keySets.size >= 16) keySets.delete(/** @type {string} */ (keySets.keys().next().value));
    keySets.set(url, (set = { keys: new Map(), at: -Infinity }));
  }
  const fetched = /** @type {KeySet} */ (set);
  if (!fetched.keys.has(kid) && (fetched.fetching || Date.now() - fetched.at >= 60_000)) {
    await (fetched.fetching ??= fetchKeys(url, fetched).finally(() => (fetched.fetching = undefined)));
  }
  return fetched.keys.get(kid);
}

/**
 * Fetches the JWKS at `url` through the package's transport (its timeout, capped body, no
 * redirect) and imports its keys by `kid`: WebCrypto refuses a JWK that is not an RSA key for
 * RS256 signatures (`kty`, `alg`, `use`, `key_ops`), and such a key is no key here. A failure
 * rejects and is not a fetch for the once-a-minute rule.
 * @param {string} url @param {KeySet} set
 */
async function fetchKeys(url, set) {
  /** @param {import("./transport.mjs").Outcome} outcome @returns {import("./seam.js").Verdict} */
  const judge = ({ failure, status, body }) => {
    const answered = /** @type {number} */ (status);
    const why = failure ?? (answered >= 300 && answered < 400 ? "redirect" : answered !== 200 ? "status" : !Array.isArray(keysOf(body)) && "body");
    return why ? { error: fields(...FAILURES[why], undefined, status) } : { ok: true };
  };
  const { keys } = /** @type {{ keys: any[] }} */ (await send(/** @type {any} */ ({ url, method: "GET" }), JWKS_POLICY, [], judge, edgeOAuthError));
  set.keys = new Map(keys.map((jwk) => [jwk?.kid, crypto.subtle.importKey("jwk", jwk, RS256, false, ["verify"]).catch(() => null)]));
  set.at = Date.now();
}

/**
 * A JWKS's `keys`, if its text is JSON with some.
 * @param {string | undefined} body
 */
function keysOf(body) {
  try {
    return JSON.parse(/** @type {string} */ (body)).keys;
  } catch {}
}
