// An app's Slack code, written for @slack/web-api 8.2.0 as its docs show it. official.test.mjs
// runs this file as it is, and again with only its import changed to "edge-oauth", against the
// project's mock: the answers and the errors the app reads are compared.
import { WebClient } from "@slack/web-api";
import { settle } from "./settle.mjs";

/**
 * What the app knows: where Slack is (the mock), its credentials, and a logger of its own.
 * @typedef {{ slackApiUrl: string, clientId: string, clientSecret: string, botToken: string,
 *   logger: import("@slack/logger").Logger }} SlackSettings
 */

/** @param {SlackSettings} settings @param {string} [token] */
function client({ slackApiUrl, logger }, token) {
  return new WebClient(token, {
    slackApiUrl,
    logger,
    timeout: 5000,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    headers: { "X-App": "official-callsite" },
    maxRequestConcurrency: 10,
  });
}

/** "Add to Slack": the code exchange (oauth.v2.access). @param {SlackSettings} settings @param {string} code */
export function install(settings, code) {
  const { clientId: client_id, clientSecret: client_secret } = settings;
  return settle(client(settings).oauth.v2.access({ client_id, client_secret, code, redirect_uri: "https://app.test/cb" }));
}

/** The legacy exchange (oauth.access). @param {SlackSettings} settings @param {string} code */
export function installClassic(settings, code) {
  const { clientId: client_id, clientSecret: client_secret } = settings;
  return settle(client(settings).oauth.access({ client_id, client_secret, code }));
}

/** A token rotation (oauth.v2.access, grant_type refresh_token). @param {SlackSettings} settings @param {string} refresh_token */
export function refresh(settings, refresh_token) {
  const { clientId: client_id, clientSecret: client_secret } = settings;
  return settle(client(settings).oauth.v2.access({ client_id, client_secret, grant_type: "refresh_token", refresh_token }));
}

// @slack/web-api has no method for apps.auth.external.*: its generic apiCall reaches them.

/** @param {SlackSettings} settings @param {string} external_token_id */
export function externalToken(settings, external_token_id) {
  return settle(client(settings, settings.botToken).apiCall("apps.auth.external.get", { external_token_id, force_refresh: false }));
}

/** @param {SlackSettings} settings @param {string} external_token_id */
export function forgetExternalToken(settings, external_token_id) {
  return settle(client(settings, settings.botToken).apiCall("apps.auth.external.delete", { external_token_id }));
}

/** @param {SlackSettings} settings @param {string} token */
export function signOut(settings, token) {
  return settle(client(settings, token).auth.revoke({ test: true }));
}

/** "Sign in with Slack": the code for a user token and an id_token. @param {SlackSettings} settings @param {string} code */
export function signIn(settings, code) {
  const { clientId: client_id, clientSecret: client_secret } = settings;
  return settle(client(settings).openid.connect.token({ client_id, client_secret, code, redirect_uri: "https://app.test/signin" }));
}

/** Who signed in. @param {SlackSettings} settings @param {string} userToken */
export function whoSignedIn(settings, userToken) {
  return settle(client(settings, userToken).openid.connect.userInfo());
}

/** @param {SlackSettings} settings @param {string} token */
export function whoAmI(settings, token) {
  return settle(client(settings, token).auth.test());
}

/** A legacy token for a rotating pair (oauth.v2.exchange). @param {SlackSettings} settings @param {string} token */
export function startRotating(settings, token) {
  const { clientId: client_id, clientSecret: client_secret } = settings;
  return settle(client(settings).oauth.v2.exchange({ client_id, client_secret, token }));
}
