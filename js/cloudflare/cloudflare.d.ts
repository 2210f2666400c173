// Types of `edge-oauth/cloudflare`: Slack installations on Cloudflare Workers (KV, a Durable
// Object for token rotation, the install flow, request verification and events), and Sign in
// with Slack.
import type { DurableObject } from "cloudflare:workers";
import type {
  EdgeOAuthError,
  OAuthV2AccessResponse,
  OpenIDConnectTokenResponse,
  SlackClientOptions,
  SlackIdTokenClaims,
} from "../index.js";

/** The bindings and secrets the installation machinery reads from a Worker's `env`. */
export interface SlackInstallationsEnv {
  /** Workers KV namespace holding the installations. */
  SLACK_INSTALLATIONS: KVNamespace;
  /** The namespace of the `SlackTokens` Durable Object class, re-exported by the Worker. */
  SLACK_TOKENS: DurableObjectNamespace<SlackTokens>;
  /** `keyid:base64url(32 random bytes)`, comma-separated: the first encrypts, all decrypt. */
  TOKEN_KEYS: string;
  SLACK_CLIENT_ID: string;
  SLACK_CLIENT_SECRET: string;
  /** A local mock instead of https://slack.com/api/ (the code exchange and refreshes). */
  SLACK_API_URL?: string;
  /** A local mock's consent page instead of https://slack.com/oauth/v2/authorize, where
   * `slackInstall` sends the browser unless its `authorizeUrl` option is given. */
  SLACK_AUTHORIZE_URL?: string;
}

/** An installation as stored, without its tokens. `id` is the team id (`T…`) of a workspace
 * install, or the enterprise id (`E…`) of an org-wide install. */
export interface SlackInstallation {
  id: string;
  is_enterprise_install: boolean;
  team: { id: string; name?: string } | null;
  enterprise: { id: string; name?: string } | null;
  app_id?: string;
  /** Who installed the app: the authorizing user of the last save that carried a bot token. */
  installer_user_id?: string;
  /** The authorizing user of the last save, an install or a user's own authorization. */
  last_authorizer_user_id?: string;
  bot: { user_id?: string; scopes: string[]; rotating: boolean } | null;
  users: string[];
  /** When the bot token was last installed (ISO 8601), or the record made. */
  installed_at: string;
  /** When the installation was last saved (ISO 8601). */
  updated_at: string;
}

/** A token ready to use. `expires_at` is Unix ms, or null for a token that does not expire. */
export interface SlackToken {
  access_token: string;
  expires_at: number | null;
  refreshed: boolean;
}

/** The store's options. */
export interface SlackInstallationStoreOptions {
  /** Seconds before expiry at which a rotating token is refreshed: 0 to 3600, default 300.
   * Anything else throws a `RangeError`. */
  refreshMarginSeconds?: number;
  /** Options of the store's own calls to Slack (`uninstall`'s `auth.revoke`); refreshes, made by
   * the Durable Object, and the install flow reach Slack at `env.SLACK_API_URL` (or Slack's own). */
  slack?: SlackClientOptions;
}

/** What `applyEvent` did with an event. */
export type SlackEventOutcome = "deleted" | "revoked" | "stale" | "duplicate" | "missing" | "ignored";

/** Installations in Workers KV, every token encrypted at rest (AES-GCM, keys from `TOKEN_KEYS`):
 * the plain ones in KV, the rotating pairs (refresh tokens included) in the Durable Object. */
