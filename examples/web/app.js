// The browser example: the package loaded as plain ES modules (no bundler), top-level await
// inside `browser.mjs` loads the wasm.
import { SlackClient, isEdgeOAuthError, pkcePair, slackAuthorizeUrl } from "/edge-oauth/browser.mjs";

const config = await (await fetch("/config.json")).json();
const redirectUri = `${location.origin}/`;
const slackOptions = config.slack_api_url ? { slackApiUrl: config.slack_api_url } : {};
const $ = (id) => document.getElementById(id);

$("sign-in-button").addEventListener("click", signIn);
$("guard-button").addEventListener("click", tryGuard);
$("lookup-form").addEventListener("submit", showInstallation);
for (const id of ["sign-in-button", "guard-button"]) $(id).disabled = !config.client_id;
if (!config.client_id) $("sign-in-status").textContent = "The Worker has no SLACK_CLIENT_ID configured.";
await finishSignIn();

async function signIn() {
  const pair = await pkcePair();
  const state = crypto.randomUUID();
  sessionStorage.setItem("edge-oauth-sign-in", JSON.stringify({ state, code_verifier: pair.code_verifier }));
  location.assign(slackAuthorizeUrl({
    client_id: config.client_id,
    user_scope: config.user_scope,
    redirect_uri: redirectUri,
    state,
    code_challenge: pair.code_challenge,
    authorize_url: config.authorize_url ?? undefined,
  }));
}

/** Back from Slack with ?code&state (or ?error): check the state, then exchange as a public client. */
async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has("code") && !params.has("error")) return;
  history.replaceState(null, "", "/");
  const pending = JSON.parse(sessionStorage.getItem("edge-oauth-sign-in") ?? "null");
  sessionStorage.removeItem("edge-oauth-sign-in");
  const status = $("sign-in-status");
  if (!pending || pending.state !== params.get("state")) {
    status.textContent = "This sign-in was not started here (state mismatch); try again.";
    return;
  }
  if (params.has("error")) {
    status.textContent = `Slack said: ${params.get("error")}`;
    return;
  }
  status.textContent = "Exchanging the code…";
  try {
    const answer = await new SlackClient(undefined, slackOptions).oauth.v2.access({
      client_id: config.client_id,
      code: params.get("code"),
      code_verifier: pending.code_verifier,
      redirect_uri: redirectUri,
    });
    const team = answer.team ? `${answer.team.name ?? ""} (${answer.team.id})` : "an Enterprise org";
    status.innerHTML = "";
    status.append(`Signed in as `, strong(answer.authed_user?.id ?? "?"), ` in `, strong(team), ` with scopes ${answer.authed_user?.scope ?? "none"}.`);
    status.dataset.user = answer.authed_user?.id ?? "";
  } catch (error) {
    status.textContent = describe(error);
  }
}

async function tryGuard() {
  try {
    await new SlackClient(undefined, slackOptions).oauth.v2.access({ client_id: config.client_id, client_secret: "pretend-this-is-secret", code: "x" });
    $("guard-status").textContent = "The call went through: the guard did not fire.";
  } catch (error) {
    $("guard-status").textContent = `Refused before sending anything: ${describe(error)}`;
    $("guard-status").dataset.code = error.code ?? "";
  }
}

async function showInstallation(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch(`/api/installations/${encodeURIComponent(form.get("team_id"))}`, {
    headers: { authorization: `Bearer ${form.get("admin_token")}` },
  });
  $("installation").textContent = `${response.status}\n${JSON.stringify(await response.json(), null, 2)}`;
}

// An EdgeOAuthError's message already names its kind and code:
// "slack oauth.v2.access failed (validation: browser_secret): …".
function describe(error) {
  return isEdgeOAuthError(error) ? error.message : String(error);
}

function strong(text) {
  const element = document.createElement("strong");
  element.textContent = text;
  return element;
}
