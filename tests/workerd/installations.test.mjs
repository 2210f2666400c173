// edge-oauth/cloudflare inside workerd: installations-worker.mjs (bundled by wrangler, run by
// Miniflare with real KV and Durable Objects) against the mock. Covers issue 9's list: an
// enterprise rollout, one refresh for many concurrent callers (bot and user tokens), a refresh
// answer without expires_in, invalid_refresh_token and transient failures remembered, no token
// readable in KV, a key rotation, the state bound to the browser, signed events, uninstall and
// revoke.
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { issuedRefreshTokens } from "../mock/codes.mjs";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { bundle, miniflare } from "./harness.mjs";

const ORIGIN = "http://worker.test";
const SIGNING_SECRET = "installations-signing-secret-0123456789";
const K1 = `k1:${randomBytes(32).toString("base64url")}`;
const K2 = `k2:${randomBytes(32).toString("base64url")}`;
/** Anything that looks like a Slack token (`xoxb-`, `xoxp-`, `xoxe.`, `xoxe-1-`…): `.` and `-` never occur together with `xox` in base64url by chance often enough to matter at 5 characters. */
const TOKEN_SHAPE = /xox[a-z]?[.-]/;

/** A wrangler config for installations-worker.mjs, written to a temp dir. */
function workerConfig() {
  const path = join(mkdtempSync(join(tmpdir(), "edge-oauth-installations-")), "wrangler.toml");
  const main = new URL("./installations-worker.mjs", import.meta.url).pathname;
  writeFileSync(path, `name = "edge-oauth-installations"\nmain = ${JSON.stringify(main)}\ncompatibility_date = "2026-04-01"\n`);
  return path;
}

let mock, script, mf, kv;

/** The test Worker with `keys` as TOKEN_KEYS; `persist`: a directory for KV and Durable Objects,
 * kept across instances; `extra`: more bindings. */
function startWorker(keys = K1, persist, extra = {}) {
  return miniflare(script, {
    bindings: {
      ...extra,
      TOKEN_KEYS: keys,
      SLACK_CLIENT_ID: MOCK_CLIENT_ID,
      SLACK_CLIENT_SECRET: MOCK_CLIENT_SECRET,
      SLACK_API_URL: `${mock.url}/api/`,
      SLACK_AUTHORIZE_URL: `${mock.url}/oauth/v2/authorize`,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
    },
    kvNamespaces: ["SLACK_INSTALLATIONS"],
    durableObjects: { SLACK_TOKENS: { className: "SlackTokens", useSQLite: true } },
    ...(persist ? { kvPersist: join(persist, "kv"), durableObjectsPersist: join(persist, "do") } : {}),
  });
}

before(async () => {
  mock = await startMock();
  script = bundle(workerConfig());
  mf = startWorker();
  kv = await mf.getKVNamespace("SLACK_INSTALLATIONS");
});
after(async () => {
  await mf?.dispose();
  await mock?.close();
});
beforeEach(() => {
  mock.reset();
  // Tokens issued at install expire in 2 minutes: inside the store's 5-minute margin, so the
  // first use refreshes them. Refreshed ones live 12 hours.
  Object.assign(mock.settings, { tokenExpiresIn: 120, refreshExpiresIn: 43200 });
});

const on = (instance) => (path, init = {}) => instance.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
const worker = (path, init) => on(mf)(path, init);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET `path` on the Worker: `{ status, body }` with the JSON body. */
async function get(path, instance = mf) {
  const response = await on(instance)(path);
  return { status: response.status, body: await response.json() };
}

/** Has the Worker exchange `code` at the mock and store the answer; returns the installation. */
async function save(code, instance = mf) {
  const response = await on(instance)("/save", { method: "POST", body: JSON.stringify({ code }) });
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  return body;
}

/** `count` concurrent GETs of `path`: their `{ status, body }`. */
const many = (count, path) => Promise.all(Array.from({ length: count }, () => get(path)));

/** The refreshes that reached the mock, optionally only those spending a refresh token containing `part`. */
const refreshes = (part = "") =>
  mock.requests.filter((r) => r.path === "/api/oauth.v2.access" && r.form.grant_type === "refresh_token" && r.form.refresh_token.includes(part));
const exchanges = () => mock.requests.filter((r) => r.path === "/api/oauth.v2.access" && r.form.grant_type !== "refresh_token");

/** Every KV key and its value. */
async function kvDump(namespace = kv) {
  const { keys } = await namespace.list();
  return Object.fromEntries(await Promise.all(keys.map(async ({ name }) => [name, await namespace.get(name)])));
}

/** The KV keys of installation `id` (its record and its users' tokens). */
async function keysOf(id, namespace = kv) {
  const { keys } = await namespace.list({ prefix: `v1/installation/${id}` });
  return keys.map((key) => key.name).filter((name) => name === `v1/installation/${id}` || name.startsWith(`v1/installation/${id}/`));
}

/** Polls `check` until it returns true: KV writes within a second of the last one to a key land up to a second later.
 * `ms` only ends a hang: on a busy machine the queue behind the 1-per-second limit drains later. */
async function eventually(check, message, ms = 60_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(message);
    await sleep(50);
  }
}

/** KV deletions that installation `id`'s Durable Object made after its first `since` KV calls. */
const deletionsAfter = async (id, since) => (await get(`/kv-calls/${id}`)).body.slice(since).filter((call) => call.value === null);

/** Whether installation `id` has no key left in KV. */
const gone = (id) => async () => (await keysOf(id)).length === 0;

/** The refresh tokens the mock issued whose name contains `part`, oldest first. */
const issuedRefresh = (part) => [...issuedRefreshTokens(mock.store).keys()].filter((token) => token.includes(part));
/** The access token issued with a refresh token (rotatingPair gives both the same hex id). */
const accessOf = (refreshToken, kind) => `xoxe.${kind === "user" ? "xoxp" : "xoxb"}-1-mock-${refreshToken.split("-").at(-1)}`;

