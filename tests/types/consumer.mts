// A strict TypeScript consumer of the package: what compiles here must compile for users, and
// every `@ts-expect-error` proves a wrong call is rejected (tsc fails if the line compiles).
import {
  B2BClient,
  SlackClient,
  StytchB2BClient,
  WebClient,
  pkcePair,
  signState,
  slackAuthorizeUrl,
  slackSignInUrl,
  verifyState,
  type PkcePair,
  type VerifiedState,
  type B2BOrganizationsMembersOAuthProvidersSlackResponse,
  type B2BOrganizationsMembersOAuthProvidersProviderInformationResponse,
  type B2BOrganizationsMembersOAuthProvidersRegistrationsResponse,
  isEdgeOAuthError,
  type EdgeOAuthError,
  type EdgeOAuthErrorKind,
  type OAuthV2AccessResponse,
  type OAuthAccessResponse,
  type AppsAuthExternalGetResponse,
  type OpenIDConnectTokenResponse,
  type OpenIDConnectUserInfoResponse,
  type AuthTestResponse,
} from "edge-oauth";
import { verifySlackIdToken, type SlackIdTokenClaims, type VerifySlackIdTokenOptions } from "edge-oauth";

// @ts-expect-error the package has no default export and needs no init call
import init from "edge-oauth";
void init;

const slack = new SlackClient("xoxb-token", { slackApiUrl: "http://127.0.0.1:9/api/", timeout: 500, retries: 1 });
new SlackClient();
new SlackClient(undefined, { rejectRateLimitedCalls: true, dangerouslyAllowBrowser: false });
// @ts-expect-error unknown option
new SlackClient(undefined, { timeOut: 5 });
// @ts-expect-error wrong option type
new SlackClient(undefined, { retries: "2" });

export async function exchanges(): Promise<void> {
  const v2: OAuthV2AccessResponse = await slack.oauth.v2.access({ client_id: "1", client_secret: "s", code: "c" });
  const ok: true = v2.ok;
  const teamId: string | undefined = v2.team?.id;
  const enterprise: { id: string; name?: string } | null | undefined = v2.enterprise;
  const userToken: string | undefined = v2.authed_user?.access_token;
  const expires: number | undefined = v2.expires_in;
  const warnings: string[] | undefined = v2.response_metadata?.warnings;
  // A field Slack added after these types were written is readable, as unknown.
  const added: unknown = v2.brand_new_field;
  void [ok, teamId, enterprise, userToken, expires, warnings, added];

  await slack.oauth.v2.access({ client_id: "1", code: "c", code_verifier: "v" });
  await slack.oauth.v2.access({ client_id: "1", client_secret: "s", grant_type: "refresh_token", refresh_token: "r" });
  // @ts-expect-error missing client_id
  await slack.oauth.v2.access({ client_secret: "s", code: "c" });
  // @ts-expect-error unknown key (a typo)
  await slack.oauth.v2.access({ client_id: "1", clientSecret: "s", code: "c" });
  // @ts-expect-error grant_type is a union of two strings
  await slack.oauth.v2.access({ client_id: "1", client_secret: "s", grant_type: "password" });
  await slack.oauth.v2.access({ client_id: "1", client_secret: "s", code: "c", code_verifier: "v" });
  // @ts-expect-error neither a client_secret nor a code_verifier
  await slack.oauth.v2.access({ client_id: "1", code: "c" });
  // @ts-expect-error a refresh_token with a code mixes two grants
  await slack.oauth.v2.access({ client_id: "1", client_secret: "s", code: "c", refresh_token: "r" });
  // @ts-expect-error a refresh sends no redirect_uri
  await slack.oauth.v2.access({ client_id: "1", client_secret: "s", grant_type: "refresh_token", refresh_token: "r", redirect_uri: "https://a.test/cb" });
  // @ts-expect-error a refresh needs grant_type: "refresh_token"
  await slack.oauth.v2.access({ client_id: "1", client_secret: "s", refresh_token: "r" });
  // @ts-expect-error a refresh needs the client_secret
  await slack.oauth.v2.access({ client_id: "1", grant_type: "refresh_token", refresh_token: "r" });
  // @ts-expect-error a public client sends no secret with its verifier... and a refresh has no code
  await slack.oauth.v2.access({ client_id: "1", client_secret: "s", grant_type: "refresh_token", refresh_token: "r", code: "c" });

  const legacy: OAuthAccessResponse = await slack.oauth.access({ client_id: "1", client_secret: "s", code: "c", single_channel: true });
  const bot: string | undefined = legacy.bot?.bot_access_token;
  const channelScopes: string[] | undefined = legacy.scopes?.channel;
  void [bot, channelScopes];
  // @ts-expect-error client_secret is required by oauth.access
  await slack.oauth.access({ client_id: "1", code: "c" });
  // @ts-expect-error single_channel is a boolean
  await slack.oauth.access({ client_id: "1", client_secret: "s", code: "c", single_channel: "yes" });
}

