// installations-worker.mjs: "Add to Slack" with edge-oauth/cloudflare, whole. Installations in KV
// (tokens sealed with TOKEN_KEYS), rotating tokens refreshed by the SlackTokens Durable Object, the
// install flow bound to the browser, Slack's events, and a slash command that posts with the
// installation's bot token. Its wrangler.toml is installations-wrangler.toml.
import { SlackInstallationStore, slackCallback, slackEvents, slackInstall, verifySlackRequest } from "edge-oauth/cloudflare";

export { SlackTokens } from "edge-oauth/cloudflare"; // the Durable Object class wrangler.toml binds

export default {
  /** @param {Request} request @param {Env} env @param {ExecutionContext} ctx (types: `wrangler types`) */
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    const options = { stateSecret: env.STATE_SECRET, scope: "commands,chat:write" }; // PKCE is on by default
    if (pathname === "/slack/install") return slackInstall(request, env, options);
    if (pathname === "/slack/oauth_redirect") return slackCallback(request, env, options);
    if (pathname === "/slack/events" && request.method === "POST") return slackEvents(request, env, ctx);
    if (pathname === "/slack/commands" && request.method === "POST") return command(request, env);
    return new Response("Not found", { status: 404 });
  },
};

/**
 * A slash command, signed by Slack: the bot says hello in the channel it was typed in.
 * @param {Request} request @param {Env} env
 */
async function command(request, env) {
  let form;
  try {
    form = new URLSearchParams(await verifySlackRequest(env.SLACK_SIGNING_SECRET, request));
  } catch (error) {
    const refusal = /** @type {import("edge-oauth/cloudflare").SlackFlowError} */ (error);
    if (refusal?.name !== "SlackFlowError") throw error;
    return new Response(refusal.message, { status: refusal.status }); // 401: not from Slack
  }
  const id = form.get("is_enterprise_install") === "true" ? form.get("enterprise_id") : form.get("team_id");
  if (!id) return new Response("Slack sent no team id.", { status: 400 });
  const bot = await new SlackInstallationStore(env).botToken(id); // refreshed first if it rotates
  if (!bot) return new Response("This workspace has not installed the app.");
  const posted = await fetch(`${env.SLACK_API_URL || "https://slack.com/api/"}chat.postMessage`, {
    method: "POST",
    headers: { authorization: `Bearer ${bot.access_token}`, "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ channel: form.get("channel_id"), text: "Hello from the edge" }),
  });
  const { ok, error } = await posted.json();
  return new Response(ok ? "" : `Could not post: ${error}`); // shown only to whoever typed the command
}
