// The error of edge-oauth/cloudflare's own refusals (the install flow, Slack's requests, the
// store's settings): a code to branch on and the HTTP status to answer.

/** A refusal, with the status to answer. */
export function flowError(code, status, message) {
  const error = new Error(message);
  error.name = "SlackFlowError";
  error.code = code;
  error.status = status;
  return error;
}
