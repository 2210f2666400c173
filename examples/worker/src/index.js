// The Worker: the install flow under /slack/, token lookups under /api/, the browser example's
// settings at /config.json; everything else is the static page in examples/web.
import { api } from "./api.js";
import { config } from "./config.js";
import { install, oauthRedirect } from "./install.js";
import { failurePage, json } from "./responses.js";

export { StateLedger } from "./state_ledger.js";
export { TokenRefresher } from "./token_refresher.js";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const settings = config(env, request.url);
    try {
      if (url.pathname === "/slack/install" && request.method === "GET") return await install(settings);
      if (url.pathname === "/slack/oauth_redirect" && request.method === "GET") return await oauthRedirect(request, env, settings);
      if (url.pathname.startsWith("/api/")) return await api(request, env, settings);
      if (url.pathname === "/config.json") return json(publicConfig(settings));
      // Static files (examples/web) are served before the Worker runs; this is what is left.
      return failurePage(404, "Not found", `Nothing at ${url.pathname}`);
    } catch (error) {
      console.error("unexpected failure", error?.name, error?.message);
      return failurePage(500, "Something went wrong", "The error was logged. Try again.");
    }
  },
};

/** What the browser page needs: public values only. */
function publicConfig(settings) {
  return {
    client_id: settings.clientId ?? null,
    authorize_url: settings.authorizeUrl ?? null,
    slack_api_url: settings.slackApiUrl ?? null,
    user_scope: "identity.basic",
  };
}
