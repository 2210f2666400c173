// EdgeOAuthError: a real Error whose fields come from the wasm's error JSON.

const FIELDS = ["kind", "provider", "method", "code", "status", "retryAfter", "requestId", "field", "data"];

/** The error the wasm described; `cause` is the runtime's own error, when there was one. */
export function edgeOAuthError(fields, cause) {
  const error = cause === undefined ? new Error(fields.message) : new Error(fields.message, { cause });
  error.name = "EdgeOAuthError";
  for (const field of FIELDS) if (fields[field] !== undefined) error[field] = fields[field];
  return error;
}

/** Parses a wasm answer, throwing the EdgeOAuthError it holds. */
export function unwrap(answerJson, cause) {
  const answer = JSON.parse(answerJson);
  if (answer.error) throw edgeOAuthError(answer.error, cause);
  return answer;
}

/** Whether `value` is an `EdgeOAuthError` (a type guard in TypeScript). */
export function isEdgeOAuthError(value) {
  try {
    return value instanceof Error && value.name === "EdgeOAuthError";
  } catch {
    return false; // a Proxy whose traps throw is not one of ours
  }
}
