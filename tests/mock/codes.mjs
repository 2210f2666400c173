// What the mock's authorize page and token endpoint share: the codes and refresh tokens issued.
import { createHash } from "node:crypto";
import { MOCK_CLIENT_ID } from "./slack.mjs"; // a cycle, harmless: read only when `issue` runs

/** code -> { client_id, scope, user_scope, redirect_uri, code_challenge, used } */
export function issuedCodes(store) {
  return table(store, "codes");
}

/** refresh token -> { used } */
export function issuedRefreshTokens(store) {
  return table(store, "refresh");
}

/**
 * Issues `codes` authorization codes and `refresh_tokens` refresh tokens at once, named
 * `mockcode-<prefix>-<i>` and `xoxe-1-mock-<prefix>-<i>` (a fixed prefix gives the same names on
 * every run, which chaos mode's replay needs). Each works once, like those from the authorize
 * page; the codes need the same `redirect_uri` (default `https://app.test/cb`).
 */
export function issue(store, { prefix = "bulk", codes = 0, refresh_tokens = 0, redirect_uri = "https://app.test/cb", scope = "commands" } = {}) {
  const names = (count, stem) => Array.from({ length: count }, (_, i) => `${stem}-${prefix}-${i}`);
  const issued = { codes: names(codes, "mockcode"), refresh_tokens: names(refresh_tokens, "xoxe-1-mock") };
  for (const code of issued.codes) issuedCodes(store).set(code, { client_id: MOCK_CLIENT_ID, scope, redirect_uri, used: false });
  for (const token of issued.refresh_tokens) issuedRefreshTokens(store).set(token, { used: false });
  return issued;
}

/** Whether `verifier` answers the S256 `challenge` (RFC 7636). */
export function pkceMatches(challenge, verifier) {
  return createHash("sha256").update(verifier ?? "").digest("base64url") === challenge;
}

function table(store, name) {
  if (!store.has(name)) store.set(name, new Map());
  return store.get(name);
}
