// EdgeOAuthError: a real Error whose fields come from the wasm's error JSON.

/**
 * @typedef {import("./index.js").EdgeOAuthError} EdgeOAuthError
 * @typedef {Exclude<keyof EdgeOAuthError, keyof Error>} ErrorField
 * What the wasm says of an error (its JSON), or a Cloudflare add-on builds: the error's fields
 * and its message.
 * @typedef {Pick<EdgeOAuthError, ErrorField | "message">} ErrorFields
 */

/** @type {ErrorField[]} */
const FIELDS = ["kind", "provider", "method", "code", "status", "retryAfter", "requestId", "field", "data"];

/**
 * The error the wasm described; `cause` is the runtime's own error, when there was one.
 * @param {ErrorFields} fields
 * @param {unknown} [cause]
 * @returns {EdgeOAuthError}
 */
export function edgeOAuthError(fields, cause) {
  const error = cause === undefined ? new Error(fields.message) : new Error(fields.message, { cause });
  error.name = "EdgeOAuthError";
  for (const field of FIELDS) {
    if (fields[field] !== undefined) /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (error))[field] = fields[field];
  }
  return /** @type {EdgeOAuthError} */ (error);
}

/**
 * Parses a wasm answer, throwing the EdgeOAuthError it holds.
 * @param {string} answerJson
 * @param {unknown} [cause]
 * @returns {any} the answer (its shape is the export's)
 */
export function unwrap(answerJson, cause) {
  const answer = JSON.parse(answerJson);
  if (answer.error) throw edgeOAuthError(answer.error, cause);
  return answer;
}

/**
 * Whether `value` is an `EdgeOAuthError` (a type guard in TypeScript).
 * @param {unknown} value
 * @returns {value is EdgeOAuthError}
 */
export function isEdgeOAuthError(value) {
  try {
    return value instanceof Error && value.name === "EdgeOAuthError";
  } catch {
    return false; // a Proxy whose traps throw is not one of ours
  }
}
