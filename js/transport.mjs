// The one transport, for every runtime: the global `fetch` (read at call time, so tests and
// hosts can swap it), one AbortController per attempt for the timeout, the deadline and the
// caller's signals, bodies read whole when their length is declared, uncompressed and under the
// cap, streamed and cut at the cap otherwise (body.mjs), and redirects never followed. Whether to retry, and what an
// answer means, the wasm decides (`judge`).

import { textWithin } from "./body.mjs";

/** @typedef {import("./seam.js").PreparedRequest} PreparedRequest */
/** @typedef {import("./seam.js").Policy} Policy */
/** @typedef {import("./seam.js").Verdict} Verdict */
/** @typedef {import("./seam.js").ErrorFields} ErrorFields */
/** @typedef {import("./seam.js").Failure} Failure */

/**
 * What one attempt got: a response's status, headers and body, or the failure that left it
 * without one (and the runtime's error, kept as the `cause`).
 * @typedef {{ status?: number, contentType?: string, retryAfter?: string, body?: string,
 *   response?: Response, failure?: Failure, detail?: string, cause?: unknown }} Outcome
 */

/** The three forms of an HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, RFC 850, asctime; all GMT. */
const HTTP_DATE = /^(?:\w{3}, \d\d \w{3} \d{4}|\w{6,9}, \d\d-\w{3}-\d\d) \d\d:\d\d:\d\d GMT$|^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;

/**
 * A Retry-After header as the wasm reads it: delay-seconds as sent, an HTTP-date as the whole
 * seconds until it (0 if past), read by the runtime's `Date` (a date parser in the wasm cost
 * ~900 B gzip), anything else as sent, which the wasm calls unreadable.
 * @param {string | undefined} value @returns {string | undefined}
 */
function waitOf(value) {
  const at = value && HTTP_DATE.test(value) ? Date.parse(value.endsWith("GMT") ? value : `${value} GMT`) : NaN;
  return Number.isNaN(at) ? value : String(Math.max(0, Math.ceil((at - Date.now()) / 1000)));
}

/**
 * Sends `request` (from the wasm's `prepare`) within the client's `policy` (its limits, from the
 * wasm's `checkClient`) until `judge(outcome, attempt, now, elapsed)` says done or failed (the
 * wasm's `conclude`, given the attempt's number, the clock and the ms since the call started).
 * Resolves with the parsed body; rejects with what `fail(verdict.error, cause)` builds.
 * @param {PreparedRequest} request @param {Policy} policy
 * @param {(AbortSignal | undefined)[]} signals
 * @param {(outcome: Outcome, attempt: number, now: number, elapsed: number) => Verdict} judge
 * @param {(error: ErrorFields, cause: unknown) => Error} fail
 * @returns {Promise<unknown>}
 */
export async function send(request, policy, signals, judge, fail) {
  // A clock read is a call into the runtime (into C++ in workerd): two for a call that succeeds
  // at once.
  const started = Date.now();
  for (let attempt = 0, elapsed = 0; ; attempt++) {
    const outcome = await attemptOnce(request, policy, policy.deadline - elapsed, signals);
    const now = Date.now();
    const verdict = judge(outcome, attempt, now, now - started);
    if (verdict.ok) return JSON.parse(/** @type {string} */ (outcome.body));
    if (verdict.error) throw fail(withRequestId(verdict.error, outcome.response, policy.requestIdHeader), outcome.cause);
    const stopped = await sleep(verdict.retry ?? 0, signals);
    if (stopped) {
      /** @type {Outcome} */
      const aborted = { ...outcome, failure: "aborted", body: undefined };
      const { error } = judge(aborted, attempt, now, now - started);
      throw fail(/** @type {ErrorFields} */ (error), stopped.reason);
    }
    elapsed = Date.now() - started;
  }
}

/**
 * @param {PreparedRequest} request @param {Policy} policy @param {number} remaining
 * @param {(AbortSignal | undefined)[]} signals @returns {Promise<Outcome>}
 */