describe("an enterprise rollout", () => {
  test("20 workspace installs and the org-wide install in one enterprise: each found by its id, none overwriting another", async () => {
    const teams = Array.from({ length: 20 }, (_, i) => `T0ENT${String(i).padStart(2, "0")}`);
    await Promise.all(teams.slice(0, 10).map((team) => save(`enterprise-team~${team}`)));
    const orgWide = await save("enterprise~rollout");
    await Promise.all(teams.slice(10).map((team) => save(`enterprise-team~${team}`)));
    assert.equal(orgWide.id, "E0MOCK");

    const bots = new Set();
    for (const team of teams) {
      const { status, body } = await get(`/find/${team}`);
      assert.equal(status, 200, team);
      assert.deepEqual(
        { id: body.id, org: body.is_enterprise_install, team: body.team, enterprise: body.enterprise, users: body.users, bot: body.bot.rotating },
        { id: team, org: false, team: { id: team, name: `Workspace ${team}` }, enterprise: { id: "E0MOCK", name: "Mock Org" }, users: ["U0MOCK"], bot: false },
      );
      const bot = await get(`/bot/${team}`);
      assert.match(bot.body.access_token, /^xoxb-mock-/);
      assert.equal(bot.body.expires_at, null);
      bots.add(bot.body.access_token);
      assert.match((await get(`/user/${team}/U0MOCK`)).body.access_token, /^xoxp-mock-/);
    }
    const org = await get("/find/E0MOCK");
    assert.deepEqual(
      { id: org.body.id, org: org.body.is_enterprise_install, team: org.body.team, enterprise: org.body.enterprise },
      { id: "E0MOCK", org: true, team: null, enterprise: { id: "E0MOCK", name: "Mock Org" } },
      "the workspace installs saved after it did not overwrite the org-wide install",
    );
    bots.add((await get("/bot/E0MOCK")).body.access_token);
    assert.equal(bots.size, 21, "each installation has its own bot token");
    assert.equal((await get("/find/T0ENT99")).status, 404);
    assert.equal((await get("/find/not-an-id")).status, 404);
    const keys = Object.keys(await kvDump()).filter((key) => /\/(T0ENT|E0MOCK)/.test(key));
    assert.equal(keys.filter((key) => !key.includes("/user/")).length, 21, "one record per installation");
    assert.equal(keys.filter((key) => key.includes("/user/")).length, 20, "one user token per workspace");
  });
});

describe("rotating tokens", () => {
  test("20 concurrent requests for a rotating bot token and 20 for a rotating user token: one refresh each", async () => {
    await save("rotating-both~T0ROT");
    mock.reset();
    const [bots, users] = await Promise.all([many(20, "/bot/T0ROT"), many(20, "/user/T0ROT/U0MOCK")]);
    assert.deepEqual(bots.map((r) => r.status), Array(20).fill(200), JSON.stringify(bots[0].body));
    assert.deepEqual(users.map((r) => r.status), Array(20).fill(200), JSON.stringify(users[0].body));
    assert.equal(refreshes("-bot-T0ROT-").length, 1, "one refresh of the bot token reached Slack");
    assert.equal(refreshes("-user-T0ROT-").length, 1, "one refresh of the user token reached Slack");
    assert.equal(refreshes().length, 2);

    const [installedBot, rotatedBot] = issuedRefresh("-bot-T0ROT-");
    const [installedUser, rotatedUser] = issuedRefresh("-user-T0ROT-");
    assert.equal(refreshes("-bot-T0ROT-")[0].form.refresh_token, installedBot);
    assert.equal(refreshes("-user-T0ROT-")[0].form.refresh_token, installedUser);
    assert.deepEqual(new Set(bots.map((r) => r.body.access_token)), new Set([accessOf(rotatedBot, "bot")]), "all 20 got the new bot token");
    assert.deepEqual(new Set(users.map((r) => r.body.access_token)), new Set([accessOf(rotatedUser, "user")]), "all 20 got the new user token");
    // A request that arrives once the refresh is done gets the new token as it stands (refreshed: false).
    assert.ok(bots.some((r) => r.body.refreshed), "one of them waited for the refresh");
    assert.ok(bots.every((r) => r.body.expires_at > Date.now() + 11 * 3600_000), "all got the new pair's expiry");

    const [laterBots, laterUsers] = await Promise.all([many(20, "/bot/T0ROT"), many(20, "/user/T0ROT/U0MOCK")]);
    assert.ok(laterBots.every((r) => r.body.access_token === accessOf(rotatedBot, "bot") && r.body.refreshed === false));
    assert.ok(laterUsers.every((r) => r.body.access_token === accessOf(rotatedUser, "user") && r.body.refreshed === false));
    assert.equal(refreshes().length, 2, "a fresh token is not refreshed again");
  });

  test("a refresh answer with an odd expires_in keeps the new pair: a spent refresh token is never used again", async () => {
    const teams = { "expires-missing": "T0ODDA", "expires-string": "T0ODDB", "expires-zero": "T0ODDC", "expires-negative": "T0ODDD", "team-string": "T0ODDE" };
    for (const [behaviour, team] of Object.entries(teams)) {
      await save(`rotating-both~${team}~${behaviour}`);
      const first = await get(`/bot/${team}`);
      assert.equal(first.status, 200, `${behaviour}: ${JSON.stringify(first.body)}`);
      const [installed, rotated] = issuedRefresh(`-bot-${team}-`);
      assert.equal(first.body.access_token, accessOf(rotated, "bot"), `${behaviour}: the new pair's token is served`);
      const second = await get(`/bot/${team}`);
      assert.equal(second.status, 200, `${behaviour}: ${JSON.stringify(second.body)}`);
      const spent = refreshes(`-bot-${team}-`).map((r) => r.form.refresh_token);
      assert.equal(spent[0], installed);
      assert.equal(new Set(spent).size, spent.length, `${behaviour}: no refresh token is spent twice`);
      if (behaviour === "expires-string" || behaviour === "team-string") {
        assert.equal(spent.length, 1, "a usable lifetime (a numeric string too): the next use needs no refresh");
        assert.ok(second.body.expires_at > Date.now() + 11 * 3600_000);
      } else {
        assert.deepEqual(spent, [installed, rotated], `${behaviour}: an unusable lifetime means a refresh on the next use`);
      }
    }
  });

  test("a reinstall while a refresh is under way: the refresh's callers get the reinstall's pair, which is kept", async () => {
    await save("rotating-both~T0MID~stuck-refresh");
    mock.reset();
    const asked = get("/bot/T0MID");
    await eventually(() => refreshes("-bot-T0MID-").length === 1, "the refresh reached Slack", 30_000);
    mock.settings.tokenExpiresIn = 43200;
    await save("rotating-both~T0MID");
    const reinstalled = accessOf(issuedRefresh("-bot-T0MID-").at(-1), "bot");
    // The stuck refresh ends with the client's timeout; the object then finds a newer pair stored.
    const { status, body } = await asked;
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.access_token, reinstalled);
    assert.equal((await get("/bot/T0MID")).body.access_token, reinstalled, "the reinstall's pair is kept");
    assert.equal(refreshes("-bot-T0MID-").length, 1, "and needs no refresh");
  });

  test("a refresh cut off by a reset of the Durable Object is told apart from a revocation", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edge-oauth-reset-"));
    const first = startWorker(K1, dir);
    try {
      await save("rotating-both~T0CUT~stuck-refresh", first);
      mock.reset();
      on(first)("/bot/T0CUT").catch(() => null); // never answered: the instance goes first
      await eventually(() => refreshes("-bot-T0CUT-").length === 1, "the refresh reached Slack", 30_000);
    } finally {
      await first.dispose(); // Slack spent the refresh token; its answer never arrives
    }
    const second = startWorker(K1, dir);
    try {
      const { status, body } = await get("/bot/T0CUT", second);
      assert.equal(status, 409, JSON.stringify(body));
      assert.equal(body.error.code, "reinstall_required");
      assert.deepEqual(body.error.data, { error: "invalid_refresh_token", interrupted: true });
      assert.match(body.error.message, /was cut off \(the Durable Object was reset while Slack answered\)/);
      const [cut, retried] = refreshes("-bot-T0CUT-");
      assert.equal(retried.form.refresh_token, cut.form.refresh_token, "the kept pair was tried once more");
      // A revocation says so without the reset.
      await save("rotating-both~T0REVK~invalid-refresh", second);
      const revoked = (await get("/bot/T0REVK", second)).body.error;
      assert.deepEqual(revoked.data, { error: "invalid_refresh_token", interrupted: false });
      assert.doesNotMatch(revoked.message, /cut off/);
    } finally {
      await second.dispose();
    }
  });

  test("invalid_refresh_token: callers are told to reinstall at once, with no further call to Slack, until a reinstall", async () => {
    await save("rotating-both~T0INV~invalid-refresh");
    mock.reset();
    const first = await Promise.all([many(20, "/bot/T0INV"), many(20, "/user/T0INV/U0MOCK")]);
    assert.equal(refreshes("-bot-T0INV-").length, 1);
    assert.equal(refreshes("-user-T0INV-").length, 1);
    const more = await Promise.all([many(20, "/bot/T0INV"), many(20, "/user/T0INV/U0MOCK")]);
    assert.equal(refreshes().length, 2, "no further call to Slack");
    for (const { status, body } of [...first, ...more].flat()) {
      assert.equal(status, 409, JSON.stringify(body));
      assert.equal(body.error.code, "reinstall_required");
      assert.match(body.error.message, /invalid_refresh_token/);
    }
    // A reinstall gives a new pair and clears the failure.
    await save("rotating-both~T0INV");
    const bot = await get("/bot/T0INV");
    assert.equal(bot.status, 200, JSON.stringify(bot.body));
    assert.equal(bot.body.refreshed, true);
  });

  test("a transient failure (503) backs off instead of being retried per request", async () => {
    await save("rotating-both~T0BUSY~503");
    mock.reset();
    const burst = await many(20, "/bot/T0BUSY");
    assert.equal(refreshes("-bot-T0BUSY-").length, 1);
    for (const { status, body } of burst) {
      assert.equal(status, 503, JSON.stringify(body));
      assert.equal(body.error.retryAfter, 1);
    }
    const during = await many(20, "/bot/T0BUSY");
    assert.ok(during.every((r) => r.status === 503 && r.body.error.retryAfter >= 1));
    assert.equal(refreshes("-bot-T0BUSY-").length, 1, "no call while backing off");
    await sleep(1100);
    assert.equal((await get("/bot/T0BUSY")).status, 503);
    assert.equal(refreshes("-bot-T0BUSY-").length, 2, "one attempt once the backoff ended");
    const longer = await many(5, "/bot/T0BUSY");
    assert.ok(longer.every((r) => r.body.error.retryAfter === 2), "the next wait is longer");
    assert.equal(refreshes("-bot-T0BUSY-").length, 2);
  });
});

