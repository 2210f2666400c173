// Every snippet of the package's README, run for real against the mock: the Workers bundled by
// wrangler and run in workerd, the Vite page built and driven in Chromium, the Node, Deno and Bun
// ones in their runtimes. And the README holds the snippets as they are in examples/snippets/.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { packageBuilt } from "../package/built.mjs";
import { startMock } from "../mock/server.mjs";
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { bundle, miniflare } from "../workerd/harness.mjs";

await packageBuilt();
const { SlackClient, StytchB2BClient } = await import("edge-oauth");
const { errorResponse } = await import("../../examples/snippets/error-response.mjs");

const root = new URL("../../", import.meta.url).pathname;
const snippets = join(root, "examples/snippets");
const runtimes = join(root, "tests/runtimes/node_modules/.bin");
const run = promisify(execFile);
const STATE_SECRET = "snippet-state-secret-0123456789abcdef";
const ORIGIN = "http://worker.test";

let mock;
const temporary = [];
before(async () => {
  mock = await startMock();
});
after(async () => {
  await mock?.close();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const slackEnv = () => ({
  SLACK_CLIENT_ID: MOCK_CLIENT_ID, SLACK_CLIENT_SECRET: MOCK_CLIENT_SECRET, STATE_SECRET,
  SLACK_API_URL: `${mock.url}/api/`, SLACK_AUTHORIZE_URL: `${mock.url}/oauth/v2/authorize`,
});

// A snippet's program or server that has not finished or started after this counts as hung: a
// bound, not a budget (each takes a second or two; on a busy machine, several times that).
const HANG_MS = 120_000;

/** Runs a snippet as a program; resolves to { code, stdout, stderr } whatever its exit code. */
function program(command, args, env) {
  return run(command, args, { cwd: snippets, env: { ...process.env, ...env }, timeout: HANG_MS })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error) => {
      if (typeof error.code !== "number") throw error;
      return { code: error.code, stdout: error.stdout, stderr: error.stderr };
    });
}

/** The Worker snippet `name`, bundled by wrangler as `wrangler deploy` would, run in Miniflare. */
function snippetWorker(name, bindings) {
  const dir = mkdtempSync(join(tmpdir(), "edge-oauth-snippet-"));
  writeFileSync(join(dir, "wrangler.toml"), `name = "snippet"\nmain = "${join(snippets, name)}"\ncompatibility_date = "2026-04-01"\n`);
  const script = bundle(join(dir, "wrangler.toml"));
  temporary.push(dir, dirname(script));
  return miniflare(script, { bindings });
}

/** Through the mock's consent page, as a person would: returns where it sends the browser back. */
async function consent(authorizeUrl, decision = "allow") {
  assert.equal(`${authorizeUrl.origin}${authorizeUrl.pathname}`, `${mock.url}/oauth/v2/authorize`);
  assert.equal((await fetch(authorizeUrl)).status, 200);
  const form = new URLSearchParams({ ...Object.fromEntries(authorizeUrl.searchParams), decision });
  const back = await fetch(authorizeUrl.origin + authorizeUrl.pathname, { method: "POST", body: form, redirect: "manual" });
  return new URL(back.headers.get("location"));
}

async function json(response) {
  return { status: response.status, body: await response.json(), retryAfter: response.headers.get("retry-after") };
}

test("the READMEs hold every snippet as it is, and the blocks made from the catalog (scripts/readme.mjs --check)", async () => {
  const readmes = ["pkg-template/README.md", "README.md"].map((file) => join(root, file));
  const { code, stderr } = await program("node", [join(root, "scripts/readme.mjs"), "--check", ...readmes]);
  assert.equal(code, 0, stderr);
});

test("the Workers quick start pins the wrangler the project tests with (it runs on Node 20)", () => {
  const { devDependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const readme of ["pkg-template/README.md", "README.md"]) {
    const pins = [...readFileSync(join(root, readme), "utf8").matchAll(/wrangler@(\d[\w.-]*)/g)].map((match) => match[1]);
    assert.ok(pins.length, `${readme} pins wrangler`);
    assert.deepEqual([...new Set(pins)], [devDependencies.wrangler], readme);
  }
});

