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

/**
 * The call a batch repeats. Built once, the contender's client (its setup: a constructor, the
 * floor's headers) is made here and reused, as by a long-lived server or a Worker's module
 * scope. Per request, every call builds it again, as a Worker does that makes its clients from
 * `env` in each request's handler.
 */
export function caller(contender, method, target, perRequest) {
  const setUp = contender.methods[method];
  return perRequest ? () => setUp(target)() : setUp(target);
}