describe("tokens at rest", () => {
  test("no token is readable in the KV values: each is sealed under a named key", async () => {
    await save("enterprise-team~T0SEAL");
    await save("rotating-both~T0SEAL2");
    await save("good~seal");
    mock.settings.tokenExpiresIn = 43200;
    const served = [];
    for (const path of ["/bot/T0SEAL", "/user/T0SEAL/U0MOCK", "/bot/T0SEAL2", "/user/T0SEAL2/U0MOCK", "/bot/T0MOCK", "/user/T0MOCK/U0MOCK"]) {
      const { status, body } = await get(path);
      assert.equal(status, 200, path);
      served.push(body.access_token);
    }
    const dump = await kvDump();
    assert.ok(Object.keys(dump).length >= 6);
    const refreshTokens = issuedRefresh("T0SEAL2");
    assert.equal(refreshTokens.length, 4, "bot and user, from the install and from the refresh");
    for (const [key, value] of Object.entries(dump)) {
      assert.ok(!TOKEN_SHAPE.test(value), `${key} holds something token-shaped: ${value}`);
      for (const token of [...served, ...refreshTokens]) assert.ok(!value.includes(token), `${key} holds a token`);
    }
    const record = JSON.parse(dump["v1/installation/T0SEAL"]);
    assert.deepEqual(Object.keys(record.bot.sealed).sort(), ["ct", "iv", "kid"]);
    assert.equal(record.bot.sealed.kid, "k1");
    assert.equal(JSON.parse(dump["v1/installation/T0SEAL/user/U0MOCK"]).sealed.kid, "k1");
    assert.equal(JSON.parse(dump["v1/installation/T0SEAL2"]).bot.sealed, undefined, "a rotating token lives in the Durable Object");
    // There too, sealed: the refresh tokens as much as the access tokens.
    const stored = (await get("/do-storage/T0SEAL2")).body;
    assert.deepEqual(Object.keys(stored).filter((key) => /^(bot|user:)/.test(key)).sort(), ["bot", "user:U0MOCK"]);
    for (const [key, value] of Object.entries(stored)) {
      const text = JSON.stringify(value);
      assert.ok(!TOKEN_SHAPE.test(text), `${key} holds something token-shaped: ${text}`);
      for (const token of [...served, ...refreshTokens]) assert.ok(!text.includes(token), `${key} holds a token`);
    }
    assert.equal(stored.bot.sealed.kid, "k1");
  });

  test("a key retired: what is read under the new ring is sealed again under the new key; the rest is key_missing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "edge-oauth-rotation-"));
    const kidOf = async (instance, key) => {
      const value = JSON.parse(await (await instance.getKVNamespace("SLACK_INSTALLATIONS")).get(key));
      return (value.bot ?? value).sealed.kid;
    };
    const doKid = async (id, instance) => (await get(`/do-storage/${id}`, instance)).body.bot.sealed.kid;
    const tokens = async (id, instance) => [(await get(`/bot/${id}`, instance)).body.access_token, (await get(`/user/${id}/U0MOCK`, instance)).body.access_token];
    const resealed = (instance, keys) => eventually(async () => {
      for (const key of keys) if ((await kidOf(instance, key)) !== "k2") return false;
      return true;
    }, `${keys} sealed again under k2`);

    const old = startWorker(K1, dir);
    let oldTokens;
    try {
      mock.settings.tokenExpiresIn = 43200;
      await save("enterprise-team~T0OLD", old);
      await save("enterprise-team~T0COLD", old);
      await save("rotating-both~T0ROTK", old);
      oldTokens = await tokens("T0OLD", old);
      assert.equal(await kidOf(old, "v1/installation/T0OLD"), "k1");
      assert.equal(await doKid("T0ROTK", old), "k1");
    } finally {
      await old.dispose();
    }

    const rotated = startWorker(`${K2},${K1}`, dir);
    try {
      assert.deepEqual(await tokens("T0OLD", rotated), oldTokens, "the old record is read with the old key");
      await resealed(rotated, ["v1/installation/T0OLD", "v1/installation/T0OLD/user/U0MOCK"]);
      assert.deepEqual(await tokens("T0OLD", rotated), oldTokens, "and reads the same under the new one");
      assert.equal((await get("/bot/T0ROTK", rotated)).status, 200);
      assert.equal(await doKid("T0ROTK", rotated), "k2", "a rotating pair is sealed again too");
      await save("enterprise-team~T0NEW", rotated);
      assert.equal(await kidOf(rotated, "v1/installation/T0NEW"), "k2");
      assert.equal(await kidOf(rotated, "v1/installation/T0COLD"), "k1", "a record nobody read keeps its key");
    } finally {
      await rotated.dispose();
    }

    const dropped = startWorker(K2, dir);
    try {
      assert.deepEqual(await tokens("T0OLD", dropped), oldTokens, "k1 is retired: what was read lives on");
      assert.equal((await get("/bot/T0ROTK", dropped)).status, 200);
      assert.match((await get("/bot/T0NEW", dropped)).body.access_token, /^xoxb-mock-/);
      const unreadable = await get("/bot/T0COLD", dropped);
      assert.equal(unreadable.status, 500);
      assert.deepEqual({ name: unreadable.body.error.name, code: unreadable.body.error.code }, { name: "SlackFlowError", code: "key_missing" });
      assert.match(unreadable.body.error.message, /sealed with key "k1", which TOKEN_KEYS no longer lists/);
    } finally {
      await dropped.dispose();
    }
  });
});

