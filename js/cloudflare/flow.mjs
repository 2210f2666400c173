// The flows through Slack's authorize pages, "Add to Slack" and "Sign in with Slack", bound to the
// browser that started them (RFC 9700 §4.7): the start handler makes a random secret (a PKCE
// verifier, sent to Slack as a challenge when PKCE is on), signs a single-use state carrying the
// secret's hash, and sets a `__Host-` cookie holding the secret, named after the state's nonce so
// two tabs never share one; the callback accepts the state only with a cookie whose hash it
// carries, spends it once, clears the cookie, then exchanges the code. Reading the state (a leaked
// callback URL) does not tell the cookie's value. A sign-in also sends the state's nonce as the
// OpenID `nonce`, which the id_token must carry back.
import { SlackClient, isEdgeOAuthError, pkcePair, signState, slackAuthorizeUrl, slackSignInUrl, verifySlackIdToken, verifyState } from "../workerd.mjs";
import { base64url } from "../base64url.mjs";
import { SlackInstallationStore } from "./store.mjs";
import { page } from "./pages.mjs";
import { flowError, isFlowError } from "./refusal.mjs";

/**
 * @typedef {import("./cloudflare.js").SlackInstallationsEnv} SlackInstallationsEnv
 * @typedef {import("./cloudflare.js").SlackSignInEnv} SlackSignInEnv
 * @typedef {import("./cloudflare.js").SlackInstallOptions} SlackInstallOptions
 * @typedef {import("./cloudflare.js").SlackSignInOptions} SlackSignInOptions
 * @typedef {import("./cloudflare.js").SlackFlowError} SlackFlowError
 * @typedef {import("./cloudflare.js").SlackSignIn} SlackSignIn
 * @typedef {import("../index.js").EdgeOAuthError} EdgeOAuthError
 * @typedef {Parameters<typeof import("./cloudflare.js").slackCallback>[2]} SlackCallbackOptions
 * @typedef {Parameters<typeof import("./cloudflare.js").slackSignInCallback>[2]} SlackSignInCallbackOptions
 * What the signed state carries: the hash of the cookie's secret, and whether it is a PKCE verifier.
 * @typedef {{ hash: string, pkce: boolean }} StateData
 * What a flow's authorize page is given, beyond its own options.
 * @typedef {{ redirect_uri: string, state: string, code_challenge?: string }} Asked
 * The exchange's params, the same for `oauth.v2.access` and `openid.connect.token`.
 * @typedef {{ client_id: string, client_secret: string, code: string, redirect_uri: string, code_verifier?: string }} Exchange
 * What `render` is given: the flow's result, or an error.
 * @typedef {{ error: EdgeOAuthError | SlackFlowError, installation?: undefined, identity?: undefined }} Failed
 * @typedef {{ installation: import("./cloudflare.js").SlackInstallation, error?: undefined } | Failed} Installed
 * @typedef {(SlackSignIn & { error?: undefined }) | Failed} SignedIn
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
export function slackInstall(request, env, options) {
  // The type needs `scope`, `userScope` or both; a JS caller without either gets the validation error.
  return start(request, options, INSTALL, (asked) => slackAuthorizeUrl(/** @type {import("../index.js").SlackAuthorizeUrlParams} */ ({
    client_id: env.SLACK_CLIENT_ID,
    scope: options.scope,
    user_scope: options.userScope,
    ...asked,
    authorize_url: options.authorizeUrl ?? (env.SLACK_AUTHORIZE_URL || undefined),
  })));
}

/**
 * GET /slack/signin: a 302 to Slack's OpenID authorize page.
 * @param {Request} request
 * @param {SlackSignInEnv} env
 * @param {SlackSignInOptions} options
 * @returns {Promise<Response>}
 */
export function slackSignIn(request, env, options) {
  return start(request, options, SIGN_IN, (asked, nonce) => slackSignInUrl({
    client_id: env.SLACK_CLIENT_ID,
    scope: options.scope,
    ...asked,
    nonce,
    authorize_url: options.authorizeUrl,
  }));
}

/**
 * GET /slack/oauth_redirect: the checks, the exchange, the stored installation.
 * @param {Request} request
 * @param {SlackInstallationsEnv} env
 * @param {SlackCallbackOptions} options
 * @returns {Promise<Response>}
 */
export function slackCallback(request, env, options) {
  return finish(request, env, options, INSTALL, async () => {
    // Settings that cannot store (TOKEN_KEYS, the refresh margin) are found before anything is spent.
    const store = new SlackInstallationStore(env, options);
    await store.ready().catch(storeFailed);
    return async (slack, exchange) => ({ installation: await store.save(await slack.oauth.v2.access(exchange)).catch(storeFailed) });
  });
}

/**
 * GET /slack/signin/callback: the checks, the exchange, the id_token verified.
 * @param {Request} request
 * @param {SlackSignInEnv} env
 * @param {SlackSignInCallbackOptions} options
 * @returns {Promise<Response>}
 */
