// The Durable Object a Worker re-exports: one per installation, worldwide. It holds the
// installation's rotating tokens (bot and users) and refreshes each at most once at a time
// however many requests and isolates ask, remembers failures so nobody spends another attempt
// on a refresh that cannot succeed, and funnels the installation's KV writes so no key is
// written twice within a second (KV's limit). One more, named "states", records spent states.
import { DurableObject } from "cloudflare:workers";
import { SlackClient, isEdgeOAuthError } from "../workerd.mjs";
import * as kvWrites from "./kv-writes.mjs";
import * as ledger from "./ledger.mjs";
import { failed, nextStep, refreshed } from "./rotation.mjs";
import { alarmBy, deleteAll } from "./storage.mjs";

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
    await deleteAll(this.ctx.storage, ["bot", ...users.keys()]);
  }

  /** A KV key's value (JSON text, or null) as this object last wrote it, else as KV has it. */
  read(key) {
    return kvWrites.read(this.ctx.storage, this.env.SLACK_INSTALLATIONS, key);
  }

  /** Writes (or with `value` null, deletes) a KV key, at most once a second per key. */
  write(key, value) {
    return kvWrites.write(this.ctx.storage, this.env.SLACK_INSTALLATIONS, key, value);
  }

  /**
   * Changes the installation record at KV key `key` and queues its write: `patch`'s fields replace
   * the stored ones, `addUsers` and `removeUsers` edit its user list. Without `create`, a record
   * that is not stored stays so. Returns the record as written, or null.
   */
  updateRecord(key, patch, { addUsers = [], removeUsers = [], create = false } = {}) {
    return this.#serially(async () => {
      const stored = await this.#readRecord(key);
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
      const stored = await this.#readRecord(key);
      if (stored) await this.write(key, null);
      return stored;
    });
  }

  async #readRecord(key) {
    return JSON.parse((await this.read(key)) ?? "null");
  }

  /** Runs `change` after every change queued before it: a record read for the first time comes
   * from KV, which lets other calls in, so two installs at once could each drop the other's user. */
  #serially(change) {
    const done = this.#records.then(change);
    this.#records = done.catch(() => {});
    return done;
  }

  /** Lands the KV writes that are due and forgets expired states; wakes again for the rest. */
  async alarm() {
    const storage = this.ctx.storage;
    const now = Date.now();
    const next = Math.min(
      await kvWrites.landDue(storage, this.env.SLACK_INSTALLATIONS, now),
      await ledger.forgetExpired(storage, now),
    );
    if (next < Infinity) await alarmBy(storage, next);
  }

  /** True the first time a state's nonce is seen (this object is then a "states:…" one). */
  consume(nonce, expiresAtSeconds) {
    return ledger.consume(this.ctx.storage, nonce, expiresAtSeconds);
  }

  /** Whether a state's nonce was spent, without spending it. */
  spent(nonce) {
    return ledger.seen(this.ctx.storage, nonce);
  }
}

/** The answer a step gives without a refresh: the stored token, the error, or null to refresh. */
function answerWithout(state, step) {
  if (step.use) return { token: { access_token: state.access_token, expires_at: state.expires_at, refreshed: false } };
  return step.fail ? { error: step.fail } : null;
}
