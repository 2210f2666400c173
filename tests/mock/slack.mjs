// The Slack half of the mock. Behaviour is chosen by the values the client sends: a code,
// refresh token or external token id of the form `<behaviour>` or `<behaviour>~<anything>`
// (the suffix makes a fresh key for the "-once" counters). See "The mock" in the project README.
import { randomBytes } from "node:crypto";
import { issuedCodes, issuedRefreshTokens, pkceMatches } from "./codes.mjs";
import { html, json, reply } from "./http.mjs";
import { ISSUER, atHash } from "./jwks.mjs";

export const MOCK_CLIENT_ID = "1111.2222";
export const MOCK_CLIENT_SECRET = "mock-client-secret";
export const MOCK_BOT_TOKEN = "xoxb-mock-bot-token";

/**
 * The token types each method the mock serves with a token accepts, as Slack's method pages say:
 * apps.auth.external.get answers `not_allowed_token_type` to anything but a bot token (its page's
 * typical error), apps.auth.external.delete takes bot and user tokens, auth.revoke revokes
 * whichever it is given and auth.test describes it, and openid.connect.userInfo takes the user
 * token of a sign-in. oauth.v2.access, oauth.v2.exchange, oauth.access and openid.connect.token
 * take the app's client credentials.
 * The README's mock section lists these (a test compares).
 */
export const TOKEN_TYPES = {
  "apps.auth.external.get": ["bot"],
  "apps.auth.external.delete": ["bot", "user"],
  "auth.revoke": ["bot", "user"],
  "auth.test": ["bot", "user"],
  "openid.connect.userInfo": ["user"],
};

/** A token's type by its prefix, rotating ones (`xoxe.`) included; null for any other text. */
export function tokenType(token) {
  const prefix = /^(?:xoxe\.)?(xox[bp])-/.exec(token ?? "")?.[1];
  return prefix === "xoxb" ? "bot" : prefix === "xoxp" ? "user" : null;
}

/** Slack's refusal of a bot or user token `method` does not take, or null. Other text passes:
 * the mock's tests use tokens of every shape, and Slack would say `invalid_auth` to them anyway. */
function wrongTokenType(method, token) {
  const type = tokenType(token);
  return type && !TOKEN_TYPES[method].includes(type) ? json(200, { ok: false, error: "not_allowed_token_type" }) : null;
}

const team = { id: "T0MOCK", name: "Mock Workspace" };

/** `ms` from now as one of HTTP's obsolete date forms (RFC 9110 §5.6.7), which recipients must read. */
function obsoleteDate(ms, form) {
  const [day, date, month, year, time] = new Date(Date.now() + ms).toUTCString().split(" ");
  const weekday = { Sun: "Sunday", Mon: "Monday", Tue: "Tuesday", Wed: "Wednesday", Thu: "Thursday", Fri: "Friday", Sat: "Saturday" }[day.slice(0, 3)];
  return form === "rfc850" ? `${weekday}, ${date}-${month}-${year.slice(2)} ${time} GMT` : `${day.slice(0, 3)} ${month} ${date.replace(/^0/, " ")} ${time} ${year}`;
}