/** Writes `key` through installation `id`'s Durable Object, as the store does. */
async function kvWrite(id, key, value, instance = mf) {
  const response = await on(instance)(`/kv-write/${id}`, { method: "POST", body: JSON.stringify({ key, value }) });
  assert.equal(response.status, 200);
}

/**
 * The KV calls installation `id`'s Durable Object made, once they have settled: no two calls of
 * a key overlap, each starts at least a second after the one before it ended, and each key's last
 * call wrote `expected[key]`. Returns the calls.
 */
async function settledKvCalls(id, expected, instance = mf) {
  let calls = [];
  await eventually(async () => {
    calls = await (await on(instance)(`/kv-calls/${id}`)).json();
    return calls.every((call) => call.end) && Object.entries(expected).every(([key, value]) => calls.findLast((c) => c.key === key)?.value === value);
  }, `the last values land: ${JSON.stringify(expected)}`);
  await drained(id, instance); // and nothing lands after them
  calls = await (await on(instance)(`/kv-calls/${id}`)).json();
  for (const key of Object.keys(expected)) assert.equal(calls.findLast((call) => call.key === key).value, expected[key], `${key}: the last value lands last`);
  assertSpaced(calls);
  return calls;
}

/** Waits until installation `id`'s Durable Object has no KV write queued and no KV call under
 * way: from then on nothing lands unless something new is written. */
async function drained(id, instance = mf) {
  await eventually(async () => {
    const [stored, calls] = await Promise.all([on(instance)(`/do-storage/${id}`), on(instance)(`/kv-calls/${id}`)].map(async (r) => (await r).json()));
    return Object.keys(stored["kv-pending"] ?? {}).length === 0 && calls.every((call) => call.end);
  }, `${id}: every queued KV write has landed`);
}

/** No two KV calls of a key overlap, and each starts a second or more after the one before ended. */
function assertSpaced(calls) {
  for (const key of new Set(calls.map((call) => call.key))) {
    const ofKey = calls.filter((call) => call.key === key);
    for (let i = 1; i < ofKey.length; i++) {
      assert.ok(ofKey[i].start - ofKey[i - 1].end >= 1000, `${key}: calls ${ofKey[i].start - ofKey[i - 1].end} ms apart: ${JSON.stringify(ofKey)}`);
    }
  }
}

test("KV writes go through the installation's Durable Object: never two to one key within a second, the last value kept", async () => {
  const [a, b] = ["test/gap/a", "test/gap/b"];
  await kvWrite("T0GAP", a, "a1"); // written at once
  await sleep(300);
  await kvWrite("T0GAP", b, "b1"); // written at once
  await sleep(100);
  await kvWrite("T0GAP", a, "a-skipped"); // held back, then replaced by a2
  await kvWrite("T0GAP", a, "a2");
  await sleep(100);
  await kvWrite("T0GAP", b, "b2"); // held back: b was written just now, though a's turn comes sooner
  const calls = await settledKvCalls("T0GAP", { [a]: "a2", [b]: "b2" });
  assert.deepEqual(calls.map((call) => call.value), ["a1", "b1", "a2", "b2"], "a value replaced while held back is never written");
  assert.deepEqual([await kv.get(a), await kv.get(b)], ["a2", "b2"]);
});

test("members of one workspace authorizing at the same moment: every user's token is kept", async () => {
  await save("enterprise-team~T0MANY");
  const members = Array.from({ length: 8 }, (_, i) => `U0M${i}`);
  await Promise.all(members.map((user) => save(`member~T0MANY~${user}`)));
  const users = async () => [...(await get("/find/T0MANY")).body.users].sort();
  const all = ["U0MOCK", ...members].sort();
  // The record's last write is held back up to a second by the 1-per-second limit.
  await eventually(async () => (await users()).length >= all.length, "every save's user lands");
  await drained("T0MANY"); // and no write still queued takes one away
  assert.deepEqual(await users(), all, "no save dropped another's user");
  assert.match((await get("/bot/T0MANY")).body.access_token, /^xoxb-mock-/, "a user-only save keeps the bot");
  for (const user of members) assert.match((await get(`/user/T0MANY/${user}`)).body.access_token, /^xoxp-mock-/, user);
});