export function slackSignInCallback(request, env, options) {
  return finish(request, env, options, SIGN_IN, async () => async (slack, exchange, nonce) => {
    const tokens = await slack.openid.connect.token(exchange);
    const identity = await verifySlackIdToken(tokens.id_token, { client_id: exchange.client_id, nonce, jwks_url: env.SLACK_OPENID_KEYS_URL || undefined });
    return { identity, tokens };
  });
}

/**
 * What differs between the flows: the callback's default path, the words of their pages, and the
 * page of a result when the app gives no `render`.
 * @template T
 * @typedef {{ path: string, verb: string, done: (result: T) => Response }} Flow
 */

/** @type {Flow<Installed>} */
const INSTALL = {
  path: "/slack/oauth_redirect",
  verb: "install the app",
  done: ({ installation }) => {
    const where = installation?.team?.name ?? installation?.enterprise?.name ?? installation?.id;
    return page(200, `Installed into ${where}`, "The app is installed. Its tokens are stored encrypted.");
  },
};

/** @type {Flow<SignedIn>} */
const SIGN_IN = {
  path: "/slack/signin/callback",
  verb: "sign you in",
  done: ({ identity }) => page(200, `Signed in as ${identity?.name ?? identity?.sub}`, ""),
};

/**
 * The start of a flow: a 302 to the page `authorize` makes of what the flow asks.
 * @param {Request} request
 * @param {SlackInstallOptions | SlackSignInOptions} options
 * @param {Flow<any>} flow
 * @param {(asked: Asked, nonce: string) => string} authorize
 * @returns {Promise<Response>}
 */
async function start(request, options, flow, authorize) {
  try {
    const ttl = options.stateTtlSeconds ?? DEFAULT_TTL_SECONDS;
    const { code_verifier, code_challenge } = await pkcePair();
    const pkce = options.pkce !== false;
    const state = await signState(options.stateSecret, { ttl_seconds: ttl, data: /** @satisfies {StateData} */ ({ hash: code_challenge, pkce }) });
    const { nonce } = await verifyState(options.stateSecret, state);
    const redirect_uri = redirectUri(request, options, flow);
    if (new URL(redirect_uri).origin !== new URL(request.url).origin) {
      throw flowError("foreign_redirect_uri", 500, "Its redirectUri is on another origin.");
    }
    const location = authorize({ redirect_uri, state, code_challenge: pkce ? code_challenge : undefined }, nonce);
    const headers = { location, "cache-control": "no-store", "set-cookie": cookie(request, nonce, code_verifier, ttl) };
    return new Response(null, { status: 302, headers });
  } catch (thrown) {
    const error = /** @type {{ code?: unknown, name?: unknown, message: string }} */ (thrown ?? {});
    const told = error.code === "weak_secret" || error.name === "SlackFlowError";
    return page(error.code === "weak_secret" ? 503 : 500, `The app cannot ${flow.verb}`, told ? error.message : "Its settings are invalid.");
  }
}

/**
 * The callback of a flow: the state checked against this browser's cookie, `prepare` (which may
 * refuse before anything is spent), the state spent, then the code exchanged by what `prepare`
 * returned; the result (or the error) goes to `render`, and the cookie is cleared.
 * @template {Installed | SignedIn} T
 * @param {Request} request
 * @param {SlackSignInEnv} env
 * @param {(SlackCallbackOptions | SlackSignInCallbackOptions) & { render?: (outcome: T) => Response }} options
 * @param {Flow<T>} flow
 * @param {() => Promise<(slack: SlackClient, exchange: Exchange, nonce: string) => Promise<T>>} prepare
 * @returns {Promise<Response>}
 */
