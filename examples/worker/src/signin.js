// "Sign in with Slack" (OpenID Connect), from edge-oauth/cloudflare: the same signed, single-use
// state bound to the browser as the install flow, PKCE, and the id_token verified (signature,
// issuer, audience, expiry, nonce) before `render` sees who signed in. This file only words the
// pages: a real app would start its own session here. The tokens are never shown.
import { slackSignIn, slackSignInCallback } from "edge-oauth/cloudflare";
import { FLOW_TITLES, escape, failurePage, flowFailurePage, page } from "./responses.js";

function signInOptions(settings) {
  return {
    stateSecret: settings.stateSecret,
    pkce: settings.usePkce,
    redirectUri: settings.signInRedirectUri,
    authorizeUrl: settings.signInAuthorizeUrl,
  };
}

export function signIn(request, env, settings) {
  return slackSignIn(request, env, signInOptions(settings));
}

export function signInCallback(request, env, settings) {
  if (!new URL(request.url).searchParams.get("state")) {
    return failurePage(400, "Missing state", "This address is where Slack sends the browser back after a sign-in. Start from the start page.");
  }
  return slackSignInCallback(request, env, { ...signInOptions(settings), render });
}

/** The page for each outcome: who signed in (name, email, workspace), or why not. */
function render({ identity, error }) {
  if (identity) {
    const rows = [
      ["Name", identity.name],
      ["Email", identity.email === undefined ? "—" : `${identity.email}${identity.email_verified ? " (verified)" : ""}`],
      ["Workspace", `${identity["https://slack.com/team_name"] ?? ""} (${identity["https://slack.com/team_id"]})`],
      ["Slack user", identity["https://slack.com/user_id"]],
    ];
    const table = rows.map(([name, value]) => `<tr><th>${escape(name)}</th><td>${escape(value ?? "—")}</td></tr>`).join("");
    const intro = '<p class="ok">Slack confirmed who you are: the id_token\'s signature, issuer, audience, expiry and nonce were checked. No session was made and no token is shown.</p>';
    return page(200, `Signed in as ${identity.name ?? identity.sub}`, `${intro}<table>${table}</table>`);
  }
  const titles = { ...FLOW_TITLES, foreign_state: "This sign-in was started in another browser", access_denied: "Sign-in cancelled" };
  return flowFailurePage(error, titles, "The sign-in failed");
}
