// The package in a browser under `vite dev`: the page of vite.test.mjs, served by Vite's dev server
// (node_modules/.bin/vite with the project's vite.config.js, on a loopback port) and run in headless
// Chromium against the mock; then the server is stopped and no process of it is left.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { startMock } from "../mock/server.mjs";
import { HANG_MS, checkPage, launchChromium } from "./page.mjs";

const root = new URL("./", import.meta.url).pathname;
const repo = new URL("../../", import.meta.url).pathname;
const viteBin = join(repo, "node_modules/.bin/vite");
let mock, dev, browser, cacheDir;

/** A port free on 127.0.0.1 now (`vite dev` takes port 0 as "unset", that is 5173). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Whether a process of group `pgid` still runs. A zombie (exited, not yet reaped by init, as
 * Vite's esbuild can be for a moment) does not count; /proc tells them apart. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  try {
    return readdirSync("/proc").filter((name) => /^\d+$/.test(name)).some((pid) => {
      try {
        const [state, , group] = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
        return Number(group) === pgid && state !== "Z";
      } catch {
        return false;
      }
    });
  } catch {
    return true;
  }
}

/** Starts `vite` (the dev server) in its own process group; resolves once it prints its URL.
 * `--strictPort` makes it fail rather than move on if the port was taken meanwhile: then retry. */
async function startDev() {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // Without CI=true, Vite also stops when its stdin closes: if this process dies, so does Vite.
    const { CI, ...env } = process.env;
    const child = spawn(
      process.execPath,
      [viteBin, root, "--config", join(root, "vite.config.js"), "--host", "127.0.0.1", "--port", String(port), "--strictPort", "--logLevel", "info"],
      { cwd: repo, env: { ...env, NO_COLOR: "1", EDGE_OAUTH_VITE_CACHE_DIR: cacheDir }, detached: true, stdio: ["pipe", "pipe", "pipe"] },
    );
    const kill = () => { try { process.kill(-child.pid, "SIGKILL"); } catch {} };
    process.once("exit", kill);
    let output = "";
    const ready = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ error: `no URL within ${HANG_MS} ms` }), HANG_MS);
      const onData = (chunk) => {
        output += chunk;
        const match = output.replace(/\x1b\[[0-9;]*m/g, "").match(/Local:\s+(http:\/\/127\.0\.0\.1:(\d+)\/)/);
        if (match) {
          clearTimeout(timer);
          resolve({ url: match[1], port: Number(match[2]) });
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        resolve({ error: `exited (${code ?? signal})` });
      });
    });
    const server = { child, port, url: ready.url, output: () => output, kill };
    if (ready.url) {
      assert.equal(ready.port, port, output);
      return server;
    }
    await stopDev(server);
    if (attempt < 3 && /already in use/.test(output)) continue;
    throw new Error(`vite dev did not start: ${ready.error}\n${output}`);
  }
}

/** SIGTERM to Vite's process group (Vite closes its server and exits); SIGKILL only if the group
 * still runs after HANG_MS (not a budget: Vite stops in well under a second). Resolves once the
 * group is empty, with whether SIGTERM was enough. */
async function stopDev(server) {
  const { child } = server;
  try { process.kill(-child.pid, "SIGTERM"); } catch {}
  const gentle = await emptied(child.pid);
  if (!gentle) {
    server.kill();
    await emptied(child.pid);
  }
  process.off("exit", server.kill);
  return { gentle, empty: !groupAlive(child.pid) };
}

/** Whether group `pgid` is empty within HANG_MS, looked at every 100 ms. */
async function emptied(pgid) {
  for (const until = Date.now() + HANG_MS; groupAlive(pgid) && Date.now() < until; ) await sleep(100);
  return !groupAlive(pgid);
}

before(async () => {
  mock = await startMock();
  cacheDir = mkdtempSync(join(tmpdir(), "edge-oauth-vite-cache-"));
  dev = await startDev();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (dev && groupAlive(dev.child.pid)) await stopDev(dev);
  await mock?.close();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

test("vite dev serves edge-oauth from node_modules, not pre-bundled, and the page runs in Chromium", async () => {
  const responses = await checkPage(browser, dev.url, mock);
  const origin = dev.url.replace(/\/$/, "");
  const ours = responses.filter((r) => r.url.startsWith(origin)).map((r) => ({ ...r, path: new URL(r.url).pathname }));
  const paths = ours.map((r) => r.path).join("\n");
  // optimizeDeps.exclude in effect: the package's own files, none of it in Vite's dependency cache.
  assert.ok(ours.some((r) => r.path.endsWith("/node_modules/edge-oauth/browser.mjs")), `no /node_modules/edge-oauth/browser.mjs among:\n${paths}`);
  assert.ok(!ours.some((r) => /\/deps\/edge[-_]oauth/.test(r.path)), `edge-oauth pre-bundled:\n${paths}`);
  const wasm = ours.filter((r) => r.path.endsWith(".wasm"));
  assert.deepEqual(
    wasm.map(({ path, status, type }) => ({ path: path.replace(/^.*(?=\/node_modules\/)/, ""), status, type })),
    [{ path: "/node_modules/edge-oauth/edge_oauth_bg.wasm", status: 200, type: "application/wasm" }],
    paths,
  );
});

test("the dev server stops on SIGTERM and leaves no process", async () => {
  const { gentle, empty } = await stopDev(dev);
  assert.ok(empty, `processes of Vite's group ${dev.child.pid} are left`);
  assert.ok(gentle, "Vite needed SIGKILL");
  const refused = await fetch(dev.url).then(() => false, () => true);
  assert.ok(refused, `${dev.url} still answers`);
});
