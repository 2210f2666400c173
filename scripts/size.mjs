// `make size`: gzip -9 of every file a runtime loads, summed, against the budgets.
//   node scripts/size.mjs <main budget> <cloudflare budget>
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [mainBudget, cloudflareBudget] = process.argv.slice(2).map(Number);
const loaded = (dir) => readdirSync(dir).filter((name) => /\.(wasm|js|mjs)$/.test(name)).map((name) => `${dir}/${name}`);

function report(title, files, budget) {
  let total = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    total += gzipped;
    console.log(`${file.padEnd(28)} ${String(bytes.length).padStart(7)} bytes ${String(gzipped).padStart(7)} gzip -9`);
  }
  console.log(`${title}: ${total} bytes gzip -9 (budget ${budget})`);
  return total <= budget || (console.log(`${title} is over its budget by ${total - budget} bytes`), false);
}

const main = report("main entry", loaded("pkg"), mainBudget);
const cloudflare = report("edge-oauth/cloudflare adds", loaded("pkg/cloudflare"), cloudflareBudget);
process.exit(main && cloudflare ? 0 : 1);
