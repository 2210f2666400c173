// `make demo` (examples/demo.mjs) as a user meets it: a second demo, busy ports, a .dev.vars
// left as the example's placeholders or with weak secrets, real and mock mode one after the
// other. Each demo runs the Worker in local workerd (`wrangler dev`) on free loopback ports, with
// its state in a temporary directory, and never builds: `make` is a stand-in that records when
// it ran. Needs pkg/ and examples/web/dist (`make web`).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { freePort, mockVars, randomSecret, startWorker } from "../../examples/worker/dev.mjs";

const root = new URL("../../", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "edge-oauth-demo-test-"));
const makeLog = join(work, "make.log");
const noDevVars = join(work, "absent.dev.vars");

// A `make` that records its arguments and whether the demo's two ports were held when it ran.
const fakeBin = join(work, "bin");
execFileSync("mkdir", ["-p", fakeBin]);
writeFileSync(join(fakeBin, "make"), `#!/usr/bin/env node
const net = require("node:net");
const held = (port) => new Promise((resolve) => {
  const server = net.createServer();
  server.once("error", () => resolve(true));
  server.listen(Number(port), "127.0.0.1", () => server.close(() => resolve(false)));
});
(async () => {
  const entry = { args: process.argv.slice(2), demoPortHeld: await held(process.env.DEMO_PORT), mockPortHeld: await held(process.env.MOCK_PORT) };
  require("node:fs").appendFileSync(${JSON.stringify(makeLog)}, JSON.stringify(entry) + "\\n");
})();
`);
chmodSync(join(fakeBin, "make"), 0o755);
const makeRuns = () => (existsSync(makeLog) ? readFileSync(makeLog, "utf8").trim().split("\n").map((line) => JSON.parse(line)) : []);

const runs = new Set();
// How long a demo may take to start or to exit before it counts as hung: a bound, not a budget
// (wrangler dev starts in a few seconds; on a busy machine, several times that).
const HANG_MS = 120_000;

/** Runs examples/demo.mjs; `env` adds to (or, with undefined, removes from) its environment. */
function demo({ ports, env = {}, build = false, stateDir = join(work, "state") }) {
  const childEnv = {
    ...process.env,
    PATH: `${fakeBin}:${process.env.PATH}`,
    DEMO_PORT: String(ports.demo),
    MOCK_PORT: String(ports.mock),
    DEMO_STATE_DIR: stateDir,
    DEMO_DEV_VARS: noDevVars,
    ...env,
  };
  delete childEnv.ADMIN_TOKEN;
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name]; else childEnv[name] = value;
  const child = spawn(process.execPath, [`${root}examples/demo.mjs`, ...(build ? [] : ["--no-build"])], { cwd: root, env: childEnv });
  const run = { child, stdout: "", stderr: "", url: `http://127.0.0.1:${ports.demo}` };
  runs.add(run);
  child.stdout.on("data", (chunk) => { run.stdout += chunk; });
  child.stderr.on("data", (chunk) => { run.stderr += chunk; });
  run.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  /** Resolves with the banner's admin token (mock mode) once the demo says it is running. */
  run.started = async (timeout = HANG_MS) => {
    const deadline = Date.now() + timeout;
    while (!run.stdout.includes("Stop with Ctrl-C.")) {
      if (child.exitCode !== null) throw new Error(`the demo exited (${child.exitCode}):\n${run.stdout}\n${run.stderr}`);
      if (Date.now() > deadline) throw new Error(`the demo did not start:\n${run.stdout}\n${run.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return /with the admin token (\S+):/.exec(run.stdout)?.[1];
  };
  /** The exit code, or "still running" (and then stopped) after `ms`. */
  run.finished = async (ms = HANG_MS) => {
    let timer;
    const late = new Promise((resolve) => { timer = setTimeout(resolve, ms, "still running"); });
    const outcome = await Promise.race([run.exited, late]);
    clearTimeout(timer);
    if (outcome === "still running") await run.stop();
    return outcome;
  };
  run.stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    return run.exited;
  };
  return run;
}

async function freePorts() {
  return { demo: await freePort(), mock: await freePort() };
}

/** Every process's command line and environment (what `ps -ef` and `ps e` show). */
function processes() {
  return readdirSync("/proc").filter((name) => /^\d+$/.test(name)).flatMap((pid) => {
    try {
      return [{ pid, cmdline: readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "), environ: readFileSync(`/proc/${pid}/environ`, "utf8") }];
    } catch {
      return []; // gone meanwhile
    }
  });
}

/** Asserts that no process shows any of `secrets` in its command line or environment. */
function assertNowhereInProcesses(secrets, what) {
  const ps = execFileSync("ps", ["-ef", "-ww"], { encoding: "utf8" });
  const all = processes();
  assert.ok(all.some((p) => p.cmdline.includes("wrangler") && p.cmdline.includes(" dev ")), "wrangler dev is running");
  for (const secret of secrets) {
    assert.ok(!ps.includes(secret), `${what}: \`ps -ef\` shows a secret`);
    for (const p of all) {
      assert.ok(!p.cmdline.includes(secret), `${what}: process ${p.pid}'s command line holds a secret: ${p.cmdline.slice(0, 200)}`);
      assert.ok(!p.environ.includes(secret), `${what}: process ${p.pid}'s environment holds a secret: ${p.cmdline.slice(0, 200)}`);
    }
  }
  for (const p of all.filter((p) => p.cmdline.includes("wrangler") && p.cmdline.includes(" dev "))) {
    assert.ok(!/--var\b|STATE_SECRET|ADMIN_TOKEN|SLACK_CLIENT_SECRET|STYTCH_SECRET/.test(p.cmdline), p.cmdline);
  }
}

