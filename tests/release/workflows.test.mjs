// What a release runs, checked here since this machine cannot reach GitHub: the workflows in
// .github/workflows/ parse, every `make X` they run is a target of the Makefile, every script
// they run exists, the release publishes only after `make test` (npm with provenance, the crate,
// the notes from CHANGELOG.md), and CHANGELOG.md has a section for the version in Cargo.toml.
// `npm publish --dry-run` of pkg/ shows what npm would get. (`cargo package` is `make test-crate`.)
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { promisify } from "node:util";
import { crateVersion, section } from "../../scripts/release-notes.mjs";
import { packageBuilt } from "../package/built.mjs";

const root = new URL("../../", import.meta.url).pathname;
const run = promisify(execFile);
// No YAML parser is a dependency of its own: playwright-core (pinned, for the browser tests)
// exports its bundled copy of the `yaml` package (YAML 1.2, so `on:` stays a key, not `true`).
const { yaml } = createRequire(import.meta.url)("playwright-core/lib/utilsBundle");

const dir = `${root}.github/workflows/`;
const workflows = Object.fromEntries(readdirSync(dir).filter((file) => /\.ya?ml$/.test(file))
  .map((file) => [file, yaml.parse(readFileSync(dir + file, "utf8"), { strict: true, uniqueKeys: true })]));

/** Every step of every job of `workflow`, with its job's name. */
const steps = (workflow) => Object.entries(workflow.jobs).flatMap(([job, { steps = [] }]) => steps.map((step) => ({ job, ...step })));