test("the weak-secret hint of signState is the command the READMEs give", async () => {
  const { signState } = await import("edge-oauth");
  const weak = await signState("too-short").catch((error) => error);
  assert.equal(weak.code, "weak_secret");
  const command = /`(openssl rand [^`]+)`/.exec(weak.message)?.[1];
  assert.equal(command, "openssl rand -hex 32", weak.message);
  for (const readme of ["pkg-template/README.md", "README.md"]) {
    const text = readFileSync(join(root, readme), "utf8");
    assert.ok(text.includes(`\`${command}\``), `${readme} gives ${command}`);
    assert.deepEqual([...new Set(text.match(/openssl rand -\w+ \d+/g))], [command], readme);
  }
});

test("node.mjs: an external token, and refusals reported by their message and request id", async () => {
  const env = { SLACK_BOT_TOKEN: MOCK_BOT_TOKEN, SLACK_API_URL: `${mock.url}/api/` };
  const ok = await program("node", ["node.mjs", "Et-ok"], env);
  assert.deepEqual([ok.code, ok.stdout.trim()], [0, "got a token for the external service (19 characters)"], ok.stderr);
  const missing = await program("node", ["node.mjs", "missing"], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^slack apps\.auth\.external\.get failed \(platform: token_not_found\): .+ \(request req-\S+\)$/m);
  const sent = mock.requests.length;
  const none = await program("node", ["node.mjs"], env);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^slack apps\.auth\.external\.get failed \(validation: missing_param\): `external_token_id` is required \(request -\)$/m);
  assert.equal(mock.requests.length, sent, "the refused call sent nothing");
});

test("error-response.mjs maps each kind to a status, and rethrows what is not an EdgeOAuthError", async () => {
  const slack = (options) => new SlackClient(undefined, { slackApiUrl: `${mock.url}/api/`, ...options });
  const exchange = (code, options) => slack(options).oauth.v2.access({ client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET, code }).catch(errorResponse);
  const cases = {
    validation: [await exchange(null), 400, "missing_param"],
    refusedCode: [await exchange("invalid"), 400, "invalid_code"],
    ourSecret: [await slack().oauth.v2.access({ client_id: MOCK_CLIENT_ID, client_secret: "wrong", code: "good" }).catch(errorResponse), 502, "bad_client_secret"],
    rateLimited: [await exchange("429-long"), 429, "ratelimited"],
    http: [await exchange("500"), 502, "http_error"],
    decode: [await exchange("html"), 502, "invalid_json"],
    timeout: [await exchange("slow", { timeout: 100 }), 502, "timeout"],
    network: [await exchange("good", { slackApiUrl: `http://127.0.0.1:${await freePort()}/api/`, retries: 0 }), 502, "network_error"],
  };
  const stytch = (secret) => new StytchB2BClient({ project_id: MOCK_PROJECT_ID, secret, custom_base_url: mock.url, retries: 0 });
  const member = (secret, member_id) => stytch(secret).organizations.members.oauthProviders.slack({ organization_id: "organization-test-1", member_id }).catch(errorResponse);
  cases.stytchMissing = [await member(MOCK_SECRET, "member-missing"), 404, "member_not_found"];
  cases.stytchOurSecret = [await member("wrong", "member-test-1"), 502, "unauthorized_credentials"];
  for (const [name, [response, status, code]] of Object.entries(cases)) {
    const answer = await json(response);
    assert.deepEqual([answer.status, answer.body.error], [status, code], name);
  }
  assert.equal(cases.rateLimited[0].headers.get("retry-after"), "120");
  assert.throws(() => errorResponse(new TypeError("a bug")), TypeError);
});

