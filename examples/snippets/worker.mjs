// worker.mjs: "Add to Slack" in a Cloudflare Worker. Secrets: `wrangler secret put SLACK_CLIENT_SECRET`
// (and SLACK_CLIENT_ID, STATE_SECRET: at least 32 random characters).
import { SlackClient, signState, slackAuthorizeUrl, verifyState } from "edge-oauth";
import { errorResponse } from "./error-response.mjs";

/** @typedef {{ SLACK_CLIENT_ID: string, SLACK_CLIENT_SECRET: string, STATE_SECRET: string, SLACK_API_URL?: string, SLACK_AUTHORIZE_URL?: string }} Env */

export default {
  /** @param {Request} request @param {Env} env */
  async fetch(request, env) {
    const url = new URL(request.url);
    const redirect_uri = `${url.origin}/slack/oauth_redirect`;
    if (url.pathname === "/slack/install") {
      const state = await signState(env.STATE_SECRET, { ttl_seconds: 600 });
      const authorize = slackAuthorizeUrl({
        client_id: env.SLACK_CLIENT_ID, scope: "chat:write,commands", redirect_uri, state,
        authorize_url: env.SLACK_AUTHORIZE_URL, // unset: https://slack.com/oauth/v2/authorize
      });
      return Response.redirect(authorize, 302);
    }
    if (url.pathname === "/slack/oauth_redirect") {
      if (url.searchParams.has("error")) return Response.json({ error: url.searchParams.get("error") }, { status: 400 });
      const code = url.searchParams.get("code");
      const state = url.searchParams.get("state");
      if (!code || !state) return Response.json({ error: "missing_param", field: code ? "state" : "code" }, { status: 400 });
      // Outside the try: a misconfigured Worker is a 500, not the caller's fault.
      const slack = new SlackClient(undefined, { slackApiUrl: env.SLACK_API_URL }); // unset: https://slack.com/api/
      try {
        await verifyState(env.STATE_SECRET, state); // signature and expiry
        const install = await slack.oauth.v2.access({
          client_id: env.SLACK_CLIENT_ID, client_secret: env.SLACK_CLIENT_SECRET,
          code, redirect_uri,
        });
        // Store install.access_token under install.team?.id (or install.enterprise?.id) here, e.g. in KV.
        return Response.json({ team: install.team?.id ?? null, enterprise: install.enterprise?.id ?? null, scope: install.scope });
      } catch (error) {
        return errorResponse(error);
      }
    }
    return new Response("Not found", { status: 404 });
  },
};
