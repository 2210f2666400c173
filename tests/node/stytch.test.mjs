// StytchB2BClient from the built package, against the project's mock over loopback.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { StytchB2BClient } from "edge-oauth";
import { catalog, stytchProviders } from "../../scripts/catalog.mjs";
import { MOCK_PROJECT_ID as project_id, MOCK_SECRET as secret } from "../mock/stytch.mjs";
import { assertNoSecrets, rejectsWith, useMock } from "./helpers.mjs";

const mock = useMock();
const stytch = (options = {}) => new StytchB2BClient({ project_id, secret, custom_base_url: mock.current.url, ...options });
const providers = (options) => stytch(options).organizations.members.oauthProviders;
const ids = { organization_id: "organization-test-1", member_id: "member-test-1" };
const basic = `Basic ${Buffer.from(`${project_id}:${secret}`).toString("base64")}`;

describe("each provider", () => {
  for (const provider of stytchProviders()) {
    test(`${provider}: GET with Basic auth, answer unchanged`, async () => {
      const answer = await providers()[provider](ids);
      assert.equal(answer.status_code, 200);
      assert.match(answer.request_id, /^request-id-test-/);
      const token = answer.registrations ? answer.registrations[0].access_token : answer.access_token;
      assert.ok(token.length > 0);
      const [request] = mock.current.requests;
      assert.equal(request.method, "GET");
      assert.equal(request.rawPath, `/v1/b2b/organizations/organization-test-1/members/member-test-1/oauth_providers/${provider}`);
      assert.equal(request.headers.authorization, basic);
      assert.deepEqual(request.query, {});
    });
  }

  test("slack: registrations with bot tokens; nulls survive", async () => {
    const answer = await providers().slack(ids);
    assert.equal(answer.provider_type, "Slack");
    assert.equal(answer.registrations[0].bot_access_token, "xoxb-stytch-saved-bot");
    assert.deepEqual(answer.registrations[0].provider_tenant_ids, ["T0MOCK"]);
    assert.equal(answer.registrations[0].access_token_expires_in, null);
    const empty = await providers().slack({ ...ids, member_id: "member-empty" });
    assert.deepEqual(empty.registrations, []);
  });

  // Which lookups take include_refresh_token is the catalog's (their params' fields).
  const takesRefresh = (provider) => catalog().methods.some((m) =>
    m.path === `organizations.members.oauthProviders.${provider}` && m.keys.some((key) => key.name === "include_refresh_token"));

  test("include_refresh_token is a query parameter, and slack does not take it", async () => {
    assert.equal(takesRefresh("slack"), false);
    for (const provider of stytchProviders().filter(takesRefresh)) {
      mock.current.reset();
      const answer = await providers()[provider]({ ...ids, include_refresh_token: true });
      const refresh = answer.registrations ? answer.registrations[0].refresh_token : answer.refresh_token;
      assert.equal(refresh, `mock-refresh-${provider}`);
      assert.deepEqual(mock.current.requests[0].query, { include_refresh_token: "true" });
    }
    mock.current.reset();
    await rejectsWith(providers().slack({ ...ids, include_refresh_token: true }), {
      kind: "validation", code: "unknown_param", field: "include_refresh_token", method: "organizations.members.oauthProviders.slack",
    });
    assert.equal(mock.current.requests.length, 0);
  });
});

describe("base URL", () => {
  // Observe the URL the client fetches by swapping globalThis.fetch for one call.
  async function fetchedUrl(options) {
    const original = globalThis.fetch;
    let seen;
    globalThis.fetch = async (url) => {
      seen = String(url);
      return new Response(JSON.stringify({ request_id: "r", provider_type: "Slack", registrations: [], status_code: 200 }), {
        status: 200, headers: { "content-type": "application/json" },
      });
    };
    try {
      await new StytchB2BClient({ secret, ...options }).organizations.members.oauthProviders.slack(ids);
    } finally {
      globalThis.fetch = original;
    }
    return seen;
  }

  test("project-test- uses test.stytch.com, project-live- uses api.stytch.com", async () => {
    const path = "/v1/b2b/organizations/organization-test-1/members/member-test-1/oauth_providers/slack";
    assert.equal(await fetchedUrl({ project_id: "project-test-abc" }), `https://test.stytch.com${path}`);
    assert.equal(await fetchedUrl({ project_id: "project-live-abc" }), `https://api.stytch.com${path}`);
    assert.equal(await fetchedUrl({ project_id: "project-live-abc", custom_base_url: "https://stytch.example.com/base" }), `https://stytch.example.com/base${path}`);
  });

  test("construction checks project id, secret and URL", () => {
    const invalid = (options, field, code = "invalid_param") =>
      assert.throws(() => new StytchB2BClient(options), (e) => e.name === "EdgeOAuthError" && e.kind === "validation" && e.field === field && e.code === code && !e.message.includes(secret));
    invalid({ project_id: "my-project", secret }, "project_id");
    invalid({ project_id, secret, custom_base_url: "http://stytch.example.com" }, "custom_base_url");
    invalid({ project_id, secret: "" }, "secret", "missing_param");
    invalid({ project_id }, "secret", "missing_param");
    invalid({ project_id, secret, envs: "test" }, "envs", "unknown_param");
    invalid({ project_id, secret, env: "test" }, "custom_base_url"); // stytch's `env`, a base URL (official.mjs)
    invalid({ project_id, secret: 42 }, "secret");
    invalid({ project_id, secret, timeout: 0 }, "timeout");
  });
});

