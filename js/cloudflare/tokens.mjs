// The Durable Object a Worker re-exports: one per installation, worldwide. It holds the
// installation's rotating tokens (bot and users) and refreshes each at most once at a time
// however many requests and isolates ask, remembers failures so nobody spends another attempt
// on a refresh that cannot succeed, and funnels the installation's KV writes so no key is
// written twice within a second (KV's limit). One more, named "states", records spent states.
import { DurableObject } from "cloudflare:workers";
import { SlackClient, isEdgeOAuthError } from "../workerd.mjs";
import { failed, nextStep, refreshed } from "./rotation.mjs";

const KV_WRITE_GAP_MS = 1_000;
const STATE_CLOCK_GRACE_MS = 60_000;

export class SlackTokens extends DurableObject {
  inflight = new Map();
  /** The last record change queued: changes run one at a time (see updateRecord). */
  #records = Promise.resolve();

  /** Stores rotating pairs: `{ bot?: state, users?: { [user_id]: state } }`. */
  async seed({ bot, users = {} }) {
    const entries = Object.entries(users).map(([id, state]) => [`user:${id}`, state]);
    if (bot) entries.push(["bot", bot]);
    await this.ctx.storage.put(Object.fromEntries(entries));
  }

  /**
   * A token (`which` is "bot" or "user:<id>") with more than `marginMs` of life left, refreshed
   * first if needed: `{ token }`, `{ error }` (an EdgeOAuthError's fields), or `{}` if none.
   */
  async token(which, marginMs) {
    const state = await this.ctx.storage.get(which);
    if (!state) return {};
    const ready = answerWithout(state, nextStep(state, Date.now(), marginMs));
    if (ready) return ready;
    if (!this.inflight.has(which)) {
      this.inflight.set(which, this.refresh(which, marginMs).finally(() => this.inflight.delete(which)));
    }
    return this.inflight.get(which);
  }