describe("worker.mjs in workerd", () => {
  let mf;
  before(async () => {
    mf = snippetWorker("worker.mjs", slackEnv());
    await mf.ready;
  });
  after(() => mf?.dispose());
  const worker = (path) => mf.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual" });
  const stateFrom = async () => new URL((await worker("/slack/install")).headers.get("location")).searchParams.get("state");
  const callback = async (code, state) => json(await worker(`/slack/oauth_redirect?${new URLSearchParams({ code, state: state ?? await stateFrom() })}`));

  test("Add to Slack: install, the consent page, the exchange", async () => {
    const install = await worker("/slack/install");
    assert.equal(install.status, 302);
    const authorizeUrl = new URL(install.headers.get("location"));
    assert.deepEqual([authorizeUrl.searchParams.get("scope"), authorizeUrl.searchParams.get("redirect_uri")], ["chat:write,commands", `${ORIGIN}/slack/oauth_redirect`]);
    const back = await consent(authorizeUrl);
    assert.equal(`${back.origin}${back.pathname}`, `${ORIGIN}/slack/oauth_redirect`);
    const done = await json(await worker(back.pathname + back.search));
    assert.deepEqual(done, { status: 200, body: { team: "T0MOCK", enterprise: null, scope: "chat:write,commands" }, retryAfter: null });
    const exchange = mock.requests.findLast((r) => r.path === "/api/oauth.v2.access");
    assert.equal(exchange.form.redirect_uri, `${ORIGIN}/slack/oauth_redirect`);
    const cancelled = await consent(new URL((await worker("/slack/install")).headers.get("location")), "cancel");
    assert.deepEqual(await json(await worker(cancelled.pathname + cancelled.search)), { status: 400, body: { error: "access_denied" }, retryAfter: null });
  });

  test("a refused code is a 400 with Slack's code and request id, not a 500", async () => {
    const { status, body } = await callback("invalid");
    assert.deepEqual([status, body.error, body.kind], [400, "invalid_code", "platform"]);
    assert.match(body.requestId, /^req-/);
  });

  test("a missing code, a missing or forged state: 400, and nothing sent to Slack", async () => {
    mock.reset();
    assert.deepEqual(await json(await worker(`/slack/oauth_redirect?state=${await stateFrom()}`)), { status: 400, body: { error: "missing_param", field: "code" }, retryAfter: null });
    assert.deepEqual(await json(await worker("/slack/oauth_redirect?code=good")), { status: 400, body: { error: "missing_param", field: "state" }, retryAfter: null });
    assert.deepEqual((await json(await worker("/slack/oauth_redirect"))).body, { error: "missing_param", field: "code" });
    const forged = await callback("good", `${(await stateFrom()).slice(0, -2)}AA`);
    assert.deepEqual([forged.status, forged.body.error], [400, "invalid_state"]);
    assert.equal(mock.requests.filter((r) => r.path.startsWith("/api/")).length, 0);
  });

  test("rate limited: 429 with Slack's Retry-After; Slack down: 502", async () => {
    const limited = await callback("429-long");
    assert.deepEqual([limited.status, limited.body.error, limited.body.kind, limited.retryAfter], [429, "ratelimited", "rate_limited", "120"]);
    const down = await callback("500");
    assert.deepEqual([down.status, down.body.kind], [502, "http"]);
  });
});

