// The "Add to Slack" flow, from edge-oauth/cloudflare: the state is signed, single-use and bound
// to the browser that started it; this file only words the pages.
import { slackCallback, slackInstall } from "edge-oauth/cloudflare";
import { FLOW_TITLES, escape, failurePage, flowFailurePage, page } from "./responses.js";

function flowOptions(settings) {
  return {
    stateSecret: settings.stateSecret,
    scope: settings.scopes,
    userScope: settings.userScopes,
    pkce: settings.usePkce,
    redirectUri: settings.redirectUri,
    authorizeUrl: settings.authorizeUrl,
    refreshMarginSeconds: settings.refreshMarginSeconds,
  };
}

export function install(request, env, settings) {
  return slackInstall(request, env, flowOptions(settings));
}

export function oauthRedirect(request, env, settings) {
  // Slack always sends the state back; a request without one did not come from an installation
  // (someone opened the address itself), so it is told so rather than that a state is invalid.
  const { searchParams } = new URL(request.url);
  if (!searchParams.get("state")) {
    const neither = !searchParams.has("code") && !searchParams.has("error");
    return failurePage(400, "Missing state", neither
      ? "This address is where Slack sends the browser back after an installation, with a code and a state. Start an installation from the start page."
      : "Slack's answer came back without its state: start the installation again.");
  }
  return slackCallback(request, env, { ...flowOptions(settings), render });
}

/** The page for each outcome of the callback. */
function render({ installation, error }) {
  if (installation) return installedPage(installation);
  const titles = { ...FLOW_TITLES, foreign_state: "This installation was started in another browser", access_denied: "Installation cancelled" };
  return flowFailurePage(error, titles, "The installation failed");
}

function installedPage(installation) {
  const where = installation.team?.name ?? installation.enterprise?.name ?? installation.id;
  const rows = [
    ["Workspace", installation.team ? `${installation.team.name ?? ""} (${installation.team.id})` : "—"],
    ["Enterprise", installation.enterprise ? `${installation.enterprise.name ?? ""} (${installation.enterprise.id})` : "—"],
    ["Installed by", installation.installer_user_id],
    ["Bot user", installation.bot?.user_id ?? "—"],
    ["Bot scopes", installation.bot?.scopes.join(", ") || "—"],
    ["Token rotation", installation.bot?.rotating ? "on: refreshed before it expires" : "off"],
    ["Installation id", installation.id],
  ];
  const table = rows.map(([name, value]) => `<tr><th>${escape(name)}</th><td>${escape(value)}</td></tr>`).join("");
  const intro = '<p class="ok">The app is installed. Its tokens are stored encrypted and never shown here.</p>';
  return page(200, `Installed into ${where}`, `${intro}<table>${table}</table>`);
}
