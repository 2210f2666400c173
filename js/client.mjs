// The package's API: the clients, their namespaces and the flow helpers. Everything a caller
// passes is copied to JSON text here (copy.mjs) before the wasm sees it; the wasm checks it,
// builds requests, and judges answers; transport.mjs does the I/O. Nothing of a call lives in
// the wasm between its synchronous steps, and a client holds no wasm memory at all.

import * as core from "./edge_oauth.js";
import { base64url } from "./base64url.mjs";
import { copyArgument, copyData, copyValue } from "./copy.mjs";
import { edgeOAuthError, isEdgeOAuthError, unwrap } from "./errors.mjs";
import { hmacKey } from "./hmac.mjs";
import { send } from "./transport.mjs";

export { isEdgeOAuthError };

/* global EDGE_OAUTH_CATALOG */
/**
 * The methods and limits, from the Rust catalog (`src/catalog.rs`): `make build` puts them here
 * (esbuild `--define`), in the order the wasm numbers them.
 */
const { methods, maxText, done: DONE } = EDGE_OAUTH_CATALOG;

/** Whether this is a browser window, where a secret would be visible to every visitor. */
function inBrowserWindow() {
  return "window" in globalThis && "document" in globalThis;
}

/**
 * Sets up a client from the JSON copy of its constructor arguments and the signal they held: the
 * wasm checks them once and answers the checked configuration (JSON text the wasm reads on every
 * call, never a wasm object) and, beside it, the client's limits (`policy`). Builds the client's
 * namespaces once, from the catalog, so `client.oauth === client.oauth`.
 */
function setUp(target, provider, argumentsJson, signal) {
  const { client, policy } = unwrap(core.checkClient(provider, argumentsJson));
  const state = { client, policy, policyJson: JSON.stringify(policy), signal };
  const invoke = (index) => (params, options) => call(index, state, params, options);
  methods.forEach((method, index) => {
    if (method.provider !== provider) return;
    const path = method.path.split(".");
    let node = target;
    for (const name of path.slice(0, -1)) {
      if (!Object.hasOwn(node, name)) Object.defineProperty(node, name, { value: {}, enumerable: true });
      node = node[name];
    }
    Object.defineProperty(node, path.at(-1), { value: invoke(index), enumerable: true });
  });
}

/**
 * One call: its promise is `send`'s own (not async itself, so no promise wraps another), and
 * what throws before anything is sent rejects it all the same.
 */
function call(index, state, params, options) {
  try {
    const copiedOptions = copyArgument(options, maxText);
    // The exports take their JSON texts joined by NUL, which JSON text never holds raw: one
    // crossing for them all (a body, which may hold NULs, crosses on its own).
    const texts = `${state.client}\0${copyArgument(params, maxText).json}\0${copiedOptions.json}`;
    const { request } = unwrap(core.prepare(index, texts));
    const judge = (report, body) => verdict(core.conclude(index, `${state.policyJson}\0${report}`, body));
    return send(request, state.policy, [state.signal, copiedOptions.signal], judge, edgeOAuthError);
  } catch (error) {
    return Promise.reject(error);
  }
}

// The wasm's verdict on most attempts (its text `DONE` from the catalog), read without
// JSON.parse; anything else is parsed.
const DONE_VERDICT = Object.freeze({ ok: true });

function verdict(text) {
  return text === DONE ? DONE_VERDICT : JSON.parse(text);
}

/** A Slack Web API client for the OAuth methods, as in `@slack/web-api`. */
export class SlackClient {
  static name = "SlackClient"; // the bundle is minified; keep the name users see

  constructor(token, options) {
    const copied = copyArgument(options, maxText);
    const client = `{"token":${JSON.stringify(copyValue(token, maxText))},"options":${copied.json},"browser":${inBrowserWindow()}}`;
    setUp(this, "slack", client, copied.signal);
  }
}

/** A Stytch B2B API client for the member OAuth-provider token lookups, as in `stytch`. */
export class StytchB2BClient {
  static name = "StytchB2BClient";

  constructor(options) {
    const copied = copyArgument(options, maxText);
    const client = `{"options":${copied.json},"browser":${inBrowserWindow()}}`;
    setUp(this, "stytch", client, copied.signal);
  }
}

/** `n` bytes from the runtime's CSPRNG, as base64url. */
function random(n) {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(n)));
}

/** A new PKCE verifier and its S256 challenge (RFC 7636), from WebCrypto. */
export async function pkcePair() {
  const code_verifier = random(32);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(code_verifier));
  return { code_verifier, code_challenge: base64url(new Uint8Array(digest)), code_challenge_method: "S256" };
}

/** Slack's authorize URL for these params, URL-encoded. Throws an `EdgeOAuthError` on bad input. */
export function slackAuthorizeUrl(params) {
  return unwrap(core.authorizeUrl(copyArgument(params, maxText).json)).url;
}

/** base64url(HMAC-SHA256(`secret`, `text`)), from WebCrypto. */
async function hmac(secret, text) {
  const key = await hmacKey(secret, ["sign"]);
  return base64url(new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text))));
}

/** A signed, expiring `state` carrying `data` (HMAC-SHA256 with `secret`, at least 32 bytes). */
export async function signState(secret, options) {
  const copied = copyArgument(options, maxText, { data: copyData });
  const secretCopy = copyValue(secret, maxText);
  const { payload } = unwrap(core.signState(JSON.stringify(secretCopy), copied.json, random(16), Date.now() / 1000));
  return `${payload}.${await hmac(secretCopy, payload)}`; // the wasm checked the secret
}

/** Checks a state from `signState` (signature, then expiry) and returns what it carries. */
export async function verifyState(secret, state) {
  const [secretCopy, stateCopy] = [secret, state].map((value) => copyValue(value, maxText));
  // The signature the state should carry: the HMAC of its part before the first `.`. With no
  // usable secret or state there is none, and the wasm says why.
  const signed = typeof stateCopy === "string" && stateCopy.includes(".") ? stateCopy.split(".", 1)[0] : "";
  const expected = typeof secretCopy === "string" && secretCopy && signed ? await hmac(secretCopy, signed) : "";
  const texts = [secretCopy, stateCopy].map((copy) => JSON.stringify(copy));
  return unwrap(core.verifyState(texts[0], texts[1], expected, Date.now() / 1000)).verified;
}
