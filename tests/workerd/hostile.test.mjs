// Issue 7 inside workerd: for each kind of hostile input, 10,000 calls shared among every entry
// point (hostile-worker.mjs, cases from tests/node/hostile-cases.mjs) fail as validation errors,
// nothing reaches the mock, nothing escapes, and then normal calls to the mock succeed.
//   HOSTILE_CALLS=1000 node --test tests/workerd/hostile.test.mjs   (a quicker run)
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startMock } from "../mock/server.mjs";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { HEALTHY, KINDS } from "../node/hostile-cases.mjs";
import { bundle, miniflare } from "./harness.mjs";

const CALLS = Number(process.env.HOSTILE_CALLS ?? 10_000);

/** A wrangler config for hostile-worker.mjs, written to a temp dir. */
function workerConfig() {
  const path = join(mkdtempSync(join(tmpdir(), "edge-oauth-hostile-")), "wrangler.toml");
  const main = new URL("./hostile-worker.mjs", import.meta.url).pathname;
  writeFileSync(path, `name = "edge-oauth-hostile"\nmain = ${JSON.stringify(main)}\ncompatibility_date = "2026-04-01"\n`);
  return path;
}

let mock, mf;
before(async () => {
  mock = await startMock();
  mf = miniflare(bundle(workerConfig()));
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
  await mock?.close();
});

for (const kind of Object.keys(KINDS)) {
  // No time limit: the worker tells a call that never settles by a stall (runHostile), not by a clock.
  test(`${kind}: ${CALLS} calls inside workerd fail as validation errors, send nothing, and the instance stays healthy`, async () => {
    mock.reset();
    const setup = { mockUrl: mock.url, client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET, project_id: MOCK_PROJECT_ID, secret: MOCK_SECRET };
    const response = await mf.dispatchFetch("http://worker.test/", { method: "POST", body: JSON.stringify({ kind, calls: CALLS, setup }) });
    assert.equal(response.status, 200, await response.clone().text());
    const summary = await response.json();
    assert.deepEqual(summary.failures, [], `${summary.calls} calls made`);
    assert.ok(summary.calls >= CALLS, `${summary.calls} calls made`);
    assert.deepEqual(summary.escaped, [], "nothing escaped");
    assert.deepEqual(summary.normal, HEALTHY.answers, "normal calls afterwards");
    assert.deepEqual(mock.requests.map((r) => r.path), HEALTHY.paths, "only the normal calls reached the mock");
  });
}