describe("installations-worker.mjs with installations-wrangler.toml in workerd", () => {
  const SIGNING_SECRET = "snippet-signing-secret-0123456789abcdef";
  let mf;
  before(async () => {
    const config = join(snippets, "installations-wrangler.toml");
    const script = bundle(config);
    temporary.push(dirname(script));
    // The bindings as wrangler reads them from the snippet's wrangler.toml (KV, the Durable Object
    // and its SQLite migration); the secrets as `wrangler secret put` would set them.
    const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
    const { kvNamespaces, durableObjects, compatibilityDate } = unstable_getMiniflareWorkerOptions(config).workerOptions;
    mf = miniflare(script, {
      kvNamespaces: Object.keys(kvNamespaces), durableObjects, compatibilityDate,
      bindings: { ...slackEnv(), SLACK_SIGNING_SECRET: SIGNING_SECRET, TOKEN_KEYS: `k1:${"A".repeat(43)}` },
    });
    await mf.ready;
  });
  after(() => mf?.dispose());
  const worker = (path, init = {}) => mf.dispatchFetch(`${ORIGIN}${path}`, { redirect: "manual", ...init });
  /** A POST of `body` to `path` as Slack signs it (v0: HMAC-SHA256 of `v0:timestamp:body`). */
  const signed = (path, body, secret = SIGNING_SECRET) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    return worker(path, { method: "POST", body, headers: { "x-slack-request-timestamp": timestamp, "x-slack-signature": signature } });
  };
  const command = (fields, secret) =>
    signed("/slack/commands", new URLSearchParams({ command: "/hello", channel_id: "C0MOCK", ...fields }).toString(), secret);

  test("Add to Slack (PKCE by default, the mock's consent page), then a slash command posts with the installation's bot token", async () => {
    mock.reset();
    const install = await worker("/slack/install");
    assert.equal(install.status, 302);
    const authorizeUrl = new URL(install.headers.get("location"));
    assert.equal(authorizeUrl.searchParams.get("code_challenge_method"), "S256");
    const back = await consent(authorizeUrl);
    const cookie = install.headers.get("set-cookie").split(";")[0];
    const done = await worker(back.pathname + back.search, { headers: { cookie } });
    assert.equal(done.status, 200, await done.clone().text());
    assert.match(await done.text(), /Installed into Mock Workspace/);
    const [exchange] = mock.requests.filter((r) => r.path === "/api/oauth.v2.access");
    assert.match(exchange.form.code_verifier, /^[A-Za-z0-9_-]{43}$/);

    const answer = await command({ team_id: "T0MOCK" });
    assert.equal(answer.status, 200);
    const posted = mock.requests.find((r) => r.path === "/api/chat.postMessage");
    assert.match(posted.headers.authorization, /^Bearer xox/);
    assert.deepEqual(JSON.parse(posted.body), { channel: "C0MOCK", text: "Hello from the edge" });
    // The mock has no chat.postMessage: Slack's refusal is shown to whoever typed the command.
    assert.equal(await answer.text(), "Could not post: unknown_method");
    assert.equal(await (await command({ team_id: "T0OTHER" })).text(), "This workspace has not installed the app.");
    assert.equal((await command({ team_id: "T0MOCK" }, "not-the-signing-secret-0123456789")).status, 401);
    assert.equal(mock.requests.filter((r) => r.path === "/api/chat.postMessage").length, 1, "only the signed command of an installed workspace posted");
  });

  test("Slack's events: url_verification answered when signed, refused when not", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "snippet-challenge" });
    assert.deepEqual(await (await signed("/slack/events", body)).json(), { challenge: "snippet-challenge" });
    assert.equal((await worker("/slack/events", { method: "POST", body })).status, 401);
  });
});

describe("stytch-worker.mjs in workerd", () => {
  let mf;
  before(async () => {
    mf = snippetWorker("stytch-worker.mjs", {
      STYTCH_PROJECT_ID: MOCK_PROJECT_ID, STYTCH_SECRET: MOCK_SECRET, STYTCH_BASE_URL: mock.url, SLACK_API_URL: `${mock.url}/api/`,
    });
    await mf.ready;
  });
  after(() => mf?.dispose());
  const worker = async (query) => json(await mf.dispatchFetch(`${ORIGIN}/?${new URLSearchParams(query)}`));

  test("reads the member's saved bot token and posts with it", async () => {
    mock.reset();
    const answer = await worker({ organization_id: "organization-test-1", member_id: "member-test-1", channel: "C0MOCK" });
    const posted = mock.requests.find((r) => r.path === "/api/chat.postMessage");
    assert.equal(posted.headers.authorization, "Bearer xoxb-stytch-saved-bot");
    assert.deepEqual(JSON.parse(posted.body), { channel: "C0MOCK", text: "Hello from the edge" });
    // The mock has no chat.postMessage: Slack's refusal is passed on as a 502.
    assert.deepEqual(answer, { status: 502, body: { ok: false, error: "unknown_method" }, retryAfter: null });
  });

  test("a missing member id is a 400, an unknown member a 404, a rate limit a 429", async () => {
    const missing = await worker({ organization_id: "organization-test-1" });
    assert.deepEqual([missing.status, missing.body], [400, { error: "missing_param", field: "member_id" }]);
    const unknown = await worker({ organization_id: "organization-test-1", member_id: "member-missing" });
    assert.deepEqual([unknown.status, unknown.body.error], [404, "member_not_found"]);
    assert.match(unknown.body.requestId, /^request-id-test-/);
    const limited = await worker({ organization_id: "organization-test-1", member_id: "member-429" });
    assert.deepEqual([limited.status, limited.body.kind, limited.retryAfter], [429, "rate_limited", "1"]);
  });
});

