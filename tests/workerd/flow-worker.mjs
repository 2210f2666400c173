// A small Worker driving the install and sign-in flows of edge-oauth/cloudflare for
// tests/workerd/flow.test.mjs. The query of /slack/install and /slack/signin picks the options:
// `pkce=0|1` (unset: the default), `authorize_url`. /render/oauth_redirect and
// /render/signin/callback are the callbacks with a `render` that answers what it was given, as
// JSON (the sign-in's tokens by their keys only). A sign-in callback with an `x-api-url` header
// exchanges its code there instead of env.SLACK_API_URL (a test's own forging token endpoint).
import { slackCallback, slackInstall, slackSignIn, slackSignInCallback } from "edge-oauth/cloudflare";

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

function signInOptions(url, env) {
  const query = url.searchParams;
  return {
    stateSecret: STATE_SECRET,
    authorizeUrl: query.get("authorize_url") ?? env.SLACK_OPENID_AUTHORIZE_URL,
    ...(query.has("pkce") ? { pkce: query.get("pkce") === "1" } : {}),
  };
}

/** What `render` got, without the installation's details and the sign-in's token values. */
function rendered({ installation, identity, tokens, error }) {
  if (installation) return Response.json({ installation: installation.id });
  if (identity) return Response.json({ identity, tokens: Object.keys(tokens) });
  const { name, code, status, message } = error;
  return Response.json({ error: { name, code, status, message } }, { status: status ?? 500 });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/slack/install") return slackInstall(request, env, flowOptions(url));
    if (url.pathname === "/slack/oauth_redirect") return slackCallback(request, env, flowOptions(url));
    if (url.pathname === "/render/oauth_redirect") return slackCallback(request, env, { ...flowOptions(url), render: rendered });
    if (url.pathname === "/slack/signin") return slackSignIn(request, env, signInOptions(url, env));
    if (url.pathname.endsWith("/signin/callback")) {
      const apiUrl = request.headers.get("x-api-url");
      const render = url.pathname.startsWith("/render/") ? { render: rendered } : {};
      return slackSignInCallback(request, apiUrl ? { ...env, SLACK_API_URL: apiUrl } : env, { ...signInOptions(url, env), ...render });
    }
    if (url.pathname.startsWith("/consume/") && request.method === "POST") {
      // The ledger kept by the Durable Object of that name, directly: true the first time a nonce is seen there.
      const { nonce, expiresAt } = await request.json();
      const ledger = env.SLACK_TOKENS.get(env.SLACK_TOKENS.idFromName(decodeURIComponent(url.pathname.slice(9))));
      return Response.json(await ledger.consume(nonce, expiresAt));
    }
    return new Response("no route", { status: 404 });
  },
};
