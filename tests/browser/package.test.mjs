// The built package (pkg/browser.mjs, its wasm fetched via import.meta.url) in headless Chromium,
// in a page and in a dedicated module Worker, against the project's mock. The mock sends no
// Access-Control-Expose-Headers, as a provider need not: a page sees only the CORS-safelisted
// response headers (see NOTES.md), and it records preflights, so the tests can say which calls
// need one. Each scenario is a function run in the browser; its outcome comes back as JSON and is
// checked here, together with what reached the mock.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";

// Shared by the page and the worker: runs a scenario's source with helpers, settles it to JSON.
const HARNESS = `
import * as lib from "/pkg/browser.mjs";
const FIELDS = ["kind", "provider", "method", "code", "status", "retryAfter", "requestId", "field", "data"];
function describe(error) {
  if (!lib.isEdgeOAuthError(error)) return { edge: false, name: error?.name, message: String(error?.message ?? error) };
  const fields = Object.fromEntries(FIELDS.filter((key) => error[key] !== undefined).map((key) => [key, error[key]]));
  return { edge: true, message: error.message, ...fields };
}
async function settle(fn) {
  try { return { value: await fn() }; } catch (error) { return { error: describe(error) }; }
}
function helpers(c) {
  return {
    ...c, lib, settle, inWindow: "window" in globalThis && "document" in globalThis,
    slack: (options = {}, token) => new lib.SlackClient(token, { slackApiUrl: c.mock + "/api/", ...options }),
    stytch: (options = {}) => new lib.StytchB2BClient({ project_id: c.projectId, secret: c.stytchSecret, custom_base_url: c.mock, ...options }),
    withSecret: (code) => ({ client_id: c.clientId, client_secret: c.clientSecret, code }),
    withVerifier: async (code) => ({ client_id: c.clientId, code, code_verifier: (await lib.pkcePair()).code_verifier }),
    member: (member_id) => ({ organization_id: "organization-test-1", member_id }),
  };
}
export function run(source, c) {
  const scenario = new Function("return (" + source + ");")();
  return settle(() => scenario(helpers(c)));
}`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>edge-oauth in a page</title>
<script type="module">
import { run } from "/harness.mjs";
const worker = new Worker("/worker.mjs", { type: "module" });
const waiting = new Map();
let next = 0;
window.ready = new Promise((resolve, reject) => {
  worker.onerror = (event) => reject(new Error("worker failed: " + (event.message ?? "load error")));
  worker.onmessage = ({ data }) => {
    if (data.ready || data.failed) return data.ready ? resolve(true) : reject(new Error("worker failed: " + data.failed));
    waiting.get(data.id)(data.result);
    waiting.delete(data.id);
  };
});
window.runIn = (realm, source, c) => realm === "page" ? run(source, c)
  : new Promise((resolve) => { const id = next++; waiting.set(id, resolve); worker.postMessage({ id, source, c }); });
</script>`;

// The harness is imported dynamically so that onmessage is set at once: Chromium drops a message
// that reaches a module worker while its imports are still in top-level await (browser.mjs
// awaits the wasm), and a static import would leave the handler unset until then.
const WORKER = `const harness = import("/harness.mjs");
self.onmessage = async ({ data }) => self.postMessage({ id: data.id, result: await (await harness).run(data.source, data.c) });
harness.then(() => self.postMessage({ ready: true }), (error) => self.postMessage({ failed: String(error?.stack ?? error) }));`;

const PKG_FILES = ["browser.mjs", "client.mjs", "edge_oauth.js", "edge_oauth_bg.wasm"];
const TYPES = { ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html; charset=utf-8" };
const SAFELISTED = ["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"];
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
// What counts as hung, for a page load or a scenario: not a budget (a scenario takes a few seconds
// at most; Chromium on a busy machine, many times more), only the point past which none ends.
const HANG_MS = 120_000;

/** pkg/ as it is now; others rebuild it, so a missing file is waited for (up to 90 s). */
async function snapshotPkg() {
  for (let waited = 0; ; waited++) {
    try {
      const read = (name) => readFile(new URL(`../../pkg/${name}`, import.meta.url));
      return new Map(await Promise.all(PKG_FILES.map(async (name) => [`/pkg/${name}`, await read(name)])));
    } catch (error) {
      if (error.code !== "ENOENT" || waited >= 90) throw new Error(`pkg/ is incomplete (${error.message}): run \`make build\``);
      await sleep(1000);
    }
  }
}

