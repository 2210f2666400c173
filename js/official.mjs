// The official SDKs' options (`@slack/web-api`'s WebClient, `stytch`'s B2BClient) beyond ours,
// turned into ours here, in JS, so that only our plain options cross into the wasm: mapped where
// they mean something here, else left out with one warning (once per isolate for each distinct
// warning: a Worker builds its clients per request). Which keys are official comes from the Rust
// types (`WebClientOfficialOptions`, `B2BClientOfficialOptions`) through the catalog; any other
// unknown key still reaches the wasm, which refuses it (`unknown_param`).

/** @typedef {import("./seam.js").Official} Official */
/** @typedef {{ debug(line: string): void, warn?(line: string): void }} Logger */

/** The warnings given in this isolate. */
const warned = new Set();

/**
 * `options` with the official SDK's keys mapped onto ours, and the logger its `logger` (or
 * `logLevel: "debug"`) asks for. An object that throws while read is passed on as it is: its
 * copy then says so, and the wasm refuses it with a validation error.
 * @param {"slack" | "stytch"} provider @param {unknown} options @param {Official} official
 * @returns {{ options: unknown, logger?: Logger }}
 */
export function fromOfficial(provider, options, { [provider]: keys, maxRetries, maxTimeout }) {
  /** @type {any} */
  let ours = options;
  /** @type {Logger | undefined} */
  let logger;
  const ignored = [];
  try {
    for (const key of keys) {
      if (!(key in ours)) continue; // throws unless `options` is an object: then it is left as it is
      const { [key]: value, ...rest } = ours;
      ours = rest;
      if (key === "logger") logger = value;
      else if (key === "logLevel") logger ??= value === "debug" ? console : undefined;
      else if (key === "env") ours.custom_base_url ??= value; // stytch's `envs` are base URLs
      // node-retry's `retries` is ours, at most ours allow (`>= 0` as its loop reads it); its timing is ours.
      else if (key === "retryConfig") {
        if (value?.retries >= 0) ours.retries ??= Math.min(value.retries, maxRetries);
      } else ignored.push(key);
    }
    // Options written for an SDK (they carry one of its keys) may ask for no timeout (`0`,
    // @slack/web-api's) or stytch's ten minutes: an edge call must end, so they get our longest.
    if (ours !== options && (ours.timeout === 0 || ours.timeout > maxTimeout)) {
      ours.timeout = maxTimeout;
      ignored.push("timeout");
    }
  } catch {
    return { options };
  }
  const warning = `edge-oauth ignores ${ignored.join(", ")}`;
  if (ignored[0] && !warned.has(warning)) {
    warned.add(warning);
    try {
      /** @type {any} */ (logger).warn(warning); // none: the console has it
    } catch {
      console.warn(warning);
    }
  }
  return { options: ours, logger };
}