export declare class SlackInstallationStore {
  constructor(env: SlackInstallationsEnv, options?: SlackInstallationStoreOptions);
  /** Resolves once `TOKEN_KEYS` can seal; rejects with a `SlackFlowError` (`invalid_token_keys`)
   * otherwise. `slackCallback` asks before it spends Slack's code. */
  ready(): Promise<void>;
  /** Stores what `oauth.v2.access` answered; returns the installation. */
  save(answer: OAuthV2AccessResponse): Promise<SlackInstallation>;
  /** A workspace's install by team id (inside an enterprise too), or an org-wide install by enterprise id. */
  find(id: string): Promise<SlackInstallation | null>;
  /**
   * The bot token, refreshed first (once, however many ask) if it rotates and is near expiry;
   * null if there is none. Throws an `EdgeOAuthError`: `code: "reinstall_required"` (status
   * 409) once a refresh cannot succeed (its `data.interrupted` is true when a refresh was cut off
   * by a reset of the Durable Object, so Slack's new pair was lost, rather than revoked), or the
   * transient failure being backed off, with `retryAfter`. Throws a `SlackFlowError`
   * (`key_missing`, 500) for a token sealed under a key `TOKEN_KEYS` no longer lists. A token
   * sealed under an older key is sealed again under the first one on read, so that key can be
   * retired once every installation has been read.
   */
  botToken(id: string): Promise<SlackToken | null>;
  /** A user's token, refreshed the same way. */
  userToken(id: string, userId: string): Promise<SlackToken | null>;
  /** Revokes the installation's tokens at Slack (`auth.revoke`) and deletes it; false if unknown. */
  uninstall(id: string): Promise<boolean>;
  /** Deletes the installation without calling Slack (Slack already knows: `app_uninstalled`). */
  delete(id: string): Promise<boolean>;
  /** Deletes the bot token (if `bot`) and the listed users' tokens (`tokens_revoked`). */
  deleteTokens(id: string, tokens: { bot?: boolean; users?: string[] }): Promise<void>;
  /**
   * Applies an `app_uninstalled` or `tokens_revoked` event (the Events API payload, verified) once,
   * inside the installation's Durable Object: an `event_id` applied within the last hour is a
   * `"duplicate"` (Slack's retries, replays); an event whose `event_time` is not older than the
   * save it would delete is `"stale"` (a reinstall came after it), and changes nothing. An
   * org-wide uninstall whose payload names only a workspace deletes the enterprise's
   * installation when the workspace has none.
   */
  applyEvent(payload: unknown): Promise<SlackEventOutcome>;
}

/** The Durable Object class to re-export from the Worker (`export { SlackTokens } from
 * "edge-oauth/cloudflare"`): one per installation, holding its rotating tokens, spending each
 * refresh token once, and making the installation's KV writes at most once a second per key. */
export declare class SlackTokens extends DurableObject {}

/** The installation id of an `oauth.v2.access` answer: the enterprise id of an org-wide install,
 * else the team id. */
export declare function installationId(answer: OAuthV2AccessResponse): string | undefined;

/** The options both flows take, and their callbacks with them. */
export interface SlackFlowOptions {
  /** Where Slack sends the user back (default: `<origin>/slack/oauth_redirect` for the install,
   * `<origin>/slack/signin/callback` for a sign-in); on the start route's origin. */
  redirectUri?: string;
  /** HMAC key for the signed state: at least 32 bytes. */
  stateSecret: string;
  /** Also bind the exchange to the browser with PKCE (RFC 9700 §2.1.1); default true, `false` to
   * opt out. */
  pkce?: boolean;
  /** Another authorize endpoint (a mock); default (install only) `env.SLACK_AUTHORIZE_URL`, else
   * Slack's. */
  authorizeUrl?: string;
  /** Seconds the state lives; default 600. */
  stateTtlSeconds?: number;
}

/** The install's options: bot scopes (`scope`), user scopes (`userScope`) or both, comma-separated
 * or as a list; Slack needs at least one, and `slackInstall` answers 500 without. */
export type SlackInstallOptions = SlackFlowOptions &
  ({ scope: string | string[]; userScope?: string | string[] } | { scope?: undefined; userScope: string | string[] });

/** GET /slack/install: a 302 to Slack with a signed, single-use state bound to this browser by a
 * `__Host-` cookie (unprefixed on plain http to localhost) holding a secret whose hash the state
 * carries; `redirectUri` must be on the install route's origin. */
export declare function slackInstall(request: Request, env: SlackInstallationsEnv, options: SlackInstallOptions): Promise<Response>;

/** GET /slack/oauth_redirect: checks the state against this browser's cookie, spends it once,
 * exchanges the code, stores the installation. `render` turns the outcome into a page; a store
 * that fails (its settings, such as `TOKEN_KEYS`) is a `store_failed` error, any other failure of
 * the Worker's setup an `internal_error`, each with its `cause` (also logged). */
export declare function slackCallback(
  request: Request,
  env: SlackInstallationsEnv,
  options: SlackFlowOptions & {
    /** Unused here: the install options may be passed as they are. */
    scope?: string | string[];
    userScope?: string | string[];
    render?: (outcome: { installation: SlackInstallation } | { error: EdgeOAuthError | SlackFlowError }) => Response;
    /** The store's option (`SlackInstallationStore`): how long before expiry a rotating token is refreshed. */
    refreshMarginSeconds?: number;
  },
): Promise<Response>;

/** What Sign in with Slack reads from a Worker's `env`: no KV and no `TOKEN_KEYS`, since it
 * stores nothing; `SLACK_TOKENS` keeps the ledger of spent states. */
