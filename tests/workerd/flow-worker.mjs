// A small Worker driving the install flow of edge-oauth/cloudflare for tests/workerd/flow.test.mjs.
// The query of /slack/install picks the options: `pkce=0|1` (unset: the default), `authorize_url`.
// /render/oauth_redirect is the callback with a `render` that answers what it was given, as JSON.
import { slackCallback, slackInstall } from "edge-oauth/cloudflare";

export { SlackTokens } from "edge-oauth/cloudflare";

const STATE_SECRET = "flow-test-state-secret-0123456789abcdef";

function flowOptions(url) {
  const query = url.searchParams;
  return {
    stateSecret: STATE_SECRET,
    scope: "commands,chat:write",
    ...(query.has("pkce") ? { pkce: query.get("pkce") === "1" } : {}),
    ...(query.has("authorize_url") ? { authorizeUrl: query.get("authorize_url") } : {}),
  };
}

/** What `render` got, without the installation's details. */
function rendered({ installation, error }) {
  if (installation) return Response.json({ installation: installation.id });
  const { name, code, status, message } = error;
  return Response.json({ error: { name, code, status, message } }, { status: status ?? 500 });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/slack/install") return slackInstall(request, env, flowOptions(url));
    if (url.pathname === "/slack/oauth_redirect") return slackCallback(request, env, flowOptions(url));
    if (url.pathname === "/render/oauth_redirect") return slackCallback(request, env, { ...flowOptions(url), render: rendered });
    if (url.pathname.startsWith("/consume/") && request.method === "POST") {
      // The ledger kept by the Durable Object of that name, directly: true the first time a nonce is seen there.
      const { nonce, expiresAt } = await request.json();
      const ledger = env.SLACK_TOKENS.get(env.SLACK_TOKENS.idFromName(decodeURIComponent(url.pathname.slice(9))));
      return Response.json(await ledger.consume(nonce, expiresAt));
    }
    return new Response("no route", { status: 404 });
  },
};
