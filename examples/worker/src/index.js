// The Worker: the install flow, Sign in with Slack and Slack's events under /slack/, token lookups
// under /api/, the browser example's settings at /config.json; everything else is the static page
// in examples/web.
import { slackEvents } from "edge-oauth/cloudflare";
import { api } from "./api.js";
import { config, configurationProblem } from "./config.js";
import { install, oauthRedirect } from "./install.js";
import { signIn, signInCallback } from "./signin.js";
import { failurePage, json } from "./responses.js";

// The Durable Object class of edge-oauth/cloudflare: the installations' rotating tokens.
export { SlackTokens } from "edge-oauth/cloudflare";

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const settings = config(env, request.url);
    try {
      const refused = refuseUnconfigured(url.pathname, settings);
      if (refused) return refused;
      if (url.pathname === "/slack/install" && request.method === "GET") return await install(request, env, settings);
      if (url.pathname === "/slack/oauth_redirect" && request.method === "GET") return await oauthRedirect(request, env, settings);
      if (url.pathname === "/slack/signin" && request.method === "GET") return await signIn(request, env, settings);
      if (url.pathname === "/slack/signin/callback" && request.method === "GET") return await signInCallback(request, env, settings);
      if (url.pathname === "/slack/events" && request.method === "POST") return await slackEvents(request, env, ctx);
      if (url.pathname.startsWith("/api/")) return await api(request, env, settings);
      if (url.pathname === "/config.json") return json(publicConfig(settings));
      // Browsers ask for it on every page load; there is none, and a 404 would only fill the log.
      if (url.pathname === "/favicon.ico") return new Response(null, { status: 204, headers: { "cache-control": "public, max-age=86400" } });
      // Static files (examples/web) are served before the Worker runs; this is what is left.
      return failurePage(404, "Not found", `Nothing at ${url.pathname}`);
    } catch (error) {
      console.error("unexpected failure", error?.name, error?.message);
      return failurePage(500, "Something went wrong", "The error was logged. Try again.");
    }
  },
};

/** The routes of the install and sign-in flows, which need Slack's credentials. */
const FLOW_ROUTES = ["/slack/install", "/slack/oauth_redirect", "/slack/signin", "/slack/signin/callback"];

/**
 * The install and sign-in flows and /api answer 503 until Slack's credentials are set and STATE_SECRET and
 * ADMIN_TOKEN are strong: a weak secret is refused, never used. The page and /config.json still work.
 */
function refuseUnconfigured(pathname, settings) {
  const install = FLOW_ROUTES.includes(pathname);
  if (!install && !pathname.startsWith("/api/")) return null;
  const problem = configurationProblem(settings, { install });
  if (!problem) return null;
  if (install) return failurePage(503, "The app is not configured", problem.message);
  return json({ error: { kind: "configuration", ...problem } }, 503);
}

/** What the browser page needs: public values only. */
function publicConfig(settings) {
  return {
    client_id: settings.clientId ?? null,
    authorize_url: settings.authorizeUrl ?? null,
    slack_api_url: settings.slackApiUrl ?? null,
    user_scope: "identity.basic",
  };
}
