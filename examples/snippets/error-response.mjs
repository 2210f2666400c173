// error-response.mjs: one place that turns an edge-oauth error into an HTTP answer.
import { isEdgeOAuthError } from "edge-oauth";

// Slack refusals that mean the code or token in the request was bad, not our configuration.
const REFUSED_INPUT = new Set(["invalid_code", "bad_redirect_uri", "invalid_refresh_token", "invalid_grant_type", "token_not_found"]);

/** @param {unknown} error */
export function errorResponse(error) {
  if (!isEdgeOAuthError(error)) throw error; // a bug of ours: let the platform log it
  const { kind, code, status, requestId, retryAfter } = error;
  const body = { error: code, kind, requestId };
  switch (kind) {
    case "validation": // bad input, nothing was sent
      return Response.json(body, { status: 400 });
    case "rate_limited":
      return Response.json(body, { status: 429, headers: retryAfter ? { "retry-after": String(retryAfter) } : {} });
    case "platform": // the provider said no: the caller's input (4xx), or our credentials (502)
      if (status === 400 || status === 404) return Response.json(body, { status });
      return Response.json(body, { status: REFUSED_INPUT.has(code) ? 400 : 502 });
    default: // http, network, timeout, decode: the provider could not be reached or made no sense
      return Response.json(body, { status: 502 });
  }
}
