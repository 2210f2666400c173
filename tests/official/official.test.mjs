// Call sites written for the official SDKs (slack-app.mjs for @slack/web-api 8.2.0,
// stytch-app.mjs for stytch 14.2.0), run as they are and again with only their import changed to
// "edge-oauth", against the project's mock over loopback. A success is the same answer from both
// (less what the SDK adds: @slack/web-api's empty `response_metadata`); an error is compared field
// by field as the README's "Coming from @slack/web-api or stytch" maps them. Both variants are
// also type-checked (tsc --strict --checkJs), against the SDK's types and against ours.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { startMock } from "../mock/server.mjs";
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";

const here = new URL("./", import.meta.url);
const root = new URL("../../", import.meta.url);

/** The call site with its SDK's import turned into edge-oauth's, beside it (`*.ours.mjs`, ignored by git). */
function oursOf(file, sdk) {
  const source = readFileSync(new URL(file, here), "utf8");
  const ours = source.replace(`from "${sdk}";`, `from "edge-oauth";`);
  const changed = source.split("\n").filter((line, i) => line !== ours.split("\n")[i]);
  assert.deepEqual(changed, [`import { ${sdk === "stytch" ? "B2BClient" : "WebClient"} } from "${sdk}";`], "only the import changes");
  const path = file.replace(/\.mjs$/, ".ours.mjs");
  writeFileSync(new URL(path, here), ours);
  return path;
}

const variants = {
  official: { slack: "./slack-app.mjs", stytch: "./stytch-app.mjs" },
  ours: { slack: `./${oursOf("slack-app.mjs", "@slack/web-api")}`, stytch: `./${oursOf("stytch-app.mjs", "stytch")}` },
};

/** A logger as an app passes one: every line kept, by level. */
function recordingLogger() {
  const lines = [];
  const at = (level) => (...msg) => lines.push({ level, line: msg.map(String).join(" ") });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), setLevel() {}, getLevel: () => "debug", setName() {} };
}

let mock;
const apps = {};
const loggers = {};

before(async () => {
  mock = await startMock();
  for (const [name, files] of Object.entries(variants)) {
    loggers[name] = recordingLogger();
    apps[name] = {
      slack: await import(files.slack),
      stytch: await import(files.stytch),
      slackSettings: { slackApiUrl: `${mock.url}/api/`, clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, botToken: MOCK_BOT_TOKEN, logger: loggers[name] },
      stytchSettings: { project_id: MOCK_PROJECT_ID, secret: MOCK_SECRET, env: mock.url },
    };
  }
});

after(() => mock?.close());

/**
 * Runs one call site with both variants, the official SDK first; `fresh` gives each variant its
 * own argument (a single-use refresh token), else both get `args`.
 */
async function both(provider, fn, args, fresh, elsewhere = {}) {
  const results = {};
  for (const name of ["official", "ours"]) {
    const app = apps[name];
    const settings = { ...(provider === "slack" ? app.slackSettings : app.stytchSettings), ...elsewhere };
    results[name] = await app[provider][fn](settings, ...(fresh ? fresh() : args));
  }
  return results;
}

/** A Slack answer as Slack sent it: @slack/web-api adds `response_metadata: {}` when there was none. */
function asSent(answer) {
  const { response_metadata, ...rest } = answer;
  return response_metadata && Object.keys(response_metadata).length ? answer : rest;
}

/** Stytch's request_id differs per request. */
function withoutRequestId({ request_id, ...rest }) {
  assert.match(request_id, /^request-id-test-/);
  return rest;
}

