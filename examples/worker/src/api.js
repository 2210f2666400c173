// /api/*: installations and their tokens for other services, behind
// `Authorization: Bearer ADMIN_TOKEN`. The store (edge-oauth/cloudflare) refreshes rotating tokens.
import { SlackClient, StytchB2BClient, isEdgeOAuthError } from "edge-oauth";
import { SlackInstallationStore } from "edge-oauth/cloudflare";
import { errorFields, errorResponse, json, jsonError } from "./responses.js";

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
    if (isEdgeOAuthError(error)) return jsonError(error);
    // The Worker's own setup failed (TOKEN_KEYS, a binding): JSON too, the details in the log only.
    console.error("/api: unexpected failure", error?.name, error?.message);
    const message = "The Worker could not answer: its settings (such as TOKEN_KEYS) need a look; the error was logged.";
    return json({ error: { kind: "internal", code: "internal_error", message } }, 500);
  }
}

async function route(request, env, settings, parts) {
  const [, resource, a, b, c, d, extra] = parts;
  const store = new SlackInstallationStore(env, { refreshMarginSeconds: settings.refreshMarginSeconds });
  if (resource === "installations" && a) {
    if (!b && request.method === "GET") return found(await store.find(a), a);
    if (!b && request.method === "DELETE") return (await store.uninstall(a)) ? json({ ok: true, uninstalled: a }) : notFound(`no installation for ${a}`);
    if (b === "token" && !c && request.method === "GET") return tokenAnswer(() => store.botToken(a), a);
    if (b === "users" && c && d === "token" && !extra && request.method === "GET") return tokenAnswer(() => store.userToken(a, c), `${a}/${c}`);
    return notFound("unknown route");
  }
  if (resource === "external-token" && !a && request.method === "POST") return externalToken(request, env, store);
  if (resource === "stytch" && a && b && c && !d && request.method === "GET") return stytchLookup(settings, a, b, c);
  return notFound("unknown route");
}

function found(installation, id) {
  return installation ? json(installation) : notFound(`no installation for ${id}`);
}

/**
 * A token with life left: 404 if there is none, 409 `reinstall_required` once a refresh can no
 * longer succeed (Slack is not called again), 503 with Retry-After while a failed refresh backs off.
 */
async function tokenAnswer(lookup, what) {
  try {
    const token = await lookup();
    return token ? json(token) : notFound(`no token for ${what}`);
  } catch (error) {
    if (!isEdgeOAuthError(error)) throw error;
    const fields = errorFields(error);
    if (error.code === "reinstall_required") return json({ error: fields }, 409);
    const headers = error.retryAfter ? { "retry-after": String(error.retryAfter) } : {};
    return json({ error: fields }, 503, headers);
  }
}

/** POST /api/external-token { team_id, external_token_id, force_refresh? } */
async function externalToken(request, env, store) {
  const body = await request.json().catch(() => null);
  if (!body || typeof body.team_id !== "string") return json({ error: { kind: "validation", code: "missing_param", field: "team_id", message: "send JSON with team_id" } }, 400);
  const tokenOrError = await tokenAnswer(() => store.botToken(body.team_id), body.team_id);
  if (!tokenOrError.ok) return tokenOrError;
  const { access_token } = await tokenOrError.json();
  const slack = new SlackClient(access_token, { slackApiUrl: env.SLACK_API_URL || undefined });
  return json(await slack.apps.auth.external.get({ external_token_id: body.external_token_id, force_refresh: body.force_refresh }));
}

/** GET /api/stytch/:organization_id/:member_id/:provider */
async function stytchLookup(settings, organization_id, member_id, provider) {
  const stytch = new StytchB2BClient({
    project_id: settings.stytch.projectId,
    secret: settings.stytch.secret,
    custom_base_url: settings.stytch.baseUrl,
  });
  // The client's own namespace lists its providers; own keys only, so "toString" is no provider.
  const providers = stytch.organizations.members.oauthProviders;
  if (!Object.hasOwn(providers, provider)) return notFound(`provider must be one of ${Object.keys(providers).join(", ")}`);
  return json(await providers[provider]({ organization_id, member_id }));
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

/**
 * `Authorization: Bearer <token>`, the scheme in any case (RFC 9110 §11.1). Compares in constant
 * time (by hashing both sides to equal length first).
 */
async function authorized(request, adminToken) {
  const given = /^bearer +(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!adminToken || given === undefined) return false;
  const digest = (text) => crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const [a, b] = await Promise.all([digest(given), digest(adminToken)]);
  return crypto.subtle.timingSafeEqual(a, b);
}
