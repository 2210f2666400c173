// @slack/web-api, Slack's official Node SDK (v8: global fetch, p-queue, p-retry).
// It sends client_id/client_secret in the form body, not as Basic auth. The mock accepts body
// credentials only from a PKCE public client, so the exchange also sends a code_verifier (the
// mock does not check it for code "good"): one extra form field, otherwise the SDK's own request.
// In workerd it fails as shipped, twice: it calls the global fetch as `this.fetchFn(...)`, which
// workerd rejects ("Illegal invocation"), and it asks for `redirect: "error"`, which workerd does
// not implement. Its default retry policy (10 retries over ~30 minutes) turns either into a hang.
// Its `fetch` option fixes both: a plain wrapper that asks for "manual" (the SDK already fails
// on any status but 200). The bench passes it everywhere, so Node and workerd run the same code.
// It has no binding for apps.auth.external.get; its public generic `apiCall` sends that method.
import { LogLevel, WebClient } from "@slack/web-api";

const workerdSafeFetch = (url, init) => fetch(url, { ...init, redirect: "manual" });
const options = (t) => ({ slackApiUrl: `${t.url}/api/`, logLevel: LogLevel.ERROR, fetch: workerdSafeFetch });

export default {
  name: "@slack/web-api",
  methods: {
    "oauth.v2.access"(t) {
      const slack = new WebClient(undefined, options(t));
      return () => slack.oauth.v2.access({ client_id: t.clientId, client_secret: t.clientSecret, code: t.code, code_verifier: t.codeVerifier });
    },
    "apps.auth.external.get"(t) {
      const slack = new WebClient(t.botToken, options(t));
      return () => slack.apiCall("apps.auth.external.get", { external_token_id: t.externalTokenId });
    },
  },
};
