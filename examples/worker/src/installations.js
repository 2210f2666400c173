// Installations in Workers KV. A record is keyed by enterprise and team (org-wide installs have
// no team), user tokens by user as well; `team/<id>` points at the record for lookups by id.
// Rotating bot tokens live in the installation's TokenRefresher, the one place that spends them.

const NONE = "-";

export function installationKey(answer) {
  return `installation/${answer.enterprise?.id ?? NONE}/${answer.team?.id ?? NONE}`;
}

function userKey(answer) {
  return `${installationKey(answer)}/user/${answer.authed_user.id}`;
}

/** The record kept for an `oauth.v2.access` answer. The refresh token is not in it. */
export function recordOf(answer, now = Date.now()) {
  const bot = answer.access_token
    ? {
        token: answer.access_token,
        user_id: answer.bot_user_id,
        scopes: answer.scope?.split(",") ?? [],
        rotating: Boolean(answer.refresh_token),
        expires_at: answer.expires_in ? now + answer.expires_in * 1000 : null,
      }
    : null;
  return {
    key: installationKey(answer),
    app_id: answer.app_id,
    team: answer.team ?? null,
    enterprise: answer.enterprise ?? null,
    is_enterprise_install: Boolean(answer.is_enterprise_install),
    installer_user_id: answer.authed_user?.id,
    bot,
    installed_at: new Date(now).toISOString(),
  };
}

/** Stores an installation and the indexes that find it; returns its record. */
export async function saveInstallation(kv, answer) {
  const record = recordOf(answer);
  const writes = [kv.put(record.key, JSON.stringify(record))];
  for (const id of [answer.team?.id, answer.enterprise?.id].filter(Boolean)) {
    writes.push(kv.put(`team/${id}`, record.key));
  }
  const user = answer.authed_user;
  if (user?.access_token) {
    const userRecord = { user_id: user.id, token: user.access_token, scopes: user.scope?.split(",") ?? [], refresh_token: user.refresh_token ?? null };
    writes.push(kv.put(userKey(answer), JSON.stringify(userRecord)));
  }
  await Promise.all(writes);
  return record;
}

export async function findInstallation(kv, teamId) {
  const key = await kv.get(`team/${teamId}`);
  return key ? kv.get(key, "json") : null;
}

export async function updateBotToken(kv, key, { access_token, expires_at }) {
  const record = await kv.get(key, "json");
  if (!record?.bot) return;
  record.bot = { ...record.bot, token: access_token, expires_at };
  await kv.put(key, JSON.stringify(record));
}

/** A record as the API shows it: everything but tokens. */
export function redacted(record) {
  const bot = record.bot && { ...record.bot, token: undefined };
  return { ...record, bot };
}
