// The entry's types and its runtime exports match exactly: every value the `.d.ts` declares
// exists, and nothing else is exported (no `init`, no internal classes).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const declarations = readFileSync(new URL("../../pkg/index.d.ts", import.meta.url), "utf8");

test("the entry exports exactly the values its types declare", async () => {
  const declared = [...declarations.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]);
  const exported = Object.keys(await import("edge-oauth"));
  assert.deepEqual(exported.sort(), declared.sort());
  assert.ok(!/export default/.test(declarations), "no default export is declared");
});

test("every entry re-exports the one facade", () => {
  for (const entry of ["node.mjs", "workerd.mjs", "browser.mjs"]) {
    const source = readFileSync(new URL(`../../pkg/${entry}`, import.meta.url), "utf8");
    assert.match(source, /export\s*\*\s*from\s*"\.\/client\.mjs"/, entry);
  }
});
