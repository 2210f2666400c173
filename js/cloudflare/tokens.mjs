// The Durable Object a Worker re-exports: one per installation, worldwide. It holds the
// installation's rotating tokens (bot and users), sealed with TOKEN_KEYS, and refreshes each at
// most once at a time however many requests and isolates ask, remembers failures so nobody
// spends another attempt on a refresh that cannot succeed, makes every change of the
// installation record one at a time (saves, and Slack's events, each applied once and never
// over a newer save), and funnels the installation's KV writes so no key is written twice within
// a second (KV's limit). Others, named "states:…", record spent states.
import { DurableObject } from "cloudflare:workers";
import { SlackClient, isEdgeOAuthError } from "../workerd.mjs";
import { edgeOAuthError } from "../errors.mjs";
import * as kvWrites from "./kv-writes.mjs";
import * as ledger from "./ledger.mjs";
import { keyring, open, seal } from "./keys.mjs";
import { merged, olderThan, userKey } from "./records.mjs";
import { errorFields, failed, nextStep, refreshed } from "./rotation.mjs";
import { alarmBy, deleteAll } from "./storage.mjs";

/**
 * @typedef {import("./cloudflare.js").SlackInstallationsEnv} SlackInstallationsEnv
 * @typedef {import("../errors.mjs").ErrorFields} ErrorFields
 * @typedef {import("./records.mjs").InstallationRecord} InstallationRecord
 * @typedef {import("./records.mjs").TokenEntry} TokenEntry
 * @typedef {import("./rotation.mjs").TokenState} TokenState
 * A token's state as stored: the pair sealed (a state from before pairs were sealed holds it
 * in the clear).
 * @typedef {Omit<TokenState, "access_token" | "refresh_token"> & { sealed?: import("./keys.mjs").Sealed }} StoredState
 * What `token` answers: a token, the error of its refresh, or neither if there is no such token.
 * @typedef {{ token?: import("./cloudflare.js").SlackToken, error?: ErrorFields }} TokenAnswer
 * A Slack event applied to the installation: its `event_id`, and its `event_time` in ms.
 * @typedef {{ id?: string, at: number }} EventStamp
 * The env with its `SLACK_TOKENS` as the namespace of this class (the public type says any
 * namespace: the Worker's configuration makes it this one).
 * @typedef {Omit<SlackInstallationsEnv, "SLACK_TOKENS"> & { SLACK_TOKENS: DurableObjectNamespace<SlackTokens> }} TokensEnv
 */

/** How long an applied event's id is remembered: Slack retries within minutes. */
const EVENT_MEMORY_SECONDS = 3600;

/** @extends {DurableObject<SlackInstallationsEnv>} */
export class SlackTokens extends DurableObject {
  /** @type {Map<string, Promise<TokenAnswer>>} */
  #inflight = new Map();
  /**
   * The last record change queued: changes run one at a time (see #serially).
   * @type {Promise<unknown>}
   */
  #records = Promise.resolve();
  /** @type {Promise<import("./keys.mjs").Keyring> | undefined} */
  #ring;

  #keys() {
    return (this.#ring ??= keyring(this.env.TOKEN_KEYS));
  }

