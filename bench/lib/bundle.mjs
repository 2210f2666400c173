// esbuild bundles of one Worker per library, as `wrangler deploy` would make them: ES modules,
// the `workerd`/`worker`/`browser` export conditions, the .wasm left beside the script as its own
// module (Workers compile wasm only from modules, never from bytes at run time).
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const BENCH = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(BENCH, ".build");

/** The Worker's main module: "minimal" answers one call; "bench" runs timed batches. */
function entry(library, kind) {
  const contender = `import contender from "./contenders/${library}.mjs";`;
  if (kind === "bench") return `${contender}\nimport { benchWorker } from "./worker/bench.mjs";\nexport default benchWorker(contender);\n`;
  return `${contender}
export default {
  async fetch(request, env) {
    const method = new URL(request.url).searchParams.get("method");
    return Response.json(await contender.methods[method](JSON.parse(env.TARGET))());
  },
};
`;
}

/**
 * Bundles; returns { dir, script, js (bytes), wasm: [paths] }. `pkgDir`: take `edge-oauth` from
 * that directory (another build of the package) instead of node_modules; `name` then tells the
 * bundles apart.
 */
export async function bundleWorker(library, kind, { pkgDir, name = library } = {}) {
  const dir = join(OUT, `${kind}-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const script = join(dir, "worker.mjs");
  await build({
    stdin: { contents: entry(library, kind), resolveDir: BENCH, sourcefile: `${kind}-${library}.mjs` },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    minify: true,
    outfile: script,
    logLevel: "error",
    plugins: [...(pkgDir ? [packageFrom(pkgDir)] : []), wasmBeside(dir), nodeBuiltins()],
  });
  const wasm = readdirSync(dir).filter((name) => name.endsWith(".wasm")).map((name) => join(dir, name));
  return { dir, script, js: statSync(script).size, wasm };
}

/** `edge-oauth` and `edge-oauth/web` from a package directory, with the workerd export condition. */
function packageFrom(pkgDir) {
  const entries = { "edge-oauth": "workerd.mjs", "edge-oauth/web": "edge_oauth.js" };
  return {
    name: "package-from",
    setup(b) {
      b.onResolve({ filter: /^edge-oauth(\/web)?$/ }, (args) => ({ path: resolve(pkgDir, entries[args.path]) }));
    },
  };
}

/** `import m from "./x.wasm"`: copy the file next to the bundle and keep the import. */
function wasmBeside(dir) {
  return {
    name: "wasm-beside",
    setup(b) {
      b.onResolve({ filter: /\.wasm$/ }, (args) => {
        copyFileSync(join(args.resolveDir, args.path), join(dir, basename(args.path)));
        return { path: `./${basename(args.path)}`, external: true };
      });
    },
  };
}

/**
 * Node built-ins stay imports of `node:*`, which workerd provides under `nodejs_compat` (only
 * @slack/web-api needs them). A CommonJS `require` of one becomes a small module importing it,
 * as wrangler does, since an ES module bundle cannot `require`.
 */
function nodeBuiltins() {
  const builtins = new Set(builtinModules);
  return {
    name: "node-builtins",
    setup(b) {
      b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
        const name = args.path.replace(/^node:/, "");
        if (!builtins.has(name)) return undefined;
        if (args.kind === "require-call") return { path: `node:${name}`, namespace: "node-require" };
        return { path: `node:${name}`, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: "node-require" }, ({ path }) => ({
        contents: `import m from "${path}";\nmodule.exports = m;\n`,
        loader: "js",
      }));
    },
  };
}
