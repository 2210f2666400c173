// The package's API: the clients, their namespaces and the flow helpers. Everything a caller
// passes is copied to JSON text here (copy.mjs) before the wasm sees it; the wasm checks it,
// builds requests, and judges answers; transport.mjs does the I/O. Nothing of a call lives in
// the wasm between its synchronous steps, and a client holds no wasm memory at all.

import * as core from "./edge_oauth.js";
import { base64url } from "./base64url.mjs";
import { copyArgument, copyData, copyValue } from "./copy.mjs";
import { edgeOAuthError, isEdgeOAuthError, unwrap } from "./errors.mjs";
import { hmacKey } from "./hmac.mjs";
import { fromOfficial } from "./official.mjs";
import { send } from "./transport.mjs";

export { isEdgeOAuthError };
export { verifySlackIdToken } from "./id_token.mjs";

/** @typedef {import("./seam.js").CheckedClient} CheckedClient */
/** @typedef {import("./seam.js").Policy} Policy */
/** @typedef {import("./seam.js").Prepared} Prepared */
/** @typedef {import("./seam.js").Verdict} Verdict */

/**
 * One client's share of a call: its checked configuration (for `prepare`), its limits (for the
 * transport and `conclude`), the signal its options held and the logger they asked for.
 * @typedef {{ client: string, policy: Policy, signal?: AbortSignal,
 *   logger?: import("./official.mjs").Logger }} ClientState
 */

/* global EDGE_OAUTH_CATALOG */
/**
 * The methods and limits, from the Rust catalog (`src/catalog.rs`): `make build` puts them here
 * (esbuild `--define`), in the order the wasm numbers them.
 * @type {import("./seam.js").Catalog}
 */
const catalog = EDGE_OAUTH_CATALOG;
const { methods, maxText, done: DONE, official } = catalog;

/** Whether this is a browser window, where a secret would be visible to every visitor. */
function inBrowserWindow() {
  return "window" in globalThis && "document" in globalThis;
}

/**
 * The clients checked so far in this isolate, by the JSON copy of their arguments: a Worker
 * builds its clients per request from the same `env`, and the wasm need not check the same
 * arguments twice. Bounded, oldest first out; a failed check is not kept.
 * @type {Map<string, Omit<ClientState, "signal">>}
 */
const checkedClients = new Map();
const CHECKED_CLIENTS_KEPT = 16;

/** @param {"slack" | "stytch"} provider @param {string} argumentsJson */
function checkClient(provider, argumentsJson) {
  const key = `${provider}\0${argumentsJson}`;
  let checked = checkedClients.get(key);
  if (checked === undefined) {
    const { client, policy } = /** @type {CheckedClient} */ (unwrap(core.checkClient(provider, argumentsJson)));
    checked = { client, policy };
    const oldest = checkedClients.keys().next();
    if (checkedClients.size >= CHECKED_CLIENTS_KEPT && !oldest.done) checkedClients.delete(oldest.value);
    checkedClients.set(key, checked);
  }
  return checked;
}

/**
 * Each provider's namespaces as the catalog lays them out, built once per isolate: a tree whose
 * leaves are the methods' numbers (`{ oauth: { access: 0, v2: { access: 1 } } }`).
 * @typedef {{ [name: string]: number | Tree }} Tree
 * @type {Record<string, Tree>}
 */
const trees = { slack: {}, stytch: {} };
methods.forEach(({ provider, path }, index) => {
  const names = path.split(".");
  let node = trees[provider];
  for (const name of names.slice(0, -1)) node = /** @type {Tree} */ (node[name] ??= {});
  node[names[names.length - 1]] = index;
});

/**
 * One client's namespace: plain objects (set member by member, which engines do fast, then
 * frozen) whose methods call with the client's `state`.
 * @param {Tree} tree @param {ClientState} state @returns {Readonly<Record<string, unknown>>}
 */
function namespace(tree, state) {
  /** @type {Record<string, unknown>} */
  const members = {};
  for (const name in tree) {
    const node = tree[name];
    members[name] =
      typeof node === "number"
        ? (/** @type {unknown} */ params, /** @type {unknown} */ options) => call(node, state, params, options)
        : namespace(node, state);
  }
  return Object.freeze(members);
}

