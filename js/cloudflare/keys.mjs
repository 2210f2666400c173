// Tokens at rest: AES-GCM (WebCrypto) under keys from `TOKEN_KEYS`, "keyid:base64url(32 bytes)"
// comma-separated. The first key encrypts; every listed key decrypts, so a key rotates by putting
// the new one first and dropping the old one once no record names it. Each sealed value names
// its key and is bound to the KV key it is stored under (additional data), so records cannot be
// swapped between keys.

import { base64url, fromBase64url } from "../base64url.mjs";
import { flowError } from "./refusal.mjs";

/**
 * The keys of `TOKEN_KEYS`: `current` encrypts, every one decrypts.
 * @typedef {{ current: string, keys: Map<string, CryptoKey> }} Keyring
 * A sealed value: the id of its key, and base64url of its IV and ciphertext.
 * @typedef {{ kid: string, iv: string, ct: string }} Sealed
 * @typedef {Uint8Array<ArrayBuffer>} Bytes
 */

/**
 * A `TOKEN_KEYS` that cannot be used: found before anything is exchanged or stored.
 * @type {(message: string) => import("./cloudflare.js").SlackFlowError}
 */
const invalidKeys = (message) => flowError("invalid_token_keys", 500, `TOKEN_KEYS${message}`);

/** Parses `TOKEN_KEYS`; throws a SlackFlowError (`invalid_token_keys`) for anything but 32-byte
 * keys with simple ids.
 * @param {string | undefined} text
 * @returns {Promise<Keyring>}
 */
export async function keyring(text) {
  const entries = String(text ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (!entries.length) throw invalidKeys(" is empty: set it to keyid:base64url(32 random bytes)");
  /** @type {Keyring["keys"]} */
  const keys = new Map();
  /** @type {string | undefined} */
  let current;
  for (const entry of entries) {
    // An id of 1 to 32 of [A-Za-z0-9_-], then the key after a colon: fromBase64url is null
    // without one, or for a key holding another colon.
    const [, id, material] = /^([\w-]{1,32})(?::(.*))?$/s.exec(entry) ?? [];
    const bytes = fromBase64url(material);
    if (bytes?.length !== 32) throw invalidKeys(`: "${id ?? "?"}" is not keyid:base64url(32 bytes)`);
    if (keys.has(id)) throw invalidKeys(`: key id "${id}" appears twice`);
    current ??= id;
    keys.set(id, await crypto.subtle.importKey("raw", bytes, "AES-GCM", false, ["encrypt", "decrypt"]));
  }
  return { current: /** @type {string} */ (current), keys }; // entries is not empty
}

/**
 * Seals `value` (any JSON) for storage under `where`.
 * @param {Keyring} ring
 * @param {string} where
 * @param {unknown} value
 * @returns {Promise<Sealed>}
 */
export async function seal(ring, where, value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(value));
  const sealed = await crypto.subtle.encrypt(aes(iv, where), /** @type {CryptoKey} */ (ring.keys.get(ring.current)), data);
  return { kid: ring.current, iv: base64url(iv), ct: base64url(new Uint8Array(sealed)) };
}

/** Opens what `seal` made for `where`; throws a SlackFlowError (`key_missing`) if its key id is not
 * in the ring, or WebCrypto's error if the value was altered.
 * @param {Keyring} ring
 * @param {string} where
 * @param {Sealed | undefined} sealed
 * @returns {Promise<any>} the value sealed (JSON)
 */
export async function open(ring, where, sealed) {
  const key = sealed && ring.keys.get(sealed.kid);
  if (!sealed || !key) throw flowError("key_missing", 500, `a token was sealed with key "${sealed?.kid}", which TOKEN_KEYS no longer lists`);
  // An altered IV or ciphertext that is not even base64url (null) fails WebCrypto as well.
  const plain = await crypto.subtle.decrypt(aes(/** @type {Bytes} */ (fromBase64url(sealed.iv)), where), key, /** @type {Bytes} */ (fromBase64url(sealed.ct)));
  return JSON.parse(new TextDecoder().decode(plain));
}

/**
 * @param {Bytes} iv
 * @param {string} where
 */
function aes(iv, where) {
  return { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(where) };
}
