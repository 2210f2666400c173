// Makes the hostile calls of one kind inside workerd (tests/workerd/hostile.test.mjs), then the
// normal calls that must still succeed, and answers with a JSON summary.
import * as lib from "edge-oauth";
import { HANG_MS, TIMED_OUT, casesOf, hostileGroups, makeClients, normalCalls, runHostile, within } from "../node/hostile-cases.mjs";

// Whatever escapes the package in this isolate.
const escaped = [];
addEventListener("unhandledrejection", (event) => escaped.push(`unhandledrejection: ${event.reason?.message ?? event.reason}`));
addEventListener("error", (event) => escaped.push(`error: ${event.error?.message ?? event.message}`));

const describe = (error) => `${error?.name}: ${error?.message}`;

export default {
  async fetch(request) {
    const { kind, calls, setup } = await request.json();
    const escapedBefore = escaped.length;
    // `calls` in all, shared among the entry points that take this kind; a failure of each is kept.
    const summary = { calls: 0, failures: [] };
    let s;
    try {
      s = makeClients(lib, setup);
      const batches = hostileGroups(lib, s).map((group) => casesOf(group, kind)).filter((cases) => cases.length > 0);
      for (const cases of batches) {
        const run = await runHostile(cases, Math.ceil(calls / batches.length));
        summary.calls += run.calls;
        if (run.failure) summary.failures.push(run.failure);
      }
    } catch (error) {
      return Response.json({ ...summary, failures: [...summary.failures, `the run itself failed: ${describe(error)}`] });
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    const normal = await within(normalCalls(lib, s).catch((error) => ({ error: describe(error) })), HANG_MS);
    return Response.json({
      ...summary,
      escaped: escaped.slice(escapedBefore),
      normal: normal === TIMED_OUT ? `did not settle within ${HANG_MS} ms` : normal,
    });
  },
};
