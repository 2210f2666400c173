// The ledger of spent states, kept by the Durable Objects named "states:" and a nonce's first two
// characters (4096 of them, so no one object takes every anonymous callback): a state's nonce is
// recorded when its callback runs, and forgotten a minute after the state expires (no callback
// accepts it then, spent or not). An index by that time lets the alarm find what to forget
// without reading the whole ledger.
import { alarmBy, deleteAll } from "./storage.mjs";

/** Spare time for a Worker whose clock is behind this object's. */
const CLOCK_GRACE_MS = 60_000;
const BATCH = 500;
const INDEX = "nonce-at:";
/** @type {(at: number, nonce: string) => string} */
const indexKey = (at, nonce) => `${INDEX}${String(Math.max(0, Math.floor(at))).padStart(16, "0")}:${nonce}`;

/**
 * Whether `nonce` was consumed and is still remembered.
 * @param {DurableObjectStorage} storage
 * @param {string} nonce
 * @returns {Promise<boolean>}
 */
export async function seen(storage, nonce) {
  return (await storage.get(`nonce:${nonce}`)) !== undefined;
}

/**
 * True the first time `nonce` is seen; records it until `expiresAtSeconds` (and the grace).
 * @param {DurableObjectStorage} storage
 * @param {string} nonce
 * @param {number} expiresAtSeconds
 * @returns {Promise<boolean>}
 */
export async function consume(storage, nonce, expiresAtSeconds) {
  const key = `nonce:${nonce}`;
  if (await seen(storage, nonce)) return false;
  const expiresAt = Number(expiresAtSeconds) || 0;
  const at = expiresAt * 1000 + CLOCK_GRACE_MS;
  await storage.put({ [key]: expiresAt, [indexKey(at, nonce)]: key });
  await alarmBy(storage, at);
  return true;
}

/**
 * Forgets what is due by `now`; returns when the next is due.
 * @param {DurableObjectStorage} storage
 * @param {number} now Unix ms
 * @returns {Promise<number>} Unix ms, or Infinity
 */
export async function forgetExpired(storage, now) {
  /** @type {Map<string, string>} */
  const due = await storage.list({ prefix: INDEX, end: indexKey(now + 1, ""), limit: BATCH });
  await deleteAll(storage, [...due.keys(), ...due.values()]);
  if (due.size === BATCH) return now; // more than one batch was due: again at once
  const [first] = (await storage.list({ prefix: INDEX, limit: 1 })).keys();
  return first ? Number(first.slice(INDEX.length, INDEX.length + 16)) : Infinity;
}
