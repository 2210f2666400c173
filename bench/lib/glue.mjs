// Reaching a build's wasm exports straight through its glue (`edge_oauth.js`), for the tools that
// time the wasm's steps without the facade (wasm-steps.mjs, steps.mjs).

/**
 * The number, in this build's catalog, of the method whose prepared request goes to a URL
 * ending in `urlEnd`. Asked of the build itself, so builds whose catalogs differ compare the
 * same call, and no cargo run is needed.
 */
export function methodIndex(glue, texts, urlEnd) {
  for (let index = 0; index < 64; index += 1) {
    const answer = JSON.parse(glue.prepare(index, texts));
    if (answer.request?.url.endsWith(urlEnd)) return index;
  }
  throw new Error(`no method of this build sends a request to ...${urlEnd}`);
}

/**
 * `conclude` of a successful first attempt whose answer is `answer`, as this build takes it: since
 * 2026-12-05 the client's limits and the attempt's numbers are arguments (14 in all); before,
 * they were JSON text (`policy\0report`).
 */
export function concluder(glue, index, policy, spends, answer) {
  if (glue.conclude.length < 14) {
    const report = JSON.stringify({ spends, attempt: 0, now: Date.now(), elapsed: 1, jitter: 5, status: 200, contentType: "application/json" });
    const texts = `${JSON.stringify(policy)}\0${report}`;
    return () => glue.conclude(index, texts, answer);
  }
  const { timeout, deadline, maxBody, retries, rejectRateLimited } = policy;
  const texts = "application/json\0\0\0";
  return () => glue.conclude(index, timeout, deadline, maxBody, retries, rejectRateLimited, spends, 0, Date.now(), 1, 5, 200, texts, answer);
}
