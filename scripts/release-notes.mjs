#!/usr/bin/env node
// The release notes of one version: its section of CHANGELOG.md (a `## <version>` heading, up to
// the next `## `), without the heading. The release workflow publishes them with the tag.
//   node scripts/release-notes.mjs [version]   print them (default: the version in Cargo.toml)
//   node scripts/release-notes.mjs --tag vX.Y.Z  the same, after checking that the tag is
//     Cargo.toml's version and that its section has a date (not "Unreleased")
import { readFileSync } from "node:fs";

const root = new URL("../", import.meta.url).pathname;

/** The crate's version, which `make build` also gives the npm package. */
export function crateVersion(text = readFileSync(`${root}Cargo.toml`, "utf8")) {
  const version = /^\[package\][^[]*?^version = "([^"]+)"/m.exec(text)?.[1];
  if (!version) throw new Error("Cargo.toml has no [package] version");
  return version;
}

/** `{ heading, date, notes }` of `version`'s section in `changelog`, or null if it has none. */
export function section(changelog, version) {
  const lines = changelog.split("\n");
  const start = lines.findIndex((line) => new RegExp(`^## \\[?${version.replace(/\./g, "\\.")}\\]?(?:\\s|$)`).test(line));
  if (start < 0) return null;
  const end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  const notes = lines.slice(start + 1, end < 0 ? undefined : end).join("\n").trim();
  const date = /\b(\d{4}-\d{2}-\d{2})\b/.exec(lines[start])?.[1] ?? null;
  return { heading: lines[start], date, notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fail = (message) => {
    console.error(`release-notes: ${message}`);
    process.exit(1);
  };
  const args = process.argv.slice(2);
  const version = crateVersion();
  const tag = args[0] === "--tag" ? args[1] : null;
  if (tag !== null && tag !== `v${version}`) fail(`the tag is ${tag || "(none)"} but Cargo.toml says version ${version}: tag v${version}`);
  const wanted = tag === null ? args[0] ?? version : version;
  const found = section(readFileSync(`${root}CHANGELOG.md`, "utf8"), wanted);
  if (!found) fail(`CHANGELOG.md has no "## ${wanted}" section`);
  if (!found.notes) fail(`CHANGELOG.md's section for ${wanted} is empty`);
  if (tag !== null && !found.date) fail(`CHANGELOG.md's "${found.heading}" has no date: give it the release's date before tagging`);
  process.stdout.write(`${found.notes}\n`);
}
