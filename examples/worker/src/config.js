// The Worker's settings, read once per request from its vars and secrets.

export function config(env, requestUrl) {
  const origin = new URL(requestUrl).origin;
  return {
    clientId: env.SLACK_CLIENT_ID,
    clientSecret: env.SLACK_CLIENT_SECRET,
    scopes: env.SLACK_SCOPES || "commands,chat:write",
    userScopes: env.SLACK_USER_SCOPES || undefined,
    usePkce: env.SLACK_USE_PKCE !== "false",
    stateSecret: env.STATE_SECRET,
    adminToken: env.ADMIN_TOKEN,
    refreshMarginSeconds: Number(env.REFRESH_MARGIN_SECONDS || 300),
    redirectUri: env.SLACK_REDIRECT_URI || `${origin}/slack/oauth_redirect`,
    signInRedirectUri: env.SLACK_SIGNIN_REDIRECT_URI || `${origin}/slack/signin/callback`,
    slackApiUrl: env.SLACK_API_URL || undefined,
    authorizeUrl: env.SLACK_AUTHORIZE_URL || undefined,
    signInAuthorizeUrl: env.SLACK_OPENID_AUTHORIZE_URL || undefined,
    stytch: { projectId: env.STYTCH_PROJECT_ID, secret: env.STYTCH_SECRET, baseUrl: env.STYTCH_BASE_URL || undefined },
  };
}

/** The fewest bytes a secret may have: `signState` refuses shorter, and ADMIN_TOKEN is held to the same bar. */
export const MIN_SECRET_BYTES = 32;

/**
 * Why the install flow and /api must refuse to run, or null: Slack credentials missing (install
 * only), or STATE_SECRET or ADMIN_TOKEN missing or shorter than 32 bytes. Names, never values.
 */
export function configurationProblem(settings, { install = false } = {}) {
  const required = install ? { SLACK_CLIENT_ID: settings.clientId, SLACK_CLIENT_SECRET: settings.clientSecret } : {};
  const missing = Object.entries(required).filter(([, value]) => !value).map(([name]) => name);
  const weak = Object.entries({ STATE_SECRET: settings.stateSecret, ADMIN_TOKEN: settings.adminToken })
    .filter(([, value]) => !strong(value)).map(([name]) => name);
  if (!missing.length && !weak.length) return null;
  const sentences = [];
  if (missing.length) sentences.push(`Set ${missing.join(" and ")} (see .dev.vars.example).`);
  if (weak.length) {
    sentences.push(`${weak.join(" and ")} ${weak.length > 1 ? "are" : "is"} missing or shorter than ${MIN_SECRET_BYTES} bytes: `
      + `set ${weak.length > 1 ? "each" : "it"} to at least ${MIN_SECRET_BYTES} random characters (openssl rand -hex 32).`);
  }
  return { code: weak.length ? "weak_secret" : "missing_setting", settings: [...missing, ...weak], message: sentences.join(" ") };
}

function strong(secret) {
  return typeof secret === "string" && new TextEncoder().encode(secret).length >= MIN_SECRET_BYTES;
}