/**
 * Sets up a client from the JSON copy of its constructor arguments, the signal they held and the
 * logger they asked for: the wasm checks them (once per isolate) and answers the checked
 * configuration (JSON text the wasm reads on every call, never a wasm object) and, beside it,
 * the client's limits (`policy`).
 * Builds the client's namespaces, so `client.oauth === client.oauth`.
 * @param {object} target @param {"slack" | "stytch"} provider
 * @param {string} argumentsJson @param {Pick<ClientState, "signal" | "logger">} options
 */
function setUp(target, provider, argumentsJson, { signal, logger }) {
  /** @type {ClientState} */
  const state = { ...checkClient(provider, argumentsJson), signal, logger };
  const tree = trees[provider];
  for (const name in tree) {
    const value = namespace(/** @type {Tree} */ (tree[name]), state);
    Object.defineProperty(target, name, { value, enumerable: true });
  }
  // @slack/web-api's generic call, by the method's name: its call sites reach the methods it has
  // none for (apps.auth.external.*) this way. A name not in the catalog is `unknown_method`.
  if (provider === "slack") {
    /** @param {unknown} method @param {unknown} params @param {unknown} options */
    const apiCall = (method, params, options) =>
      call(methods.findIndex((m) => m.provider === provider && m.path === method), state, params, options);
    Object.defineProperty(target, "apiCall", { value: apiCall, enumerable: true });
  }
}

/**
 * One call: its promise is `send`'s own (not async itself, so no promise wraps another), and
 * what throws before anything is sent rejects it all the same.
 * @param {number} index @param {ClientState} state @param {unknown} params @param {unknown} options
 * @returns {Promise<unknown>}
 */
function call(index, state, params, options) {
  try {
    const copiedOptions = copyArgument(options, maxText);
    // The exports take their JSON texts joined by NUL, which JSON text never holds raw: one
    // crossing for them all (a body, which may hold NULs, crosses on its own).
    const texts = `${state.client}\0${copyArgument(params, maxText).json}\0${copiedOptions.json}`;
    const { request } = /** @type {Required<Prepared>} */ (unwrap(core.prepare(index, texts)));
    /** @type {Parameters<typeof send>[3]} */
    const judge = (outcome, attempt, now, elapsed) => {
      const verdict = conclude(index, state.policy, request.spends, outcome, attempt, now, elapsed);
      // A line for the official SDKs' logger (never a token, secret or code), whose failure must
      // not fail a call that may have spent a code.
      const result = verdict.error?.code ?? (verdict.ok ? "ok" : "retry");
      try {
        state.logger?.debug(`edge-oauth ${methods[index].path} #${attempt + 1}: ${outcome.status ?? outcome.failure} ${result}`);
      } catch {}
      return verdict;
    };
    return send(request, state.policy, [state.signal, copiedOptions.signal], judge, edgeOAuthError);
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The wasm's verdict on one attempt of method `index`: the client's limits and the attempt's
 * numbers as numbers (no JSON to write and parse every attempt), the response's headers and the
 * failure joined by NUL, in the order `conclude` reads them, and the body on its own.
 * @param {number} index @param {Policy} policy @param {number} spends
 * @param {import("./transport.mjs").Outcome} outcome @param {number} attempt @param {number} now
 * @param {number} elapsed
 */
function conclude(index, policy, spends, outcome, attempt, now, elapsed) {
  const { timeout, deadline, maxBody, retries, rejectRateLimited } = policy;
  const jitter = Math.floor(Math.random() * 1000); // spreads the retries of many clients
  const { status = 0, contentType = "", retryAfter = "", failure = "", detail = "" } = outcome;
  const texts = `${contentType}\0${retryAfter}\0${failure}\0${detail}`;
  return verdict(core.conclude(index, timeout, deadline, maxBody, retries, rejectRateLimited, spends, attempt, now,
    elapsed, jitter, status, texts, outcome.body ?? ""));
}

// The wasm's verdict on most attempts (its text `DONE` from the catalog), read without
// JSON.parse; anything else is parsed.
/** @type {Verdict} */
const DONE_VERDICT = Object.freeze({ ok: true });

/** @param {string} text @returns {Verdict} */
function verdict(text) {
  return text === DONE ? DONE_VERDICT : JSON.parse(text);
}

/**
 * A constructor's options, ours or the official SDK's (mapped by official.mjs), copied.
 * @param {"slack" | "stytch"} provider @param {unknown} options
 */
function copyOptions(provider, options) {
  const { options: ours, logger } = fromOfficial(provider, options, official);
  return { ...copyArgument(ours, maxText), logger };
}

/** A Slack Web API client for the OAuth methods, as in `@slack/web-api` (also `WebClient`). */
export class SlackClient {
  static name = "SlackClient"; // the bundle is minified; keep the name users see

  /** @param {unknown} [token] @param {unknown} [options] ours, or `@slack/web-api`'s (official.mjs) */
  constructor(token, options) {
    const copied = copyOptions("slack", options);
    const client = `{"token":${JSON.stringify(copyValue(token, maxText))},"options":${copied.json},"browser":${inBrowserWindow()}}`;
    setUp(this, "slack", client, copied);
  }
}

/** A Stytch B2B API client for the member OAuth-provider token lookups, as in `stytch` (also `B2BClient`). */
export class StytchB2BClient {
  static name = "StytchB2BClient";

  /** @param {unknown} options ours, or `stytch`'s (official.mjs) */
  constructor(options) {
    const copied = copyOptions("stytch", options);
    const client = `{"options":${copied.json},"browser":${inBrowserWindow()}}`;
    setUp(this, "stytch", client, copied);
  }
}

// The official SDKs' names: the same classes.
export { SlackClient as WebClient, StytchB2BClient as B2BClient };

/** `n` bytes from the runtime's CSPRNG, as base64url. */
/** @param {number} n */
function random(n) {
  return base64url(globalThis.crypto.getRandomValues(new Uint8Array(n)));
}

/** A new PKCE verifier and its S256 challenge (RFC 7636), from WebCrypto. */
export async function pkcePair() {
  const code_verifier = random(32);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(code_verifier));
  return { code_verifier, code_challenge: base64url(new Uint8Array(digest)), code_challenge_method: "S256" };
}

/** `slackAuthorizeUrl`, or `slackSignInUrl` if `signIn`. */
/** @param {unknown} params @param {boolean} signIn @returns {string} */
function authorizeUrl(params, signIn) {
  const answer = /** @type {Required<import("./seam.js").AuthorizeUrlAnswer>} */ (
    unwrap(core.authorizeUrl(copyArgument(params, maxText).json, signIn))
  );
  return answer.url;
}

/** Slack's authorize URL for these params, URL-encoded. Throws an `EdgeOAuthError` on bad input. */
/** @param {unknown} params @returns {string} */
export const slackAuthorizeUrl = (params) => authorizeUrl(params, false);

/** Sign in with Slack's authorize URL (OpenID Connect), checked and encoded as `slackAuthorizeUrl`. */
/** @param {unknown} params @returns {string} */
export const slackSignInUrl = (params) => authorizeUrl(params, true);

/** base64url(HMAC-SHA256(`secret`, `text`)), from WebCrypto. */
/** @param {string} secret @param {string} text */
async function hmac(secret, text) {
  const key = await hmacKey(secret, ["sign"]);
  return base64url(new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text))));
}

