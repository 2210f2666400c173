// When to refresh a rotating token, and what an answer to a refresh means: pure functions of a
// token's state and the clock, so the Durable Object only stores and obeys (and tests need no
// Worker). A state is { access_token, refresh_token, expires_at (ms), failure?, refreshing? }.

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Slack's answers that no retry can fix: the refresh token is spent, revoked or unknown. */
const REINSTALL = ["invalid_refresh_token", "invalid_grant", "token_revoked", "token_expired", "account_inactive", "app_uninstalled"];

/**
 * What to do now: `{ use }` the current token, `{ refresh }`, or fail at once with `{ fail }`
 * (an error's fields) when a refresh can no longer succeed or is backing off.
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
 * anything else (missing, 0, negative, absurd) is 0, so the pair is refreshed on its next use. */
export function lifetimeMs(expiresIn) {
  const seconds = typeof expiresIn === "string" && /^\d{1,9}$/.test(expiresIn) ? Number(expiresIn) : expiresIn;
  return Number.isInteger(seconds) && seconds > 0 && seconds <= 30 * 86_400 ? seconds * 1000 : 0;
}

/** The new state from Slack's answer to a refresh, or null if it holds no new pair. Once Slack has
 * answered with a pair, the old refresh token is spent: the pair is kept whatever else is odd. */
export function refreshed(answer, now) {
  const fresh = (token) => typeof token === "string" && token.length > 0;
  return fresh(answer?.access_token) && fresh(answer?.refresh_token) ? pairOf(answer, now) : null;
}

/** The pair `holder` (an answer, or its authed_user) holds, as the Durable Object keeps it;
 * without a usable `expires_in`, refreshed on first use. */
export function pairOf(holder, now) {
  return { access_token: holder.access_token, refresh_token: holder.refresh_token, expires_at: now + lifetimeMs(holder.expires_in) };
}

/** The state after a refresh failed with `error` (an EdgeOAuthError's fields): the old pair is
 * kept, and the failure remembered so callers are answered without another attempt. A refresh
 * that was under way when the object was reset (`state.refreshing`, its start) may have spent
 * the refresh token with Slack's answer lost: the error says so. */
export function failed(state, error, now) {
  const { refreshing, ...kept } = state;
  if (error.kind === "platform" && REINSTALL.includes(error.code)) {
    const why = refreshing
      ? `a refresh begun at ${new Date(refreshing).toISOString()} was cut off (the Durable Object was reset while Slack answered); Slack now answers \`${error.code}\``
      : `Slack answered \`${error.code}\` to the token refresh`;
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

/** An EdgeOAuthError's fields that a failure keeps, and `more` of them: plain data to store. */
export function errorFields(error, ...more) {
  return Object.fromEntries(["kind", "provider", "method", "code", "status", "message", ...more].map((field) => [field, error[field]]));
}
