// The "Add to Slack" flow: /slack/install sends the user to Slack with a signed state (and a PKCE
// challenge when enabled); /slack/oauth_redirect checks the state, exchanges the code and stores
// the installation.
import { SlackClient, isEdgeOAuthError, pkcePair, signState, slackAuthorizeUrl, verifyState } from "edge-oauth";
import { missingSettings } from "./config.js";
import { escape, failurePage, page, statusFor } from "./responses.js";
import { saveInstallation } from "./installations.js";

const STATE_TTL_SECONDS = 600;
const PKCE_COOKIE = "slack_pkce";

export async function install(settings) {
  const missing = missingSettings(settings);
  if (missing.length) return failurePage(503, "The app is not configured", `Set ${missing.join(", ")} (see .dev.vars.example).`);
  const headers = new Headers({ "cache-control": "no-store" });
  let code_challenge;
  if (settings.usePkce) {
    const pair = await pkcePair();
    code_challenge = pair.code_challenge;
    const secure = settings.redirectUri.startsWith("https:") ? "; Secure" : "";
    headers.append("set-cookie", `${PKCE_COOKIE}=${pair.code_verifier}; Path=/slack/; HttpOnly; SameSite=Lax; Max-Age=${STATE_TTL_SECONDS}${secure}`);
  }
  const state = await signState(settings.stateSecret, { ttl_seconds: STATE_TTL_SECONDS });
  headers.set("location", slackAuthorizeUrl({
    client_id: settings.clientId,
    scope: settings.scopes,
    user_scope: settings.userScopes,
    redirect_uri: settings.redirectUri,
    state,
    code_challenge,
    authorize_url: settings.authorizeUrl,
  }));
  return new Response(null, { status: 302, headers });
}

export async function oauthRedirect(request, env, settings) {
  const params = new URL(request.url).searchParams;
  const state = params.get("state");
  if (!state) return failurePage(400, "Missing state", "This page must be reached from Slack's authorize page.");
  const checked = await checkState(env, settings, state);
  if (checked instanceof Response) return checked;
  if (params.get("error")) {
    const cancelled = params.get("error") === "access_denied";
    return failurePage(403, cancelled ? "Installation cancelled" : "Slack refused the installation",
      cancelled ? "You chose Cancel on Slack's page, so nothing was installed." : `Slack said: ${params.get("error")}`);
  }
  const code = params.get("code");
  if (!code) return failurePage(400, "Missing code", "Slack's answer had neither a code nor an error.");
  const code_verifier = settings.usePkce ? cookie(request, PKCE_COOKIE) : undefined;
  if (settings.usePkce && !code_verifier) return failurePage(400, "Missing PKCE verifier", "Start again from /slack/install in this browser.");

  try {
    const slack = new SlackClient(undefined, { slackApiUrl: settings.slackApiUrl });
    const answer = await slack.oauth.v2.access({
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      code,
      redirect_uri: settings.redirectUri,
      code_verifier,
    });
    const record = await saveInstallation(env.INSTALLATIONS, answer);
    if (answer.refresh_token) {
      await env.TOKEN_REFRESHER.get(env.TOKEN_REFRESHER.idFromName(record.key)).seed({
        installation_key: record.key,
        access_token: answer.access_token,
        refresh_token: answer.refresh_token,
        expires_at: record.bot.expires_at,
      });
    }
    return installedPage(record);
  } catch (error) {
    if (!isEdgeOAuthError(error)) throw error;
    // Slack refusing the code (or our own checks) is the request's fault; the rest is upstream.
    const status = ["platform", "validation"].includes(error.kind) ? 400 : statusFor(error);
    return failurePage(status, "The installation failed", `${error.provider} ${error.method}: ${error.code} (${error.kind})`);
  }
}

/** Signature and expiry, then single use. Returns the verified state or a failure page. */
async function checkState(env, settings, state) {
  let verified;
  try {
    verified = await verifyState(settings.stateSecret, state);
  } catch (error) {
    if (!isEdgeOAuthError(error)) throw error;
    const expired = error.code === "expired_state";
    return failurePage(400, expired ? "This link has expired" : "Invalid state",
      expired ? "The installation took too long. Start again." : "The state is not one this app signed. Start again from the install page.");
  }
  const ledger = env.STATE_LEDGER.get(env.STATE_LEDGER.idFromName("states"));
  if (!(await ledger.consume(verified.nonce, verified.expires_at))) {
    return failurePage(409, "This link was already used", "Each installation link works once. Start again from the install page.");
  }
  return verified;
}

function installedPage(record) {
  const where = record.team?.name ?? record.enterprise?.name ?? record.team?.id ?? record.enterprise?.id;
  const rows = [
    ["Workspace", record.team ? `${record.team.name ?? ""} (${record.team.id})` : "—"],
    ["Enterprise", record.enterprise ? `${record.enterprise.name ?? ""} (${record.enterprise.id})` : "—"],
    ["Installed by", record.installer_user_id],
    ["Bot user", record.bot?.user_id ?? "—"],
    ["Bot scopes", record.bot?.scopes.join(", ") || "—"],
    ["Token rotation", record.bot?.rotating ? `on, token expires ${new Date(record.bot.expires_at).toISOString()}` : "off"],
    ["Stored as", record.key],
  ];
  const table = rows.map(([name, value]) => `<tr><th>${escape(name)}</th><td>${escape(value)}</td></tr>`).join("");
  return page(200, `Installed into ${where}`, `<p class="ok">The app is installed. Tokens are stored in Workers KV and never shown here.</p><table>${table}</table>`);
}

function cookie(request, name) {
  const header = request.headers.get("cookie") ?? "";
  return header.split(/;\s*/).map((part) => part.split("=")).find(([key]) => key === name)?.[1];
}