test("two writes of one key at the same moment: one goes at once, the other a second later", async () => {
  const key = "test/gap/same-moment";
  await Promise.all([kvWrite("T0SAME", key, "first"), kvWrite("T0SAME", key, "second")]);
  let calls = [];
  await eventually(async () => {
    calls = await (await worker("/kv-calls/T0SAME")).json();
    return calls.length === 2 && calls.every((call) => call.end);
  }, "both values land");
  assertSpaced(calls);
});

test("with KV writes as slow as production's (300 ms): no save is lost, no older value lands over a newer", async () => {
  const slow = startWorker(K1, undefined, { KV_WRITE_DELAY_MS: "300" });
  const slowKv = await slow.getKVNamespace("SLACK_INSTALLATIONS");
  try {
    assert.equal((await on(slow)("/save", { method: "POST", body: JSON.stringify({ code: "enterprise-team~T0SLOW" }) })).status, 200);
    // Saves arrive while earlier writes of the record are still on their way to KV.
    const members = Array.from({ length: 12 }, (_, i) => `U0S${String(i).padStart(2, "0")}`);
    const saves = [];
    for (const user of members) {
      saves.push(on(slow)("/save", { method: "POST", body: JSON.stringify({ code: `member~T0SLOW~${user}` }) }));
      await sleep(100);
    }
    assert.deepEqual((await Promise.all(saves)).map((r) => r.status), members.map(() => 200));
    // Two keys queued together land from one alarm; a key written again meanwhile keeps its last value.
    for (const [key, value] of [["test/a", "1"], ["test/b", "1"], ["test/a", "2"], ["test/b", "2"]]) await kvWrite("T0SLOW2", key, value, slow);
    await sleep(1500); // the alarm is landing a, then b
    await kvWrite("T0SLOW2", "test/b", "3", slow);
    await settledKvCalls("T0SLOW2", { "test/a": "2", "test/b": "3" }, slow);
    assert.deepEqual([await slowKv.get("test/a"), await slowKv.get("test/b")], ["2", "3"], "the last values, not older ones");
    await settledKvCalls("T0SLOW", {}, slow);
    const { users } = await (await on(slow)("/find/T0SLOW")).json();
    assert.deepEqual([...users].sort(), ["U0MOCK", ...members].sort(), "every member's save is kept");
  } finally {
    await slow.dispose();
  }
});

test("a KV write slower than a second: the next value of its key waits for it, then lands last", async () => {
  const slow = startWorker(K1, undefined, { KV_WRITE_DELAY_MS: "1500,10" });
  try {
    const first = kvWrite("T0LAG", "test/lag", "v1", slow); // its call takes 1.5 s
    await sleep(100);
    await kvWrite("T0LAG", "test/lag", "v2", slow); // comes in during that call: queued behind it
    await first;
    await settledKvCalls("T0LAG", { "test/lag": "v2" }, slow);
    assert.equal(await (await slow.getKVNamespace("SLACK_INSTALLATIONS")).get("test/lag"), "v2");
  } finally {
    await slow.dispose();
  }
});