/** A static server on 127.0.0.1 for the page, the worker, the harness and the package. */
async function serveStatic(files) {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, "http://127.0.0.1").pathname;
    const body = files.get(path === "/" ? "/index.html" : path);
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.match(/\.[a-z]+$/)?.[0] ?? ".html"], "cache-control": "no-store" }).end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, files, close: () => (server.closeAllConnections(), new Promise((r) => server.close(r))) };
}

/** A loopback port nothing listens on. */
function closedPort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Each scenario runs in the browser as `run(h)` (h: the harness's helpers and the mock's values);
// `check(outcome, r)` gets `{ value }` or `{ error }`, and r.sent / r.preflights list what
// reached the mock for a path prefix (the mock is reset before each scenario). Every realm has
// a fresh browser context, so Chromium's preflight cache starts empty: the first call with an
// Authorization header to a URL is preceded by an OPTIONS request.
const scenarios = [
  {
    name: "only the CORS-safelisted response headers are visible (no x-slack-req-id, no retry-after)",
    run: async (h) => {
      const response = await fetch(h.mock + "/api/oauth.v2.access", { method: "POST", body: new URLSearchParams({ code: "429" }) });
      return { inWindow: h.inWindow, status: response.status, headers: [...response.headers.keys()] };
    },
    check({ value }, r) {
      assert.equal(value.inWindow, r.realm === "page", "the worker realm is no window");
      assert.equal(value.status, 429);
      assert.deepEqual(value.headers.filter((name) => !SAFELISTED.includes(name)), []);
    },
  },
  {
    name: "a PKCE public client exchanges without the opt-in and without a preflight",
    run: async (h) => h.slack().oauth.v2.access(await h.withVerifier("good")),
    check({ value }, r) {
      assert.match(value.authed_user.access_token, /^xoxp-mock-/);
      const [request] = r.sent("/api/oauth.v2.access");
      assert.equal(request.headers.authorization, undefined, "no client secret");
      assert.equal(request.headers["content-type"], "application/x-www-form-urlencoded", "a safelisted content type");
      assert.match(request.form.code_verifier, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(r.preflights("/api/").length, 0, "a simple request: no preflight");
    },
  },
  {
    name: "a client secret without the opt-in: refused in a page, nothing sent; sent from a worker, after a preflight",
    run: async (h) => h.slack().oauth.v2.access(h.withSecret("rotating")),
    check(outcome, r) {
      if (r.realm === "page") {
        assert.deepEqual(pick(outcome.error, "kind", "code", "field"), { kind: "validation", code: "browser_secret", field: "client_secret" });
        assert.ok(!outcome.error.message.includes(MOCK_CLIENT_SECRET));
        assert.equal(r.sent("/").length + r.preflights("/").length, 0, "nothing was sent");
      } else {
        assert.match(outcome.value.refresh_token, /^xoxe-1-/);
        assert.equal(outcome.value.expires_in, 43200);
        assert.equal(r.sent("/api/oauth.v2.access")[0].headers.authorization, basic(MOCK_CLIENT_ID, MOCK_CLIENT_SECRET));
        assertPreflight(r, "/api/oauth.v2.access", "POST");
      }
    },
  },
  {
    name: "a client secret with the opt-in exchanges from a page, after a preflight",
    where: ["page"],
    run: (h) => h.slack({ dangerouslyAllowBrowser: true }).oauth.v2.access(h.withSecret("good")),
    check({ value }, r) {
      assert.equal(value.team.id, "T0MOCK");
      assert.match(value.access_token, /^xoxb-mock-/);
      assertPreflight(r, "/api/oauth.v2.access", "POST");
    },
  },
  {
    name: "a Slack error keeps its code and body, but has no requestId (x-slack-req-id is not exposed)",
    run: async (h) => h.slack().oauth.v2.access(await h.withVerifier("invalid")),
    check({ error }) {
      assert.deepEqual(pick(error, "kind", "code", "status"), { kind: "platform", code: "invalid_code", status: 200 });
      assert.equal(error.data.error, "invalid_code");
      assert.equal(error.requestId, undefined);
    },
  },
  {
    name: "a lookup (Bearer, after a preflight) retries a 5xx",
    run: (h) => h.slack({}, "xoxb-t").apps.auth.external.get({ external_token_id: "500-once" }),
    check({ value }, r) {
      assert.equal(value.external_token, "ext-token-for-500-once");
      const sent = r.sent("/api/apps.auth.external.get");
      assert.equal(sent.length, 2, "one retry");
      assert.equal(sent[0].headers.authorization, "Bearer xoxb-t");
      assertPreflight(r, "/api/apps.auth.external.get", "POST");
    },
  },
  {
    name: "rejectRateLimitedCalls: a 429 is rate_limited at once, without retryAfter",
    run: async (h) => h.slack({ rejectRateLimitedCalls: true }).oauth.v2.access(await h.withVerifier("429")),
    check({ error }, r) {
      assert.deepEqual(pick(error, "kind", "status"), { kind: "rate_limited", status: 429 });
      assert.equal(error.retryAfter, undefined, "Retry-After is not readable without Access-Control-Expose-Headers");
      assert.equal(r.sent("/api/oauth.v2.access").length, 1);
    },
  },
  {
    // Told by counts, not by a clock: had the page read Retry-After: 120, the call would have
    // stopped at once (a wait past its deadline is never started) with one request sent.
    name: "an exchange retries a 429 on backoff when Retry-After is hidden",
    run: async (h) => h.slack().oauth.v2.access(await h.withVerifier("429-long-once")),
    check({ value }, r) {
      assert.match(value.authed_user.access_token, /^xoxp-mock-/);
      assert.equal(r.sent("/api/oauth.v2.access").length, 2, "retried once, on backoff: Retry-After: 120 was not read");
    },
  },
  {
    name: "a long Retry-After is invisible: retried on backoff, then rate_limited without retryAfter",
    run: async (h) => h.slack({ retries: 1 }).oauth.v2.access(await h.withVerifier("429-long")),
    check({ error }, r) {
      assert.deepEqual(pick(error, "kind", "status"), { kind: "rate_limited", status: 429 });
      assert.equal(error.retryAfter, undefined);
      assert.equal(r.sent("/api/oauth.v2.access").length, 2, "with Retry-After: 120 visible it would stop after one");
    },
  },
  {
    name: "a slow answer times out",
    run: async (h) => h.slack({ timeout: 200 }).oauth.v2.access(await h.withVerifier("slow")),
    check: ({ error }) => assert.deepEqual(pick(error, "kind", "code"), { kind: "timeout", code: "timeout" }),
  },
  {
    name: "an oversized body is response_too_large, declared (Content-Length is safelisted) or streamed",
    run: async (h) => ({
      declared: await h.settle(async () => h.slack().oauth.v2.access(await h.withVerifier("huge"))),
      streamed: await h.settle(async () => h.slack().oauth.v2.access(await h.withVerifier("huge-stream"))),
    }),
    check({ value }) {
      for (const outcome of Object.values(value)) assert.deepEqual(pick(outcome.error, "kind", "code"), { kind: "decode", code: "response_too_large" });
    },
  },
  {
    name: "a refused connection is network",
    run: async (h) => h.slack({ slackApiUrl: `http://127.0.0.1:${h.closedPort}/api/`, retries: 0 }).oauth.v2.access(await h.withVerifier("good")),
    check: ({ error }) => assert.deepEqual(pick(error, "kind", "code"), { kind: "network", code: "network_error" }),
  },
  {
    name: "Stytch without the opt-in: browser_secret at construction in a page; a lookup from a worker",
    run: (h) => h.stytch().organizations.members.oauthProviders.slack(h.member("member-test-1")),
    check(outcome, r) {
      if (r.realm === "page") {
        assert.deepEqual(pick(outcome.error, "kind", "code", "field"), { kind: "validation", code: "browser_secret", field: "secret" });
        assert.ok(!outcome.error.message.includes(MOCK_SECRET));
        assert.equal(r.sent("/").length, 0);
      } else {
        assert.equal(outcome.value.registrations[0].bot_access_token, "xoxb-stytch-saved-bot");
        assert.equal(r.sent("/v1/")[0].headers.authorization, basic(MOCK_PROJECT_ID, MOCK_SECRET));
      }
    },
  },
  {
    name: "Stytch lookups (opt-in in a page): a preflight, a 429 retried, errors with the body's request_id",
    run: async (h) => {
      const providers = h.stytch({ dangerouslyAllowBrowser: h.inWindow }).organizations.members.oauthProviders;
      return {
        slack: await h.settle(() => providers.slack(h.member("member-test-1"))),
        google: await h.settle(() => providers.google(h.member("member-429-once"))),
        hubspot: await h.settle(() => providers.hubspot(h.member("member-missing"))),
      };
    },
    check({ value }, r) {
      assert.equal(value.slack.value.provider_type, "Slack");
      assert.equal(value.google.value.access_token, "mock-access-google");
      assert.equal(r.sent("/v1/b2b/organizations/organization-test-1/members/member-429-once/").length, 2);
      assert.deepEqual(pick(value.hubspot.error, "kind", "code", "status"), { kind: "platform", code: "member_not_found", status: 404 });
      assert.match(value.hubspot.error.requestId, /^request-id-test-/, "Stytch's request_id is in the body, so a page sees it");
      assertPreflight(r, "/v1/b2b/organizations/organization-test-1/members/member-429-once/", "GET");
    },
  },
  {
    name: "verifySlackIdToken: RS256 with the browser's WebCrypto, the JWKS fetched without a preflight",
    run: async (h) => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: "https://slack.com", sub: "U0MOCK", aud: h.clientId, exp: now + 300, iat: now, nonce: "n-b" };
      const mint = async (key) => {
        const minted = await fetch(h.mock + "/__mock/id_token", { method: "POST", body: JSON.stringify({ claims, key }) });
        return (await minted.json()).id_token;
      };
      const options = { client_id: h.clientId, nonce: "n-b", jwks_url: h.mock + "/openid/connect/keys/browser" };
      const verified = await h.lib.verifySlackIdToken(await mint(), options);
      const forged = await h.settle(async () => h.lib.verifySlackIdToken(await mint("foreign"), options));
      return { claims: verified, forged: forged.error };
    },
    check({ value }, r) {
      assert.equal(value.claims.sub, "U0MOCK");
      assert.equal(value.claims.nonce, "n-b");
      assert.deepEqual(pick(value.forged, "kind", "code", "field"), { kind: "validation", code: "bad_signature", field: "id_token" });
      assert.equal(r.sent("/openid/connect/keys/browser").length, 1, "one fetch: the keys are cached in the realm");
      assert.equal(r.preflights("/openid/connect/keys").length, 0, "a simple GET");
    },
  },
];

