// The install and sign-in flows of edge-oauth/cloudflare in workerd: flow-worker.mjs (bundled by
// wrangler, run by Miniflare with real Durable Objects) against the mock, which records every
// request and signs the id_tokens with keys it made at its start.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { bundle, miniflare } from "./harness.mjs";

const ORIGIN = "https://worker.test";
const K1 = `k1:${Buffer.alloc(32, 7).toString("base64url")}`;

let mock, mf;

before(async () => {
  mock = await startMock();
  const config = join(mkdtempSync(join(tmpdir(), "edge-oauth-flow-")), "wrangler.toml");
  const main = new URL("./flow-worker.mjs", import.meta.url).pathname;
  writeFileSync(config, `name = "edge-oauth-flow"\nmain = ${JSON.stringify(main)}\ncompatibility_date = "2026-04-01"\n`);
  mf = miniflare(bundle(config), {
    bindings: {
      TOKEN_KEYS: K1,
      SLACK_CLIENT_ID: MOCK_CLIENT_ID,
      SLACK_CLIENT_SECRET: MOCK_CLIENT_SECRET,
      SLACK_API_URL: `${mock.url}/api/`,
      SLACK_AUTHORIZE_URL: `${mock.url}/oauth/v2/authorize`,
      SLACK_OPENID_AUTHORIZE_URL: `${mock.url}/openid/connect/authorize`,
      SLACK_OPENID_KEYS_URL: `${mock.url}/openid/connect/keys`,
    },
    kvNamespaces: ["SLACK_INSTALLATIONS"],
    durableObjects: { SLACK_TOKENS: { className: "SlackTokens", useSQLite: true } },
  });
});
after(async () => {
  await mf?.dispose();
  await mock?.close();
});
beforeEach(() => mock.reset());

/** A request to the Worker at `origin` (https://worker.test unless given), redirects not followed. */
const worker = (path, init = {}, origin = ORIGIN) => mf.dispatchFetch(`${origin}${path}`, { redirect: "manual", ...init });
const exchanges = () => mock.requests.filter((r) => r.path === "/api/oauth.v2.access");
/** `name=value` of a Set-Cookie. */
const pairOf = (setCookie) => setCookie.split(";")[0];
/** What a state carries: `{ n: nonce, exp, d: data }`. */
const payloadOf = (state) => JSON.parse(Buffer.from(state.split(".")[0], "base64url").toString());

/** Through the mock's consent page with Allow: the callback's path and query, and the state. */
async function authorize(install, origin = ORIGIN) {
  assert.equal(install.status, 302, await install.clone().text());
  const authorizeUrl = new URL(install.headers.get("location"));
  assert.equal(`${authorizeUrl.origin}${authorizeUrl.pathname}`, `${mock.url}/oauth/v2/authorize`);
  const form = new URLSearchParams({ ...Object.fromEntries(authorizeUrl.searchParams), decision: "allow" });
  const back = new URL((await fetch(authorizeUrl, { method: "POST", body: form, redirect: "manual" })).headers.get("location"));
  assert.equal(`${back.origin}${back.pathname}`, `${origin}/slack/oauth_redirect`);
  return { path: `${back.pathname}${back.search}`, state: back.searchParams.get("state") };
}