/** The private .dev.vars files of the `wrangler dev` serving `port` (next to its --config). */
function devVarsInUse(port) {
  return processes().filter((p) => p.cmdline.includes(` --port ${port} `))
    .map((p) => / --config (\S+)\/wrangler\.toml /.exec(p.cmdline)?.[1]).filter(Boolean).map((dir) => `${dir}/.dev.vars`);
}

/** "Add to Slack" through the demo's Worker and its mock, clicking Allow; returns the final page. */
async function installThroughMock(url) {
  const install = await fetch(`${url}/slack/install`, { redirect: "manual" });
  assert.equal(install.status, 302);
  const authorizeUrl = new URL(install.headers.get("location"));
  const form = new URLSearchParams({ ...Object.fromEntries(authorizeUrl.searchParams), decision: "allow" });
  const back = await fetch(`${authorizeUrl.origin}${authorizeUrl.pathname}`, { method: "POST", body: form, redirect: "manual" });
  // The flow is bound to the browser that started it: send back its cookie.
  const cookie = install.headers.get("set-cookie").split(";")[0];
  return fetch(back.headers.get("location"), { redirect: "manual", headers: { cookie } });
}

const lookup = (url, token, team = "T0MOCK") => fetch(`${url}/api/installations/${team}`, { headers: { authorization: `Bearer ${token}` } });

// Whatever a failed test left running is stopped (a demo stops its Worker and mock on SIGTERM).
after(async () => {
  await Promise.all([...runs].map((run) => run.stop()));
  rmSync(work, { recursive: true, force: true });
});

