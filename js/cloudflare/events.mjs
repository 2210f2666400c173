// Slack's requests to the app: the v0 signature check, and the Events API request URL, which
// keeps the installation store in step with Slack (uninstalls, revoked tokens).
import { textWithin } from "../body.mjs";
import { hmacKey } from "../hmac.mjs";
import { flowError } from "./flow.mjs";
import { SlackInstallationStore } from "./store.mjs";

const WINDOW_SECONDS = 300;
const MAX_BODY_BYTES = 1 << 20;

/**
 * Checks Slack's v0 signature (HMAC-SHA256 with the signing secret over `v0:timestamp:body`,
 * compared in constant time by WebCrypto's `verify`) and a timestamp within 5 minutes; returns
 * the body. Throws a SlackFlowError with status 401 otherwise.
 */
export async function verifySlackRequest(signingSecret, request, now = Date.now()) {
  if (typeof signingSecret !== "string" || signingSecret.length < 16) {
    throw flowError("weak_secret", 500, "SLACK_SIGNING_SECRET is missing or too short");
  }
  const timestamp = request.headers.get("x-slack-request-timestamp");
  const signature = request.headers.get("x-slack-signature") ?? "";
  if (!timestamp || !signature) throw flowError("missing_signature", 401, "the request is not signed by Slack");
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > WINDOW_SECONDS) {
    throw flowError("stale_request", 401, "the request's timestamp is more than 5 minutes off");
  }
  const mac = /^v0=([0-9a-f]{64})$/.exec(signature)?.[1];
  if (!mac) throw flowError("invalid_signature", 401, "the request's signature does not match");
  // Read within a cap: the timestamp is only a header, and Slack's requests are small.
  const body = await textWithin(request, MAX_BODY_BYTES);
  if (body === undefined) throw flowError("request_too_large", 413, "the request's body is larger than any Slack sends");
  const key = await hmacKey(signingSecret, ["verify"]);
  const given = Uint8Array.from(mac.match(/../g), (pair) => parseInt(pair, 16));
  if (!(await crypto.subtle.verify("HMAC", key, given, new TextEncoder().encode(`v0:${timestamp}:${body}`)))) {
    throw flowError("invalid_signature", 401, "the request's signature does not match");
  }
  return body;
}

/** The installation an event is about: its org-wide or workspace id. */
function installationOf(payload) {
  const authorization = payload.authorizations?.[0] ?? {};
  const enterpriseWide = payload.is_enterprise_install ?? authorization.is_enterprise_install;
  return enterpriseWide ? payload.enterprise_id ?? authorization.enterprise_id : payload.team_id ?? authorization.team_id;
}

/** POST /slack/events. */
export async function slackEvents(request, env, options = {}) {
  let body;
  try {
    body = await verifySlackRequest(env.SLACK_SIGNING_SECRET, request);
  } catch (error) {
    if (error?.name !== "SlackFlowError") throw error;
    return Response.json({ ok: false, error: error.code }, { status: error.status });
  }
  let payload;
  try {
    payload = JSON.parse(body);
  } catch {
    return Response.json({ ok: false, error: "invalid_json" }, { status: 400 });
  }
  if (payload?.type === "url_verification") return Response.json({ challenge: payload.challenge });
  const event = payload?.type === "event_callback" ? payload.event : undefined;
  const id = installationOf(payload ?? {});
  const store = new SlackInstallationStore(env, options);
  if (event?.type === "app_uninstalled" && id) {
    await store.delete(id);
  } else if (event?.type === "tokens_revoked" && id) {
    const { oauth = [], bot = [] } = event.tokens ?? {};
    await store.deleteTokens(id, { bot: bot.length > 0, users: oauth });
  } else if (options.onEvent) {
    return (await options.onEvent(payload)) ?? new Response(null, { status: 200 });
  }
  return new Response(null, { status: 200 });
}