async function attemptOnce(request, policy, remaining, signals) {
  const controller = new AbortController();
  /** @type {Failure | null} */
  let why = null;
  /** @param {Failure} reason */
  const stop = (reason) => () => {
    why ??= reason;
    controller.abort();
  };
  const { timeout, maxBody } = policy;
  const limit = Math.max(0, Math.min(timeout, remaining));
  const timer = setTimeout(stop(limit < timeout ? "deadline" : "timeout"), limit);
  const unwatch = watch(signals, stop("aborted"));
  try {
    /** @type {RequestInit} */
    const init = { method: request.method, headers: request.headers, signal: controller.signal, redirect: "manual" };
    if (request.body !== undefined) init.body = request.body;
    const response = await globalThis.fetch(request.url, init);
    const status = response.status;
    // Only a browser's opaque redirect has status 0 (and reading `type` is one more call).
    if (status === 0 && response.type === "opaqueredirect") return failure("redirect");
    const body = await readBody(response, maxBody, controller);
    if (body === undefined) return failure("too_large");
    const headers = response.headers;
    const contentType = headers.get("content-type") ?? undefined;
    // A success never asks to wait: Retry-After is read only when it can matter.
    const retryAfter = response.ok ? undefined : waitOf(headers.get("retry-after") ?? undefined);
    return { status, contentType, retryAfter, body, response };
  } catch (error) {
    const aborted = why === "aborted" ? abortReason(signals) : undefined;
    return why ? failure(why, undefined, aborted) : failure("network", describe(error), error);
  } finally {
    clearTimeout(timer);
    unwatch();
  }
}

/**
 * The request's id from the response header that the client's policy names (a provider's own;
 * Slack's `x-slack-req-id`), kept with an error that came with an answer. Read only then: a
 * header read is a call into the runtime, and a success does not need it.
 * @param {ErrorFields} error @param {Response | undefined} response @param {string | undefined} header
 */
function withRequestId(error, response, header) {
  const id = header && error.requestId === undefined ? response?.headers.get(header) : null;
  if (id != null) error.requestId = id;
  return error;
}

/** @param {Failure} kind @param {string} [detail] @param {unknown} [cause] @returns {Outcome} */
function failure(kind, detail, cause) {
  return { failure: kind, detail, cause };
}

/**
 * The body as text, or `undefined` if it is larger than `cap` bytes (a declared length too long
 * aborts the fetch; a stream past the cap is cancelled). Not async itself: a body of declared
 * length is `text()`'s own promise, not one more wrapped around it.
 * @param {Response} response @param {number} cap @param {AbortController} controller
 */
function readBody(response, cap, controller) {
  const text = textWithin(response, cap);
  if (text === undefined) controller.abort();
  return text;
}

/**
 * The runtime's words for a failed fetch: its cause's code and message (undici hides them there).
 * @param {any} error @returns {string | undefined}
 */
function describe(error) {
  try {
    const cause = error?.cause;
    const code = cause?.code ?? error?.code;
    const message = cause?.message ?? error?.message ?? String(error);
    return [code, message].filter((part) => typeof part === "string" && part).join(": ").slice(0, 300);
  } catch {
    return undefined;
  }
}

/**
 * Calls `onAbort` when any signal aborts (at once if one already has); returns the unsubscriber.
 * @param {(AbortSignal | undefined)[]} signals @param {() => void} onAbort
 */
function watch(signals, onAbort) {
  const live = /** @type {AbortSignal[]} */ (signals.filter(Boolean));
  if (live.some((signal) => signal.aborted)) onAbort();
  for (const signal of live) signal.addEventListener("abort", onAbort, { once: true });
  return () => live.forEach((signal) => signal.removeEventListener("abort", onAbort));
}

/** @param {(AbortSignal | undefined)[]} signals */
function abortReason(signals) {
  return signals.find((signal) => signal?.aborted)?.reason;
}

/**
 * Waits `ms`; resolves early with the signal that aborts, if one does.
 * @param {number} ms @param {(AbortSignal | undefined)[]} signals
 * @returns {Promise<AbortSignal | null | undefined>}
 */
function sleep(ms, signals) {
  const aborted = signals.find((signal) => signal?.aborted);
  if (aborted) return Promise.resolve(aborted);
  return new Promise((resolve) => {
    /** @param {AbortSignal | null | undefined} value */
    const finish = (value) => {
      clearTimeout(timer);
      unwatch();
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), ms);
    const unwatch = watch(signals, () => finish(signals.find((signal) => signal?.aborted)));
  });
}
