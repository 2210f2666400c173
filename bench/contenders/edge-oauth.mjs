// edge-oauth, as its README shows it. One client per method, built once, as a long-lived server
// (or a Worker's module scope) would; the ratio then measures the call, not construction.
import { SlackClient, StytchB2BClient } from "edge-oauth";
import { initSync } from "edge-oauth/web";

export default {
  name: "edge-oauth",
  methods: {
    "oauth.v2.access"(t) {
      const slack = new SlackClient(undefined, { slackApiUrl: `${t.url}/api/` });
      return () => slack.oauth.v2.access({ client_id: t.clientId, client_secret: t.clientSecret, code: t.code });
    },
    "apps.auth.external.get"(t) {
      const slack = new SlackClient(t.botToken, { slackApiUrl: `${t.url}/api/` });
      return () => slack.apps.auth.external.get({ external_token_id: t.externalTokenId });
    },
    "stytch.slack"(t) {
      const stytch = new StytchB2BClient({ project_id: t.projectId, secret: t.stytchSecret, custom_base_url: t.url });
      return () => stytch.organizations.members.oauthProviders.slack({ organization_id: t.organizationId, member_id: t.memberId });
    },
  },
  // The package's entry has already instantiated the module, so initSync returns the live
  // exports without reading its argument; `memory` is the instance's linear memory.
  wasmMemoryBytes: () => initSync({ module: undefined }).memory.buffer.byteLength,
};