export interface SlackSignInEnv {
  /** The namespace of the `SlackTokens` Durable Object class, re-exported by the Worker. */
  SLACK_TOKENS: DurableObjectNamespace<SlackTokens>;
  SLACK_CLIENT_ID: string;
  SLACK_CLIENT_SECRET: string;
  /** A local mock instead of https://slack.com/api/ (`openid.connect.token`). */
  SLACK_API_URL?: string;
  /** A local mock's JWKS instead of https://slack.com/openid/connect/keys. */
  SLACK_OPENID_KEYS_URL?: string;
}

/** The sign-in's options. */
export interface SlackSignInOptions extends SlackFlowOptions {
  /** OpenID scopes; `openid` is always asked for. Default `"openid email profile"`. */
  scope?: string | string[];
}

/** A verified sign-in: who signed in (the id_token's claims, checked), and what
 * `openid.connect.token` answered (the user's access token, the id_token itself). The app makes
 * its own session from `identity`; keep the tokens out of pages and logs. */
export interface SlackSignIn {
  identity: SlackIdTokenClaims;
  tokens: OpenIDConnectTokenResponse;
}

/** GET /slack/signin: a 302 to Slack's OpenID authorize page, with the install's signed,
 * single-use state bound to this browser by its cookie, PKCE unless `pkce: false`, and the state's
 * nonce as the OpenID `nonce`. */
export declare function slackSignIn(request: Request, env: SlackSignInEnv, options: SlackSignInOptions): Promise<Response>;

/** GET /slack/signin/callback: checks the state against this browser's cookie, spends it once,
 * exchanges the code (`openid.connect.token`), verifies the id_token (`verifySlackIdToken`:
 * signature, issuer, audience, expiry, the state's nonce) and hands the result to `render`, which
 * makes the app's session (the package makes none). Without `render`, a plain page says who signed
 * in. Failures are `{ error }`: the refusals of the install flow, or an `EdgeOAuthError` (of the
 * exchange, or of the id_token's check). */
export declare function slackSignInCallback(
  request: Request,
  env: SlackSignInEnv,
  options: SlackSignInOptions & {
    render?: (outcome: SlackSignIn | { error: EdgeOAuthError | SlackFlowError }) => Response;
  },
): Promise<Response>;

/** A refusal of the install flow or of a Slack request, or a store setting that cannot work
 * (`invalid_token_keys`, `key_missing`), with a status to answer. */
export interface SlackFlowError extends Error {
  name: "SlackFlowError";
  code: "invalid_state" | "expired_state" | "state_used" | "foreign_state" | "access_denied" | "missing_code"
    | "store_failed" | "internal_error" | "foreign_redirect_uri" | "missing_signature" | "invalid_signature" | "stale_request"
    | "request_too_large" | "body_used"
    | "weak_secret" | "invalid_token_keys" | "key_missing";
  status: number;
}

/** Checks Slack's v0 signature (HMAC-SHA256 of `v0:timestamp:` and the body's bytes as sent,
 * 5-minute window, constant-time) and returns the body as text. Throws a `SlackFlowError`
 * (status 401) otherwise, (413) for a body over 1 MiB, which is not read past that, or
 * (`body_used`, 500) for a request whose body was already read. */
export declare function verifySlackRequest(signingSecret: string, request: Request): Promise<string>;

/** Options of `slackEvents`. */
export interface SlackEventsOptions extends SlackInstallationStoreOptions {
  /** Every event but `app_uninstalled` and `tokens_revoked`, verified. */
  onEvent?: (payload: unknown) => Response | void | Promise<Response | void>;
}

/** POST /slack/events: verifies the request, answers `url_verification`, and applies
 * `app_uninstalled` and `tokens_revoked` with `SlackInstallationStore.applyEvent` (once per
 * `event_id`, never over a newer install; outcomes other than a deletion are logged); other
 * events go to `onEvent`. With the Worker's `ctx`, Slack gets its 200 at once and the store's
 * work goes on in `ctx.waitUntil` (Slack retries what takes over 3 s); without, it is awaited. */
export declare function slackEvents(
  request: Request,
  env: SlackInstallationsEnv & { SLACK_SIGNING_SECRET: string },
  ctx?: { waitUntil(promise: Promise<unknown>): void },
  options?: SlackEventsOptions,
): Promise<Response>;
export declare function slackEvents(
  request: Request,
  env: SlackInstallationsEnv & { SLACK_SIGNING_SECRET: string },
  options?: SlackEventsOptions,
): Promise<Response>;
