// `make size`: gzip -9 of every file a runtime loads, summed, against the budgets; then what each
// method costs: the main entry built without it (src/catalog.rs leaves out the method named by
// EDGE_OAUTH_WITHOUT, the facade's catalog drops its entry), with the same steps as `make build`
// (scripts/entry.sh), in target/size/ so pkg/ and target/'s own build stay as they are.
//   node scripts/size.mjs <main budget> <cloudflare budget>
// Cargo builds one variant while wasm-opt optimises the one before: about 20 s a method here.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [mainBudget, cloudflareBudget] = process.argv.slice(2).map(Number);
const loaded = (dir) => readdirSync(dir).filter((name) => /\.(wasm|js|mjs)$/.test(name));
const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function report(title, dir, budget) {
  let total = 0;
  for (const name of loaded(dir)) {
    const file = `${dir}/${name}`;
    const gzipped = gzip(file);
    total += gzipped;
    console.log(`${file.padEnd(28)} ${String(readFileSync(file).length).padStart(7)} bytes ${String(gzipped).padStart(7)} gzip -9`);
  }
  console.log(`${title}: ${total} bytes gzip -9 (budget ${budget})`);
  if (total > budget) console.log(`${title} is over its budget by ${total - budget} bytes`);
  return total;
}

const main = report("main entry", "pkg", mainBudget);
const cloudflare = report("edge-oauth/cloudflare adds", "pkg/cloudflare", cloudflareBudget);

// The files a method can change: the wasm, and the facade (its bundle with the catalog, the glue).
const WASM = "edge_oauth_bg.wasm";
const FACADE = ["client.mjs", "edge_oauth.js"];
const sizes = (dir) => ({ wasm: gzip(`${dir}/${WASM}`), facade: FACADE.reduce((sum, name) => sum + gzip(`${dir}/${name}`), 0) });

function run(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("scripts/entry.sh", args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`scripts/entry.sh ${args[0]}: ${stderr}`))));
  });
}

const started = Date.now();
const catalogJson = execFileSync("cargo", ["run", "--quiet", "--features", "typescript", "--bin", "typescript", "--", "catalog"], { encoding: "utf8" });
const catalog = JSON.parse(catalogJson);
const full = sizes("pkg");
const env = { CARGO_TARGET_DIR: "target/size" };
let optimising = Promise.resolve();
const measured = [];
for (const { path } of catalog.methods) {
  const dir = `target/size/without-${path}`;
  mkdirSync(dir, { recursive: true });
  await run(["wasm", dir], { ...env, EDGE_OAUTH_WITHOUT: path });
  const without = { ...catalog, methods: catalog.methods.filter((method) => method.path !== path) };
  // The next cargo build starts while this one is optimised; the optimisations run one at a time.
  optimising = optimising.then(() => run(["opt", dir])).then(() => run(["facade", dir, JSON.stringify(without)]));
  measured.push(optimising.then(() => ({ path, ...sizes(dir) })));
}
const costs = await Promise.all(measured);

console.log("\nwhat each method costs (gzip -9; the main entry built without it):");
console.log(`${"method".padEnd(46)} ${"wasm".padStart(6)} ${"facade".padStart(6)} ${"total".padStart(6)}`);
for (const { path, wasm, facade } of costs) {
  const [w, f] = [full.wasm - wasm, full.facade - facade];
  console.log(`${path.padEnd(46)} ${String(w).padStart(6)} ${String(f).padStart(6)} ${String(w + f).padStart(6)}`);
}
console.log(`headroom: ${mainBudget - main} bytes gzip -9 of the main entry's ${mainBudget}`);
console.log(`(${costs.length} variants built in ${Math.round((Date.now() - started) / 1000)} s)`);
process.exit(main <= mainBudget && cloudflare <= cloudflareBudget ? 0 : 1);