/** Answers for each behaviour; `null` falls through to the method's success answer. */
function failure(behaviour, nth) {
  switch (behaviour) {
    case "invalid": return json(200, { ok: false, error: "invalid_code", warning: "superfluous_charset" });
    case "429": return json(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
    case "429-long": return json(429, { ok: false, error: "ratelimited" }, { "retry-after": "120" });
    case "429-once": return nth === 1 ? json(429, { ok: false, error: "ratelimited" }, { "retry-after": "1" }) : null;
    case "429-long-once": return nth === 1 ? json(429, { ok: false, error: "ratelimited" }, { "retry-after": "120" }) : null;
    case "429-date-once": return nth === 1 ? json(429, { ok: false, error: "ratelimited" }, { "retry-after": new Date(Date.now() + 1500).toUTCString() }) : null;
    case "429-rfc850-once": return nth === 1 ? json(429, { ok: false, error: "ratelimited" }, { "retry-after": obsoleteDate(1500, "rfc850") }) : null;
    case "429-asctime-once": return nth === 1 ? json(429, { ok: false, error: "ratelimited" }, { "retry-after": obsoleteDate(1500, "asctime") }) : null;
    case "429-unreadable": return json(429, { ok: false, error: "ratelimited" }, { "retry-after": "soon" });
    case "503-retry-after-once": return nth === 1 ? html(503, "<html>busy</html>", { "retry-after": "1" }) : null;
    case "redirect": return reply(302, "", { location: "https://elsewhere.test/" });
    case "500": return html(500, "<html><body>Internal error</body></html>");
    case "500-once": return nth === 1 ? html(503, "<html>busy</html>") : null;
    case "503": return html(503, "<html>busy</html>");
    case "slow": return { ...json(200, { ok: true, access_token: "xoxb-slow" }), headers: { "content-type": "application/json", "x-mock-delay-ms": "3000" } };
    case "html": return html(200, "<!doctype html><title>Proxy login</title>");
    case "truncated": return reply(200, '{"ok": true, "access_token": "xoxb-tr', { "content-type": "application/json" });
    case "mistyped": return json(200, { ok: true, access_token: 12345, team: "T0MOCK" });
    case "huge": return json(200, { ok: true, access_token: "xoxb-huge", padding: "x".repeat(2 * 1024 * 1024) });
    case "huge-stream": return json(200, { ok: true, access_token: "xoxb-huge", padding: "x".repeat(2 * 1024 * 1024) }, { "x-mock-stream": "1" });
    case "huge-gzip": return json(200, { ok: true, access_token: "xoxb-huge", padding: "x".repeat(2 * 1024 * 1024) }, { "x-mock-gzip": "1" });
    case "no-token": return json(200, { ok: true, app_id: "A0MOCK", team });
    case "ok-false-bare": return json(200, { ok: false });
    default: return null;
  }
}

function behaviourOf(value) {
  return String(value ?? "").split("~")[0];
}

/** The behaviour a token names after its type: `xoxp-500-once~1` fails as `500-once`. */
function tokenBehaviour(token) {
  return behaviourOf(String(token ?? "").replace(/^xox[bp]-/, ""));
}

/** The tokens auth.revoke revoked: Slack answers `invalid_auth` to them from then on. */
function revokedTokens(store) {
  if (!store.has("revoked")) store.set("revoked", new Set());
  return store.get("revoked");
}

/**
 * The Bearer token of a call to `method` that takes one, or Slack's refusal of it: none, revoked,
 * of a type the method does not take, or (`xox?-<behaviour>`) failing as the token says.
 */
function authorized(method, request, seen, store) {
  const token = bearer(request);
  if (!token) return { refused: json(200, { ok: false, error: "not_authed" }) };
  if (token === "xoxb-revoked" || revokedTokens(store).has(token)) return { refused: json(200, { ok: false, error: "invalid_auth" }) };
  const refused = wrongTokenType(method, token) ?? failure(tokenBehaviour(token), seen(`${method}:${token}`));
  return refused ? { refused } : { token };
}

function basic(request) {
  const header = request.headers.authorization ?? "";
  if (!header.startsWith("Basic ")) return null;
  const [user, ...rest] = Buffer.from(header.slice(6), "base64").toString("utf8").split(":");
  return { user, password: rest.join(":") };
}

function bearer(request) {
  const header = request.headers.authorization ?? "";
  return header.startsWith("Bearer ") ? header.slice(7) : null;
}

/** Client authentication as Slack takes it: Basic, the form's `client_id` and `client_secret`
 * (what @slack/web-api sends; tests/official runs it here), or a PKCE public client naming itself. */
function clientError(request) {
  const { client_id, client_secret } = request.form;
  const credentials = basic(request) ?? (client_secret === undefined ? null : { user: client_id, password: client_secret });
  if (credentials) {
    if (credentials.user !== MOCK_CLIENT_ID) return "invalid_client_id";
    if (credentials.password !== MOCK_CLIENT_SECRET) return "bad_client_secret";
    return null;
  }
  if (request.form.client_id === MOCK_CLIENT_ID && request.form.code_verifier) return null;
  return "invalid_client_id";
}

/** The workspace a code names after its behaviour (`<behaviour>~T…`), else the mock's own. */
function teamOf(code) {
  return workspace(String(code).split("~")[1]);
}

/** The workspace `T…` of that id, else the mock's own. */
function workspace(id) {
  return /^T[A-Z0-9]{1,31}$/.test(id ?? "") ? { id, name: `Workspace ${id}` } : team;
}

function v2Success(behaviour, code, store, settings) {
  const suffix = code.replace(/[^A-Za-z0-9]/g, "").slice(-12);
  const base = {
    ok: true,
    app_id: "A0MOCK",
    authed_user: { id: "U0MOCK" },
    scope: "commands,chat:write",
    token_type: "bot",
    access_token: `xoxb-mock-${suffix}`,
    bot_user_id: "U0MOCKBOT",
    team,
    enterprise: null,
    is_enterprise_install: false,
  };
  switch (behaviour) {
    case "user-only":
      return { ok: true, app_id: "A0MOCK", team, enterprise: null, is_enterprise_install: false,
        authed_user: { id: "U0MOCK", scope: "identity.basic", access_token: `xoxp-mock-${suffix}`, token_type: "user" } };
    case "member": { // `member~T…~U…`: user U… of workspace T… authorizes user scopes only
      const id = String(code).split("~")[2];
      return { ok: true, app_id: "A0MOCK", team: teamOf(code), enterprise: null, is_enterprise_install: false,
        authed_user: { id: /^U[A-Z0-9]{1,31}$/.test(id ?? "") ? id : "U0MOCK", scope: "identity.basic", access_token: `xoxp-mock-${suffix}`, token_type: "user" } };
    }
    case "enterprise":
      return { ...base, team: null, enterprise: { id: "E0MOCK", name: "Mock Org" }, is_enterprise_install: true };
    case "enterprise-team": // `enterprise-team~T…`: a workspace install inside the enterprise E0MOCK
      return { ...base, team: teamOf(code), enterprise: { id: "E0MOCK", name: "Mock Org" }, is_enterprise_install: false,
        authed_user: { id: "U0MOCK", scope: "identity.basic", access_token: `xoxp-mock-${suffix}`, token_type: "user" } };
    case "rotating-both": { // `rotating-both~T…[~<refresh behaviour>]`: rotating bot and user tokens
      const where = teamOf(code);
      const options = { team: where, behaviour: String(code).split("~")[2], expiresIn: settings?.tokenExpiresIn ?? 43200 };
      const user = rotatingPair(store, "user", options);
      return { ...base, team: where, ...rotatingPair(store, "bot", options),
        authed_user: { id: "U0MOCK", scope: "identity.basic", token_type: "user", ...user } };
    }
    case "rotating":
      return { ...base, access_token: `xoxe.xoxb-1-mock-${suffix}`, refresh_token: `xoxe-1-mock-${suffix}`, expires_in: 43200 };
    case "webhook":
      return { ...base, incoming_webhook: { channel: "#general", channel_id: "C0MOCK", configuration_url: "https://mock.slack.test/services/B0", url: "https://hooks.slack.test/services/T0/B0/secret" } };
    case "warning":
      return { ...base, warning: "superfluous_charset", response_metadata: { warnings: ["superfluous_charset"] } };
    case "extra":
      return { ...base, brand_new_field: { nested: [1, 2] }, incoming_webhook: undefined, enterprise: null, team: { id: "T0MOCK", name: null } };
    default:
      return { ...base, authed_user: { id: "U0MOCK", scope: "identity.basic", access_token: `xoxp-mock-${suffix}`, token_type: "user" } };
  }
}

/**
 * Spends a code from the mock's authorize pages (oauth.v2.access's or the OpenID one): one use,
 * the same redirect_uri, PKCE checked. Returns { grant } (what the authorize request asked for),
 * or { refused } (Slack's answer).
 */
function spendIssued(form, store) {
  const grant = issuedCodes(store).get(form.code);
  const refuse = (error) => ({ refused: json(200, { ok: false, error }) });
  if (grant.used) return refuse("invalid_code");
  grant.used = true;
  if (grant.redirect_uri !== form.redirect_uri) return refuse("bad_redirect_uri");
  if (grant.code_challenge && !pkceMatches(grant.code_challenge, form.code_verifier)) return refuse("invalid_code_verifier");
  return { grant };
}

/** Exchanges a code from the mock's authorize page for an install. */
function exchangeIssued(form, store, settings) {
  const { grant, refused } = spendIssued(form, store);
  if (refused) return refused;
  const answer = { ok: true, app_id: "A0MOCK", authed_user: { id: "U0MOCK" }, team, enterprise: null, is_enterprise_install: false };
  if (grant.user_scope) {
    Object.assign(answer.authed_user, { scope: grant.user_scope, access_token: `xoxp-mock-${randomBytes(6).toString("hex")}`, token_type: "user" });
    // With `settings.userTokensRotate`, the user token rotates too.
    if (settings.userTokensRotate) Object.assign(answer.authed_user, rotatingPair(store, "user", { expiresIn: settings.tokenExpiresIn ?? 43200 }));
  }
  if (grant.scope) {
    Object.assign(answer, { scope: grant.scope, token_type: "bot", bot_user_id: "U0MOCKBOT", ...botTokens(store, settings.tokenExpiresIn ?? 43200) });
  }
  return json(200, answer);
}

/** A bot token, with a refresh token when rotation is on (`expiresIn` not null). */
function botTokens(store, expiresIn) {
  const id = randomBytes(6).toString("hex");
  if (expiresIn === null) return { access_token: `xoxb-mock-${id}` };
  const refresh_token = `xoxe-1-mock-${id}`;
  issuedRefreshTokens(store).set(refresh_token, { used: false });
  return { access_token: `xoxe.xoxb-1-mock-${id}`, refresh_token, expires_in: expiresIn };
}

/**
 * A rotating pair of `kind` ("bot" or "user") for `team`, its refresh token remembered. With a
 * `behaviour`, the refresh token is `<behaviour>~xoxe-1-<kind>-<team>-<hex>`, so spending it
 * gets that behaviour: `invalid-refresh`, one of ODD_PAIRS, `slow-refresh`,
 * `stuck-refresh`, `503` (see `refresh` and
 * `failure`).
 */
function rotatingPair(store, kind, { team: where = team, behaviour, expiresIn }) {
  const id = randomBytes(6).toString("hex");
  const refresh_token = `${behaviour ? `${behaviour}~` : ""}xoxe-1-${kind}-${where.id}-${id}`;
  issuedRefreshTokens(store).set(refresh_token, { used: false, kind, team: where });
  const access_token = kind === "user" ? `xoxe.xoxp-1-mock-${id}` : `xoxe.xoxb-1-mock-${id}`;
  return { access_token, refresh_token, expires_in: expiresIn };
}

/**
 * Slack's answer to refreshing a pair from `rotatingPair`: the new pair at the top level, with
 * `token_type` "user" for a user token (as Slack answers, and as its SDKs read it).
 */
function rotated(issued, pair) {
  const user = issued.kind === "user";
  return { ok: true, app_id: "A0MOCK", authed_user: { id: "U0MOCK" }, scope: user ? "identity.basic" : "commands,chat:write",
    token_type: user ? "user" : "bot", ...(user ? {} : { bot_user_id: "U0MOCKBOT" }), ...pair,
    team: issued.team, enterprise: null, is_enterprise_install: false };
}

/** Token rotation: a refresh token this mock issued works once, as at Slack: any answer with a
 * new pair spends it, however odd the rest of the answer. */
function refresh(key, behaviour, store, settings) {
  // `settings.refreshError`: every refresh fails, with that Slack error or, for "503", an HTTP 503.
  if (settings.refreshError === "503") return html(503, "<html>busy</html>");
  if (settings.refreshError) return json(200, { ok: false, error: settings.refreshError });
  if (behaviour === "invalid" || behaviour === "invalid-refresh") return json(200, { ok: false, error: "invalid_refresh_token" });
  const issued = issuedRefreshTokens(store).get(key);
  if (issued?.used) return json(200, { ok: false, error: "invalid_refresh_token" });
  if (issued) issued.used = true;
  if (issued?.kind && ODD_PAIRS[behaviour]) {
    // A new pair, odd elsewhere (ODD_PAIRS), every time: the issued token is spent all the same.
    const { expires_in, ...pair } = rotatingPair(store, issued.kind, { team: issued.team, behaviour, expiresIn: 43200 });
    return json(200, rotated(issued, { ...pair, ...ODD_PAIRS[behaviour] }));
  }
  if (issued?.kind) {
    const answer = json(200, rotated(issued, rotatingPair(store, issued.kind, { team: issued.team, expiresIn: settings.refreshExpiresIn ?? 43200 })));
    // `slow-refresh`: the new pair arrives after 400 ms; `stuck-refresh`: after 10 minutes.
    if (behaviour === "slow-refresh") answer.headers["x-mock-delay-ms"] = "400";
    if (behaviour === "stuck-refresh") answer.headers["x-mock-delay-ms"] = "600000";
    return answer;
  }
  const tokens = botTokens(store, settings.refreshExpiresIn ?? 43200);
  return json(200, { ok: true, app_id: "A0MOCK", authed_user: { id: "U0MOCK" }, scope: "commands,chat:write", token_type: "bot",
    bot_user_id: "U0MOCKBOT", team, enterprise: null, is_enterprise_install: false, ...tokens,
    refresh_token: tokens.refresh_token ?? `xoxe-1-refreshed-${randomBytes(6).toString("hex")}` });
}

/**
 * `oauth.v2.access` answers that rotate the pair but are odd elsewhere, for a refresh token (or a
 * code) `<behaviour>~…`: `expires-string`, `expires-missing`, `expires-zero`, `expires-negative`,
 * `expires-float`, `team-string`; `user-<behaviour>` puts the pair under `authed_user`;
 * `no-refresh-token` has an odd `expires_in` and no new refresh token. A refresh token the mock
 * issued (`rotatingPair`) is spent by such an answer, as by any other (see `refresh`).
 * oauth.v2.exchange gives them too, for a legacy token `xoxb-<behaviour>…`.
 */
const ODD_PAIRS = {
  "expires-string": { expires_in: "43200" },
  "expires-missing": {},
  "expires-zero": { expires_in: 0 },
  "expires-negative": { expires_in: -1 },
  "expires-float": { expires_in: 43200.5 },
  "team-string": { expires_in: 43200, team: "T0MOCK" },
  "no-refresh-token": { expires_in: "43200", refresh_token: undefined },
};

function oddPair(behaviour) {
  const user = behaviour.startsWith("user-");
  const odd = ODD_PAIRS[user ? behaviour.slice(5) : behaviour];
  if (!odd) return null;
  const id = randomBytes(6).toString("hex");
  const pair = { access_token: `xoxe.xox${user ? "p" : "b"}-1-odd-${id}`, refresh_token: `xoxe-1-odd-${id}`, ...odd };
  const answer = user ? { authed_user: { id: "U0MOCK", token_type: "user", ...pair } } : { token_type: "bot", ...pair };
  return json(200, { ok: true, app_id: "A0MOCK", team, ...answer });
}

/** The user every Sign in with Slack of the mock signs in. */
const SIGNED_IN_USER = "U0MOCK";

/** Who each user token from a sign-in belongs to: token -> { team } (userInfo and auth.test read it). */
function signedIn(store) {
  if (!store.has("signedIn")) store.set("signedIn", new Map());
  return store.get("signedIn");
}

/**
 * The identity claims of the mock's user in workspace `where`, as Slack's userInfo answers them and
 * its id_token carries them (https://docs.slack.dev/reference/methods/openid.connect.userInfo).
 */
export function identityClaims(where = team) {
  const images = (kind, sizes) => Object.fromEntries(sizes.map((size) => [`https://slack.com/${kind}_image_${size}`, `https://mock.slack.test/${kind}_${size}.png`]));
  return {
    sub: SIGNED_IN_USER,
    "https://slack.com/user_id": SIGNED_IN_USER,
    "https://slack.com/team_id": where.id,
    email: "mock.user@example.test",
    email_verified: true,
    date_email_verified: 1622128723,
    name: "Mock User",
    picture: "https://mock.slack.test/user_512.png",
    given_name: "Mock",
    family_name: "User",
    locale: "en-US",
    "https://slack.com/team_name": where.name,
    "https://slack.com/team_domain": where.id.toLowerCase(),
    ...images("user", [24, 32, 48, 72, 192, 512, 1024]),
    ...images("team", [34, 44, 68, 88, 102, 132, 230]),
    "https://slack.com/team_image_default": true,
  };
}

/**
 * openid.connect.token's answer: a user token (rotating with `rotate`), and an id_token signed by
 * the mock's keyring for the mock app, with `nonce` when the authorize request had one.
 */
function signIn(store, keyring, { team: where, nonce, rotate, settings }) {
  const id = randomBytes(6).toString("hex");
  const pair = rotate ? rotatingPair(store, "user", { team: where, expiresIn: settings.tokenExpiresIn ?? 43200 }) : { access_token: `xoxp-mock-${id}` };
  if (pair.refresh_token) issuedRefreshTokens(store).get(pair.refresh_token).signIn = true;
  signedIn(store).set(pair.access_token, { team: where });
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: ISSUER, sub: SIGNED_IN_USER, aud: MOCK_CLIENT_ID, exp: now + 300, iat: now, auth_time: now,
    ...(nonce === undefined ? {} : { nonce }), at_hash: atHash(pair.access_token), ...identityClaims(where) };
  return { ok: true, ...pair, token_type: "Bearer", id_token: keyring.sign(claims) };
}

