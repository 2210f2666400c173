// Slack's requests to the app: the v0 signature check, and the Events API request URL, which
// keeps the installation store in step with Slack (uninstalls, revoked tokens).
import { chunksOf } from "../body.mjs";
import { hmacKey } from "../hmac.mjs";
import { flowError, isFlowError } from "./refusal.mjs";
import { SlackInstallationStore } from "./store.mjs";

const WINDOW_SECONDS = 300;
const MAX_BODY_BYTES = 1 << 20;

/**
 * Checks Slack's v0 signature (HMAC-SHA256 with the signing secret over `v0:timestamp:body`,
 * compared in constant time by WebCrypto's `verify`) and a timestamp within 5 minutes; returns
 * the body. Throws a SlackFlowError with status 401 otherwise.
 * @param {string} signingSecret
 * @param {Request} request
 * @param {number} [now] Unix ms
 * @returns {Promise<string>}
 */
export async function verifySlackRequest(signingSecret, request, now = Date.now()) {
  if (typeof signingSecret !== "string" || signingSecret.length < 16) {
    throw flowError("weak_secret", 500, "SLACK_SIGNING_SECRET is missing or too short");
  }
  const timestamp = request.headers.get("x-slack-request-timestamp");
  const signature = request.headers.get("x-slack-signature");
  if (!timestamp || !signature) throw flowError("missing_signature", 401, "the request is not signed by Slack");
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > WINDOW_SECONDS) {
    throw flowError("stale_request", 401, "the request's timestamp is over 5 minutes off");
  }
  const mac = /^v0=([0-9a-f]{64})$/.exec(signature)?.[1];
  if (!mac) throw flowError("invalid_signature", 401, "the request's signature does not match");
  if (request.bodyUsed) throw flowError("body_used", 500, "the request's body was read before verifying: pass the request unread");
  // Read within a cap: the timestamp is only a header, and Slack's requests are small. The
  // signature is over the bytes as sent, whatever their encoding.
  const chunks = await chunksOf(request, MAX_BODY_BYTES);
  if (!chunks) throw flowError("request_too_large", 413, "the request's body is over 1 MiB");
  const key = await hmacKey(signingSecret, ["verify"]);
  const given = Uint8Array.from(/** @type {RegExpMatchArray} */ (mac.match(/../g)), (pair) => parseInt(pair, 16));
  const signed = await new Blob([`v0:${timestamp}:`, ...chunks]).arrayBuffer();
  if (!(await crypto.subtle.verify("HMAC", key, given, signed))) {
    throw flowError("invalid_signature", 401, "the request's signature does not match");
  }
  return new Blob(chunks).text();
}

/** POST /slack/events. With the Worker's `ctx`, the store's work continues after the answer:
 * Slack retries what is not answered within 3 seconds. Also `(request, env, options)`.
 * @param {Request} request
 * @param {import("./cloudflare.js").SlackInstallationsEnv & { SLACK_SIGNING_SECRET: string }} env
 * @param {any} [ctx] the Worker's `{ waitUntil }`, or (without one) the options
 * @param {import("./cloudflare.js").SlackEventsOptions} [options]
 * @returns {Promise<Response>}
 */
export async function slackEvents(request, env, ctx, options) {
  if (typeof ctx?.waitUntil !== "function") [ctx, options] = [undefined, ctx]; // (request, env, options)
  options ??= {};
  let body;
  try {
    body = await verifySlackRequest(env.SLACK_SIGNING_SECRET, request);
  } catch (error) {
    if (!isFlowError(error)) throw error;
    return Response.json({ ok: false, error: error.code }, { status: error.status });
  }
  let payload;
  try {
    payload = JSON.parse(body);
  } catch {
    return Response.json({ ok: false, error: "invalid_json" }, { status: 400 });
  }
  if (payload?.type === "url_verification") return Response.json({ challenge: payload.challenge });
  const type = payload?.type === "event_callback" ? payload.event?.type : undefined;
  // The events that change installations; the others go to `onEvent`.
  if (type !== "app_uninstalled" && type !== "tokens_revoked") return (await options.onEvent?.(payload)) ?? new Response();
  const applied = Promise.resolve()
    .then(() => new SlackInstallationStore(env, options).applyEvent(payload))
    .then(
      (outcome) => outcome === "deleted" || outcome === "revoked" || console.warn(`edge-oauth: ${type} ${payload.event_id}: ${outcome}`),
      (error) => console.error(`edge-oauth: ${type} ${payload.event_id} failed:`, error),
    );
  if (ctx) ctx.waitUntil(applied);
  else await applied;
  return new Response();
}
