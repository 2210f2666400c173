// HTML pages for people and JSON for programs; errors carry the EdgeOAuthError fields, never a
// secret and never a stack trace.
import { isEdgeOAuthError } from "edge-oauth";

export function json(value, status = 200, headers = {}) {
  return Response.json(value, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** The HTTP status that tells a caller what an EdgeOAuthError means. */
export function statusFor(error) {
  switch (error.kind) {
    case "validation": return 400;
    case "rate_limited": return 429;
    case "timeout": return 504;
    case "platform": return error.status >= 400 && error.status < 500 ? error.status : 502;
    default: return 502;
  }
}

/** The public fields of an EdgeOAuthError (they hold no secret by design). */
export function errorFields(error) {
  const { kind, provider, method, code, status, retryAfter, requestId, field } = error;
  return { kind, provider, method, code, status, retryAfter, requestId, field, message: error.message };
}

/** The JSON answer for an EdgeOAuthError (anything else is rethrown). */
export function jsonError(error) {
  if (!isEdgeOAuthError(error)) throw error;
  return errorResponse(errorFields(error));
}

/** The JSON answer for an error's fields, e.g. as a Durable Object returned them. */
export function errorResponse(fields) {
  const headers = fields.retryAfter ? { "retry-after": String(fields.retryAfter) } : {};
  return json({ error: fields }, statusFor(fields), headers);
}

export function page(status, title, body) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/style.css"></head>
<body><main><h1>${escape(title)}</h1>${body}<p><a href="/">Back to the start page</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * The page of a flow's failure (`render`'s `error`): a refusal of the flow (SlackFlowError) under
 * its title from `titles` (by code, else `fallback`), or an EdgeOAuthError as its fields say.
 */
export function flowFailurePage(error, titles, fallback) {
  if (error.name === "SlackFlowError") return failurePage(error.status, titles[error.code] ?? fallback, error.message);
  // Slack refusing the code (or our own checks, such as the id_token's) is the request's fault; the rest is upstream.
  const status = ["platform", "validation"].includes(error.kind) ? 400 : 502;
  return failurePage(status, fallback, `${error.provider} ${error.method}: ${error.code} (${error.kind})`);
}

/** The titles of the refusals both flows share. */
export const FLOW_TITLES = {
  invalid_state: "Invalid state",
  expired_state: "This link has expired",
  state_used: "This link was already used",
  missing_code: "Missing code",
};

export function failurePage(status, title, explanation) {
  return page(status, title, `<p class="error">${escape(explanation)}</p>`);
}

export function escape(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
