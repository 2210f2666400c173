// The official SDKs' options (`@slack/web-api`'s WebClient, `stytch`'s B2BClient) beyond ours,
// turned into ours here, in JS, so that only our plain options cross into the wasm: mapped where
// they mean something here, else left out with one warning (once per isolate for each distinct
// warning: a Worker builds its clients per request). Which keys are official comes from the Rust
// types (`WebClientOfficialOptions`, `B2BClientOfficialOptions`) through the catalog; any other
// unknown key still reaches the wasm, which refuses it (`unknown_param`).

/** @typedef {import("./seam.js").Official} Official */
/** @typedef {{ debug(line: string): void, warn?(line: string): void }} Logger */
/**
 * A line for the client's logger after each attempt: never a token, secret or code.
 * @typedef {(path: string, attempt: number, outcome: import("./transport.mjs").Outcome,
 *   verdict: import("./seam.js").Verdict) => void} AttemptLog
 */

/** The warnings given in this isolate. */
const warned = new Set();

/**
 * `options` with the official SDK's keys mapped onto ours, and the debug log its `logger` (or
 * `logLevel: "debug"`) asks for. An object that throws while read is passed on as it is: its
 * copy then says so, and the wasm refuses it with a validation error.
 * @param {"slack" | "stytch"} provider @param {unknown} options @param {Official} official
 * @returns {{ options: unknown, log?: AttemptLog }}
 */
export function fromOfficial(provider, options, { [provider]: keys, maxRetries }) {
  /** @type {Record<string, any>} */
  let ours = /** @type {object} */ (options);
  /** @type {Logger | undefined} */
  let logger;
  const ignored = [];
  try {
    for (const key of keys) {
      if (!(key in ours)) continue; // throws unless `options` is an object: then it is left as it is
      if (ours === options) ours = { ...ours };
      const value = ours[key];
      delete ours[key];
      if (key === "logger") logger = value;
      else if (key === "logLevel") logger ??= value === "debug" ? console : undefined;
      else if (key === "env") ours.custom_base_url ??= value; // stytch's `envs` are base URLs
      else if (key === "retryConfig") {
        // node-retry's options: its `retries` is ours (at most ours allow); its timing is ours too.
        const { retries, ...timing } = value ?? {};
        if (retries > maxRetries) ignored.push(`retryConfig.retries>${maxRetries}`);
        if (typeof retries === "number") ours.retries ??= Math.min(retries, maxRetries);
        for (const name in timing) ignored.push(`retryConfig.${name}`);
      } else ignored.push(key);
    }
  } catch {
    return { options };
  }
  const warning = `edge-oauth ignores ${ignored.join(", ")}`;
  if (ignored[0] && !warned.has(warning)) {
    warned.add(warning);
    say(logger, "warn", warning);
  }
  /** @type {AttemptLog} */
  const log = (path, attempt, outcome, verdict) =>
    say(logger, "debug", `edge-oauth ${path} #${attempt + 1}: ${outcome.status ?? outcome.failure} ${verdict.error?.code ?? (verdict.ok ? "ok" : "retry")}`);
  return { options: ours, log: logger && log };
}

/**
 * Writes a line with the caller's logger, whose failure must not fail a call that may have spent
 * a code: a warning it cannot take goes to the console, a debug line is lost.
 * @param {any} logger @param {"warn" | "debug"} level @param {string} line
 */
function say(logger, level, line) {
  try {
    logger[level](line);
  } catch {
    if (level === "warn") console.warn(line);
  }
}
