// The Worker's settings, read once per request from its vars and secrets.

export function config(env, requestUrl) {
  const origin = new URL(requestUrl).origin;
  return {
    clientId: env.SLACK_CLIENT_ID,
    clientSecret: env.SLACK_CLIENT_SECRET,
    scopes: env.SLACK_SCOPES || "commands,chat:write",
    userScopes: env.SLACK_USER_SCOPES || undefined,
    usePkce: env.SLACK_USE_PKCE === "true",
    stateSecret: env.STATE_SECRET,
    adminToken: env.ADMIN_TOKEN,
    refreshMarginSeconds: Number(env.REFRESH_MARGIN_SECONDS || 300),
    redirectUri: env.SLACK_REDIRECT_URI || `${origin}/slack/oauth_redirect`,
    slackApiUrl: env.SLACK_API_URL || undefined,
    authorizeUrl: env.SLACK_AUTHORIZE_URL || undefined,
    stytch: { projectId: env.STYTCH_PROJECT_ID, secret: env.STYTCH_SECRET, baseUrl: env.STYTCH_BASE_URL || undefined },
  };
}

/** The names of required settings that are missing. */
export function missingSettings(settings) {
  const required = { SLACK_CLIENT_ID: settings.clientId, SLACK_CLIENT_SECRET: settings.clientSecret, STATE_SECRET: settings.stateSecret };
  return Object.entries(required).filter(([, value]) => !value).map(([name]) => name);
}
