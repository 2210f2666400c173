// /api/*: token lookups for other services, behind `Authorization: Bearer ADMIN_TOKEN`.
import { SlackClient, StytchB2BClient } from "edge-oauth";
import { findInstallation, redacted } from "./installations.js";
import { errorResponse, json, jsonError } from "./responses.js";

const STYTCH_PROVIDERS = ["slack", "google", "microsoft", "github", "hubspot"];

export async function api(request, env, settings) {
  if (!(await authorized(request, settings.adminToken))) {
    return json({ error: { kind: "unauthorized", code: "invalid_admin_token", message: "send Authorization: Bearer <ADMIN_TOKEN>" } }, 401, {
      "www-authenticate": 'Bearer realm="edge-oauth"',
    });
  }
  const parts = segments(new URL(request.url).pathname);
  if (!parts) return json({ error: { code: "bad_path", message: "malformed path" } }, 400);
  try {
    return await route(request, env, settings, parts);
  } catch (error) {
    return jsonError(error);
  }
}

async function route(request, env, settings, parts) {
  const [, resource, a, b, c, extra] = parts;
  if (resource === "installations" && a && !c && request.method === "GET") {
    const record = await findInstallation(env.INSTALLATIONS, a);
    if (!record) return notFound(`no installation for ${a}`);
    return b === "token" ? botToken(env, settings, record) : b ? notFound("unknown route") : json(redacted(record));
  }
  if (resource === "external-token" && !a && request.method === "POST") return externalToken(request, env, settings);
  if (resource === "stytch" && a && b && c && !extra && request.method === "GET") return stytchLookup(settings, a, b, c);
  return notFound("unknown route");
}

/** GET /api/installations/:team_id/token: a bot token with life left, refreshed if needed. */
async function botToken(env, settings, record) {
  const token = await currentBotToken(env, settings, record);
  if (!token.ok) return errorResponse(token.error);
  const { access_token, expires_at, refreshed } = token;
  return json({ team_id: record.team?.id ?? null, enterprise_id: record.enterprise?.id ?? null, access_token, expires_at, refreshed });
}

async function currentBotToken(env, settings, record) {
  if (!record.bot) return { ok: false, error: { kind: "validation", code: "no_bot_token", message: "this installation has no bot token" } };
  if (!record.bot.rotating) return { ok: true, access_token: record.bot.token, expires_at: null, refreshed: false };
  const refresher = env.TOKEN_REFRESHER.get(env.TOKEN_REFRESHER.idFromName(record.key));
  return refresher.token(settings.refreshMarginSeconds, settings.redirectUri);
}

/** POST /api/external-token { team_id, external_token_id, force_refresh? } */
async function externalToken(request, env, settings) {
  const body = await request.json().catch(() => null);
  if (!body || typeof body.team_id !== "string") return json({ error: { kind: "validation", code: "missing_param", field: "team_id", message: "send JSON with team_id" } }, 400);
  const record = await findInstallation(env.INSTALLATIONS, body.team_id);
  if (!record) return notFound(`no installation for ${body.team_id}`);
  const token = await currentBotToken(env, settings, record);
  if (!token.ok) return errorResponse(token.error);
  const slack = new SlackClient(token.access_token, { slackApiUrl: settings.slackApiUrl });
  return json(await slack.apps.auth.external.get({ external_token_id: body.external_token_id, force_refresh: body.force_refresh }));
}

/** GET /api/stytch/:organization_id/:member_id/:provider */
async function stytchLookup(settings, organization_id, member_id, provider) {
  if (!STYTCH_PROVIDERS.includes(provider)) return notFound(`provider must be one of ${STYTCH_PROVIDERS.join(", ")}`);
  const stytch = new StytchB2BClient({
    project_id: settings.stytch.projectId,
    secret: settings.stytch.secret,
    custom_base_url: settings.stytch.baseUrl,
  });
  return json(await stytch.organizations.members.oauthProviders[provider]({ organization_id, member_id }));
}

function notFound(message) {
  return json({ error: { kind: "not_found", code: "not_found", message } }, 404);
}

/** Path segments, decoded; null if one is not valid percent-encoding. */
function segments(pathname) {
  try {
    return pathname.split("/").slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** Compares in constant time (by hashing both sides to equal length first). */
async function authorized(request, adminToken) {
  const header = request.headers.get("authorization") ?? "";
  if (!adminToken || !header.startsWith("Bearer ")) return false;
  const digest = (text) => crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const [given, expected] = await Promise.all([digest(header.slice(7)), digest(adminToken)]);
  return crypto.subtle.timingSafeEqual(given, expected);
}
