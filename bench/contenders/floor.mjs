// The floor: the least any client can do for these calls. A hand-written `fetch` + `JSON.parse`
// of exactly the request edge-oauth sends (same URL, method, headers and body; checked with the
// mock's request log), so every ratio in RESULTS.md is "cost over the bare HTTP round trip".
// `call` lets floor-timeout.mjs send the same requests its own way.
const FORM = "application/x-www-form-urlencoded";

export async function fetchJson(url, init) {
  const response = await fetch(url, init);
  return JSON.parse(await response.text());
}

export default {
  name: "floor",
  methods: {
    "oauth.v2.access"(t, call = fetchJson) {
      const headers = { accept: "application/json", authorization: `Basic ${btoa(`${t.clientId}:${t.clientSecret}`)}`, "content-type": FORM };
      return () => call(`${t.url}/api/oauth.v2.access`, { method: "POST", headers, body: `code=${encodeURIComponent(t.code)}` });
    },
    "apps.auth.external.get"(t, call = fetchJson) {
      const headers = { accept: "application/json", authorization: `Bearer ${t.botToken}`, "content-type": FORM };
      return () => call(`${t.url}/api/apps.auth.external.get`, { method: "POST", headers, body: `external_token_id=${encodeURIComponent(t.externalTokenId)}` });
    },
    "stytch.slack"(t, call = fetchJson) {
      const headers = { accept: "application/json", authorization: `Basic ${btoa(`${t.projectId}:${t.stytchSecret}`)}` };
      return () => call(
        `${t.url}/v1/b2b/organizations/${encodeURIComponent(t.organizationId)}/members/${encodeURIComponent(t.memberId)}/oauth_providers/slack`,
        { method: "GET", headers },
      );
    },
  },
};
