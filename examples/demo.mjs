// The short demo: starts the mock of Slack, then performs a code exchange and a token lookup
// through the built package, printing what happened. `make demo` runs it.
import { SlackClient, isEdgeOAuthError } from "edge-oauth";
import { startMock } from "../tests/mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../tests/mock/slack.mjs";

const mock = await startMock();
console.log(`mock Slack listening on ${mock.url}`);
const slack = new SlackClient(undefined, { slackApiUrl: `${mock.url}/api/` });

const install = await slack.oauth.v2.access({ client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET, code: "rotating" });
console.log(`oauth.v2.access: installed into ${install.team.name} (${install.team.id}); bot token ${mask(install.access_token)}, expires in ${install.expires_in} s`);

const bot = new SlackClient(install.access_token, { slackApiUrl: `${mock.url}/api/` });
const external = await bot.apps.auth.external.get({ external_token_id: "Et-demo" });
console.log(`apps.auth.external.get: external token ${mask(external.external_token)}`);

try {
  await slack.oauth.v2.access({ client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET, code: "invalid" });
} catch (error) {
  if (!isEdgeOAuthError(error)) throw error;
  console.log(`a spent code fails as kind=${error.kind} code=${error.code} requestId=${error.requestId}`);
}
await mock.close();

function mask(token) {
  return `${token.slice(0, 10)}…`;
}