export async function lookups(): Promise<void> {
  const got: AppsAuthExternalGetResponse = await slack.apps.auth.external.get({ external_token_id: "Et1", force_refresh: true });
  const token: string = got.external_token;
  void token;
  await slack.apps.auth.external.delete({ provider_key: "google" });
  await slack.apps.auth.external.delete({ external_token_id: "Et1", token: "xoxb-1" });
  await slack.apps.auth.external.delete({ app_id: "A1" });
  // @ts-expect-error something to delete is required
  await slack.apps.auth.external.delete({});
  // @ts-expect-error so the params cannot be left out
  await slack.apps.auth.external.delete();
  // @ts-expect-error a token alone says nothing to delete
  await slack.apps.auth.external.delete({ token: "xoxb-1" });
  // @ts-expect-error external_token_id is required
  await slack.apps.auth.external.get({ force_refresh: true });
  // @ts-expect-error force_refresh is a boolean
  await slack.apps.auth.external.get({ external_token_id: "Et1", force_refresh: "true" });
}

export async function revoke(): Promise<boolean> {
  const { revoked }: { revoked: boolean } = await slack.auth.revoke({ test: true });
  await slack.auth.revoke();
  // @ts-expect-error test is a boolean
  await slack.auth.revoke({ test: "yes" });
  return revoked;
}

export async function signIn(): Promise<void> {
  const answer: OpenIDConnectTokenResponse = await slack.openid.connect.token({ client_id: "1", client_secret: "s", code: "c", redirect_uri: "https://a.test/cb" });
  const idToken: string = answer.id_token;
  const userToken: string = answer.access_token;
  const refresh: string | undefined = answer.refresh_token;
  void [idToken, userToken, refresh];
  await slack.openid.connect.token({ client_id: "1", code: "c", code_verifier: "v" });
  await slack.openid.connect.token({ client_id: "1", client_secret: "s", grant_type: "refresh_token", refresh_token: "r" });
  // @ts-expect-error neither a client_secret nor a code_verifier
  await slack.openid.connect.token({ client_id: "1", code: "c" });
  // @ts-expect-error a refresh_token with a code mixes two grants
  await slack.openid.connect.token({ client_id: "1", client_secret: "s", code: "c", refresh_token: "r" });

  const me: OpenIDConnectUserInfoResponse = await slack.openid.connect.userInfo({ token: "xoxp-1" });
  const sub: string = me.sub;
  // Slack's claims named by URL are typed under their exact names.
  const userId: string | undefined = me["https://slack.com/user_id"];
  const avatar: string | undefined = me["https://slack.com/user_image_512"];
  const defaultImage: boolean | undefined = me["https://slack.com/team_image_default"];
  const verified: boolean | undefined = me.email_verified;
  void [sub, userId, avatar, defaultImage, verified];
  await slack.openid.connect.userInfo();
  // @ts-expect-error the token is a string
  await slack.openid.connect.userInfo({ token: 5 });
  // @ts-expect-error a misspelled claim is not a known one
  const typo: number = me["https://slack.com/userid"];
  void typo;
}

export async function lifecycle(): Promise<void> {
  const pair: OAuthV2AccessResponse = await slack.oauth.v2.exchange({ client_id: "1", client_secret: "s", token: "xoxb-legacy" });
  const refresh: string | undefined = pair.refresh_token;
  void refresh;
  // @ts-expect-error the legacy token is required
  await slack.oauth.v2.exchange({ client_id: "1", client_secret: "s" });
  // @ts-expect-error so is the client secret
  await slack.oauth.v2.exchange({ client_id: "1", token: "xoxb-legacy" });
  const who: AuthTestResponse = await slack.auth.test();
  const ids: [string, string, string | undefined] = [who.team_id, who.user_id, who.bot_id];
  const install: boolean | undefined = who.is_enterprise_install;
  void [ids, install];
  await slack.auth.test({ token: "xoxp-1" });
  // @ts-expect-error auth.test takes only a token
  await slack.auth.test({ user: "U1" });
}

