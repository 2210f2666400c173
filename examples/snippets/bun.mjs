// bun.mjs: token rotation. Spend a refresh token once, keep the new pair (`bun bun.mjs xoxe-1-…`).
import { SlackClient, isEdgeOAuthError } from "edge-oauth";

const { SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_API_URL } = Bun.env;
if (!SLACK_CLIENT_ID || !SLACK_CLIENT_SECRET) throw new Error("Set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.");
const slack = new SlackClient(undefined, { slackApiUrl: SLACK_API_URL });
try {
  const fresh = await slack.oauth.v2.access({
    client_id: SLACK_CLIENT_ID, client_secret: SLACK_CLIENT_SECRET,
    grant_type: "refresh_token", refresh_token: process.argv[2],
  });
  // The old refresh token is spent: store both new values before anything else.
  console.log(JSON.stringify({ team: fresh.team?.id, expires_in: fresh.expires_in, rotated: fresh.refresh_token !== process.argv[2] }));
} catch (error) {
  if (!isEdgeOAuthError(error)) throw error;
  console.error(`refresh failed: ${error.kind} ${error.code}`); // e.g. platform invalid_refresh_token
  process.exitCode = 1;
}
