// The scenario in Vercel's Edge Runtime (npm `edge-runtime`): a VM with the edge APIs only, which
// evaluates one classic script (no ES modules, no Node APIs). So the scenario is bundled the way
// Vercel bundles an Edge Function: esbuild, Next.js's edge conditions (`edge-light`, `worker`,
// `browser`), each `.wasm` import bound to a WebAssembly.Module global that the host compiles
// before the code runs (the package itself never compiles wasm from bytes, as on Vercel).
// Prints one JSON line like run.mjs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { EdgeRuntime } from "edge-runtime";

const here = fileURLToPath(new URL(".", import.meta.url));
const wasmFiles = new Map(); // global name -> file
const wasmAsModule = {
  name: "wasm-as-module",
  setup(build) {
    build.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => {
      const file = resolve(args.resolveDir, args.path.replace(/\?module$/, ""));
      const name = `wasm_${wasmFiles.size}`;
      wasmFiles.set(name, file);
      return { path: name, namespace: "wasm-module" };
    });
    build.onLoad({ filter: /.*/, namespace: "wasm-module" }, (args) => ({
      contents: `export default globalThis[${JSON.stringify(args.path)}];`, loader: "js",
    }));
  },
};

const built = await esbuild.build({
  stdin: {
    contents: `import * as api from "edge-oauth";
      import { scenario } from "./scenario.mjs";
      globalThis.__results = scenario(api, process.env.MOCK_URL);`,
    resolveDir: here, loader: "js",
  },
  bundle: true, write: false, metafile: true, format: "iife", platform: "neutral", target: "es2022",
  conditions: ["edge-light", "worker", "browser"], plugins: [wasmAsModule], logLevel: "silent",
});
const entry = built.metafile.inputs["<stdin>"].imports.find((imported) => imported.original === "edge-oauth").path;

const runtime = new EdgeRuntime({
  extend(context) {
    context.process = { env: { MOCK_URL: process.env.MOCK_URL } }; // as Vercel exposes env vars
    return context;
  },
});
for (const [name, file] of wasmFiles) {
  // Compiled in the VM's realm, so `instanceof WebAssembly.Module` holds inside it.
  runtime.context.__bytes = readFileSync(file);
  runtime.evaluate(`globalThis[${JSON.stringify(name)}] = new WebAssembly.Module(__bytes); delete globalThis.__bytes;`);
}
runtime.evaluate(built.outputFiles[0].text);
const results = await runtime.context.__results;
const { version } = createRequire(import.meta.url)("edge-runtime/package.json");
console.log(JSON.stringify({ runtime: `edge-runtime ${version}`, entry: resolve(entry), results }));
