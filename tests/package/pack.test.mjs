// The package as `npm publish` would ship it: the exact file list of `npm pack`, every file the
// manifest points to inside it, the README written for users, and publint and
// @arethetypeswrong/cli on the packed package. Needs `make build` first.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { promisify } from "node:util";
import { render, strip } from "../../scripts/readme.mjs";
import { packageBuilt } from "./built.mjs";

const root = new URL("../../", import.meta.url).pathname;
const pkg = `${root}pkg`;
const bin = `${root}node_modules/.bin/`;
const run = promisify(execFile);

// What the tarball holds, and nothing else. A new file in the package is added here on purpose.
const FILES = [
  "LICENSE", "README.md", "browser.mjs", "client.mjs", "client.mjs.map", "edge_oauth.d.ts", "edge_oauth.js",
  "edge_oauth_bg.wasm", "index.d.ts", "node.mjs", "package.json", "workerd.mjs",
  "cloudflare/index.d.ts", "cloudflare/index.mjs", "cloudflare/index.mjs.map",
];

/** Runs `step` once pkg/ is complete; `make build` elsewhere may remove it mid-run, so retry. */
async function withPackage(step) {
  for (let attempt = 1; ; attempt++) {
    await packageBuilt();
    try {
      return await step();
    } catch (error) {
      if (attempt === 3 || existsSync(`${pkg}/README.md`)) throw error;
    }
  }
}

const manifest = () => JSON.parse(readFileSync(`${pkg}/package.json`, "utf8"));

/** Every file path in `exports`, `main`, `types` and `sideEffects`. */
function pointedTo(json) {
  const paths = [json.main, json.types, ...json.sideEffects];
  const walk = (value) => (typeof value === "string" ? paths.push(value) : Object.values(value).forEach(walk));
  walk(json.exports);
  return [...new Set(paths.map((path) => path.replace(/^\.\//, "")))].sort();
}

test("npm pack ships exactly the package's files", async () => {
  const packed = await withPackage(async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkg });
    return JSON.parse(stdout)[0];
  });
  const files = packed.files.map((file) => file.path).sort();
  assert.deepEqual(files, [...FILES].sort());
  const json = manifest();
  for (const path of pointedTo(json)) assert.ok(files.includes(path), `${path} is pointed to by package.json but not packed`);
  assert.deepEqual([packed.name, packed.version], [json.name, json.version]);
});

test("the manifest says where the project lives", () => {
  const json = manifest();
  assert.match(json.repository?.url ?? "", /^git\+https:\/\/.+\.git$/);
  assert.match(json.homepage ?? "", /^https:\/\//);
  assert.match(json.bugs?.url ?? "", /^https:\/\//);
  assert.equal(json.license, "MIT");
});

test("the package's README is the one written for users, snippets inlined, no build talk", () => {
  const template = readFileSync(`${root}pkg-template/README.md`, "utf8");
  const shipped = readFileSync(`${pkg}/README.md`, "utf8");
  assert.equal(shipped, strip(render(template)), "pkg/README.md is pkg-template/README.md without the markers");
  assert.doesNotMatch(shipped, /`make|\bmake (build|test|demo)|examples\/|tests\/|src\/|pkg-template|<!-- (snippet|generated)/);
});

test("publint finds nothing", async () => {
  const { stdout } = await withPackage(() => run(`${bin}publint`, ["--strict", pkg]));
  assert.match(stdout, /All good!/, stdout);
});

// ESM only: `--profile esm-only` leaves out node10 (`moduleResolution: "node"`, which cannot see
// subpath exports such as `edge-oauth/web`) and CommonJS callers, whom the checker's TypeScript
// (5.6) tells they need `import()`, although Node ≥ 20.19 `require`s the package. The `.wasm`
// export is an asset for bundlers, not a module with types.
test("@arethetypeswrong/cli finds nothing", async () => {
  const args = ["--pack", pkg, "--profile", "esm-only", "--exclude-entrypoints", "./edge_oauth_bg.wasm", "--format", "table-flipped"];
  // attw exits non-zero on any problem outside the ignored resolutions; its table is then the message.
  await withPackage(() => run(`${bin}attw`, args, { env: { ...process.env, FORCE_COLOR: "0" } }));
});
