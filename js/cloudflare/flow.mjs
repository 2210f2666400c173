// The "Add to Slack" flow, bound to the browser that started it (RFC 9700 §4.7): the install
// handler makes a random secret (a PKCE verifier, sent to Slack as a challenge when PKCE is on),
// signs a single-use state carrying the secret's hash, and sets a `__Host-` cookie holding the
// secret, named after the state's nonce so two tabs never share one; the callback accepts the
// state only with a cookie whose hash it carries, spends it once, clears the cookie, then
// exchanges the code. Reading the state (a leaked callback URL) does not tell the cookie's value.
import { SlackClient, isEdgeOAuthError, pkcePair, signState, slackAuthorizeUrl, verifyState } from "../workerd.mjs";
import { base64url } from "../base64url.mjs";
import { SlackInstallationStore } from "./store.mjs";
import { page } from "./pages.mjs";
import { flowError, isFlowError } from "./refusal.mjs";

/**
 * @typedef {import("./cloudflare.js").SlackInstallationsEnv} SlackInstallationsEnv
 * @typedef {import("./cloudflare.js").SlackInstallOptions} SlackInstallOptions
 * @typedef {import("./cloudflare.js").SlackFlowError} SlackFlowError
 * @typedef {import("../index.js").EdgeOAuthError} EdgeOAuthError
 * @typedef {Parameters<typeof import("./cloudflare.js").slackCallback>[2]} SlackCallbackOptions
 * What `render` is given.
 * @typedef {{ installation: import("./cloudflare.js").SlackInstallation, error?: undefined } | { error: EdgeOAuthError | SlackFlowError, installation?: undefined }} Outcome
 * What the signed state carries: the hash of the cookie's secret, and whether it is a PKCE verifier.
 * @typedef {{ hash: string, pkce: boolean }} StateData
 */

const COOKIE = "slack_oauth_";
const DEFAULT_TTL_SECONDS = 600;

/**
 * GET /slack/install: a 302 to Slack's authorize page.
 * @param {Request} request
 * @param {SlackInstallationsEnv} env
 * @param {SlackInstallOptions} options
 * @returns {Promise<Response>}
 */
export async function slackInstall(request, env, options) {
  try {
    const ttl = options.stateTtlSeconds ?? DEFAULT_TTL_SECONDS;
    const { code_verifier, code_challenge } = await pkcePair();
    const pkce = options.pkce !== false;
    const state = await signState(options.stateSecret, { ttl_seconds: ttl, data: /** @satisfies {StateData} */ ({ hash: code_challenge, pkce }) });
    const { nonce } = await verifyState(options.stateSecret, state);
    const callback = redirectUri(request, options);
    if (new URL(callback).origin !== new URL(request.url).origin) {
      throw flowError("foreign_redirect_uri", 500, "Its redirectUri is on another origin than the install route, where the browser's cookie cannot follow.");
    }
    // Neither `scope` nor `userScope` is a validation error (SlackAuthorizeUrlParams needs one).
    const location = slackAuthorizeUrl(/** @type {import("../index.js").SlackAuthorizeUrlParams} */ (/** @satisfies {import("../index.js").SlackAuthorizeUrlFields} */ ({
      client_id: env.SLACK_CLIENT_ID,
      scope: options.scope,
      user_scope: options.userScope,
      redirect_uri: callback,
      state,
      code_challenge: pkce ? code_challenge : undefined,
      authorize_url: options.authorizeUrl ?? (env.SLACK_AUTHORIZE_URL || undefined),
    })));
    const headers = { location, "cache-control": "no-store", "set-cookie": cookie(request, nonce, code_verifier, ttl) };
    return new Response(null, { status: 302, headers });
  } catch (thrown) {
    const error = /** @type {{ code?: unknown, name?: unknown, message: string }} */ (thrown ?? {});
    const told = error.code === "weak_secret" || error.name === "SlackFlowError";
    return page(error.code === "weak_secret" ? 503 : 500, "The app cannot start an installation", told ? error.message : "Its settings are invalid.");
  }
}

/**
 * GET /slack/oauth_redirect: the checks, the exchange, the stored installation.
 * @param {Request} request
 * @param {SlackInstallationsEnv} env
 * @param {SlackCallbackOptions} options
 * @returns {Promise<Response>}
 */
