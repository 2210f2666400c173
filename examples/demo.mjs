// `make demo`: the example Worker in local workerd, against the project's mock of Slack and
// Stytch, or, when examples/worker/.dev.vars exists, against the real ones with its credentials.
//
//   node examples/demo.mjs [--no-build]
//
// In order, so that a demo that cannot run stops before it changes anything: it checks
// .dev.vars, takes its ports (DEMO_PORT, default 8787, for the Worker; MOCK_PORT, default 8790,
// for the mock), and only then builds the package and the page (`make web`, skipped with
// --no-build) and starts `wrangler dev`. A second demo therefore stops at the ports, with one
// line, and never rebuilds pkg/ under the one that runs.
//
// Environment: DEMO_PORT, MOCK_PORT; ADMIN_TOKEN (mock mode: the admin token to use instead of a
// random one); DEMO_DEV_VARS (another file instead of examples/worker/.dev.vars); DEMO_STATE_DIR
// (where local KV and Durable Objects live; default .wrangler/demo-state, with mock/ and real/
// kept apart); DEMO_EXIT_AFTER_START (stop once the banner is printed, for tests).
import { spawnSync } from "node:child_process";
import { relative } from "node:path";
import { startMock } from "../tests/mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../tests/mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../tests/mock/stytch.mjs";
import { DEV_VARS, devVarsProblems, listenOn, mockVars, portIsFree, randomSecret, readDevVars, startWorker, weakSecret } from "./worker/dev.mjs";

const root = new URL("../", import.meta.url).pathname;
const build = !process.argv.includes("--no-build");
let mock = null;
let worker = null;
let stopping = false;

// Ctrl-C or SIGTERM at any point: the Worker stops, the mock closes, no temporary file is left.
async function stop() {
  if (stopping) return;
  stopping = true;
  await worker?.stop();
  await mock?.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

function fail(message) {
  console.error(`make demo: ${message}`);
  process.exit(1);
}

function portSetting(name, fallback) {
  const text = process.env[name] || String(fallback);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) fail(`${name}=${text} is not a port number (1-65535)`);
  return port;
}

// 1. The settings, before anything else.
const port = portSetting("DEMO_PORT", 8787);
const mockPort = portSetting("MOCK_PORT", 8790);
const devVarsPath = process.env.DEMO_DEV_VARS || DEV_VARS;
const devVars = readDevVars(devVarsPath);
const real = devVars !== null;
const shownPath = relative(process.cwd(), devVarsPath) || devVarsPath;
if (real) {
  const problems = devVarsProblems(devVars);
  if (problems.length) {
    fail(`${shownPath} is there, so the demo would talk to real Slack and Stytch, but it is not ready:\n`
      + problems.map((problem) => `  - ${problem}\n`).join("")
      + `Fill it in (see .dev.vars.example), or remove it to run against the mock.`);
  }
} else if (process.env.ADMIN_TOKEN !== undefined) {
  const weak = weakSecret("ADMIN_TOKEN", process.env.ADMIN_TOKEN);
  if (weak) fail(`${weak}; leave ADMIN_TOKEN unset for a random one.`);
}
if (!real && port === mockPort) fail(`DEMO_PORT and MOCK_PORT are both ${port}; give them different ports.`);

// 2. The ports, taken now and held through the build: the Worker's by a placeholder, the mock's
// by the mock itself.
const taken = (name, port) => (error) => {
  if (error.code === "EADDRINUSE") return null;
  fail(`cannot listen on 127.0.0.1:${port} (${name}): ${error.code ?? error.message}`);
};
const placeholder = await listenOn(port).catch(taken("DEMO_PORT", port));
mock = real ? null : await startMock({ port: mockPort }).catch(taken("MOCK_PORT", mockPort));
const busy = [...(placeholder ? [] : [`${port} (DEMO_PORT)`]), ...(real || mock ? [] : [`${mockPort} (MOCK_PORT)`])];
if (busy.length) {
  placeholder?.close();
  await mock?.close();
  const [demoFree, mockFree] = await suggestPorts([[port, !placeholder], ...(real ? [] : [[mockPort, !mock]])]);
  fail(`${busy.length > 1 ? "ports" : "port"} ${busy.join(" and ")} ${busy.length > 1 ? "are" : "is"} already in use on 127.0.0.1, `
    + `perhaps by another demo. Stop it, or pick free ports: DEMO_PORT=${demoFree}${real ? "" : ` MOCK_PORT=${mockFree}`} make demo`);
}

