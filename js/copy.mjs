// Copies a caller's values into plain JSON text before anything reaches the wasm: no caller code
// (a getter, a Proxy trap, a toJSON) can then run while the wasm is on the stack, no odd value
// can reach wasm-bindgen's glue, and no 10 MB string grows the wasm memory. What cannot be
// copied as it is becomes a tag `{ "\0": kind }`; the wasm turns it into a validation error
// that names the field.

/**
 * A copy, as JSON holds it; a tag `{ "\0": kind }` stands for what could not be copied.
 * @typedef {string | number | boolean | null | CopyArray | { [key: string]: Copy }} Copy
 * @typedef {Copy[]} CopyArray
 * Where a copy puts the AbortSignal it met.
 * @typedef {{ signal?: AbortSignal }} Found
 * A copier of one member (`copyValue`, or signState's `data`: `copyData`).
 * @typedef {(value: unknown, maxText: number, found: Found) => Copy} Copier
 */

const TAG = "\u0000";
const MAX_KEYS = 64;
const MAX_KEY_CHARS = 128;
const MAX_ITEMS = 256;

/**
 * A copy of one value; `found.signal` receives an AbortSignal met on the way.
 * @param {unknown} value
 * @param {number} maxText
 * @param {Found} [found]
 * @param {boolean} [nested]
 * @returns {Copy}
 */
export function copyValue(value, maxText, found = {}, nested = false) {
  switch (typeof value) {
    case "string":
      if (value.length > maxText) return { [TAG]: "long", n: value.length };
      return value.isWellFormed?.() === false ? { [TAG]: "surrogate" } : value;
    case "number":
      return Number.isFinite(value) ? value : { [TAG]: "number" };
    case "boolean":
      return value;
    case "undefined":
      return null;
    case "object":
      return value === null ? null : copyObject(value, maxText, found, nested);
    default:
      return { [TAG]: typeof value }; // symbol, bigint, function
  }
}

/**
 * Arrays of plain values (a list of scopes) are copied; other objects only say what they are.
 * @param {object} value
 * @param {number} maxText
 * @param {Found} found
 * @param {boolean} nested
 * @returns {Copy}
 */
function copyObject(value, maxText, found, nested) {
  try {
    if (typeof AbortSignal === "function" && value instanceof AbortSignal) {
      found.signal = value;
      return true;
    }
    if (!Array.isArray(value)) return { [TAG]: isPlain(value) ? "object" : "instance" };
    if (nested || value.length > MAX_ITEMS) return { [TAG]: "array" };
    return Array.from(value, (item) => copyValue(item, maxText, {}, true));
  } catch {
    return { [TAG]: "unreadable" }; // a Proxy whose traps throw, a revoked Proxy
  }
}

/**
 * A plain object: `{}` or `Object.create(null)`, not a Date, Map or class instance.
 * @param {object} value
 * @returns {value is Record<string, unknown>}
 */
function isPlain(value) {
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

/**
 * A copy of an argument that should be a params or options object: its own enumerable keys,
 * each value copied. `special` maps a key to its own copier (signState's `data`). Returns the
 * JSON text and the AbortSignal it held, if any.
 * @param {unknown} value
 * @param {number} maxText
 * @param {Record<string, Copier>} [special]
 * @returns {{ json: string, signal?: AbortSignal }}
 */
export function copyArgument(value, maxText, special = {}) {
  if (value === undefined || value === null) return { json: "null" }; // the usual per-call options
  /** @type {Found} */
  const found = {};
  /** @type {Copy} */
  let copy;
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !isPlain(value)) {
      copy = copyValue(value, maxText, found);
    } else {
      const keys = Object.keys(value);
      /** @type {Record<string, Copy>} */
      const members = keys.length > MAX_KEYS ? { [TAG]: "keys" } : Object.create(null);
      copy = members;
      for (const key of keys.length > MAX_KEYS ? [] : keys) {
        const name = key.length > MAX_KEY_CHARS ? `${TAG}long key` : key;
        members[name] = readMember(value, key, (member) => (special[key] ?? copyValue)(member, maxText, found));
      }
    }
  } catch {
    copy = { [TAG]: "unreadable" };
  }
  return { json: JSON.stringify(copy), signal: found.signal };
}

/**
 * @param {Record<string, unknown>} object
 * @param {string} key
 * @param {(member: unknown) => Copy} copy
 * @returns {Copy}
 */
function readMember(object, key, copy) {
  try {
    return copy(object[key]);
  } catch {
    return { [TAG]: "unreadable" };
  }
}

const TOO_LARGE = Symbol("too large");

/**
 * signState's `data`: any JSON value, sent as its JSON text (`undefined` is no data, as for every
 * other optional key). Serializing stops as soon as the strings seen pass the cap, so a 10 MB
 * value costs no more than a small one.
 * @param {unknown} data
 * @param {number} maxText
 * @returns {Copy}
 */
export function copyData(data, maxText) {
  if (data === undefined) return null;
  let budget = maxText;
  /** @type {(key: string, value: unknown) => unknown} */
  const limit = (key, value) => {
    budget -= key.length + (typeof value === "string" ? value.length : 0);
    if (budget < 0) throw TOO_LARGE;
    return value;
  };
  let json;
  try {
    json = JSON.stringify(data, limit);
  } catch (error) {
    return { [TAG]: error === TOO_LARGE ? "large" : "unserializable" };
  }
  if (json === undefined) return { [TAG]: typeof data };
  return json.length > maxText ? { [TAG]: "large" } : json;
}