describe("the install flow, bound to the browser", () => {
  /** Follows the Worker's redirect to the mock's authorize page and allows; returns the callback path with its code and state. */
  async function authorize(install, origin = ORIGIN) {
    assert.equal(install.status, 302);
    const authorizeUrl = new URL(install.headers.get("location"));
    assert.equal(`${authorizeUrl.origin}${authorizeUrl.pathname}`, `${mock.url}/oauth/v2/authorize`);
    assert.match(await (await fetch(authorizeUrl)).text(), /Allow/);
    const form = new URLSearchParams({ ...Object.fromEntries(authorizeUrl.searchParams), decision: "allow" });
    const back = new URL((await fetch(authorizeUrl, { method: "POST", body: form, redirect: "manual" })).headers.get("location"));
    assert.equal(`${back.origin}${back.pathname}`, `${origin}/slack/oauth_redirect`);
    assert.ok(back.searchParams.get("code") && back.searchParams.get("state"));
    return `${back.pathname}${back.search}`;
  }
  const cookieOf = (response) => response.headers.get("set-cookie").split(";")[0];

  test("a state taken from browser A and used in browser B is refused with no exchange; with A's cookie it installs once", async () => {
    const installA = await worker("/slack/install");
    const setCookie = installA.headers.get("set-cookie");
    assert.match(setCookie, /^__Host-slack_oauth_[A-Za-z0-9_-]{16}=[A-Za-z0-9_-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    const callback = await authorize(installA);
    const cookieA = cookieOf(installA);

    const inB = await worker(callback);
    assert.equal(inB.status, 400);
    assert.match(await inB.text(), /started in another browser/);
    const cookieC = cookieOf(await worker("/slack/install")); // browser B's own flow, in progress
    const withOtherCookie = await worker(callback, { headers: { cookie: cookieC } });
    assert.equal(withOtherCookie.status, 400);
    assert.equal(exchanges().length, 0, "the mock saw no oauth.v2.access");

    const inA = await worker(callback, { headers: { cookie: `other=1; ${cookieA}` } });
    const html = await inA.text();
    assert.equal(inA.status, 200, html);
    assert.match(html, /Installed into Mock Workspace/);
    assert.ok(!TOKEN_SHAPE.test(html), "no token on the page");
    const cleared = inA.headers.get("set-cookie");
    assert.match(cleared, new RegExp(`^${cookieA.split("=")[0]}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure$`));
    assert.equal(exchanges().length, 1);
    assert.equal(exchanges()[0].form.redirect_uri, `${ORIGIN}/slack/oauth_redirect`);
    assert.equal((await get("/find/T0MOCK")).body.installer_user_id, "U0MOCK");

    const replay = await worker(callback, { headers: { cookie: cookieA } });
    assert.equal(replay.status, 409);
    assert.match(await replay.text(), /already used/);
    assert.equal(exchanges().length, 1, "a replay spends nothing");
  });

  test("on localhost the cookie is not Secure; with PKCE its verifier goes to the exchange", async () => {
    const local = (path, init = {}) => mf.dispatchFetch(`http://localhost${path}`, { redirect: "manual", ...init });
    const install = await local("/slack/install?pkce=1");
    assert.match(install.headers.get("set-cookie"), /; HttpOnly; SameSite=Lax$/);
    assert.equal(new URL(install.headers.get("location")).searchParams.get("code_challenge_method"), "S256");
    const callback = await authorize(install, "http://localhost");
    const response = await local(callback, { headers: { cookie: cookieOf(install) } });
    assert.equal(response.status, 200, await response.clone().text());
    assert.match(exchanges().at(-1).form.code_verifier, /^[A-Za-z0-9_-]{43,128}$/);
    assert.match(response.headers.get("set-cookie"), /Max-Age=0; HttpOnly; SameSite=Lax$/);
  });

  test("an install route mounted elsewhere sets the cookie for the whole host (__Host-), where the callback gets it", async () => {
    const install = await worker("/integrations/slack/install");
    assert.match(install.headers.get("set-cookie"), /; Path=\/; /);
    const callback = await authorize(install);
    const response = await worker(callback, { headers: { cookie: cookieOf(install) } });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(exchanges().length, 1);
  });

  test("a redirectUri on another host than the install route is refused with a page that says why", async () => {
    const response = await worker(`/slack/install?redirect_uri=${encodeURIComponent("https://elsewhere.test/slack/oauth_redirect")}`);
    assert.equal(response.status, 500);
    assert.equal(response.headers.get("set-cookie"), null);
    assert.match(await response.text(), /redirectUri is on another origin/);
  });

  test("a store that cannot save (TOKEN_KEYS unreadable) is found before Slack's code or the state is spent", async () => {
    const broken = startWorker("k1:too-short");
    try {
      const install = await on(broken)("/slack/install");
      const callback = await authorize(install);
      const response = await on(broken)(callback, { headers: { cookie: cookieOf(install) } });
      const html = await response.text();
      assert.equal(response.status, 500, html);
      assert.match(html, /could not store the installation/);
      assert.doesNotMatch(html, /TOKEN_KEYS|too-short/, "the page does not show the settings");
      assert.equal(exchanges().length, 0, "Slack's code is not spent");
      assert.match(response.headers.get("set-cookie"), /Max-Age=0/, "the state's cookie is cleared");
      // Once TOKEN_KEYS is mended, the same link still installs.
      const mended = startWorker();
      try {
        const again = await on(mended)(callback, { headers: { cookie: cookieOf(install) } });
        assert.equal(again.status, 200, await again.text());
      } finally {
        await mended.dispose();
      }
    } finally {
      await broken.dispose();
    }
  });

  test("a forged state is refused before any exchange", async () => {
    const install = await worker("/slack/install");
    const callback = new URL(await authorize(install), ORIGIN);
    const [payload] = callback.searchParams.get("state").split(".");
    callback.searchParams.set("state", `${payload}.${"A".repeat(43)}`);
    const response = await worker(`${callback.pathname}${callback.search}`, { headers: { cookie: cookieOf(install) } });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /not a state this app signed/);
    assert.equal(exchanges().length, 0);
  });

  test("the ledger of spent states forgets a state once it has expired, and only then", async () => {
    const consume = async (nonce, expiresAt) =>
      (await worker("/consume", { method: "POST", body: JSON.stringify({ nonce, expiresAt }) })).json();
    const now = Math.floor(Date.now() / 1000);
    const [live, recent, expired, later] = Array.from({ length: 4 }, () => randomBytes(16).toString("hex"));
    assert.equal(await consume(live, now + 600), true);
    assert.equal(await consume(live, now + 600), false, "a live state is spent once");
    // Expired over a minute ago (past the clock grace): the alarm it sets rings at once.
    assert.equal(await consume(expired, now - 120), true);
    await eventually(async () => (await consume(expired, now - 120)) === true, "the expired state's nonce is forgotten");
    assert.equal(await consume(live, now + 600), false, "the live one is still remembered");
    // Expired 30 s ago: within the minute's grace for a Worker whose clock is behind.
    assert.equal(await consume(recent, now - 30), true);
    // Another expired state, spent after it: once that one is forgotten, an alarm has run since.
    assert.equal(await consume(later, now - 120), true);
    await eventually(async () => (await consume(later, now - 120)) === true, "the alarm runs again");
    assert.equal(await consume(recent, now - 30), false, "a state expired within the grace is still remembered");
  });
});

/** POSTs `payload` to /slack/events, signed with `secret` at `timestamp` (seconds) unless `unsigned`; `body` overrides what is sent.
 * `awaited`: without the Worker's ctx, so the event is applied before the answer; `instance`: another Worker. */
function event(payload, { secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000), unsigned = false, body, awaited, headers: extra, instance = mf } = {}) {
  const signed = JSON.stringify(payload);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${signed}`).digest("hex")}`;
  const headers = unsigned ? {} : { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
  const init = { method: "POST", headers: { "content-type": "application/json", ...headers, ...extra }, body: body ?? signed };
  return on(instance)(`/slack/events${awaited ? "?awaited=1" : ""}`, init);
}

describe("Slack's events", () => {
  const uninstalled = (team, { enterprise = "E0MOCK", org = false } = {}) => ({
    type: "event_callback", team_id: team, enterprise_id: enterprise, is_enterprise_install: org,
    authorizations: [{ team_id: team, enterprise_id: enterprise, is_enterprise_install: org }],
    event: { type: "app_uninstalled" },
  });
  const revoked = (team, tokens) => ({
    type: "event_callback", team_id: team, enterprise_id: "E0MOCK",
    authorizations: [{ team_id: team, enterprise_id: "E0MOCK", is_enterprise_install: false }],
    event: { type: "tokens_revoked", tokens },
  });

  test("signed requests are answered; unsigned, forged and stale ones are refused and change nothing", async () => {
    await save("enterprise-team~T0EVT");
    const challenge = await event({ type: "url_verification", challenge: "challenge-3f9a", token: "legacy" });
    assert.equal(challenge.status, 200);
    assert.deepEqual(await challenge.json(), { challenge: "challenge-3f9a" });

    const payload = uninstalled("T0EVT");
    const now = Math.floor(Date.now() / 1000);
    const refusals = [
      ["unsigned", { unsigned: true }, "missing_signature"],
      ["signed with another secret", { secret: "another-signing-secret-0123456789" }, "invalid_signature"],
      ["a body other than the one signed", { body: JSON.stringify(uninstalled("T0OTHER")) }, "invalid_signature"],
      ["stale (6 minutes old)", { timestamp: now - 360 }, "stale_request"],
      ["from the future (6 minutes ahead)", { timestamp: now + 360 }, "stale_request"],
    ];
    for (const [name, options, code] of refusals) {
      const response = await event(payload, options);
      assert.equal(response.status, 401, name);
      assert.deepEqual(await response.json(), { ok: false, error: code }, name);
    }
    const malformed = await worker("/slack/events", {
      method: "POST", body: JSON.stringify(payload), headers: { "x-slack-request-timestamp": String(now), "x-slack-signature": "v0=not-hex" },
    });
    assert.equal(malformed.status, 401);
    // No refused request reached the store: nothing is queued, nothing was deleted.
    await drained("T0EVT");
    assert.deepEqual(await deletionsAfter("T0EVT", 0), []);
    assert.equal((await get("/find/T0EVT")).status, 200);
    assert.equal((await keysOf("T0EVT")).length, 2);

    const accepted = await event(payload);
    assert.equal(accepted.status, 200);
    await eventually(gone("T0EVT"), "app_uninstalled deletes the installation and its users' tokens");
    assert.equal((await get("/find/T0EVT")).status, 404);
    assert.equal((await get("/bot/T0EVT")).status, 404);
  });

  test("app_uninstalled of the org-wide install deletes it alone; of a workspace, that workspace alone", async () => {
    await save("enterprise~events");
    await save("enterprise-team~T0WSA");
    await save("enterprise-team~T0WSB");
    // Slack delivers an org-wide uninstall through one of the enterprise's workspaces.
    assert.equal((await event(uninstalled("T0WSA", { org: true }))).status, 200);
    await eventually(gone("E0MOCK"), "the org-wide install is deleted");
    assert.equal((await get("/find/T0WSA")).status, 200);
    assert.equal((await get("/find/T0WSB")).status, 200);

    assert.equal((await event(uninstalled("T0WSA"))).status, 200);
    await eventually(gone("T0WSA"), "the workspace install is deleted");
    await drained("T0WSA"); // past any write still pending
    assert.equal((await get("/find/T0WSB")).status, 200, "its sibling stays");
    assert.match((await get("/bot/T0WSB")).body.access_token, /^xoxb-mock-/);
  });

  test("tokens_revoked deletes the listed tokens only, however quickly the events follow one another", async () => {
    mock.settings.tokenExpiresIn = 43200;
    await save("enterprise-team~T0REV");
    assert.equal((await event(revoked("T0REV", { oauth: ["U0MOCK"] }), { awaited: true })).status, 200);
    assert.equal((await event(revoked("T0REV", { bot: ["U0MOCKBOT"] }), { awaited: true })).status, 200);
    await drained("T0REV"); // every write queued behind the 1-per-second limit has landed
    const record = await get("/find/T0REV");
    assert.equal(record.status, 200, "the installation stays");
    assert.deepEqual({ bot: record.body.bot, users: record.body.users }, { bot: null, users: [] }, "both revocations are kept");
    assert.equal((await get("/bot/T0REV")).status, 404);
    assert.equal((await get("/user/T0REV/U0MOCK")).status, 404);
    assert.deepEqual(await keysOf("T0REV"), ["v1/installation/T0REV"]);
  });

  test("a token revoked while its refresh is in flight does not come back", async () => {
    await save("rotating-both~T0RACE~slow-refresh");
    mock.reset();
    const asked = get("/bot/T0RACE");
    await eventually(() => refreshes("-bot-T0RACE-").length === 1, "the refresh reached Slack");
    assert.equal((await event(revoked("T0RACE", { bot: ["U0MOCKBOT"] }), { awaited: true })).status, 200);
    assert.equal((await asked).status, 404, "not handed a token revoked meanwhile");
    assert.deepEqual((await get("/do-token/T0RACE/bot")).body, {}, "the Durable Object did not store the refreshed pair");
    assert.equal((await get("/bot/T0RACE")).status, 404);
    assert.equal(refreshes().length, 1);
  });

  test("on uninstall Slack sends tokens_revoked then app_uninstalled: rotating tokens are forgotten at once, the installation deleted", async () => {
    mock.settings.tokenExpiresIn = 43200;
    await save("rotating-both~T0GONE");
    assert.equal((await get("/bot/T0GONE")).status, 200);
    assert.equal((await event(revoked("T0GONE", { oauth: ["U0MOCK"], bot: ["U0MOCKBOT"] }), { awaited: true })).status, 200);
    assert.equal((await get("/bot/T0GONE")).status, 404, "the Durable Object forgot the bot token");
    assert.equal((await get("/user/T0GONE/U0MOCK")).status, 404, "and the user token");
    assert.equal((await event(uninstalled("T0GONE"))).status, 200);
    await eventually(gone("T0GONE"), "the installation is deleted from KV");
    await drained("T0GONE");
    assert.deepEqual(await keysOf("T0GONE"), [], "and stays deleted");
    assert.equal(refreshes().length, 0);
  });
});

describe("Slack's events, applied once and never over a newer install", () => {
  const uninstall = (team, id, offset = 1, extra = {}) => ({
    type: "event_callback", team_id: team, enterprise_id: "E0MOCK", event_id: id, event_time: Math.floor(Date.now() / 1000) + offset,
    authorizations: [{ team_id: team, enterprise_id: "E0MOCK", is_enterprise_install: false }], event: { type: "app_uninstalled" }, ...extra,
  });
  const revoke = (team, id, tokens, offset) => ({ ...uninstall(team, id, offset), event: { type: "tokens_revoked", tokens } });
  const callsOf = async (id) => (await get(`/kv-calls/${id}`)).body;

  test("an app_uninstalled delivered twice, and replayed after a reinstall, deletes only the install before it", async () => {
    await save("enterprise-team~T0DUP");
    const first = uninstall("T0DUP", "Ev0DUP1");
    assert.equal((await event(first)).status, 200);
    await eventually(async () => (await keysOf("T0DUP")).length === 0, "the installation is deleted");
    // Slack's retry of the same event, then a reinstall, then the same event replayed.
    assert.equal((await event(first, { awaited: true, headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } })).status, 200);
    await sleep(Math.max(0, first.event_time * 1000 + 10 - Date.now())); // the reinstall comes after the event
    await save("enterprise-team~T0DUP");
    const since = (await callsOf("T0DUP")).length;
    assert.equal((await event(first, { awaited: true })).status, 200);
    // Another event id, stamped before the reinstall: stale.
    assert.equal((await event(uninstall("T0DUP", "Ev0DUP2", -5), { awaited: true })).status, 200);
    assert.deepEqual(await deletionsAfter("T0DUP", since), [], "nothing of the new installation is deleted");
    // What the object last wrote of each key is what KV will hold once its writes land.
    const latest = (await get("/do-storage/T0DUP")).body;
    for (const key of ["v1/installation/T0DUP", "v1/installation/T0DUP/user/U0MOCK"]) assert.notEqual(latest[`kv:${key}`], null, key);
    await eventually(async () => (await get("/bot/T0DUP")).status === 200, "the reinstall's record lands");
    // A new event after the reinstall still applies.
    assert.equal((await event(uninstall("T0DUP", "Ev0DUP3"), { awaited: true })).status, 200);
    await eventually(async () => (await keysOf("T0DUP")).length === 0, "a newer event deletes it");
  });

  test("a tokens_revoked older than the token it names keeps that token; a newer one deletes it", async () => {
    mock.settings.tokenExpiresIn = 43200;
    await save("rotating-both~T0RVS");
    const since = (await callsOf("T0RVS")).length;
    assert.equal((await event(revoke("T0RVS", "Ev0RVS1", { bot: ["U0MOCKBOT"], oauth: ["U0MOCK"] }, -5), { awaited: true })).status, 200);
    assert.equal((await get("/bot/T0RVS")).status, 200, "the bot token stays");
    assert.equal((await get("/user/T0RVS/U0MOCK")).status, 200, "the user token stays");
    assert.deepEqual(await deletionsAfter("T0RVS", since), []);
    assert.equal((await event(revoke("T0RVS", "Ev0RVS2", { bot: ["U0MOCKBOT"] }), { awaited: true })).status, 200);
    assert.equal((await get("/bot/T0RVS")).status, 404);
    assert.equal((await get("/user/T0RVS/U0MOCK")).status, 200, "a token not listed stays");
  });

  test("Slack gets its answer before the store's work: a KV write that never ends does not hold it", async () => {
    // The save's two KV calls land at once; the deletion's first hangs for 10 minutes.
    const stuck = startWorker(K1, undefined, { KV_WRITE_DELAY_MS: "0,0,600000" });
    try {
      await save("enterprise-team~T0SLOW", stuck);
      const response = await event(uninstall("T0SLOW", "Ev0SLOW"), { instance: stuck });
      assert.equal(response.status, 200);
      await eventually(async () => {
        const calls = await (await on(stuck)("/kv-calls/T0SLOW")).json();
        return calls.some((call) => call.value === null && call.end === undefined);
      }, "the deletion's KV call is under way, and not over", 30_000);
    } finally {
      await stuck.dispose();
    }
  });

  test("an org-wide app_uninstalled without authorizations finds the enterprise's installation", async () => {
    await save("enterprise~noauth");
    const payload = uninstall("T0WSX", "Ev0ORG", 1, { authorizations: undefined });
    assert.equal((await event(payload, { awaited: true })).status, 200);
    await eventually(gone("E0MOCK"), "the org-wide install is deleted");
  });

  test("the signature is checked over the body's bytes as sent; a body already read is the documented error", async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const body = Buffer.concat([Buffer.from('{"type":"url_verification","challenge":"c-'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const mac = createHmac("sha256", SIGNING_SECRET).update(Buffer.concat([Buffer.from(`v0:${timestamp}:`), body])).digest("hex");
    const headers = { "x-slack-request-timestamp": timestamp, "x-slack-signature": `v0=${mac}` };
    const response = await worker("/slack/events", { method: "POST", headers, body });
    assert.equal(response.status, 200, "not UTF-8, yet what Slack signed");
    assert.deepEqual(await response.json(), { challenge: "c-\ufffd\ufffd" });
    const read = await worker("/verify-read", { method: "POST", headers, body });
    assert.equal(read.status, 500);
    assert.deepEqual((await read.json()).error.code, "body_used");
  });

  test("refreshMarginSeconds is 0 to 3600 seconds; anything else is refused when the store is made", async () => {
    for (const good of [0, 300, 3600, 59.5]) assert.equal((await get(`/margin/${JSON.stringify(good)}`)).status, 200, String(good));
    for (const bad of ["5m", -1, 3601, null, "300", true]) {
      const { status, body } = await get(`/margin/${encodeURIComponent(JSON.stringify(bad))}`);
      assert.equal(status, 500, String(bad));
      assert.deepEqual({ name: body.error.name, message: body.error.message }, { name: "RangeError", message: "refreshMarginSeconds must be a number of seconds from 0 to 3600" });
    }
  });

  test("only an install names the installer; a member's own authorization is the last authorizer", async () => {
    await save("enterprise-team~T0WHO");
    await save("member~T0WHO~U0OTHER");
    await eventually(async () => (await get("/find/T0WHO")).body.users.length === 2, "the member's save lands");
    const { body } = await get("/find/T0WHO");
    assert.deepEqual({ installer: body.installer_user_id, last: body.last_authorizer_user_id }, { installer: "U0MOCK", last: "U0OTHER" });
    assert.ok(Date.parse(body.updated_at) >= Date.parse(body.installed_at));
  });
});

describe("uninstall", () => {
  test("store.uninstall revokes every token at Slack, then deletes the installation", async () => {
    mock.settings.tokenExpiresIn = 43200;
    await save("enterprise-team~T0BYE");
    await save("rotating-both~T0BYE2");
    const tokensOf = async (id) => [(await get(`/bot/${id}`)).body.access_token, (await get(`/user/${id}/U0MOCK`)).body.access_token];
    const plain = await tokensOf("T0BYE");
    const rotating = await tokensOf("T0BYE2");
    mock.reset();
    for (const [id, tokens] of [["T0BYE", plain], ["T0BYE2", rotating]]) {
      const response = await worker(`/uninstall/${id}`, { method: "POST" });
      assert.deepEqual(await response.json(), { uninstalled: true }, id);
      const revokedTokens = mock.requests.filter((r) => r.path === "/api/auth.revoke").map((r) => r.headers.authorization);
      for (const token of tokens) assert.ok(revokedTokens.includes(`Bearer ${token}`), `${id}: ${token} revoked`);
      await eventually(gone(id), `${id} is deleted from KV`);
      assert.equal((await get(`/bot/${id}`)).status, 404);
      assert.deepEqual(await (await worker(`/uninstall/${id}`, { method: "POST" })).json(), { uninstalled: false });
    }
    assert.equal(mock.requests.filter((r) => r.path === "/api/auth.revoke").length, 4);
    assert.equal(refreshes().length, 0);
  });
});