describe("a demo that is already running", () => {
  let ports, first, token;
  before(async () => {
    rmSync(makeLog, { force: true });
    ports = await freePorts();
    first = demo({ ports });
    token = await first.started();
  });
  after(async () => {
    const files = devVarsInUse(ports.demo);
    assert.ok(files.length > 0);
    assert.equal(await first.stop(), 0);
    for (const file of files) assert.ok(!existsSync(file), `${file} is removed when wrangler stops`);
  });

  test("a second demo on the same ports says so in one line naming DEMO_PORT and MOCK_PORT, and builds nothing", async () => {
    const other = await freePorts();
    for (const [which, clash] of [["both", ports], ["DEMO_PORT", { demo: ports.demo, mock: other.mock }], ["MOCK_PORT", { demo: other.demo, mock: ports.mock }]]) {
      const second = demo({ ports: clash, build: true });
      assert.equal(await second.finished(), 1, which);
      const lines = second.stderr.trim().split("\n");
      assert.equal(lines.length, 1, `${which}: one line, not a stack trace:\n${second.stderr}`);
      assert.match(lines[0], /already in use on 127\.0\.0\.1/);
      assert.match(lines[0], /DEMO_PORT=\d+ MOCK_PORT=\d+ make demo$/, "names both settings");
      if (which !== "MOCK_PORT") assert.match(lines[0], new RegExp(`${ports.demo} \\(DEMO_PORT\\)`));
      if (which !== "DEMO_PORT") assert.match(lines[0], new RegExp(`${ports.mock} \\(MOCK_PORT\\)`));
      assert.equal(second.stdout, "", `${which}: no banner, no admin token`);
    }
    assert.deepEqual(makeRuns(), [], "nothing was rebuilt under the running demo");
    assert.equal((await lookup(first.url, token, "T999")).status, 404, "the first demo still answers with its own token");
  });

  test("readiness is checked against this run's own Worker, not whatever holds the port", async () => {
    assert.equal((await fetch(`${first.url}/config.json`)).status, 200, "the port answers, as it did for the old readiness check");
    const vars = { ...mockVars("http://127.0.0.1:9", { clientId: "c", clientSecret: "s", projectId: "p", stytchSecret: "t" }), STATE_SECRET: randomSecret(), ADMIN_TOKEN: randomSecret() };
    const outcome = await startWorker({ port: ports.demo, vars }).then(async (worker) => {
      await worker.stop();
      return new Error("started, on a port another demo holds");
    }, (error) => error);
    assert.match(outcome.message, /^wrangler dev exited \(1\) before its Worker answered/);
  });

  test("no secret is on a command line (`ps -ef`) or in a process's environment; the .dev.vars wrangler reads is private", () => {
    assertNowhereInProcesses([token], "mock mode");
    const [file] = devVarsInUse(ports.demo);
    assert.ok(file && !file.startsWith(root), "wrangler reads a .dev.vars of its own, outside the repository");
    assert.equal(statSync(file).mode & 0o077, 0, "only its owner can read it");
    assert.equal(statSync(join(file, "..", "..")).mode & 0o077, 0, "nor list its directory");
    assert.match(readFileSync(file, "utf8"), new RegExp(`^ADMIN_TOKEN='${token}'$`, "m"));
    assert.ok(token.length >= 32, "the printed admin token is at least 32 characters");
  });
});

