// The error of edge-oauth/cloudflare's own refusals (the install flow, Slack's requests, the
// store's settings): a code to branch on and the HTTP status to answer.

/**
 * A refusal, with the status to answer.
 * @param {import("./cloudflare.js").SlackFlowError["code"]} code
 * @param {number} status
 * @param {string} message
 * @returns {import("./cloudflare.js").SlackFlowError}
 */
export function flowError(code, status, message) {
  const error = /** @type {import("./cloudflare.js").SlackFlowError} */ (new Error(message));
  error.name = "SlackFlowError";
  error.code = code;
  error.status = status;
  return error;
}

/**
 * Whether `value` is a refusal (a `SlackFlowError`).
 * @type {(value: any) => value is import("./cloudflare.js").SlackFlowError}
 */
export const isFlowError = (value) => value?.name === "SlackFlowError";
