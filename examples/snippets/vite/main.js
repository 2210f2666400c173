// main.js: "Sign in with Slack" in a page, as a PKCE public client: no client secret anywhere.
// .env: VITE_SLACK_CLIENT_ID=…; the page's URL must be one of the Slack app's redirect URLs.
import { SlackClient, isEdgeOAuthError, pkcePair, slackAuthorizeUrl } from "edge-oauth";

const env = import.meta.env;
const redirect_uri = location.origin + location.pathname;
const out = /** @type {HTMLElement} */ (document.querySelector("#out"));

document.querySelector("#sign-in")?.addEventListener("click", async () => {
  const { code_verifier, code_challenge } = await pkcePair();
  const state = crypto.randomUUID();
  sessionStorage.setItem("slack-sign-in", JSON.stringify({ code_verifier, state }));
  location.assign(slackAuthorizeUrl({
    client_id: env.VITE_SLACK_CLIENT_ID, user_scope: "identity.basic", redirect_uri, state, code_challenge,
    authorize_url: env.VITE_SLACK_AUTHORIZE_URL, // unset: https://slack.com/oauth/v2/authorize
  }));
});

const back = new URLSearchParams(location.search);
const code = back.get("code");
if (code) {
  const saved = JSON.parse(sessionStorage.getItem("slack-sign-in") ?? "{}");
  sessionStorage.removeItem("slack-sign-in");
  history.replaceState(null, "", redirect_uri); // a code works once
  if (back.get("state") !== saved.state) {
    out.textContent = "This sign-in was not started here.";
  } else {
    try {
      const slack = new SlackClient(undefined, { slackApiUrl: env.VITE_SLACK_API_URL }); // unset: https://slack.com/api/
      const answer = await slack.oauth.v2.access({
        client_id: env.VITE_SLACK_CLIENT_ID, code, code_verifier: saved.code_verifier, redirect_uri,
      });
      out.textContent = `Signed in as ${answer.authed_user?.id} of ${answer.team?.name}`;
    } catch (error) {
      if (!isEdgeOAuthError(error)) throw error;
      out.textContent = `Sign-in failed: ${error.code}`; // e.g. invalid_code, or network without CORS
    }
  }
} else if (back.has("error")) {
  out.textContent = `Not signed in: ${back.get("error")}`; // access_denied: the user clicked Cancel
}
