// The "Add to Slack" flow, bound to the browser that started it (RFC 9700 §4.7): the install
// handler signs a single-use state and sets a cookie carrying its nonce (and the PKCE verifier,
// when used), named after the nonce so two tabs never share one; the callback accepts the state
// only with that cookie, spends it once, clears the cookie, then exchanges the code.
import { SlackClient, isEdgeOAuthError, pkcePair, signState, slackAuthorizeUrl, verifyState } from "../workerd.mjs";
import { SlackInstallationStore } from "./store.mjs";
import { page } from "./pages.mjs";

const COOKIE = "slack_oauth_";
const DEFAULT_TTL_SECONDS = 600;

/** A refusal of the flow, with the status to answer. */
export function flowError(code, status, message) {
  const error = new Error(message);
  error.name = "SlackFlowError";
  error.code = code;
  error.status = status;
  return error;
}

/** GET /slack/install: a 302 to Slack's authorize page. */
export async function slackInstall(request, env, options) {
  try {
    const ttl = options.stateTtlSeconds ?? DEFAULT_TTL_SECONDS;
    const state = await signState(options.stateSecret, { ttl_seconds: ttl });
    const { nonce } = await verifyState(options.stateSecret, state);
    const pkce = options.pkce ? await pkcePair() : undefined;
    const callback = redirectUri(request, options);
    if (new URL(callback).origin !== new URL(request.url).origin) {
      throw flowError("foreign_redirect_uri", 500, "Its redirectUri is on another origin than the install route, where the browser's cookie cannot follow.");
    }
    const location = slackAuthorizeUrl({
      client_id: env.SLACK_CLIENT_ID,
      scope: options.scope,
      user_scope: options.userScope,
      redirect_uri: callback,
      state,
      code_challenge: pkce?.code_challenge,
      authorize_url: options.authorizeUrl ?? (env.SLACK_AUTHORIZE_URL || undefined),
    });
    const value = pkce ? `${nonce}.${pkce.code_verifier}` : nonce;
    const headers = { location, "cache-control": "no-store", "set-cookie": cookie(request, options, nonce, value, ttl) };
    return new Response(null, { status: 302, headers });
  } catch (error) {
    const told = error?.code === "weak_secret" || error?.name === "SlackFlowError";
    return page(error?.code === "weak_secret" ? 503 : 500, "The app cannot start an installation", told ? error.message : "Its settings are invalid.");
  }
}

/** GET /slack/oauth_redirect: the checks, the exchange, the stored installation. */
export async function slackCallback(request, env, options) {
  const url = new URL(request.url);
  let nonce;
  let outcome;
  try {
    const verified = await verifyState(options.stateSecret, url.searchParams.get("state") ?? "").catch((error) => {
      throw flowError(error.code === "expired_state" ? "expired_state" : "invalid_state", 400,
        error.code === "expired_state" ? "The installation link has expired: start again." : "This is not a state this app signed: start again.");
    });
    nonce = verified.nonce;
    const [bound, verifier] = (cookies(request).get(cookieName(nonce)) ?? "").split(".");
    if (!(await sameText(bound ?? "", nonce))) {
      throw flowError("foreign_state", 400, "This installation was started in another browser (or its cookie was lost): start again here.");
    }
    const ledger = env.SLACK_TOKENS.get(env.SLACK_TOKENS.idFromName("states"));
    if (!(await ledger.consume(nonce, verified.expires_at))) throw flowError("state_used", 409, "This installation link was already used.");
    if (url.searchParams.get("error")) throw flowError("access_denied", 403, `Slack did not install the app: ${url.searchParams.get("error")}.`);
    const code = url.searchParams.get("code");
    if (!code) throw flowError("missing_code", 400, "Slack's answer had neither a code nor an error.");
    const slack = new SlackClient(undefined, { slackApiUrl: env.SLACK_API_URL || undefined });
    const answer = await slack.oauth.v2.access({
      client_id: env.SLACK_CLIENT_ID,
      client_secret: env.SLACK_CLIENT_SECRET,
      code,
      redirect_uri: redirectUri(request, options),
      ...(verifier ? { code_verifier: verifier } : {}),
    });
    const store = new SlackInstallationStore(env, options);
    outcome = { installation: await store.save(answer).catch((error) => { throw unexpected(error, STORE_FAILED); }) };
  } catch (error) {
    outcome = { error: unexpected(error, FLOW_FAILED) };
  }
  const response = options.render?.(outcome) ?? defaultPage(outcome);
  const headers = new Headers(response.headers);
  if (nonce) headers.append("set-cookie", cookie(request, options, nonce, "", 0));
  return new Response(response.body, { status: response.status, headers });
}

function defaultPage({ installation, error }) {
  if (installation) {
    const where = installation.team?.name ?? installation.enterprise?.name ?? installation.id;
    return page(200, `Installed into ${where}`, "The app is installed. Its tokens are stored encrypted.");
  }
  const status = error.status && error.name === "SlackFlowError" ? error.status : ["platform", "validation"].includes(error.kind) ? 400 : 502;
  return page(status, "The installation failed", error.name === "SlackFlowError" ? error.message : `${error.method}: ${error.code}`);
}

const STORE_FAILED = ["store_failed", "The app could not store the installation: its settings need a look."];
const FLOW_FAILED = ["internal_error", "The app could not complete the installation: its settings need a look."];

/** A flow or EdgeOAuth error as it is; anything else is a failure of the Worker's own setup
 * (`TOKEN_KEYS`, a binding): a page that says so without the details, which go to the Worker's
 * log and stay in `cause`. */
function unexpected(cause, [code, message]) {
  if (cause?.name === "SlackFlowError" || isEdgeOAuthError(cause)) return cause;
  console.error(`slackCallback: ${code}:`, cause);
  const error = flowError(code, 500, message);
  error.cause = cause;
  return error;
}

function redirectUri(request, options) {
  return options.redirectUri ?? `${new URL(request.url).origin}/slack/oauth_redirect`;
}

const cookieName = (nonce) => `${COOKIE}${nonce.slice(0, 16)}`;

/** HttpOnly, SameSite=Lax (sent on Slack's redirect back), Secure except on localhost, and for
 * the callback's path alone, wherever the install route is mounted. */
function cookie(request, options, nonce, value, maxAge) {
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(new URL(request.url).hostname);
  const path = new URL(redirectUri(request, options)).pathname;
  return `${cookieName(nonce)}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${local ? "" : "; Secure"}`;
}

function cookies(request) {
  const pairs = (request.headers.get("cookie") ?? "").split(/;\s*/).map((part) => part.split("="));
  return new Map(pairs.filter(([name]) => name).map(([name, ...value]) => [name, value.join("=")]));
}

/** Equality in constant time, as SHA-256 digests of equal length. */
export async function sameText(a, b) {
  const digest = (text) => crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const [x, y] = (await Promise.all([digest(a), digest(b)])).map((buffer) => new Uint8Array(buffer));
  return x.reduce((difference, byte, i) => difference | (byte ^ y[i]), 0) === 0;
}