/** A signed, expiring `state` carrying `data` (HMAC-SHA256 with `secret`, at least 32 bytes). */
/** @param {unknown} secret @param {unknown} [options] @returns {Promise<string>} */
export async function signState(secret, options) {
  const copied = copyArgument(options, maxText, { data: copyData });
  const secretCopy = copyValue(secret, maxText);
  const answer = unwrap(core.signState(JSON.stringify(secretCopy), copied.json, random(16), Date.now() / 1000));
  const { payload } = /** @type {Required<import("./seam.js").SignStateAnswer>} */ (answer);
  // The wasm checked the secret: a string of at least 32 bytes.
  return `${payload}.${await hmac(/** @type {string} */ (secretCopy), payload)}`;
}

/** Checks a state from `signState` (signature, then expiry) and returns what it carries. */
/** @param {unknown} secret @param {unknown} state @returns {Promise<unknown>} */
export async function verifyState(secret, state) {
  const [secretCopy, stateCopy] = [secret, state].map((value) => copyValue(value, maxText));
  // The signature the state should carry: the HMAC of its part before the first `.`. With no
  // usable secret or state there is none, and the wasm says why.
  const signed = typeof stateCopy === "string" && stateCopy.includes(".") ? stateCopy.split(".", 1)[0] : "";
  const expected = typeof secretCopy === "string" && secretCopy && signed ? await hmac(secretCopy, signed) : "";
  const texts = [secretCopy, stateCopy].map((copy) => JSON.stringify(copy));
  const answer = unwrap(core.verifyState(texts[0], texts[1], expected, Date.now() / 1000));
  return /** @type {Required<import("./seam.js").VerifyStateAnswer>} */ (answer).verified;
}
