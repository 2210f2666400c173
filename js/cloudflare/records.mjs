// An installation as KV holds it: its keys, how a save changes the record, and whether an event
// is older than what it would delete. Pure functions: the Durable Object applies them one at a
// time (tokens.mjs), the store names what to apply (store.mjs).

/**
 * A token holder's entry (the bot's, in the installation record; a user's, its own record): the
 * token sealed here, or, when it rotates, in the installation's Durable Object.
 * @typedef {object} TokenEntry
 * @property {string} [user_id]
 * @property {string[]} scopes
 * @property {boolean} rotating
 * @property {number} [saved_at] Unix ms
 * @property {import("./keys.mjs").Sealed} [sealed] `{ token }`, unless it rotates
 */
/**
 * An installation's record as KV holds it: `SlackInstallation` with the bot's entry (records
 * from before `updated_at` existed lack it).
 * @typedef {Omit<import("./cloudflare.js").SlackInstallation, "bot" | "updated_at"> & { bot: TokenEntry | null, updated_at?: string }} InstallationRecord
 * What a save changes of a record.
 * @typedef {Partial<InstallationRecord>} RecordPatch
 */

/** @type {(id: string) => string} */
export const recordKey = (id) => `v1/installation/${id}`;
/** A user's key, from the installation's record key. */
/** @type {(key: string, user: string) => string} */
export const userKey = (key, user) => `${key}/user/${user}`;

/** The record after a save: `patch`'s fields replace the stored ones (a save without a bot token
 * names no installer), `addUsers` and `removeUsers` edit the user list.
 * @param {InstallationRecord | null} stored
 * @param {RecordPatch} patch
 * @param {string[]} [addUsers]
 * @param {string[]} [removeUsers]
 * @returns {InstallationRecord}
 */
export function merged(stored, patch, addUsers = [], removeUsers = []) {
  const users = (stored?.users ?? []).filter((user) => !removeUsers.includes(user));
  for (const user of addUsers) if (!users.includes(user)) users.push(user);
  // A save's patch names every field of a new record (store.mjs).
  const record = /** @type {InstallationRecord} */ ({ ...stored, ...patch, users });
  record.installed_at ??= /** @type {string} */ (record.updated_at); // a patch has updated_at
  return record;
}

/** Whether an event at `eventMs` is older than something saved at `savedMs` (either may be
 * unknown: then it is not). A save in the event's own second counts as newer: a revoked token
 * that survives fails at Slack, while a deleted installation is lost.
 * @param {number | undefined} eventMs
 * @param {number | undefined} savedMs
 * @returns {boolean}
 */
export function olderThan(eventMs, savedMs) {
  // Number.isFinite is no type guard: the casts say what it checked.
  return Number.isFinite(eventMs) && Number.isFinite(savedMs) && /** @type {number} */ (savedMs) >= /** @type {number} */ (eventMs);
}
