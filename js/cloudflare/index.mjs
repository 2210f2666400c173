// edge-oauth/cloudflare: Slack installations on Cloudflare Workers. See cloudflare.d.ts.
export { SlackInstallationStore, installationId } from "./store.mjs";
export { SlackTokens } from "./tokens.mjs";
export { slackCallback, slackInstall } from "./flow.mjs";
export { slackEvents, verifySlackRequest } from "./events.mjs";