export async function slackCallback(request, env, options) {
  const url = new URL(request.url);
  /** @type {string | undefined} */
  let nonce;
  /** @type {Outcome} */
  let outcome;
  try {
    const verified = await verifyState(options.stateSecret, url.searchParams.get("state") ?? "").catch((error) => {
      throw flowError(error.code === "expired_state" ? "expired_state" : "invalid_state", 400,
        error.code === "expired_state" ? "The installation link has expired: start again." : "This is not a state this app signed: start again.");
    });
    nonce = verified.nonce;
    // What slackInstall signed.
    const data = /** @type {StateData | undefined} */ (verified.data);
    const secret = request.headers.get("cookie")?.match(new RegExp(`(?:^|;)\\s*${cookieName(request, nonce)}=([^;]*)`))?.[1];
    // Anyone can spend states: they are spread over 4096 objects by their (random) nonce.
    const ledger = /** @type {import("./tokens.mjs").TokensEnv} */ (/** @type {unknown} */ (env)).SLACK_TOKENS
      .get(env.SLACK_TOKENS.idFromName(`states:${nonce.slice(0, 2)}`));
    const used = flowError("state_used", 409, "This installation link was already used.");
    // The hash is the state's, public: comparing it needs no constant time.
    if (base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)))) !== data?.hash) {
      // No cookie at all is also the browser that installed, reloading (the cookie was cleared):
      // the ledger, only read, tells it apart from another browser, which can spend nothing.
      if (secret === undefined && (await ledger.spent(nonce))) throw used;
      throw flowError("foreign_state", 400, "This installation was started in another browser (or its cookie was lost): start again here.");
    }
    // Settings that cannot store (TOKEN_KEYS, the refresh margin) are found before anything is spent.
    const store = new SlackInstallationStore(env, options);
    await store.ready().catch((error) => {
      throw unexpected(error, STORE_FAILED);
    });
    if (!(await ledger.consume(nonce, verified.expires_at))) throw used;
    // Slack's error codes are snake_case words: anything else is shown as a generic code.
    const denied = url.searchParams.get("error");
    if (denied) throw flowError("access_denied", 403, `Slack did not install the app: ${/^[a-z_]{1,64}$/.test(denied) ? denied : "unknown_error"}.`);
    const code = url.searchParams.get("code");
    if (!code) throw flowError("missing_code", 400, "Slack's answer had neither a code nor an error.");
    const slack = new SlackClient(undefined, { slackApiUrl: env.SLACK_API_URL || undefined });
    const answer = await slack.oauth.v2.access({
      client_id: env.SLACK_CLIENT_ID,
      client_secret: env.SLACK_CLIENT_SECRET,
      code,
      redirect_uri: redirectUri(request, options),
      ...(data?.pkce ? { code_verifier: secret } : {}),
    });
    outcome = { installation: await store.save(answer).catch((error) => { throw unexpected(error, STORE_FAILED); }) };
  } catch (error) {
    outcome = { error: unexpected(error, FLOW_FAILED) };
  }
  const response = options.render?.(outcome) ?? defaultPage(outcome);
  const headers = new Headers(response.headers);
  if (nonce) headers.append("set-cookie", cookie(request, nonce, "", 0));
  return new Response(response.body, { status: response.status, headers });
}

/**
 * @param {Outcome} outcome
 * @returns {Response}
 */
function defaultPage({ installation, error }) {
  if (installation) {
    const where = installation.team?.name ?? installation.enterprise?.name ?? installation.id;
    return page(200, `Installed into ${where}`, "The app is installed. Its tokens are stored encrypted.");
  }
  const status = error.name === "SlackFlowError" ? error.status : ["platform", "validation"].includes(error.kind) ? 400 : 502;
  return page(status, "The installation failed", error.name === "SlackFlowError" ? error.message : `${error.method}: ${error.code}`);
}

/** @typedef {readonly [SlackFlowError["code"], string]} Failure */
/** @type {Failure} */
const STORE_FAILED = ["store_failed", "The app could not store the installation: its settings need a look."];
/** @type {Failure} */
const FLOW_FAILED = ["internal_error", "The app could not complete the installation: its settings need a look."];
/** Failures of the Worker's setup already turned into a page. */
const TOLD = new Set([STORE_FAILED[0], FLOW_FAILED[0]]);

/** An EdgeOAuth error, a refusal of the request (a SlackFlowError under 500) or a failure already
 * told, as it is; anything else is a failure of the Worker's own setup (`TOKEN_KEYS`, a binding):
 * a page that says so without the details, which go to the Worker's log and stay in `cause`.
 * @param {unknown} cause
 * @param {Failure} failure
 * @returns {EdgeOAuthError | SlackFlowError}
 */
function unexpected(cause, [code, message]) {
  if (isEdgeOAuthError(cause) || (isFlowError(cause) && (cause.status < 500 || TOLD.has(cause.code)))) return cause;
  console.error(`slackCallback: ${code}:`, cause);
  const error = flowError(code, 500, message);
  error.cause = cause;
  return error;
}

/**
 * @param {Request} request
 * @param {SlackInstallOptions} options
 * @returns {string}
 */
function redirectUri(request, options) {
  return options.redirectUri ?? `${new URL(request.url).origin}/slack/oauth_redirect`;
}

/** Plain http on this machine, where a browser keeps no `Secure` cookie: the only place the
 * cookie goes without its `__Host-` prefix, which a sibling subdomain or plain http cannot set. */
/** @type {(request: Request) => boolean} */
const loopbackHttp = (request) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(request.url);

/** @type {(request: Request, nonce: string) => string} */
const cookieName = (request, nonce) => `${loopbackHttp(request) ? "" : "__Host-"}${COOKIE}${nonce.slice(0, 16)}`;

/** HttpOnly, SameSite=Lax (sent on Slack's redirect back), and as `__Host-` requires: Secure,
 * Path=/, no Domain (the callback's origin is the install route's).
 * @param {Request} request
 * @param {string} nonce
 * @param {string} value
 * @param {number} maxAge seconds
 * @returns {string}
 */
function cookie(request, nonce, value, maxAge) {
  return `${cookieName(request, nonce)}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${loopbackHttp(request) ? "" : "; Secure"}`;
}
