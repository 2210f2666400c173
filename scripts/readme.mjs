#!/usr/bin/env node
// Keeps the code in READMEs equal to the snippet files the tests run. Between
//   <!-- snippet: examples/snippets/worker.mjs -->  and  <!-- /snippet -->
// goes that file (path from the repository root), fenced; between
//   <!-- include: pkg-template/README.md -->  and  <!-- /include -->
// goes the part of that README between its <!-- shared --> and <!-- /shared --> lines (the
// repository's README carries the package's documentation without a second copy); between
//   <!-- generated: methods slack -->  (or `retries`)  and  <!-- /generated -->
// goes that block, made from the method catalog (scripts/readme-generated.mjs).
//   node scripts/readme.mjs [README…]          rewrite them (default: every README with markers)
//   node scripts/readme.mjs --check [README…]  exit 1 if one is out of date
//   node scripts/readme.mjs --strip README     print it without the markers (for the npm package)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { GENERATED, generated } from "./readme-generated.mjs";

const root = new URL("../", import.meta.url).pathname;
const BLOCK = /<!-- snippet: (\S+) -->\n[\s\S]*?<!-- \/snippet -->/g;
const LANGUAGES = { ".mjs": "js", ".js": "js", ".ts": "ts", ".html": "html", ".toml": "toml", ".json": "json", ".sh": "sh" };

const INCLUDE = /<!-- include: (\S+) -->\n[\s\S]*?<!-- \/include -->/g;
const SHARED = /<!-- shared -->\n([\s\S]*?)<!-- \/shared -->/;

/** The README with every include and snippet block refilled from its file. */
export function render(text) {
  const included = text.replace(INCLUDE, (_, path) => {
    const shared = SHARED.exec(readFileSync(join(root, path), "utf8"))?.[1] ?? "";
    return `<!-- include: ${path} -->\n${strip(renderBlocks(shared))}<!-- /include -->`;
  });
  return renderBlocks(included);
}

function renderBlocks(text) {
  const filled = text.replace(GENERATED, (_, name) => `<!-- generated: ${name} -->\n${generated(name)}<!-- /generated -->`);
  return filled.replace(BLOCK, (_, path) => {
    const code = readFileSync(join(root, path), "utf8").replace(/\n*$/, "\n");
    const fence = code.includes("```") ? "````" : "```";
    return `<!-- snippet: ${path} -->\n${fence}${LANGUAGES[extname(path)] ?? ""}\n${code}${fence}\n<!-- /snippet -->`;
  });
}

/** The README as readers get it: the markers' lines removed. */
export function strip(text) {
  return text.replace(/^<!-- \/?(snippet|include|shared|generated)(: [^>]+?)? -->\n/gm, "");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const mode = args[0]?.startsWith("--") ? args.shift() : "--write";
  const files = args.length ? args.map((file) => resolve(file)) : ["pkg-template/README.md", "README.md"].map((file) => join(root, file));
  if (mode === "--strip") {
    process.stdout.write(strip(render(readFileSync(files[0], "utf8"))));
  } else {
    let stale = 0;
    for (const file of files.filter((f) => existsSync(f))) {
      const text = readFileSync(file, "utf8");
      const fresh = render(text);
      if (fresh === text) continue;
      if (mode === "--check") {
        console.error(`${file}: out of date with its snippets or the catalog; run \`node scripts/readme.mjs\``);
        stale++;
      } else {
        writeFileSync(file, fresh);
        console.log(`updated ${file}`);
      }
    }
    process.exitCode = stale ? 1 : 0;
  }
}
