// Every README snippet passes a strict type check against the package's types, as a TypeScript
// user would run it: the Workers under `tsc --strict` with the runtime types and `Env` that
// `wrangler types` writes, Node, Bun and the Vite page under `tsc --strict` (tsconfig.json here),
// and the Deno one under `deno check` (strict by default). A query parameter is `string | null`,
// so a snippet that hands it on unchecked fails here.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { packageBuilt } from "../package/built.mjs";

const root = new URL("../../", import.meta.url).pathname;
const snippets = join(root, "examples/snippets");
const bin = join(root, "node_modules/.bin");
const run = promisify(execFile);
const HANG_MS = 180_000;
const temporary = [];
after(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

await packageBuilt();

/** Runs a checker; fails the test with its output when it reports anything. */
async function check(command, args, options) {
  const result = await run(command, args, { timeout: HANG_MS, env: { ...process.env, NO_COLOR: "1", WRANGLER_SEND_METRICS: "false" }, ...options })
    .then(() => null, (error) => `${error.stdout ?? ""}${error.stderr ?? ""}` || error.message);
  assert.equal(result, null, result ?? "");
}

test("every snippet is in one of the checks below", () => {
  const checked = ["node.mjs", "bun.mjs", "vite", "deno.ts", "error-response.mjs", "worker.mjs", "stytch-worker.mjs", "installations-worker.mjs", "installations-wrangler.toml"];
  // (.wrangler/ is wrangler's cache, left by the bundling in snippets.test.mjs.)
  assert.deepEqual(readdirSync(snippets).filter((name) => !name.startsWith(".")).sort(), checked.sort());
});

test("Node, Bun and the Vite page: tsc --strict", async () => {
  await check(join(bin, "tsc"), ["-p", join(root, "tests/snippets/tsconfig.json")]);
});

/** The Worker snippets in a Worker project: `wrangler types` run on installations-wrangler.toml
 * and the secrets' names; resolves to that directory. */
let workerProject;
function workersProject() {
  workerProject ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "edge-oauth-snippet-types-"));
    temporary.push(dir);
    for (const file of ["error-response.mjs", "worker.mjs", "stytch-worker.mjs"]) copyFileSync(join(snippets, file), join(dir, file));
    // `wrangler types` refers to the main module without its extension, which finds a `.js` only.
    copyFileSync(join(snippets, "installations-worker.mjs"), join(dir, "installations-worker.js"));
    const toml = readFileSync(join(snippets, "installations-wrangler.toml"), "utf8");
    writeFileSync(join(dir, "wrangler.toml"), toml.replace(/^main = "installations-worker\.mjs"$/m, 'main = "installations-worker.js"'));
    // The secrets, by name, as `.dev.vars` gives them to `wrangler types` (and `wrangler dev`).
    const secrets = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET", "STATE_SECRET", "TOKEN_KEYS", "SLACK_API_URL"];
    writeFileSync(join(dir, ".dev.vars"), secrets.map((name) => `${name}=x\n`).join(""));
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(root, "pkg"), join(dir, "node_modules/edge-oauth"));
    // The runtime's types, and apart from them the `Env` of installations-wrangler.toml, which
    // imports its main module (the other Workers type their own, smaller `Env`).
    await check(join(bin, "wrangler"), ["types", "runtime.d.ts", "--include-env=false"], { cwd: dir });
    await check(join(bin, "wrangler"), ["types", "env.d.ts", "--include-runtime=false"], { cwd: dir });
    return dir;
  })();
  return workerProject;
}

/** `tsc --strict` of `files` in the Worker project, with the runtime's types from `wrangler types`. */
async function checkWorkers(files) {
  const dir = await workersProject();
  const config = `tsconfig-${files[0]}.json`;
  writeFileSync(join(dir, config), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, allowJs: true, checkJs: true, target: "ES2022", module: "ES2022",
      moduleResolution: "Bundler", lib: ["ES2022"], types: [], skipLibCheck: false,
    },
    files: ["runtime.d.ts", ...files],
  }));
  await check(join(bin, "tsc"), ["-p", join(dir, config)]);
}

test("the Workers on the main entry: tsc --strict with `wrangler types`", async () => {
  await checkWorkers(["error-response.mjs", "worker.mjs", "stytch-worker.mjs"]);
});

test("installations-worker.mjs: tsc --strict with `wrangler types`", async () => {
  await checkWorkers(["env.d.ts", "installations-worker.js"]);
});

const deno = join(root, "tests/runtimes/node_modules/.bin/deno");
test("deno.ts: deno check", { skip: !existsSync(deno) && "no Deno in tests/runtimes/node_modules" }, async () => {
  await check(deno, ["check", "deno.ts"], { cwd: snippets });
});
