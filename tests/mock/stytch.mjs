// The Stytch B2B half of the mock: the member OAuth-provider token lookups. Behaviour is chosen
// by the member id (`<behaviour>` or `<behaviour>~<anything>`); see "The mock" in the project README.
import { stytchProviders } from "../../scripts/catalog.mjs";
import { html, json } from "./http.mjs";

export const MOCK_PROJECT_ID = "project-test-00000000-mock";
export const MOCK_SECRET = "secret-test-mock-stytch-secret";

const ROUTE = ["v1", "b2b", "organizations", null, "members", null, "oauth_providers", null];

/** Splits a raw path into decoded segments, as a server would, without normalising dots. */
function segments(rawPath) {
  return rawPath.split("/").slice(1).map((segment) => decodeURIComponent(segment));
}

function stytchError(status, error_type, error_message, headers = {}) {
  return json(status, {
    status_code: status,
    request_id: `request-id-test-${Math.random().toString(16).slice(2, 10)}`,
    error_type,
    error_message,
    error_url: `https://stytch.com/docs/api/errors/${status}`,
  }, headers);
}

function authorized(request) {
  const header = request.headers.authorization ?? "";
  const expected = `Basic ${Buffer.from(`${MOCK_PROJECT_ID}:${MOCK_SECRET}`).toString("base64")}`;
  return header === expected;
}

/** Routes `/v1/…`; returns undefined for other paths. */
export function stytchRoute(request, { seen }) {
  if (!request.rawPath.startsWith("/v1/")) return undefined;
  const parts = segments(request.rawPath);
  const matches = parts.length === ROUTE.length && ROUTE.every((fixed, i) => fixed === null || fixed === parts[i]);
  if (!matches || request.method !== "GET") return stytchError(404, "route_not_found", "Unrecognized request path.");
  if (!authorized(request)) return stytchError(401, "unauthorized_credentials", "Unauthorized credentials.");
  const [, , , organizationId, , memberId, , provider] = parts;
  // The providers the client has a method for (the Rust catalog), so a new one is served at once.
  if (!stytchProviders().includes(provider)) return stytchError(404, "route_not_found", "Unrecognized request path.");
  const behaviour = memberId.split("~")[0];
  const nth = seen(`stytch:${request.rawPath}`);
  switch (behaviour) {
    case "member-missing": return stytchError(404, "member_not_found", "Member could not be found.");
    case "member-429": return stytchError(429, "too_many_requests", "Too many requests.", { "retry-after": "1" });
    case "member-429-once": if (nth === 1) return stytchError(429, "too_many_requests", "Too many requests.", { "retry-after": "1" }); break;
    case "member-500": return html(500, "<html>upstream error</html>");
    case "member-500-once": if (nth === 1) return html(503, "<html>busy</html>"); break;
    case "member-500-json": return stytchError(500, "internal_server_error", "Oops, something seems to have gone wrong.");
    case "member-oauth2-error": return json(400, { error: "invalid_request", error_description: "The request is malformed.", error_uri: "https://stytch.com/docs" });
    default: break;
  }
  if (organizationId === "organization-missing") return stytchError(404, "organization_not_found", "Organization could not be found.");
  return json(200, answer(provider, behaviour, request.query.include_refresh_token === "true"));
}

function answer(provider, behaviour, includeRefreshToken) {
  const base = { request_id: `request-id-test-${Date.now()}`, status_code: 200 };
  const refresh = includeRefreshToken ? { refresh_token: `mock-refresh-${provider}` } : {};
  switch (provider) {
    case "slack":
      return { ...base, provider_type: "Slack", registrations: behaviour === "member-empty" ? [] : [{
        provider_subject: "U0MOCK", provider_tenant_id: "T0MOCK", provider_tenant_ids: ["T0MOCK"],
        access_token: "xoxp-stytch-saved", access_token_expires_in: null, scopes: ["users:read", "users:read.email"],
        bot_access_token: "xoxb-stytch-saved-bot", bot_scopes: ["chat:write"],
      }] };
    case "google":
    case "microsoft":
      return { ...base, provider_type: provider === "google" ? "Google" : "Microsoft", provider_subject: "10769150350006150715113082367",
        id_token: "eyJhbGciOiJSUzI1NiJ9.mock.sig", access_token: `mock-access-${provider}`, access_token_expires_in: 3599,
        scopes: ["openid", "email", "profile"], ...refresh };
    default:
      return { ...base, provider_type: provider === "github" ? "Github" : "HubSpot", registrations: [{
        provider_subject: "12345", provider_tenant_id: "67890", provider_tenant_ids: ["67890"],
        access_token: `mock-access-${provider}`, access_token_expires_in: 21600, scopes: ["read"], ...refresh,
      }] };
  }
}
