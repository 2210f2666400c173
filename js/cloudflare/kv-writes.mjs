// An installation's KV writes, made by its Durable Object, the only writer of its keys. KV takes
// at most one write per key per second and may serve an older value for a while after a write,
// so the object keeps the latest value of every key it writes in its own storage, reads that
// first, and lands it in KV at once or, within a second of the key's last write, from its alarm.
// Storage calls let no other call in; a KV call does, which is why every step below is ordered.
import { alarmBy } from "./storage.mjs";

const GAP_MS = 1_000;
const PENDING = "kv-pending"; // { [key]: true }: keys whose latest value waits for its second
const latest = (key) => `kv:${key}`;
const written = (key) => `kv-written:${key}`;

/** The value of `key` (JSON text, or null) as this object last wrote it, else as KV has it. */
export async function read(storage, kv, key) {
  const value = await storage.get(latest(key));
  return value !== undefined ? value : kv.get(key);
}

/** Writes (or with `value` null, deletes) `key`: in KV now, or once its second has passed. */
export async function write(storage, kv, key, value) {
  await storage.put(latest(key), value);
  const pending = (await storage.get(PENDING)) ?? {};
  const last = (await storage.get(written(key))) ?? 0;
  if (Date.now() - last >= GAP_MS && !(key in pending)) return land(storage, kv, [key]);
  pending[key] = true;
  await storage.put(PENDING, pending);
  await alarmBy(storage, last + GAP_MS);
}

/** Lands the waiting keys whose second has passed; returns when the next of the others is due. */
export async function landDue(storage, kv, now) {
  const pending = (await storage.get(PENDING)) ?? {};
  const due = [];
  const waiting = {};
  let next = Infinity;
  for (const key of Object.keys(pending)) {
    const at = ((await storage.get(written(key))) ?? 0) + GAP_MS;
    if (at <= now) due.push(key);
    else [waiting[key], next] = [true, Math.min(next, at)];
  }
  if (next < Infinity) await storage.put(PENDING, waiting);
  else await storage.delete(PENDING);
  await land(storage, kv, due);
  return next;
}

/**
 * Puts the latest values of `keys` in KV. Their times are stored before the first KV call, so a
 * write of any of them that comes in meanwhile waits its second instead of going beside; each
 * value is read just before its KV call, so none older than the latest lands. A KV call that
 * fails puts its key and those after it back in the queue, and the error is thrown (an alarm is
 * then retried by the runtime).
 */
async function land(storage, kv, keys) {
  const now = Date.now();
  for (const key of keys) await storage.put(written(key), now);
  for (const [i, key] of keys.entries()) {
    try {
      const value = await storage.get(latest(key));
      if (value === undefined) continue;
      await (value === null ? kv.delete(key) : kv.put(key, value));
    } catch (error) {
      await requeue(storage, keys.slice(i), now);
      throw error;
    }
  }
}

async function requeue(storage, keys, now) {
  const pending = (await storage.get(PENDING)) ?? {};
  for (const key of keys) pending[key] = true;
  await storage.put(PENDING, pending);
  await alarmBy(storage, now + GAP_MS);
}