describe("@slack/web-api call sites", () => {
  for (const [fn, code] of [
    ["install", "good"],
    ["install", "webhook"],
    ["install", "enterprise"],
    ["install", "warning"],
    ["install", "extra"],
    ["installClassic", "good"],
    ["installClassic", "classic-bot"],
    ["installClassic", "workspace"],
    ["externalToken", "Et0OFFICIAL"],
    ["forgetExternalToken", "Et0OFFICIAL"],
  ]) {
    test(`${fn}(${code}): the same answer`, async () => {
      const { official, ours } = await both("slack", fn, [code]);
      assert.ok(official.answer, JSON.stringify(official.error));
      assert.deepEqual(ours.answer, asSent(official.answer));
    });
  }

  test("signOut: auth.revoke with test: true, the same answer", async () => {
    const { official, ours } = await both("slack", "signOut", ["xoxb-official-callsite"]);
    assert.deepEqual(ours.answer, asSent(official.answer));
    assert.deepEqual(ours.answer, { ok: true, revoked: false });
  });

  /** An answer with its fresh tokens (new every time) as their types. */
  const masked = (answer) => JSON.parse(JSON.stringify(answer, (key, value) => (/token$/.test(key) ? typeof value : value)));

  test("refresh: a rotation, the same shape (each its own single-use refresh token)", async () => {
    let n = 0;
    const fresh = () => mock.issue({ prefix: `official-${n++}`, refresh_tokens: 1 }).refresh_tokens;
    const { official, ours } = await both("slack", "refresh", null, fresh);
    assert.deepEqual(masked(ours.answer), masked(asSent(official.answer)));
    assert.match(ours.answer.refresh_token, /^xoxe-1-/);
  });

  test("startRotating: oauth.v2.exchange, the same shape (each its own legacy token, spent)", async () => {
    let n = 0;
    const { official, ours } = await both("slack", "startRotating", null, () => [`xoxb-legacy-official-${n++}`]);
    assert.ok(official.answer, JSON.stringify(official.error));
    assert.deepEqual(masked(ours.answer), masked(asSent(official.answer)));
    assert.match(ours.answer.refresh_token, /^xoxe-1-/);
  });

  test("signIn: openid.connect.token, the same shape (a new token and id_token each time)", async () => {
    const { official, ours } = await both("slack", "signIn", ["signin~T0OFFICIAL"]);
    assert.ok(official.answer, JSON.stringify(official.error));
    assert.deepEqual(masked(ours.answer), masked(asSent(official.answer)));
    assert.equal(ours.answer.id_token.split(".").length, 3);
  });

  for (const [fn, token] of [
    ["whoSignedIn", "xoxp-official-callsite"],
    ["whoAmI", "xoxp-official-callsite"],
    ["whoAmI", MOCK_BOT_TOKEN],
  ]) {
    test(`${fn}(${token.slice(0, 5)}…): the same answer`, async () => {
      const { official, ours } = await both("slack", fn, [token]);
      assert.ok(official.answer, JSON.stringify(official.error));
      assert.deepEqual(ours.answer, asSent(official.answer));
    });
  }

  // @slack/web-api's `code` names its error class; ours is Slack's `error`, which both keep in `data.error`.
  for (const [fn, arg, slackError] of [
    ["install", "invalid", "invalid_code"],
    ["externalToken", "missing", "token_not_found"],
    ["signOut", "xoxb-revoked", "invalid_auth"],
  ]) {
    test(`${fn}(${arg}): Slack's ${slackError}, in data.error for both`, async () => {
      const { official, ours } = await both("slack", fn, [arg]);
      assert.equal(official.error.code, "slack_webapi_platform_error");
      assert.equal(ours.error.code, slackError);
      assert.equal(ours.error.name, "EdgeOAuthError");
      assert.equal(ours.error.kind, "platform");
      assert.equal(official.error.data.error, slackError);
      assert.deepEqual(ours.error.data, asSent(official.error.data));
    });
  }

  test("a 429 with rejectRateLimitedCalls: both reject at once with retryAfter in seconds", async () => {
    const { official, ours } = await both("slack", "install", ["429"]);
    assert.equal(official.error.code, "slack_webapi_rate_limited_error");
    assert.equal(ours.error.kind, "rate_limited");
    assert.equal(ours.error.retryAfter, official.error.retryAfter);
    assert.equal(ours.error.retryAfter, 1);
  });

  test("an HTTP 500: statusCode there, status here", async () => {
    const { official, ours } = await both("slack", "install", ["500"]);
    assert.equal(official.error.code, "slack_webapi_http_error");
    assert.equal(ours.error.code, "http_error");
    assert.equal(ours.error.status, official.error.statusCode);
  });

  test("a network failure: original there, cause here", async () => {
    const { official, ours } = await both("slack", "install", ["good"], null, { slackApiUrl: "http://127.0.0.1:9/api/" });
    assert.equal(official.error.code, "slack_webapi_request_error");
    assert.ok(official.error.original instanceof Error);
    assert.equal(ours.error.kind, "network");
    assert.equal(ours.error.code, "network_error");
  });

  test("the logger: a debug line per attempt and one warning, never a secret", () => {
    const { lines } = loggers.ours;
    const warnings = lines.filter(({ level }) => level === "warn");
    assert.deepEqual(warnings.map(({ line }) => line), ["edge-oauth ignores headers, maxRequestConcurrency"]);
    const debug = lines.filter(({ level }) => level === "debug").map(({ line }) => line);
    assert.ok(debug.includes("edge-oauth oauth.v2.access #1: 200 ok"), debug.join("\n"));
    assert.ok(debug.includes("edge-oauth oauth.v2.access #1: 200 invalid_code"), debug.join("\n"));
    assert.ok(debug.includes("edge-oauth oauth.v2.access #1: 429 ratelimited"), debug.join("\n"));
    assert.ok(debug.includes("edge-oauth apps.auth.external.get #1: 200 ok"), debug.join("\n"));
    const text = lines.map(({ line }) => line).join("\n");
    for (const secret of [MOCK_CLIENT_SECRET, MOCK_BOT_TOKEN, "xoxb-revoked", "xoxe-1-", "good", "Et0OFFICIAL", "xoxb-mock-"]) {
      assert.ok(!text.includes(secret), `a log line holds ${secret}`);
    }
  });
});

