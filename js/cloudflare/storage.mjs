// Small steps on a Durable Object's storage that several of its jobs share.

/** Makes the object's one alarm ring at `at` or sooner (it serves every job that waits). While
 * `alarm()` runs, getAlarm() answers null, so a time set from there is set outright.
 * @param {DurableObjectStorage} storage
 * @param {number} at Unix ms
 * @returns {Promise<void>}
 */
export async function alarmBy(storage, at) {
  const set = await storage.getAlarm();
  if (set === null || set > at) await storage.setAlarm(at);
}

/**
 * Deletes `keys`, however many: storage.delete takes at most 128 at once.
 * @param {DurableObjectStorage} storage
 * @param {string[]} keys
 * @returns {Promise<void>}
 */
export async function deleteAll(storage, keys) {
  for (let i = 0; i < keys.length; i += 128) await storage.delete(keys.slice(i, i + 128));
}