async function finish(request, env, options, flow, prepare) {
  const url = new URL(request.url);
  /** @type {string | undefined} */
  let nonce;
  /** @type {T} */
  let outcome;
  try {
    const verified = await verifyState(options.stateSecret, url.searchParams.get("state") ?? "").catch((error) => {
      throw flowError(error.code === "expired_state" ? "expired_state" : "invalid_state", 400,
        error.code === "expired_state" ? "The link has expired: start again." : "This is not a state this app signed: start again.");
    });
    nonce = verified.nonce;
    // What the start signed.
    const data = /** @type {StateData | undefined} */ (verified.data);
    const secret = request.headers.get("cookie")?.match(new RegExp(`(?:^|;)\\s*${cookieName(request, nonce)}=([^;]*)`))?.[1];
    // Anyone can spend states: they are spread over 4096 objects by their (random) nonce.
    const states = /** @type {import("./tokens.mjs").TokensEnv} */ (/** @type {unknown} */ (env)).SLACK_TOKENS;
    const ledger = states.get(states.idFromName(`states:${nonce.slice(0, 2)}`));
    const used = flowError("state_used", 409, "This link was already used.");
    // The hash is the state's, public: comparing it needs no constant time.
    if (base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)))) !== data?.hash) {
      // No cookie at all is also the browser that started, reloading (the cookie was cleared):
      // the ledger, only read, tells it apart from another browser, which can spend nothing.
      if (secret === undefined && (await ledger.spent(verified.nonce))) throw used;
      throw flowError("foreign_state", 400, "This was started in another browser (or its cookie was lost): start again here.");
    }
    const complete = await prepare();
    if (!(await ledger.consume(verified.nonce, verified.expires_at))) throw used;
    // Slack's error codes are snake_case words: anything else is shown as a generic code.
    const denied = url.searchParams.get("error");
    if (denied) throw flowError("access_denied", 403, `Slack did not ${flow.verb}: ${/^[a-z_]{1,64}$/.test(denied) ? denied : "unknown_error"}.`);
    const code = url.searchParams.get("code");
    if (!code) throw flowError("missing_code", 400, "Slack's answer had neither a code nor an error.");
    const slack = new SlackClient(undefined, { slackApiUrl: env.SLACK_API_URL || undefined });
    outcome = await complete(slack, {
      client_id: env.SLACK_CLIENT_ID,
      client_secret: env.SLACK_CLIENT_SECRET,
      code,
      redirect_uri: redirectUri(request, options, flow),
      ...(data?.pkce ? { code_verifier: secret } : {}),
    }, verified.nonce);
  } catch (error) {
    outcome = /** @type {T} */ ({ error: unexpected(error, FLOW_FAILED) });
  }
  const response = options.render?.(outcome) ?? (outcome.error ? failurePage(outcome.error, flow) : flow.done(outcome));
  const headers = new Headers(response.headers);
  if (nonce) headers.append("set-cookie", cookie(request, nonce, "", 0));
  return new Response(response.body, { status: response.status, headers });
}

/**
 * @param {EdgeOAuthError | SlackFlowError} error
 * @param {Flow<any>} flow
 * @returns {Response}
 */
function failurePage(error, flow) {
  const status = error.name === "SlackFlowError" ? error.status : ["platform", "validation"].includes(error.kind) ? 400 : 502;
  return page(status, `Could not ${flow.verb}`, error.name === "SlackFlowError" ? error.message : `${error.method}: ${error.code}`);
}

/** @typedef {readonly [SlackFlowError["code"], string]} Failure */
/** @type {Failure} */
const STORE_FAILED = ["store_failed", "The app could not store the installation: see its settings."];
/** @type {Failure} */
const FLOW_FAILED = ["internal_error", "See the app's settings."];
/** Failures of the Worker's setup already turned into a page. */
const TOLD = new Set([STORE_FAILED[0], FLOW_FAILED[0]]);

/** @type {(error: unknown) => never} */
const storeFailed = (error) => {
  throw unexpected(error, STORE_FAILED);
};

/** An EdgeOAuth error, a refusal of the request (a SlackFlowError under 500) or a failure already
 * told, as it is; anything else is a failure of the Worker's own setup (`TOKEN_KEYS`, a binding):
 * a page that says so without the details, which go to the Worker's log and stay in `cause`.
 * @param {unknown} cause
 * @param {Failure} failure
 * @returns {EdgeOAuthError | SlackFlowError}
 */
function unexpected(cause, [code, message]) {
  if (isEdgeOAuthError(cause) || (isFlowError(cause) && (cause.status < 500 || TOLD.has(cause.code)))) return cause;
  console.error(`edge-oauth: ${code}:`, cause);
  const error = flowError(code, 500, message);
  error.cause = cause;
  return error;
}

/**
 * @param {Request} request
 * @param {{ redirectUri?: string }} options
 * @param {Flow<any>} flow
 * @returns {string}
 */
function redirectUri(request, options, flow) {
  return options.redirectUri ?? `${new URL(request.url).origin}${flow.path}`;
}

/** Plain http on this machine, where a browser keeps no `Secure` cookie: the only place the
 * cookie goes without its `__Host-` prefix, which a sibling subdomain or plain http cannot set. */
/** @type {(request: Request) => boolean} */
const loopbackHttp = (request) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(request.url);

/** @type {(request: Request, nonce: string) => string} */
const cookieName = (request, nonce) => `${loopbackHttp(request) ? "" : "__Host-"}${COOKIE}${nonce.slice(0, 16)}`;

/** HttpOnly, SameSite=Lax (sent on Slack's redirect back), and as `__Host-` requires: Secure,
 * Path=/, no Domain (the callback's origin is the start route's).
 * @param {Request} request
 * @param {string} nonce
 * @param {string} value
 * @param {number} maxAge seconds
 * @returns {string}
 */
function cookie(request, nonce, value, maxAge) {
  return `${cookieName(request, nonce)}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${loopbackHttp(request) ? "" : "; Secure"}`;
}