/** `promise`, or an error saying `why()` after `ms`. */
async function within(ms, promise, why) {
  const timer = new AbortController();
  const late = sleep(ms, undefined, { signal: timer.signal }).then(() => { throw new Error(why()); }, () => {});
  try {
    return await Promise.race([promise, late]);
  } finally {
    timer.abort();
  }
}

function pick(object, ...keys) {
  assert.ok(object, "expected an error");
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

function assertPreflight(r, path, method) {
  const [preflight] = r.preflights(path);
  assert.ok(preflight, `a preflight for ${path}`);
  assert.equal(preflight.headers["access-control-request-method"], method);
  assert.match(preflight.headers["access-control-request-headers"], /authorization/);
}

let mock, site, browser, closed;

before(async () => {
  mock = await startMock({ exposeHeaders: false, recordPreflights: true });
  const files = new Map([["/index.html", PAGE], ["/harness.mjs", HARNESS], ["/worker.mjs", WORKER]]);
  for (const [path, body] of await snapshotPkg()) files.set(path, body);
  site = await serveStatic(files);
  closed = await closedPort();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await mock?.close();
});

/** A fresh context with the test page loaded (its worker ready); reloads pkg/ once if it fails. */
async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(HANG_MS);
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(`${site.url}/`);
      await page.waitForFunction(() => window.ready); // set once browser.mjs has loaded
      await page.evaluate(() => window.ready); // and the worker's copy too
      return { context, page };
    } catch (error) {
      if (attempt > 0) throw new Error(`the test page did not load: ${error.message} ${errors.join("; ")}`);
      await sleep(3000); // pkg/ may have been mid-rebuild: take it again
      for (const [path, body] of await snapshotPkg()) site.files.set(path, body);
    }
  }
}