export function errors(e: unknown): string {
  if (isEdgeOAuthError(e)) {
    const narrowed: EdgeOAuthError = e;
    const kind: EdgeOAuthErrorKind = narrowed.kind;
    const status: number | undefined = narrowed.status;
    // @ts-expect-error kind is a union, not any string
    const bogus: EdgeOAuthError["kind"] = "bogus";
    void [status, bogus];
    return `${kind}:${narrowed.code}:${narrowed.provider}:${narrowed.field ?? ""}`;
  }
  return "unknown";
}

export async function stytchLookups(): Promise<void> {
  const stytch = new StytchB2BClient({ project_id: "project-test-1", secret: "s", custom_base_url: "http://127.0.0.1:9" });
  // @ts-expect-error secret is required
  new StytchB2BClient({ project_id: "project-test-1" });
  // @ts-expect-error unknown option
  new StytchB2BClient({ project_id: "project-test-1", secret: "s", envs: "test" });
  const providers = stytch.organizations.members.oauthProviders;
  const ids = { organization_id: "o", member_id: "m" };
  const slack: B2BOrganizationsMembersOAuthProvidersSlackResponse = await providers.slack(ids);
  const bot: string | undefined = slack.registrations[0]?.bot_access_token;
  // A Slack user token that does not expire comes with access_token_expires_in: null.
  const lifetime: number | null | undefined = slack.registrations[0]?.access_token_expires_in;
  // @ts-expect-error so it is not typed as a plain optional number
  const lifetimeNumber: number | undefined = slack.registrations[0]?.access_token_expires_in;
  const google: B2BOrganizationsMembersOAuthProvidersProviderInformationResponse = await providers.google({ ...ids, include_refresh_token: true });
  const googleToken: string = google.access_token;
  const scopes: string[] = google.scopes;
  const microsoft: B2BOrganizationsMembersOAuthProvidersProviderInformationResponse = await providers.microsoft(ids);
  const github: B2BOrganizationsMembersOAuthProvidersRegistrationsResponse = await providers.github(ids);
  const hubspot: B2BOrganizationsMembersOAuthProvidersRegistrationsResponse = await providers.hubspot(ids);
  const status: number = hubspot.status_code;
  void [bot, lifetime, lifetimeNumber, googleToken, scopes, microsoft, github, status];
  // @ts-expect-error slack takes no include_refresh_token
  await providers.slack({ ...ids, include_refresh_token: true });
  // @ts-expect-error member_id is required
  await providers.google({ organization_id: "o" });
  // @ts-expect-error include_refresh_token is a boolean
  await providers.github({ ...ids, include_refresh_token: "yes" });
}

export async function flowHelpers(): Promise<string> {
  const pair: PkcePair = await pkcePair();
  const method: "S256" = pair.code_challenge_method;
  const url: string = slackAuthorizeUrl({ client_id: "1", scope: ["chat:write"], user_scope: "identity.basic", code_challenge: pair.code_challenge });
  slackAuthorizeUrl({ client_id: "1", user_scope: ["identity.basic"] });
  // @ts-expect-error client_id is required
  slackAuthorizeUrl({ scope: "a" });
  // @ts-expect-error scope or user_scope is required
  slackAuthorizeUrl({ client_id: "1" });
  // @ts-expect-error scope is a string or a list of strings
  slackAuthorizeUrl({ client_id: "1", scope: 5 });
  const signIn = { client_id: "1", redirect_uri: "https://app.test/signin", nonce: "n", state: "s" };
  const signInUrl: string = slackSignInUrl({ ...signIn, scope: ["openid", "email"], team: "T1", code_challenge: pair.code_challenge });
  // @ts-expect-error nonce is required
  slackSignInUrl({ client_id: "1", redirect_uri: "https://app.test/signin", state: "s" });
  // @ts-expect-error user_scope belongs to the install URL
  slackSignInUrl({ ...signIn, user_scope: "identity.basic" });
  const state: string = await signState("secret-of-at-least-32-bytes-0123", { ttl_seconds: 60, data: { returnTo: "/" } });
  await signState("secret");
  // @ts-expect-error ttl_seconds is a number
  await signState("secret", { ttl_seconds: "60" });
  const verified: VerifiedState = await verifyState("secret", state);
  const issuedAt: number = verified.issued_at;
  const data: unknown = verified.data;
  void [method, issuedAt, data, signInUrl];
  return url;
}

