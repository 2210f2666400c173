// A small Worker driving edge-oauth/cloudflare for tests/workerd/installations.test.mjs: the
// install flow, the events URL, and the installation store, each behind a plain route.
import { SlackClient, isEdgeOAuthError } from "edge-oauth";
import { SlackInstallationStore, SlackTokens as PackagedTokens, slackCallback, slackEvents, slackInstall, verifySlackRequest } from "edge-oauth/cloudflare";

/**
 * The package's Durable Object, its KV writes logged (key, value, start and end, for `kvCalls`)
 * and, with `KV_WRITE_DELAY_MS` ("300", or "1500,10" taken in turn), as slow as production KV's
 * can be: Miniflare's are near-instant, which hides races around them.
 */
export class SlackTokens extends PackagedTokens {
  calls = [];

  constructor(ctx, env) {
    const delays = String(env.KV_WRITE_DELAY_MS ?? "0").split(",").map(Number);
    const calls = [];
    super(ctx, { ...env, SLACK_INSTALLATIONS: loggedWrites(env.SLACK_INSTALLATIONS, delays, calls) });
    this.calls = calls;
  }

  kvCalls() {
    return this.calls;
  }

  /** Everything in the object's storage, as stored. */
  async dump() {
    return Object.fromEntries(await this.ctx.storage.list());
  }
}

function loggedWrites(kv, delays, calls) {
  const logged = (method) => async (key, value) => {
    const call = { key, value: method === "delete" ? null : value, start: Date.now() };
    calls.push(call);
    await new Promise((resolve) => setTimeout(resolve, delays[(calls.length - 1) % delays.length]));
    await (method === "delete" ? kv.delete(key) : kv.put(key, value));
    call.end = Date.now();
  };
  return { get: (...args) => kv.get(...args), list: (...args) => kv.list(...args), put: logged("put"), delete: logged("delete") };
}

const STATE_SECRET = "installations-test-state-secret-0123456789";

function flowOptions(env, url) {
  return {
    stateSecret: STATE_SECRET,
    scope: "commands,chat:write",
    userScope: "identity.basic",
    authorizeUrl: env.SLACK_AUTHORIZE_URL,
    pkce: url.searchParams.get("pkce") === "1",
    redirectUri: url.searchParams.get("redirect_uri") ?? undefined,
  };
}

/** An EdgeOAuthError or other failure as JSON, without a stack. */
function failure(error) {
  if (isEdgeOAuthError(error)) {
    const { name, kind, code, status, retryAfter, message, data } = error;
    return Response.json({ error: { name, kind, code, status, retryAfter, message, data } }, { status: status >= 400 ? status : 502 });
  }
  const status = error?.name === "SlackFlowError" ? error.status : 500;
  return Response.json({ error: { name: error?.name, code: error?.code, message: String(error?.message ?? error) } }, { status });
}

const found = (value) => (value ? Response.json(value) : Response.json({ error: { code: "not_found" } }, { status: 404 }));

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    try {
      const store = new SlackInstallationStore(env);
      switch (`${request.method} /${parts[0] ?? ""}`) {
        case "GET /slack":
          if (parts[1] === "install") return await slackInstall(request, env, flowOptions(env, url));
          if (parts[1] === "oauth_redirect") return await slackCallback(request, env, flowOptions(env, url));
          break;
        case "GET /integrations":
          // The install route mounted elsewhere than the callback.
          if (parts[1] === "slack" && parts[2] === "install") return await slackInstall(request, env, flowOptions(env, url));
          break;
        case "POST /slack":
          // `?awaited=1`: the form without the Worker's ctx, which applies the event before answering.
          if (parts[1] === "events") return await (url.searchParams.has("awaited") ? slackEvents(request, env) : slackEvents(request, env, ctx));
          break;
        case "POST /save": {
          // What the callback does after its checks: exchange a code at the mock, store the answer.
          const { code } = await request.json();
          const slack = new SlackClient(undefined, { slackApiUrl: env.SLACK_API_URL });
          const answer = await slack.oauth.v2.access({ client_id: env.SLACK_CLIENT_ID, client_secret: env.SLACK_CLIENT_SECRET, code });
          return Response.json(await store.save(answer));
        }
        case "GET /find":
          return found(await store.find(parts[1]));
        case "GET /bot":
          return found(await store.botToken(parts[1]));
        case "GET /user":
          return found(await store.userToken(parts[1], parts[2]));
        case "POST /uninstall":
          return Response.json({ uninstalled: await store.uninstall(parts[1]) });
        case "GET /do-token":
          // What the installation's Durable Object holds for "bot" or "user:<id>" (5-minute margin).
          return Response.json(await env.SLACK_TOKENS.get(env.SLACK_TOKENS.idFromName(parts[1])).token(parts[2], 300_000));
        case "POST /consume": {
          // The ledger of spent states, directly: true the first time a nonce is seen.
          const { nonce, expiresAt } = await request.json();
          return Response.json(await env.SLACK_TOKENS.get(env.SLACK_TOKENS.idFromName("states")).consume(nonce, expiresAt));
        }
        case "POST /verify-read": {
          // verifySlackRequest on a request whose body the Worker already read.
          await request.text();
          return Response.json(await verifySlackRequest(env.SLACK_SIGNING_SECRET, request));
        }
        case "GET /margin":
          // A store with refreshMarginSeconds as given (JSON).
          new SlackInstallationStore(env, { refreshMarginSeconds: JSON.parse(parts[1]) });
          return Response.json({ ok: true });
        case "GET /do-storage":
          // What installation `id`'s Durable Object stores, as stored.
          return Response.json(await env.SLACK_TOKENS.get(env.SLACK_TOKENS.idFromName(parts[1])).dump());
        case "GET /kv-calls":
          // The KV calls the installation's Durable Object made, in order.
          return Response.json(await env.SLACK_TOKENS.get(env.SLACK_TOKENS.idFromName(parts[1])).kvCalls());
        case "POST /kv-write": {
          // The Durable Object's KV funnel, directly: at most one write per key per second.
          const { key, value } = await request.json();
          await env.SLACK_TOKENS.get(env.SLACK_TOKENS.idFromName(parts[1])).write(key, value);
          return Response.json({ ok: true });
        }
        default:
      }
      return Response.json({ error: { code: "no_route" } }, { status: 404 });
    } catch (error) {
      return failure(error);
    }
  },
};
