// When to refresh a rotating token, and what an answer to a refresh means: pure functions of a
// token's state and the clock, so the Durable Object only stores and obeys (and tests need no
// Worker). A state is { access_token, refresh_token, expires_at (ms), failure?, refreshing? }.

/**
 * @typedef {import("../errors.mjs").ErrorFields} ErrorFields
 * A rotating token's state as its Durable Object keeps it (the pair sealed at rest).
 * @typedef {object} TokenState
 * @property {string} access_token
 * @property {string} refresh_token
 * @property {number} expires_at Unix ms
 * @property {Failure} [failure] the last refresh's failure, answered until the next attempt
 * @property {number} [refreshing] when a refresh began (Unix ms), until it ends
 * @typedef {{ reinstall: true, attempts?: undefined, error: ErrorFields } | { reinstall?: undefined, attempts: number, retry_at: number, error: ErrorFields }} Failure
 * What holds a pair in Slack's answer: the answer itself (a bot's, or a user's refresh), or its
 * `authed_user`.
 * @typedef {Pick<import("../index.js").SlackAuthedUser, "access_token" | "refresh_token" | "expires_in" | "scope">} TokenHolder
 */

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Slack's answers that no retry can fix: the refresh token is spent, revoked or unknown. */
const REINSTALL = ["invalid_refresh_token", "invalid_grant", "token_revoked", "token_expired", "account_inactive", "app_uninstalled"];

/**
 * What to do now: `{ use }` the current token, `{ refresh }`, or fail at once with `{ fail }`
 * (an error's fields) when a refresh can no longer succeed or is backing off.
 * @param {TokenState} state
 * @param {number} now Unix ms
 * @param {number} marginMs
 * @returns {{ use: true, refresh?: undefined, fail?: undefined } | { refresh: true, use?: undefined, fail?: undefined } | { fail: ErrorFields, use?: undefined, refresh?: undefined }}
 */
export function nextStep(state, now, marginMs) {
  const failure = state.failure;
  if (failure?.reinstall) return { fail: failure.error };
  if (state.expires_at - now > marginMs) return { use: true };
  if (failure && failure.retry_at > now) {
    return { fail: { ...failure.error, retryAfter: Math.max(1, Math.ceil((failure.retry_at - now) / 1000)) } };
  }
  return { refresh: true };
}

/** A pair's lifetime in ms from Slack's `expires_in`: seconds as a number or a numeric string;
 * anything else (missing, 0, negative, absurd) is 0, so the pair is refreshed on its next use.
 * @param {unknown} expiresIn
 * @returns {number}
 */
export function lifetimeMs(expiresIn) {
  // Typed as a number: Number.isInteger refuses anything else first.
  const seconds = /** @type {number} */ (typeof expiresIn === "string" && /^\d{1,9}$/.test(expiresIn) ? Number(expiresIn) : expiresIn);
  return Number.isInteger(seconds) && seconds > 0 && seconds <= 30 * 86_400 ? seconds * 1000 : 0;
}

/** The new state from Slack's answer to a refresh, or null if it holds no new pair. Once Slack has
 * answered with a pair, the old refresh token is spent: the pair is kept whatever else is odd.
 * @param {TokenHolder | undefined} answer
 * @param {number} now Unix ms
 * @returns {TokenState | null}
 */
export function refreshed(answer, now) {
  /** @type {(token: unknown) => token is string} */
  const fresh = (token) => typeof token === "string" && token.length > 0;
  return fresh(answer?.access_token) && fresh(answer?.refresh_token) ? pairOf(answer, now) : null;
}

/** The pair `holder` (an answer, or its authed_user) holds, as the Durable Object keeps it;
 * without a usable `expires_in`, refreshed on first use. Only for a holder with both tokens.
 * @param {TokenHolder} holder
 * @param {number} now Unix ms
 * @returns {TokenState}
 */
export function pairOf(holder, now) {
  const { access_token, refresh_token } = /** @type {Required<TokenHolder>} */ (holder);
  return { access_token, refresh_token, expires_at: now + lifetimeMs(holder.expires_in) };
}

/** The state after a refresh failed with `error` (an EdgeOAuthError's fields): the old pair is
 * kept, and the failure remembered so callers are answered without another attempt. A refresh
 * that was under way when the object was reset (`state.refreshing`, its start) may have spent
 * the refresh token with Slack's answer lost: the error says so.
 * @param {TokenState} state
 * @param {ErrorFields} error
 * @param {number} now Unix ms
 * @returns {TokenState & { failure: Failure }}
 */
export function failed(state, error, now) {
  const { refreshing, ...kept } = state;
  if (error.kind === "platform" && REINSTALL.includes(error.code)) {
    const why = refreshing
      ? `a refresh begun at ${new Date(refreshing).toISOString()} was cut off (the Durable Object was reset while Slack answered); Slack now answers \`${error.code}\``
      : `Slack answered \`${error.code}\` to the token refresh`;
    /** @type {ErrorFields} */
    const reinstall = {
      kind: "platform", provider: "slack", method: "oauth.v2.access", code: "reinstall_required", status: 409,
      message: `reinstall the app: ${why}`, data: { error: error.code, interrupted: Boolean(refreshing) },
    };
    return { ...kept, failure: { reinstall: true, error: reinstall } };
  }
  const attempts = (state.failure?.attempts ?? 0) + 1;
  const backoff = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (attempts - 1));
  const wait = Math.max(backoff, (error.retryAfter ?? 0) * 1000);
  return { ...kept, failure: { attempts, retry_at: now + wait, error: errorFields(error) } };
}

/**
 * An EdgeOAuthError's fields that a failure keeps, and `more` of them: plain data to store.
 * @param {ErrorFields} error
 * @param {...import("../errors.mjs").ErrorField} more
 * @returns {ErrorFields}
 */
export function errorFields(error, ...more) {
  const kept = /** @type {(keyof ErrorFields)[]} */ (["kind", "provider", "method", "code", "status", "message", ...more]);
  return /** @type {ErrorFields} */ (Object.fromEntries(kept.map((field) => [field, error[field]])));
}
