// edge-oauth/cloudflare: Slack installations and Sign in with Slack on Cloudflare Workers. See
// cloudflare.d.ts.
export { SlackInstallationStore, installationId } from "./store.mjs";
export { SlackTokens } from "./tokens.mjs";
export { slackCallback, slackInstall, slackSignIn, slackSignInCallback } from "./flow.mjs";
export { slackEvents, verifySlackRequest } from "./events.mjs";
