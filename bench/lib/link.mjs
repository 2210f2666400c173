// The package under test is the one `make build` left in ../pkg, linked as node_modules/edge-oauth
// (a link, not a dependency: its version changes with every build; `npm install` would prune it).
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";

export function linkPackage() {
  const link = new URL("../node_modules/edge-oauth", import.meta.url).pathname;
  if (!existsSync(new URL("../../pkg/package.json", import.meta.url))) throw new Error("no ../pkg: run `make build` first");
  mkdirSync(new URL("../node_modules/", import.meta.url), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync("../../pkg", link);
}