// 3. The package and the page the Worker serves.
if (build) {
  const made = spawnSync("make", ["--no-print-directory", "web"], { cwd: root, stdio: "inherit" });
  if (made.status !== 0) {
    placeholder.close();
    await mock?.close();
    fail(`\`make web\` failed (${made.status ?? made.signal}); nothing was started.`);
  }
}

// 4. The Worker, with this run's secrets in mock mode and .dev.vars's in real mode, each mode
// with its own local KV and Durable Objects (mock installations never reach real mode).
const adminToken = real ? devVars.ADMIN_TOKEN : process.env.ADMIN_TOKEN ?? randomSecret();
const vars = real ? devVars : {
  ...mockVars(mock.url, { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, projectId: MOCK_PROJECT_ID, stytchSecret: MOCK_SECRET }),
  STATE_SECRET: randomSecret(),
  ADMIN_TOKEN: adminToken,
  // A user scope too, so that the install stores U0MOCK's user token for the banner's
  // /users/U0MOCK/token line (wrangler.toml asks for none).
  SLACK_USER_SCOPES: "identity.basic",
};
const stateDir = `${process.env.DEMO_STATE_DIR || `${root}.wrangler/demo-state`}/${real ? "real" : "mock"}`;
await new Promise((resolve) => placeholder.close(resolve));
try {
  worker = await startWorker({ port, vars, persistTo: stateDir, log: real });
} catch (error) {
  await mock?.close();
  fail(`the Worker did not start. ${error.message}`);
}
worker.exited.then(async (code) => {
  if (stopping) return;
  await mock?.close();
  fail(`wrangler dev stopped (${code}); the demo is over.\n${worker.output()}`);
});

console.log(`
  edge-oauth demo: the example Worker runs in local workerd${real ? ` against real Slack and Stytch (${shownPath})` : ` against the mock on ${mock.url}`}

  Open ${worker.url}/ in a browser:
    - "Sign in with Slack" runs PKCE in the page (no secret in the browser);
    - "Sign in with Slack, through the Worker" runs its OpenID Connect flow and checks the id_token;
    - "Add to Slack" runs the Worker's install flow; ${real ? "Slack asks you to allow the app." : `on the mock's page click "Allow" (or "Cancel").`}
${real ? `
  Add ${worker.url}/slack/oauth_redirect and ${worker.url}/ to the Slack app's redirect URLs.
  The admin token is ADMIN_TOKEN in ${shownPath}.` : `
  Then, with the admin token ${adminToken}:
    curl -H 'authorization: Bearer ${adminToken}' ${worker.url}/api/installations/T0MOCK
    curl -H 'authorization: Bearer ${adminToken}' ${worker.url}/api/installations/T0MOCK/token
    curl -H 'authorization: Bearer ${adminToken}' -d '{"team_id":"T0MOCK","external_token_id":"Et-demo"}' ${worker.url}/api/external-token
    curl -H 'authorization: Bearer ${adminToken}' ${worker.url}/api/installations/T0MOCK/users/U0MOCK/token
    curl -H 'authorization: Bearer ${adminToken}' ${worker.url}/api/stytch/organization-test-1/member-test-1/slack
    curl -X DELETE -H 'authorization: Bearer ${adminToken}' ${worker.url}/api/installations/T0MOCK
  Slack's events go to POST ${worker.url}/slack/events, signed with SLACK_SIGNING_SECRET=${vars.SLACK_SIGNING_SECRET}.`}
  Stop with Ctrl-C. The Worker's log follows.
`);
worker.follow();

if (process.env.DEMO_EXIT_AFTER_START) await stop();

/** For each `[port, busy]`: the port itself if it is free, else the first free one above it. */
async function suggestPorts(ports) {
  const taken = new Set(ports.map(([port]) => port));
  const found = [];
  for (const [start, busy] of ports) {
    if (!busy) {
      found.push(start);
      continue;
    }
    let candidate = start + 1;
    while (candidate < 65535 && (taken.has(candidate) || !(await portIsFree(candidate)))) candidate++;
    taken.add(candidate);
    found.push(candidate);
  }
  return found;
}
