// The README's Install section as a newcomer follows it, until the package is on the registry:
// the tarball of pkg/ (what `make pack` makes) installed into a new project, by npm for Node and
// Deno and by `bun add` for Bun, each in a temporary directory, then imported by its bare name
// and used against the mock. The installed package is a copy, not a link to pkg/ (which every
// `make build` removes while it runs).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { crateVersion } from "../../scripts/release-notes.mjs";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { packageBuilt } from "../package/built.mjs";

const root = new URL("../../", import.meta.url).pathname;
const runtimes = join(root, "tests/runtimes/node_modules/.bin");
const run = promisify(execFile);
const HANG_MS = 120_000;
const tarball = `edge-oauth-${crateVersion()}.tgz`;

// What the user's program does: an import by the bare name, the flow helpers, a code exchange.
const PROGRAM = `import { SlackClient, pkcePair, slackAuthorizeUrl } from "edge-oauth";
const { code_challenge } = await pkcePair();
const url = new URL(slackAuthorizeUrl({ client_id: "1.2", scope: "commands", code_challenge }));
const slack = new SlackClient(undefined, { slackApiUrl: process.env.SLACK_API_URL });
const answer = await slack.oauth.v2.access({ client_id: process.env.SLACK_CLIENT_ID, client_secret: process.env.SLACK_CLIENT_SECRET, code: "good" });
console.log(JSON.stringify({ host: url.host, team: answer.team.id }));
`;

let dir;
let mock;
before(async () => {
  await packageBuilt();
  dir = mkdtempSync(join(tmpdir(), "edge-oauth-install-"));
  // `make pack`'s command, into the temporary directory.
  await run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir, "--loglevel=warn"], { cwd: join(root, "pkg") });
  mock = await startMock();
});
after(async () => {
  await mock?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A new project with the tarball copied in, as the README says. */
function project(name) {
  const app = join(dir, name);
  mkdirSync(app);
  copyFileSync(join(dir, tarball), join(app, tarball));
  writeFileSync(join(app, "package.json"), `${JSON.stringify({ name: `app-${name}`, private: true, type: "module" }, null, 2)}\n`);
  writeFileSync(join(app, "main.mjs"), PROGRAM);
  return app;
}

const env = () => ({ ...process.env, NO_COLOR: "1", SLACK_API_URL: `${mock.url}/api/`, SLACK_CLIENT_ID: MOCK_CLIENT_ID, SLACK_CLIENT_SECRET: MOCK_CLIENT_SECRET });
const exec = (command, args, cwd) => run(command, args, { cwd, env: env(), timeout: HANG_MS });

/** The package as installed: a real directory, the tarball recorded as the dependency. */
function assertInstalled(app, dependency) {
  const installed = join(app, "node_modules/edge-oauth");
  assert.ok(lstatSync(installed).isDirectory() && !lstatSync(installed).isSymbolicLink(), "a copy, not a link");
  assert.equal(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).version, crateVersion());
  assert.equal(JSON.parse(readFileSync(join(app, "package.json"), "utf8")).dependencies["edge-oauth"], dependency);
}

const EXPECTED = { host: "slack.com", team: "T0MOCK" };

test(`Node: npm install ./${tarball}`, async () => {
  const app = project("node");
  await exec("npm", ["install", `./${tarball}`, "--no-audit", "--no-fund", "--loglevel=warn"], app);
  assertInstalled(app, `file:${tarball}`);
  const { stdout } = await exec("node", ["main.mjs"], app);
  assert.deepEqual(JSON.parse(stdout), EXPECTED);
});

const deno = join(runtimes, "deno");
// `deno install` links a `file:` tarball instead of unpacking it (Deno 2.9), and `deno add
// npm:edge-oauth` needs the registry: npm installs it, and Deno reads that node_modules.
test(`Deno: npm install ./${tarball}, then deno run`, { skip: !existsSync(deno) && "no Deno in tests/runtimes/node_modules" }, async () => {
  const app = project("deno");
  await exec("npm", ["install", `./${tarball}`, "--no-audit", "--no-fund", "--loglevel=warn"], app);
  assertInstalled(app, `file:${tarball}`);
  const { stdout } = await exec(deno, ["run", "--allow-net", "--allow-env", "--allow-read", "main.mjs"], app);
  assert.deepEqual(JSON.parse(stdout), EXPECTED);
});

const bun = join(runtimes, "bun");
test(`Bun: bun add ./${tarball}`, { skip: !existsSync(bun) && "no Bun in tests/runtimes/node_modules" }, async () => {
  const app = project("bun");
  await exec(bun, ["add", `./${tarball}`], app);
  assertInstalled(app, `./${tarball}`);
  const { stdout } = await exec(bun, ["main.mjs"], app);
  assert.deepEqual(JSON.parse(stdout), EXPECTED);
});
