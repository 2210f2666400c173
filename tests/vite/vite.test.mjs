// The package in a browser through a bundler: `vite build` of a page with a bare import, served
// statically and run in headless Chromium against the mock.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { build, preview } from "vite";
import { chromium } from "playwright-core";
import { startMock } from "../mock/server.mjs";

const root = new URL("./", import.meta.url).pathname;
let mock, server, browser, outDir;

before(async () => {
  mock = await startMock();
  outDir = mkdtempSync(join(tmpdir(), "edge-oauth-vite-"));
  await build({ root, configFile: join(root, "vite.config.js"), build: { outDir, emptyOutDir: true } });
  server = await preview({ root, configFile: join(root, "vite.config.js"), build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.httpServer.close(resolve) ?? resolve());
  await mock?.close();
});

test("vite build emits the .wasm as an asset and the bundle runs in Chromium", async () => {
  const assets = readdirSync(join(outDir, "assets"));
  assert.ok(assets.some((name) => /^edge_oauth_bg-.*\.wasm$/.test(name)), assets.join(", "));
  const page = await browser.newPage();
  const url = server.resolvedUrls.local[0];
  await page.goto(`${url}?mock=${encodeURIComponent(mock.url)}`);
  await page.waitForFunction(() => document.getElementById("out").textContent !== "loading");
  const result = await page.textContent("#out");
  assert.deepEqual(JSON.parse(result), { authorize: true, user: "U0MOCK", guard: "browser_secret" }, result);
  assert.equal(mock.requests.filter((r) => r.path === "/api/oauth.v2.access").length, 1, "the guarded call sent nothing");
});
