// Base64url without padding (RFC 4648 §5): PKCE values, nonces, sealed tokens.

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The bytes of `text`, or null if it is not base64url (or not a string: a key or a sealed value
 * read from storage may lack the part).
 * @param {string | undefined} text
 * @returns {Uint8Array<ArrayBuffer> | null}
 */
export function fromBase64url(text) {
  try {
    // Not a string: the TypeError is caught.
    return Uint8Array.from(atob(/** @type {string} */ (text).replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
