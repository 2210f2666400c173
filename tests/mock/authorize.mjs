// The mock's Slack authorize pages: the install page (/oauth/v2/authorize) and Sign in with
// Slack's (/openid/connect/authorize). Each shows what the app asks for, with "Allow" and
// "Cancel", and redirects back with a one-time `code` (or `error=access_denied`) and the `state`.
// The codes it issues are remembered with the request's params (redirect_uri, PKCE, scopes, and
// for a sign-in the `nonce`), so the exchange can check them, spend each once, and put the
// nonce in the id_token.
import { randomBytes } from "node:crypto";
import { issuedCodes } from "./codes.mjs";
import { html, reply } from "./http.mjs";
import { MOCK_CLIENT_ID } from "./slack.mjs";

/** Each page: what it requires beyond what both do, and what its consent page lists. */
const PAGES = {
  "/oauth/v2/authorize": {
    title: "Mock Slack: authorize an app",
    asks: "is requesting permission to access the <strong>Mock Workspace</strong> Slack workspace",
    check: (params) => (!params.scope && !params.user_scope ? "Ask for scope or user_scope." : null),
    lists: [["Bot scopes", "scope", ","], ["User scopes", "user_scope", ","]],
  },
  "/openid/connect/authorize": {
    title: "Mock Slack: sign in to an app",
    asks: "wants to know who you are in the <strong>Mock Workspace</strong> Slack workspace",
    check: (params) => {
      if (params.response_type !== "code") return "Only response_type=code is supported.";
      return (params.scope ?? "").split(" ").includes("openid") ? null : "The scope must include openid (space-separated).";
    },
    lists: [["OpenID scopes", "scope", " "]],
  },
};

export function authorizeRoute(request, { store }) {
  const kind = Object.hasOwn(PAGES, request.path) ? PAGES[request.path] : undefined;
  if (!kind) return undefined;
  const params = request.method === "POST" ? request.form : request.query;
  const problem = check(params) ?? kind.check(params);
  if (problem) return html(400, page("Something is wrong with this request", `<p class="error">${escape(problem)}</p>`));
  if (request.method === "GET") return html(200, consent(request.path, kind, params));
  const back = new URL(params.redirect_uri);
  if (params.decision === "allow") {
    const code = `mockcode-${randomBytes(12).toString("hex")}`;
    const { decision, ...asked } = params;
    issuedCodes(store).set(code, { ...asked, used: false });
    back.searchParams.set("code", code);
  } else {
    back.searchParams.set("error", "access_denied");
  }
  if (params.state) back.searchParams.set("state", params.state);
  return reply(302, "", { location: back.toString() });
}

function check(params) {
  if (params.client_id !== MOCK_CLIENT_ID) return `Unknown client_id "${params.client_id ?? ""}": the mock app is ${MOCK_CLIENT_ID}.`;
  if (!/^https?:\/\//.test(params.redirect_uri ?? "")) return "The mock needs an absolute redirect_uri.";
  if (params.code_challenge && params.code_challenge_method !== "S256") return "Only code_challenge_method=S256 is supported.";
  return null;
}

function consent(path, kind, params) {
  const list = ([label, key, separator]) =>
    params[key] ? `<h2>${label}</h2><ul>${params[key].split(separator).map((s) => `<li><code>${escape(s)}</code></li>`).join("")}</ul>` : "";
  const hidden = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join("");
  const body = `
    <p><strong>Mock App</strong> (${escape(params.client_id)}) ${kind.asks}.</p>
    ${kind.lists.map(list).join("")}
    ${params.code_challenge ? "<p class=note>This request uses PKCE (S256).</p>" : ""}
    <p class=note>It will redirect to <code>${escape(params.redirect_uri)}</code>.</p>
    <form method="post" action="${path}">${hidden}
      <button name="decision" value="cancel" type="submit">Cancel</button>
      <button name="decision" value="allow" type="submit" class="primary">Allow</button>
    </form>`;
  return page(kind.title, body);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1d1c1d; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1rem; margin-bottom: .2rem; }
  .note { color: #616061; font-size: .9rem; } .error { color: #e01e5a; }
  button { font: inherit; padding: .5rem 1.2rem; margin-right: .5rem; border-radius: 4px; border: 1px solid #bbb; background: #fff; cursor: pointer; }
  button.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
  .banner { background: #fef3c7; padding: .4rem .8rem; border-radius: 4px; font-size: .9rem; }
</style></head><body><p class="banner">This is the edge-oauth mock of Slack, not Slack.</p>
<h1>${escape(title)}</h1>${body}</body></html>`;
}

function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