/** The Makefile's targets: the left side of every rule (not variables, not recipes). */
function makeTargets() {
  const targets = new Set();
  for (const line of readFileSync(`${root}Makefile`, "utf8").split("\n")) {
    const rule = /^([^\s#:=][^:=]*?)\s*:(?![:=])/.exec(line);
    if (rule) for (const target of rule[1].split(/\s+/)) targets.add(target);
  }
  return targets;
}

/** The targets of every `make …` command in a shell script (flags and VAR=value left out). */
function makeCalls(script) {
  const calls = [];
  for (const [, args] of script.matchAll(/(?:^|[;&|(])[ \t]*make((?:[ \t]+[^\s;&|)]+)*)/gm)) {
    calls.push(...args.trim().split(/\s+/).filter((arg) => arg && !arg.startsWith("-") && !arg.includes("=")));
  }
  return calls;
}

test("every workflow parses, and has a trigger and jobs with steps", () => {
  assert.ok(Object.keys(workflows).length >= 2, "release.yml and ci.yml");
  for (const [file, workflow] of Object.entries(workflows)) {
    assert.ok(workflow.on, `${file}: no "on"`);
    assert.ok(Object.keys(workflow.jobs ?? {}).length, `${file}: no jobs`);
    for (const step of steps(workflow)) assert.ok(step.run || step.uses, `${file}: job ${step.job} has a step with neither run nor uses`);
    for (const [job, { needs = [] }] of Object.entries(workflow.jobs)) {
      for (const need of [needs].flat()) assert.ok(workflow.jobs[need], `${file}: job ${job} needs ${need}, which is not a job`);
    }
  }
});

test("every `make X` a workflow runs is a target of the Makefile, and every script it runs exists", () => {
  const targets = makeTargets();
  let calls = 0;
  for (const [file, workflow] of Object.entries(workflows)) {
    for (const step of steps(workflow).filter((s) => s.run)) {
      for (const target of makeCalls(step.run)) {
        calls++;
        assert.ok(targets.has(target), `${file}: job ${step.job} runs \`make ${target}\`, which the Makefile does not have`);
      }
      for (const [, script] of step.run.matchAll(/\bnode\s+(\S+\.m?js)\b/g)) assert.ok(existsSync(root + script), `${file}: ${script} does not exist`);
    }
  }
  assert.ok(calls >= 3, "the workflows run make test (twice) and make pack");
  // The check itself: a target that is not there is found.
  assert.deepEqual(makeCalls("make test\ncd x && make --no-print-directory pack V=1\napt-get install git make gcc"), ["test", "pack"]);
  assert.ok(!targets.has("no-such-target") && targets.has("test-release") && targets.has("pack"));
});

test("a release publishes on a version tag only, and only what `make test` passed", () => {
  const release = workflows["release.yml"];
  assert.deepEqual(Object.keys(release.on), ["push"]);
  assert.deepEqual(Object.keys(release.on.push), ["tags"]);
  assert.ok(release.on.push.tags.every((glob) => glob.startsWith("v")));
  assert.deepEqual(release.permissions, { contents: "read" }, "the workflow's default token only reads");
  const all = steps(release);
  const jobOf = (pattern) => {
    const found = all.filter((step) => pattern.test(step.run ?? ""));
    assert.equal(found.length, 1, `one step runs ${pattern}`);
    return found[0];
  };
  const tested = jobOf(/^make test$/m).job;
  const before = (job) => [release.jobs[job].needs ?? []].flat().flatMap((need) => [need, ...before(need)]);

  const npm = jobOf(/\bnpm publish\b/);
  assert.match(npm.run, /^npm publish --provenance\b/m);
  assert.equal(npm["working-directory"], "pkg");
  assert.equal(release.jobs[npm.job].permissions?.["id-token"], "write", "provenance needs the OIDC token");
  assert.ok(before(npm.job).includes(tested), "npm publish runs after make test");
  assert.ok(steps(release).some((s) => s.job === npm.job && /download-artifact/.test(s.uses ?? "")), "npm publishes the tested pkg/, not a rebuild");
  assert.match(release.jobs[npm.job].steps.find((s) => /setup-node/.test(s.uses ?? "")).with["registry-url"], /^https:\/\/registry\.npmjs\.org/);

  const crate = jobOf(/\bcargo publish\b/);
  assert.ok(before(crate.job).includes(tested), "cargo publish runs after make test");
  assert.match(crate.env?.CARGO_REGISTRY_TOKEN ?? "", /secrets\./);

  const notes = jobOf(/release-notes\.mjs --tag "\$GITHUB_REF_NAME" >/);
  assert.match(jobOf(/gh release create/).run, /--notes-file release-notes\.md/);
  assert.ok(before(notes.job).includes(npm.job) && before(notes.job).includes(crate.job), "the release is made once both are published");
  assert.equal(release.jobs[notes.job].permissions?.contents, "write");
  // The tag is checked before anything is built.
  const first = release.jobs[tested].steps.findIndex((s) => /release-notes\.mjs --tag/.test(s.run ?? ""));
  assert.ok(first >= 0 && first < release.jobs[tested].steps.findIndex((s) => s.run === "make test"));
});

test("CHANGELOG.md has a section for the version in Cargo.toml, which the release reads", async () => {
  const version = crateVersion();
  const found = section(readFileSync(`${root}CHANGELOG.md`, "utf8"), version);
  assert.ok(found, `CHANGELOG.md has no "## ${version}" section`);
  assert.ok(found.notes.length > 20, "and it says something");
  const { stdout } = await run("node", [`${root}scripts/release-notes.mjs`]);
  assert.equal(stdout, `${found.notes}\n`);
  // At a tag: the tag must be the version, and the section dated.
  const tagged = await run("node", [`${root}scripts/release-notes.mjs`, "--tag", "v99.0.0"]).catch((error) => error);
  assert.match(tagged.stderr, /the tag is v99\.0\.0 but Cargo\.toml says version /);
  const sample = "# Changelog\n\n## 1.1.0 - Unreleased\n\n- later\n\n## [1.0.0] - 2026-12-01\n\n- first\n";
  assert.deepEqual(section(sample, "1.0.0"), { heading: "## [1.0.0] - 2026-12-01", date: "2026-12-01", notes: "- first" });
  assert.deepEqual(section(sample, "1.1.0"), { heading: "## 1.1.0 - Unreleased", date: null, notes: "- later" });
  assert.equal(section(sample, "1.0"), null);
});

test("npm publish --dry-run of pkg/: the package and version a release would publish", async () => {
  await packageBuilt();
  const { stdout } = await run("npm", ["publish", "--dry-run", "--json", "--ignore-scripts", "--loglevel=error"], { cwd: `${root}pkg` });
  const answer = JSON.parse(stdout);
  const published = answer["edge-oauth"] ?? answer; // npm 11 keys it by name
  const manifest = JSON.parse(readFileSync(`${root}pkg/package.json`, "utf8"));
  assert.deepEqual([published.name, published.version], ["edge-oauth", crateVersion()]);
  assert.equal(manifest.version, crateVersion(), "the npm version is the crate's");
  assert.ok(published.files.some((file) => file.path === "edge_oauth_bg.wasm"));
});
