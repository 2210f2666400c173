// The scenario every runtime runs (runtimes.test.mjs): a code exchange, an external-token lookup,
// a Stytch lookup, a platform error and a validation error, against the mock at `mockUrl`.
// It takes the package's exports as an argument, so the ESM, `require` and bundled entries share
// it, and uses nothing but the package and the language: no Node, Deno or Bun API.

// The mock's credentials (tests/mock/slack.mjs and stytch.mjs; the driver checks they agree).
export const CREDENTIALS = {
  client_id: "1111.2222",
  client_secret: "mock-client-secret",
  bot_token: "xoxb-mock-bot-token",
  project_id: "project-test-00000000-mock",
  secret: "secret-test-mock-stytch-secret",
};

const errorFields = (error) => ({
  isError: error instanceof Error,
  name: error?.name,
  kind: error?.kind,
  provider: error?.provider,
  method: error?.method,
  code: error?.code,
  field: error?.field,
  status: error?.status,
});

/** Runs one step; a failure is recorded, not thrown, so the driver sees every step. */
async function step(run) {
  try {
    return { value: await run() };
  } catch (error) {
    return { error: errorFields(error), message: String(error?.message ?? error) };
  }
}

export async function scenario({ SlackClient, StytchB2BClient, isEdgeOAuthError }, mockUrl) {
  const { client_id, client_secret, bot_token, project_id, secret } = CREDENTIALS;
  const options = { slackApiUrl: `${mockUrl}/api/`, retries: 0 };
  const slack = new SlackClient(undefined, options);
  const bot = new SlackClient(bot_token, options);
  const stytch = new StytchB2BClient({ project_id, secret, custom_base_url: mockUrl, retries: 0 });

  const exchange = await step(async () => {
    const answer = await slack.oauth.v2.access({ client_id, client_secret, code: "good" });
    return { ok: answer.ok, team: answer.team?.id, bot: answer.access_token?.slice(0, 10), user: answer.authed_user?.access_token?.slice(0, 10) };
  });
  const lookup = await step(() => bot.apps.auth.external.get({ external_token_id: "Et-ok" }));
  const stytchLookup = await step(async () => {
    const answer = await stytch.organizations.members.oauthProviders.slack({ organization_id: "organization-test-1", member_id: "member-test-1" });
    const [registration] = answer.registrations ?? [];
    return { status_code: answer.status_code, provider_type: answer.provider_type, bot_access_token: registration?.bot_access_token,
             access_token_expires_in: registration?.access_token_expires_in };
  });
  const platformError = await step(() => slack.oauth.v2.access({ client_id, client_secret, code: "invalid" }));
  // No client_secret and no code_verifier: refused before any request is sent.
  const validationError = await step(() => slack.oauth.v2.access({ client_id, code: "good" }));
  const guarded = validationError.error ? isEdgeOAuthError?.(new Error("plain")) === false : undefined;
  return { exchange, lookup, stytch: stytchLookup, platformError, validationError, isEdgeOAuthErrorRejectsPlainErrors: guarded };
}
