// Starts the example Worker in local workerd with `wrangler dev`, for `make demo` and the
// end-to-end tests. With `mockVars`, every provider URL points at the project's mock.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const workerDir = new URL("./", import.meta.url).pathname;

/** Where `make demo` looks for real credentials. */
export const DEV_VARS = `${workerDir}.dev.vars`;

/** The fewest bytes STATE_SECRET and ADMIN_TOKEN may have (the Worker and `signState` refuse fewer). */
export const MIN_SECRET_BYTES = 32;

/** Settings that make the Worker talk to the mock (ids and secrets of the mock app). */
export function mockVars(mockUrl, { clientId, clientSecret, projectId, stytchSecret }) {
  return {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_API_URL: `${mockUrl}/api/`,
    SLACK_AUTHORIZE_URL: `${mockUrl}/oauth/v2/authorize`,
    SLACK_OPENID_AUTHORIZE_URL: `${mockUrl}/openid/connect/authorize`,
    SLACK_OPENID_KEYS_URL: `${mockUrl}/openid/connect/keys`,
    STYTCH_PROJECT_ID: projectId,
    STYTCH_SECRET: stytchSecret,
    STYTCH_BASE_URL: mockUrl,
    // Fixed values for the mock: its installations stay readable from one demo run to the next.
    TOKEN_KEYS: `mock:${"m".repeat(43)}`,
    SLACK_SIGNING_SECRET: "mock-signing-secret-0123456789abcdef",
  };
}

/** 32 random bytes, base64url: 43 characters. */
export function randomSecret() {
  return randomBytes(32).toString("base64url");
}

/** A .dev.vars file's settings, parsed as wrangler parses it (dotenv), or null if there is none. */
export function readDevVars(path = DEV_VARS) {
  return existsSync(path) ? parseDotenv(readFileSync(path, "utf8")) : null;
}

/** dotenv's `parse`, which wrangler uses for .dev.vars and --env-file. */
export function parseDotenv(text) {
  const line = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;
  const result = {};
  const lines = text.replace(/\r\n?/g, "\n");
  let match;
  while ((match = line.exec(lines)) !== null) {
    const raw = (match[2] ?? "").trim();
    let value = raw.replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
    if (raw[0] === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
    result[match[1]] = value;
  }
  return result;
}

/** Why `name`'s value is not a usable secret, or null. Names the problem, never the value. */
export function weakSecret(name, value) {
  if (!value) return `${name} is missing or empty`;
  const bytes = Buffer.byteLength(value);
  return bytes < MIN_SECRET_BYTES ? `${name} is ${bytes} bytes long; it needs at least ${MIN_SECRET_BYTES} (openssl rand -hex 32)` : null;
}

/**
 * What is wrong with real credentials in .dev.vars, one sentence each (empty when nothing is):
 * a value still the example's placeholder, a Slack credential missing, STATE_SECRET or ADMIN_TOKEN
 * missing or shorter than 32 bytes.
 */
export function devVarsProblems(vars) {
  const example = readDevVars(`${workerDir}.dev.vars.example`) ?? {};
  const problems = [];
  for (const [name, value] of Object.entries(vars)) {
    if (value && (value === example[name] || value.endsWith("..."))) problems.push(`${name} is still the placeholder from .dev.vars.example`);
  }
  for (const name of ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"]) if (!vars[name]) problems.push(`${name} is missing or empty`);
  for (const name of ["STATE_SECRET", "ADMIN_TOKEN"]) {
    const weak = weakSecret(name, vars[name]);
    if (weak) problems.push(weak);
  }
  return problems;
}

/** Whether 127.0.0.1:`port` can be listened on right now. */
export async function portIsFree(port) {
  const server = await listenOn(port).catch((error) => {
    if (error.code === "EADDRINUSE" || error.code === "EACCES") return null;
    throw error;
  });
  if (!server) return false;
  await new Promise((resolve) => server.close(resolve));
  return true;
}

/** A plain TCP server on 127.0.0.1:`port` that holds the port; rejects (EADDRINUSE) if it is taken. */
export function listenOn(port) {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once("error", reject);
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/**
 * Runs `wrangler dev` on 127.0.0.1:`port` with `vars` added, and resolves once this run's Worker
 * answers: with strong secrets in `vars`, an /api request with its ADMIN_TOKEN must get past the
 * token check (another demo's Worker answers 401), so a server that already holds the port is
 * never taken for this one.
 *
 * `vars` reach wrangler as the .dev.vars of a private copy of the example's layout (see
 * `privateLayout`), never on its command line or in an environment, and no other .dev.vars or
 * env file is read. `persistTo` is where KV and Durable Objects keep their state (by default,
 * inside that private copy: gone when the Worker stops). Returns `{ url, exited, stop }`.
 */
export async function startWorker({ port = 8787, vars = {}, persistTo, log = false } = {}) {
  const inspectorPort = await freePort();
  const layout = privateLayout(vars);
  const removeLayout = () => rmSync(layout.dir, { recursive: true, force: true });
  const args = ["dev", "--config", layout.config, "--ip", "127.0.0.1", "--port", String(port),
    "--inspector-port", String(inspectorPort), "--show-interactive-dev-session=false"];
  if (persistTo) args.push("--persist-to", persistTo);
  // The settings go only through .dev.vars: none of them is inherited from this process's environment.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in vars)));
  const child = spawn(`${root}node_modules/.bin/wrangler`, args, {
    cwd: root,
    // No banner (its update check calls the npm registry) and no download of `Request.cf`'s data:
    // a local run stays on loopback.
    env: { ...env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true", NO_COLOR: "1" },
    stdio: ["ignore", log ? "inherit" : "pipe", log ? "inherit" : "pipe"],
  });
  // If this process exits first (an error, a signal it handles by exiting), wrangler goes too.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    removeLayout();
  };
  process.on("exit", onExit);
  // Without `log`, wrangler's output is kept for an error while it starts (its last 65,536
  // characters), then shown as it comes once `follow()` is called.
  let output = "";
  let following = false;
  if (!log) {
    for (const [stream, sink] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      stream.on("data", (chunk) => {
        if (following) sink.write(chunk);
        else output = (output + chunk).slice(-65_536);
      });
    }
  }
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => {
    removeLayout();
    process.off("exit", onExit);
    resolve(code ?? signal);
  }));
  const url = `http://127.0.0.1:${port}`;
  const ready = readinessProbe(url, vars);
  const deadline = Date.now() + 90_000;
  let answered = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      throw new Error(`wrangler dev exited (${child.exitCode ?? child.signalCode}) before its Worker answered on ${url}:\n${output}`);
    }
    answered = await ready().catch(() => false);
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!answered) {
    child.kill("SIGTERM");
    await exited;
    throw new Error(`wrangler dev's Worker did not answer on ${url} within 90 s:\n${output}`);
  }
  return {
    url,
    output: () => output,
    /** Shows the Worker's log (requests, `console.error`) from now on, as `log: true` does. */
    follow() {
      following = true;
      output = "";
    },
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * A check that is true once this run's Worker answers on `url`. With strong secrets: an
 * authorized lookup of a team no one has (a random id) gets the Worker's own 404. Otherwise (a
 * Worker started misconfigured on purpose, which refuses /api): /config.json answers.
 */
