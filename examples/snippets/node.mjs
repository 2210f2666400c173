// node.mjs: a token your Slack app stored for an external service (apps.auth.external.get).
//   SLACK_BOT_TOKEN=xoxb-… node node.mjs Et0123ABCD
import { SlackClient, isEdgeOAuthError } from "edge-oauth";

const slack = new SlackClient(process.env.SLACK_BOT_TOKEN, {
  slackApiUrl: process.env.SLACK_API_URL, // unset: https://slack.com/api/
  timeout: 5_000, // per attempt
  deadline: 15_000, // the whole call, retries and waits included
});
try {
  const { external_token } = await slack.apps.auth.external.get({ external_token_id: process.argv[2] });
  console.log(`got a token for the external service (${external_token.length} characters)`);
} catch (error) {
  if (!isEdgeOAuthError(error)) throw error;
  // e.g. slack apps.auth.external.get failed (platform: token_not_found): Slack answered `token_not_found`
  // (the message names the kind, the code and, for bad input, the parameter; never a token)
  console.error(`${error.message} (request ${error.requestId ?? "-"})`);
  process.exitCode = 1;
}
