// Bundles a Worker with wrangler (as `wrangler deploy` would) and runs it in workerd via Miniflare.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Miniflare } from "miniflare";

const root = new URL("../../", import.meta.url).pathname;

/** Bundles the Worker described by `configPath` into a temp dir; returns the entry script. */
export function bundle(configPath) {
  const outdir = mkdtempSync(join(tmpdir(), "edge-oauth-worker-"));
  execFileSync(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--config", configPath, "--outdir", outdir], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
  });
  // wrangler names the bundle after the Worker's main module.
  const [entry] = readdirSync(outdir).filter((name) => name.endsWith(".js"));
  return join(outdir, entry);
}

/** Starts Miniflare on a bundled script, with module rules for the JS and the .wasm. */
export function miniflare(scriptPath, options = {}) {
  return new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    ...options,
  });
}
