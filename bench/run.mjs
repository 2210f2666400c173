#!/usr/bin/env node
// `make bench`: edge-oauth against the floor and the official SDKs, in Node and in workerd.
// Writes bench/RESULTS.md. Knobs are env vars (lib/plan.mjs); see README.md.
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";

// The package under test is the one `make build` left in ../pkg, linked as node_modules/edge-oauth
// (a link, not a dependency: its version changes with every build; `npm install` would prune it).
const link = new URL("./node_modules/edge-oauth", import.meta.url).pathname;
if (!existsSync(new URL("../pkg/package.json", import.meta.url))) throw new Error("no ../pkg: run `make build` first");
mkdirSync(new URL("./node_modules/", import.meta.url), { recursive: true });
rmSync(link, { force: true });
symlinkSync("../../pkg", link);

await import("./lib/main.mjs");