describe("vite/ built by Vite, in Chromium", () => {
  let server, browser;
  before(async () => {
    const [{ build, preview }, { chromium }] = await Promise.all([import("vite"), import("playwright-core")]);
    Object.assign(process.env, {
      VITE_SLACK_CLIENT_ID: MOCK_CLIENT_ID, VITE_SLACK_API_URL: `${mock.url}/api/`, VITE_SLACK_AUTHORIZE_URL: `${mock.url}/oauth/v2/authorize`,
    });
    const outDir = mkdtempSync(join(tmpdir(), "edge-oauth-snippet-vite-"));
    temporary.push(outDir);
    const config = { root: join(snippets, "vite"), logLevel: "warn", build: { outDir, emptyOutDir: true } };
    await build(config);
    server = await preview({ ...config, preview: { host: "127.0.0.1", port: 0 } });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.httpServer.close(resolve) : resolve()));
  });

  for (const [decision, expected] of [["Allow", "Signed in as U0MOCK of Mock Workspace"], ["Cancel", "Not signed in: access_denied"]]) {
    test(`Sign in with Slack, PKCE in the page: ${decision}`, async () => {
      mock.reset();
      const page = await browser.newPage();
      await page.goto(server.resolvedUrls.local[0]);
      await page.click("#sign-in");
      await page.waitForURL((url) => url.href.startsWith(mock.url));
      await page.click(`button[value=${decision.toLowerCase()}]`);
      await page.waitForFunction(() => document.querySelector("#out").textContent !== "");
      assert.equal(await page.textContent("#out"), expected);
      const exchanges = mock.requests.filter((r) => r.path === "/api/oauth.v2.access");
      assert.equal(exchanges.length, decision === "Allow" ? 1 : 0);
      if (exchanges.length) assert.equal(exchanges[0].headers.authorization, undefined, "no secret, no preflight");
      await page.close();
    });
  }
});

/** A port nothing listens on. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const deno = join(runtimes, "deno");
test("deno.ts: the Worker under `deno serve`", { skip: !existsSync(deno) && "no Deno in tests/runtimes/node_modules" }, async () => {
  const port = await freePort();
  const child = spawn(deno, ["serve", "--allow-net", "--allow-env", "--allow-read", "--host", "127.0.0.1", "--port", String(port), "deno.ts"], {
    cwd: snippets, env: { ...process.env, ...slackEnv(), NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  try {
    const origin = `http://127.0.0.1:${port}`;
    for (let waited = 0; ; waited += 100) {
      if (await fetch(origin).then(() => true, () => false)) break;
      assert.ok(waited < HANG_MS && child.exitCode === null, `deno serve did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const install = await fetch(`${origin}/slack/install`, { redirect: "manual" });
    const back = await consent(new URL(install.headers.get("location")));
    assert.equal(back.origin, origin);
    assert.deepEqual((await json(await fetch(back))).body, { team: "T0MOCK", enterprise: null, scope: "chat:write,commands" });
    const refused = await json(await fetch(back)); // the code was spent
    assert.deepEqual([refused.status, refused.body.error], [400, "invalid_code"]);
  } finally {
    child.kill();
  }
});

const bun = join(runtimes, "bun");
test("bun.mjs: a refresh in Bun; the spent refresh token is refused", { skip: !existsSync(bun) && "no Bun in tests/runtimes/node_modules" }, async () => {
  const env = { SLACK_CLIENT_ID: MOCK_CLIENT_ID, SLACK_CLIENT_SECRET: MOCK_CLIENT_SECRET, SLACK_API_URL: `${mock.url}/api/` };
  const [refreshToken] = mock.issue({ prefix: `snippet-${Date.now()}`, refresh_tokens: 1 }).refresh_tokens;
  const ok = await program(bun, ["bun.mjs", refreshToken], env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), { team: "T0MOCK", expires_in: 43200, rotated: true });
  const spent = await program(bun, ["bun.mjs", refreshToken], env);
  assert.deepEqual([spent.code, spent.stderr.trim()], [1, "refresh failed: platform invalid_refresh_token"]);
});
