// The pure parts of edge-oauth/cloudflare, natively: when a rotating token is refreshed, what a
// refresh answer must hold, how failures are remembered, and tokens sealed under rotating keys.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keyring, open, seal } from "../../js/cloudflare/keys.mjs";
import { failed, lifetimeMs, nextStep, refreshed } from "../../js/cloudflare/rotation.mjs";

const NOW = 1_800_000_000_000;
const MARGIN = 300_000;
const pair = (expiresIn) => ({ access_token: "xoxe.xoxb-1", refresh_token: "xoxe-1-a", expires_at: NOW + expiresIn });
const key = (byte) => Buffer.alloc(32, byte).toString("base64url");

describe("token rotation decisions", () => {
  test("a token is used until the margin, then refreshed", () => {
    assert.deepEqual(nextStep(pair(MARGIN + 1), NOW, MARGIN), { use: true });
    assert.deepEqual(nextStep(pair(MARGIN), NOW, MARGIN), { refresh: true });
    assert.deepEqual(nextStep(pair(-1), NOW, MARGIN), { refresh: true });
  });

  test("a refresh answer with a new pair is kept whatever its expires_in: an unusable one means refresh on next use", () => {
    const good = { access_token: "xoxe.xoxb-2", refresh_token: "xoxe-1-b", expires_in: 43_200 };
    const kept = (expiresAt) => ({ access_token: "xoxe.xoxb-2", refresh_token: "xoxe-1-b", expires_at: expiresAt });
    assert.deepEqual(refreshed(good, NOW), kept(NOW + 43_200_000));
    assert.deepEqual(refreshed({ ...good, expires_in: "43200" }, NOW), kept(NOW + 43_200_000), "a numeric string is read as a number");
    for (const odd of [undefined, null, 0, -1, 1.5, "12h", "", " 43200", 2 ** 53, Infinity, {}, true]) {
      assert.deepEqual(refreshed({ ...good, expires_in: odd }, NOW), kept(NOW), String(odd));
      assert.deepEqual(nextStep(refreshed({ ...good, expires_in: odd }, NOW), NOW, MARGIN), { refresh: true }, String(odd));
    }
    for (const bad of [{ refresh_token: "" }, { access_token: undefined }, { refresh_token: 7 }]) {
      assert.equal(refreshed({ ...good, ...bad }, NOW), null, JSON.stringify(bad));
    }
    assert.equal(lifetimeMs(30 * 86_400), 30 * 86_400_000);
    assert.equal(lifetimeMs(30 * 86_400 + 1), 0, "over 30 days is not a lifetime Slack gives");
  });

  test("a refresh cut off by a reset says so when Slack then refuses the pair", () => {
    const refusal = { kind: "platform", code: "invalid_refresh_token", status: 200 };
    const cut = failed({ ...pair(0), refreshing: NOW - 5000 }, refusal, NOW);
    assert.equal(cut.refreshing, undefined, "the mark is cleared");
    assert.deepEqual(cut.failure.error.data, { error: "invalid_refresh_token", interrupted: true });
    assert.match(cut.failure.error.message, /cut off/);
    assert.deepEqual(failed(pair(0), refusal, NOW).failure.error.data, { error: "invalid_refresh_token", interrupted: false });
    assert.equal(failed({ ...pair(0), refreshing: NOW }, { kind: "network", code: "network_error" }, NOW).refreshing, undefined);
  });

  test("invalid_refresh_token needs a reinstall, told at once from then on", () => {
    const state = failed(pair(0), { kind: "platform", code: "invalid_refresh_token", status: 200 }, NOW);
    assert.equal(state.refresh_token, "xoxe-1-a", "the old pair is kept");
    for (const later of [NOW, NOW + 86_400_000]) {
      const step = nextStep(state, later, MARGIN);
      assert.equal(step.fail.code, "reinstall_required");
      assert.equal(step.fail.status, 409);
    }
  });

  test("a transient failure backs off, longer each time, at least Retry-After", () => {
    let state = failed(pair(0), { kind: "http", code: "http_error", status: 503 }, NOW);
    assert.equal(nextStep(state, NOW + 500, MARGIN).fail.retryAfter, 1);
    assert.deepEqual(nextStep(state, NOW + 1000, MARGIN), { refresh: true });
    state = failed(state, { kind: "network", code: "network_error" }, NOW);
    assert.equal(state.failure.retry_at, NOW + 2000);
    state = failed(state, { kind: "rate_limited", code: "ratelimited", retryAfter: 30 }, NOW);
    assert.equal(nextStep(state, NOW, MARGIN).fail.retryAfter, 30);
    assert.equal(nextStep(state, NOW + 30_000, MARGIN).refresh, true);
  });
});

describe("tokens sealed at rest", () => {
  test("sealed values name their key, hide the token, and open only where they were stored", async () => {
    const ring = await keyring(`k1:${key(1)}`);
    const sealed = await seal(ring, "v1/installation/T1", { token: "xoxb-secret" });
    assert.equal(sealed.kid, "k1");
    assert.ok(!JSON.stringify(sealed).includes("xoxb-secret"));
    assert.deepEqual(await open(ring, "v1/installation/T1", sealed), { token: "xoxb-secret" });
    await assert.rejects(open(ring, "v1/installation/T2", sealed), "bound to its KV key");
  });

  test("a new first key seals new records; old ones stay readable while listed", async () => {
    const old = await keyring(`k1:${key(1)}`);
    const sealedOld = await seal(old, "where", { token: "a" });
    const rotated = await keyring(`k2:${key(2)},k1:${key(1)}`);
    const sealedNew = await seal(rotated, "where", { token: "b" });
    assert.equal(sealedNew.kid, "k2");
    assert.deepEqual(await open(rotated, "where", sealedOld), { token: "a" });
    const dropped = await keyring(`k2:${key(2)}`);
    await assert.rejects(open(dropped, "where", sealedOld), { name: "SlackFlowError", code: "key_missing", status: 500, message: /no longer lists/ });
  });

  test("TOKEN_KEYS must be ids with 32-byte keys", async () => {
    for (const bad of ["", "k1", `k1:${key(1).slice(4)}`, `k 1:${key(1)}`, `k1:${key(1)},k1:${key(2)}`, `k1:${key(1)}:x`]) {
      await assert.rejects(keyring(bad), { name: "SlackFlowError", code: "invalid_token_keys", message: /^TOKEN_KEYS/ }, bad);
    }
  });
});