describe("errors", () => {
  test("401: platform error with Stytch's fields, secret absent", async () => {
    const error = await rejectsWith(stytch({ secret: "secret-test-wrong-one" }).organizations.members.oauthProviders.google(ids), {
      kind: "platform", provider: "stytch", code: "unauthorized_credentials", status: 401, method: "organizations.members.oauthProviders.google",
    });
    assert.match(error.requestId, /^request-id-test-/);
    assert.equal(error.message.includes("Unauthorized credentials."), true);
    assert.equal(error.data.error_url, "https://stytch.com/docs/api/errors/401");
    assertNoSecrets(error, ["secret-test-wrong-one", secret]);
    assert.equal(mock.current.requests.length, 1, "a 4xx is not retried");
  });

  test("404 member and organization not found", async () => {
    await rejectsWith(providers().slack({ ...ids, member_id: "member-missing" }), { kind: "platform", code: "member_not_found", status: 404 });
    await rejectsWith(providers().github({ ...ids, organization_id: "organization-missing" }), { code: "organization_not_found" });
  });

  test("OAuth2-style error bodies map onto the same fields", async () => {
    const error = await rejectsWith(providers().hubspot({ ...ids, member_id: "member-oauth2-error" }), { kind: "platform", code: "invalid_request", status: 400 });
    assert.match(error.message, /malformed/);
    assert.equal(error.data.error_uri, "https://stytch.com/docs");
  });

  test("429 is retried after Retry-After, then rate_limited", async () => {
    const answer = await providers().google({ ...ids, member_id: "member-429-once~a" });
    assert.equal(answer.status_code, 200);
    assert.equal(mock.current.requests.length, 2);
    mock.current.reset();
    const error = await rejectsWith(providers({ retries: 1 }).google({ ...ids, member_id: "member-429~b" }), {
      kind: "rate_limited", code: "too_many_requests", status: 429, retryAfter: 1,
    });
    assert.match(error.requestId, /^request-id-test-/);
    assert.equal(mock.current.requests.length, 2);
  });

  test("5xx is retried; a non-JSON 5xx keeps its status as kind http", async () => {
    const answer = await providers().microsoft({ ...ids, member_id: "member-500-once~c" });
    assert.equal(answer.provider_type, "Microsoft");
    assert.equal(mock.current.requests.length, 2);
    mock.current.reset();
    await rejectsWith(providers({ retries: 2 }).slack({ ...ids, member_id: "member-500~d" }), { kind: "http", status: 500, code: "http_error" });
    assert.equal(mock.current.requests.length, 3);
    mock.current.reset();
    await rejectsWith(providers({ retries: 0 }).slack({ ...ids, member_id: "member-500-json" }), { kind: "platform", status: 500, code: "internal_server_error" });
  });

  test("a refused connection is retried, then a network error", async () => {
    const client = new StytchB2BClient({ project_id, secret, custom_base_url: "http://127.0.0.1:9", retries: 1 });
    await rejectsWith(client.organizations.members.oauthProviders.slack(ids), { kind: "network" });
  });
});

describe("path safety", () => {
  const escapes = ["../../../v1/b2b/organizations", "a/b", "member?x=1", "member#frag", "%2e%2e", "..%2f..%2f", "m\u00fc ber", "./x"];
  for (const member_id of escapes) {
    test(`member_id ${JSON.stringify(member_id)} stays one segment`, async () => {
      await providers({ retries: 0 }).slack({ ...ids, member_id }).catch(() => {});
      assert.equal(mock.current.requests.length, 1);
      const [request] = mock.current.requests;
      const parts = request.rawPath.split("/");
      assert.equal(parts.length, 9, request.rawPath);
      assert.equal(decodeURIComponent(parts[6]), member_id, "the server sees exactly the id");
      assert.equal(parts[8], "slack");
      assert.deepEqual(request.query, {});
    });
  }

  for (const [field, value] of [["member_id", ".."], ["member_id", "."], ["organization_id", ".."], ["organization_id", ""], ["member_id", "a\nb"]]) {
    test(`${field} ${JSON.stringify(value)} is refused before sending`, async () => {
      await rejectsWith(providers().google({ ...ids, [field]: value }), { kind: "validation", field });
      assert.equal(mock.current.requests.length, 0);
    });
  }

  test("missing or mistyped ids send nothing", async () => {
    await rejectsWith(providers().google({ organization_id: "o" }), { kind: "validation", code: "missing_param", field: "member_id" });
    await rejectsWith(providers().google({ ...ids, include_refresh_token: "yes" }), { kind: "validation", code: "invalid_param", field: "include_refresh_token" });
    await rejectsWith(providers().github({ ...ids, organizationId: "x" }), { kind: "validation", code: "unknown_param", field: "organizationId" });
    assert.equal(mock.current.requests.length, 0);
  });
});