/** openid.connect.token's refresh grant: a refresh token from a sign-in works once. */
function refreshSignIn(key, store, settings, keyring) {
  const issued = issuedRefreshTokens(store).get(key);
  if (!issued?.signIn || issued.used) return json(200, { ok: false, error: "invalid_refresh_token" });
  issued.used = true;
  return json(200, signIn(store, keyring, { team: issued.team, rotate: true, settings }));
}

/**
 * oauth.v2.exchange: a legacy bot or user token (not a rotating `xoxe.` one) for a rotating pair
 * of its kind, once; the pair refreshes through oauth.v2.access like any other.
 */
function exchangeLegacy(token, store, settings) {
  const kind = tokenType(token);
  if (!kind || token.startsWith("xoxe.")) return json(200, { ok: false, error: "invalid_token" });
  const exchanged = store.get("exchanged") ?? new Set();
  store.set("exchanged", exchanged);
  if (exchanged.has(token)) return json(200, { ok: false, error: "token_already_exchanged" });
  exchanged.add(token);
  const pair = rotatingPair(store, kind, { expiresIn: settings.tokenExpiresIn ?? 43200 });
  return json(200, rotated({ kind, team }, pair));
}

function legacySuccess(behaviour) {
  switch (behaviour) {
    case "classic-bot":
      return { ok: true, access_token: "xoxp-mock-classic", scope: "incoming-webhook,bot", team_name: "Mock Workspace", team_id: "T0MOCK",
        incoming_webhook: { url: "https://hooks.slack.test/TXXX/BXXX/XXXX", channel: "#general", configuration_url: "https://mock.slack.test/services/BXXX" },
        bot: { bot_user_id: "UTTTTTTTTTTR", bot_access_token: "xoxb-mock-classic-bot" } };
    case "workspace":
      return { ok: true, access_token: "xoxa-mock-workspace", token_type: "app", app_id: "A0MOCK", app_user_id: "U0APP", installer_user_id: "U0MOCK",
        authorizing_user: { user_id: "U0MOCK", app_home: "D0MOCK" }, team_name: "Mock Workspace", team_id: "T0MOCK",
        permissions: [{ scopes: ["channels:read"], resource_type: "channel", resource_id: 0 }],
        scopes: { app_home: ["chat:write"], team: [], channel: ["channels:read"], group: [], mpim: [], im: [], user: [] } };
    default:
      return { ok: true, access_token: "xoxp-mock-classic", scope: "identify,read,post", team_id: "T0MOCK", team_name: "Mock Workspace", enterprise_id: null };
  }
}

