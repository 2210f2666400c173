// An installation's KV writes, made by its Durable Object, the only writer of its keys. KV takes
// at most one write per key per second and may serve an older value for a while after a write,
// so the object keeps the latest value of every key it writes in its own storage and reads that
// first. A key's KV calls never overlap and start at least a second after the last one ended; a
// key leaves the queue only once the latest value it was written with has landed, so neither a
// failed call nor a reset of the object loses it (the alarm lands it).
// Storage calls let no other call in; a KV call does, which is why every step below is ordered.
import { alarmBy } from "./storage.mjs";

const GAP_MS = 1_000;
const PENDING = "kv-pending"; // { [key]: true }: keys whose latest value has not landed yet
/** @type {(key: string) => string} */
const latest = (key) => `kv:${key}`;
/** @type {(key: string) => string} */
const version = (key) => `kv-version:${key}`; // counts the writes of a key
/** @type {(key: string) => string} */
const lastCall = (key) => `kv-written:${key}`; // when its last KV call started or ended
/**
 * Keys whose KV call is under way in this instance (a reset ends the calls with it).
 * @type {WeakMap<DurableObjectStorage, Set<string>>}
 */
const inFlight = new WeakMap();

/**
 * The value of `key` (JSON text, or null) as this object last wrote it, else as KV has it.
 * @param {DurableObjectStorage} storage
 * @param {KVNamespace} kv
 * @param {string} key
 * @returns {Promise<string | null>}
 */
export async function read(storage, kv, key) {
  /** @type {string | null | undefined} */
  const value = await storage.get(latest(key));
  return value !== undefined ? value : kv.get(key);
}

/** Writes (or with `value` null, deletes) `key`: in KV now if its second has passed, else from
 * the alarm. A KV call that fails is logged and retried from the alarm, not thrown.
 * @param {DurableObjectStorage} storage
 * @param {KVNamespace} kv
 * @param {string} key
 * @param {string | null} value
 * @returns {Promise<void>}
 */
export async function write(storage, kv, key, value) {
  /** @type {Record<string, true>} */
  const pending = (await storage.get(PENDING)) ?? {};
  pending[key] = true;
  await storage.put({ [latest(key)]: value, [version(key)]: (/** @type {number | undefined} */ (await storage.get(version(key))) ?? 0) + 1, [PENDING]: pending });
  const dueAt = (/** @type {number | undefined} */ (await storage.get(lastCall(key))) ?? 0) + GAP_MS;
  // Also while a call is under way: should this instance be reset, the alarm still comes.
  await alarmBy(storage, Math.max(dueAt, Date.now() + GAP_MS));
  if (dueAt <= Date.now() && !flying(storage).has(key)) await land(storage, kv, key);
}

/**
 * Lands the queued keys whose second has passed; returns when the next of the others is due.
 * @param {DurableObjectStorage} storage
 * @param {KVNamespace} kv
 * @param {number} now Unix ms
 * @returns {Promise<number>} Unix ms, or Infinity
 */
export async function landDue(storage, kv, now) {
  /** @type {Record<string, true>} */
  const pending = (await storage.get(PENDING)) ?? {};
  let next = Infinity;
  for (const key of Object.keys(pending)) {
    if (flying(storage).has(key)) continue; // its call's end schedules it
    const dueAt = (/** @type {number | undefined} */ (await storage.get(lastCall(key))) ?? 0) + GAP_MS;
    if (dueAt <= now) await land(storage, kv, key);
    else next = Math.min(next, dueAt);
  }
  return next;
}

/**
 * One KV call for `key`, with its latest value.
 * @param {DurableObjectStorage} storage
 * @param {KVNamespace} kv
 * @param {string} key
 */
async function land(storage, kv, key) {
  const calls = flying(storage);
  calls.add(key);
  /** @type {string | null | undefined} */
  const value = await storage.get(latest(key));
  const landing = await storage.get(version(key));
  await storage.put(lastCall(key), Date.now());
  let landed = true;
  try {
    if (value !== undefined) await (value === null ? kv.delete(key) : kv.put(key, value));
  } catch (error) {
    landed = false;
    console.error(`edge-oauth: KV write of ${key} failed, retried in 1 s:`, error);
  }
  calls.delete(key);
  await storage.put(lastCall(key), Date.now());
  if (landed && (await storage.get(version(key))) === landing) {
    /** @type {Record<string, true>} */
    const pending = (await storage.get(PENDING)) ?? {};
    delete pending[key];
    await (Object.keys(pending).length ? storage.put(PENDING, pending) : storage.delete(PENDING));
  } else {
    await alarmBy(storage, Date.now() + GAP_MS); // a newer value, or this one again
  }
}

/**
 * @param {DurableObjectStorage} storage
 * @returns {Set<string>}
 */
function flying(storage) {
  return inFlight.get(storage) ?? /** @type {Set<string>} */ (inFlight.set(storage, new Set()).get(storage));
}
