// An app's Stytch code, written for stytch 14.2.0 as its docs show it. official.test.mjs runs
// this file as it is, and again with only its import changed to "edge-oauth", against the
// project's mock: the answers and the errors the app reads are compared.
import { B2BClient } from "stytch";
import { settle } from "./settle.mjs";

/**
 * What the app knows: its project, and where Stytch is (the mock, as an `env`: stytch takes a
 * `custom_base_url` only over https).
 * @typedef {{ project_id: string, secret: string, env: string }} StytchSettings
 */

/** @param {StytchSettings} settings */
function client({ project_id, secret, env }) {
  return new B2BClient({ project_id, secret, env, timeout: 5000 });
}

/** The member's Slack tokens, saved by Stytch. @param {StytchSettings} settings @param {string} member_id */
export function slackTokens(settings, member_id) {
  return settle(client(settings).organizations.members.oauthProviders.slack({ organization_id: "organization-1", member_id }));
}

/**
 * Another provider's tokens, with the refresh token.
 * @param {StytchSettings} settings @param {"google" | "microsoft" | "github" | "hubspot"} provider @param {string} member_id
 */
export function providerTokens(settings, provider, member_id) {
  const params = { organization_id: "organization-1", member_id, include_refresh_token: true };
  return settle(client(settings).organizations.members.oauthProviders[provider](params));
}