function readinessProbe(url, { STATE_SECRET, ADMIN_TOKEN: adminToken }) {
  if (weakSecret("STATE_SECRET", STATE_SECRET) || weakSecret("ADMIN_TOKEN", adminToken)) {
    return async () => (await fetch(`${url}/config.json`)).ok;
  }
  const probe = `${url}/api/installations/T-readiness-${randomBytes(6).toString("hex")}`;
  return async () => {
    const response = await fetch(probe, { headers: { authorization: `Bearer ${adminToken}` } });
    const body = await response.json().catch(() => null);
    return response.status === 404 && body?.error?.code === "not_found";
  };
}

/**
 * A private directory (mode 0700) laid out like examples/: the Worker's wrangler.toml copied, its
 * other files and examples/'s other folders linked, so every relative path in wrangler.toml
 * resolves as before, and a .dev.vars (mode 0600) holding `vars`, which wrangler reads as it
 * reads any .dev.vars: into the Worker's bindings only, shown as "(hidden)".
 */
function privateLayout(vars) {
  const examples = new URL("../", import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), "edge-oauth-dev-"));
  for (const entry of readdirSync(examples)) if (entry !== "worker") symlinkSync(join(examples, entry), join(dir, entry));
  const worker = join(dir, "worker");
  mkdirSync(worker);
  for (const entry of readdirSync(workerDir)) {
    if (entry === "wrangler.toml") copyFileSync(join(workerDir, entry), join(worker, entry));
    else if (!entry.startsWith(".dev.vars") && entry !== ".wrangler") symlinkSync(join(workerDir, entry), join(worker, entry));
  }
  writeFileSync(join(worker, ".dev.vars"), devVarsText(vars), { mode: 0o600 });
  return { dir, config: join(worker, "wrangler.toml") };
}

/**
 * `vars` as a .dev.vars that wrangler reads back exactly: each value in quotes it does not
 * contain, which dotenv reads verbatim.
 */
export function devVarsText(vars) {
  return Object.entries(vars).map(([name, value]) => {
    if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new Error(`not a variable name: ${JSON.stringify(name)}`);
    const text = String(value);
    const quote = ["'", "`", '"'].find((q) => !text.includes(q) && !text.endsWith("\\") && (q !== '"' || !text.includes("\\")));
    if (quote === undefined || /[\r\n]/.test(text)) throw new Error(`${name}: a value with line breaks or every kind of quote cannot go into .dev.vars`);
    return `${name}=${quote}${text}${quote}\n`;
  }).join("");
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