/** Routes `/api/<method>`; returns undefined for other paths. */
export function slackRoute(request, { seen, store, settings, keyring }) {
  const method = request.path.match(/^\/api\/([a-z0-9.]+)$/i)?.[1];
  if (!method) return undefined;
  const headers = { "x-slack-req-id": `req-${request.at}-${Math.random().toString(16).slice(2, 8)}` };
  const withId = (answer) => ({ ...answer, headers: { ...answer.headers, ...headers } });
  if (request.method !== "POST") return withId(json(200, { ok: false, error: "method_not_supported_for_channel_type" }));
  return withId(answerMethod(method, request, { seen, store, settings, keyring }));
}

function answerMethod(method, request, { seen, store, settings, keyring }) {
  const form = request.form;
  switch (method) {
    case "openid.connect.token": {
      const key = form.grant_type === "refresh_token" ? form.refresh_token : form.code;
      const failed = failure(behaviourOf(key), seen(`${method}:${key}`));
      if (failed) return failed;
      const authError = clientError(request);
      if (authError) return json(200, { ok: false, error: authError });
      if (form.grant_type === "refresh_token") return refreshSignIn(key, store, settings, keyring);
      if (!form.code) return json(200, { ok: false, error: "invalid_code" });
      if (!issuedCodes(store).has(form.code)) {
        return json(200, signIn(store, keyring, { team: teamOf(form.code), rotate: behaviourOf(form.code) === "rotating", settings }));
      }
      const { grant, refused } = spendIssued(form, store);
      if (refused) return refused;
      const rotate = Boolean(settings.userTokensRotate);
      return json(200, signIn(store, keyring, { team: workspace(grant.team), nonce: grant.nonce, rotate, settings }));
    }
    case "oauth.v2.access": {
      const key = form.grant_type === "refresh_token" ? form.refresh_token : form.code;
      const behaviour = behaviourOf(key);
      const failed = failure(behaviour, seen(`${method}:${key}`));
      if (failed) return failed;
      const authError = clientError(request);
      if (authError) return json(200, { ok: false, error: authError });
      const odd = !issuedRefreshTokens(store).has(key) && oddPair(behaviour);
      if (odd) return odd;
      if (form.grant_type === "refresh_token") return refresh(key, behaviour, store, settings);
      if (!form.code) return json(200, { ok: false, error: "invalid_code" });
      if (issuedCodes(store).has(form.code)) return exchangeIssued(form, store, settings);
      return json(200, v2Success(behaviour, form.code, store, settings));
    }
    case "oauth.access": {
      const failed = failure(behaviourOf(form.code), seen(`${method}:${form.code}`));
      if (failed) return failed;
      const authError = clientError(request);
      if (authError) return json(200, { ok: false, error: authError });
      return json(200, legacySuccess(behaviourOf(form.code)));
    }
    case "apps.auth.external.get": {
      if (!bearer(request)) return json(200, { ok: false, error: "not_authed" });
      if (bearer(request) === "xoxb-revoked") return json(200, { ok: false, error: "invalid_auth" });
      const refused = wrongTokenType(method, bearer(request));
      if (refused) return refused;
      const id = form.external_token_id;
      const failed = failure(behaviourOf(id), seen(`${method}:${id}`));
      if (failed) return failed;
      if (behaviourOf(id) === "missing") return json(200, { ok: false, error: "token_not_found" });
      const refreshed = form.force_refresh === "true" ? "-refreshed" : "";
      return json(200, { ok: true, external_token: `ext-token-for-${id}${refreshed}` });
    }
    case "apps.auth.external.delete": {
      if (!bearer(request)) return json(200, { ok: false, error: "not_authed" });
      const refused = wrongTokenType(method, bearer(request));
      if (refused) return refused;
      const key = form.external_token_id ?? form.provider_key ?? form.app_id;
      const failed = failure(behaviourOf(key), seen(`${method}:${key}`));
      if (failed) return failed;
      return json(200, { ok: true });
    }
    case "auth.revoke": {
      const token = bearer(request);
      if (!token) return json(200, { ok: false, error: "not_authed" });
      const refused = wrongTokenType(method, token);
      if (refused) return refused;
      const revoked = revokedTokens(store);
      if (revoked.has(token) || token === "xoxb-revoked") return json(200, { ok: false, error: "invalid_auth" });
      if (form.test === "true") return json(200, { ok: true, revoked: false });
      revoked.add(token);
      return json(200, { ok: true, revoked: true });
    }
    case "auth.test": {
      const { token, refused } = authorized(method, request, seen, store);
      if (refused) return refused;
      const where = signedIn(store).get(token)?.team ?? team;
      const bot = tokenType(token) === "bot";
      return json(200, { ok: true, url: `https://${where.id.toLowerCase()}.slack.test/`, team: where.name, user: bot ? "mockbot" : "mockuser",
        team_id: where.id, user_id: bot ? "U0MOCKBOT" : SIGNED_IN_USER, ...(bot ? { bot_id: "B0MOCK" } : {}), is_enterprise_install: false });
    }
    case "openid.connect.userInfo": {
      const { token, refused } = authorized(method, request, seen, store);
      if (refused) return refused;
      return json(200, { ok: true, ...identityClaims(signedIn(store).get(token)?.team) });
    }
    case "oauth.v2.exchange": {
      const failed = failure(tokenBehaviour(form.token), seen(`${method}:${form.token}`));
      if (failed) return failed;
      const authError = clientError(request);
      if (authError) return json(200, { ok: false, error: authError });
      return oddPair(tokenBehaviour(form.token)) || exchangeLegacy(form.token, store, settings);
    }
    default:
      return json(200, { ok: false, error: "unknown_method" });
  }
}
