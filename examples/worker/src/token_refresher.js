// One Durable Object per installation with a rotating bot token. It alone holds the refresh
// token and spends it, and concurrent requests share one refresh, so two isolates never spend
// the same refresh token (Slack accepts each one once).
import { DurableObject } from "cloudflare:workers";
import { SlackClient, isEdgeOAuthError } from "edge-oauth";
import { config } from "./config.js";
import { errorFields } from "./responses.js";
import { updateBotToken } from "./installations.js";

export class TokenRefresher extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.refreshing = null;
    ctx.blockConcurrencyWhile(async () => {
      this.tokens = (await ctx.storage.get("tokens")) ?? null;
    });
  }

  /** Called once at install with the rotating pair. */
  async seed(tokens) {
    this.tokens = tokens;
    await this.ctx.storage.put("tokens", tokens);
  }

  /**
   * A bot token with more than `marginSeconds` of life left, refreshing first if needed.
   * Returns `{ ok, access_token, expires_at, refreshed }` or `{ ok: false, error }`: errors are
   * returned, not thrown, so their fields survive the trip back to the Worker.
   */
  async token(marginSeconds, requestUrl) {
    if (!this.tokens) return { ok: false, error: { kind: "validation", code: "not_rotating", message: "no rotating token here" } };
    if (this.fresh(marginSeconds)) return this.current(false);
    this.refreshing ??= this.refresh(marginSeconds, requestUrl).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  fresh(marginSeconds) {
    return this.tokens.expires_at - Date.now() > marginSeconds * 1000;
  }

  current(refreshed) {
    return { ok: true, access_token: this.tokens.access_token, expires_at: this.tokens.expires_at, refreshed };
  }

  async refresh(marginSeconds, requestUrl) {
    // A caller that checked before the last refresh finished finds it done here.
    if (this.fresh(marginSeconds)) return this.current(false);
    const settings = config(this.env, requestUrl);
    const slack = new SlackClient(undefined, { slackApiUrl: settings.slackApiUrl });
    try {
      const answer = await slack.oauth.v2.access({
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        grant_type: "refresh_token",
        refresh_token: this.tokens.refresh_token,
      });
      const next = {
        ...this.tokens,
        access_token: answer.access_token,
        refresh_token: answer.refresh_token,
        expires_at: Date.now() + answer.expires_in * 1000,
      };
      await this.ctx.storage.put("tokens", next);
      this.tokens = next;
      await updateBotToken(this.env.INSTALLATIONS, next.installation_key, next);
      return this.current(true);
    } catch (error) {
      if (!isEdgeOAuthError(error)) throw error;
      return { ok: false, error: errorFields(error) };
    }
  }
}