  async refresh(which, marginMs) {
    const state = await this.ctx.storage.get(which);
    // A refresh that ended while this caller was reading the old state has already done the work.
    if (!state) return {};
    const ready = answerWithout(state, nextStep(state, Date.now(), marginMs));
    if (ready) return ready;
    const slack = new SlackClient(undefined, { slackApiUrl: this.env.SLACK_API_URL || undefined });
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
      const next = refreshed(state, holder, Date.now());
      if (!(await this.holds(which, state))) return {};
      if (!next) {
        const error = { kind: "decode", provider: "slack", method: "oauth.v2.access", code: "invalid_response",
          message: "Slack's refresh answer lacked a valid access_token, refresh_token or expires_in; the old pair is kept" };
        return this.remember(which, state, error);
      }
      await this.ctx.storage.put(which, next);
      return { token: { access_token: next.access_token, expires_at: next.expires_at, refreshed: true } };
    } catch (error) {
      if (!isEdgeOAuthError(error)) throw error;
      const { kind, provider, method, code, status, retryAfter, message } = error;
      if (!(await this.holds(which, state))) return {};
      return this.remember(which, state, { kind, provider, method, code, status, retryAfter, message });
    }
  }

  /** Whether `which` still holds `state`'s pair: not forgotten (tokens_revoked, uninstall) nor
   * replaced by a reinstall while Slack was being asked, so nothing revoked comes back. */
  async holds(which, state) {
    return (await this.ctx.storage.get(which))?.refresh_token === state.refresh_token;
  }

  /** Remembers a failed refresh and answers what callers get until the next attempt. */
  async remember(which, state, error) {
    const next = failed(state, error, Date.now());
    await this.ctx.storage.put(which, next);
    return answerWithout(next, nextStep(next, Date.now(), Infinity)) ?? { error };
  }

  /** Forgets tokens: the one named, or all of them. KV writes still queued are kept: they may be
   * the very deletions of the installation. */
  async forget(which) {
    if (which) return void (await this.ctx.storage.delete(which));
    const users = await this.ctx.storage.list({ prefix: "user:" });
    await this.#deleteAll(["bot", ...users.keys()]);
  }

  /** A KV key's value (JSON text, or null) as it will be once the queued writes land. */
  async read(key) {
    const pending = (await this.ctx.storage.get("kv-pending")) ?? {};
    return key in pending ? pending[key] : this.env.SLACK_INSTALLATIONS.get(key);
  }

  /**
   * Changes the installation record at KV key `key` and queues its write: `patch`'s fields replace
   * the stored ones, `addUsers` and `removeUsers` edit its user list. Without `create`, a record
   * that is not stored stays so. Returns the record as written, or null.
   */
  updateRecord(key, patch, { addUsers = [], removeUsers = [], create = false } = {}) {
    return this.#serially(async () => {
      const stored = JSON.parse((await this.read(key)) ?? "null");
      if (!stored && !create) return null;
      const users = (stored?.users ?? []).filter((user) => !removeUsers.includes(user));
      for (const user of addUsers) if (!users.includes(user)) users.push(user);
      const record = { ...stored, ...patch, users };
      await this.write(key, JSON.stringify(record));
      return record;
    });
  }

  /** Deletes the installation record at KV key `key`; returns it as it was, or null. */
  removeRecord(key) {
    return this.#serially(async () => {
      const stored = JSON.parse((await this.read(key)) ?? "null");
      if (stored) await this.write(key, null);
      return stored;
    });
  }

  /** Runs `change` after every change queued before it: a record is read from KV, which lets
   * other calls in meanwhile, so two installs at once would otherwise each drop the other's user. */
  #serially(change) {
    const done = this.#records.then(change);
    this.#records = done.catch(() => {});
    return done;
  }

  /** Writes (or with `value` null, deletes) a KV key, at most once a second per key. */
  async write(key, value) {
    const pending = (await this.ctx.storage.get("kv-pending")) ?? {};
    const last = (await this.ctx.storage.get(`kv-written:${key}`)) ?? 0;
    if (Date.now() - last >= KV_WRITE_GAP_MS && !(key in pending)) return this.flushOne(key, value);
    pending[key] = value;
    await this.ctx.storage.put("kv-pending", pending);
    await this.#alarmBy(last + KV_WRITE_GAP_MS);
  }

  /** Writes a KV key now. The time is stored first: a KV call lets other calls in, and one
   * writing the same key meanwhile must then queue behind this write, not make a second. */
  async flushOne(key, value) {
    await this.ctx.storage.put(`kv-written:${key}`, Date.now());
    const kv = this.env.SLACK_INSTALLATIONS;
    await (value === null ? kv.delete(key) : kv.put(key, value));
  }

  /** Writes the KV values that are due and forgets expired states; wakes again for the rest. */
  async alarm() {
    const now = Date.now();
    const next = Math.min(await this.#flushDue(now), await this.#forgetExpiredStates(now));
    // Set outright: the alarm now ringing may still read as set.
    if (next < Infinity) await this.ctx.storage.setAlarm(next);
  }

  /** Writes the queued values whose key was last written a second ago or more; returns when the
   * next of the others is due. */
  async #flushDue(now) {
    const pending = (await this.ctx.storage.get("kv-pending")) ?? {};
    const due = [];
    const waiting = {};
    let next = Infinity;
    for (const [key, value] of Object.entries(pending)) {
      const at = ((await this.ctx.storage.get(`kv-written:${key}`)) ?? 0) + KV_WRITE_GAP_MS;
      if (at <= now) due.push([key, value]);
      else [waiting[key], next] = [value, Math.min(next, at)];
    }
    if (next < Infinity) await this.ctx.storage.put("kv-pending", waiting);
    else await this.ctx.storage.delete("kv-pending");
    for (const [key, value] of due) await this.flushOne(key, value);
    return next;
  }

  /** True the first time a state's nonce is seen (this object is then the "states" one). */
  async consume(nonce, expiresAtSeconds) {
    const key = `nonce:${nonce}`;
    if (await this.ctx.storage.get(key)) return false;
    await this.ctx.storage.put(key, expiresAtSeconds);
    await this.#alarmBy(forgetAt(expiresAtSeconds));
    return true;
  }

  /** Deletes the nonces of states that have expired (no callback accepts them any more, spent or
   * not), so the ledger holds only live ones; returns when the next expires. */
  async #forgetExpiredStates(now) {
    const nonces = await this.ctx.storage.list({ prefix: "nonce:" });
    const expired = [];
    let next = Infinity;
    for (const [key, expiresAtSeconds] of nonces) {
      const at = forgetAt(expiresAtSeconds);
      if (at <= now) expired.push(key);
      else next = Math.min(next, at);
    }
    await this.#deleteAll(expired);
    return next;
  }

  /** Deletes `keys`, however many: storage.delete takes at most 128 at once. */
  async #deleteAll(keys) {
    for (let i = 0; i < keys.length; i += 128) await this.ctx.storage.delete(keys.slice(i, i + 128));
  }

  /** Makes the alarm ring at `at` or sooner: one alarm serves the KV writes and the ledger. */
  async #alarmBy(at) {
    const set = await this.ctx.storage.getAlarm();
    if (set === null || set > at) await this.ctx.storage.setAlarm(at);
  }
}

/** The answer a step gives without a refresh: the stored token, the error, or null to refresh. */
function answerWithout(state, step) {
  if (step.use) return { token: { access_token: state.access_token, expires_at: state.expires_at, refreshed: false } };
  return step.fail ? { error: step.fail } : null;
}

/** When a spent state's nonce may be forgotten: after its expiry, with a minute's grace for a
 * Worker whose clock is behind this object's. */
const forgetAt = (expiresAtSeconds) => (Number(expiresAtSeconds) || 0) * 1000 + STATE_CLOCK_GRACE_MS;
