// edge-oauth, as its README shows it. `edgeOAuth(api, initSync)` makes the contender from a
// build's entry (its clients) and its `edge-oauth/web` glue, so cpu.mjs can race several builds;
// the default is the package in node_modules (../pkg).
import * as api from "edge-oauth";
import { initSync } from "edge-oauth/web";

export function edgeOAuth({ SlackClient, StytchB2BClient }, initSyncOfBuild) {
  return {
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
    wasmMemoryBytes: () => initSyncOfBuild({ module: undefined }).memory.buffer.byteLength,
  };
}

export default edgeOAuth(api, initSync);
