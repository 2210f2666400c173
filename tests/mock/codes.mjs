// What the mock's authorize page and token endpoint share: the codes and refresh tokens issued.
import { createHash } from "node:crypto";

/** code -> { client_id, scope, user_scope, redirect_uri, code_challenge, used } */
export function issuedCodes(store) {
  return table(store, "codes");
}

/** refresh token -> { used } */
export function issuedRefreshTokens(store) {
  return table(store, "refresh");
}

/** Whether `verifier` answers the S256 `challenge` (RFC 7636). */
export function pkceMatches(challenge, verifier) {
  return createHash("sha256").update(verifier ?? "").digest("base64url") === challenge;
}

function table(store, name) {
  if (!store.has(name)) store.set(name, new Map());
  return store.get(name);
}