  /** Stores an install as one change: the installation record (`key`, `patch`), the rotating
   * pairs (`{ [which]: pair }`, `which` as in `token`), and the user's record, if any (KV key
   * `at`, `user`). Returns the installation record as written.
   * @param {string} key
   * @param {import("./records.mjs").RecordPatch} patch
   * @param {Record<string, TokenState>} rotating
   * @param {string | undefined} at
   * @param {TokenEntry | undefined} user
   * @returns {Promise<InstallationRecord>}
   */
  install(key, patch, rotating, at, user) {
    return this.#serially(async () => {
      if (user) await this.write(/** @type {string} */ (at), JSON.stringify(user));
      for (const which in rotating) await this.#store(which, rotating[which]);
      const record = merged(await this.#readRecord(key), patch, user ? [/** @type {string} */ (user.user_id)] : []);
      await this.write(key, JSON.stringify(record));
      return record;
    });
  }

  /**
   * A token (`which` is "bot" or "user:<id>") with more than `marginMs` of life left, refreshed
   * first if needed: `{ token }`, `{ error }` (an EdgeOAuthError's fields), or `{}` if none.
   * @param {string} which
   * @param {number} marginMs
   * @returns {Promise<TokenAnswer>}
   */
  async token(which, marginMs) {
    const { state } = await this.#load(which);
    if (!state) return {};
    const ready = answerWithout(state, marginMs);
    if (ready) return ready;
    if (!this.#inflight.has(which)) {
      this.#inflight.set(which, this.refresh(which, marginMs).finally(() => this.#inflight.delete(which)));
    }
    return /** @type {Promise<TokenAnswer>} */ (this.#inflight.get(which));
  }

  /** Refreshes `which` unless its state no longer needs it. Whenever the stored pair changed
   * meanwhile (a reinstall, a revocation), it starts again from what is stored, so a newer pair
   * is never overwritten and a forgotten one never comes back.
   * @param {string} which
   * @param {number} marginMs
   * @returns {Promise<TokenAnswer>}
   */
  async refresh(which, marginMs) {
    const { stored, state } = await this.#load(which);
    // A refresh that ended while this caller was reading the old state has already done the work.
    if (!state) return {};
    const ready = answerWithout(state, marginMs);
    if (ready) return ready;
    const slack = new SlackClient(undefined, { slackApiUrl: this.env.SLACK_API_URL || undefined });
    // Should this object be reset while Slack answers, the next attempt learns that the refresh
    // token may be spent (`failed` says so).
    const began = { ...stored, refreshing: Date.now() };
    if (!(await this.#swap(which, stored, began))) return this.refresh(which, marginMs);
    try {
      const answer = await slack.oauth.v2.access({
        client_id: this.env.SLACK_CLIENT_ID,
        client_secret: this.env.SLACK_CLIENT_SECRET,
        grant_type: "refresh_token",
        refresh_token: state.refresh_token,
      });
      // A user token's pair comes back at the top level (token_type "user", as Slack's SDKs read
      // it); an answer that nests it under authed_user is read there.
      const holder = which !== "bot" && answer.authed_user?.access_token ? answer.authed_user : answer;
      const next = refreshed(holder, Date.now());
      // An answer without a pair fails the refresh as any other failure does.
      if (!next) {
        throw edgeOAuthError({ kind: "decode", provider: "slack", method: "oauth.v2.access", code: "invalid_response",
          message: "Slack's refresh answer had no new token pair; the old one is kept" });
      }
      if (!(await this.#store(which, next, began))) return this.refresh(which, marginMs);
      return { token: { access_token: next.access_token, expires_at: next.expires_at, refreshed: true } };
    } catch (thrown) {
      if (!isEdgeOAuthError(thrown)) throw thrown;
      // The failure is remembered, and answered until the next attempt.
      const error = errorFields(thrown, "retryAfter");
      const next = failed(state, error, Date.now());
      if (/** @type {{ interrupted?: boolean } | undefined} */ (next.failure.error.data)?.interrupted) console.error(`edge-oauth: ${which}: ${next.failure.error.message}`);
      if (!(await this.#store(which, next, began))) return this.refresh(which, marginMs);
      return answerWithout(next, Infinity) ?? { error };
    }
  }

  /** `{ stored, state }`: the stored value of `which` and its state with the pair opened, or `{}`.
   * A pair sealed under a key that is no longer the first of `TOKEN_KEYS` is sealed again under
   * it (then `stored` is that value), so the old key can be retired.
   * @param {string} which
   * @returns {Promise<{ stored: StoredState, state: TokenState } | { stored?: undefined, state?: undefined }>}
   */
  async #load(which) {
    /** @type {StoredState | undefined} */
    const stored = await this.ctx.storage.get(which);
    if (!stored) return {};
    const ring = await this.#keys();
    const { sealed, ...rest } = stored;
    // A state from before pairs were sealed is read as it is, and sealed now.
    /** @type {TokenState} */
    const state = sealed ? { ...rest, ...(await open(ring, `tokens/${which}`, sealed)) } : /** @type {TokenState} */ (rest);
    if (sealed?.kid === ring.current) return { stored, state };
    return { stored: (await this.#store(which, state, stored)) || stored, state };
  }

  /**
   * Stores `state` with its pair sealed; with `expected` (the stored value it was derived from),
   * only if `which` still holds that pair: not forgotten (tokens_revoked, uninstall) nor replaced
   * by a reinstall meanwhile, so nothing revoked comes back. Returns the value stored, or null.
   * @param {string} which
   * @param {TokenState} state
   * @param {StoredState} [expected]
   * @returns {Promise<StoredState | null>}
   */
  async #store(which, state, expected) {
    const { access_token, refresh_token, ...rest } = state;
    const value = { ...rest, sealed: await seal(await this.#keys(), `tokens/${which}`, { access_token, refresh_token }) };
    if (!expected) await this.ctx.storage.put(which, value);
    return !expected || (await this.#swap(which, expected, value)) ? value : null;
  }

  /** Puts `value` if `which` still holds `expected`'s pair. No other call runs between the read
   * and the write: neither awaits anything but storage.
   * @param {string} which
   * @param {StoredState} expected
   * @param {StoredState} value
   * @returns {Promise<boolean>}
   */
  async #swap(which, expected, value) {
    if ((/** @type {StoredState | undefined} */ (await this.ctx.storage.get(which)))?.sealed?.ct !== expected.sealed?.ct) return false;
    await this.ctx.storage.put(which, value);
    return true;
  }

  /** Forgets tokens: the one named, or all of them. KV writes still queued are kept: they may be
   * the very deletions of the installation.
   * @param {string} [which]
   * @returns {Promise<void>}
   */
  async forget(which) {
    await deleteAll(this.ctx.storage, which ? [which] : ["bot", ...(await this.ctx.storage.list({ prefix: "user:" })).keys()]);
  }

  /**
   * A KV key's value (JSON text, or null) as this object last wrote it, else as KV has it.
   * @param {string} key
   * @returns {Promise<string | null>}
   */
  read(key) {
    return kvWrites.read(this.ctx.storage, this.env.SLACK_INSTALLATIONS, key);
  }

  /**
   * Writes (or with `value` null, deletes) a KV key, at most once a second per key.
   * @param {string} key
   * @param {string | null} value
   * @returns {Promise<void>}
   */
  write(key, value) {
    return kvWrites.write(this.ctx.storage, this.env.SLACK_INSTALLATIONS, key, value);
  }

  /**
   * Deletes the installation at record `key`, its users' tokens and its rotating tokens, unless
   * the event asking (`{ id?, at }`: Slack's event_id, and its event_time in ms) was applied
   * before or is older than the record's last save. Returns "deleted", "missing", "stale" or "duplicate".
   * @param {string} key
   * @param {EventStamp} [event]
   * @returns {Promise<"deleted" | "missing" | "stale" | "duplicate">}
   */
  uninstall(key, event) {
    return this.#applying(event, async () => {
      const stored = await this.#readRecord(key);
      if (!stored) return "missing";
      // A record from before `updated_at` gives NaN: no event is older.
      if (olderThan(event?.at, Date.parse(/** @type {string} */ (stored.updated_at)))) return "stale";
      await this.write(key, null);
      for (const user of stored.users ?? []) await this.write(userKey(key, user), null);
      await this.forget();
      return "deleted";
    });
  }

  /** Deletes the bot token (if `bot`) and the tokens of `users` of the installation at record
   * `key`, each unless saved after the event asking (as `uninstall`). Returns "revoked", "stale"
   * (none was older than the event) or "duplicate".
   * @param {string} key
   * @param {boolean} bot
   * @param {string[]} users
   * @param {EventStamp} [event]
   * @returns {Promise<"revoked" | "stale" | "duplicate">}
   */
  revoke(key, bot, users, event) {
    return this.#applying(event, async () => {
      const stored = await this.#readRecord(key);
      const revokeBot = bot && !olderThan(event?.at, stored?.bot?.saved_at);
      /** @type {string[]} */
      const revokedUsers = [];
      for (const user of users) {
        const at = userKey(key, user);
        /** @type {TokenEntry | null} */
        const saved = await this.#readRecord(at);
        if (olderThan(event?.at, saved?.saved_at)) continue;
        revokedUsers.push(user);
        await this.write(at, null);
        await this.forget(`user:${user}`);
      }
      if (revokeBot) await this.forget("bot");
      if (!revokeBot && !revokedUsers.length) return "stale";
      if (stored) await this.write(key, JSON.stringify(merged(stored, revokeBot ? { bot: null } : {}, [], revokedUsers)));
      return "revoked";
    });
  }

  /** Replaces the sealed token of the record at `key` (of its `holder` field, e.g. "bot") by
   * `to`, if it still is `from`: a token sealed under a retired key, sealed again.
   * @param {string} key
   * @param {"bot" | undefined} holder
   * @param {import("./keys.mjs").Sealed} from
   * @param {import("./keys.mjs").Sealed} to
   * @returns {Promise<void>}
   */
  reseal(key, holder, from, to) {
    return this.#serially(async () => {
      /** @type {{ bot?: TokenEntry | null, sealed?: import("./keys.mjs").Sealed } | null} */
      const record = await this.#readRecord(key); // the installation's record, or a user's
      const entry = holder ? record?.[holder] : record;
      if (entry?.sealed?.ct !== from.ct) return;
      entry.sealed = to;
      await this.write(key, JSON.stringify(record));
    });
  }

  /** Runs `change` one at a time, once per event: a Slack event (retried, or replayed) that was
   * applied already is a "duplicate"; one that found its installation is remembered for an hour.
   * @template {string} Outcome
   * @param {EventStamp | undefined} event
   * @param {() => Promise<Outcome>} change
   * @returns {Promise<Outcome | "duplicate">}
   */
  #applying(event, change) {
    return this.#serially(async () => {
      const nonce = event?.id && `event:${event.id}`;
      if (nonce && (await ledger.seen(this.ctx.storage, nonce))) return "duplicate";
      const outcome = await change();
      if (nonce && outcome !== "missing") await ledger.consume(this.ctx.storage, nonce, Date.now() / 1000 + EVENT_MEMORY_SECONDS);
      return outcome;
    });
  }

  /**
   * A record (JSON) from KV: the installation's, unless `key` is a user's.
   * @template [T=InstallationRecord]
   * @param {string} key
   * @returns {Promise<T | null>}
   */
  async #readRecord(key) {
    return JSON.parse((await this.read(key)) ?? "null");
  }

  /** Runs `change` after every change queued before it: a record read for the first time comes
   * from KV, which lets other calls in, so two installs at once could each drop the other's user.
   * @template T
   * @param {() => Promise<T>} change
   * @returns {Promise<T>}
   */
  #serially(change) {
    const done = this.#records.then(change);
    this.#records = done.catch(() => {});
    return done;
  }

  /**
   * Lands the KV writes that are due and forgets expired states; wakes again for the rest.
   * @override
   */
  async alarm() {
    const now = Date.now();
    const next = Math.min(
      await kvWrites.landDue(this.ctx.storage, this.env.SLACK_INSTALLATIONS, now),
      await ledger.forgetExpired(this.ctx.storage, now),
    );
    if (next < Infinity) await alarmBy(this.ctx.storage, next);
  }

  /**
   * True the first time a state's nonce is seen (this object is then a "states:…" one).
   * @param {string} nonce
   * @param {number} expiresAtSeconds
   * @returns {Promise<boolean>}
   */
  consume(nonce, expiresAtSeconds) {
    return ledger.consume(this.ctx.storage, nonce, expiresAtSeconds);
  }

  /**
   * Whether a state's nonce was spent, without spending it.
   * @param {string} nonce
   * @returns {Promise<boolean>}
   */
  spent(nonce) {
    return ledger.seen(this.ctx.storage, nonce);
  }
}

/**
 * The answer without a refresh, `marginMs` ahead: the stored token, the error, or null to refresh.
 * @param {TokenState} state
 * @param {number} marginMs
 * @returns {TokenAnswer | null}
 */
function answerWithout(state, marginMs) {
  const step = nextStep(state, Date.now(), marginMs);
  if (step.use) return { token: { access_token: state.access_token, expires_at: state.expires_at, refreshed: false } };
  return step.fail ? { error: step.fail } : null;
}
