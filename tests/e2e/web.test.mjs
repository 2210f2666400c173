// The browser example end to end: headless Chromium (Playwright) on the page the Worker serves in
// local workerd (`wrangler dev`, as `make demo` runs it), against the project's mock.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { freePort, mockVars, startWorker } from "../../examples/worker/dev.mjs";

const ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef"; // 32 bytes: the Worker refuses fewer
const artifacts = new URL("../artifacts/", import.meta.url).pathname;
let mock, worker, browser, page;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  mock = await startMock();
  const vars = mockVars(mock.url, { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, projectId: MOCK_PROJECT_ID, stytchSecret: MOCK_SECRET });
  worker = await startWorker({ port: await freePort(), vars: { ...vars, STATE_SECRET: "e2e-state-secret-0123456789abcdef", ADMIN_TOKEN } });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  // Playwright's waits give up after 30 s by default: a budget a busy machine can spend on
  // wrangler dev and Chromium. Past 120 s a step counts as hung.
  page.setDefaultTimeout(120_000);
  page.on("pageerror", (error) => console.error("page error:", error.message));
});

after(async () => {
  await browser?.close();
  await worker?.stop();
  await mock?.close();
});

const exchanges = () => mock.requests.filter((r) => r.path === "/api/oauth.v2.access");

test("Sign in with Slack: PKCE from the page, Allow on the mock, the user is shown", async () => {
  await page.goto(`${worker.url}/`);
  const signIn = page.getByRole("button", { name: "Sign in with Slack" });
  await signIn.waitFor();
  await page.waitForFunction(() => !document.getElementById("sign-in-button").disabled);
  await signIn.click();
  await page.waitForURL(`${mock.url}/oauth/v2/authorize?**`);
  assert.match(await page.textContent("body"), /identity\.basic[\s\S]*PKCE/);
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL(`${worker.url}/`);
  const status = page.locator("#sign-in-status");
  await status.filter({ hasText: "Signed in as" }).waitFor();
  assert.match(await status.textContent(), /Signed in as U0MOCK in Mock Workspace \(T0MOCK\)/);
  await page.screenshot({ path: `${artifacts}web-signed-in.png`, fullPage: true });

  const [exchange] = exchanges();
  assert.equal(exchange.headers.authorization, undefined, "no client secret from the browser");
  assert.equal(exchange.form.client_id, MOCK_CLIENT_ID);
  assert.match(exchange.form.code_verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(exchange.headers.origin, worker.url, "the exchange came from the page itself");
});

test("the browser_secret guard refuses to send a client secret from the page", async () => {
  mock.reset();
  await page.getByRole("button", { name: "Try an exchange with a client secret" }).click();
  const status = page.locator("#guard-status");
  await status.filter({ hasText: "browser_secret" }).waitFor();
  const text = await status.textContent();
  assert.match(text, /^Refused before sending anything: slack oauth\.v2\.access failed \(validation: browser_secret\): /);
  assert.equal(text.split("browser_secret").length, 2, `the kind and code once: ${text}`);
  assert.equal(exchanges().length, 0, "nothing was sent");
});

test("Add to Slack through the Worker, a reload of its callback, then the stored installation", async () => {
  await page.getByRole("link", { name: "Add to Slack" }).click();
  await page.waitForURL(`${mock.url}/oauth/v2/authorize?**`);
  await page.getByRole("button", { name: "Allow" }).click();
  await page.getByRole("heading", { name: "Installed into Mock Workspace" }).waitFor();
  await page.screenshot({ path: `${artifacts}worker-installed.png`, fullPage: true });
  // The cookie that bound the flow to this browser was cleared: a reload is told the link was used.
  const reloaded = await page.reload();
  assert.equal(reloaded.status(), 409);
  await page.getByRole("heading", { name: "This link was already used" }).waitFor();
  assert.equal(exchanges().filter((r) => r.form.grant_type !== "refresh_token").length, 1, "the reload spent nothing");
  await page.goto(`${worker.url}/`);
  await page.fill("input[name=admin_token]", ADMIN_TOKEN);
  await page.getByRole("button", { name: "Show the stored installation" }).click();
  const shown = page.locator("#installation");
  await shown.filter({ hasText: "\"id\": \"T0MOCK\"" }).waitFor();
  const text = await shown.textContent();
  assert.match(text, /^200\n/);
  assert.ok(!/xox/.test(text), "no token is shown");
});

test("Sign in with Slack through the Worker (OpenID Connect): Allow on the mock, the verified identity, no token", async () => {
  mock.reset();
  await page.goto(`${worker.url}/`);
  await page.getByRole("link", { name: "Sign in with Slack" }).click();
  await page.waitForURL(`${mock.url}/openid/connect/authorize?**`);
  assert.match(await page.textContent("body"), /openid[\s\S]*email[\s\S]*profile[\s\S]*PKCE/);
  await page.getByRole("button", { name: "Allow" }).click();
  await page.getByRole("heading", { name: "Signed in as Mock User" }).waitFor();
  await page.screenshot({ path: `${artifacts}worker-signed-in.png`, fullPage: true });
  const text = await page.textContent("body");
  assert.match(text, /mock\.user@example\.test \(verified\)/);
  assert.match(text, /Mock Workspace \(T0MOCK\)/);
  assert.doesNotMatch(text, /xox[a-z]-|eyJ/, "no access token, no id_token");
  const calls = mock.requests.filter((r) => r.path === "/api/openid.connect.token");
  assert.equal(calls.length, 1);
  assert.match(calls[0].headers.authorization, /^Basic /, "the Worker's secret, as HTTP Basic");
  // A reload of the callback: the state was spent and the cookie cleared.
  const reloaded = await page.reload();
  assert.equal(reloaded.status(), 409);
  await page.getByRole("heading", { name: "This link was already used" }).waitFor();
});
