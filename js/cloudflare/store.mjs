// Installations in Workers KV, keyed as Slack's SDKs key them: an org-wide install by its
// enterprise, any other by its workspace (team), a user's token under its installation. The
// keys of the two levels never meet, so a workspace install inside an enterprise cannot
// overwrite the org-wide one, nor the other way round. Tokens are sealed (keys.mjs); rotating
// ones live in the installation's Durable Object (tokens.mjs), which also makes every KV write.
import { SlackClient } from "../workerd.mjs";
import { edgeOAuthError } from "../errors.mjs";
import { keyring, open, seal } from "./keys.mjs";

const DEFAULT_MARGIN_SECONDS = 300;

/** The installation id of an `oauth.v2.access` answer: `E…` org-wide, else `T…`. */
export function installationId(answer) {
  return answer.is_enterprise_install ? answer.enterprise?.id : answer.team?.id;
}

const recordKey = (id) => `v1/installation/${id}`;
const userKey = (id, user) => `v1/installation/${id}/user/${user}`;
/** Only team (`T…`) and enterprise (`E…`) ids name installations. */
const isId = (id) => typeof id === "string" && /^[TE][A-Z0-9]{1,31}$/.test(id);

export class SlackInstallationStore {
  #env;
  #ring;
  #marginMs;
  #slack;

  constructor(env, { refreshMarginSeconds = DEFAULT_MARGIN_SECONDS, slack = {} } = {}) {
    this.#env = env;
    this.#marginMs = refreshMarginSeconds * 1000;
    this.#slack = { slackApiUrl: env.SLACK_API_URL || undefined, ...slack };
  }

  #keys() {
    this.#ring ??= keyring(this.#env.TOKEN_KEYS);
    return this.#ring;
  }

  #object(id) {
    const tokens = this.#env.SLACK_TOKENS;
    return tokens.get(tokens.idFromName(id));
  }

  /** Stores what `oauth.v2.access` answered, merged with what is stored; returns the installation. */
  async save(answer, now = Date.now()) {
    const id = installationId(answer);
    if (!isId(id)) throw new Error("the answer names no workspace or org-wide installation");
    const ring = await this.#keys();
    const object = this.#object(id);
    const rotating = {};
    // What this answer says; the Durable Object merges it into what is stored.
    const patch = {
      id,
      is_enterprise_install: Boolean(answer.is_enterprise_install),
      team: answer.team ?? null,
      enterprise: answer.enterprise ?? null,
      app_id: answer.app_id,
      installer_user_id: answer.authed_user?.id,
      installed_at: new Date(now).toISOString(),
    };
    if (answer.access_token) {
      patch.bot = { user_id: answer.bot_user_id, scopes: scopes(answer.scope), rotating: Boolean(answer.refresh_token) };
      if (answer.refresh_token) rotating.bot = pair(answer, now);
      else patch.bot.sealed = await seal(ring, recordKey(id), { token: answer.access_token });
    }
    const user = answer.authed_user;
    const addUsers = [];
    if (user?.access_token) {
      const userRecord = { user_id: user.id, scopes: scopes(user.scope), rotating: Boolean(user.refresh_token) };
      if (user.refresh_token) rotating.users = { [user.id]: pair(user, now) };
      else userRecord.sealed = await seal(ring, userKey(id, user.id), { token: user.access_token });
      addUsers.push(user.id);
      await object.write(userKey(id, user.id), JSON.stringify(userRecord));
    }
    if (rotating.bot || rotating.users) await object.seed(rotating);
    return publicView(await object.updateRecord(recordKey(id), patch, { addUsers, create: true }));
  }

  /** A workspace's install by team id (also inside an enterprise), an org-wide one by enterprise id. */
  async find(id) {
    const record = isId(id) ? await this.#env.SLACK_INSTALLATIONS.get(recordKey(id), "json") : null;
    return record && publicView(record);
  }

  botToken(id) {
    return this.#token(id, recordKey(id), "bot", (record) => record.bot);
  }

  userToken(id, userId) {
    return this.#token(id, userKey(id, userId), `user:${userId}`, (record) => record);
  }

  /** `{ access_token, expires_at, refreshed }`, null if there is no such token, or throws an
   * EdgeOAuthError (`reinstall_required`, or the transient failure being backed off). */
  async #token(id, key, which, holder) {
    if (!isId(id)) return null;
    const record = await this.#env.SLACK_INSTALLATIONS.get(key, "json");
    const entry = record && holder(record);
    if (!entry) return null;
    if (!entry.rotating) {
      const { token } = await open(await this.#keys(), key, entry.sealed);
      return { access_token: token, expires_at: null, refreshed: false };
    }
    const { token, error } = await this.#object(id).token(which, this.#marginMs);
    if (error) throw edgeOAuthError(error);
    return token ?? null;
  }

  /** Revokes the installation's tokens at Slack (`auth.revoke`), then deletes it. */
  async uninstall(id) {
    const record = await this.find(id);
    if (!record) return false;
    const tokens = [await this.botToken(id).catch(() => null)];
    for (const user of record.users) tokens.push(await this.userToken(id, user).catch(() => null));
    for (const token of tokens.filter(Boolean)) {
      // A token Slack no longer knows is as good as revoked.
      await new SlackClient(token.access_token, this.#slack).auth.revoke().catch(ignoreRevoked);
    }
    return this.delete(id);
  }

  /** Deletes the installation and its users' tokens (Slack already knows: `app_uninstalled`). */
  async delete(id) {
    const object = isId(id) ? this.#object(id) : null;
    const record = object && (await object.removeRecord(recordKey(id)));
    if (!record) return false;
    for (const user of record.users ?? []) await object.write(userKey(id, user), null);
    await object.forget();
    return true;
  }

  /** Deletes the bot token and/or the listed users' tokens (`tokens_revoked`). */
  async deleteTokens(id, { bot = false, users = [] }) {
    if (!isId(id) || (!bot && !users.length)) return;
    const object = this.#object(id);
    for (const user of users) {
      await object.write(userKey(id, user), null);
      await object.forget(`user:${user}`);
    }
    if (bot) await object.forget("bot");
    await object.updateRecord(recordKey(id), bot ? { bot: null } : {}, { removeUsers: users });
  }
}

function scopes(text) {
  return text ? text.split(",") : [];
}

/** A rotating pair as the Durable Object keeps it; without `expires_in`, refresh on first use. */
function pair(holder, now) {
  const lifetime = Number.isInteger(holder.expires_in) && holder.expires_in > 0 ? holder.expires_in : 0;
  return { access_token: holder.access_token, refresh_token: holder.refresh_token, expires_at: now + lifetime * 1000 };
}

/** An installation as callers see it: no sealed tokens. */
function publicView(record) {
  const bot = record.bot && { user_id: record.bot.user_id, scopes: record.bot.scopes, rotating: record.bot.rotating };
  const { id, is_enterprise_install, team, enterprise, app_id, installer_user_id, users, installed_at } = record;
  return { id, is_enterprise_install, team, enterprise, app_id, installer_user_id, bot: bot ?? null, users, installed_at };
}

function ignoreRevoked(error) {
  if (!["invalid_auth", "token_revoked", "account_inactive", "not_authed"].includes(error?.code)) throw error;
}