for (const realm of ["page", "worker"]) {
  describe(`in a ${realm}`, () => {
    let opened;
    before(async () => { opened = await openPage(); });
    after(async () => { await opened?.context.close(); });

    for (const scenario of scenarios.filter((s) => (s.where ?? ["page", "worker"]).includes(realm))) {
      test(scenario.name, async () => {
        mock.reset();
        const c = { mock: mock.url, closedPort: closed, clientId: MOCK_CLIENT_ID,
          clientSecret: MOCK_CLIENT_SECRET, projectId: MOCK_PROJECT_ID, stytchSecret: MOCK_SECRET };
        const running = opened.page.evaluate(([realm, source, c]) => window.runIn(realm, source, c), [realm, scenario.run.toString(), c]);
        const outcome = await within(HANG_MS, running, () => `no outcome after ${HANG_MS} ms; the mock saw ${JSON.stringify(mock.requests.map((r) => `${r.method} ${r.url}`))}`);
        const listed = (preflights) => (prefix) => mock.requests.filter((r) => (r.method === "OPTIONS") === preflights && r.path.startsWith(prefix));
        try {
          scenario.check(outcome, { realm, sent: listed(false), preflights: listed(true) });
        } catch (error) {
          error.message += `\noutcome: ${JSON.stringify(outcome).slice(0, 1500)}`;
          throw error;
        }
      });
    }
  });
}
