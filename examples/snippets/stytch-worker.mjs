// stytch-worker.mjs: read a member's saved Slack bot token from Stytch B2B and post with it.
import { StytchB2BClient } from "edge-oauth";
import { errorResponse } from "./error-response.mjs";

/** @typedef {{ STYTCH_PROJECT_ID: string, STYTCH_SECRET: string, STYTCH_BASE_URL?: string, SLACK_API_URL?: string }} Env */

export default {
  /** @param {Request} request @param {Env} env */
  async fetch(request, env) {
    const url = new URL(request.url);
    const organization_id = url.searchParams.get("organization_id");
    const member_id = url.searchParams.get("member_id");
    if (!organization_id || !member_id) return Response.json({ error: "missing_param", field: organization_id ? "member_id" : "organization_id" }, { status: 400 });
    const stytch = new StytchB2BClient({
      project_id: env.STYTCH_PROJECT_ID, secret: env.STYTCH_SECRET,
      custom_base_url: env.STYTCH_BASE_URL, // unset: picked from the project id
    });
    try {
      const { registrations } = await stytch.organizations.members.oauthProviders.slack({ organization_id, member_id });
      const botToken = registrations[0]?.bot_access_token;
      if (!botToken) return Response.json({ error: "no_slack_bot" }, { status: 404 });
      const posted = await fetch(`${env.SLACK_API_URL ?? "https://slack.com/api/"}chat.postMessage`, {
        method: "POST",
        headers: { authorization: `Bearer ${botToken}`, "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify({ channel: url.searchParams.get("channel"), text: "Hello from the edge" }),
      });
      const answer = await posted.json();
      return Response.json({ ok: answer.ok, error: answer.error }, { status: answer.ok ? 200 : 502 });
    } catch (error) {
      return errorResponse(error);
    }
  },
};
