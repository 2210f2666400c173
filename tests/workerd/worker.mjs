// Runs package calls inside workerd and answers with their result or their error's fields.
import { SlackClient, StytchB2BClient, isEdgeOAuthError, verifySlackIdToken } from "edge-oauth";

const calls = {
  exchange: (env, { options, input }) => slack(env, options).oauth.v2.access(input),
  legacy: (env, { options, input }) => slack(env, options).oauth.access(input),
  lookup: (env, { token, options, input }) => slack(env, options, token).apps.auth.external.get(input),
  stytch: (env, { provider, options, input }) =>
    new StytchB2BClient({ custom_base_url: env.MOCK_URL, ...options }).organizations.members.oauthProviders[provider](input),
  idToken: (env, { input, options }) => verifySlackIdToken(input, { jwks_url: `${env.MOCK_URL}/openid/connect/keys`, ...options }),
};

function slack(env, options, token) {
  return new SlackClient(token, { slackApiUrl: `${env.MOCK_URL}/api/`, ...options });
}

export default {
  async fetch(request, env) {
    const body = await request.json();
    try {
      return Response.json({ ok: true, answer: await calls[body.call](env, body) });
    } catch (error) {
      if (!isEdgeOAuthError(error)) throw error;
      const { name, kind, code, status, field, retryAfter, requestId, message } = error;
      return Response.json({ ok: false, error: { name, kind, code, status, field, retryAfter, requestId, message } });
    }
  },
};
