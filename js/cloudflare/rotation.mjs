// When to refresh a rotating token, and what an answer to a refresh means: pure functions of a
// token's state and the clock, so the Durable Object only stores and obeys (and tests need no
// Worker). A state is { access_token, refresh_token, expires_at (ms), failure? }.

const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Slack's answers that no retry can fix: the refresh token is spent, revoked or unknown. */
const REINSTALL = new Set(["invalid_refresh_token", "invalid_grant", "token_revoked", "token_expired", "account_inactive", "app_uninstalled"]);

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

/** Checks Slack's answer to a refresh; the new state, or null if it cannot be trusted. */
export function refreshed(state, answer, now) {
  const fresh = (token) => typeof token === "string" && token.length > 0;
  const lifetime = answer?.expires_in;
  if (!fresh(answer?.access_token) || !fresh(answer?.refresh_token)) return null;
  if (!Number.isInteger(lifetime) || lifetime <= 0 || lifetime > 30 * 86_400) return null;
  return { access_token: answer.access_token, refresh_token: answer.refresh_token, expires_at: now + lifetime * 1000 };
}

/** The state after a refresh failed with `error` (an EdgeOAuthError's fields): the old pair is
 * kept, and the failure remembered so callers are answered without another attempt. */
export function failed(state, error, now) {
  if (error.kind === "platform" && REINSTALL.has(error.code)) {
    const reinstall = {
      kind: "platform", provider: "slack", method: "oauth.v2.access", code: "reinstall_required", status: 409,
      message: `the installation must be reinstalled: Slack answered \`${error.code}\` to the token refresh`,
    };
    return { ...state, failure: { reinstall: true, error: reinstall } };
  }
  const attempts = (state.failure?.attempts ?? 0) + 1;
  const backoff = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (attempts - 1));
  const wait = Math.max(backoff, (error.retryAfter ?? 0) * 1000);
  const { kind, provider, method, code, status, message } = error;
  return { ...state, failure: { attempts, retry_at: now + wait, error: { kind, provider, method, code, status, message } } };
}
