// slack-edge's API client (SlackAPIClient, from slack-web-api-client), made for Workers.
// Like @slack/web-api it puts the client credentials in the body: see slack-web-api.mjs.
// It has no binding for apps.auth.external.get; its public generic `call` sends that method.
import { SlackAPIClient } from "slack-edge";

const options = (t) => ({ baseUrl: `${t.url}/api/`, logLevel: "ERROR" });

export default {
  name: "slack-edge",
  methods: {
    "oauth.v2.access"(t) {
      const slack = new SlackAPIClient(undefined, options(t));
      return () => slack.oauth.v2.access({ client_id: t.clientId, client_secret: t.clientSecret, code: t.code, code_verifier: t.codeVerifier });
    },
    "apps.auth.external.get"(t) {
      const slack = new SlackAPIClient(t.botToken, options(t));
      return () => slack.call("apps.auth.external.get", { external_token_id: t.externalTokenId });
    },
  },
};