describe("a .dev.vars that is not ready is refused before anything starts", () => {
  const example = readFileSync(`${root}examples/worker/.dev.vars.example`, "utf8");
  const filled = {
    SLACK_CLIENT_ID: "111.222",
    SLACK_CLIENT_SECRET: "a-real-looking-client-secret",
    STATE_SECRET: "x".repeat(32),
    ADMIN_TOKEN: "y".repeat(32),
    STYTCH_PROJECT_ID: "project-test-0000",
    STYTCH_SECRET: "secret-test-0000",
  };
  const cases = [
    ["copied from the example", example, [
      "SLACK_CLIENT_ID is still the placeholder from .dev.vars.example",
      "SLACK_CLIENT_SECRET is still the placeholder from .dev.vars.example",
      "SLACK_SIGNING_SECRET is still the placeholder from .dev.vars.example",
      "TOKEN_KEYS is still the placeholder from .dev.vars.example",
      "STYTCH_PROJECT_ID is still the placeholder from .dev.vars.example",
      "STYTCH_SECRET is still the placeholder from .dev.vars.example",
      "STATE_SECRET is missing or empty",
      "ADMIN_TOKEN is missing or empty",
    ]],
    ["with a 31-byte STATE_SECRET and no ADMIN_TOKEN", lines({ ...filled, STATE_SECRET: "x".repeat(31), ADMIN_TOKEN: undefined }), [
      "STATE_SECRET is 31 bytes long; it needs at least 32 (openssl rand -hex 32)",
      "ADMIN_TOKEN is missing or empty",
    ]],
    ["with a short ADMIN_TOKEN in quotes", `${lines({ ...filled, ADMIN_TOKEN: undefined })}ADMIN_TOKEN="too-short"\n`, [
      "ADMIN_TOKEN is 9 bytes long; it needs at least 32 (openssl rand -hex 32)",
    ]],
  ];
  for (const [name, text, problems] of cases) {
    test(name, async () => {
      rmSync(makeLog, { force: true });
      const file = join(work, `${name.replace(/\W+/g, "-")}.dev.vars`);
      writeFileSync(file, text);
      const run = demo({ ports: await freePorts(), build: true, env: { DEMO_DEV_VARS: file } });
      assert.equal(await run.finished(), 1);
      assert.equal(run.stdout, "", "no banner: nothing tells you to click Allow");
      assert.match(run.stderr, /would talk to real Slack and Stytch, but it is not ready:/);
      const listed = run.stderr.split("\n").filter((line) => line.startsWith("  - ")).map((line) => line.slice(4));
      assert.deepEqual(listed, problems);
      assert.match(run.stderr, /Fill it in \(see \.dev\.vars\.example\), or remove it to run against the mock\.\n$/);
      for (const value of Object.values(filled)) assert.ok(!run.stderr.includes(value), "values are never printed");
      assert.deepEqual(makeRuns(), [], "nothing was built");
    });
  }

  test("in mock mode, a short ADMIN_TOKEN from the environment is refused", async () => {
    const run = demo({ ports: await freePorts(), env: { ADMIN_TOKEN: "short-token" } });
    assert.equal(await run.finished(), 1);
    assert.equal(run.stderr, "make demo: ADMIN_TOKEN is 11 bytes long; it needs at least 32 (openssl rand -hex 32); leave ADMIN_TOKEN unset for a random one.\n");
  });

  function lines(vars) {
    return Object.entries(vars).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value}\n`).join("");
  }
});

test("the build runs after the checks, while both ports are held, then the Worker starts", async () => {
  rmSync(makeLog, { force: true });
  const ports = await freePorts();
  const run = demo({ ports, build: true, env: { DEMO_EXIT_AFTER_START: "1" } });
  assert.equal(await run.finished(), 0, run.stderr);
  assert.match(run.stdout, /with the admin token \S{32,}:/);
  assert.deepEqual(makeRuns(), [{ args: ["--no-print-directory", "web"], demoPortHeld: true, mockPortHeld: true }]);
});

/** The banner's `curl` lines as fetch calls: method, URL, headers and body, as curl sends them. */
function bannerCurls(stdout) {
  return stdout.split("\n").filter((line) => line.trim().startsWith("curl ")).map((line) => {
    const headers = Object.fromEntries([...line.matchAll(/-H '([^:']+): ([^']*)'/g)].map(([, name, value]) => [name, value]));
    const body = /-d '([^']*)'/.exec(line)?.[1];
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded"; // curl -d's
    const method = /-X (\w+)/.exec(line)?.[1] ?? (body === undefined ? "GET" : "POST");
    return { line: line.trim(), url: /(http:\/\/\S+)\s*$/.exec(line)[1], init: { method, headers, body } };
  });
}

test("after an install, every curl line of the mock-mode banner answers 2xx, logged; the favicon is no 404", async () => {
  const ports = await freePorts();
  const run = demo({ ports, stateDir: join(work, "banner") });
  await run.started();
  const installed = await installThroughMock(run.url);
  assert.equal(installed.status, 200, await installed.text());
  const curls = bannerCurls(run.stdout);
  assert.equal(curls.length, 6);
  assert.ok(curls.some(({ url }) => url.endsWith("/users/U0MOCK/token")), "the user token line is there");
  for (const { line, url, init } of curls) {
    const answer = await fetch(url, init);
    assert.ok(answer.status >= 200 && answer.status < 300, `${line}: ${answer.status} ${await answer.text()}`);
  }
  assert.equal((await fetch(`${run.url}/favicon.ico`)).status, 204);
  assert.equal(await run.stop(), 0);
  // The Worker's log follows the banner: the requests above, and none of the tokens they read.
  const log = run.stdout.slice(run.stdout.indexOf("Stop with Ctrl-C."));
  assert.match(log, /GET \/favicon\.ico 204/);
  assert.doesNotMatch(log, /xox[abpe]/);
});

test("mock and real mode keep separate state; real mode's .dev.vars never reaches a command line", async () => {
  const stateDir = join(work, "modes");
  const ports = await freePorts();

  const mockRun = demo({ ports, stateDir });
  const mockToken = await mockRun.started();
  const installed = await installThroughMock(mockRun.url);
  assert.equal(installed.status, 200, await installed.text());
  assert.equal((await lookup(mockRun.url, mockToken)).status, 200);
  assert.equal(await mockRun.stop(), 0);

  // Real mode, with secrets that must reach the Worker verbatim (quotes, $NAME: the readiness
  // check uses ADMIN_TOKEN), and every provider URL on a loopback port nothing listens on.
  const real = {
    SLACK_CLIENT_ID: "111.222",
    SLACK_CLIENT_SECRET: `client-secret-${randomSecret()}`,
    STATE_SECRET: `state-$HOME-${randomSecret()}`,
    ADMIN_TOKEN: `admin-$PATH-'quoted'-${randomSecret()}`,
    STYTCH_PROJECT_ID: "project-test-0000",
    STYTCH_SECRET: `stytch-secret-${randomSecret()}`,
    SLACK_API_URL: "http://127.0.0.1:9/api/",
    SLACK_AUTHORIZE_URL: "http://127.0.0.1:9/oauth/v2/authorize",
    STYTCH_BASE_URL: "http://127.0.0.1:9",
  };
  const devVars = join(work, "real.dev.vars");
  writeFileSync(devVars, Object.entries(real).map(([key, value]) => `${key}=${value.includes("'") ? `"${value}"` : value}\n`).join(""));
  const realRun = demo({ ports, stateDir, env: { DEMO_DEV_VARS: devVars } });
  await realRun.started();
  assert.match(realRun.stdout, /against real Slack and Stytch/);
  const lookedUp = await lookup(realRun.url, real.ADMIN_TOKEN);
  assert.equal(lookedUp.status, 404, "the mock's installation is not in real mode's state");
  assert.equal((await lookedUp.json()).error.code, "not_found");
  const secrets = [real.SLACK_CLIENT_SECRET, real.STATE_SECRET, real.ADMIN_TOKEN, real.STYTCH_SECRET];
  assertNowhereInProcesses(secrets, "real mode");
  for (const secret of secrets) assert.ok(!realRun.stdout.includes(secret) && !realRun.stderr.includes(secret), "wrangler's output shows no secret");
  assert.equal(await realRun.stop(), 0);

  const mockAgain = demo({ ports, stateDir });
  const tokenAgain = await mockAgain.started();
  assert.notEqual(tokenAgain, mockToken, "each mock run has its own admin token");
  assert.equal((await lookup(mockAgain.url, tokenAgain)).status, 200, "mock mode's state is kept across runs");
  assert.equal((await lookup(mockAgain.url, mockToken)).status, 401, "the last run's token no longer works");
  assert.equal(await mockAgain.stop(), 0);
  assert.deepEqual(readdirSync(stateDir).sort(), ["mock", "real"]);
});

test("a demo started on a port some other server holds stops with the one line too", async () => {
  const squatter = createServer((socket) => socket.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"));
  await new Promise((resolve) => squatter.listen(0, "127.0.0.1", resolve));
  try {
    const run = demo({ ports: { demo: squatter.address().port, mock: await freePort() }, build: true });
    assert.equal(await run.finished(), 1);
    assert.match(run.stderr, /^make demo: port \d+ \(DEMO_PORT\) is already in use on 127\.0\.0\.1, perhaps by another demo\. Stop it, or pick free ports: DEMO_PORT=\d+ MOCK_PORT=\d+ make demo\n$/);
    assert.equal(run.stdout, "");
  } finally {
    squatter.close();
  }
});
