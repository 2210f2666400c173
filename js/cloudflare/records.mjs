// An installation as KV holds it: its keys, how a save changes the record, and whether an event
// is older than what it would delete. Pure functions: the Durable Object applies them one at a
// time (tokens.mjs), the store names what to apply (store.mjs).

export const recordKey = (id) => `v1/installation/${id}`;
/** A user's key, from the installation's record key. */
export const userKey = (key, user) => `${key}/user/${user}`;

/** The record after a save: `patch`'s fields replace the stored ones (a save without a bot token
 * names no installer), `addUsers` and `removeUsers` edit the user list. */
export function merged(stored, patch, addUsers = [], removeUsers = []) {
  const users = (stored?.users ?? []).filter((user) => !removeUsers.includes(user));
  for (const user of addUsers) if (!users.includes(user)) users.push(user);
  const record = { ...stored, ...patch, users };
  record.installed_at ??= record.updated_at;
  return record;
}

/** Whether an event at `eventMs` is older than something saved at `savedMs` (either may be
 * unknown: then it is not). A save in the event's own second counts as newer: a revoked token
 * that survives fails at Slack, while a deleted installation is lost. */
export function olderThan(eventMs, savedMs) {
  return Number.isFinite(eventMs) && Number.isFinite(savedMs) && savedMs >= eventMs;
}