describe("stytch call sites", () => {
  test("slackTokens: the same answer", async () => {
    const { official, ours } = await both("stytch", "slackTokens", ["member-1"]);
    assert.ok(official.answer, JSON.stringify(official.error));
    assert.deepEqual(withoutRequestId(ours.answer), withoutRequestId(official.answer));
  });

  for (const provider of ["google", "microsoft", "github", "hubspot"]) {
    test(`providerTokens(${provider}): the same answer, with the refresh token`, async () => {
      const { official, ours } = await both("stytch", "providerTokens", [provider, "member-1"]);
      assert.deepEqual(withoutRequestId(ours.answer), withoutRequestId(official.answer));
      assert.equal(JSON.stringify(ours.answer).includes("mock-refresh-"), true);
    });
  }

  // stytch's StytchError fields are ours under other names: error_type is `code`, status_code
  // `status`, request_id `requestId`, error_message the end of the `message`; the body is `data`.
  for (const [member, status, errorType] of [
    ["member-missing", 404, "member_not_found"],
    ["member-oauth2-error", 400, "invalid_request"],
  ]) {
    test(`slackTokens(${member}): ${errorType}, field by field`, async () => {
      const { official, ours } = await both("stytch", "slackTokens", [member]);
      assert.equal(official.error.error_type, errorType);
      assert.equal(ours.error.code, official.error.error_type);
      assert.equal(ours.error.status, status);
      assert.equal(official.error.status_code ?? status, status); // an OAuth2-style body has no status_code
      assert.ok(ours.error.message.endsWith(`: ${official.error.error_message}`), ours.error.message);
      assert.equal(ours.error.data.error_url ?? ours.error.data.error_uri, official.error.error_url);
      assert.equal(typeof ours.error.requestId, typeof official.error.request_id);
    });
  }
});

test("both variants type-check (tsc --strict --checkJs): against the SDKs' types and against ours", () => {
  const tsc = new URL("node_modules/.bin/tsc", root).pathname;
  execFileSync(tsc, ["-p", new URL("tsconfig.json", here).pathname], { stdio: "pipe" });
});
