// Shared by the Node tests: start the mock once per file, and check errors thoroughly.
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { after, before, beforeEach } from "node:test";
import { startMock } from "../mock/server.mjs";

/** Starts the mock for the calling test file; `mock.current` is set before tests run. */
export function useMock() {
  const holder = { current: null };
  before(async () => { holder.current = await startMock(); });
  beforeEach(() => holder.current.reset());
  after(() => holder.current.close());
  return holder;
}

/** Awaits `promise`, asserts it rejects with an EdgeOAuthError matching `expected`, returns it. */
export async function rejectsWith(promise, expected) {
  let error;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  assert.ok(error, "expected a rejection");
  assert.ok(error instanceof Error, "an Error instance");
  assert.equal(error.name, "EdgeOAuthError", `name of ${inspect(error)}`);
  for (const [key, value] of Object.entries(expected)) {
    assert.deepEqual(error[key], value, `${key} of ${inspect(error)}`);
  }
  return error;
}

/** Asserts no secret appears anywhere a user could print an error. */
export function assertNoSecrets(error, secrets) {
  const views = [error.message, String(error), inspect(error, { depth: 10 }), JSON.stringify(error), error.stack ?? ""];
  for (const secret of secrets) {
    for (const view of views) assert.ok(!view.includes(secret), `secret ${secret} leaked into: ${view}`);
  }
}
