// HMAC-SHA256 keys from WebCrypto, for the facade's signed states and the Cloudflare subpath's
// Slack request signatures.

/**
 * A non-extractable HMAC-SHA256 key from `secret`'s UTF-8 bytes, for `usages`.
 * @param {string} secret
 * @param {("sign" | "verify")[]} usages
 * @returns {Promise<CryptoKey>}
 */
export function hmacKey(secret, usages) {
  const bytes = new TextEncoder().encode(secret);
  // `crypto`, not `globalThis.crypto`: the same object, but Cloudflare's types declare it only as
  // a global binding.
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, usages);
}
