// The package in a browser through a bundler: `vite build` of a page with a bare import, served
// statically and run in headless Chromium against the mock. dev.test.mjs runs the same page under
// `vite dev`.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { build, preview } from "vite";
import { startMock } from "../mock/server.mjs";
import { checkPage, launchChromium } from "./page.mjs";

const root = new URL("./", import.meta.url).pathname;
let mock, server, browser, outDir;

before(async () => {
  mock = await startMock();
  outDir = mkdtempSync(join(tmpdir(), "edge-oauth-vite-"));
  await build({ root, configFile: join(root, "vite.config.js"), build: { outDir, emptyOutDir: true } });
  server = await preview({ root, configFile: join(root, "vite.config.js"), build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.httpServer.close(resolve) ?? resolve());
  await mock?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test("vite build emits the .wasm as an asset and the bundle runs in Chromium", async () => {
  const assets = readdirSync(join(outDir, "assets"));
  assert.ok(assets.some((name) => /^edge_oauth_bg-.*\.wasm$/.test(name)), assets.join(", "));
  await checkPage(browser, server.resolvedUrls.local[0], mock);
});
