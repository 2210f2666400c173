// Types of `edge-oauth/cloudflare`: Slack installations on Cloudflare Workers (KV, a Durable
// Object for token rotation, the install flow, request verification and events).
import type { DurableObject } from "cloudflare:workers";
import type { EdgeOAuthError, OAuthV2AccessResponse, SlackClientOptions } from "../index.js";

/** The bindings and secrets the installation machinery reads from a Worker's `env`. */
export interface SlackInstallationsEnv {
  /** Workers KV namespace holding the installations. */
  SLACK_INSTALLATIONS: KVNamespace;
  /** The namespace of the `SlackTokens` Durable Object class, re-exported by the Worker. */
  SLACK_TOKENS: DurableObjectNamespace;
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
  installer_user_id?: string;
  bot: { user_id?: string; scopes: string[]; rotating: boolean } | null;
  users: string[];
  installed_at: string;
}

/** A token ready to use. `expires_at` is Unix ms, or null for a token that does not expire. */
export interface SlackToken {
  access_token: string;
  expires_at: number | null;
  refreshed: boolean;
}

/** Installations in Workers KV, tokens encrypted at rest (AES-GCM, keys from `TOKEN_KEYS`). */
export declare class SlackInstallationStore {
  /** `slack`: options of the store's own calls to Slack (`uninstall`'s `auth.revoke`); refreshes,
   * made by the Durable Object, and the install flow reach Slack at `env.SLACK_API_URL` (or Slack's own). */
  constructor(env: SlackInstallationsEnv, options?: { refreshMarginSeconds?: number; slack?: SlackClientOptions });
  /** Stores what `oauth.v2.access` answered; returns the installation. */
  save(answer: OAuthV2AccessResponse): Promise<SlackInstallation>;
  /** A workspace's install by team id (inside an enterprise too), or an org-wide install by enterprise id. */
  find(id: string): Promise<SlackInstallation | null>;
  /**
   * The bot token, refreshed first (once, however many ask) if it rotates and is near expiry;
   * null if there is none. Throws an `EdgeOAuthError`: `code: "reinstall_required"` (status
   * 409) once a refresh cannot succeed, or the transient failure being backed off, with
   * `retryAfter`.
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
}

/** The Durable Object class to re-export from the Worker (`export { SlackTokens } from
 * "edge-oauth/cloudflare"`): one per installation, holding its rotating tokens, spending each
 * refresh token once, and making the installation's KV writes at most once a second per key. */
export declare class SlackTokens extends DurableObject {}

/** The installation id of an `oauth.v2.access` answer: the enterprise id of an org-wide install,
 * else the team id. */
export declare function installationId(answer: OAuthV2AccessResponse): string | undefined;

export interface SlackInstallOptions {
  /** Where Slack sends the user back (default: `<origin>/slack/oauth_redirect`). */
  redirectUri?: string;
  scope?: string | string[];
  userScope?: string | string[];
  /** HMAC key for the signed state: at least 32 bytes. */
  stateSecret: string;
  /** Also bind the exchange to the browser with PKCE (RFC 9700 §2.1.1); default true, `false` to
   * opt out. */
  pkce?: boolean;
  /** Another authorize endpoint (a mock); default `env.SLACK_AUTHORIZE_URL`, else Slack's. */
  authorizeUrl?: string;
  /** Seconds the state lives; default 600. */
  stateTtlSeconds?: number;
}

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
  options: SlackInstallOptions & {
    render?: (outcome: { installation: SlackInstallation } | { error: EdgeOAuthError | SlackFlowError }) => Response;
    /** The store's option (`SlackInstallationStore`): how long before expiry a rotating token is refreshed. */
    refreshMarginSeconds?: number;
  },
): Promise<Response>;

/** A refusal of the install flow or of a Slack request, with a status to answer. */
export interface SlackFlowError extends Error {
  name: "SlackFlowError";
  code: "invalid_state" | "expired_state" | "state_used" | "foreign_state" | "access_denied" | "missing_code"
    | "store_failed" | "internal_error" | "foreign_redirect_uri" | "missing_signature" | "invalid_signature" | "stale_request"
    | "request_too_large"
    | "weak_secret";
  status: number;
}

/** Checks Slack's v0 signature (HMAC-SHA256 of `v0:timestamp:body`, 5-minute window,
 * constant-time) and returns the body. Throws a `SlackFlowError` (status 401) otherwise, or
 * (413) for a body over 1 MiB, which is not read past that. */
export declare function verifySlackRequest(signingSecret: string, request: Request): Promise<string>;

/** POST /slack/events: verifies the request, answers `url_verification`, deletes the
 * installation on `app_uninstalled` and the listed tokens on `tokens_revoked`; other events go
 * to `onEvent`. */
export declare function slackEvents(
  request: Request,
  env: SlackInstallationsEnv & { SLACK_SIGNING_SECRET: string },
  options?: { onEvent?: (payload: unknown) => Response | void | Promise<Response | void> },
): Promise<Response>;
