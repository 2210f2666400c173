// What one timed unit of work is, the same in Node and in workerd: `calls` calls of one
// contender's method with `concurrency` of them in flight, every answer checked.

/** Throws unless `answer` is the success answer of `method` (the same test for every contender). */
export function check(method, answer) {
  const good =
    method === "stytch.slack" ? answer?.registrations?.length === 1
    : method === "apps.auth.external.get" ? answer?.ok === true && typeof answer.external_token === "string"
    : answer?.ok === true && typeof answer.access_token === "string";
  if (!good) throw new Error(`bad answer to ${method}: ${JSON.stringify(answer).slice(0, 200)}`);
}

/** Runs the calls: `concurrency` lanes, each starting its next call when its last one answers. */
export async function runBatch(method, call, calls, concurrency) {
  let started = 0;
  const lane = async () => {
    while (started < calls) {
      started += 1;
      check(method, await call());
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, lane));
}
