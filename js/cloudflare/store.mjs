// Installations in Workers KV, keyed as Slack's SDKs key them: an org-wide install by its
// enterprise, any other by its workspace (team), a user's token under its installation. The
// keys of the two levels never meet, so a workspace install inside an enterprise cannot
// overwrite the org-wide one, nor the other way round. Tokens are sealed (keys.mjs); rotating
// ones live in the installation's Durable Object (tokens.mjs), which also makes every KV write.
import { SlackClient } from "../workerd.mjs";
import { edgeOAuthError } from "../errors.mjs";
import { keyring, open, seal } from "./keys.mjs";
import { recordKey, userKey } from "./records.mjs";
import { pairOf } from "./rotation.mjs";

/**
 * @typedef {import("./cloudflare.js").SlackInstallationsEnv} SlackInstallationsEnv
 * @typedef {import("./cloudflare.js").SlackInstallation} SlackInstallation
 * @typedef {import("../index.js").OAuthV2AccessResponse} OAuthV2AccessResponse
 * @typedef {import("./records.mjs").InstallationRecord} InstallationRecord
 * @typedef {import("./records.mjs").TokenEntry} TokenEntry
 * @typedef {import("./keys.mjs").Sealed} Sealed
 * @typedef {import("./cloudflare.js").SlackInstallationStore} PublicStore
 * What is read of an Events API payload (any JSON; what has not this shape is ignored).
 * @typedef {object} EventPayload
 * @property {string} [type]
 * @property {unknown} [event_id]
 * @property {unknown} [event_time] Unix seconds
 * @property {string} [team_id]
 * @property {string} [enterprise_id]
 * @property {boolean} [is_enterprise_install]
 * @property {{ team_id?: string, enterprise_id?: string, is_enterprise_install?: boolean }[]} [authorizations]
 * @property {{ type?: string, tokens?: { oauth?: string[], bot?: string[] } }} [event]
 */

const DEFAULT_MARGIN_SECONDS = 300;
const MAX_MARGIN_SECONDS = 3600;

/**
 * The installation id of an `oauth.v2.access` answer: `E…` org-wide, else `T…`.
 * @param {OAuthV2AccessResponse} answer
 * @returns {string | undefined}
 */
export function installationId(answer) {
  return answer.is_enterprise_install ? answer.enterprise?.id : answer.team?.id;
}

/**
 * Only team (`T…`) and enterprise (`E…`) ids name installations.
 * @type {(id: unknown) => id is string}
 */
const isId = (id) => typeof id === "string" && /^[TE][A-Z0-9]{1,31}$/.test(id);

/** @implements {PublicStore} */
export class SlackInstallationStore {
  /** @type {import("./tokens.mjs").TokensEnv} */
  #env;
  /** @type {Promise<import("./keys.mjs").Keyring> | undefined} */
  #ring;
  /** @type {number} */
  #marginMs;
  /** @type {import("../index.js").SlackClientOptions} */
  #slack;

  /**
   * @param {SlackInstallationsEnv} env
   * @param {import("./cloudflare.js").SlackInstallationStoreOptions} [options]
   */
  constructor(env, { refreshMarginSeconds: margin = DEFAULT_MARGIN_SECONDS, slack = {} } = {}) {
    if (typeof margin !== "number" || !(margin >= 0 && margin <= MAX_MARGIN_SECONDS)) {
      throw new RangeError(`refreshMarginSeconds must be a number of seconds from 0 to ${MAX_MARGIN_SECONDS}`);
    }
    this.#env = /** @type {import("./tokens.mjs").TokensEnv} */ (/** @type {unknown} */ (env));
    this.#marginMs = margin * 1000;
    this.#slack = { slackApiUrl: env.SLACK_API_URL || undefined, ...slack };
  }

  #keys() {
    return (this.#ring ??= keyring(this.#env.TOKEN_KEYS));
  }

  /** Resolves once `TOKEN_KEYS` is usable; throws the SlackFlowError `invalid_token_keys`
   * otherwise. The install flow asks before it spends a code. */
  async ready() {
    await this.#keys();
  }

