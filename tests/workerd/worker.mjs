// Runs package calls inside workerd and answers with their result or their error's fields.
import { SlackClient, isEdgeOAuthError } from "edge-oauth";

const calls = {
  exchange: (slack, input) => slack.oauth.v2.access(input),
  legacy: (slack, input) => slack.oauth.access(input),
  lookup: (slack, input) => slack.apps.auth.external.get(input),
};

export default {
  async fetch(request, env) {
    const { call, token, options, input } = await request.json();
    try {
      const slack = new SlackClient(token, { slackApiUrl: `${env.MOCK_URL}/api/`, ...options });
      return Response.json({ ok: true, answer: await calls[call](slack, input) });
    } catch (error) {
      if (!isEdgeOAuthError(error)) throw error;
      const { name, kind, code, status, field, retryAfter, requestId, message } = error;
      return Response.json({ ok: false, error: { name, kind, code, status, field, retryAfter, requestId, message } });
    }
  },
};
