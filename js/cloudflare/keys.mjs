// Tokens at rest: AES-GCM (WebCrypto) under keys from `TOKEN_KEYS`, "keyid:base64url(32 bytes)"
// comma-separated. The first key encrypts; every listed key decrypts, so a key rotates by putting
// the new one first and dropping the old one once no record names it. Each sealed value names
// its key and is bound to the KV key it is stored under (additional data), so records cannot be
// swapped between keys.

import { base64url, fromBase64url } from "../base64url.mjs";
import { flowError } from "./refusal.mjs";

/** A `TOKEN_KEYS` that cannot be used: found before anything is exchanged or stored. */
const invalidKeys = (message) => flowError("invalid_token_keys", 500, `TOKEN_KEYS${message}`);

/** Parses `TOKEN_KEYS`; throws a SlackFlowError (`invalid_token_keys`) for anything but 32-byte
 * keys with simple ids. */
export async function keyring(text) {
  const entries = String(text ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (!entries.length) throw invalidKeys(" is empty: set it to keyid:base64url(32 random bytes)");
  const keys = new Map();
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
  return { current, keys };
}

/** Seals `value` (any JSON) for storage under `where`. */
export async function seal(ring, where, value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(value));
  const sealed = await crypto.subtle.encrypt(aes(iv, where), ring.keys.get(ring.current), data);
  return { kid: ring.current, iv: base64url(iv), ct: base64url(new Uint8Array(sealed)) };
}

/** Opens what `seal` made for `where`; throws a SlackFlowError (`key_missing`) if its key id is not
 * in the ring, or WebCrypto's error if the value was altered. */
export async function open(ring, where, sealed) {
  const key = ring.keys.get(sealed?.kid);
  if (!key) throw flowError("key_missing", 500, `a token was sealed with key "${sealed?.kid}", which TOKEN_KEYS no longer lists`);
  const plain = await crypto.subtle.decrypt(aes(fromBase64url(sealed.iv), where), key, fromBase64url(sealed.ct));
  return JSON.parse(new TextDecoder().decode(plain));
}

function aes(iv, where) {
  return { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(where) };
}