  /**
   * The installation's Durable Object.
   * @param {string} id
   * @returns {DurableObjectStub<import("./tokens.mjs").SlackTokens>}
   */
  #object(id) {
    return this.#env.SLACK_TOKENS.get(this.#env.SLACK_TOKENS.idFromName(id));
  }

  /**
   * Stores what `oauth.v2.access` answered, merged with what is stored; returns the installation.
   * @param {OAuthV2AccessResponse} answer
   * @param {number} [now] Unix ms
   * @returns {Promise<SlackInstallation>}
   */
  async save(answer, now = Date.now()) {
    const id = installationId(answer);
    if (!isId(id)) throw new Error("the answer names no workspace or org-wide installation");
    const ring = await this.#keys();
    const key = recordKey(id);
    /** @type {Record<string, import("./rotation.mjs").TokenState>} */
    const rotating = {};
    const updated_at = new Date(now).toISOString();
    const authed = answer.authed_user;
    // A holder's record (the answer holds the bot's token): a rotating pair goes to the Durable
    // Object as `which`, a plain token is sealed for its KV key `where`.
    /** @type {(holder: import("./rotation.mjs").TokenHolder, user_id: string | undefined, where: string, which: string) => Promise<TokenEntry>} */
    const entry = async (holder, user_id, where, which) => {
      /** @type {TokenEntry} */
      const record = { user_id, scopes: holder.scope ? holder.scope.split(",") : [], rotating: Boolean(holder.refresh_token), saved_at: now };
      if (record.rotating) rotating[which] = pairOf(holder, now);
      else record.sealed = await seal(ring, where, { token: holder.access_token });
      return record;
    };
    // What this answer says; the Durable Object merges it into what is stored. Only an install
    // (one with a bot token) names the installer; any authorization is the last one.
    /** @type {import("./records.mjs").RecordPatch} */
    const patch = {
      id,
      is_enterprise_install: Boolean(answer.is_enterprise_install),
      team: answer.team ?? null,
      enterprise: answer.enterprise ?? null,
      app_id: answer.app_id,
      last_authorizer_user_id: authed?.id,
      updated_at,
    };
    if (answer.access_token) {
      patch.installer_user_id = authed?.id;
      patch.installed_at = updated_at;
      patch.bot = await entry(answer, answer.bot_user_id, key, "bot");
    }
    /** @type {string | undefined} */
    let where;
    /** @type {TokenEntry | undefined} */
    let user;
    if (authed?.access_token) {
      where = userKey(key, authed.id);
      user = await entry(authed, authed.id, where, `user:${authed.id}`);
    }
    return publicView(await this.#object(id).install(key, patch, rotating, where, user));
  }

  /**
   * A workspace's install by team id (also inside an enterprise), an org-wide one by enterprise id.
   * @param {string} id
   * @returns {Promise<SlackInstallation | null>}
   */
  async find(id) {
    /** @type {InstallationRecord | null | false} */
    const record = isId(id) && (await this.#env.SLACK_INSTALLATIONS.get(recordKey(id), "json"));
    return record ? publicView(record) : null;
  }

  /**
   * @param {string} id
   * @returns {Promise<import("./cloudflare.js").SlackToken | null>}
   */
  botToken(id) {
    return this.#token(id, recordKey(id), "bot", "bot");
  }

  /**
   * @param {string} id
   * @param {string} userId
   * @returns {Promise<import("./cloudflare.js").SlackToken | null>}
   */
  userToken(id, userId) {
    return this.#token(id, userKey(recordKey(id), userId), `user:${userId}`);
  }

  /** `{ access_token, expires_at, refreshed }`, null if there is no such token, or throws an
   * EdgeOAuthError (`reinstall_required`, or the transient failure being backed off) or a
   * SlackFlowError (`key_missing`: sealed under a key TOKEN_KEYS no longer lists). A token sealed
   * under an older key is sealed again under the current one.
   * @param {string} id
   * @param {string} key the installation's record, or a user's
   * @param {string} which the token's name in the Durable Object
   * @param {"bot"} [holder] the record's field holding the token, if not the record itself
   * @returns {Promise<import("./cloudflare.js").SlackToken | null>}
   */
  async #token(id, key, which, holder) {
    if (!isId(id)) return null;
    /** @type {{ bot?: TokenEntry | null } & Partial<TokenEntry> | null} */
    const record = await this.#env.SLACK_INSTALLATIONS.get(key, "json");
    const entry = holder ? record?.[holder] : record;
    if (!entry) return null;
    if (!entry.rotating) {
      const ring = await this.#keys();
      const { token } = await open(ring, key, entry.sealed);
      // `entry.sealed` is there, else `open` threw.
      if (/** @type {Sealed} */ (entry.sealed).kid !== ring.current) {
        await this.#object(id).reseal(key, holder, /** @type {Sealed} */ (entry.sealed), await seal(ring, key, { token }));
      }
      return { access_token: token, expires_at: null, refreshed: false };
    }
    const { token, error } = await this.#object(id).token(which, this.#marginMs);
    if (error) throw edgeOAuthError(error);
    return token ?? null;
  }

  /**
   * Revokes the installation's tokens at Slack (`auth.revoke`), then deletes it.
   * @param {string} id
   * @returns {Promise<boolean>}
   */
  async uninstall(id) {
    const record = await this.find(id);
    if (!record) return false;
    const tokens = [await this.botToken(id).catch(() => null)];
    for (const user of record.users) tokens.push(await this.userToken(id, user).catch(() => null));
    for (const token of tokens.filter((token) => token !== null)) {
      // A token Slack no longer knows is as good as revoked.
      await new SlackClient(token.access_token, this.#slack).auth.revoke().catch(ignoreRevoked);
    }
    return this.delete(id);
  }

  /**
   * Deletes the installation and its users' tokens (Slack already knows: `app_uninstalled`).
   * @param {string} id
   * @returns {Promise<boolean>}
   */
  async delete(id) {
    return isId(id) && (await this.#object(id).uninstall(recordKey(id))) === "deleted";
  }

  /**
   * Deletes the bot token and/or the listed users' tokens (`tokens_revoked`).
   * @param {string} id
   * @param {{ bot?: boolean, users?: string[] }} tokens
   * @returns {Promise<void>}
   */
  async deleteTokens(id, { bot = false, users = [] }) {
    if (isId(id) && (bot || users.length)) await this.#object(id).revoke(recordKey(id), bot, users);
  }

  /**
   * Applies Slack's `app_uninstalled` or `tokens_revoked` event (the request's payload) once:
   * a retried or replayed `event_id` is a "duplicate", an event older than the save it would
   * delete is "stale". An org-wide uninstall whose payload names only a workspace deletes the
   * enterprise's install when that workspace has none. Resolves to "deleted", "revoked",
   * "stale", "duplicate", "missing" or "ignored" (another event).
   * @param {EventPayload | null | undefined} payload
   * @returns {Promise<import("./cloudflare.js").SlackEventOutcome>}
   */
  async applyEvent(payload) {
    const event = payload?.type === "event_callback" ? payload.event : undefined;
    const id = installationOf(payload);
    const stamp = { id: typeof payload?.event_id === "string" ? payload.event_id : undefined, at: Number(payload?.event_time) * 1000 };
    if (!isId(id)) return "ignored";
    if (event?.type === "tokens_revoked") {
      const { oauth = [], bot = [] } = event.tokens ?? {};
      return this.#object(id).revoke(recordKey(id), bot.length > 0, oauth, stamp);
    }
    if (event?.type !== "app_uninstalled") return "ignored";
    const outcome = await this.#object(id).uninstall(recordKey(id), stamp);
    const enterprise = payload?.enterprise_id;
    if (outcome !== "missing" || !isId(enterprise) || enterprise === id) return outcome;
    return this.#object(enterprise).uninstall(recordKey(enterprise), stamp);
  }
}

/**
 * The installation an event is about: its org-wide or workspace id.
 * @param {EventPayload | null | undefined} payload
 * @returns {string | undefined}
 */
function installationOf(payload) {
  const authorization = payload?.authorizations?.[0] ?? {};
  const enterpriseWide = payload?.is_enterprise_install ?? authorization.is_enterprise_install;
  return enterpriseWide ? payload?.enterprise_id ?? authorization.enterprise_id : payload?.team_id ?? authorization.team_id;
}

/**
 * An installation as callers see it: no sealed tokens.
 * @param {InstallationRecord} record
 * @returns {SlackInstallation}
 */
function publicView({ bot, ...record }) {
  bot &&= { user_id: bot.user_id, scopes: bot.scopes, rotating: bot.rotating };
  return { ...record, bot: bot || null, updated_at: record.updated_at ?? record.installed_at };
}

/** Slack's answers to `auth.revoke` with a token it no longer knows. @type {unknown[]} */
const REVOKED = ["invalid_auth", "token_revoked", "account_inactive", "not_authed"];

/** @param {{ code?: unknown } | null | undefined} error */
function ignoreRevoked(error) {
  if (!REVOKED.includes(error?.code)) throw error;
}