describe("the state's cookie", () => {
  test("is __Host-, Secure, Path=/, without Domain, one per flow; its value is a secret whose SHA-256 the state carries", async () => {
    const [first, second] = [await worker("/slack/install"), await worker("/slack/install")];
    const shape = /^__Host-slack_oauth_[A-Za-z0-9_-]{16}=([A-Za-z0-9_-]{43}); Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/;
    const [a, b] = [first, second].map((install) => install.headers.get("set-cookie"));
    assert.match(a, shape);
    assert.match(b, shape);
    assert.notEqual(a.split("=")[0], b.split("=")[0], "two tabs never share a cookie");
    const secret = shape.exec(a)[1];
    const location = first.headers.get("location");
    assert.ok(!location.includes(secret), "the authorize URL does not hold the cookie's value");
    const carried = payloadOf(new URL(location).searchParams.get("state"));
    assert.equal(carried.d.hash, createHash("sha256").update(secret).digest("base64url"));
    assert.equal(a.split("=")[0], `__Host-slack_oauth_${carried.n.slice(0, 16)}`);
  });

  test("the same value under the unprefixed name is refused (foreign_state), and so is the state's nonce; under __Host- it installs", async () => {
    const install = await worker("/slack/install");
    const { path, state } = await authorize(install);
    const cookie = pairOf(install.headers.get("set-cookie"));
    const unprefixed = await worker(path, { headers: { cookie: cookie.replace(/^__Host-/, "") } });
    assert.equal(unprefixed.status, 400);
    assert.match(await unprefixed.text(), /started in another browser/);
    const nonce = await worker(path, { headers: { cookie: `${cookie.split("=")[0]}=${payloadOf(state).n}` } });
    assert.equal(nonce.status, 400, "the old binding (the nonce, readable in the state) is no longer enough");
    const longer = await worker(path, { headers: { cookie: `a=1; x${cookie}; b=2` } });
    assert.equal(longer.status, 400, "a cookie whose name only ends with it is another cookie");
    const rendered = await worker(path.replace("/slack/", "/render/"), { headers: { cookie: cookie.replace(/^__Host-/, "") } });
    assert.deepEqual((await rendered.json()).error.code, "foreign_state");
    assert.equal(exchanges().length, 0, "nothing was sent to Slack");

    const ok = await worker(path, { headers: { cookie: `a=1;${cookie};b=2` } });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.match(ok.headers.get("set-cookie"), /^__Host-slack_oauth_[A-Za-z0-9_-]{16}=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
    assert.equal(exchanges().length, 1);
  });

  for (const origin of ["http://127.0.0.1:8787", "http://localhost:8787", "http://[::1]:8787"]) {
    test(`on loopback http (${origin}) it is unprefixed and not Secure (a browser keeps no Secure cookie there), and installs`, async () => {
      const install = await worker("/slack/install", {}, origin);
      assert.match(install.headers.get("set-cookie"), /^slack_oauth_[A-Za-z0-9_-]{16}=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
      const { path } = await authorize(install, origin);
      const ok = await worker(path, { headers: { cookie: pairOf(install.headers.get("set-cookie")) } }, origin);
      assert.equal(ok.status, 200, await ok.clone().text());
    });
  }

  test("plain http on another host is not loopback: __Host- and Secure there too", async () => {
    for (const origin of ["http://worker.test", "http://localhost.evil.test", "http://127.0.0.1.evil.test"]) {
      assert.match((await worker("/slack/install", {}, origin)).headers.get("set-cookie"), /^__Host-slack_oauth_.*; Secure$/, origin);
    }
  });
});

describe("PKCE", () => {
  test("by default the install URL carries an S256 challenge, and the exchange sends its verifier (the cookie's secret)", async () => {
    const install = await worker("/slack/install");
    const query = new URL(install.headers.get("location")).searchParams;
    assert.equal(query.get("code_challenge_method"), "S256");
    const secret = pairOf(install.headers.get("set-cookie")).split("=")[1];
    assert.equal(query.get("code_challenge"), createHash("sha256").update(secret).digest("base64url"));
    const { path } = await authorize(install);
    const ok = await worker(path, { headers: { cookie: pairOf(install.headers.get("set-cookie")) } });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.deepEqual(exchanges().map((r) => r.form.code_verifier), [secret]);
  });

  test("pkce: false sends no challenge and no verifier, and still installs bound to the cookie", async () => {
    const install = await worker("/slack/install?pkce=0");
    const query = new URL(install.headers.get("location")).searchParams;
    assert.deepEqual([query.get("code_challenge"), query.get("code_challenge_method")], [null, null]);
    const { path } = await authorize(install);
    assert.equal((await worker(path)).status, 400, "without the cookie: refused");
    const ok = await worker(path, { headers: { cookie: pairOf(install.headers.get("set-cookie")) } });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal(exchanges().length, 1);
    assert.equal(exchanges()[0].form.code_verifier, undefined);
  });
});

describe("the ledger of spent states", () => {
  test("a state's nonce is spent in the object named states: and its first two characters, not in one object for the app", async () => {
    const install = await worker("/slack/install");
    const { path, state } = await authorize(install);
    const ok = await worker(path, { headers: { cookie: pairOf(install.headers.get("set-cookie")) } });
    assert.equal(ok.status, 200, await ok.clone().text());
    const { n: nonce, exp: expiresAt } = payloadOf(state);
    const consume = async (name) =>
      (await worker(`/consume/${encodeURIComponent(name)}`, { method: "POST", body: JSON.stringify({ nonce, expiresAt }) })).json();
    assert.equal(await consume(`states:${nonce.slice(0, 2)}`), false, "its shard has it");
    assert.equal(await consume("states"), true, "the single ledger of before has not");
  });
});

describe("a callback without its cookie", () => {
  test("another browser is refused without spending the state; the browser that installed, reloading, is told it was already used", async () => {
    const install = await worker("/slack/install");
    const { path } = await authorize(install);
    const cookie = pairOf(install.headers.get("set-cookie"));
    const foreign = await worker(path);
    assert.equal(foreign.status, 400);
    assert.match(await foreign.text(), /started in another browser/);

    const ok = await worker(path, { headers: { cookie } });
    assert.equal(ok.status, 200, "the foreign attempt spent nothing");
    assert.match(ok.headers.get("set-cookie"), /Max-Age=0/, "the browser drops the cookie");
    const reload = await worker(path); // what the browser sends once the cookie is cleared
    assert.equal(reload.status, 409);
    assert.match(await reload.text(), /already used/);
    const rendered = await worker(path.replace("/slack/", "/render/"));
    assert.equal((await rendered.json()).error.code, "state_used");
    const wrongCookie = await worker(path, { headers: { cookie: `${cookie.split("=")[0]}=${"x".repeat(43)}` } });
    assert.equal(wrongCookie.status, 400, "a cookie that does not match is foreign, spent state or not");
    assert.equal(exchanges().length, 1, "nothing but the one install reached Slack");
  });
});

describe("?error= from Slack", () => {
  // [what Slack's redirect carries, what is shown, a part of it that must not be shown]
  const cases = [
    ["access_denied", "access_denied"],
    ["invalid_team_for_non_distributed_app", "invalid_team_for_non_distributed_app"],
    ["<img src=x onerror=alert(1)>", "unknown_error", "onerror"],
    ["Access-Denied", "unknown_error", "Access-Denied"],
    ["a".repeat(65), "unknown_error", "a".repeat(65)],
    ["access_denied\nSet-Cookie: x=1", "unknown_error", "Set-Cookie"],
  ];
  test("only [a-z_]{1,64} of it reaches the page and render; anything else is unknown_error", async () => {
    for (const [given, shown, hidden] of cases) {
      for (const route of ["/slack/oauth_redirect", "/render/oauth_redirect"]) {
        const install = await worker("/slack/install");
        const state = new URL(install.headers.get("location")).searchParams.get("state");
        const query = new URLSearchParams({ error: given, state });
        const response = await worker(`${route}?${query}`, { headers: { cookie: pairOf(install.headers.get("set-cookie")) } });
        assert.equal(response.status, 403, given);
        const text = await response.text();
        assert.ok(text.includes(`Slack did not install the app: ${shown}.`), `${given} -> ${text}`);
        if (hidden) assert.ok(!text.includes(hidden), `${route}: ${text}`);
        if (route.startsWith("/render")) assert.equal(JSON.parse(text).error.code, "access_denied");
      }
    }
    assert.equal(exchanges().length, 0);
  });
});

describe("SLACK_AUTHORIZE_URL", () => {
  test("without an authorizeUrl option the browser goes to env.SLACK_AUTHORIZE_URL (the mock), and the option wins over it", async () => {
    const install = await worker("/slack/install");
    const location = new URL(install.headers.get("location"));
    assert.equal(`${location.origin}${location.pathname}`, `${mock.url}/oauth/v2/authorize`);
    const { path } = await authorize(install);
    const ok = await worker(path, { headers: { cookie: pairOf(install.headers.get("set-cookie")) } });
    assert.equal(ok.status, 200, await ok.clone().text());
    const given = await worker(`/slack/install?authorize_url=${encodeURIComponent("https://slack.example/oauth/v2/authorize")}`);
    assert.match(given.headers.get("location"), /^https:\/\/slack\.example\/oauth\/v2\/authorize\?/);
  });
});

describe("Sign in with Slack", () => {
  const tokenCalls = () => mock.requests.filter((r) => r.path === "/api/openid.connect.token");

  /** Through the mock's OpenID consent page with Allow (the form's fields changed by `changes`). */
  async function consent(start, changes = {}) {
    assert.equal(start.status, 302, await start.clone().text());
    const authorizeUrl = new URL(start.headers.get("location"));
    assert.equal(`${authorizeUrl.origin}${authorizeUrl.pathname}`, `${mock.url}/openid/connect/authorize`);
    const form = new URLSearchParams({ ...Object.fromEntries(authorizeUrl.searchParams), decision: "allow", ...changes });
    const back = new URL((await fetch(authorizeUrl, { method: "POST", body: form, redirect: "manual" })).headers.get("location"));
    assert.equal(`${back.origin}${back.pathname}`, `${ORIGIN}/slack/signin/callback`);
    return { path: `${back.pathname}${back.search}`, render: `/render/signin/callback${back.search}`, state: back.searchParams.get("state") };
  }

  test("a good sign-in: OpenID authorize URL with PKCE and the state's nonce, then the verified identity to render", async () => {
    const start = await worker("/slack/signin");
    const query = new URL(start.headers.get("location")).searchParams;
    assert.equal(query.get("response_type"), "code");
    assert.equal(query.get("scope"), "openid email profile");
    assert.equal(query.get("redirect_uri"), `${ORIGIN}/slack/signin/callback`);
    assert.equal(query.get("code_challenge_method"), "S256");
    const cookie = pairOf(start.headers.get("set-cookie"));
    assert.match(start.headers.get("set-cookie"), /^__Host-slack_oauth_[A-Za-z0-9_-]{16}=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    const { render, state } = await consent(start);
    assert.equal(query.get("nonce"), payloadOf(state).n, "the OpenID nonce is the state's own");

    const ok = await worker(render, { headers: { cookie } });
    assert.equal(ok.status, 200, await ok.clone().text());
    const { identity, tokens } = await ok.json();
    assert.equal(identity.nonce, payloadOf(state).n);
    assert.equal(identity.iss, "https://slack.com");
    assert.equal(identity.aud, MOCK_CLIENT_ID);
    assert.equal(typeof identity.sub, "string");
    assert.equal(typeof identity["https://slack.com/team_id"], "string");
    assert.ok(tokens.includes("access_token") && tokens.includes("id_token"));
    assert.match(ok.headers.get("set-cookie"), /Max-Age=0/, "the cookie is cleared");
    const [call] = tokenCalls();
    assert.equal(tokenCalls().length, 1);
    assert.equal(call.form.code_verifier, cookie.split("=")[1], "PKCE: the cookie's secret is the verifier");
    assert.equal(call.form.client_secret, undefined, "the secret travels as HTTP Basic, not in the body");
    assert.match(call.headers.authorization, /^Basic /);
  });

  test("without render, a plain page names who signed in; pkce=0 sends no challenge and no verifier", async () => {
    const start = await worker("/slack/signin?pkce=0");
    assert.equal(new URL(start.headers.get("location")).searchParams.get("code_challenge"), null);
    const { path } = await consent(start);
    const ok = await worker(path, { headers: { cookie: pairOf(start.headers.get("set-cookie")) } });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.match(await ok.text(), /<h1>Signed in as [^<]+<\/h1>/);
    assert.equal(tokenCalls()[0].form.code_verifier, undefined);
  });

  test("a replayed state is refused (state_used) and reaches Slack once", async () => {
    const start = await worker("/slack/signin");
    const { render } = await consent(start);
    const cookie = pairOf(start.headers.get("set-cookie"));
    assert.equal((await worker(render, { headers: { cookie } })).status, 200);
    const again = await worker(render, { headers: { cookie } });
    assert.equal(again.status, 409);
    assert.equal((await again.json()).error.code, "state_used");
    const reload = await worker(render); // the browser that signed in, its cookie cleared
    assert.equal((await reload.json()).error.code, "state_used");
    assert.equal(tokenCalls().length, 1);
  });

  test("another browser's cookie, or none, is refused (foreign_state) without spending the state", async () => {
    const [mine, theirs] = [await worker("/slack/signin"), await worker("/slack/signin")];
    const { render } = await consent(mine);
    for (const headers of [{}, { cookie: pairOf(theirs.headers.get("set-cookie")) },
      { cookie: `${pairOf(mine.headers.get("set-cookie")).split("=")[0]}=${pairOf(theirs.headers.get("set-cookie")).split("=")[1]}` }]) {
      const refused = await worker(render, { headers });
      assert.equal(refused.status, 400);
      assert.equal((await refused.json()).error.code, "foreign_state");
    }
    assert.equal(tokenCalls().length, 0, "nothing was sent to Slack");
    const ok = await worker(render, { headers: { cookie: pairOf(mine.headers.get("set-cookie")) } });
    assert.equal(ok.status, 200, "the foreign attempts spent nothing");
  });

  test("an id_token whose nonce is not the state's is refused (nonce_mismatch)", async () => {
    const start = await worker("/slack/signin");
    const { render } = await consent(start, { nonce: "another-sign-ins-nonce" });
    const refused = await worker(render, { headers: { cookie: pairOf(start.headers.get("set-cookie")) } });
    assert.deepEqual(pick((await refused.json()).error), { name: "EdgeOAuthError", code: "nonce_mismatch" });
    // Without render, the default page: 400 (the id_token's check is a validation error).
    const again = await worker("/slack/signin");
    const { path } = await consent(again, { nonce: "another-sign-ins-nonce" });
    const page = await worker(path, { headers: { cookie: pairOf(again.headers.get("set-cookie")) } });
    assert.equal(page.status, 400);
    assert.match(await page.text(), /verifySlackIdToken: nonce_mismatch/);
  });

  test("forged id_tokens are refused: another key, alg none, wrong audience, expired, altered", async () => {
    // A token endpoint answering with the id_token each case makes from the real one's claims.
    let forge;
    const forger = createServer((request, response) => {
      const body = JSON.stringify({ ok: true, access_token: "xoxp-forged", token_type: "Bearer", id_token: forge() });
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    });
    await new Promise((resolve) => forger.listen(0, "127.0.0.1", resolve));
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      ["bad_signature", (claims) => mock.keyring.sign(claims, { key: "foreign" })],
      ["unsupported_alg", (claims) => mock.keyring.sign(claims, { header: { alg: "none" } })],
      ["wrong_audience", (claims) => mock.keyring.sign({ ...claims, aud: "9999.9999" })],
      ["wrong_issuer", (claims) => mock.keyring.sign({ ...claims, iss: "https://evil.test" })],
      ["expired_id_token", (claims) => mock.keyring.sign({ ...claims, exp: now - 3600, iat: now - 7200 })],
      ["bad_signature", (claims) => { const [h, , s] = mock.keyring.sign(claims).split("."); return `${h}.${encode({ ...claims, sub: "U0ADMIN" })}.${s}`; }],
      ["unknown_key", (claims) => mock.keyring.sign(claims, { header: { kid: "not-published" } })],
      ["malformed_id_token", () => "not a jwt"],
    ];
    try {
      for (const [code, make] of cases) {
        const start = await worker("/slack/signin");
        const { render, state } = await consent(start);
        const claims = { iss: "https://slack.com", aud: MOCK_CLIENT_ID, sub: "U0MOCK", exp: now + 300, iat: now, nonce: payloadOf(state).n };
        forge = () => make(claims);
        const refused = await worker(render, { headers: { cookie: pairOf(start.headers.get("set-cookie")), "x-api-url": `http://127.0.0.1:${forger.address().port}/api/` } });
        assert.deepEqual(pick((await refused.json()).error), { name: "EdgeOAuthError", code }, code);
      }
    } finally {
      forger.close();
    }
  });
});

const pick = ({ name, code }) => ({ name, code });
const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
