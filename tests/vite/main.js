// A page as a Vite user writes it: the bare import, served by `vite dev` or bundled by `vite build`.
import { SlackClient, isEdgeOAuthError, pkcePair, slackAuthorizeUrl } from "edge-oauth";

const out = document.getElementById("out");
const mockUrl = new URLSearchParams(location.search).get("mock");
try {
  const pair = await pkcePair();
  const url = slackAuthorizeUrl({ client_id: "1111.2222", user_scope: "identity.basic", code_challenge: pair.code_challenge });
  const slack = new SlackClient(undefined, { slackApiUrl: `${mockUrl}/api/` });
  const answer = await slack.oauth.v2.access({ client_id: "1111.2222", code: "user-only", code_verifier: pair.code_verifier });
  const guard = await slack.oauth.v2.access({ client_id: "1", client_secret: "s", code: "c" }).catch((error) => error);
  out.textContent = JSON.stringify({
    authorize: url.startsWith("https://slack.com/oauth/v2/authorize?"),
    user: answer.authed_user.id,
    guard: isEdgeOAuthError(guard) ? guard.code : String(guard),
  });
} catch (error) {
  out.textContent = `failed: ${error.message}`;
}