/** The official SDKs' names and options, and `@slack/web-api`'s `apiCall`, typed per method. */
export async function officialCalls(): Promise<void> {
  const logger = { debug: (...msg: unknown[]) => void msg, warn: console.warn, setName: (name: string) => void name };
  const slack: SlackClient = new WebClient("xoxb-1", { logger, logLevel: "debug", retryConfig: { retries: 20, factor: 2 }, teamId: "T1" });
  const got: AppsAuthExternalGetResponse = await slack.apiCall("apps.auth.external.get", { external_token_id: "Et1" });
  const revoked: boolean = (await slack.apiCall("auth.revoke")).revoked;
  // @ts-expect-error no such method here
  await slack.apiCall("chat.postMessage", { channel: "C1" });
  // @ts-expect-error another method's params
  await slack.apiCall("apps.auth.external.get", { client_id: "1" });
  // @ts-expect-error still not an option of either SDK
  new WebClient("xoxb-1", { slackApiURL: "https://slack.test/api/" });
  const stytch: B2BClient = new StytchB2BClient({ project_id: "p", secret: "s", env: "https://test.stytch.com/", fraud_env: "x", timeout: 5000 });
  void [got, revoked, stytch];
}

/** Sign in with Slack's id_token check: its options and its claims, Slack's URL-named ones too. */
export async function idTokens(id_token: string) {
  const options: VerifySlackIdTokenOptions = { client_id: "1111.2222", nonce: "n", clock_skew_seconds: 30 };
  const claims: SlackIdTokenClaims = await verifySlackIdToken(id_token, options);
  const user: string | undefined = claims["https://slack.com/user_id"];
  const audience: string | string[] = claims.aud;
  const expires: number = claims.exp;
  const later: unknown = claims["https://slack.com/user_image_512"]; // claims Slack adds later
  // @ts-expect-error client_id is required
  await verifySlackIdToken(id_token, { nonce: "n" });
  // @ts-expect-error unknown option (a typo)
  await verifySlackIdToken(id_token, { clientId: "1111.2222" });
  // @ts-expect-error clock_skew_seconds is a number
  await verifySlackIdToken(id_token, { client_id: "1", clock_skew_seconds: "60" });
  // @ts-expect-error email_verified is a boolean
  const verified: string = claims.email_verified;
  return [user, audience, expires, later, verified, claims.sub];
}

/** The paths of a client's methods ("oauth.v2.access"), from the namespaces its type declares. */
type MethodPaths<T> = {
  [K in keyof T & string]: T[K] extends (...args: never[]) => unknown ? K : `${K}.${MethodPaths<T[K]>}`;
}[keyof T & string];

/**
 * Where each method's types are checked above, by method. The `.d.ts` lays the clients out from
 * the Rust catalog, so a method added there fails tsc here until it is named (and checked).
 */
export const TYPE_CHECKS = {
  apiCall: officialCalls,
  "oauth.access": exchanges,
  "oauth.v2.access": exchanges,
  "apps.auth.external.get": lookups,
  "apps.auth.external.delete": lookups,
  "auth.revoke": revoke,
  "openid.connect.token": signIn,
  "openid.connect.userInfo": signIn,
  "oauth.v2.exchange": lifecycle,
  "auth.test": lifecycle,
  "organizations.members.oauthProviders.slack": stytchLookups,
  "organizations.members.oauthProviders.google": stytchLookups,
  "organizations.members.oauthProviders.microsoft": stytchLookups,
  "organizations.members.oauthProviders.github": stytchLookups,
  "organizations.members.oauthProviders.hubspot": stytchLookups,
} satisfies Record<MethodPaths<SlackClient> | MethodPaths<StytchB2BClient>, () => Promise<unknown>>;
