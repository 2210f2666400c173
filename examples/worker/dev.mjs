// Starts the example Worker in local workerd with `wrangler dev`, for `make demo` and the
// end-to-end test. With `mockUrl`, every provider URL points at the project's mock.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

const root = new URL("../../", import.meta.url).pathname;
const workerDir = new URL("./", import.meta.url).pathname;

/** Settings that make the Worker talk to the mock (ids and secrets of the mock app). */
export function mockVars(mockUrl, { clientId, clientSecret, projectId, stytchSecret }) {
  return {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_API_URL: `${mockUrl}/api/`,
    SLACK_AUTHORIZE_URL: `${mockUrl}/oauth/v2/authorize`,
    STYTCH_PROJECT_ID: projectId,
    STYTCH_SECRET: stytchSecret,
    STYTCH_BASE_URL: mockUrl,
  };
}

/** Whether examples/worker/.dev.vars holds real Slack credentials. */
export function hasRealCredentials() {
  const file = `${workerDir}.dev.vars`;
  return existsSync(file) && /^SLACK_CLIENT_ID=\S+/m.test(readFileSync(file, "utf8"));
}

export function randomSecret() {
  return randomBytes(24).toString("base64url");
}

/**
 * Runs `wrangler dev` on 127.0.0.1:`port` with `vars` added, and resolves once the Worker
 * answers. Returns `{ url, stop }`.
 */
export async function startWorker({ port = 8787, vars = {}, persistTo, log = false } = {}) {
  const inspectorPort = await freePort();
  const args = ["dev", "--config", `${workerDir}wrangler.toml`, "--ip", "127.0.0.1", "--port", String(port),
    "--inspector-port", String(inspectorPort), "--show-interactive-dev-session=false"];
  if (persistTo) args.push("--persist-to", persistTo);
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  const child = spawn(`${root}node_modules/.bin/wrangler`, args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    stdio: ["ignore", log ? "inherit" : "pipe", log ? "inherit" : "pipe"],
  });
  let output = "";
  if (!log) for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/config.json`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  if (Date.now() >= deadline) {
    child.kill("SIGTERM");
    throw new Error(`wrangler dev did not answer on ${url} within 90 s:\n${output}`);
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
