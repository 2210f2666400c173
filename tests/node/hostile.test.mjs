// Issue 7: no JS exception ever unwinds through wasm frames. For every entry point and every kind
// of hostile input (see hostile-cases.mjs), 10,000 calls each fail as validation errors (a
// constructor throws, a method rejects), nothing reaches the mock, no exception or rejection
// escapes, and then normal calls on the same clients succeed.
//   HOSTILE_CALLS=1000 node --test tests/node/hostile.test.mjs   (a quicker run)
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as lib from "edge-oauth";
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from "../mock/slack.mjs";
import { MOCK_PROJECT_ID, MOCK_SECRET } from "../mock/stytch.mjs";
import { useMock } from "./helpers.mjs";
import { HANG_MS, HEALTHY, KINDS, casesOf, hostileGroups, makeClients, normalCalls, runHostile, within } from "./hostile-cases.mjs";

const CALLS = Number(process.env.HOSTILE_CALLS ?? 10_000);
const s = { client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET, project_id: MOCK_PROJECT_ID, secret: MOCK_SECRET };
const groups = hostileGroups(lib, s);

// Whatever escapes the package: an exception thrown in a microtask, a rejection nobody handles.
const escaped = [];
const onUncaught = (error) => escaped.push(`uncaughtException: ${error?.message}`);
const onUnhandled = (reason) => escaped.push(`unhandledRejection: ${reason?.message}`);
const paths = (requests) => requests.map((request) => request.path);

describe("hostile inputs", () => {
  const mock = useMock();
  before(() => {
    makeClients(lib, Object.assign(s, { mockUrl: mock.current.url }));
    process.on("uncaughtException", onUncaught);
    process.on("unhandledRejection", onUnhandled);
  });
  after(() => {
    process.off("uncaughtException", onUncaught);
    process.off("unhandledRejection", onUnhandled);
  });

  for (const group of groups) {
    describe(group.name, () => {
      // Kinds that have no case here (no required param, no params object) get no test.
      for (const kind of Object.keys(KINDS).filter((kind) => casesOf(group, kind).length > 0)) {
        // No time limit: runHostile tells a call that never settles by a stall, not by a clock.
        test(`${kind}: ${CALLS} calls fail as validation errors, send nothing, and the instance stays healthy`, async () => {
          const cases = casesOf(group, kind); // built now that the mock's URL is known
          const escapedBefore = escaped.length;
          const run = await runHostile(cases, CALLS);
          assert.equal(run.failure, null, `after ${run.calls} of ${CALLS} calls (${cases.length} cases, ${run.ms} ms)`);
          await new Promise((resolve) => setImmediate(resolve));
          assert.deepEqual(escaped.slice(escapedBefore), [], "nothing escaped");
          assert.deepEqual(paths(mock.current.requests), [], "no hostile call reached the mock");
          assert.deepEqual(await within(normalCalls(lib, s), HANG_MS), HEALTHY.answers, "normal calls afterwards");
          assert.deepEqual(paths(mock.current.requests), HEALTHY.paths);
        });
      }
    });
  }
});
