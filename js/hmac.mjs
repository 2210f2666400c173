// HMAC-SHA256 keys from WebCrypto, for the facade's signed states and the Cloudflare subpath's
// Slack request signatures.

/** A non-extractable HMAC-SHA256 key from `secret`'s UTF-8 bytes, for `usages`. */
export function hmacKey(secret, usages) {
  const bytes = new TextEncoder().encode(secret);
  return globalThis.crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, usages);
}
