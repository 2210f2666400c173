// The built package, by its bare name, in every JS runtime besides workerd and browsers (those
// have their own suites): Node (ESM and `require`), Deno, Bun and Vercel's Edge Runtime. Each
// runs scenario.mjs against the mock, offline, and prints one JSON line that is checked here,
// along with the requests the mock saw. The runtimes are pinned in this folder's package.json:
// `cd tests/runtimes && npm ci` (as `make test-runtimes` does).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startMock } from "../mock/server.mjs";
import { MOCK_BOT_TOKEN, MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { CREDENTIALS } from "./scenario.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const bin = (name) => join(here, "node_modules", ".bin", name);
const PINNED = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).devDependencies;

let mock;
let denoDir;
before(async () => {
  for (const name of ["deno", "bun", "edge-runtime"]) {
    assert.ok(existsSync(bin(name)), `${bin(name)} is missing: run \`cd tests/runtimes && npm ci\``);
  }
  assert.ok(existsSync(join(root, "node_modules", "edge-oauth", "package.json")), "the package is not built: run `make build`");
  mock = await startMock();
  denoDir = mkdtempSync(join(tmpdir(), "edge-oauth-deno-"));
});
after(async () => {
  await mock?.close();
  if (denoDir) rmSync(denoDir, { recursive: true, force: true });
});

// A runtime still running after this is stopped as hung: a bound, not a budget (each run takes a
// second or two; Deno or Bun starting on a busy machine, several times that).
const HANG_MS = 120_000;

/** Runs `command` with the mock's URL in MOCK_URL; resolves with its exit code and output. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const env = {
      ...process.env, MOCK_URL: mock.url, NO_COLOR: "1",
      DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", DO_NOT_TRACK: "1",
    };
    const child = spawn(command, args, { cwd: here, env, stdio: ["ignore", "pipe", "pipe"], timeout: HANG_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => { stdout += chunk; });
    child.stderr.on("data", (chunk) => { stderr += chunk; });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const mockPort = () => new URL(mock.url).port;
const deno = (script) => [bin("deno"), [
  "run", "--no-remote", "--no-lock", "--node-modules-dir=manual", `--allow-net=127.0.0.1:${mockPort()}`,
  "--allow-env=MOCK_URL", `--allow-read=${root}`, script,
]];
const bun = (script) => [bin("bun"), ["run", "--no-install", script]];

// Each runtime, the file the package's `exports` give it, and how it is started.
const RUNTIMES = [
  { name: "Node, import", version: `node ${process.versions.node}`, entry: "node.mjs", start: () => [process.execPath, ["run.mjs"]] },
  { name: "Node, require", version: `node ${process.versions.node}`, entry: "node.mjs", start: () => [process.execPath, ["run-require.cjs"]] },
  { name: "Deno, import", version: `deno ${PINNED.deno}`, entry: "node.mjs", start: () => deno("run.mjs") },
  { name: "Deno, require", version: `deno ${PINNED.deno}`, entry: "node.mjs", start: () => deno("run-require.cjs") },
  { name: "Bun, import", version: `bun ${PINNED.bun}`, entry: "node.mjs", start: () => bun("run.mjs") },
  { name: "Bun, require", version: `bun ${PINNED.bun}`, entry: "node.mjs", start: () => bun("run-require.cjs") },
  { name: "Edge Runtime (Vercel)", version: `edge-runtime ${PINNED["edge-runtime"]}`, entry: "workerd.mjs", start: () => [process.execPath, ["run-edge.mjs"]] },
];

// What every runtime must get: the mock's answers and the package's errors, field for field.
const EXPECTED = {
  exchange: { value: { ok: true, team: "T0MOCK", bot: "xoxb-mock-", user: "xoxp-mock-" } },
  lookup: { value: { ok: true, external_token: "ext-token-for-Et-ok" } },
  stytch: { value: { status_code: 200, provider_type: "Slack", bot_access_token: "xoxb-stytch-saved-bot", access_token_expires_in: null } },
  platformError: {
    error: { isError: true, name: "EdgeOAuthError", kind: "platform", provider: "slack", method: "oauth.v2.access", code: "invalid_code", status: 200 },
  },
  validationError: {
    error: { isError: true, name: "EdgeOAuthError", kind: "validation", provider: "slack", method: "oauth.v2.access", code: "missing_param", field: "client_secret" },
  },
  isEdgeOAuthErrorRejectsPlainErrors: true,
};
// The validation error sends nothing: four requests, in this order.
const REQUESTS = [
  "POST /api/oauth.v2.access",
  "POST /api/apps.auth.external.get",
  "GET /v1/b2b/organizations/organization-test-1/members/member-test-1/oauth_providers/slack",
  "POST /api/oauth.v2.access",
];

test("the scenario uses the mock's credentials", () => {
  assert.deepEqual(CREDENTIALS, {
    client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET, bot_token: MOCK_BOT_TOKEN, project_id: MOCK_PROJECT_ID, secret: MOCK_SECRET,
  });
});

test("engines.node is the first Node 20 whose require() loads ES modules, and this Node meets it", () => {
  const { engines } = JSON.parse(readFileSync(join(root, "pkg-template", "package.json"), "utf8"));
  assert.equal(engines.node, ">=20.19");
  const [major, minor] = process.versions.node.split(".").map(Number);
  assert.ok(major > 20 || (major === 20 && minor >= 19), `Node ${process.versions.node} is older than 20.19`);
});

// One at a time, so the requests the mock records belong to one runtime.
describe("each runtime runs the scenario by the bare name `edge-oauth`", { concurrency: 1 }, () => {
  for (const runtime of RUNTIMES) {
    test(runtime.name, async () => {
      mock.reset();
      const [command, args] = runtime.start();
      const { code, signal, stdout, stderr } = await run(command, args);
      const context = `exit ${code ?? signal}\nstdout: ${stdout}\nstderr: ${stderr}`;
      assert.equal(code, 0, context);
      const lines = stdout.trim().split("\n");
      const report = JSON.parse(lines[lines.length - 1]);
      assert.equal(report.runtime, runtime.version, context);
      const entry = report.entry.startsWith("file:") ? fileURLToPath(report.entry) : report.entry;
      assert.equal(realpathSync(entry), realpathSync(join(root, "node_modules", "edge-oauth", runtime.entry)), "the entry the exports chose");
      for (const step of ["platformError", "validationError"]) delete report.results[step]?.message;
      assert.deepEqual(report.results, EXPECTED, context);
      assert.deepEqual(mock.requests.map((request) => `${request.method} ${request.rawPath}`), REQUESTS);
    });
  }
});
